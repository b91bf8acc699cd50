"""Broken analysis parameters (issue 16): weather files, wind roses, walker profiles, routes and grids too large
for the memory are refused with a sentence or corrected by a stated rule, never a silently wrong number."""
from __future__ import annotations

import csv

import geopandas as gpd
import numpy as np
import pytest
import shapely
from test_solar import EPSG, X0, Y0, _write_epw

from urban_twin.analyses import barrierfree as bf
from urban_twin.analyses import walknet, weather, wind, windcomfort
from urban_twin.analyses.errors import UrbanTwinError
from urban_twin.analyses.massing import massing_from_frames
from urban_twin.analyses.place import Place

PLACE = Place.at(EPSG, X0, Y0).lat_lon


# --- weather files -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def year():
    """The offline Tokyo year (about 1,286 kWh/m2 on the horizontal) and its hourly data."""
    typical = weather.default_weather(*PLACE)
    return typical, typical.data


def epw(tmp_path, data, edit=None, rows=None) -> str:
    """The year written as EPW; edit(fields, row) may change a data row's fields; rows keeps only that many."""
    path = tmp_path / "year.epw"
    _write_epw(path, data, *PLACE)
    lines = path.read_text().splitlines()
    header, body = lines[:8], lines[8:]
    if edit:
        body = [",".join(edit(line.split(","), i)) for i, line in enumerate(body)]
    path.write_text("\n".join(header + body[:rows]) + "\n")
    return str(path)


def set_fields(values: dict[int, str], hours) -> callable:
    """An edit putting values (EPW field index: text) into the given hours of the year."""
    hours = set(hours)
    return lambda fields, i: [values.get(n, f) if i in hours else f for n, f in enumerate(fields)]


GHI, TEMP = 13, 6  # EPW field indices


def test_the_whole_file_reads_to_its_annual_sum(tmp_path, year):
    typical, data = year
    read = weather.read_weather(epw(tmp_path, data), *PLACE)
    assert read.annual_ghi_kwh == pytest.approx(typical.annual_ghi_kwh, rel=0.005) and not read.warnings


@pytest.mark.parametrize("rows", [4380, 100])
def test_part_of_a_year_is_refused(tmp_path, year, rows):
    # Today: 706 kWh/m2 for half a year, 9 for 100 hours, against 1,308 for the whole file.
    with pytest.raises(UrbanTwinError, match=f"holds {rows} hours, not every hour of one year.*8,760"):
        weather.read_weather(epw(tmp_path, year[1], rows=rows), *PLACE)


def test_short_runs_of_missing_codes_are_filled_linearly(tmp_path, year):
    typical, data = year
    noon = [24 * 100 + 11, 24 * 100 + 12, 24 * 100 + 13]   # three midday hours of 11 April: 9999
    edit = lambda fields, i: set_fields({GHI: "9999"}, noon)(set_fields({TEMP: "99.9"}, [500])(fields, i), i)  # noqa
    read = weather.read_weather(epw(tmp_path, data, edit), *PLACE)
    assert read.annual_ghi_kwh == pytest.approx(typical.annual_ghi_kwh, rel=0.005)   # not 30,069
    assert read.data["ghi"].max() < 1500 and read.data["temp_air"].max() < 50
    filled = read.data["ghi"].to_numpy()[noon]
    either_side = data["ghi"].to_numpy()[[noon[0] - 1, noon[-1] + 1]]
    assert np.allclose(filled, np.linspace(*either_side, 5)[1:-1], atol=1.0)   # linear between the neighbours
    assert "4 missing values (runs of up to 3 hours) filled linearly" in read.warnings[0]


def test_long_runs_of_missing_codes_are_refused(tmp_path, year):
    day = range(24 * 99, 24 * 100)   # 10 April, all day
    with pytest.raises(UrbanTwinError, match="lacks ghi for 24 hours in a row from 04-10 00:00.*up to 3 hours"):
        weather.read_weather(epw(tmp_path, year[1], set_fields({GHI: "9999"}, day)), *PLACE)


def tmy3(tmp_path, data, ghi: dict[int, str]) -> str:
    """The year as a TMY3 file (hours labelled by their end), with some GHI values replaced."""
    path = tmp_path / "year.csv"
    lat, lon = PLACE
    lines = [f"000000,Test,JP,9.0,{lat:.3f},{lon:.3f},5.0",
             "Date (MM/DD/YYYY),Time (HH:MM),GHI (W/m^2),DNI (W/m^2),DHI (W/m^2),Dry-bulb (C),Wspd (m/s)"]
    for i, row in enumerate(data.itertuples()):
        start = row.Index.tz_localize(None).floor("h")
        lines.append(f"{start:%m/%d/%Y},{start.hour + 1:02d}:00,{ghi.get(i, round(row.ghi))},{round(row.dni)},"
                     f"{round(row.dhi)},{row.temp_air:.1f},{row.wind_speed:.1f}")
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def test_tmy3_missing_code_is_a_gap_too(tmp_path, year):
    typical, data = year
    read = weather.read_weather(tmy3(tmp_path, data, {2412: "-9900"}), *PLACE)
    assert read.annual_ghi_kwh == pytest.approx(typical.annual_ghi_kwh, rel=0.005)
    assert "1 missing values" in read.warnings[0]
    with pytest.raises(UrbanTwinError, match="lacks ghi for 5 hours in a row"):
        weather.read_weather(tmy3(tmp_path, data, {h: "-9900" for h in range(2410, 2415)}), *PLACE)


# --- wind rose -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("column,value,said", [("k", "nan", "k = nan and c = 3.2"),
                                               ("c", "-2", "k = 1.8 and c = -2.0"),
                                               ("frequency", "-5", "the frequency -5.0")])
def test_a_broken_rose_row_is_refused_by_name(tmp_path, column, value, said):
    # Today k = NaN or c < 0 gives 100 % "sitting".
    rose = windcomfort.TOKYO_ROSE
    rows = [{"direction": d, "frequency": f, "k": k, "c": c}
            for d, f, k, c in zip(windcomfort.DIRECTIONS, rose.frequency, rose.k, rose.c)]
    rows[2][column] = value   # 45 degrees
    path = tmp_path / "rose.csv"
    with open(path, "w", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(UrbanTwinError, match=f"row for 45° has {said}"):
        windcomfort.read_rose(str(path))


# --- walker profiles -----------------------------------------------------------------------------------

@pytest.mark.parametrize("speed", [-1, 0])
def test_a_profile_speed_must_be_positive(speed):
    with pytest.raises(UrbanTwinError, match=f"speed must be a positive number of metres a second, not {speed}"):
        bf.profile_from_json(f'{{"key": "mine", "speed": {speed}}}')


@pytest.mark.parametrize("text,said", [
    ('{"speed": "fast"}', "the profile's speed must be a number, not 'fast'"),
    ('{"slope_max": -8}', "the profile's slope_max must be zero or more, not -8"),
    ('{"stairs": "maybe"}', "the profile's stairs must be one of passable, caution, impassable, not 'maybe'"),
    ('{"needs_tactile": "yes"}', "the profile's needs_tactile must be true or false, not 'yes'"),
    ('[{"speed": 0.8}]', "the profile must be a JSON object of fields and values, not a JSON array"),
    ('0.8', "not a JSON number")])
def test_a_profile_of_the_wrong_shape_is_a_sentence(text, said):
    with pytest.raises(UrbanTwinError) as caught:
        bf.profile_from_json(text)
    assert said in str(caught.value)


def test_a_profile_file_in_shift_jis_is_a_sentence(tmp_path):
    path = tmp_path / "profile.json"
    path.write_bytes('{"name": "私の車いす", "speed": 0.8}'.encode("shift_jis"))
    with pytest.raises(UrbanTwinError, match="is not UTF-8 text"):
        bf.read_profile(str(path))
    path.write_text('{"name": "私の車いす", "speed": 0.8, "slope_max": Infinity}', encoding="utf-8")
    profile = bf.read_profile(str(path))
    assert profile.speed == 0.8 and profile.slope_max == np.inf and profile.step_max == 2.0   # rest: wheelchair


# --- routes and reach ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def line_network():
    """Two 10 m links in a row, classified for the wheelchair."""
    frame = gpd.GeoDataFrame({"link_id": ["a", "b"], "start_id": ["n1", "n2"], "end_id": ["n2", "n3"],
                              "rt_struct": 1, "route_type": 1, "direction": 1},
                             geometry=[shapely.LineString([(0, 0), (10, 0)]), shapely.LineString([(10, 0), (20, 0)])],
                             crs=EPSG)
    return bf.classify(walknet.read_network(frame, None, EPSG), bf.PROFILES["wheelchair"])


def test_a_route_from_a_node_to_itself_has_zero_length(line_network):
    result = bf.route(line_network, (9.0, 1.0), (10.5, -0.5))   # both snap to n2
    assert result.found and result.message == ""
    row = result.line.iloc[0]
    assert row["length_m"] == 0 and row["minutes"] == 0 and row["links"] == 0
    assert shapely.get_coordinates(row.geometry).tolist() == [[10.0, 0.0], [10.0, 0.0]]


def test_a_reach_buffer_must_be_positive(line_network):
    with pytest.raises(UrbanTwinError, match="buffer must be a positive distance, not 0"):
        bf.reach(line_network, np.array([[0.0, 0.0]]), 5.0, 0.0)


def test_a_reach_area_too_large_for_the_memory_is_refused_before_it_is_allocated():
    # 50 km of network at a 1 m buffer is a 250,000 x 250,000 grid: 58 GiB were asked for before.
    lines = [shapely.LineString([(0, 0), (50_000, 0), (50_000, 50_000)])]
    with pytest.raises(UrbanTwinError, match=r"\(50.0 x 50.0 km\) at a buffer of 1 m would need about 2500.\d GB; "
                                             r"the limit is 4 GB: use a buffer of at least 26 m"):
        bf.buffered_area(lines, 1.0)
    small = [shapely.LineString([(0, 0), (1000, 0), (1000, 1000)])]
    with pytest.raises(UrbanTwinError, match="use a buffer of at least 11 m"):
        bf.buffered_area(small, 1.0, max_memory_gb=0.01)
    assert bf.buffered_area(small, 11.0, max_memory_gb=0.01).area > 0   # what the message advises fits


# --- the wind domain -----------------------------------------------------------------------------------

def test_a_wind_domain_too_large_for_the_memory_is_refused_before_it_is_allocated():
    # 50 km at 0.5 m: 75 GiB were asked for (the ground grid) before the estimate was checked.
    city = massing_from_frames(gpd.GeoDataFrame(
        {"gml_id": ["a", "b"], "height": [20.0, 20.0]},
        geometry=[shapely.box(X0, Y0, X0 + 10, Y0 + 10), shapely.box(X0 + 50_000, Y0 + 50_000, X0 + 50_010,
                                                                      Y0 + 50_010)], crs=EPSG))
    with pytest.raises(UrbanTwinError, match=r"the wind domain would need about \d+\.\d GB .* use cells of \d+\.\d m"):
        wind.wind_domain(city, 270.0, 0.5)
