"""The catalog client against a local CKAN-shaped server, the offline mirror, and the loaders."""
from __future__ import annotations

import hashlib
import os
import zipfile

import geopandas as gpd
import numpy as np
import pytest
import shapely
from ckan_server import FILES, CkanServer

from urban_twin.analyses import loaders
from urban_twin.analyses.ckan import CatalogError, CkanClient, OfflineError
from urban_twin.analyses.errors import UrbanTwinError
from urban_twin.analyses.mirror import Mirror


@pytest.fixture()
def server():
    running = CkanServer().start()
    yield running
    running.stop()


@pytest.fixture()
def client(server):
    return CkanClient(server.url, timeout=5, retries=2, backoff=0.01)


def test_search_pages_through_everything(client):
    first = client.package_search(rows=5)
    assert first["count"] == 12 and len(first["results"]) == 5
    every = list(client.iter_packages(page=5))
    assert len(every) == 12 and len({p["id"] for p in every}) == 12
    assert client.package_show("tokyo-parks")["title"] == "都立公園一覧"
    assert {o["title"] for o in client.organization_list()} == {"東京都", "国土交通省"}
    assert "公園" in client.tag_list()


def test_errors_say_what_happened(client, server):
    with pytest.raises(CatalogError, match="見つかりません"):
        client.package_show("no-such-dataset")
    html = CkanClient(server.url + "/html", retries=1, backoff=0.01)
    with pytest.raises(CatalogError, match="HTML page"):
        html.package_search()
    with pytest.raises(CatalogError, match="not known"):
        client.action("no_such_action")


def test_offline_is_said(tmp_path):
    dead = CkanClient("http://127.0.0.1:9", timeout=1, retries=1, backoff=0.01)
    with pytest.raises(OfflineError, match="offline"):
        dead.package_search()


def test_download_resumes_after_a_dropped_connection(client, server, tmp_path):
    target = str(tmp_path / "big.bin")
    data = FILES["big.bin"]
    client.download(f"{server.url}/files/big.bin", target, len(data), "sha256:" + hashlib.sha256(data).hexdigest())
    assert open(target, "rb").read() == data
    assert not os.path.exists(target + ".part")


def test_wrong_hash_rejects_the_file(client, server, tmp_path):
    target = str(tmp_path / "bad.csv")
    with pytest.raises(CatalogError, match="hash does not match"):
        client.download(f"{server.url}/files/bad.csv", target, None, "sha256:" + "0" * 64)
    assert not os.path.exists(target) and not os.path.exists(target + ".part")


def test_mirror_syncs_searches_and_works_offline(client, server, tmp_path):
    mirror = Mirror(str(tmp_path / "mirror"))
    assert mirror.sync(client) == 12
    assert mirror.sync(client) == 1  # only what changed since (the newest again, inclusive)
    path = mirror.download("res-parks", client)
    server.stop()  # from here on: no network
    assert [d["name"] for d in mirror.search("公園")] == ["tokyo-parks"]        # two characters: LIKE
    assert [d["name"] for d in mirror.search("都立公園")] == ["tokyo-parks"]    # full text (trigram)
    assert len(mirror.search("PLATEAU")) == 9 and len(mirror.search("plateau")) == 9
    assert len(mirror.search(organization="東京都")) == 2
    assert len(mirror.search(tag="3D都市モデル")) == 9
    assert [d["name"] for d in mirror.search(fmt="csv")] == ["bad-hash", "tokyo-parks"]
    assert [d["name"] for d in mirror.search(bbox=(139.7, 35.6, 139.8, 35.7))] == ["tokyo-parks"]
    assert mirror.search(bbox=(135.0, 34.0, 135.5, 34.5)) == []
    assert mirror.download("res-parks") == path  # offline: from the mirror's files
    with pytest.raises(UrbanTwinError, match="no network"):
        mirror.download("res-big")
    detail = mirror.dataset("tokyo-parks")
    assert detail["license_title"].startswith("クリエイティブ") and detail["resources"][0]["local_path"]
    assert "CSV" in mirror.facets()["formats"]


@pytest.mark.parametrize("suffix", ["", ".zip"])
def test_mirror_exports_and_imports_with_files(client, tmp_path, suffix):
    source = Mirror(str(tmp_path / "office"))
    source.sync(client)
    source.download("res-parks", client)
    carried = source.export(str(tmp_path / f"usb{suffix or '_folder'}{suffix}"))
    field = Mirror(str(tmp_path / "field"))
    assert field.import_from(carried) == 12
    assert [d["name"] for d in field.search("都立公園")] == ["tokyo-parks"]
    assert open(field.download("res-parks"), "rb").read() == FILES["parks.csv"]


# --- loaders ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "shift_jis"])
@pytest.mark.parametrize("header", [("名称", "緯度", "経度"), ("name", "lat", "lon"),
                                    ("name", "Latitude", "Longitude")])
def test_csv_encodings_and_coordinate_names(tmp_path, encoding, header):
    path = tmp_path / "points.csv"
    path.write_bytes(f"{header[0]},{header[1]},{header[2]}\n日比谷公園,35.6736,139.7563\n".encode(encoding))
    opened = loaders.inspect(str(path))
    assert opened.kind == "csv" and (opened.y_field, opened.x_field) == header[1:]
    frame = loaders.read_csv_points(opened)
    assert frame[header[0]].iloc[0] == "日比谷公園"
    assert frame.geometry.iloc[0].x == pytest.approx(139.7563) and frame.crs.to_epsg() == 6668


def test_csv_without_coordinates_is_a_message(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("名称,住所\n日比谷公園,千代田区\n", encoding="utf-8")
    with pytest.raises(UrbanTwinError, match="no coordinate columns"):
        loaders.inspect(str(path))


def test_unknown_format_is_a_message(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK")
    with pytest.raises(UrbanTwinError, match="not one this plugin opens"):
        loaders.inspect(str(path))


@pytest.mark.parametrize("with_cpg", [True, False])
def test_zipped_shapefile_with_cp932_attributes(tmp_path, with_cpg):
    frame = gpd.GeoDataFrame({"名称": ["日比谷公園", "上野恩賜公園"]},
                             geometry=shapely.points([(139.7563, 35.6736), (139.7737, 35.7153)]), crs=6668)
    folder = tmp_path / "shp"
    folder.mkdir()
    frame.to_file(folder / "parks.shp", encoding="cp932")
    archive = tmp_path / "parks.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for name in os.listdir(folder):
            if name.endswith(".cpg") and not with_cpg:
                continue
            out.write(folder / name, name)
    opened = loaders.inspect(str(archive))
    assert opened.kind == "vector" and opened.encoding == "CP932" and opened.path.startswith("/vsizip/")
    read = gpd.read_file(opened.path, encoding=opened.encoding)
    assert read["名称"].tolist() == ["日比谷公園", "上野恩賜公園"]


@pytest.mark.parametrize("driver,ext", [("GeoJSON", ".geojson"), ("GPKG", ".gpkg"), ("KML", ".kml")])
def test_vector_formats(tmp_path, driver, ext):
    frame = gpd.GeoDataFrame({"name": ["日比谷公園"]}, geometry=shapely.points([(139.7563, 35.6736)]), crs=4326)
    path = str(tmp_path / f"parks{ext}")
    frame.to_file(path, driver=driver)
    opened = loaders.inspect(path)
    assert opened.kind == "vector"
    assert gpd.read_file(opened.path).geometry.iloc[0].x == pytest.approx(139.7563)


def test_geotiff_and_citygml_kinds(tmp_path, sample_district):
    from urban_twin.analyses.citymodel import Terrain
    tif = Terrain(np.ones((3, 3)), 0.0, 3.0, 1.0, 6677).write(str(tmp_path / "dem.tif"))
    assert loaders.inspect(tif).kind == "raster"
    assert loaders.inspect(sample_district.sources[0]).kind == "citygml"


@pytest.mark.parametrize("ext", [".obj", ".ply", ".stl", ".glb"])
def test_meshes_are_read_and_placed(tmp_path, ext):
    import pyvista as pv
    cube = pv.Cube(center=(0, 0, 0.5))
    path = str(tmp_path / f"cube{ext}")
    if ext == ".glb":
        plotter = pv.Plotter(off_screen=True)
        plotter.add_mesh(cube)
        plotter.export_gltf(path)
        plotter.close()
    else:
        cube.triangulate().save(path)
    mesh = loaders.read_mesh(path, offset=(-8000.0, -35000.0, 5.0))
    assert mesh.n_cells >= 12
    centre = np.asarray(mesh.center)
    # glTF is y-up: VTK's reader keeps that, so only the x offset is checked for every format
    assert centre[0] == pytest.approx(-8000.0, abs=1e-6)


def test_real_plateau_files_open(yokosuka):
    assert loaders.inspect(yokosuka.sources[0]).kind == "citygml"
