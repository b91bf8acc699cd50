"""Japanese: the compiled .qm translates the plugin's labels, and every source string has a translation."""
from __future__ import annotations

import os

from conftest import ROOT
from lxml import etree

TS = os.path.join(ROOT, "i18n", "urban_twin_ja.ts")


def test_every_string_is_translated():
    tree = etree.parse(TS)
    unfinished = [m.findtext("source") for m in tree.iter("message")
                  if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")]
    assert not unfinished
    assert len(list(tree.iter("message"))) >= 20


def test_japanese_labels_in_qgis(qgis_app, loaded_plugin):
    from qgis.core import QgsApplication

    from urban_twin.plugin.i18n import install_translator, tr
    translator = install_translator("ja")
    assert translator is not None, "i18n/urban_twin_ja.qm missing: run make transcompile"
    try:
        algorithm = QgsApplication.processingRegistry().algorithmById("urbantwin:loadcitygml").create()
        assert algorithm.displayName() == "PLATEAU CityGML の読み込み"
        assert algorithm.parameterDefinition("LOD").description() == "詳細度 (LOD)"
        assert "平面直角座標系" in algorithm.shortHelpString()
        assert tr("Buildings") == "建物"
    finally:
        QgsApplication.removeTranslator(translator)
    assert tr("Buildings") == "Buildings"


def test_the_analyses_errors_reach_the_user_in_japanese(qgis_app, loaded_plugin, tmp_path):
    """An analysis's UrbanTwinError, with its values, in Japanese through Processing (and English without)."""
    import processing
    import pytest
    from qgis.core import QgsProcessingException

    from urban_twin.plugin.i18n import install_translator
    bad = tmp_path / "kml.gml"
    bad.write_text("<kml/>")
    params = {"INPUT": str(bad), "BUILDINGS": "memory:"}
    with pytest.raises(QgsProcessingException, match="is not CityGML: its root element is <kml>"):
        processing.run("urbantwin:loadcitygml", params)
    translator = install_translator("ja")
    try:
        with pytest.raises(QgsProcessingException, match="kml.gml は CityGML ではありません：ルート要素が"):
            processing.run("urbantwin:loadcitygml", params)
    finally:
        from qgis.core import QgsApplication
        QgsApplication.removeTranslator(translator)
