"""QGIS startup script for `make screenshots`: show the demo's layers, grab the main window, quit.
(The dock and the report are grabbed off-screen by `screenshot_widgets`.)

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
    os._exit(0)  # a normal exit would stop at the "save the project?" question


QTimer.singleShot(3000, _show)
