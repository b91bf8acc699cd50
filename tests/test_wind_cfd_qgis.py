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


def test_windcomfort_without_openfoam_says_how_to_install_it(blocks, tmp_path):
    import processing
    with pytest.raises(QgsProcessingException, match="apt-get install openfoam"):
        processing.run("urbantwin:windcomfort", {
            "BUILDINGS": blocks, "CELL_SIZE": 4, "CFD_DIRECTIONS": [12], "OPENFOAM": str(tmp_path / "no" / "bashrc"),
            "CLASS_OUTPUT": str(tmp_path / "class.tif")})


def test_windcomfort_mixes_a_cfd_direction_and_says_so(blocks, tmp_path):
    from urban_twin.analyses import openfoam
    from urban_twin.analyses.errors import UrbanTwinError
    try:
        openfoam.environment()
    except UrbanTwinError as exc:
        pytest.skip(f"OpenFOAM is not installed: {exc}")
    import processing
    from qgis.core import QgsProcessingFeedback

    class Feedback(QgsProcessingFeedback):
        infos: list[str] = []

        def pushInfo(self, text):  # noqa: N802
            self.infos.append(text)

    feedback = Feedback()
    result = processing.run("urbantwin:windcomfort", {
        "BUILDINGS": blocks, "CELL_SIZE": 4, "CRITERION": 0, "CFD_DIRECTIONS": [12], "ITERATIONS": 10, "CORES": 2,
        "CASE_FOLDER": str(tmp_path / "cases"), "CLASS_OUTPUT": str(tmp_path / "class.tif"), "AREAS": "memory:",
        "DIRECTIONS": str(tmp_path / "directions.csv")}, feedback=feedback)
    assert QgsRasterLayer(result["CLASS_OUTPUT"], "c").isValid()
    assert abs(sum(f["share"] for f in result["AREAS"].getFeatures()) - 1.0) < 1e-9
    rows = list(QgsVectorLayer(result["DIRECTIONS"], "d", "ogr").getFeatures())
    solvers = {row["name"]: row["solver"] for row in rows}
    assert len(rows) == 16 and solvers.pop("W") == "CFD (OpenFOAM)" and set(solvers.values()) == {"diagnostic"}
    west = next(row for row in rows if row["name"] == "W")
    assert os.path.exists(os.path.join(west["case_folder"], "case.foam"))
    assert any("CFD (OpenFOAM) for W; the diagnostic model for the other 15 directions" in i for i in feedback.infos)
