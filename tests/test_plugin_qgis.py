"""The plugin inside QGIS: loading, menu and toolbar, provider, and loadcitygml through processing.run."""
from __future__ import annotations

import os

import pytest
from conftest import SAMPLE, shared
from qgis.core import QgsApplication, QgsProcessingException, QgsProject, QgsVectorLayer, QgsWkbTypes


def test_plugin_adds_menu_toolbar_and_provider(loaded_plugin, qgis_iface):
    assert loaded_plugin.menu is not None and loaded_plugin.menu.title() == "Urban Twin"
    assert loaded_plugin.toolbar is not None and loaded_plugin.toolbar.actions()
    assert QgsApplication.processingRegistry().providerById("urbantwin") is not None
    assert QgsApplication.processingRegistry().algorithmById("urbantwin:loadcitygml") is not None


def test_unload_removes_everything_and_init_restores_it(loaded_plugin, qgis_iface):
    registry = QgsApplication.processingRegistry()
    menu_bar = qgis_iface.mainWindow().menuBar()
    loaded_plugin.unload()
    assert registry.providerById("urbantwin") is None
    assert loaded_plugin.menu is None and loaded_plugin.toolbar is None and not loaded_plugin.actions
    assert "Urban Twin" not in [a.text() for a in menu_bar.actions() if a.isVisible()]
    loaded_plugin.initGui()  # as the plugin reloader does
    assert registry.providerById("urbantwin") is not None
    assert "Urban Twin" in [a.text() for a in menu_bar.actions() if a.isVisible()]


def _run(params: dict) -> dict:
    import processing
    return processing.run("urbantwin:loadcitygml", params)


def test_loadcitygml_on_sample(loaded_plugin, tmp_path):
    out = os.path.join(tmp_path, "sample.gpkg")
    result = _run({"INPUT": SAMPLE, "LOD": 3, "BUILDINGS": f"ogr:dbname='{out}' table=buildings (geom)",
                   "ROOFS": os.path.join(tmp_path, "roofs.gpkg")})
    buildings = QgsVectorLayer(result["BUILDINGS"], "b", "ogr")
    roofs = QgsVectorLayer(result["ROOFS"], "r", "ogr")
    assert buildings.isValid() and roofs.isValid()
    assert buildings.featureCount() == 400
    assert buildings.crs().authid() == "EPSG:6677"
    assert roofs.featureCount() > 300
    assert QgsWkbTypes.hasZ(roofs.wkbType())
    names = buildings.fields().names()
    for field in ("gml_id", "height", "ground_z", "roof_z", "usage", "建物ID"):
        assert field in names
    usage = {f["usage"] for f in buildings.getFeatures()}
    assert "住宅" in usage  # resolved through the sample's codelists/


def test_loadcitygml_real_yokosuka_lod1(loaded_plugin):
    path = shared("yokosuka-52397519", "52397519_bldg_6697_op.gml")
    result = _run({"INPUT": path, "LOD": 1, "BUILDINGS": "memory:", "ROOFS": "memory:"})
    buildings = result["BUILDINGS"]
    if isinstance(buildings, str):
        buildings = QgsProject.instance().mapLayer(buildings) or QgsVectorLayer(buildings)
    assert buildings.featureCount() == 13
    heights = sorted(round(f["height"], 1) for f in buildings.getFeatures())
    assert heights[-1] == pytest.approx(13.9)
    extent = buildings.extent()
    assert -8800 < extent.xMinimum() < extent.xMaximum() < -8400  # Yokosuka in zone IX
    assert -82300 < extent.yMinimum() < extent.yMaximum() < -81900


def test_loadcitygml_bad_input_is_a_message(loaded_plugin, tmp_path):
    bad = os.path.join(tmp_path, "bad.gml")
    with open(bad, "w") as out:
        out.write("<notgml/>")
    with pytest.raises(QgsProcessingException, match="not CityGML"):
        _run({"INPUT": bad, "BUILDINGS": "memory:"})


def test_loadcitygml_rejects_geographic_crs(loaded_plugin):
    with pytest.raises(QgsProcessingException, match="projected"):
        _run({"INPUT": SAMPLE, "CRS": "EPSG:4326", "BUILDINGS": "memory:"})


def test_loadcitygml_extent_reads_only_its_mesh_tiles(loaded_plugin):
    from conftest import real
    folder = real("tokyo23-2020-unity")
    result = _run({"INPUT": folder, "LOD": 1, "BUILDINGS": "memory:",
                   "EXTENT": "139.690,139.691,35.685,35.686 [EPSG:6668]"})  # xmin,xmax,ymin,ymax: Shinjuku
    buildings = result["BUILDINGS"]
    if isinstance(buildings, str):
        buildings = QgsProject.instance().mapLayer(buildings) or QgsVectorLayer(buildings)
    assert buildings.featureCount() == 1  # of the folder's 2: the other is in Ota-ku's mesh
    assert "height_source" in buildings.fields().names()


def test_install_says_what_it_will_install_and_asks_first(loaded_plugin, qtbot, monkeypatch):
    from qgis.PyQt.QtWidgets import QMessageBox

    from urban_twin.plugin import deps
    asked, installed = [], []
    monkeypatch.setattr(deps, "install_plan", lambda: ["pvlib==0.16.1", "pyvista==0.49.1"])
    monkeypatch.setattr(deps, "install", lambda target=None, plan=None: installed.append(plan) or "")
    for count, answer in enumerate((QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes), start=1):
        monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, a=answer: asked.append(text) or a)
        loaded_plugin.install_dependencies()
        qtbot.waitUntil(lambda n=count: len(asked) == n, timeout=10000)
    qtbot.waitUntil(lambda: len(installed) == 1, timeout=10000)
    assert "pvlib==0.16.1" in asked[0] and "pyvista==0.49.1" in asked[0]
    assert installed == [["pvlib==0.16.1", "pyvista==0.49.1"]]  # only after the user said yes
