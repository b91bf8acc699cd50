"""The 3D preview dock: the result's headless render, and an interactive PyVista view (pyvistaqt's
QtInteractor, inside the dock) of the buildings and the result raster where OpenGL is available; where it
is not, a message, never a crash."""
from __future__ import annotations

import importlib.util
import os

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QPixmap
from qgis.PyQt.QtWidgets import QDockWidget, QLabel, QPushButton, QVBoxLayout, QWidget

from .i18n import tr


def interactive_available() -> tuple[bool, str]:
    """Whether an interactive OpenGL view can open here, and why not."""
    if os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal"):
        return False, tr("No display for an interactive 3D view (headless): showing the rendered picture.")
    if importlib.util.find_spec("pyvistaqt") is None:
        return False, tr("The interactive 3D view needs the pyvistaqt package.")
    return True, ""


class PreviewDock(QDockWidget):
    """Shows the PNG a run rendered; 'Interactive 3D' opens the buildings in a PyVista window."""

    def __init__(self, parent=None):
        super().__init__(tr("3D preview"), parent)
        self.setObjectName("urbanTwinPreviewDock")
        body = QWidget()
        layout = QVBoxLayout(body)
        self.picture = QLabel(tr("Run an analysis, then press 3D preview."))  # the headless render
        self.picture.setAlignment(Qt.AlignCenter)
        self.picture.setMinimumSize(320, 220)
        layout.addWidget(self.picture, 1)
        self.interactive_button = QPushButton(tr("Interactive 3D"))
        layout.addWidget(self.interactive_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.setWidget(body)
        self.layer = None
        self.raster: tuple[str, str] | None = None
        self.plotter = None
        self.interactive_button.clicked.connect(self.open_interactive)

    def show_result(self, png: str | None, buildings_layer=None, raster: tuple[str, str] | None = None) -> None:
        """Show a rendered PNG (or say there is none); raster: (GeoTIFF, title) for the interactive view."""
        self.layer, self.raster = buildings_layer, raster
        if self.plotter is not None:  # back to the rendered picture for the new result
            self.plotter.interactor.setVisible(False)
            self.picture.setVisible(True)
        if png and os.path.exists(png):
            self.picture.setPixmap(QPixmap(png).scaledToWidth(700, Qt.SmoothTransformation))
            self.message.setText(os.path.basename(png))
        else:
            self.picture.setText(tr("This analysis has no 3D picture yet: run it first."))

    def open_interactive(self) -> bool:
        """Show the buildings and the result raster in an interactive view inside the dock, or say why not."""
        ok, why = interactive_available()
        if not ok or self.layer is None:
            self.message.setText(why or tr("Choose a buildings layer first."))
            return False
        try:
            from pyvistaqt import QtInteractor
            from ..analyses.massing import massing_from_frames
            from ..analyses.mesh import massing_mesh
            from .layers import frame_from_source
            mesh = massing_mesh(massing_from_frames(frame_from_source(self.layer.dataProvider())))
            if self.plotter is None:  # the interactive view takes the picture's place inside the dock
                self.plotter = QtInteractor(self.widget())
                self.widget().layout().insertWidget(0, self.plotter.interactor, 1)
                self.picture.setVisible(False)
            self.plotter.interactor.setVisible(True)
            self.picture.setVisible(False)
            self.plotter.clear()
            self.plotter.set_background("white")
            self.plotter.add_mesh(mesh, color="#bbbbbb")
            if self.raster is not None:
                self._add_raster(*self.raster)
            self.plotter.view_isometric()
            return True
        except Exception as exc:  # noqa: BLE001 - OpenGL problems must not take QGIS down
            self.message.setText(tr("The interactive 3D view could not open: {}").format(exc))
            return False

    def _add_raster(self, path: str, title: str) -> None:
        """The result raster (shadow hours, speed ratio) as a coloured surface under the buildings."""
        import numpy as np
        from osgeo import gdal

        from ..analyses.preview3d import add_raster_surface
        dataset = gdal.Open(path)
        band = dataset.GetRasterBand(1)
        values = band.ReadAsArray().astype(float)
        if band.GetNoDataValue() is not None:
            values[values == band.GetNoDataValue()] = np.nan
        x0, cell, _, y0, _, _ = dataset.GetGeoTransform()
        add_raster_surface(self.plotter, values, x0, y0, cell, 0.0, title)
