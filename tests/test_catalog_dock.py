"""The Catalog dock under pytest-qt: search, details, background download, add to map, offline."""
from __future__ import annotations

import pytest
from ckan_server import CkanServer
from qgis.core import QgsProject

from urban_twin.analyses.ckan import CkanClient
from urban_twin.analyses.mirror import Mirror


@pytest.fixture()
def dock(qgis_app, qgis_processing, loaded_plugin, tmp_path, qtbot):
    server = CkanServer().start()
    folder = str(tmp_path / "mirror")
    Mirror(folder).sync(CkanClient(server.url, timeout=5))
    from urban_twin.plugin.catalog_dock import CatalogDock
    widget = CatalogDock(folder=folder)
    widget.catalog.setEditText(server.url)
    qtbot.addWidget(widget)
    yield widget, server
    server.stop()


def _select(widget, title: str) -> None:
    for row in range(widget.results.count()):
        if widget.results.item(row).text().startswith(title):
            widget.results.setCurrentRow(row)
            return
    raise AssertionError(f"{title} not in the results")


def test_search_details_download_and_add_to_map(dock, qtbot):
    widget, server = dock
    widget.search.setText("都立公園")
    assert widget.results.count() == 1
    _select(widget, "都立公園一覧")
    assert "クリエイティブ・コモンズ" in widget.detail.toPlainText()
    widget.start_download()
    qtbot.waitUntil(lambda: widget.task is None, timeout=15000)
    assert "Saved in the mirror" in widget.message.text()
    server.stop()  # the rest works with no network
    layers = widget.add_to_map()
    assert len(layers) == 1, widget.message.text()
    assert layers[0].featureCount() == 2
    assert "クリエイティブ・コモンズ" in layers[0].metadata().licenses()[0]
    assert layers[0].crs().authid() == "EPSG:6668"
    names = [f["名称"] for f in layers[0].getFeatures()]
    assert names == ["日比谷公園", "上野恩賜公園"]  # Shift_JIS read right
    QgsProject.instance().removeMapLayers([layer.id() for layer in layers])


def test_offline_sync_shows_the_badge_and_search_still_works(dock, qtbot):
    widget, server = dock
    server.stop()
    widget.start_sync()
    qtbot.waitUntil(lambda: widget.task is None, timeout=30000)
    assert widget.offline and "mirror" in widget.badge.text()
    widget.search.setText("PLATEAU")
    assert widget.results.count() == 9
    widget.organization.setCurrentIndex(widget.organization.findData("東京都"))
    widget.search.setText("")
    assert widget.results.count() == 2


def test_add_to_map_before_download_is_a_message(dock):
    widget, _ = dock
    widget.search.setText("大きなファイル")
    _select(widget, "大きなファイル")
    assert widget.add_to_map() == []
    assert "not in the mirror" in widget.message.text()


def test_plugin_menu_opens_the_dock(loaded_plugin, qgis_iface, tmp_path, monkeypatch):
    monkeypatch.setenv("URBAN_TWIN_MIRROR", str(tmp_path / "m"))
    loaded_plugin.show_catalog()
    assert loaded_plugin.catalog_dock is not None and loaded_plugin.catalog_dock.windowTitle() == "Catalog"


def test_an_empty_mirror_says_what_to_do_and_imports_from_a_usb_folder(dock, tmp_path, qtbot):
    full, _server = dock
    exported = full.mirror.export(str(tmp_path / "usb"))
    from urban_twin.plugin.catalog_dock import CatalogDock
    empty = CatalogDock(folder=str(tmp_path / "field_mirror"))
    qtbot.addWidget(empty)
    empty.refresh()
    assert "empty" in empty.message.text() and "Import" in empty.message.text()
    empty.start_import(source=exported)
    qtbot.waitUntil(lambda: empty.task is None, timeout=15000)
    assert empty.mirror.count() == full.mirror.count() > 0
    assert empty.results.count() == full.mirror.count()


# --- what the dock says when things go wrong ---------------------------------------------------------
def _sync(widget, qtbot, url: str) -> str:
    widget.catalog.setEditText(url)
    widget.start_sync()
    qtbot.waitUntil(lambda: widget.task is None, timeout=15000)
    return widget.message.text()


def test_a_broken_catalog_answer_is_shown_as_its_sentence(dock, qtbot):
    widget, server = dock
    text = _sync(widget, qtbot, server.url + "/hostile/null-results")
    assert text == (f"{server.url}/hostile/null-results answered package_search with 'results' that are not a list: "
                    "null")
    assert not widget.offline and widget.results.count() == 12  # the mirror is as it was


def test_an_unexpected_exception_is_not_shown_as_its_text(dock, qtbot, monkeypatch):
    from urban_twin.analyses import mirror
    widget, server = dock

    def broken_sync(*_args, **_kwargs):
        raise KeyError("internal detail")

    monkeypatch.setattr(mirror.Mirror, "sync", broken_sync)
    text = _sync(widget, qtbot, server.url)
    assert text == "The catalog could not do this (KeyError); the details are in the QGIS message log (Urban Twin)."
    assert "internal detail" not in text and "Traceback" not in text


def test_the_message_is_in_the_users_language(dock):
    from qgis.core import QgsApplication

    from urban_twin.plugin.i18n import install_translator
    widget, _server = dock
    translator = install_translator("ja")
    assert translator is not None, "i18n/urban_twin_ja.qm missing: run make transcompile"
    try:
        widget.search.setText("大きなファイル")
        _select(widget, "大きなファイル")
        assert widget.add_to_map() == []
        assert "はミラーになく、ネットワークにも接続できません" in widget.message.text()
    finally:
        QgsApplication.removeTranslator(translator)


def test_cancel_stops_a_sync_and_says_what_was_kept(dock, qtbot):
    widget, server = dock
    widget.catalog.setEditText(server.url + "/hostile/billion")
    widget.start_sync()
    qtbot.waitUntil(lambda: widget.mirror.count() > 12, timeout=15000)
    widget.task.cancel()
    qtbot.waitUntil(lambda: widget.task is None, timeout=5000)
    assert "the sync was canceled after" in widget.message.text()
    assert widget.mirror.count() > 12 and widget.results.count() > 12


def test_csv_points_off_the_globe_are_dropped_when_added_to_the_map(loaded_plugin, tmp_path):
    """A catalog CSV with latitudes inf and 999 gives a layer of the good rows only, the rest counted in the log."""
    from qgis.core import QgsApplication

    from urban_twin.plugin.catalog_layers import open_layers
    csv = tmp_path / "points.csv"
    csv.write_text("名称,緯度,経度\n公園A,35.68,139.76\n公園B,inf,139.70\n公園C,999,139.71\n公園D,35.66,139.70\n",
                   encoding="utf-8")
    logged = []
    QgsApplication.messageLog().messageReceived.connect(lambda message, tag, level: logged.append(message))
    layers = open_layers(str(csv), "CSV", "parks", {"title": "parks"}, QgsProject.instance())
    try:
        assert layers[0].featureCount() == 2
        assert sorted(f["名称"] for f in layers[0].getFeatures()) == ["公園A", "公園D"]
        assert any("2 features used, 2 skipped" in message for message in logged)
    finally:
        QgsProject.instance().removeMapLayers([layer.id() for layer in layers])


def test_a_damaged_mirror_database_is_a_message_not_a_crash(loaded_plugin, qgis_iface, tmp_path, monkeypatch):
    folder = tmp_path / "damaged"
    folder.mkdir()
    (folder / "mirror.sqlite").write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("URBAN_TWIN_MIRROR", str(folder))
    loaded_plugin.catalog_dock = None
    messages = []
    monkeypatch.setattr(qgis_iface.messageBar(), "pushMessage", lambda *args: messages.append(args))
    loaded_plugin.show_catalog()
    assert loaded_plugin.catalog_dock is None
    assert any("damaged" in str(args) for args in messages)
