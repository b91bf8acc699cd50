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
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback

    from conftest import SAMPLE
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
