"""The 'Urban Twin' dock: district, analysis, its key parameters, run in the background with progress and
cancel, the styled results, the 3D preview, the report, and a lesson mode for classes."""
from __future__ import annotations

import os

from qgis.core import (
    QgsApplication,
    QgsMapLayerProxyModel,
    QgsProcessingParameterEnum,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
)
from qgis.gui import QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..analyses.report import write_report
from .i18n import tr
from .styles import style_result
from .tasks import AlgorithmRun
from .workbench import ANALYSES, LESSON, parameters_for, section_for, verdict_layer, work_folder


class WorkbenchDock(QDockWidget):
    """The whole flow in one dock."""

    def __init__(self, parent=None, open_catalog=None, load_sample=None):
        super().__init__(tr("Urban Twin"), parent)
        self.setObjectName("urbanTwinWorkbenchDock")
        self.open_catalog, self.load_sample_callback = open_catalog, load_sample
        self.sections: dict = {}
        self.last_results: dict = {}
        self.task: AlgorithmRun | None = None
        self.finished_runs: list[AlgorithmRun] = []
        self.preview = None
        self.lesson_step = -1
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(QLabel(tr("1. District")))
        self.buildings = QgsMapLayerComboBox()
        self.buildings.setFilters(QgsMapLayerProxyModel.PolygonLayer)
        self.buildings.setToolTip(tr("Building footprints with a 'height' field (from Load PLATEAU CityGML)"))
        self.roofs = QgsMapLayerComboBox()
        self.roofs.setFilters(QgsMapLayerProxyModel.PolygonLayer)
        self.roofs.setAllowEmptyLayer(True)
        self.roofs.setLayer(None)
        self.roofs.setToolTip(tr("LOD2 roof surfaces (optional): pitched roofs then cast and receive right"))
        form = QFormLayout()
        form.addRow(tr("Buildings"), self.buildings)
        form.addRow(tr("Roofs (LOD2)"), self.roofs)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.sample_button = QPushButton(tr("Sample district"))
        self.catalog_button = QPushButton(tr("Catalog…"))
        row.addWidget(self.sample_button)
        row.addWidget(self.catalog_button)
        layout.addLayout(row)
        layout.addWidget(QLabel(tr("2. Analysis")))
        self.analysis = QComboBox()
        for key, analysis in ANALYSES.items():
            self.analysis.addItem(tr(analysis.title), key)
        layout.addWidget(self.analysis)
        self.form = QFormLayout()
        self.fields: dict[str, QDoubleSpinBox | QComboBox] = {}
        layout.addLayout(self.form)
        run_row = QHBoxLayout()
        self.run_button = QPushButton(tr("Run"))
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setEnabled(False)
        run_row.addWidget(self.run_button)
        run_row.addWidget(self.cancel_button)
        layout.addLayout(run_row)
        self.progress = QProgressBar()
        layout.addWidget(self.progress)
        after = QHBoxLayout()
        self.preview_button = QPushButton(tr("3D preview"))
        self.report_button = QPushButton(tr("Report…"))
        self.lesson_button = QPushButton(tr("Lesson mode"))
        for button in (self.preview_button, self.report_button, self.lesson_button):
            after.addWidget(button)
        layout.addLayout(after)
        self.lesson = QTextBrowser()
        self.lesson.setMinimumHeight(150)  # a step's text reads without scrolling
        self.lesson.setVisible(False)
        layout.addWidget(self.lesson)
        self.lesson_next = QPushButton(tr("Next step"))
        self.lesson_next.setVisible(False)
        layout.addWidget(self.lesson_next)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addStretch(1)
        scroll = QScrollArea()  # the dock scrolls rather than push the window past a small screen
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.setWidget(scroll)
        self.analysis.currentIndexChanged.connect(self.show_parameters)
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        self.preview_button.clicked.connect(self.show_preview)
        self.report_button.clicked.connect(lambda: self.export_report())
        self.lesson_button.clicked.connect(self.start_lesson)
        self.lesson_next.clicked.connect(self.next_lesson_step)
        self.sample_button.clicked.connect(lambda: self.load_sample_callback and self.load_sample_callback())
        self.catalog_button.clicked.connect(lambda: self.open_catalog and self.open_catalog())
        self.show_parameters()
        QgsProject.instance().layersAdded.connect(self.pick_district_layers)
        self.pick_district_layers(list(QgsProject.instance().mapLayers().values()))

    def pick_district_layers(self, layers) -> None:
        """Fill the boxes from newly added layers: buildings have a 'height' field, roofs 'tilt' and 'azimuth'."""
        for layer in layers:
            if not isinstance(layer, QgsVectorLayer):
                continue
            names = set(layer.fields().names())
            if {"tilt", "azimuth", "building_id", "area"} <= names and "kwh_m2" not in names:  # not a result
                self.roofs.setLayer(layer)
            elif "height" in names and "gml_id" in names:
                self.buildings.setLayer(layer)

    # --- parameters -------------------------------------------------------------------------------
    def current(self):
        """The selected analysis."""
        return ANALYSES[self.analysis.currentData()]

    def show_parameters(self, *_args) -> None:
        """One field per key parameter: a choice in words where the algorithm offers choices, else a number."""
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields = {}
        algorithm = QgsApplication.processingRegistry().algorithmById(self.current().algorithm)
        for parameter in self.current().parameters:
            definition = algorithm.parameterDefinition(parameter.name) if algorithm is not None else None
            if isinstance(definition, QgsProcessingParameterEnum):
                box = QComboBox()
                box.addItems(definition.options())
                box.setCurrentIndex(int(parameter.default))
            else:
                box = QDoubleSpinBox()
                box.setRange(parameter.minimum, parameter.maximum)
                box.setDecimals(1 if parameter.maximum > 5 else 2)
                box.setValue(parameter.default)
            box.setToolTip(tr(parameter.tooltip))
            self.form.addRow(tr(parameter.label), box)
            self.fields[parameter.name] = box

    def values(self) -> dict:
        """The key parameters as the algorithm takes them: a choice's index, or a number."""
        return {name: box.currentIndex() if isinstance(box, QComboBox) else box.value()
                for name, box in self.fields.items()}

    def select(self, key: str, **values) -> None:
        """Choose an analysis and set some of its parameters (lesson mode and tests)."""
        self.analysis.setCurrentIndex(self.analysis.findData(key))
        for name, value in values.items():
            box = self.fields[name]
            box.setCurrentIndex(int(value)) if isinstance(box, QComboBox) else box.setValue(value)

    # --- running ------------------------------------------------------------------------------------
    def run(self) -> None:
        """Run the selected analysis as a Processing task: progress, cancel, results added when done."""
        buildings = self.buildings.currentLayer()
        if buildings is None:
            self.message.setText(tr("Load a district first (the sample, a CityGML file or the catalog)."))
            return
        analysis = self.current()
        roofs = self.roofs.currentLayer()
        params = parameters_for(analysis, buildings, roofs, self.values(), work_folder())
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.message.setText(tr("Running {}…").format(tr(analysis.title)))
        self.progress.setValue(0)
        # the previous run is released here, long after its task ended
        self.task = AlgorithmRun(analysis.algorithm, params, lambda ok, results: self._done(analysis, params, ok,
                                                                                           results),
                                 lambda value: self.progress.setValue(int(value)))

    def cancel(self) -> None:
        """Ask the running analysis to stop."""
        if self.task is not None:
            self.task.cancel()

    def _done(self, analysis, params: dict, ok: bool, results: dict) -> None:
        # kept a while: the task may still point at them for a moment after this signal
        self.finished_runs = self.finished_runs[-2:] + [self.task]
        self.task = None
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        if not ok:
            self.message.setText(tr("{} did not finish: see the log panel (Processing).").format(tr(analysis.title)))
            return
        self.progress.setValue(100)
        added = self._add_layers(analysis, results)
        self.last_results[analysis.key] = results
        self.sections[analysis.key] = section_for(analysis, params, results)
        self.message.setText(tr("{} done: {} layer(s) added.").format(tr(analysis.title), added))

    def _add_layers(self, analysis, results: dict) -> int:
        """Add the raster and vector outputs to the project, named in the user's language and styled."""
        algorithm = QgsApplication.processingRegistry().algorithmById(analysis.algorithm)
        layers = []
        for name in analysis.outputs:
            path = results.get(name)
            if not path or not isinstance(path, str) or not os.path.exists(path.split("|")[0]):
                continue
            definition = algorithm.parameterDefinition(name) if algorithm is not None else None
            title = f"{tr(analysis.title)} — {definition.description() if definition else name.lower()}"
            if path.endswith(".tif"):
                layer = QgsRasterLayer(path, title)
            elif path.endswith(".gpkg"):
                layer = QgsVectorLayer(path, title, "ogr")
            else:
                continue
            if layer.isValid():
                style_result(layer, analysis.key, name)
                layers.append(layer)
        if analysis.key == "nichiei" and results.get("VERDICT"):
            layers.append(verdict_layer(results["VERDICT"], self.buildings.currentLayer().crs()))
        QgsProject.instance().addMapLayers(layers)
        return len(layers)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Cancel a running analysis and release what its task pointed at."""
        self.cancel()
        if self.task is None:
            self.finished_runs = []
        if self.preview is not None:
            self.preview.close_interactive()
        super().closeEvent(event)

    # --- preview, report, lesson ----------------------------------------------------------------------
    def show_preview(self) -> None:
        """Show the last result's 3D view in the preview dock."""
        from .preview_dock import PreviewDock
        results = self.last_results.get(self.current().key, {})
        path = results.get(self.current().preview) if self.current().preview else None
        if self.preview is None:
            self.preview = PreviewDock(self.parentWidget())
            if self.parentWidget() is not None and hasattr(self.parentWidget(), "addDockWidget"):
                self.parentWidget().addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.preview)
        titles = {"OUTPUT": tr("hours in shadow"), "RATIO_OUTPUT": tr("speed ratio"),
                  "RASTER_OUTPUT": tr("kWh/m² a year")}  # the colour bar's title: what the colours measure
        raster = next(((results[name], title) for name, title in titles.items()
                       if str(results.get(name, "")).endswith(".tif")), None)
        self.preview.show_result(path, self.buildings.currentLayer(), raster)
        self.preview.show()

    def export_report(self, path: str | None = None) -> str | None:
        """Write the HTML report of every analysis run in this session."""
        if not self.sections:
            self.message.setText(tr("Run an analysis first."))
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, tr("Report"), "urban_twin_report.html",
                                                  "HTML (*.html);;PDF (*.pdf)")
            if not path:
                return None
        order = [key for key in ANALYSES if key in self.sections]
        html_path = path[:-4] + ".html" if path.lower().endswith(".pdf") else path
        write_report(html_path, tr("Urban Twin Workbench report"), [self.sections[k] for k in order],
                     self.buildings.currentLayer().name() if self.buildings.currentLayer() else "")
        if path.lower().endswith(".pdf"):
            html_to_pdf(html_path, path)
        self.message.setText(tr("Report written: {}").format(path))
        return path

    def start_lesson(self) -> None:
        """Lesson mode: a short guided sequence on the sample district."""
        self.lesson.setVisible(True)
        self.lesson_next.setVisible(True)
        self.lesson_step = -1
        self.next_lesson_step()

    def next_lesson_step(self) -> None:
        """Show the next step and set its analysis up; the student presses Run."""
        self.lesson_step = (self.lesson_step + 1) % len(LESSON)
        analysis = LESSON[self.lesson_step]
        press = tr("Press Run.")
        self.lesson.setHtml(f"<h3>{tr(analysis.lesson.title)}</h3><p>{tr(analysis.lesson.text)}</p><p><i>{press}</i></p>")
        self.select(analysis.key)

def html_to_pdf(html_path: str, pdf_path: str) -> str:
    """Print an HTML file to PDF with QtWebKit (which QGIS 3.22 ships), A4 portrait."""
    from qgis.PyQt.QtCore import QUrl
    from qgis.PyQt.QtPrintSupport import QPrinter
    from qgis.PyQt.QtWebKitWidgets import QWebPage
    from qgis.PyQt.QtWidgets import QApplication
    page = QWebPage()
    loaded = []
    page.loadFinished.connect(loaded.append)
    page.mainFrame().load(QUrl.fromLocalFile(os.path.abspath(html_path)))
    while not loaded:
        QApplication.processEvents()
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setPageSize(QPrinter.A4)
    printer.setOutputFileName(pdf_path)
    page.mainFrame().print_(printer)
    return pdf_path
