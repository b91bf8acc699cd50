"""Broken layers through processing.run: each algorithm says how many features it used and skipped, and why;
a site in the wrong CRS is named as such."""
from __future__ import annotations

import os

import numpy as np
import pytest
import shapely
from conftest import SAMPLE
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)

from urban_twin.plugin.qgis_compat import make_field

X0, Y0 = -8000.0, -35000.0


class Recorder(QgsProcessingFeedback):
    """Feedback that keeps the warnings and infos an algorithm pushes."""

    def __init__(self):
        super().__init__()
        self.warnings, self.infos = [], []

    def pushWarning(self, text):  # noqa: N802 - QGIS's name
        self.warnings.append(text)

    def pushInfo(self, text):  # noqa: N802
        self.infos.append(text)


def _layer(kind: str, epsg: int, geometries: list, heights: list | None = None) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{kind}?crs=EPSG:{epsg}", "layer", "memory")
    if heights is not None:
        layer.dataProvider().addAttributes([make_field("gml_id", "str"), make_field("height", "float")])
        layer.updateFields()
    features = []
    for i, geometry in enumerate(geometries):
        feature = QgsFeature(layer.fields())
        if geometry is not None:
            qgs = QgsGeometry()
            qgs.fromWkb(shapely.to_wkb(geometry))
            feature.setGeometry(qgs)
        if heights is not None:
            feature.setAttributes([f"b{i}", heights[i]])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_shadowpolygons_reports_what_it_used_skipped_and_repaired(loaded_plugin):
    import processing
    bow_tie = shapely.Polygon([(X0, Y0), (X0 + 20, Y0 + 20), (X0 + 20, Y0), (X0, Y0 + 20)])
    good = shapely.box(X0 + 40, Y0, X0 + 50, Y0 + 10)
    infinite = shapely.Polygon([(X0, Y0), (X0 + 10, Y0), (np.inf, np.inf)])
    buildings = _layer("Polygon", 6677, [good, bow_tie, None, infinite, good], [10.0, 10.0, 10.0, 10.0, -30.0])
    feedback = Recorder()
    result = processing.run("urbantwin:shadowpolygons", {"BUILDINGS": buildings, "DATE": "2026-12-22",
                                                         "TIME": "12:00", "OUTPUT": "memory:"}, feedback=feedback)
    assert result["OUTPUT"].featureCount() == 2
    assert ("BUILDINGS: 2 features used, 3 skipped (no geometry (NULL): 1; a vertex at infinity or NaN: 1; height "
            "zero or negative: 1)") in feedback.warnings
    assert any(w.startswith("BUILDINGS: 1 self-intersecting polygons repaired") and w.endswith("b1")
               for w in feedback.warnings)


def test_nichiei_names_a_site_in_the_wrong_crs(loaded_plugin):
    import processing
    buildings = _layer("Polygon", 6677, [shapely.box(X0, Y0, X0 + 10, Y0 + 10)], [20.0])
    site = _layer("Polygon", 4326, [shapely.box(139.74, 35.68, 139.7401, 35.6801)])
    with pytest.raises(QgsProcessingException, match="The layer SITE is in EPSG:4326, the buildings in EPSG:6677: "
                                                     "reproject SITE to the buildings' CRS"):
        processing.run("urbantwin:nichiei", {"BUILDINGS": buildings, "SITE": site, "CONTOURS": "memory:",
                                             "LINES": "memory:", "VERDICT": "memory:"})


def test_a_network_link_with_a_nan_vertex_is_skipped_and_counted(loaded_plugin):
    import processing
    links = QgsVectorLayer(os.path.join(SAMPLE, "barrierfree", "link.geojson"), "links", "ogr")
    memory = links.materialize(QgsFeatureRequest())
    broken = next(memory.getFeatures())
    nan = QgsGeometry()
    nan.fromWkb(shapely.to_wkb(shapely.LineString([(139.7, 35.6), (np.nan, 35.6)])))
    memory.dataProvider().changeGeometryValues({broken.id(): nan})
    feedback = Recorder()
    result = processing.run("urbantwin:barrierhazards", {"LINKS": memory, "PROFILE": 0, "OUTPUT": "memory:",
                                                         "HAZARDS": "memory:"}, feedback=feedback)
    assert result["OUTPUT"].featureCount() == links.featureCount() - 1
    assert (f"LINKS: {links.featureCount() - 1} features used, 1 skipped (a vertex at infinity or NaN: 1)"
            in feedback.warnings)
