"""Bad input gets a clear UrbanTwinError, never a traceback from deep inside."""
from __future__ import annotations

import os

import pytest

from urban_twin.analyses.citygml import read_district
from urban_twin.analyses.errors import UrbanTwinError

HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n<core:CityModel xmlns:core="http://www.opengis.net/citygml/2.0" '
          'xmlns:bldg="http://www.opengis.net/citygml/building/2.0" xmlns:gml="http://www.opengis.net/gml">')
BUILDING = ('<core:cityObjectMember><bldg:Building gml:id="b1"><bldg:measuredHeight uom="m">10</bldg:measuredHeight>'
            '<bldg:lod0FootPrint><gml:MultiSurface srsName="{srs}"><gml:surfaceMember><gml:Polygon><gml:exterior>'
            '<gml:LinearRing><gml:posList>35.68 139.70 5 35.68 139.7001 5 35.6801 139.7001 5 35.68 139.70 5'
            '</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMember></gml:MultiSurface>'
            '</bldg:lod0FootPrint></bldg:Building></core:cityObjectMember>')


def _write(tmp_path, text: str, name: str = "x.gml") -> str:
    path = os.path.join(tmp_path, name)
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)
    return path


@pytest.mark.parametrize("text,message", [
    ("hello, not xml", "corrupt XML"),
    ('<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>', "not CityGML"),
    (HEADER + BUILDING.format(srs="EPSG:6697")[:300], "truncated or corrupt"),
    (HEADER + "</core:CityModel>", "no buildings"),
    (HEADER + BUILDING.format(srs="EPSG:3857") + "</core:CityModel>", "unsupported CRS"),
    (HEADER + BUILDING.format(srs="local") + "</core:CityModel>", "unknown CRS"),
    (HEADER + BUILDING.replace(' srsName="{srs}"', "") + "</core:CityModel>", "names no CRS"),
    (HEADER + BUILDING.format(srs="EPSG:6697").replace("35.68 139.70 5 35.68", "35.68 139.70 35.68")
     + "</core:CityModel>", "not a multiple of 3"),
    (HEADER + BUILDING.format(srs="EPSG:6697").replace("139.7001 5 35.6801", "139.7001 five 35.6801")
     + "</core:CityModel>", "in building b1 holds something that is not a number"),
])
def test_bad_files_say_what_is_wrong(tmp_path, text, message):
    with pytest.raises(UrbanTwinError, match=message):
        read_district(_write(tmp_path, text))


def test_empty_folder(tmp_path):
    with pytest.raises(UrbanTwinError, match="no CityGML"):
        read_district(str(tmp_path))


def test_missing_path(tmp_path):
    with pytest.raises(UrbanTwinError, match="does not exist"):
        read_district(os.path.join(tmp_path, "nope"))


def test_outside_japan_needs_a_crs(tmp_path):
    text = HEADER + BUILDING.format(srs="EPSG:6697").replace("35.68", "51.50").replace("35.6801", "51.5001")
    with pytest.raises(UrbanTwinError, match="outside Japan"):
        read_district(_write(tmp_path, text + "</core:CityModel>"))


def test_minimal_valid_file(tmp_path):
    district = read_district(_write(tmp_path, HEADER + BUILDING.format(srs="EPSG:6697") + "</core:CityModel>"))
    assert len(district.buildings) == 1
    assert district.buildings["height"].iloc[0] == 10
    assert district.epsg == 6677  # Tokyo: zone IX


def test_progress_rises_and_cancel_stops_the_read():
    from conftest import SAMPLE
    seen = []
    read_district(SAMPLE, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 100.0 and len(seen) > 2
    with pytest.raises(InterruptedError):
        read_district(SAMPLE, is_canceled=lambda: True)


def test_cancel_in_processing_is_a_message(qgis_app, loaded_plugin):
    from conftest import SAMPLE
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback
    algorithm = QgsApplication.processingRegistry().algorithmById("urbantwin:loadcitygml").create()
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    with pytest.raises(QgsProcessingException, match="Canceled"):
        algorithm.processAlgorithm({"INPUT": SAMPLE, "LOD": 3, "BUILDINGS": "memory:"},
                                   QgsProcessingContext(), feedback)


def test_rings_written_as_gml_pos_read_like_poslist(tmp_path):
    """Some exporters write one gml:pos per vertex instead of a posList: same footprint."""
    ring = "35.68 139.70 5 35.68 139.7001 5 35.6801 139.7001 5 35.68 139.70 5"
    values = ring.split()
    as_pos = "".join(f"<gml:pos>{' '.join(values[i:i + 3])}</gml:pos>" for i in range(0, len(values), 3))
    text = BUILDING.format(srs="EPSG:6697")
    plain = read_district(_write(tmp_path, HEADER + text + "</core:CityModel>", "a.gml"))
    pos = read_district(_write(tmp_path, HEADER + text.replace(f"<gml:posList>{ring}</gml:posList>", as_pos)
                               + "</core:CityModel>", "b.gml"))
    assert pos.buildings.geometry.iloc[0].equals_exact(plain.buildings.geometry.iloc[0], 1e-9)
    assert pos.buildings["ground_z"].iloc[0] == pytest.approx(5.0)


def _building(gml_id: str, height: str | None, storeys: str | None, lat: float = 35.68) -> str:
    """A LOD0-only building (a roof edge, whose z says nothing of the height) with optional attributes."""
    text = BUILDING.format(srs="EPSG:6697").replace('gml:id="b1"', f'gml:id="{gml_id}"')
    text = text.replace("lod0FootPrint", "lod0RoofEdge").replace("35.68", f"{lat:.2f}")
    text = text.replace("35.6801", f"{lat + 1e-4:.4f}")
    text = text.replace('<bldg:measuredHeight uom="m">10</bldg:measuredHeight>',
                        (f'<bldg:measuredHeight uom="m">{height}</bldg:measuredHeight>' if height else "")
                        + (f"<bldg:storeysAboveGround>{storeys}</bldg:storeysAboveGround>" if storeys else ""))
    return text


def test_unknown_heights_fall_back_to_storeys_and_the_rest_is_dropped(tmp_path, caplog):
    buildings = [("measured", "12.5", "9999"), ("by_storeys", "-9999", "4"), ("unknown", "-9999", "9999"),
                 ("too_tall", "800", None), ("zero", "0", None), ("negative", "-3", None), ("nothing", None, None)]
    text = HEADER + "".join(_building(i, h, s) for i, h, s in buildings) + "</core:CityModel>"
    with caplog.at_level("WARNING"):
        district = read_district(_write(tmp_path, text))
    b = district.buildings.set_index("gml_id")
    assert list(b.index) == ["measured", "by_storeys"]
    assert b.loc["measured", "height"] == pytest.approx(12.5) and b.loc["measured", "height_source"] == "measured"
    assert b.loc["by_storeys", "height"] == pytest.approx(4 * 3.0)
    assert b.loc["by_storeys", "height_source"] == "storeys"
    assert b["storeysAboveGround"].isna().tolist() == [True, False]  # 9999 storeys: unknown, not a number
    reasons = dict(zip(district.dropped["gml_id"], district.dropped["reason"]))
    assert sorted(reasons) == sorted(["unknown", "too_tall", "zero", "negative", "nothing"])
    assert "unknown" in reasons["unknown"] and "unknown" in reasons["nothing"]
    assert "800" in reasons["too_tall"] and "-3" in reasons["negative"] and "measured 0 m" in reasons["zero"]
    assert "5 of 7 buildings left out" in caplog.text and "too_tall" in caplog.text


def test_a_height_from_the_solid_replaces_an_unknown_one(tmp_path):
    solid = ('<bldg:lod1Solid><gml:Solid><gml:exterior><gml:CompositeSurface><gml:surfaceMember><gml:Polygon>'
             '<gml:exterior><gml:LinearRing><gml:posList>35.68 139.70 5 35.6801 139.7001 5 35.68 139.7001 5 '
             '35.68 139.70 5</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMember>'
             '<gml:surfaceMember><gml:Polygon><gml:exterior><gml:LinearRing><gml:posList>35.68 139.70 11.5 '
             '35.68 139.7001 11.5 35.6801 139.7001 11.5 35.68 139.70 11.5</gml:posList></gml:LinearRing>'
             '</gml:exterior></gml:Polygon></gml:surfaceMember></gml:CompositeSurface></gml:exterior></gml:Solid>'
             '</bldg:lod1Solid>')
    text = _building("b", "-9999", "9999").replace("</bldg:lod0RoofEdge>", "</bldg:lod0RoofEdge>" + solid)
    b = read_district(_write(tmp_path, HEADER + text + "</core:CityModel>")).buildings
    assert b["height_source"].tolist() == ["geometry"] and b["height"].iloc[0] == pytest.approx(6.5)


def test_all_buildings_unusable_is_an_error(tmp_path):
    text = HEADER + _building("x", "-9999", None) + "</core:CityModel>"
    with pytest.raises(UrbanTwinError, match="none of the 1 buildings can be analysed: height unknown"):
        read_district(_write(tmp_path, text))


@pytest.mark.parametrize("member", ["../evil/udx/bldg/x.gml", "/etc/udx/bldg/x.gml", "a/../../x.gml"])
def test_zip_with_unsafe_member_is_refused(tmp_path, member):
    import zipfile
    archive = os.path.join(tmp_path, "city.zip")
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("udx/bldg/53394611_bldg_6697_op.gml",
                     HEADER + BUILDING.format(srs="EPSG:6697") + "</core:CityModel>")
        out.writestr(member, "x")
    with pytest.raises(UrbanTwinError, match="unsafe path"):
        read_district(archive)


def test_zip_reads_without_unpacking(tmp_path):
    import zipfile
    archive = os.path.join(tmp_path, "city.zip")
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("udx/bldg/53394611_bldg_6697_op.gml",
                     HEADER + BUILDING.format(srs="EPSG:6697") + "</core:CityModel>")
    district = read_district(archive)
    assert district.buildings["gml_id"].tolist() == ["b1"] and os.listdir(tmp_path) == ["city.zip"]
