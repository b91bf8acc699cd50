"""The plugin object QGIS creates: menu, toolbar, Processing provider and the dependency check."""
from __future__ import annotations

import os
import tempfile

from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsProject, QgsVectorLayer
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMenu, QMessageBox

from . import deps
from .i18n import install_translator, tr, translated_error
from .styles import apply_graduated
from .tasks import AlgorithmRun, FunctionTask

SAMPLE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "sample")
ICONS = os.path.join(os.path.dirname(SAMPLE), "icons")


class UrbanTwinPlugin:
    """Adds the 'Urban Twin' menu and toolbar and the `urbantwin` provider; removes them all on unload."""

    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.menu = None
        self.toolbar = None
        self.actions: list[QAction] = []
        self.task = None
        self.catalog_dock = None
        self.workbench_dock = None
        self.translator = install_translator()

    # --- Processing ---------------------------------------------------------------------------
    def initProcessing(self) -> None:  # noqa: N802 - QGIS's name
        """Register the provider, unless dependencies are missing (then say which)."""
        if self.provider is not None:
            return
        missing = deps.missing_modules()
        if missing:
            QgsMessageLog.logMessage(tr("Urban Twin: missing Python packages: {}").format(", ".join(missing)),
                                     "Urban Twin", Qgis.Warning)
            return
        from .provider import UrbanTwinProvider
        self.provider = UrbanTwinProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    # --- GUI -----------------------------------------------------------------------------------
    def initGui(self) -> None:  # noqa: N802 - QGIS's name
        """Menu, toolbar, provider; offer to install dependencies when some are missing."""
        self.initProcessing()
        window = self.iface.mainWindow()
        self.menu = QMenu(tr("Urban Twin"), window)
        self.menu.setObjectName("urbanTwinMenu")
        self.toolbar = self.iface.addToolBar(tr("Urban Twin"))
        self.toolbar.setObjectName("urbanTwinToolbar")
        self._add_action(tr("Workbench"), self.show_workbench, "urban_twin.svg",
                         tr("Urban Twin workbench: a district, an analysis, its results, 3D and a report"))
        self._add_action(tr("Load PLATEAU CityGML…"), self.open_load_dialog, "load_citygml.svg",
                         tr("Load a PLATEAU CityGML file, dataset folder or zip as building and roof layers"))
        self._add_action(tr("Load the sample district"), self.load_sample)
        self._add_action(tr("Catalog…"), self.show_catalog, "catalog.svg",
                         tr("Search open-data catalogs and the offline mirror; download and add to the map"))
        self._add_action(tr("Install Python dependencies…"), self.install_dependencies)
        window.menuBar().addMenu(self.menu)
        missing = deps.missing_modules()
        if missing:
            self._offer_install(missing)

    def _add_action(self, text: str, slot, icon: str | None = None, tooltip: str = "") -> QAction:
        """A menu entry; with an icon also a toolbar button, with its tooltip."""
        action = QAction(QIcon(os.path.join(ICONS, icon or "urban_twin.svg")), text, self.iface.mainWindow())
        action.setToolTip(tooltip or text)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        if icon:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    def unload(self) -> None:
        """Remove everything initGui and initProcessing added."""
        for dock in (self.catalog_dock, self.workbench_dock,
                     self.workbench_dock.preview if self.workbench_dock is not None else None):
            if dock is not None:
                self.iface.mainWindow().removeDockWidget(dock)
                dock.close()
                dock.deleteLater()
        self.catalog_dock = self.workbench_dock = None
        for action in self.actions:
            if self.toolbar is not None:
                self.toolbar.removeAction(action)
            action.deleteLater()
        self.actions = []
        if self.menu is not None:
            self.menu.menuAction().setVisible(False)
            self.menu.deleteLater()
            self.menu = None
        if self.toolbar is not None:
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QgsApplication.removeTranslator(self.translator)
            self.translator = None

    # --- actions ------------------------------------------------------------------------------
    def open_load_dialog(self, _checked=False, path: str | None = None) -> None:
        """Open the loadcitygml dialog (Processing runs it as a background task)."""
        if self.provider is None:
            self._offer_install(deps.missing_modules())
            return
        import processing
        processing.execAlgorithmDialog("urbantwin:loadcitygml", {"INPUT": path} if path else {})

    def show_workbench(self, _checked=False) -> None:
        """Show the Urban Twin workbench dock (created on first use)."""
        if self.workbench_dock is None:
            from qgis.PyQt.QtCore import Qt

            from .workbench_dock import WorkbenchDock
            self.workbench_dock = WorkbenchDock(self.iface.mainWindow(), self.show_catalog, self.load_sample)
            self.iface.mainWindow().addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.workbench_dock)
        self.workbench_dock.show()
        self.workbench_dock.raise_()

    def show_catalog(self, _checked=False) -> None:
        """Show the Catalog dock (created on first use)."""
        if self.catalog_dock is None:
            from qgis.PyQt.QtCore import Qt

            from ..analyses.errors import UrbanTwinError
            from .catalog_dock import CatalogDock
            try:
                self.catalog_dock = CatalogDock(self.iface.mainWindow())
            except UrbanTwinError as exc:  # a damaged mirror database: say so, keep QGIS running
                self.iface.messageBar().pushMessage(tr("Urban Twin"), translated_error(exc), Qgis.Critical, 0)
                return
            self.iface.mainWindow().addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.catalog_dock)
        self.catalog_dock.show()
        self.catalog_dock.raise_()

    def load_sample(self, _checked=False) -> None:
        """Load the bundled sample district in the background: its buildings and roofs become layers."""
        if self.provider is None:
            self._offer_install(deps.missing_modules())
            return
        folder = tempfile.mkdtemp(prefix="urban_twin_sample_")
        params = {"INPUT": SAMPLE, "LOD": 3, "BUILDINGS": os.path.join(folder, "buildings.gpkg"),
                  "ROOFS": os.path.join(folder, "roofs.gpkg")}
        self.iface.messageBar().pushMessage(tr("Urban Twin"), tr("Loading the sample district…"), Qgis.Info, 3)
        self.task = AlgorithmRun("urbantwin:loadcitygml", params, self._sample_loaded)

    def _sample_loaded(self, ok: bool, results: dict) -> None:
        if not ok:
            self.iface.messageBar().pushMessage(tr("Urban Twin"), tr("The sample district could not be loaded: "
                                                                     "see the log panel (Processing)."),
                                                Qgis.Critical, 0)
            return
        layers = [QgsVectorLayer(results["BUILDINGS"], tr("Sample buildings"), "ogr"),
                  QgsVectorLayer(results["ROOFS"], tr("Sample roofs (LOD2)"), "ogr")]
        for layer, field in zip(layers, ("height", "tilt")):
            apply_graduated(layer, field, "Greys" if field == "height" else "Viridis")
        QgsProject.instance().addMapLayers(layers)
        self.iface.mapCanvas().setExtent(layers[0].extent())
        self.iface.mapCanvas().refresh()

    def _offer_install(self, missing: list[str]) -> None:
        self.iface.messageBar().pushMessage(
            tr("Urban Twin"), tr("Missing Python packages: {}. Use Urban Twin > Install Python dependencies…")
            .format(", ".join(missing)), Qgis.Warning, 0)

    def install_dependencies(self, _checked=False) -> None:
        """Work out what QGIS's Python lacks (in the background), say it, and install it once the user agrees."""
        self.task = FunctionTask(tr("Checking Urban Twin dependencies"), deps.install_plan, self._confirm_install)
        QgsApplication.taskManager().addTask(self.task)

    def _confirm_install(self, plan, error: str | None) -> None:
        if error:
            self.iface.messageBar().pushMessage(tr("Urban Twin"), error, Qgis.Critical, 0)
            return
        if not plan:
            self.iface.messageBar().pushMessage(tr("Urban Twin"), tr("Nothing to install: QGIS's Python has every "
                                                                     "package."), Qgis.Success, 5)
            return
        question = tr("Urban Twin will install these packages into {}, and nothing that QGIS's own Python "
                      "already has (NumPy, SciPy, Matplotlib, GDAL, pyproj stay QGIS's):\n\n{}\n\nInstall them "
                      "now?").format(deps.deps_dir(), "\n".join(plan))
        answer = QMessageBox.question(self.iface.mainWindow(), tr("Urban Twin"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.task = FunctionTask(tr("Installing Urban Twin dependencies"), lambda: deps.install(plan=plan),
                                 self._installed)
        QgsApplication.taskManager().addTask(self.task)

    def _installed(self, _result, error: str | None) -> None:
        if error:
            self.iface.messageBar().pushMessage(tr("Urban Twin"), error, Qgis.Critical, 0)
            return
        self.iface.messageBar().pushMessage(tr("Urban Twin"), tr("Dependencies installed."), Qgis.Success, 5)
        self.initProcessing()
