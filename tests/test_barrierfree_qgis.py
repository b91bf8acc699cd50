"""The barrier-free algorithms through processing.run on the sample network."""
from __future__ import annotations

import os

import pytest
from conftest import SAMPLE
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

LINKS = os.path.join(SAMPLE, "barrierfree", "link.geojson")
NODES = os.path.join(SAMPLE, "barrierfree", "node.geojson")


def _node_xy(node_id: str) -> tuple[float, float]:
    layer = QgsVectorLayer(NODES, "nodes", "ogr")
    feature = next(f for f in layer.getFeatures() if f["node_id"] == node_id)
    point = feature.geometry().asPoint()
    return point.x(), point.y()


def test_barrierhazards_classifies_for_every_profile(loaded_plugin, tmp_path):
    import processing
    preview = str(tmp_path / "network.png")
    result = processing.run("urbantwin:barrierhazards", {
        "LINKS": LINKS, "NODES": NODES, "PROFILE": 0, "OUTPUT": "memory:", "HAZARDS": "memory:",
        "NODES_OUTPUT": "memory:", "COUNTS": "memory:", "PREVIEW": preview})
    links = result["OUTPUT"]
    names = links.fields().names()
    assert {"class", "reasons", "class_stroller", "class_walker"} <= set(names)
    classes = {f["class"] for f in links.getFeatures()}
    assert classes == {"passable", "caution", "impassable"}
    assert links.crs().authid() == "EPSG:6677"  # the GeoJSON's WGS84 turned into the local zone
    kinds = {f["kind"] for f in result["HAZARDS"].getFeatures()}
    assert "stairs without an alternative" in kinds
    assert result["COUNTS"].featureCount() == 3
    assert os.path.getsize(preview) > 10_000


def test_barrierreach_compares_with_a_walker(loaded_plugin):
    import processing
    buildings = processing.run("urbantwin:loadcitygml", {"INPUT": SAMPLE, "BUILDINGS": "memory:"})["BUILDINGS"]
    origins = QgsVectorLayer("Point?crs=EPSG:4326", "origins", "memory")
    feature = QgsFeature(origins.fields())
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*_node_xy("n0505"))))
    origins.dataProvider().addFeatures([feature])
    result = processing.run("urbantwin:barrierreach", {
        "LINKS": LINKS, "NODES": NODES, "PROFILE": 0, "ORIGINS": origins, "MINUTES": 5, "BUILDINGS": buildings,
        "AREA": "memory:", "BUILDING_OUTPUT": "memory:"})
    areas = {f["who"]: f.geometry().area() for f in result["AREA"].getFeatures()}
    assert 0 < areas["profile"] < areas["walker"]
    reached = list(result["BUILDING_OUTPUT"].getFeatures())
    assert len(reached) == buildings.featureCount()
    walker_only = [f for f in reached if f["walker_only"]]
    assert walker_only and all(f["reachable_walker"] and not f["reachable_profile"] for f in walker_only)


def test_barrierroute_says_when_there_is_no_route(loaded_plugin):
    import processing
    start, deck = _node_xy("n0000"), _node_xy("deck_w")
    result = processing.run("urbantwin:barrierroute", {
        "LINKS": LINKS, "NODES": NODES, "PROFILE": 0, "START": f"{start[0]},{start[1]} [EPSG:4326]",
        "END": f"{deck[0]},{deck[1]} [EPSG:4326]", "ROUTE": "memory:", "BLOCKING": "memory:"})
    route = next(result["ROUTE"].getFeatures())
    assert "no barrier-free route" in route["who"]
    assert result["BLOCKING"].featureCount() >= 1


def test_network_built_from_road_polygons(loaded_plugin, tmp_path):
    import processing

    from urban_twin.analyses.citygml import read_district
    path = str(tmp_path / "roads.gpkg")
    read_district(SAMPLE).roads.to_file(path, driver="GPKG")  # the sample's tran:Road polygons
    result = processing.run("urbantwin:barrierhazards", {"ROADS": path, "OUTPUT": "memory:"})
    assert result["OUTPUT"].featureCount() > 20


def test_no_network_at_all_is_a_message(loaded_plugin):
    import processing
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException, match="network"):
        processing.run("urbantwin:barrierhazards", {"OUTPUT": "memory:"})
