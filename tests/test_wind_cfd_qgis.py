"""urbantwin:pedestrianwindcfd through processing.run on a small memory layer."""
from __future__ import annotations

import os

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsRasterLayer, QgsVectorLayer

from urban_twin.plugin.qgis_compat import make_field


@pytest.fixture()
def blocks(loaded_plugin):
    layer = QgsVectorLayer("Polygon?crs=EPSG:6677", "blocks", "memory")
    layer.dataProvider().addAttributes([make_field("height", "float")])
    layer.updateFields()
    feature = QgsFeature(layer.fields())
    feature.setGeometry(QgsGeometry.fromWkt("POLYGON((-8000 -35000,-7985 -35000,-7985 -34985,-8000 -34985,"
                                            "-8000 -35000))"))
    feature["height"] = 15.0
    layer.dataProvider().addFeatures([feature])
    return layer


def test_without_openfoam_the_message_says_how_to_install_it(blocks, tmp_path):
    import processing
    with pytest.raises(QgsProcessingException, match="apt-get install openfoam"):
        processing.run("urbantwin:pedestrianwindcfd", {
            "BUILDINGS": blocks, "DIRECTION": 270, "OPENFOAM": str(tmp_path / "no" / "bashrc"),
            "SPEED_OUTPUT": str(tmp_path / "speed.tif"), "RATIO_OUTPUT": str(tmp_path / "ratio.tif")})


def test_cfd_writes_rasters_arrows_and_keeps_the_case(blocks, tmp_path):
    from urban_twin.analyses import openfoam
    from urban_twin.analyses.errors import UrbanTwinError
    try:
        openfoam.environment()
    except UrbanTwinError as exc:
        pytest.skip(f"OpenFOAM is not installed: {exc}")
    import processing
    result = processing.run("urbantwin:pedestrianwindcfd", {
        "BUILDINGS": blocks, "DIRECTION": 270, "REF_SPEED": 5, "CELL_SIZE": 3, "ITERATIONS": 10, "CORES": 2,
        "CASE_FOLDER": str(tmp_path / "case"), "SPEED_OUTPUT": str(tmp_path / "speed.tif"),
        "RATIO_OUTPUT": str(tmp_path / "ratio.tif"), "ARROWS": "memory:"})
    ratio = QgsRasterLayer(result["RATIO_OUTPUT"], "ratio")
    stats = ratio.dataProvider().bandStatistics(1)
    assert ratio.isValid() and 0.0 <= stats.minimumValue < 0.8 < 1.0 < stats.maximumValue < 3.0
    assert result["ARROWS"].featureCount() > 10
    assert os.path.exists(os.path.join(result["CASE_FOLDER"], "case.foam"))
    assert os.path.exists(os.path.join(result["CASE_FOLDER"], "10", "U"))
