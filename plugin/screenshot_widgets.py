"""`make screenshots`, second part: the workbench dock and the demo's HTML report, rendered off-screen.

Run as: python -m urban_twin.plugin.screenshot_widgets out/demo resources/screenshots
"""
from __future__ import annotations

import os
import sys


def main(demo_dir: str, shots: str) -> None:
    """Grab the dock on the demo's buildings and render report.html to PNG."""
    from .demo import start_qgis
    app = start_qgis()
    from qgis.core import QgsProject, QgsVectorLayer
    from qgis.PyQt.QtCore import QSize, QUrl
    from qgis.PyQt.QtGui import QImage, QPainter
    from qgis.PyQt.QtWebKitWidgets import QWebPage

    from .workbench_dock import WorkbenchDock
    buildings = QgsVectorLayer(os.path.join(demo_dir, "urban_twin_demo.gpkg") + "|layername=buildings",
                               "buildings", "ogr")
    QgsProject.instance().addMapLayer(buildings)
    dock = WorkbenchDock()
    dock.buildings.setLayer(buildings)
    dock.start_lesson()
    dock.resize(420, 900)
    dock.show()
    app.processEvents()
    dock.grab().save(os.path.join(shots, "qgis_workbench.png"))
    page = QWebPage()
    page.setViewportSize(QSize(1200, 800))
    loaded = []
    page.loadFinished.connect(loaded.append)
    page.mainFrame().load(QUrl.fromLocalFile(os.path.abspath(os.path.join(demo_dir, "report.html"))))
    while not loaded:
        app.processEvents()
    size = QSize(1200, min(2600, page.mainFrame().contentsSize().height()))
    page.setViewportSize(size)
    image = QImage(size, QImage.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    page.mainFrame().render(painter)
    painter.end()
    image.save(os.path.join(shots, "report.png"))
    dock.close()
    del dock, page, buildings  # Qt objects must go before the application, or exitQgis() crashes
    QgsProject.instance().removeAllMapLayers()
    app.exitQgis()


if __name__ == "__main__":
    main(*(sys.argv[1:3] if len(sys.argv) > 2 else ("out/demo", "resources/screenshots")))
