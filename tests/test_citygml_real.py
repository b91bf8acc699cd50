"""The reader against the real PLATEAU files in ../shared/data/plateau."""
from __future__ import annotations

import glob
import os
import posixpath
import re
import zipfile

import numpy as np
import pytest
from conftest import REAL, real, shared
from lxml import etree

from urban_twin.analyses import crs

GML = "{http://www.opengis.net/gml}"


def _raw_buildings(path: str) -> list[dict]:
    """An independent, naive DOM read: id, measuredHeight and mean lat/lon of every posList."""
    root = etree.parse(path).getroot()
    out = []
    for b in root.iter("{http://www.opengis.net/citygml/building/2.0}Building"):
        heights = [float(h.text) for h in b.iter("{http://www.opengis.net/citygml/building/2.0}measuredHeight")]
        values = np.concatenate([np.array(p.text.split(), float) for p in b.iter(f"{GML}posList")]).reshape(-1, 3)
        out.append({"id": b.get(f"{GML}id"), "height": max(heights, default=None), "lat": values[:, 0].mean(),
                    "lon": values[:, 1].mean(), "zmin": values[:, 2].min(), "zmax": values[:, 2].max()})
    return out


def test_yokosuka_counts_and_zone(yokosuka):
    assert len(yokosuka.buildings) == 13
    assert yokosuka.epsg == 6677  # Kanagawa: zone IX
    assert yokosuka.buildings["parts"].sum() == 2  # one building of two parts
    assert len(yokosuka.volumes) == 14


def test_sapporo_counts_and_zone(sapporo):
    assert len(sapporo.buildings) == 25
    assert sapporo.epsg == 6680  # Sapporo: zone XII
    assert len(sapporo.roofs) == 0  # LOD1 only
    assert set(sapporo.buildings["lod"]) == {1}


@pytest.mark.parametrize("folder,name", [("yokosuka-52397519", "52397519_bldg_6697_op.gml"),
                                         ("sapporo-64413325", "64413325_bldg_6697_op.gml")])
def test_heights_and_places_match_a_naive_read(folder, name):
    from urban_twin.analyses.citygml import read_district
    path = shared(folder, name)
    district = read_district(path)
    raw = {r["id"]: r for r in _raw_buildings(path)}
    assert set(raw) == set(district.buildings["gml_id"])
    for row in district.buildings.itertuples():
        ref = raw[row.gml_id]
        if ref["height"] is not None:
            assert row.height == pytest.approx(ref["height"])
        else:  # no measuredHeight: the height comes from the geometry
            assert row.height == pytest.approx(row.roof_z - row.ground_z)
        assert row.ground_z == pytest.approx(ref["zmin"], abs=1e-6)
        assert row.roof_z == pytest.approx(ref["zmax"], abs=1e-6)
        lon, lat = crs.to_lonlat(district.epsg, np.array([row.geometry.centroid.x]),
                                 np.array([row.geometry.centroid.y]))
        # footprint centroid within ~20 m of the mean of all the building's coordinates
        assert abs(lat[0] - ref["lat"]) < 2e-4 and abs(lon[0] - ref["lon"]) < 2.5e-4


def test_yokosuka_lod2_roofs(yokosuka):
    roofs = yokosuka.roofs
    assert len(roofs) > 0
    assert set(roofs["building_id"]) <= set(yokosuka.buildings["gml_id"])
    lod2 = set(yokosuka.buildings.loc[yokosuka.buildings["lod"] == 2, "gml_id"])
    assert set(roofs["building_id"]) == lod2
    assert roofs["tilt"].between(0, 60).all()
    assert roofs["azimuth"].between(0, 360).all()
    assert (roofs["area"] > 0).all()
    assert roofs.geometry.has_z.all()


def test_attributes_japanese_and_uro(yokosuka, sapporo):
    museum = yokosuka.buildings[yokosuka.buildings["name"] == "横須賀美術館"]
    assert len(museum) >= 2
    assert "図形ID" in yokosuka.buildings.columns
    assert yokosuka.buildings["BuildingIDAttribute_buildingID"].str.startswith("14201-bldg-").all()
    assert "BuildingDetailAttribute_totalFloorArea" in yokosuka.buildings.columns
    flood = [c for c in sapporo.buildings.columns if c.startswith("BuildingRiverFloodingRiskAttribute_depth")]
    assert len(flood) == 2  # two flood scenarios per building, both kept
    # codes are kept as codes where the dataset's codelists/ folder is absent
    assert yokosuka.buildings["usage"].dropna().str.fullmatch(r"\d{3}").all()


def test_relief_tin_becomes_terrain():
    from urban_twin.analyses.citygml import read_district
    from urban_twin.analyses.terrain import tin_to_terrain
    district = read_district(shared("yokosuka-52397519", "523965_dem_6697_05_op.gml"), require_buildings=False)
    tin = district.tin
    assert tin is not None and len(tin.triangles) > 1000
    terrain = tin_to_terrain(tin, 1.0, district.epsg)
    xs, ys = terrain.cell_centres()
    rng = np.random.default_rng(1)
    checked = 0
    for t in rng.choice(len(tin.triangles), 50, replace=False):
        a, b, c = tin.vertices[tin.triangles[t]]
        cols = np.where((xs >= min(a[0], b[0], c[0])) & (xs <= max(a[0], b[0], c[0])))[0]
        rows = np.where((ys >= min(a[1], b[1], c[1])) & (ys <= max(a[1], b[1], c[1])))[0]
        gx, gy = np.meshgrid(xs[cols], ys[rows])
        # barycentric coordinates of the cell centres in triangle abc
        det = (b[1] - c[1]) * (a[0] - c[0]) + (c[0] - b[0]) * (a[1] - c[1])
        l1 = ((b[1] - c[1]) * (gx - c[0]) + (c[0] - b[0]) * (gy - c[1])) / det
        l2 = ((c[1] - a[1]) * (gx - c[0]) + (a[0] - c[0]) * (gy - c[1])) / det
        l3 = 1 - l1 - l2
        inside = (l1 > 1e-6) & (l2 > 1e-6) & (l3 > 1e-6)
        expected = l1 * a[2] + l2 * b[2] + l3 * c[2]
        got = terrain.z[np.ix_(rows, cols)]
        assert np.allclose(got[inside], expected[inside], atol=1e-3)
        checked += inside.sum()
    assert checked > 100


# --- every vintage and encoding in ../shared/data/plateau-real ------------------------------------

_BUILDING_START = re.compile(rb"<([\w.-]+:)?Building[\s>]")
#: Files whose buildings cannot be analysed, with how many: reearth-flow's SYNTHETIC quality-check input
#: holds one element kind per building (a roof edge alone, a room alone, a door alone ...).
_EXPECTED_DROPPED = {"fixtures-reearth-qc/C02/input.gml": 16}


def _building_files() -> list[str]:
    """Every .gml under plateau-real holding a Building start tag (a byte search, not the reader)."""
    found = []
    for path in sorted(glob.glob(os.path.join(REAL, "**", "*.gml"), recursive=True)):
        with open(path, "rb") as stream:
            if _BUILDING_START.search(stream.read()):
                found.append(os.path.relpath(path, REAL).replace(os.sep, "/"))
    return found or ["(plateau-real absent)"]


def _plain_building_ids(path: str) -> list[str]:
    """gml:id of every Building element in a CityGML building namespace, by a plain lxml pass.

    recover: one SDK test copy uses a prefix it never declares, which strict parsing refuses.
    """
    ids = []
    for _, elem in etree.iterparse(path, events=("end",), recover=True, huge_tree=True):
        if isinstance(elem.tag, str) and elem.tag.endswith("}Building") \
                and elem.tag.startswith("{http://www.opengis.net/citygml/building/"):
            ids.append(elem.get(f"{GML}id") or elem.get("{http://www.opengis.net/gml/3.2}id"))
    return ids


@pytest.mark.parametrize("name", _building_files())
def test_every_building_of_every_vintage_is_read(name):
    from urban_twin.analyses.citygml import MAX_HEIGHT_M, read_district
    path = real(name)
    plain = _plain_building_ids(path)
    assert plain, "the byte search found a Building that is not in a building namespace"
    district = read_district(path, require_buildings=False)
    kept, dropped = list(district.buildings["gml_id"]), list(district.dropped["gml_id"])
    assert len(kept) + len(dropped) == len(plain)
    assert set(kept) | set(dropped) == set(plain) and not set(kept) & set(dropped)
    assert len(dropped) == _EXPECTED_DROPPED.get(name, 0), district.dropped.to_string()
    heights = district.buildings["height"]
    assert heights.gt(0).all() and heights.le(MAX_HEIGHT_M).all()
    assert set(district.buildings["height_source"]) <= {"measured", "geometry", "storeys"}


# --- PLATEAU's unknown values ----------------------------------------------------------------------

def _naive_heights(path: str) -> dict[str, tuple[float, float]]:
    """Per Building: its stated height (measuredHeight, or 3.0's con:height value) and LOD1 z range."""
    out = {}
    root = etree.parse(path).getroot()
    for b in root.iter("{http://www.opengis.net/citygml/building/2.0}Building",
                       "{http://www.opengis.net/citygml/building/3.0}Building"):
        stated = [float(h.text) for h in b.iter("{*}measuredHeight")] + \
                 [float(h.findtext("{*}value")) for h in b.iter("{http://www.opengis.net/citygml/construction/3.0}Height")]
        z = [float(v) for solid in b.iter("{*}lod1Solid") for p in solid.iter("{*}posList")
             for v in p.text.split()[2::3]]
        out[b.get(f"{GML}id") or b.get("{http://www.opengis.net/gml/3.2}id")] = (stated[0], max(z) - min(z))
    return out


@pytest.mark.parametrize("name,unknown", [("masuda-2024/52310614_bldg_6697_op.gml", 7),
                                          ("nagaoka-2024/udx/bldg/55386678_bldg_6697_op.gml", 1),
                                          ("osaka-2024/udx/bldg/51357309_bldg_6697_op.gml", 1),
                                          ("osaka-2024-citygml3/51357309_bldg_6697_op.gml", 1)])
def test_unknown_heights_fall_back_to_the_geometry(name, unknown):
    from urban_twin.analyses.citygml import read_district
    path = real(name)
    naive = _naive_heights(path)
    assert sum(stated == -9999 for stated, _ in naive.values()) == unknown
    b = read_district(path).buildings.set_index("gml_id")
    assert len(b) == len(naive)
    for gml_id, (stated, lod1) in naive.items():
        if stated == -9999:
            assert b.loc[gml_id, "height_source"] == "geometry"
            assert b.loc[gml_id, "height"] == pytest.approx(lod1, abs=1e-6)
        else:
            assert b.loc[gml_id, "height_source"] == "measured"
            assert b.loc[gml_id, "height"] == pytest.approx(stated)
    assert (b.select_dtypes("number") != -9999).all().all()
    unknown_storeys = sum(e.text == "9999" for e in etree.parse(path).iter("{*}storeysAboveGround"))
    if "storeysAboveGround" in b:
        assert b["storeysAboveGround"].isna().sum() == unknown_storeys  # 9999 is "unknown", never a count
        assert b["storeysAboveGround"].dropna().between(0, 200).all()


def test_ground_comes_from_the_solid_not_a_footprint_at_zero():
    """Osaka 2024's LOD0 footprints lie at z = 0; its LOD1 solids stand on the ground (8-9 m)."""
    from urban_twin.analyses.citygml import read_district
    for name in ("osaka-2024/udx/bldg/51357309_bldg_6697_op.gml", "osaka-2024-citygml3/51357309_bldg_6697_op.gml"):
        b = read_district(real(name)).buildings
        assert b["ground_z"].between(5, 20).all()


# --- a city's dataset straight from its zip -------------------------------------------------------

def _zip_folder(folder: str, target: str, top: str = "") -> str:
    """Zip a dataset folder (udx/..., codelists/...) as PLATEAU publishes it, optionally under a top folder."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(glob.glob(os.path.join(folder, "**", "*"), recursive=True)):
            if os.path.isfile(path):
                archive.write(path, posixpath.join(top, os.path.relpath(path, folder).replace(os.sep, "/")))
    return target


def test_dataset_zip_reads_like_its_folder_with_codelists(tmp_path):
    from urban_twin.analyses.citygml import read_district
    folder = real("tokyo23-2022-plateau-builder")
    archive = _zip_folder(folder, os.path.join(tmp_path, "13100_tokyo23-ku_2022_citygml_1_3_op.zip"),
                          top="13100_tokyo23-ku_2022_citygml_1_3_op")
    from_zip, from_folder = read_district(archive), read_district(folder)
    gml = glob.glob(os.path.join(folder, "udx", "bldg", "*.gml"))
    assert len(from_zip.buildings) == sum(len(_plain_building_ids(p)) for p in gml) == 9
    assert from_zip.buildings["gml_id"].tolist() == from_folder.buildings["gml_id"].tolist()
    assert from_zip.buildings["height"].to_numpy() == pytest.approx(from_folder.buildings["height"].to_numpy())
    # the code 13111 resolved through codelists/ inside the zip, as a plain read of that list says
    table = etree.parse(os.path.join(folder, "codelists", "Common_localPublicAuthorities.xml")).getroot()
    label = next(d.findtext(f"{GML}description") for d in table.iter(f"{GML}Definition")
                 if d.findtext(f"{GML}name") == "13111")
    assert set(from_zip.buildings["BuildingIDAttribute_city"]) == {label} != {"13111"}
    assert from_zip.sources[0].endswith("13100_tokyo23-ku_2022_citygml_1_3_op/udx/bldg/53392633_bldg_6697_2_op.gml")


def test_extent_reads_only_the_mesh_tiles_it_meets(tmp_path):
    from urban_twin.analyses import crs as crs_module
    from urban_twin.analyses.citygml import read_district
    from urban_twin.analyses.errors import UrbanTwinError
    folder = real("tokyo23-2020-unity")
    archive = _zip_folder(folder, os.path.join(tmp_path, "tokyo.zip"))
    everything = read_district(archive)
    assert len(everything.buildings) == 2  # one building in each of two 3rd order meshes
    # a 100 m box in Shinjuku (mesh 53394525: 35.6833-35.6917 N, 139.6875-139.7 E), in lon/lat
    shinjuku = read_district(archive, extent=(139.690, 35.685, 139.691, 35.686))
    expected = _plain_building_ids(os.path.join(folder, "udx", "bldg", "53394525_bldg_6697_2_op.gml"))
    assert shinjuku.buildings["gml_id"].tolist() == expected
    assert all("53394525" in s or "533925" in s for s in shinjuku.sources)  # plus the 2nd order dem, tran
    # the same box given in the plane-rectangular zone IX
    x, y = crs_module.transformer(6668, 6677).transform([139.690, 139.691], [35.685, 35.686])
    in_metres = read_district(archive, extent=(x[0], y[0], x[1], y[1]), extent_epsg=6677)
    assert in_metres.buildings["gml_id"].tolist() == expected
    with pytest.raises(UrbanTwinError, match="none of the .* lies in the extent"):
        read_district(archive, extent=(135.0, 34.0, 135.1, 34.1))  # Osaka
