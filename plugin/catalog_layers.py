"""Catalog files into QGIS layers, with the dataset's license and attribution in the layer metadata."""
from __future__ import annotations

import os
import tempfile

from qgis.core import QgsLayerMetadata, QgsProcessingFeedback, QgsProject, QgsRasterLayer, QgsVectorLayer

from ..analyses import loaders, render
from ..analyses.errors import QT_TRANSLATE_NOOP, UrbanTwinError
from .i18n import tr
from .inputs import report_intake


def layer_metadata(dataset: dict) -> QgsLayerMetadata:
    """Title, abstract, license, rights (attribution) and identifier of a mirrored dataset."""
    metadata = QgsLayerMetadata()
    metadata.setIdentifier(dataset.get("id", ""))
    metadata.setTitle(dataset.get("title", ""))
    metadata.setAbstract(dataset.get("notes", ""))
    license_text = " ".join(filter(None, (dataset.get("license_title"), dataset.get("license_url"))))
    metadata.setLicenses([license_text] if license_text else [])
    attribution = dataset.get("author") or dataset.get("organization_title") or ""
    metadata.setRights([tr("Source: {} ({})").format(attribution, dataset.get("catalog", ""))] if attribution else [])
    metadata.setKeywords({"tags": list(dataset.get("tags") or [])})
    return metadata


def open_layers(path: str, fmt: str, name: str, dataset: dict, project: QgsProject | None = None) -> list:
    """Open a downloaded resource as QGIS layers added to the project (a mesh: a 3D preview PNG path)."""
    opened = loaders.inspect(path, fmt)
    if opened.kind == "csv":
        layers = [_csv_layer(opened, name)]
    elif opened.kind == "vector":
        layer = QgsVectorLayer(opened.path, name, "ogr")
        layer.setProviderEncoding(opened.encoding)
        layers = [layer]
    elif opened.kind == "raster":
        layers = [QgsRasterLayer(opened.path, name)]
    elif opened.kind == "citygml":
        import processing
        result = processing.run("urbantwin:loadcitygml", {"INPUT": opened.path, "BUILDINGS": "memory:",
                                                          "ROOFS": "memory:"})
        layers = [result["BUILDINGS"], result["ROOFS"]]
    else:
        return [_mesh_preview(opened.path)]
    for layer in layers:
        if not layer.isValid():
            raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "{} could not be opened as a layer"),
                                 os.path.basename(path))
        layer.setMetadata(layer_metadata(dataset))
        (project or QgsProject.instance()).addMapLayer(layer)
    return layers


def _csv_layer(opened, name: str) -> QgsVectorLayer:
    """CSV points through the one intake rule (rows off the globe dropped and counted), as a GeoPackage layer."""
    points = loaders.read_csv_points(opened)
    report_intake(QgsProcessingFeedback(), os.path.basename(opened.path), points.attrs.pop("intake"))  # to the log
    gpkg = os.path.splitext(opened.path)[0] + ".points.gpkg"
    points.to_file(gpkg, driver="GPKG")
    return QgsVectorLayer(gpkg, name, "ogr")


def _mesh_preview(path: str) -> str:
    """A 3D model as a PNG preview (meshes have no 2D layer), drawn in a child process."""
    out = os.path.join(tempfile.mkdtemp(prefix="urban_twin_mesh_"), os.path.basename(path) + ".png")
    return render.draw("model_scene", out, path=path)
