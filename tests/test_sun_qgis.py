"""The shadow and solar algorithms through processing.run, on the sample district loaded by loadcitygml."""
from __future__ import annotations

import os

import pytest
from conftest import SAMPLE
from qgis.core import QgsProcessingException, QgsRasterLayer, QgsVectorLayer


@pytest.fixture(scope="module")
def sample_layers(loaded_plugin, tmp_path_factory):
    import processing
    folder = tmp_path_factory.mktemp("sample")
    result = processing.run("urbantwin:loadcitygml", {
        "INPUT": SAMPLE, "BUILDINGS": str(folder / "buildings.gpkg"), "ROOFS": str(folder / "roofs.gpkg")})
    return result["BUILDINGS"], result["ROOFS"]


def test_shadowhours_writes_a_raster_and_a_preview(sample_layers, tmp_path):
    import processing
    buildings, roofs = sample_layers
    out, preview = str(tmp_path / "hours.tif"), str(tmp_path / "hours.png")
    result = processing.run("urbantwin:shadowhours", {
        "BUILDINGS": buildings, "ROOFS": roofs, "DATE": "2026-12-22", "START": 8, "END": 16, "STEP_MINUTES": 30,
        "PLANE_HEIGHT": 1.5, "CELL_SIZE": 4, "OUTPUT": out, "SUN_OUTPUT": str(tmp_path / "sun.tif"),
        "PREVIEW": preview})
    layer = QgsRasterLayer(result["OUTPUT"], "h")
    assert layer.isValid() and layer.crs().authid() == "EPSG:6677"
    stats = layer.dataProvider().bandStatistics(1)
    assert 0 <= stats.minimumValue and stats.maximumValue == pytest.approx(8.0)
    assert os.path.getsize(preview) > 10_000


def test_shadowpolygons_one_per_building_and_union(sample_layers):
    import processing
    buildings, _ = sample_layers
    result = processing.run("urbantwin:shadowpolygons", {
        "BUILDINGS": buildings, "DATE": "2026-12-22", "TIME": "10:00", "OUTPUT": "memory:", "UNION": "memory:"})
    shadows, union = result["OUTPUT"], result["UNION"]
    assert shadows.featureCount() == QgsVectorLayer(buildings).featureCount()
    assert union.featureCount() == 1
    assert "building_id" in shadows.fields().names()


def test_shadowpolygons_at_night_is_a_message(sample_layers):
    import processing
    with pytest.raises(QgsProcessingException, match="below the horizon"):
        processing.run("urbantwin:shadowpolygons", {
            "BUILDINGS": sample_layers[0], "DATE": "2026-12-22", "TIME": "20:00", "OUTPUT": "memory:"})


def test_nichiei_on_a_site_of_the_sample(sample_layers, tmp_path):
    import processing
    buildings = QgsVectorLayer(sample_layers[0])
    tallest = max(buildings.getFeatures(), key=lambda f: f["height"])
    site = QgsVectorLayer("Polygon?crs=EPSG:6677", "site", "memory")
    feature = tallest.__class__(site.fields())
    feature.setGeometry(tallest.geometry().buffer(3.0, 1))
    site.dataProvider().addFeatures([feature])
    diagram = str(tmp_path / "nichiei.png")
    result = processing.run("urbantwin:nichiei", {
        "BUILDINGS": buildings, "SITE": site, "REGULATION": 0, "MEASURING_HEIGHT": 1, "STEP_MINUTES": 10,
        "CELL_SIZE": 2, "CONTOURS": "memory:", "LINES": "memory:", "VERDICT": "memory:", "DIAGRAM": diagram})
    verdict = result["VERDICT"]
    rows = {f["line"]: f for f in verdict.getFeatures()}
    assert set(rows) == {"5m", "10m"}
    assert rows["10m"]["complies"] is False  # the sample's tallest tower on a tight site exceeds
    assert result["LINES"].featureCount() == 3 and result["CONTOURS"].featureCount() >= 2
    assert os.path.getsize(diagram) > 10_000


def test_solarpotential_on_the_sample(sample_layers, tmp_path):
    import processing
    buildings, roofs = sample_layers
    preview, raster = str(tmp_path / "solar.png"), str(tmp_path / "solar.tif")
    result = processing.run("urbantwin:solarpotential", {
        "BUILDINGS": buildings, "ROOFS": roofs, "CELL_SIZE": 2.0, "ROOF_OUTPUT": "memory:",
        "BUILDING_OUTPUT": "memory:", "RASTER_OUTPUT": raster, "PREVIEW": preview})
    roof_layer, building_layer = result["ROOF_OUTPUT"], result["BUILDING_OUTPUT"]
    assert building_layer.featureCount() == QgsVectorLayer(buildings).featureCount()
    values = [f["kwh_m2"] for f in roof_layer.getFeatures()]
    assert min(values) > 100 and max(values) < 1600
    assert {f["class"] for f in building_layer.getFeatures()} <= {"high", "good", "unsuitable"}
    assert QgsRasterLayer(raster, "r").isValid() and os.path.getsize(preview) > 10_000
    assert "JMA normals 1991-2020 of " in result["WEATHER_USED"]  # the station used is named


def test_solarpotential_rejects_a_weather_file_for_elsewhere(sample_layers, tmp_path):
    import processing
    bad = tmp_path / "bad.epw"
    bad.write_text("not weather\n")
    with pytest.raises(QgsProcessingException, match="not a readable"):
        processing.run("urbantwin:solarpotential", {"BUILDINGS": sample_layers[0], "WEATHER": str(bad),
                                                    "ROOF_OUTPUT": "memory:", "BUILDING_OUTPUT": "memory:"})


def test_shadowhours_over_a_large_area_is_tiled_on_dask_and_equals_one_piece(sample_layers, tmp_path):
    """TILE_SIZE below the extent: the run goes to a local Dask cluster in tiles; the VRT mosaic it returns
    equals the one-piece raster cell for cell, and a second run with the same settings resumes (skips all)."""
    import numpy as np
    import processing

    from urban_twin.analyses.raster import Raster
    buildings, roofs = sample_layers
    common = {"BUILDINGS": buildings, "ROOFS": roofs, "CELL_SIZE": 4.0, "STEP_MINUTES": 60.0}
    whole = processing.run("urbantwin:shadowhours", {**common, "TILE_SIZE": 0, "OUTPUT": str(tmp_path / "one.tif")})
    tiled = processing.run("urbantwin:shadowhours", {**common, "TILE_SIZE": 400,
                                                     "OUTPUT": str(tmp_path / "tiled" / "hours.tif"),
                                                     "SUN_OUTPUT": str(tmp_path / "tiled" / "sun.tif")})
    assert tiled["OUTPUT"].endswith(".vrt") and os.path.isdir(tmp_path / "tiled" / "hours_tiles")
    sun = Raster.read(tiled["SUN_OUTPUT"]).crop(Raster.read(whole["OUTPUT"]).bounds)   # hours of sun: 8 - shadow
    assert sun.values.shape == Raster.read(whole["OUTPUT"]).shape and np.nanmin(sun.values) >= 0
    np.testing.assert_allclose(sun.values, 8.0 - Raster.read(whole["OUTPUT"]).values, atol=1e-4)
    one, mosaic = Raster.read(whole["OUTPUT"]), Raster.read(tiled["OUTPUT"])
    overlap = mosaic.crop(one.bounds)
    assert overlap.shape == one.shape and (overlap.x0, overlap.y0) == (one.x0, one.y0)  # it covers the whole area
    assert len(os.listdir(tmp_path / "tiled" / "hours_tiles")) >= 4                      # in tiles
    assert np.array_equal(np.isnan(overlap.values), np.isnan(one.values))
    assert np.nanmax(np.abs(overlap.values - one.values)) < 1e-4                         # float32 storage
    again = processing.run("urbantwin:shadowhours", {**common, "TILE_SIZE": 400,
                                                     "OUTPUT": str(tmp_path / "tiled" / "hours.tif")})
    assert again["OUTPUT"] == tiled["OUTPUT"]


def test_solarpotential_over_a_large_area_is_tiled_and_streams_its_roofs_to_the_sinks(sample_layers, tmp_path):
    """TILE_SIZE below the extent: roof irradiation per roof and per cell equals the one-piece run; the roofs and
    buildings reach the sinks (GeoPackages) from the run's GeoPackage, each once."""
    import numpy as np
    import processing

    from urban_twin.analyses.raster import Raster
    buildings, roofs = sample_layers
    common = {"BUILDINGS": buildings, "ROOFS": roofs, "CELL_SIZE": 2.0}
    whole = processing.run("urbantwin:solarpotential", {
        **common, "TILE_SIZE": 0, "RASTER_OUTPUT": str(tmp_path / "one.tif"),
        "ROOF_OUTPUT": str(tmp_path / "one_roofs.gpkg"), "BUILDING_OUTPUT": str(tmp_path / "one_buildings.gpkg")})
    tiled = processing.run("urbantwin:solarpotential", {
        **common, "TILE_SIZE": 200, "RASTER_OUTPUT": str(tmp_path / "tiled" / "solar.tif"),
        "ROOF_OUTPUT": str(tmp_path / "roofs.gpkg"), "BUILDING_OUTPUT": str(tmp_path / "buildings.gpkg")})
    assert tiled["RASTER_OUTPUT"].endswith(".vrt") and len(os.listdir(tmp_path / "tiled" / "solar_tiles")) >= 8
    one, mosaic = Raster.read(whole["RASTER_OUTPUT"]), Raster.read(tiled["RASTER_OUTPUT"])
    overlap = mosaic.crop(one.bounds)
    assert np.array_equal(np.isnan(overlap.values), np.isnan(one.values))
    assert np.nanmax(np.abs(overlap.values - one.values)) < 1e-2                          # float32 storage
    for key, keys in (("ROOF_OUTPUT", ["building_id", "source_row"]), ("BUILDING_OUTPUT", ["building_id"])):
        rows = {}
        for name, result in (("one", whole), ("tiled", tiled)):
            layer = QgsVectorLayer(result[key], name)
            rows[name] = sorted((tuple(f[k] for k in keys), round(f["kwh_m2"], 6)) for f in layer.getFeatures())
        assert len(rows["tiled"]) == len(rows["one"]) > 20 and rows["tiled"] == rows["one"]
