"""Catalog files into QGIS layers, with the dataset's license and attribution in the layer metadata."""
from __future__ import annotations

import os
import tempfile
import urllib.parse

from qgis.core import QgsLayerMetadata, QgsProject, QgsRasterLayer, QgsVectorLayer

from ..analyses import loaders, render
from ..analyses.errors import QT_TRANSLATE_NOOP, UrbanTwinError
from .i18n import tr


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
        query = urllib.parse.urlencode({"type": "csv", "delimiter": ",", "encoding": opened.encoding,
                                        "xField": opened.x_field, "yField": opened.y_field, "crs": "EPSG:6668",
                                        "detectTypes": "yes", "geomType": "point"}, safe=",:")
        layers = [QgsVectorLayer(f"file://{os.path.abspath(path)}?{query}", name, "delimitedtext")]
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


def _mesh_preview(path: str) -> str:
    """A 3D model as a PNG preview (meshes have no 2D layer), drawn in a child process."""
    out = os.path.join(tempfile.mkdtemp(prefix="urban_twin_mesh_"), os.path.basename(path) + ".png")
    return render.draw("model_scene", out, path=path)
