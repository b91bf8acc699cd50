"""GeoDataFrames into Processing feature sinks and QGIS layers."""
from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsWkbTypes,
)

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
    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    for name in frame.columns:
        if name != geometry:
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
    spatial = isinstance(frame, gpd.GeoDataFrame)
    columns = [c for c in frame.columns if not spatial or c != frame.geometry.name]
    geoms = shapely.to_wkb(_as_multi(frame.geometry.values), include_srid=False) if spatial else [None] * len(frame)
    records = frame[columns].itertuples(index=False, name=None)
    total = max(len(frame), 1)
    for i, (wkb, record) in enumerate(zip(geoms, records)):
        if feedback is not None and feedback.isCanceled():
            break
        feature = QgsFeature(fields)
        if wkb is not None:
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
    out = np.array(geoms, dtype=object)
    kinds = shapely.get_type_id(out)
    for single, multi in ((3, shapely.MultiPolygon), (1, shapely.MultiLineString)):
        out[kinds == single] = [multi([g]) for g in out[kinds == single]]
    return out


def wkb_type(frame, default: int = QgsWkbTypes.MultiPolygon) -> int:
    """The layer type for a frame: Point, MultiLineString or MultiPolygon from its first geometry (default
    when it is empty), with Z when the geometries have it; NoGeometry for a plain table."""
    if not isinstance(frame, gpd.GeoDataFrame):
        return QgsWkbTypes.NoGeometry
    if not len(frame):
        return default
    has_z = bool(shapely.has_z(frame.geometry.values).any())
    kind = shapely.get_type_id(frame.geometry.values[0])
    if kind in (0, 4):
        return QgsWkbTypes.PointZ if has_z else QgsWkbTypes.Point
    if kind in (1, 5):
        return QgsWkbTypes.MultiLineStringZ if has_z else QgsWkbTypes.MultiLineString
    return QgsWkbTypes.MultiPolygonZ if has_z else QgsWkbTypes.MultiPolygon


def sink_default_type(data_type: int) -> int:
    """The layer type an empty frame gets for a sink of a Processing data type."""
    from qgis.core import QgsProcessing
    return {QgsProcessing.TypeVectorLine: QgsWkbTypes.MultiLineString, QgsProcessing.TypeVectorPoint: QgsWkbTypes.Point,
            QgsProcessing.TypeVector: QgsWkbTypes.NoGeometry}.get(data_type, QgsWkbTypes.MultiPolygon)


def frame_from_source(source, context_crs=None) -> gpd.GeoDataFrame:
    """A QGIS feature source (layer) as a GeoDataFrame: attributes, shapely geometries, EPSG CRS."""
    crs = source.sourceCrs()
    names = [f.name() for f in source.fields()]
    rows, geoms = [], []
    # Invalid geometries are the analyses' to repair or skip, by one rule and with a count (analyses/intake.py),
    # whatever Processing's invalid-geometry setting says.
    features = (source.getFeatures(QgsFeatureRequest(), QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks)
                if isinstance(source, QgsProcessingFeatureSource) else source.getFeatures())
    for feature in features:
        rows.append([_plain(v) for v in feature.attributes()])
        geometry = feature.geometry()
        geoms.append(shapely.from_wkb(bytes(geometry.asWkb())) if not geometry.isNull() else None)
    epsg = crs.postgisSrid() if crs.isValid() else None
    return gpd.GeoDataFrame(pd.DataFrame(rows, columns=names), geometry=geoms, crs=epsg or None)


def _plain(value):
    """A QGIS attribute value as a Python value (NULL as None)."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    return value


def crs_of(epsg: int) -> QgsCoordinateReferenceSystem:
    """The QGIS CRS of an EPSG code."""
    return QgsCoordinateReferenceSystem(f"EPSG:{epsg}")
