"""GeoDataFrames into Processing feature sinks and QGIS layers."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import shapely
from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsFeatureSink, QgsFields, QgsGeometry,
                       QgsProcessingException, QgsWkbTypes)

from .qgis_compat import make_field


def field_kind(series: pd.Series) -> str:
    """The QGIS field kind that holds a column."""
    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_float_dtype(series):
        return "float"
    return "str"


def fields_for(frame: pd.DataFrame) -> QgsFields:
    """QgsFields for every non-geometry column of a frame."""
    fields = QgsFields()
    for name in frame.columns:
        if name != frame.geometry.name:
            fields.append(make_field(str(name), field_kind(frame[name])))
    return fields


def _value(value):
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value if isinstance(value, (int, float, str, bool)) else str(value)


def add_frame_to_sink(frame, sink: QgsFeatureSink, fields: QgsFields, feedback=None) -> int:
    """Add every row of a GeoDataFrame to a sink as multi-geometries; return the count added."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    geoms = shapely.to_wkb(_as_multi(frame.geometry.values), include_srid=False)
    records = frame[columns].itertuples(index=False, name=None)
    total = max(len(frame), 1)
    for i, (wkb, record) in enumerate(zip(geoms, records)):
        if feedback is not None and feedback.isCanceled():
            break
        feature = QgsFeature(fields)
        geometry = QgsGeometry()
        geometry.fromWkb(wkb)
        feature.setGeometry(geometry)
        feature.setAttributes([_value(v) for v in record])
        if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
            raise QgsProcessingException(f"could not write feature {i}")
        if feedback is not None and i % 500 == 0:
            feedback.setProgress(100.0 * i / total)
    return len(frame)


def _as_multi(geoms: np.ndarray) -> np.ndarray:
    polygons = shapely.get_type_id(geoms) == 3
    out = np.array(geoms, dtype=object)
    out[polygons] = [shapely.MultiPolygon([g]) for g in out[polygons]]
    return out


def wkb_type(frame) -> int:
    """MultiPolygon, with Z when the frame's geometries have it."""
    has_z = len(frame) and bool(shapely.has_z(frame.geometry.values).any())
    return QgsWkbTypes.MultiPolygonZ if has_z else QgsWkbTypes.MultiPolygon


def crs_of(epsg: int) -> QgsCoordinateReferenceSystem:
    """The QGIS CRS of an EPSG code."""
    return QgsCoordinateReferenceSystem(f"EPSG:{epsg}")
