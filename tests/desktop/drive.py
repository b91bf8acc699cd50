"""Drives the real QGIS desktop as a user would (run by `qgis --code`, see tests/test_desktop.py).

The deployed plugin's workbench: the sample district from its button, then every lesson step, which between
them run every analysis the dock offers; after each run the 3D preview and the interactive view; then the
report as HTML and PDF. A screenshot of the main window at each step, and of the whole screen while the
interactive view is open. Writes result.json into $URBAN_TWIN_E2E_OUT and exits QGIS with 0, or 1 on a failure.
"""
import json
import os
import re
import time
import traceback

from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QComboBox, QLabel, QPushButton, QTextBrowser
from qgis.utils import iface, plugins

from urban_twin.plugin.workbench import LESSON

OUT = os.environ["URBAN_TWIN_E2E_OUT"]
LANGUAGE = os.environ.get("URBAN_TWIN_E2E_LANG", "en")
#: cell sizes and steps that keep each run to seconds on the sample (the lesson's own values are finer)
FAST = {"shadowhours": {"CELL_SIZE": 4.0, "STEP_MINUTES": 30.0}, "solarpotential": {"CELL_SIZE": 3.0},
        "pedestrianwind": {"CELL_SIZE": 6.0}, "windcomfort": {"CELL_SIZE": 12.0}}
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
#: words that stay as they are in a Japanese interface (names, formats, units)
KEEP = re.compile(r"^[\s\d.,:;()/%+\-–—…°²³×]*(Urban Twin|Lawson|LDDC|PLATEAU|CityGML|LOD\d|PDF|HTML|GeoPackage|PNG|3D|"
                  r"m|h|kWh|kWp|"
                  r"CKAN|EPSG:\d+|[\s\d.,:;()/%+\-–—…°²³×])*[\s\d.,:;()/%+\-–—…°²³×]*$")
RESULT = {"language": LANGUAGE, "steps": [], "errors": [], "layers": [], "untranslated": [], "screens": []}
STATE = {"started": time.monotonic()}


def log_message(message: str, tag: str, level) -> None:
    """A Python error or a critical plugin message in the log panel fails the run."""
    if tag == "Python error" or (level == Qgis.Critical and tag in ("Urban Twin", "Processing")):
        RESULT["errors"].append(f"[{tag}] {message[:2000]}")


QgsApplication.messageLog().messageReceived.connect(log_message)


def shot(name: str, screen: bool = False) -> None:
    """Save the main window (or the whole screen, to include other windows) as a PNG."""
    path = os.path.join(OUT, f"{len(RESULT['screens']):02d}_{name}.png")
    picture = QApplication.primaryScreen().grabWindow(0) if screen else iface.mainWindow().grab()
    picture.save(path)
    RESULT["screens"].append(os.path.basename(path))


def texts_of(widget) -> list[str]:
    """Every text a user reads in a widget and its children."""
    found = [widget.windowTitle()] if hasattr(widget, "windowTitle") else []
    for child in widget.findChildren(QLabel) + widget.findChildren(QPushButton):
        if child.isVisible():
            found.append(child.text())
    for box in widget.findChildren(QComboBox):
        if box.isVisible():
            found += [box.itemText(i) for i in range(box.count())]
    for browser in widget.findChildren(QTextBrowser):
        if browser.isVisible():
            found.append(browser.toPlainText())
    return [re.sub("<[^>]+>", "", text).strip() for text in found if text and text.strip()]


def check_language(where: str, texts: list[str]) -> None:
    """In Japanese, every plugin text must be Japanese (or a name or number that stays as it is)."""
    if LANGUAGE != "ja":
        return
    for text in texts:
        if not JAPANESE.search(text) and not KEEP.match(text) and re.search("[A-Za-z]{3,}", text):
            RESULT["untranslated"].append(f"{where}: {text}")


def check_fits_screen(when: str) -> None:
    """The docks must not push the main window past the screen."""
    screen = QApplication.primaryScreen().availableGeometry()
    window = iface.mainWindow().frameGeometry()
    if window.width() > screen.width() + 2 or window.height() > screen.height() + 2:
        raise FailedError(f"with {when} the main window ({window.width()} x {window.height()}) is larger than the "
                     f"screen ({screen.width()} x {screen.height()})")


class FailedError(Exception):
    """A step did not do what it should."""


def wait(condition, seconds: float, what: str):
    """Yield until condition() holds; fail after seconds."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise FailedError(f"timed out after {seconds:.0f} s: {what}")
        yield


def pause(seconds: float):
    """Yield for a while (the window repaints meanwhile)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        yield


def run_analysis(dock, key: str):
    """Run one analysis from the dock, then its 3D preview and interactive view; check what a user sees."""
    dock.select(key, **FAST.get(key, {}))
    started = time.monotonic()
    layers_before = set(QgsProject.instance().mapLayers())
    dock.run_button.click()
    yield from wait(lambda: dock.task is None, 900, f"{key} finishes")
    if key not in dock.sections:
        raise FailedError(f"{key} did not finish: {dock.message.text()}")
    added = [QgsProject.instance().mapLayer(i) for i in set(QgsProject.instance().mapLayers()) - layers_before]
    if not added:
        raise FailedError(f"{key} added no layer")
    RESULT["layers"] += [layer.name() for layer in added]
    check_language(f"{key} layers", [layer.name() for layer in added])
    yield from pause(1)
    shot(f"{key}_map")
    dock.preview_button.click()
    yield from pause(1)
    preview = dock.preview
    if dock.current().preview and (preview.picture.original is None or preview.picture.original.isNull()):
        raise FailedError(f"{key}: the 3D preview dock shows no picture")
    check_language(f"{key} preview", texts_of(preview))
    check_fits_screen(f"{key}'s 3D preview dock")
    shot(f"{key}_preview")
    preview.interactive_button.click()
    yield from wait(lambda: preview.window is None or preview.window.is_open(), 90,
                    f"{key}: the interactive 3D view opens")
    if preview.window is None:
        raise FailedError(f"{key}: the interactive view did not open: {preview.message.text()}")
    yield from pause(2)
    shot(f"{key}_interactive", screen=True)
    preview.close_interactive()
    RESULT["steps"].append({"analysis": key, "seconds": round(time.monotonic() - started, 1)})


def scenario():
    """The user's session."""
    # as a user's maximised window (under Xvfb there is no window manager to maximise it)
    iface.mainWindow().setGeometry(QApplication.primaryScreen().availableGeometry())
    plugin = plugins["urban_twin"]
    plugin.show_workbench()
    dock = plugin.workbench_dock
    yield from pause(1)
    check_fits_screen("the workbench dock")
    shot("workbench")
    dock.sample_button.click()
    yield from wait(lambda: dock.buildings.currentLayer() is not None and dock.roofs.currentLayer() is not None,
                    180, "the sample district loads from the dock's button and fills both boxes")
    yield from pause(1)
    shot("sample")
    dock.lesson_button.click()
    analyses_seen = []
    for step in range(len(LESSON)):
        if step:
            dock.lesson_next.click()
        check_language(f"lesson step {step + 1}", texts_of(dock))
        analyses_seen.append(dock.analysis.currentData())
        yield from run_analysis(dock, dock.analysis.currentData())
    # then what the dock offers beyond the lesson
    for key in [dock.analysis.itemData(i) for i in range(dock.analysis.count())]:
        if key not in analyses_seen:
            dock.select(key)
            analyses_seen.append(key)
            yield from run_analysis(dock, key)
    RESULT["analyses"] = analyses_seen
    html = dock.export_report(os.path.join(OUT, "report.html"))
    pdf = dock.export_report(os.path.join(OUT, "report.pdf"))
    RESULT["report"] = [html, pdf]
    check_language("dock after the report", texts_of(dock))
    shot("report_written")


GENERATOR = scenario()


def finish(code: int) -> None:
    """Write the result (code 0: passed) and quit QGIS without asking to save."""
    RESULT["code"] = code
    RESULT["seconds"] = round(time.monotonic() - STATE["started"], 1)
    with open(os.path.join(OUT, "result.json"), "w", encoding="utf-8") as stream:
        json.dump(RESULT, stream, ensure_ascii=False, indent=1)
    QgsProject.instance().removeAllMapLayers()  # QGIS 3.22 can abort tearing down a project it quits with
    QgsProject.instance().setDirty(False)
    iface.actionExit().trigger()  # as a user quits (QgsApplication.exit skips QGIS's own clean-up)


def tick() -> None:
    """Advance the scenario by one step; the Qt event loop runs between steps."""
    try:
        next(GENERATOR)
        QTimer.singleShot(200, tick)
    except StopIteration:
        finish(1 if RESULT["errors"] else 0)
    except Exception as exc:  # noqa: BLE001 - every failure is reported in result.json
        RESULT["errors"].append(f"{type(exc).__name__}: {exc}\n{traceback.format_exc()[-3000:]}")
        try:
            shot("failure")
        finally:
            finish(1)


QTimer.singleShot(3000, tick)
