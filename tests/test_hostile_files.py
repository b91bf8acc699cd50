"""Hostile and broken files: XML that reads other files or expands without end, sizes a header invents,
coordinates off the globe. Each is refused with a sentence or dropped with a count, never a crash."""
from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from conftest import PLUGINS

from urban_twin.analyses import codelists, loaders, meshsize
from urban_twin.analyses.citygml import read_district
from urban_twin.analyses.errors import UrbanTwinError

HEADER = ('<core:CityModel xmlns:core="http://www.opengis.net/citygml/2.0" '
          'xmlns:bldg="http://www.opengis.net/citygml/building/2.0" xmlns:gml="http://www.opengis.net/gml">')
BUILDING = ('<core:cityObjectMember><bldg:Building gml:id="{id}"><gml:name>{name}</gml:name>'
            '<bldg:measuredHeight uom="m">{height}</bldg:measuredHeight>'
            '<bldg:lod0FootPrint><gml:MultiSurface srsName="EPSG:6697"><gml:surfaceMember><gml:Polygon><gml:exterior>'
            '<gml:LinearRing><gml:posList{dim}>35.68 139.70 5 35.68 139.7001 5 {corner} 139.7001 5 35.68 139.70 5'
            '</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMember></gml:MultiSurface>'
            '</bldg:lod0FootPrint></bldg:Building></core:cityObjectMember>')
# Nine levels of ten: 10⁹ "lol"s, 3 GB once expanded.
LAUGHS = ('<!DOCTYPE core:CityModel [<!ENTITY lol0 "lol">'
          + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)) + "]>\n")


def _building(id_="b1", name="house", height="10", dim="", corner="35.6801") -> str:
    return BUILDING.format(id=id_, name=name, height=height, dim=dim, corner=corner)


def _write(folder, name: str, text: str) -> str:
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)
    return path


def _in_child(code: str, memory_gib: float = 1.0) -> subprocess.CompletedProcess:
    """Run code in a child Python with its memory capped: a crash or a runaway allocation fails the test, not
    the test run."""
    prelude = (f"import resource, sys; resource.setrlimit(resource.RLIMIT_AS, ({int(memory_gib * 2 ** 30)},) * 2); "
               f"sys.path.insert(0, {PLUGINS!r})\n")
    return subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=120)


# --- XML ------------------------------------------------------------------------------------------

def test_an_external_dtd_beside_the_file_reads_nothing(tmp_path):
    _write(tmp_path, "secret.txt", "root:x:0:0:the secret")
    _write(tmp_path, "evil.dtd", f'<!ENTITY xxe SYSTEM "file://{tmp_path}/secret.txt">')
    path = _write(tmp_path, "x.gml", '<?xml version="1.0"?>\n<!DOCTYPE core:CityModel SYSTEM "evil.dtd">\n'
                  + HEADER + _building(name="&xxe;") + "</core:CityModel>")
    with pytest.raises(UrbanTwinError, match="declares entities or a DTD.*PLATEAU files do not") as error:
        read_district(path)
    assert "secret" not in str(error.value)


@pytest.mark.parametrize("where", ["name", "attribute"])
def test_a_billion_laughs_is_refused_in_bounded_memory(tmp_path, where):
    if where == "name":
        text = LAUGHS + HEADER + _building(name="&lol9;")
    else:  # in the root's attribute, expanded by libxml2 before any element is seen
        text = LAUGHS + HEADER.replace("<core:CityModel ", '<core:CityModel gml:id="&lol9;" ') + _building()
    path = _write(tmp_path, "laughs.gml", '<?xml version="1.0"?>\n' + text + "</core:CityModel>")
    child = _in_child(f"""
        from urban_twin.analyses.citygml import read_district
        from urban_twin.analyses.errors import UrbanTwinError
        try:
            read_district({path!r})
        except UrbanTwinError as exc:
            print(exc)
    """)
    assert child.returncode == 0, child.stderr[-2000:]
    assert "declares entities or a DTD" in child.stdout


def test_a_code_list_with_entities_is_refused(tmp_path):
    path = _write(tmp_path, "Building_usage.xml", '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e "住宅">]>\n'
                  '<gml:Dictionary xmlns:gml="http://www.opengis.net/gml"><gml:dictionaryEntry><gml:Definition>'
                  '<gml:name>411</gml:name><gml:description>&e;</gml:description></gml:Definition>'
                  '</gml:dictionaryEntry></gml:Dictionary>')
    with pytest.raises(UrbanTwinError, match="Building_usage.xml declares entities"):
        codelists.load_codelist(path)


def test_a_bad_srs_dimension_is_a_message(tmp_path):
    path = _write(tmp_path, "x.gml", HEADER + _building(dim=' srsDimension="x"') + "</core:CityModel>")
    with pytest.raises(UrbanTwinError, match="srsDimension other than 2 or 3"):
        read_district(path)


def test_an_infinite_coordinate_is_a_message(tmp_path):
    path = _write(tmp_path, "x.gml", HEADER + _building(corner="inf") + "</core:CityModel>")
    with pytest.raises(UrbanTwinError, match="in building b1 holds an infinite number"):
        read_district(path)


def test_an_empty_measured_height_leaves_the_building_out_with_its_reason(tmp_path):
    path = _write(tmp_path, "x.gml", HEADER + _building("b1", height="") + _building("b2", height="12")
                  + "</core:CityModel>")
    district = read_district(path)
    assert district.buildings["gml_id"].tolist() == ["b2"]
    assert district.dropped.set_index("gml_id").loc["b1", "reason"].startswith("height unknown")


# --- 3D models and rasters ------------------------------------------------------------------------

def _ply(tmp_path, fmt: str, vertices: int, body: bytes) -> str:
    path = tmp_path / f"{fmt}.ply"
    path.write_bytes(f"ply\nformat {fmt} 1.0\nelement vertex {vertices}\nproperty float x\nproperty float y\n"
                     f"property float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n"
                     .encode() + body)
    return str(path)


def test_a_ply_claiming_two_billion_vertices_is_refused_before_vtk_sees_it(tmp_path):
    path = _ply(tmp_path, "binary_little_endian", 2_000_000_000, bytes(12))
    child = _in_child(f"""
        from urban_twin.analyses import loaders
        from urban_twin.analyses.errors import UrbanTwinError
        try:
            loaders.read_mesh({path!r})
        except UrbanTwinError as exc:
            print(exc)
    """, memory_gib=2.0)
    assert child.returncode == 0, child.stderr[-2000:]  # VTK's allocation aborts the process: -6
    assert "declares more than it holds (2000000000 × vertex, 1 × face needs at least 24000000001 bytes" in child.stdout


def test_an_ascii_ply_is_held_to_its_counts_too(tmp_path):
    with pytest.raises(UrbanTwinError, match="declares more than it holds"):
        meshsize.check(_ply(tmp_path, "ascii", 1_000_000, b"0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n"))
    meshsize.check(_ply(tmp_path, "ascii", 3, b"0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n"))  # the honest one passes


def test_a_binary_stl_claiming_more_triangles_than_it_holds_is_refused(tmp_path):
    path = tmp_path / "x.stl"
    path.write_bytes(b"\x80" * 80 + struct.pack("<I", 1_000_000_000) + bytes(50))
    with pytest.raises(UrbanTwinError, match="1000000000 triangles needs at least 50000000084 bytes"):
        loaders.read_mesh(str(path))


def _gltf(tmp_path, count: int, buffer_uri: str | None = None, length: int = 36) -> str:
    data = np.zeros((3, 3), dtype=np.float32).tobytes()
    uri = buffer_uri or "data:application/octet-stream;base64," + __import__("base64").b64encode(data).decode()
    document = {"asset": {"version": "2.0"}, "buffers": [{"uri": uri, "byteLength": length}],
                "bufferViews": [{"buffer": 0, "byteLength": 36}],
                "accessors": [{"bufferView": 0, "componentType": 5126, "count": count, "type": "VEC3"}],
                "meshes": [{"primitives": [{"attributes": {"POSITION": 0}}]}]}
    path = tmp_path / "x.gltf"
    path.write_text(json.dumps(document))
    return str(path)


def test_gltf_accessors_and_buffers_must_fit(tmp_path):
    meshsize.check(_gltf(tmp_path, 3))
    with pytest.raises(UrbanTwinError, match=r"accessor 0 \(1000000000 values\) needs at least 12000000000 bytes"):
        meshsize.check(_gltf(tmp_path, 1_000_000_000))
    with pytest.raises(UrbanTwinError, match="buffer 0 needs at least 4000000000 bytes, the file has 36"):
        meshsize.check(_gltf(tmp_path, 3, length=4_000_000_000))


def test_a_gltf_buffer_outside_its_folder_is_refused(tmp_path):
    (tmp_path / "model").mkdir()
    (tmp_path / "secret.bin").write_bytes(bytes(36))
    path = _gltf(tmp_path / "model", 3, buffer_uri="../secret.bin")
    with pytest.raises(UrbanTwinError, match=r"refers to a file outside its folder \(../secret.bin\)"):
        loaders.read_mesh(path)


def test_only_checked_3d_formats_are_read(tmp_path):
    path = tmp_path / "x.vtk"
    path.write_text("# vtk DataFile Version 3.0\nx\nASCII\nDATASET POLYDATA\nPOINTS 2000000000 float\n")
    with pytest.raises(UrbanTwinError, match="read as OBJ, PLY, STL, glTF or GLB, not .vtk"):
        loaders.read_mesh(str(path))


def test_a_raster_larger_than_the_memory_limit_is_refused_before_reading(tmp_path):
    from osgeo import gdal

    from urban_twin.analyses.raster import Raster
    path = str(tmp_path / "huge.tif")  # 60,000 x 60,000 cells in a few hundred kB: all tiles sparse
    dataset = gdal.GetDriverByName("GTiff").Create(path, 60_000, 60_000, 1, gdal.GDT_Float32,
                                                   options=["SPARSE_OK=TRUE", "TILED=YES"])
    dataset.SetGeoTransform((0.0, 1.0, 0.0, 0.0, 0.0, -1.0))
    dataset = None
    assert os.path.getsize(path) < 50e6
    with pytest.raises(UrbanTwinError, match=r"60000 x 60000 cells: reading it would take 40.2 GiB, more than the "
                                             r"2 GiB allowed"):
        Raster.read(path)


# --- CSV ------------------------------------------------------------------------------------------

def test_csv_points_off_the_globe_are_dropped_with_a_count(tmp_path):
    path = tmp_path / "points.csv"
    path.write_text("名称,緯度,経度\n日比谷公園,35.6736,139.7563\n無限,inf,139.7\n北極の先,999,139.7\n空,,139.7\n"
                    "上野公園,35.7141,139.7741\n", encoding="utf-8")
    frame = loaders.read_csv_points(loaders.inspect(str(path)))
    assert frame["名称"].tolist() == ["日比谷公園", "上野公園"]
    intake = frame.attrs["intake"]
    assert intake.used == 2 and intake.reasons() == {loaders.OUT_OF_RANGE: 2, loaders.NOT_A_NUMBER: 1}
    assert intake.skipped["id"].tolist() == ["3", "4", "5"]  # the file's lines
