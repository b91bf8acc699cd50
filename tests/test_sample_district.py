"""The reader, the mesh and the writers against the generated sample, whose true geometry is known."""
from __future__ import annotations

import math
import os
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
from lxml import etree

from urban_twin.analyses import synthetic
from urban_twin.analyses.gpkg import write_geopackage
from urban_twin.analyses.mesh import KIND_NAMES, district_mesh
from urban_twin.analyses.terrain import tin_to_terrain


@pytest.fixture(scope="module")
def scene():
    return synthetic.generate(synthetic.SAMPLE)


def test_sample_matches_its_generator(sample_district, scene):
    b = sample_district.buildings
    assert len(b) == len(scene.boxes) == 400
    assert b["height"].tolist() == pytest.approx([box.height for box in scene.boxes])
    assert b["ground_z"].tolist() == pytest.approx([box.ground for box in scene.boxes], abs=1e-3)
    areas = [0.5 * abs(np.dot(x.corners[:, 0], np.roll(x.corners[:, 1], -1))
                       - np.dot(x.corners[:, 1], np.roll(x.corners[:, 0], -1))) for x in scene.boxes]
    assert b.geometry.area.tolist() == pytest.approx(areas, rel=1e-4)
    assert (b["lod"] == 2).sum() == sum(box.lod2 for box in scene.boxes)
    assert set(b["usage"]) <= set(synthetic.USAGE_CODES.values())  # resolved through codelists/
    assert set(b["usage_code"]) <= set(synthetic.USAGE_CODES)


def test_roof_tilt_and_azimuth(sample_district, scene):
    roofs = sample_district.roofs.merge(
        sample_district.buildings[["gml_id", "roofType"]], left_on="building_id", right_on="gml_id")
    flat = roofs[roofs["roofType"] == "陸屋根"]
    pitched = roofs[roofs["roofType"] != "陸屋根"]
    assert flat["tilt"].max() < 1e-6
    assert (flat["azimuth"] == 180).all()
    # pitched roofs rise at 30 degrees unless the building is too low (the rise is capped at 40% of the height)
    def expected_tilt(box):
        half = min(np.linalg.norm(box.corners[1] - box.corners[0]), np.linalg.norm(box.corners[2] - box.corners[1])) / 2
        return math.degrees(math.atan(min(half * math.tan(math.radians(30)), box.height * 0.4) / half))
    expected = [expected_tilt(scene.boxes[i]) for i in pitched["building"]]
    assert pitched["tilt"].to_numpy() == pytest.approx(expected, abs=0.02)  # the file rounds z to 1 mm
    # gable and hip planes face the four compass points (turned by at most 12 degrees, plus grid convergence)
    nearest = (pitched["azimuth"] + 45) % 90 - 45
    assert (np.abs(nearest) < 12.5).all()
    # roof area of a tilted plane is its plan area / cos(tilt)
    plan = pitched.geometry.area  # shapely's area ignores z
    assert (pitched["area"] / plan).to_numpy() == pytest.approx(1 / np.cos(np.radians(pitched["tilt"])), rel=1e-4)


def test_roads_and_terrain(sample_district, scene):
    assert len(sample_district.roads) == len(scene.roads)
    terrain = tin_to_terrain(sample_district.tin, 2.0, sample_district.epsg)
    xs, ys = terrain.cell_centres()
    gx, gy = np.meshgrid(xs, ys)
    inside = np.isfinite(terrain.z)
    assert inside.mean() > 0.95
    # a 10 m TIN of a smooth surface: linear interpolation stays within a few centimetres of it
    assert np.abs(terrain.z[inside] - scene.terrain(gx, gy)[inside]).max() < 0.1


def test_mesh_is_closed_per_lod1_building(sample_district):
    mesh = district_mesh(sample_district)
    assert mesh.is_all_triangles
    kinds = np.asarray(mesh.cell_data["kind"])
    assert set(np.unique(kinds)) <= set(range(len(KIND_NAMES)))
    lod1 = sample_district.volumes[sample_district.volumes["lod"] == 1]
    one = int(lod1["building"].iloc[0])
    block = mesh.extract_cells(np.where(np.asarray(mesh.cell_data["building"]) == one)[0]).extract_surface()
    row = sample_district.buildings.iloc[one]
    assert block.volume == pytest.approx(row.geometry.area * row.height, rel=1e-6)


def test_geopackage_round_trip(sample_district, tmp_path):
    path = os.path.join(tmp_path, "d.gpkg")
    assert write_geopackage(sample_district, path) == ["buildings", "roofs", "roads"]
    back = gpd.read_file(path, layer="buildings")
    assert len(back) == 400 and back.crs.to_epsg() == 6677
    assert back["usage"].iloc[0] == sample_district.buildings["usage"].iloc[0]
    roofs = gpd.read_file(path, layer="roofs")
    assert roofs.geometry.has_z.all() and len(roofs) == len(sample_district.roofs)


def _elements(path: Path) -> list[tuple[str, dict, list[str]]]:
    """Every element of a GML file in document order: tag, attributes and the words of its text."""
    return [(e.tag, dict(e.attrib), (e.text or "").split()) for e in etree.parse(str(path)).iter()
            if isinstance(e.tag, str)]


def _same_within_last_digit(a: str, b: str) -> bool:
    """Equal words, or numbers that differ by at most one unit of their last written decimal."""
    if a == b:
        return True
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    decimals = max(len(w.partition(".")[2]) for w in (a, b))
    return abs(x - y) <= 1.01 * 10.0 ** -decimals


def _assert_same_gml(a: Path, b: Path) -> None:
    ea, eb = _elements(a), _elements(b)
    assert [(t, at) for t, at, _ in ea] == [(t, at) for t, at, _ in eb]  # same structure, ids, codes
    for (tag, _, words_a), (_, _, words_b) in zip(ea, eb):
        assert len(words_a) == len(words_b), tag
        bad = [(x, y) for x, y in zip(words_a, words_b) if not _same_within_last_digit(x, y)]
        assert not bad, f"{tag}: {bad[:3]}"


def test_generator_is_deterministic(tmp_path):
    a, b = os.path.join(tmp_path, "a"), os.path.join(tmp_path, "b")
    synthetic.write_dataset(synthetic.SAMPLE, a, relief=False, roads=False)
    synthetic.write_dataset(synthetic.SAMPLE, b, relief=False, roads=False)
    name = "udx/bldg/sample_bldg_6697_op.gml"
    _assert_same_gml(Path(a, name), Path(b, name))
    committed = os.path.join(os.path.dirname(os.path.dirname(__file__)), "resources", "sample", name)
    # Not byte for byte: another CPU or PROJ may write a coordinate's last digit differently.
    _assert_same_gml(Path(a, name), Path(committed))


def test_floor_area_is_rounded_from_the_box_not_the_last_bit():
    """984.495 m2 is 984.50 whatever the box's place on the map (the sum once cancelled to 984.49)."""
    box = synthetic.Box(np.array([[0.0, 0.0], [19.6899, 0.0], [19.6899, 10.0], [0.0, 10.0]]), 5.0, 16.0,
                        "flat", False, "401", 5)
    assert str(synthetic._floor_area(box)) == "984.50"
    far = synthetic.Box(box.corners + np.array([-41234.567, -98765.4321]), 5.0, 16.0, "flat", False, "401", 5)
    assert synthetic._floor_area(far) == synthetic._floor_area(box)


def test_the_gml_comparison_can_fail(tmp_path):
    good = Path(tmp_path, "good.gml")
    good.write_text('<a xmlns="urn:x"><b n="1">35.123456789 139.1 5.000</b><c>984.50</c></a>')
    assert _same_within_last_digit("984.50", "984.49") and not _same_within_last_digit("984.50", "984.48")
    changes = {'<c>984.50</c>': ('<c>984.52</c>', '<c>984.5 1</c>', '<d>984.50</d>'), '<b n="1">': ('<b n="2">',)}
    for original, variants in changes.items():
        for changed in variants:
            bad = Path(tmp_path, "bad.gml")
            bad.write_text(good.read_text().replace(original, changed))
            with pytest.raises(AssertionError):
                _assert_same_gml(good, bad)


def test_zones_of_known_places():
    from urban_twin.analyses.crs import zone_for
    assert zone_for(35.681, 139.767, 13) == 9    # Tokyo station
    assert zone_for(43.062, 141.354, 1) == 12    # Sapporo
    assert zone_for(41.769, 140.729, 1) == 11    # Hakodate
    assert zone_for(43.0, 144.38, 1) == 13       # Kushiro
    assert zone_for(26.212, 127.681, 47) == 15   # Naha
    assert zone_for(24.34, 124.16, 47) == 16     # Ishigaki
    assert zone_for(27.09, 142.19, 13) == 14     # Chichijima, Ogasawara
    assert zone_for(34.686, 135.52) == 6         # Osaka, no prefecture given


def test_grid_convergence_sign():
    from urban_twin.analyses.crs import grid_convergence_deg, transformer
    # east of the zone IX meridian (139 deg 50'), true north leans west of grid north: negative angle
    x, y = transformer(6668, 6677).transform(140.5, 36.0)
    gamma = grid_convergence_deg(6677, x, y)
    expected = -math.degrees(math.atan(math.tan(math.radians(140.5 - (139 + 50 / 60))) * math.sin(math.radians(36))))
    assert gamma == pytest.approx(expected, abs=0.01)


def test_standard_mesh_boxes():
    from urban_twin.analyses.dataset import mesh_bounds, mesh_code
    assert mesh_bounds("5339") == pytest.approx((139.0, 35 + 1 / 3, 140.0, 36.0))
    assert mesh_bounds("533946") == pytest.approx((139.75, 35 + 2 / 3, 139.875, 35.75))
    lon0, lat0, lon1, lat1 = mesh_bounds("53394611")  # Tokyo station's 1 km mesh
    assert lon0 < 139.7671 < lon1 and lat0 < 35.6812 < lat1
    assert (lon1 - lon0, lat1 - lat0) == pytest.approx((45 / 3600, 30 / 3600))
    assert mesh_code("udx/bldg/53394611_bldg_6697_op.gml") == "53394611"
    assert mesh_code("533946_dem_6697_op.gml") == "533946" and mesh_code("input.gml") is None
