"""The catalog against hostile and broken input: paths kept inside the mirror, capped and cancelable syncs,
CKAN answers in the wrong shapes, cut and trickled answers, unknown hashes and broken imports."""
from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import time
import zipfile
from pathlib import Path

import pytest
from ckan_server import FILES, CkanServer

from urban_twin.analyses import ckan
from urban_twin.analyses.ckan import CanceledError, CatalogError, CkanClient, OfflineError
from urban_twin.analyses.errors import UrbanTwinError
from urban_twin.analyses.mirror import SYNC_BATCH, SYNC_LIMIT, Mirror

PARKS_HASH = "sha256:" + hashlib.sha256(FILES["parks.csv"]).hexdigest()


@pytest.fixture()
def server():
    running = CkanServer().start()
    yield running
    running.stop()


def _client(server, mode: str = "", **kwargs) -> CkanClient:
    options = {"timeout": 5, "retries": 2, "backoff": 0.01, **kwargs}
    return CkanClient(server.url + (f"/hostile/{mode}" if mode else ""), **options)


def _consistent(mirror: Mirror) -> None:
    """The database is whole and its full-text index has one row per dataset."""
    assert mirror.db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert mirror.db.execute("select count(*) from datasets_fts").fetchone()[0] == mirror.count()


def _files_under(folder) -> set[str]:
    return {os.path.relpath(os.path.join(root, name), folder) for root, _, names in os.walk(folder) for name in names}


# --- paths -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("resource_id", ["res-up", "res-abs", "../../../escape", "/tmp/urban_twin_hostile_res"])
def test_ids_that_are_paths_are_refused_and_nothing_is_written_outside(server, tmp_path, caplog, resource_id):
    mirror = Mirror(str(tmp_path / "mirror"))
    assert mirror.sync(_client(server, "evil-ids")) == 5
    with caplog.at_level(logging.WARNING), pytest.raises(CatalogError, match="is not a plain name"):
        mirror.download(resource_id, _client(server))
    assert "not a plain folder name" in caplog.text
    assert _files_under(tmp_path) == {os.path.join("mirror", "mirror.sqlite")}
    assert not os.path.exists("/tmp/urban_twin_hostile_abs") and not os.path.exists("/tmp/urban_twin_hostile_res")
    assert mirror.resource(resource_id)["local_path"] is None


def test_a_url_whose_file_name_is_dot_dot_downloads_under_the_resource_id(server, tmp_path):
    mirror = Mirror(str(tmp_path / "mirror"))
    mirror.sync(_client(server, "evil-ids"))
    path = mirror.download("res-dots", _client(server))
    assert path == os.path.join(os.path.realpath(tmp_path), "mirror", "files", "ds-dots", "res-dots", "res-dots.dat")
    assert Path(path).read_bytes() == FILES["parks.csv"]


@pytest.mark.parametrize("local_path", ["../../etc/passwd", "/etc/passwd", "files/../mirror.sqlite",
                                        "files/link/passwd"])
def test_a_stored_path_outside_the_files_folder_is_never_returned(server, tmp_path, caplog, local_path):
    mirror = Mirror(str(tmp_path / "mirror"))
    mirror.sync(_client(server))
    os.symlink("/etc", tmp_path / "mirror" / "files" / "link")
    with mirror.db:
        mirror.db.execute("update resources set local_path = ? where id = 'res-parks'", (local_path,))
    with caplog.at_level(logging.WARNING), pytest.raises(CatalogError, match="outside its files folder; refused"):
        mirror.download("res-parks", _client(server))
    assert "refused a path outside" in caplog.text


def test_an_imported_path_outside_the_export_is_ignored(server, tmp_path, caplog):
    office = Mirror(str(tmp_path / "office"))
    office.sync(_client(server))
    exported = office.export(str(tmp_path / "usb"))
    with sqlite3.connect(os.path.join(exported, "mirror.sqlite")) as db:
        db.execute("update resources set local_path = '../../etc/passwd' where id = 'res-parks'")
    field = Mirror(str(tmp_path / "field"))
    with caplog.at_level(logging.WARNING):
        assert field.import_from(exported) == 12
    assert "outside its files folder" in caplog.text
    assert field.resource("res-parks")["local_path"] is None
    with pytest.raises(UrbanTwinError, match="is not in the mirror and there is no network"):
        field.download("res-parks")


def test_catalog_urls_other_than_http_are_refused(tmp_path):
    client = CkanClient("http://127.0.0.1:9", retries=1)
    with pytest.raises(CatalogError, match="is not an http or https address"):
        client.download("file:///etc/passwd", str(tmp_path / "passwd"))
    with pytest.raises(CatalogError, match="is not an http or https address"):
        CkanClient("file:///etc").package_search()
    assert not os.listdir(tmp_path)


# --- a catalog claiming 10⁹ datasets ------------------------------------------------------------------
def test_a_sync_stops_at_its_limit_and_continues_next_time(server, tmp_path):
    assert SYNC_LIMIT == 100_000
    mirror = Mirror(str(tmp_path / "mirror"))
    with pytest.raises(CatalogError, match=r"more than 1200 datasets .* 1200 were stored and the next sync continues"):
        mirror.sync(_client(server, "billion"), limit=1200)
    assert mirror.count() == 1200
    _consistent(mirror)
    mark = mirror.db.execute("select last_sync from catalogs").fetchone()[0]
    assert mark == "2024-01-01T00:00:00.0000001199"  # the newest stored: the next sync starts there


def test_cancel_stops_a_sync_within_seconds_and_keeps_whole_batches(server, tmp_path):
    mirror = Mirror(str(tmp_path / "mirror"))
    started = time.monotonic()
    with pytest.raises(CanceledError, match=r"canceled after \d+ datasets; they are kept"):
        mirror.sync(_client(server, "billion"), is_canceled=lambda: time.monotonic() - started > 1.0)
    assert time.monotonic() - started < 3.0
    assert 0 < mirror.count() < SYNC_LIMIT and mirror.count() % SYNC_BATCH == 0
    _consistent(mirror)


def test_cancel_stops_a_request_the_server_is_holding(server, tmp_path):
    started = time.monotonic()
    with pytest.raises(CanceledError, match="canceled after 0 datasets"):
        Mirror(str(tmp_path / "m")).sync(_client(server, "trickle"),
                                         is_canceled=lambda: time.monotonic() - started > 0.5)
    assert time.monotonic() - started < 2.0


# --- answers in the wrong shape ----------------------------------------------------------------------
@pytest.mark.parametrize("mode,message", [
    ("list-result", r"answered package_search with \[.*instead of an object with 'count' and 'results'"),
    ("string-count", "answered package_search with a 'count' that is not a whole number: \"12\""),
    ("null-results", "answered package_search with 'results' that are not a list: null"),
    ("string-organization", "dataset ds-parks whose 'organization' is \"東京都\", which CKAN does not give"),
])
def test_answers_in_the_wrong_shape_are_sentences(server, tmp_path, mode, message):
    mirror = Mirror(str(tmp_path / "mirror"))
    mirror.sync(_client(server))
    with pytest.raises(CatalogError, match=message):
        mirror.sync(_client(server, mode))
    assert mirror.count() == 12
    _consistent(mirror)


def test_a_page_cut_mid_body_is_fetched_again(server, tmp_path):
    assert Mirror(str(tmp_path / "mirror")).sync(_client(server, "cut-once")) == 12


def test_pages_always_cut_are_a_sentence(server):
    with pytest.raises(OfflineError, match="cut its answer short 2 times: working offline"):
        _client(server, "cut-always").package_search()


def test_an_answer_larger_than_the_cap_is_refused(server, monkeypatch):
    monkeypatch.setattr(ckan, "MAX_ANSWER_BYTES", 1000)
    with pytest.raises(CatalogError, match="sent more than 0.001 MB for one answer; refused"):
        _client(server).package_search()


# --- servers that hold the line ----------------------------------------------------------------------
@pytest.mark.parametrize("mode", ["trickle", "trickle-headers"])
def test_a_server_sending_a_byte_every_5_s_meets_the_deadline(server, mode):
    client = _client(server, mode, timeout=15, deadline=2)
    started = time.monotonic()
    with pytest.raises(OfflineError, match="did not finish answering within 2 s: working offline"):
        client.package_search()
    assert time.monotonic() - started < 4.0


def test_a_stalled_download_is_dropped_and_kept_for_resuming(server, tmp_path):
    client = _client(server, timeout=15, retries=0, stall=2)
    target = str(tmp_path / "trickle.bin")
    started = time.monotonic()
    with pytest.raises(OfflineError, match=r"stalled \(less than 64 KiB in 2 s\); 1 bytes are kept"):
        client.download(f"{server.url}/files/trickle.bin", target)
    assert time.monotonic() - started < 4.0
    assert os.path.getsize(target + ".part") == 1 and not os.path.exists(target)


# --- hashes ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("checksum,message", [
    ("crc32:cbf43926", "crc32:cbf43926\" uses an algorithm this plugin does not know"),
    ("sha256:not-hex", "sha256:not-hex\" is not a sha256 digest"),
])
def test_a_hash_that_cannot_be_checked_is_a_message_and_the_part_is_deleted(server, tmp_path, checksum, message):
    target = tmp_path / "parks.csv"
    (tmp_path / "parks.csv.part").write_bytes(b"unverified")
    with pytest.raises(CatalogError, match=message):
        _client(server).download(f"{server.url}/files/parks.csv", str(target), None, checksum)
    assert not os.listdir(tmp_path)


# --- imports -----------------------------------------------------------------------------------------
@pytest.fixture()
def mirrors(server, tmp_path):
    """A synced mirror with one downloaded file, and its export as a zip."""
    field = Mirror(str(tmp_path / "field"))
    field.sync(_client(server))
    field.download("res-parks", _client(server))
    return field, field.export(str(tmp_path / "export.zip"))


def _broken_sqlite(tmp_path) -> str:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "mirror.sqlite").write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    return str(folder)


def _foreign_sqlite(tmp_path) -> str:
    folder = tmp_path / "foreign"
    folder.mkdir()
    with sqlite3.connect(folder / "mirror.sqlite") as db:
        db.execute("create table datasets(id text)")
        db.execute("insert into datasets values ('x')")
    return str(folder)


def _cut_zip(tmp_path, exported: str) -> str:
    data = Path(exported).read_bytes()
    (tmp_path / "cut.zip").write_bytes(data[: len(data) // 2])
    return str(tmp_path / "cut.zip")


@pytest.mark.parametrize("broken,message", [
    (_broken_sqlite, "holds a damaged or foreign mirror.sqlite; nothing was imported and the mirror is unchanged"),
    (_foreign_sqlite, "holds a damaged or foreign mirror.sqlite; nothing was imported and the mirror is unchanged"),
    (_cut_zip, "is not a readable zip file; nothing was imported and the mirror is unchanged"),
])
def test_a_broken_import_is_a_sentence_and_the_mirror_stays(mirrors, tmp_path, broken, message):
    field, exported = mirrors
    before = _files_under(field.folder)
    source = broken(tmp_path, exported) if broken is _cut_zip else broken(tmp_path)
    with pytest.raises(UrbanTwinError, match=message):
        field.import_from(source)
    assert field.count() == 12 and [d["name"] for d in field.search("都立公園")] == ["tokyo-parks"]
    assert _files_under(field.folder) == before and os.path.isfile(field.download("res-parks"))
    _consistent(field)


def test_a_metadata_only_export_imports_again_and_again_keeping_the_files(mirrors, tmp_path):
    field, exported = mirrors
    metadata_only = str(tmp_path / "metadata.zip")
    with zipfile.ZipFile(exported) as source, zipfile.ZipFile(metadata_only, "w") as target:
        target.writestr("mirror.sqlite", source.read("mirror.sqlite"))
    for _ in range(2):
        assert field.import_from(metadata_only) == 12
    assert Path(field.download("res-parks")).read_bytes() == FILES["parks.csv"]
    _consistent(field)
    elsewhere = Mirror(str(tmp_path / "elsewhere"))
    assert elsewhere.import_from(metadata_only) == 12
    assert elsewhere.resource("res-parks")["local_path"] is None  # the export did not bring the file


def test_a_damaged_mirror_database_is_a_sentence(tmp_path):
    folder = _broken_sqlite(tmp_path)
    with pytest.raises(UrbanTwinError, match="is damaged or not a mirror database; move it away"):
        Mirror(folder)


def test_a_mirror_that_imports_its_own_export_is_unchanged(mirrors):
    field, exported = mirrors
    assert field.import_from(exported) == 12
    assert field.count() == 12
    _consistent(field)
