"""QGIS startup script for `make screenshots`: show the demo's layers, grab the main window; open the
Urban Twin workbench dock on them and grab again; render the demo's HTML report; quit.

Run as: qgis --code plugin/screenshot.py (with URBAN_TWIN_GPKG and URBAN_TWIN_SHOT set).
"""
import os

from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface

GPKG = os.environ["URBAN_TWIN_GPKG"]
SHOT = os.environ["URBAN_TWIN_SHOT"]


def _show() -> None:
    from urban_twin.plugin.styles import apply_graduated
    roads = QgsVectorLayer(GPKG.replace("urban_twin_demo.gpkg", "roads.gpkg"), "roads", "ogr")
    buildings = QgsVectorLayer(f"{GPKG}|layername=buildings", "buildings", "ogr")
    roofs = QgsVectorLayer(f"{GPKG}|layername=roofs", "roofs (LOD2)", "ogr")
    for layer in (roads, buildings, roofs):
        if layer.isValid():
            QgsProject.instance().addMapLayer(layer)
    apply_graduated(buildings, "height")
    apply_graduated(roofs, "tilt", "Reds", 4)
    iface.mainWindow().showMaximized()
    iface.setActiveLayer(buildings)
    iface.mapCanvas().setExtent(buildings.extent())
    iface.mapCanvas().refresh()
    QTimer.singleShot(6000, _grab)


def _grab() -> None:
    iface.mainWindow().grab().save(SHOT)
    import qgis.utils
    plugin = qgis.utils.plugins.get("urban_twin")
    if plugin is not None:
        plugin.show_workbench()
        dock = plugin.workbench_dock
        dock.select("nichiei")
        dock.message.setText("日影規制 / shadow regulation: press Run")
    QTimer.singleShot(3000, _grab_dock)


def _grab_dock() -> None:
    iface.mainWindow().grab().save(SHOT.replace("qgis_sample.png", "qgis_workbench.png"))
    _render_report()


def _render_report() -> None:
    """The demo's report, as a browser shows it (QtWebKit, which QGIS 3.22 ships)."""
    from qgis.PyQt.QtCore import QSize, QUrl
    from qgis.PyQt.QtGui import QImage, QPainter
    from qgis.PyQt.QtWebKitWidgets import QWebPage
    page = QWebPage()
    report = GPKG.replace("urban_twin_demo.gpkg", "report.html")

    def done(_ok) -> None:
        frame = page.mainFrame()
        size = QSize(1200, min(2400, frame.contentsSize().height()))
        page.setViewportSize(size)
        image = QImage(size, QImage.Format_ARGB32)
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        frame.render(painter)
        painter.end()
        image.save(SHOT.replace("qgis_sample.png", "report.png"))
        os._exit(0)  # a normal exit would stop at the "save the project?" question

    page.loadFinished.connect(done)
    page.setViewportSize(QSize(1200, 800))
    page.mainFrame().load(QUrl.fromLocalFile(report))
    _keep.append(page)


_keep = []


QTimer.singleShot(3000, _show)
