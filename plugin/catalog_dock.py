"""The 'Catalog' dock: search the offline mirror, see a dataset and its license, download in the
background, add to the map; it says when it is offline and keeps working from the mirror."""
from __future__ import annotations

import html
import os
import traceback

from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsProcessingException
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..analyses.ckan import CanceledError, CkanClient, OfflineError
from ..analyses.errors import QT_TRANSLATE_NOOP, UrbanTwinError
from ..analyses.mirror import Mirror
from .catalog_layers import open_layers
from .i18n import tr, translated_error
from .tasks import FunctionTask

CATALOGS = ("https://catalog.data.metro.tokyo.lg.jp", "https://www.geospatial.jp/ckan")


def default_mirror_folder() -> str:
    """The mirror inside the user's QGIS profile (URBAN_TWIN_MIRROR overrides it)."""
    return os.environ.get("URBAN_TWIN_MIRROR") or os.path.join(QgsApplication.qgisSettingsDirPath(), "urban_twin",
                                                               "mirror")


class CatalogDock(QDockWidget):
    """Search box, filters, results, details, Download / Add to map, an offline badge and a progress bar."""

    def __init__(self, parent=None, folder: str | None = None):
        super().__init__(tr("Catalog"), parent)
        self.setObjectName("urbanTwinCatalogDock")
        self.folder = folder or default_mirror_folder()
        self.mirror = Mirror(self.folder)
        self.task = None
        self.offline = False
        body = QWidget()
        layout = QVBoxLayout(body)
        row = QHBoxLayout()
        self.catalog = QComboBox()
        self.catalog.setEditable(True)
        self.catalog.addItems(CATALOGS)
        self.catalog.setToolTip(tr("CKAN catalog URL"))
        self.sync_button = QPushButton(tr("Sync"))
        self.sync_button.setToolTip(tr("Fetch what changed in the catalog since the last sync"))
        self.import_button = QPushButton(tr("Import…"))
        self.import_button.setToolTip(tr("Import a mirror exported to a folder (a USB stick): no network needed"))
        self.badge = QLabel()
        row.addWidget(self.catalog, 1)
        row.addWidget(self.sync_button)
        row.addWidget(self.import_button)
        row.addWidget(self.badge)
        layout.addLayout(row)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search datasets (Japanese or English)"))
        layout.addWidget(self.search)
        filters = QHBoxLayout()
        self.organization = QComboBox()
        self.fmt = QComboBox()
        filters.addWidget(self.organization, 1)
        filters.addWidget(self.fmt)
        layout.addLayout(filters)
        self.results = QListWidget()
        layout.addWidget(self.results, 2)
        self.detail = QTextBrowser()
        self.detail.setOpenExternalLinks(True)
        layout.addWidget(self.detail, 2)
        self.resources = QListWidget()
        layout.addWidget(self.resources, 1)
        buttons = QHBoxLayout()
        self.download_button = QPushButton(tr("Download"))
        self.add_button = QPushButton(tr("Add to map"))
        buttons.addWidget(self.download_button)
        buttons.addWidget(self.add_button)
        layout.addLayout(buttons)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.setWidget(body)
        self.search.textChanged.connect(self.refresh)
        self.organization.currentIndexChanged.connect(self.refresh)
        self.fmt.currentIndexChanged.connect(self.refresh)
        self.results.currentItemChanged.connect(self.show_dataset)
        self.import_button.clicked.connect(self.start_import)
        self.sync_button.clicked.connect(self.start_sync)
        self.download_button.clicked.connect(self.start_download)
        self.add_button.clicked.connect(self.add_to_map)
        self.fill_filters()
        self.refresh()
        self.set_offline(False)

    # --- searching (always from the mirror: instant, and the same offline) ----------------------
    def fill_filters(self) -> None:
        """Organization and format lists from what the mirror holds."""
        facets = self.mirror.facets()
        for combo, label, values in ((self.organization, tr("All organizations"), facets["organizations"]),
                                     (self.fmt, tr("All formats"), facets["formats"])):
            combo.blockSignals(True)
            current = combo.currentData()
            combo.clear()
            combo.addItem(label, None)
            for value in values:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def refresh(self, *_args) -> None:
        """Search the mirror with the box and the filters."""
        self.results.clear()
        rows = self.mirror.search(self.search.text(), self.organization.currentData(), None, self.fmt.currentData())
        for row in rows:
            badge = " ●" if row["local"] else ""
            item = QListWidgetItem(f"{row['title']}{badge}  —  {row['organization_title']}")
            item.setData(Qt.UserRole, row["id"])
            self.results.addItem(item)
        if self.mirror.count() == 0:
            self.message.setText(tr("The offline mirror is empty. Enter a CKAN catalog's address and press Sync "
                                    "(once, with a network), or import a mirror someone exported to a USB "
                                    "stick (Import…). Searching then works with no network."))
        else:
            self.message.setText(tr("{} datasets in the mirror, {} shown").format(self.mirror.count(), len(rows)))

    def show_dataset(self, item, _previous=None) -> None:
        """Details, license and resources of the selected dataset."""
        self.resources.clear()
        if item is None:
            self.detail.clear()
            return
        dataset = self.mirror.dataset(item.data(Qt.UserRole))
        labels = (tr("Organization"), tr("License"), tr("Tags"), tr("Updated"))
        values = (dataset["organization_title"], f"{dataset['license_title']} {dataset['license_url']}",
                  ", ".join(dataset["tags"]), dataset["metadata_modified"][:10])
        rows = "<br>".join(f"<b>{label}</b>: {html.escape(value)}" for label, value in zip(labels, values))
        self.detail.setHtml(f"<h3>{html.escape(dataset['title'])}</h3><p>{html.escape(dataset['notes'])}</p>"
                            f"<p>{rows}</p>")
        for resource in dataset["resources"]:
            local = tr(" (in the mirror)") if resource["local_path"] else ""
            entry = QListWidgetItem(f"{resource['name'] or resource['url']} [{resource['format']}]{local}")
            entry.setData(Qt.UserRole, resource["id"])
            self.resources.addItem(entry)
        if dataset["resources"]:
            self.resources.setCurrentRow(0)

    # --- network, in the background -------------------------------------------------------------
    def client(self) -> CkanClient:
        """The client of the catalog in the URL box."""
        return CkanClient(self.catalog.currentText().strip(), timeout=15)

    def start_sync(self) -> None:
        """Sync the mirror with the catalog in a QgsTask (the task opens its own database connection)."""
        client, folder = self.client(), self.folder
        self._run(tr("Syncing the catalog"), lambda: Mirror(folder).sync(client, is_canceled=self._canceled),
                  self._synced)

    def start_import(self, _checked=False, source: str | None = None) -> None:
        """Import an exported mirror from a folder, in a QgsTask."""
        source = source or QFileDialog.getExistingDirectory(self, tr("Exported mirror"))
        if source:
            folder = self.folder
            self._run(tr("Importing the mirror"), lambda: Mirror(folder).import_from(source), self._synced)

    def _synced(self, count, error: BaseException | None) -> None:
        self.fill_filters()  # a sync that stopped early has stored whole batches all the same
        self.refresh()
        if error:
            return self._failed(error)
        self.set_offline(False)
        self.message.setText(tr("{} datasets fetched").format(count))

    def start_download(self) -> None:
        """Download the selected resource into the mirror in a QgsTask, with progress and cancel."""
        item = self.resources.currentItem()
        if item is None:
            return
        resource_id, client, folder = item.data(Qt.UserRole), self.client(), self.folder

        def work():
            return Mirror(folder).download(resource_id, client, progress=self._task_progress,
                                           is_canceled=self._canceled)

        self._run(tr("Downloading"), work, self._downloaded)

    def _canceled(self) -> bool:
        """Whether the user canceled the running task (asked from the task's thread)."""
        return self.task is not None and self.task.isCanceled()

    def _task_progress(self, percent: float) -> None:
        if self.task is not None:
            self.task.setProgress(percent)

    def _downloaded(self, path, error: BaseException | None) -> None:
        if error:
            return self._failed(error)
        self.message.setText(tr("Saved in the mirror: {}").format(path))
        self.show_dataset(self.results.currentItem())

    def _run(self, description: str, work, done) -> None:
        """Run work in a QgsTask; done(result, exception or None) on the main thread."""
        def kept():  # the exception itself comes back, not its text: _sentence decides what the user reads
            try:
                return work(), None
            except Exception as exc:  # noqa: BLE001 - every failure is shown in words, none crashes the dock
                return None, exc

        self.progress.setVisible(True)
        self.progress.setValue(0)
        self.task = FunctionTask(description, kept, lambda outcome, error: self._finished(outcome, error, done))
        self.task.progressChanged.connect(lambda value: self.progress.setValue(int(value)))
        QgsApplication.taskManager().addTask(self.task)

    def _finished(self, outcome, _error: str | None, done) -> None:
        self.progress.setVisible(False)
        self.task = None
        if outcome is None:  # the task ended without running kept(): it was canceled before it started
            outcome = None, CanceledError(QT_TRANSLATE_NOOP("@default", "canceled"))
        done(*outcome)

    def _failed(self, error: BaseException) -> None:
        self.set_offline(isinstance(error, OfflineError))
        self.message.setText(_sentence(error))

    def set_offline(self, offline: bool) -> None:
        """Show the offline badge: searching and loading go on from the mirror."""
        self.offline = offline
        self.badge.setText(tr("offline: using the mirror") if offline else "")
        self.badge.setStyleSheet("color: white; background: #b35806; padding: 2px" if offline else "")

    # --- loading ----------------------------------------------------------------------------------
    def add_to_map(self) -> list:
        """Open the selected resource from the mirror as layers with license metadata."""
        item, entry = self.results.currentItem(), self.resources.currentItem()
        if item is None or entry is None:
            return []
        dataset = self.mirror.dataset(item.data(Qt.UserRole))
        resource = self.mirror.resource(entry.data(Qt.UserRole))
        try:
            path = self.mirror.download(resource["id"])  # from the mirror only: never blocks on the network
            layers = open_layers(path, resource["format"], resource["name"] or dataset["title"], dataset)
        except Exception as exc:  # noqa: BLE001 - every failure is shown, none crashes the dock
            self.message.setText(_sentence(exc))
            return []
        self.message.setText(tr("Added {} layer(s)").format(len(layers)))
        return layers

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Close the database with the dock."""
        self.mirror.close()
        super().closeEvent(event)


def _sentence(error: BaseException) -> str:
    """What went wrong, in the user's language: the plugin's own sentences translated; any other exception in
    general words, its traceback in the QGIS message log (never shown as the message)."""
    if isinstance(error, UrbanTwinError):
        return translated_error(error)
    if isinstance(error, QgsProcessingException):  # an algorithm's message, already in the user's language
        return str(error)
    QgsMessageLog.logMessage("".join(traceback.format_exception(error)), "Urban Twin", Qgis.Critical)
    return tr("The catalog could not do this ({}); the details are in the QGIS message log (Urban Twin).").format(
        type(error).__name__)
