"""The workbench dock under pytest-qt: every analysis run from it, layers in the project, the report with
every section, the 3D preview's fallback, lesson mode, and the Japanese interface."""
from __future__ import annotations

import os

import pytest
from conftest import SAMPLE
from qgis.core import QgsProject, QgsVectorLayer

FAST = {"shadowhours": {"CELL_SIZE": 4.0, "STEP_MINUTES": 30.0}, "nichiei": {},
        "solarpotential": {"CELL_SIZE": 3.0}, "pedestrianwind": {"CELL_SIZE": 6.0}, "barrierhazards": {},
        "windcomfort": {"CELL_SIZE": 12.0}}


@pytest.fixture(scope="module")
def district(loaded_plugin, tmp_path_factory):
    import processing
    folder = tmp_path_factory.mktemp("district")
    result = processing.run("urbantwin:loadcitygml", {"INPUT": SAMPLE, "BUILDINGS": str(folder / "b.gpkg"),
                                                      "ROOFS": str(folder / "r.gpkg")})
    buildings = QgsVectorLayer(result["BUILDINGS"], "buildings", "ogr")
    roofs = QgsVectorLayer(result["ROOFS"], "roofs", "ogr")
    QgsProject.instance().addMapLayers([buildings, roofs])
    yield buildings, roofs
    QgsProject.instance().removeAllMapLayers()


@pytest.fixture()
def dock(district, qtbot):
    from urban_twin.plugin.workbench_dock import WorkbenchDock
    widget = WorkbenchDock()
    qtbot.addWidget(widget)
    widget.buildings.setLayer(district[0])
    widget.roofs.setLayer(district[1])
    return widget


def _run(widget, qtbot, key: str) -> None:
    widget.select(key, **FAST[key])
    before = len(QgsProject.instance().mapLayers())
    widget.run()
    qtbot.waitUntil(lambda: widget.task is None, timeout=180_000)
    assert key in widget.sections, widget.message.text()
    assert len(QgsProject.instance().mapLayers()) > before  # it added its layers


def test_every_analysis_runs_from_the_dock_and_the_report_has_every_section(dock, qtbot, tmp_path):
    from urban_twin.plugin.workbench import ANALYSES
    assert [dock.analysis.itemData(i) for i in range(dock.analysis.count())] == list(ANALYSES) == [
        "shadowhours", "nichiei", "solarpotential", "barrierhazards", "pedestrianwind", "windcomfort"]
    for key in FAST:
        _run(dock, qtbot, key)
    names = [layer.name() for layer in QgsProject.instance().mapLayers().values()]
    assert any("Shadow hours" in name for name in names)
    _check_styles()
    report = dock.export_report(str(tmp_path / "report.html"))
    with open(report, encoding="utf-8") as stream:
        text = stream.read()
    for key in FAST:
        assert f"id='{key}'" in text
    assert text.count("data:image/png;base64,") >= 8  # 3D views, diagram and charts embedded
    assert "Verdict per line" in text and "Ten best buildings" in text and "Area per class" in text
    pdf = dock.export_report(str(tmp_path / "report.pdf"))
    with open(pdf, "rb") as stream:
        assert stream.read(5) == b"%PDF-" and os.path.getsize(pdf) > 50_000


def _layer(part: str):
    return next(layer for layer in QgsProject.instance().mapLayers().values() if part in layer.name())


def _check_styles() -> None:
    """Results read at a glance: lines labelled with their hours and limits, classes in words, legends in units."""
    contours = _layer("Equal-time shadow lines")
    labels = [category.label() for category in contours.renderer().categories()]
    assert labels and all(label.endswith(" h") for label in labels) and contours.labelsEnabled()
    lines = _layer("Regulation lines")
    assert {c.label() for c in lines.renderer().categories()} == {"Site boundary", "5 m line", "10 m line"}
    verdict = _layer("verdict")
    assert all("exceeds by" in f["verdict"] or "complies" in f["verdict"] for f in verdict.getFeatures())
    network = _layer("Classified links")
    colours = {c.value(): c.symbol().color().name() for c in network.renderer().categories()}
    from urban_twin.analyses.barrierfree import CLASS_COLOURS
    assert colours == CLASS_COLOURS  # the 3D view's palette
    hours = _layer("Hours in shadow")
    items = hours.renderer().shader().rasterShaderFunction().colorRampItemList()
    assert items[0].label.startswith("≤") and all(item.label.endswith(" h") for item in items)
    uppers = [item.value for item in items[:-1]]
    assert all(float(value).is_integer() or (2 * value).is_integer() for value in uppers)  # round breaks


def test_preview_dock_shows_the_picture_and_degrades_without_a_display(dock, qtbot, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    _run(dock, qtbot, "shadowhours")
    dock.show_preview()
    assert dock.preview.picture.pixmap() is not None and not dock.preview.picture.pixmap().isNull()
    assert dock.preview.open_interactive() is False  # no display: a message, not a crash
    assert "headless" in dock.preview.message.text()


def test_lesson_mode_walks_through_the_analyses(dock):
    dock.start_lesson()
    assert dock.lesson.isVisible() or dock.lesson.isVisibleTo(dock)
    seen = []
    for _ in range(5):
        seen.append(dock.current().key)
        dock.next_lesson_step()
    assert seen == ["nichiei", "shadowhours", "solarpotential", "pedestrianwind", "barrierhazards"]


def test_run_without_a_district_is_a_message(qtbot, loaded_plugin):
    from urban_twin.plugin.workbench_dock import WorkbenchDock
    widget = WorkbenchDock()
    qtbot.addWidget(widget)
    widget.buildings.setLayer(None)
    widget.run()
    assert "Load a district first" in widget.message.text()


def test_japanese_labels(qtbot, loaded_plugin):
    from qgis.core import QgsApplication

    from urban_twin.plugin.i18n import install_translator
    translator = install_translator("ja")
    try:
        from urban_twin.plugin.workbench_dock import WorkbenchDock
        widget = WorkbenchDock()
        qtbot.addWidget(widget)
        assert widget.run_button.text() == "実行"
        assert widget.windowTitle() == "Urban Twin"
        assert widget.analysis.itemText(0) == "日影時間（冬至日）"
        assert widget.lesson_button.text() == "学習モード"
    finally:
        QgsApplication.removeTranslator(translator)


def test_plugin_menu_opens_the_workbench(loaded_plugin, qgis_iface):
    loaded_plugin.show_workbench()
    assert loaded_plugin.workbench_dock is not None
    assert os.path.basename(loaded_plugin.workbench_dock.objectName()) == "urbanTwinWorkbenchDock"
