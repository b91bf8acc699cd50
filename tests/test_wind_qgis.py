"""The wind algorithms through processing.run on a small memory layer."""
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
    features = []
    for x0, height in ((-8000.0, 20.0), (-7970.0, 12.0)):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x0} -35000,{x0 + 15} -35000,{x0 + 15} -34985,"
                                                f"{x0} -34985,{x0} -35000))"))
        feature["height"] = height
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_pedestrianwind_writes_rasters_arrows_and_morphometry(blocks, tmp_path):
    import processing
    result = processing.run("urbantwin:pedestrianwind", {
        "BUILDINGS": blocks, "DIRECTION": 270, "REF_SPEED": 5, "CELL_SIZE": 2,
        "SPEED_OUTPUT": str(tmp_path / "speed.tif"), "RATIO_OUTPUT": str(tmp_path / "ratio.tif"),
        "ARROWS": "memory:", "MORPHOMETRY": "memory:", "PREVIEW": str(tmp_path / "wind.png")})
    ratio = QgsRasterLayer(result["RATIO_OUTPUT"], "ratio")
    stats = ratio.dataProvider().bandStatistics(1)
    assert ratio.isValid() and stats.minimumValue < 0.5 < 1.1 < stats.maximumValue
    assert result["ARROWS"].featureCount() > 30  # one every 5 cells
    morph = next(result["MORPHOMETRY"].getFeatures())
    assert 0 < morph["lambda_p"] < 1 and morph["z0"] > 0
    assert os.path.getsize(result["PREVIEW"]) > 10_000


def test_pedestrianwind_over_a_dem_reads_the_ground_as_terrain(blocks, tmp_path):
    import numpy as np
    import processing

    from urban_twin.analyses.citymodel import Terrain
    xs = np.arange(-8200.0, -7800.0, 4.0) + 2.0
    ramp = np.tile(40.0 + 0.05 * (xs + 8200.0), (100, 1))  # 40 m rising 5 % eastwards
    dem = Terrain(ramp, -8200.0, -34800.0, 4.0, 6677).write(str(tmp_path / "dem.tif"))
    result = processing.run("urbantwin:pedestrianwind", {
        "BUILDINGS": blocks, "DEM": dem, "DIRECTION": 270, "REF_SPEED": 5, "CELL_SIZE": 2,
        "SPEED_OUTPUT": str(tmp_path / "speed.tif"), "RATIO_OUTPUT": str(tmp_path / "ratio.tif")})
    ratio = QgsRasterLayer(result["RATIO_OUTPUT"], "ratio")
    stats = ratio.dataProvider().bandStatistics(1)
    assert stats.minimumValue < 0.5 < 1.1 < stats.maximumValue < 3.0
    assert stats.elementCount > 1000  # open ground on the slope is not blank


def test_windcomfort_classes_and_areas(blocks, tmp_path):
    import processing
    result = processing.run("urbantwin:windcomfort", {
        "BUILDINGS": blocks, "CELL_SIZE": 4, "CRITERION": 0, "CLASS_OUTPUT": str(tmp_path / "class.tif"),
        "AREAS": "memory:", "DIRECTIONS": "memory:"})
    areas = {f["class"]: f["share"] for f in result["AREAS"].getFeatures()}
    assert abs(sum(areas.values()) - 1.0) < 1e-9 and "sitting" in areas
    # without CFD_DIRECTIONS every direction is diagnostic
    assert [f["solver"] for f in result["DIRECTIONS"].getFeatures()] == ["diagnostic"] * 16
    assert QgsRasterLayer(result["CLASS_OUTPUT"], "c").isValid()


def test_windcomfort_murakami_warns_of_an_hourly_rose(blocks, tmp_path):
    import processing
    from qgis.core import QgsProcessingFeedback

    class Feedback(QgsProcessingFeedback):
        warnings: list[str] = []

        def pushWarning(self, text):  # noqa: N802
            self.warnings.append(text)

    feedback = Feedback()
    result = processing.run("urbantwin:windcomfort", {
        "BUILDINGS": blocks, "CELL_SIZE": 4, "CRITERION": 2, "GUST_FACTOR": 2.0, "ROSE_STATISTIC": 0,
        "CLASS_OUTPUT": str(tmp_path / "class.tif"), "AREAS": "memory:"}, feedback=feedback)
    assert {f["class"] for f in result["AREAS"].getFeatures()} == {"rank 1", "rank 2", "rank 3", "rank 4"}
    assert any("conservative" in w for w in feedback.warnings)


def test_direction_out_of_range_is_refused(blocks, tmp_path):
    import processing
    with pytest.raises(QgsProcessingException):
        processing.run("urbantwin:pedestrianwind", {"BUILDINGS": blocks, "DIRECTION": 400,
                                                    "SPEED_OUTPUT": str(tmp_path / "s.tif"),
                                                    "RATIO_OUTPUT": str(tmp_path / "r.tif")})


def test_pedestrianwind_over_a_large_area_is_tiled_and_matches_one_piece(blocks, tmp_path):
    """TILE_SIZE below the extent: speed and ratio come back as VRT mosaics of tiles cut from the one-piece run's
    problem solved over blocks on Dask, on the same cells as the one-piece run and equal to its ratio within the
    solver's tolerance (a millionth)."""
    import numpy as np
    import processing

    from urban_twin.analyses.raster import Raster
    common = {"BUILDINGS": blocks, "DIRECTION": 250, "CELL_SIZE": 2, "EXTENT": "-8060,-7900,-35060,-34930 [EPSG:6677]"}
    one = processing.run("urbantwin:pedestrianwind", {**common, "TILE_SIZE": 0, "SPEED_OUTPUT": str(tmp_path / "s.tif"),
                                                      "RATIO_OUTPUT": str(tmp_path / "r.tif")})
    from qgis.core import QgsProcessingFeedback
    feedback, shown = QgsProcessingFeedback(), []
    feedback.progressChanged.connect(shown.append)
    tiled = processing.run("urbantwin:pedestrianwind", {
        **common, "TILE_SIZE": 80, "SPEED_OUTPUT": str(tmp_path / "t" / "speed.tif"),
        "RATIO_OUTPUT": str(tmp_path / "t" / "ratio.tif")}, feedback=feedback)
    solving = [p for p in shown if p < 95.0]           # the bar moves during the solve, then over the tiles
    assert len(set(solving)) >= 3 and solving == sorted(solving) and shown[-1] == 100.0
    assert tiled["SPEED_OUTPUT"].endswith(".vrt") and tiled["RATIO_OUTPUT"].endswith(".vrt")
    assert len([f for f in os.listdir(tmp_path / "t" / "speed_tiles") if f.endswith("_ratio.tif")]) == 4
    whole, mosaic = Raster.read(one["RATIO_OUTPUT"]), Raster.read(tiled["RATIO_OUTPUT"])
    assert (mosaic.x0, mosaic.y0, mosaic.shape) == (whole.x0, whole.y0, whole.shape)
    assert np.array_equal(np.isnan(mosaic.values), np.isnan(whole.values))
    difference = np.abs(mosaic.values - whole.values)[np.isfinite(whole.values)]
    assert difference.max() < 1e-6


def test_windcomfort_over_a_large_area_is_tiled_and_matches_one_piece(blocks, tmp_path):
    """TILE_SIZE below the extent: the class raster is a VRT mosaic of tiles cut from the 16 directions' one-piece
    problems solved over blocks on Dask, with the one-piece run's class in every cell (tiles solved apart had 97 %),
    and the areas counted over the tiles."""
    import numpy as np
    import processing

    from urban_twin.analyses.raster import Raster
    common = {"BUILDINGS": blocks, "CELL_SIZE": 4, "CRITERION": 0, "AREAS": "memory:",
              "EXTENT": "-8060,-7900,-35060,-34930 [EPSG:6677]"}
    one = processing.run("urbantwin:windcomfort", {**common, "TILE_SIZE": 0, "CLASS_OUTPUT": str(tmp_path / "c.tif")})
    tiled = processing.run("urbantwin:windcomfort", {**common, "TILE_SIZE": 80,
                                                     "CLASS_OUTPUT": str(tmp_path / "t" / "class.tif")})
    assert tiled["CLASS_OUTPUT"].endswith(".vrt")
    whole, mosaic = Raster.read(one["CLASS_OUTPUT"]), Raster.read(tiled["CLASS_OUTPUT"])
    assert (mosaic.x0, mosaic.y0, mosaic.shape) == (whole.x0, whole.y0, whole.shape)
    open_cells = np.isfinite(whole.values)
    assert np.array_equal(np.isfinite(mosaic.values), open_cells)
    assert np.array_equal(mosaic.values[open_cells], whole.values[open_cells])
    areas = {f["class"]: f["area_m2"] for f in tiled["AREAS"].getFeatures()}
    assert sum(areas.values()) == open_cells.sum() * 16.0            # every open cell counted once, 4 m cells
