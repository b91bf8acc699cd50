"""Broken parameters and cancel through processing.run (issue 16): a sentence or 'Canceled.', never a traceback
and never a success."""
from __future__ import annotations

import csv
import os
import threading
import time

import pytest
from conftest import SAMPLE
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from urban_twin.analyses import windcomfort

LINKS = os.path.join(SAMPLE, "barrierfree", "link.geojson")
NODES = os.path.join(SAMPLE, "barrierfree", "node.geojson")


@pytest.fixture(scope="module")
def buildings(loaded_plugin, tmp_path_factory):
    """The sample district's buildings as a GeoPackage layer."""
    import processing
    folder = tmp_path_factory.mktemp("sample")
    return processing.run("urbantwin:loadcitygml", {"INPUT": SAMPLE,
                                                    "BUILDINGS": str(folder / "buildings.gpkg")})["BUILDINGS"]


@pytest.mark.parametrize("algorithm,parameters", [
    ("urbantwin:pedestrianwind", {"DIRECTION": 270, "CELL_SIZE": 1, "SPEED_OUTPUT": "speed.tif",
                                  "RATIO_OUTPUT": "ratio.tif"}),
    ("urbantwin:solarpotential", {"CELL_SIZE": 0.25, "ROOF_OUTPUT": "memory:", "BUILDING_OUTPUT": "memory:"})])
def test_cancel_is_reported_as_canceled_within_2_s(buildings, tmp_path, algorithm, parameters):
    import processing
    parameters = {"BUILDINGS": buildings, **{key: str(tmp_path / value) if str(value).endswith(".tif") else value
                                             for key, value in parameters.items()}}
    processing.run(algorithm, {**parameters, "CELL_SIZE": 8})   # compiles the numba kernels
    feedback = QgsProcessingFeedback()
    timer = threading.Timer(1.0, feedback.cancel)
    start = time.monotonic()
    timer.start()
    with pytest.raises(QgsProcessingException, match="Canceled"):
        processing.run(algorithm, parameters, feedback=feedback)
    assert time.monotonic() - start < 3.0


def test_a_rose_with_k_nan_is_a_sentence(buildings, tmp_path):
    import processing
    rose = windcomfort.TOKYO_ROSE
    path = tmp_path / "rose.csv"
    with open(path, "w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["direction", "frequency", "k", "c"])
        for d, f, k, c in zip(windcomfort.DIRECTIONS, rose.frequency, rose.k, rose.c):
            writer.writerow([d, f, "nan" if d == 90 else k, c])
    with pytest.raises(QgsProcessingException, match="row for 90° has k = nan"):
        processing.run("urbantwin:windcomfort", {"BUILDINGS": buildings, "ROSE": str(path), "CELL_SIZE": 8,
                                                 "CLASS_OUTPUT": str(tmp_path / "class.tif")})


def test_half_a_weather_file_is_a_sentence(buildings, tmp_path):
    import processing
    path = tmp_path / "half.epw"
    path.write_text("LOCATION,Test,,JPN,test,000000,35.680,139.700,9.0,5.0\n" + "X,0\n" * 7
                    + "".join(f"2001,1,{1 + h // 24},{h % 24 + 1},0,?,5.0,5,60,101325,0,0,300,0,0,0,0,0,0,0,0,1.0,5,5,"
                              "20,77777,9,999999999,0,0.1,0,88,0.2,0,0\n" for h in range(100)))
    with pytest.raises(QgsProcessingException, match="holds 100 hours"):
        processing.run("urbantwin:solarpotential", {"BUILDINGS": buildings, "WEATHER": str(path),
                                                    "ROOF_OUTPUT": "memory:", "BUILDING_OUTPUT": "memory:"})


def test_a_shift_jis_profile_is_a_sentence(loaded_plugin, tmp_path):
    import processing
    path = tmp_path / "profile.json"
    path.write_bytes('{"name": "私の車いす", "speed": 0.8}'.encode("shift_jis"))
    with pytest.raises(QgsProcessingException, match="is not UTF-8 text"):
        processing.run("urbantwin:barrierhazards", {"LINKS": LINKS, "NODES": NODES, "PROFILE": 6,
                                                    "PROFILE_FILE": str(path), "OUTPUT": "memory:"})


def test_a_route_from_a_point_to_itself_has_zero_length(loaded_plugin):
    import processing
    from qgis.core import QgsVectorLayer
    node = next(f for f in QgsVectorLayer(NODES, "nodes", "ogr").getFeatures() if f["node_id"] == "n0505")
    point = node.geometry().asPoint()
    where = f"{point.x()},{point.y()} [EPSG:4326]"
    result = processing.run("urbantwin:barrierroute", {"LINKS": LINKS, "NODES": NODES, "PROFILE": 0,
                                                       "START": where, "END": where, "ROUTE": "memory:"})
    route = next(result["ROUTE"].getFeatures())
    assert route["length_m"] == 0 and route["minutes"] == 0 and route["links"] == 0
