"""The 3D preview dock: the picture a run drew, scaled to fit with its colour scale, and an interactive PyVista
view of the buildings and the result raster in a window of its own process (VTK never runs inside QGIS's
process: see analyses/render.py)."""
from __future__ import annotations

import os

from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtGui import QPixmap
from qgis.PyQt.QtWidgets import QDockWidget, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ..analyses import render
from .i18n import tr, translated_error


class FittedPicture(QLabel):
    """A picture that always fits the label, keeping its proportions (never cropped)."""

    def __init__(self, text: str):
        super().__init__(text)
        self.original: QPixmap | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(240, 160)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def set_picture(self, path: str) -> None:
        """Show the PNG at path."""
        self.original = QPixmap(path)
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Refit the picture to the new size."""
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self.original is not None and not self.original.isNull():
            self.setPixmap(self.original.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                Qt.TransformationMode.SmoothTransformation))


class PreviewDock(QDockWidget):
    """Shows the PNG a run rendered; 'Interactive 3D' opens the buildings and the result in their own window."""

    def __init__(self, parent=None):
        super().__init__(tr("3D preview"), parent)
        self.setObjectName("urbanTwinPreviewDock")
        body = QWidget()
        layout = QVBoxLayout(body)
        self.picture = FittedPicture(tr("Run an analysis, then press 3D preview."))
        layout.addWidget(self.picture, 1)
        self.interactive_button = QPushButton(tr("Interactive 3D"))
        self.interactive_button.setToolTip(tr("Turn and zoom the buildings and the result in a window of its own"))
        layout.addWidget(self.interactive_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.setWidget(body)
        self.layer = None
        self.raster: tuple[str, str] | None = None
        self.window: render.Window | None = None
        self.watch = QTimer(self)
        self.watch.setInterval(250)
        self.watch.timeout.connect(self._watch_window)
        self.interactive_button.clicked.connect(self.open_interactive)

    def show_result(self, png: str | None, buildings_layer=None, raster: tuple[str, str] | None = None) -> None:
        """Show a rendered PNG (or say there is none); raster: (GeoTIFF, title) for the interactive view."""
        self.layer, self.raster = buildings_layer, raster
        if png and os.path.exists(png):
            self.picture.set_picture(png)
            self.message.setText("")
        else:
            self.picture.original = None
            self.picture.setText(tr("This analysis has no 3D picture yet: run it first."))

    def open_interactive(self) -> bool:
        """Open the buildings (and the result raster) in an interactive window; False, with a message, if not."""
        if self.layer is None:
            self.message.setText(tr("Choose a buildings layer first."))
            return False
        if not render.has_display():
            self.message.setText(tr("No display for an interactive 3D view (headless): showing the rendered "
                                    "picture."))
            return False
        try:
            self.close_interactive()
            scene, arguments = self._scene()
            self.window = render.Window(scene, **arguments)
        except Exception as exc:  # noqa: BLE001 - a view that cannot open must never take QGIS down
            self.message.setText(tr("The interactive 3D view could not open: {}").format(translated_error(exc)))
            return False
        self.message.setText(tr("Opening the interactive 3D view…"))
        self.watch.start()
        return True

    def _scene(self) -> tuple:
        """The scene's name and arguments: buildings, and the result raster as a coloured surface."""
        from ..analyses.massing import massing_from_frames
        from ..analyses.raster import Raster
        from .layers import frame_from_source
        massing = massing_from_frames(frame_from_source(self.layer.dataProvider()))
        if self.raster is None:
            return ("massing_scene", {"massing": massing})
        return ("raster_scene", {"massing": massing, "raster": Raster.read(self.raster[0]), "z": 0.0,
                                 "title": self.raster[1]})

    def _watch_window(self) -> None:
        if self.window is None:
            self.watch.stop()
        elif self.window.is_open():
            self.message.setText(tr("The interactive 3D view is open in its own window: drag to turn, scroll "
                                    "to zoom."))
        elif (failure := self.window.failure()) is not None:
            self.watch.stop()
            if failure:
                self.message.setText(tr("The interactive 3D view could not open: {}").format(failure))
            self.window = None

    def close_interactive(self) -> None:
        """Close the interactive window, if one is open."""
        if self.window is not None:
            self.window.close()
            self.window = None

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Closing the dock closes its window."""
        self.close_interactive()
        super().closeEvent(event)
