"""Solar potential against pvlib on open planes, against geometry (tilt, shading) and on real roofs."""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pvlib
import pyproj
import pytest
import shapely

from urban_twin.analyses import weather
from urban_twin.analyses.errors import UrbanTwinError
from urban_twin.analyses.massing import massing_from_district, massing_from_frames
from urban_twin.analyses.place import Place
from urban_twin.analyses.solar import PVParameters, solar_potential

EPSG, X0, Y0 = 6677, -8000.0, -35000.0


@pytest.fixture(scope="module")
def tokyo_weather():
    lat, lon = Place.at(EPSG, X0, Y0).lat_lon
    return weather.default_weather(lat, lon)


def flat(*specs) -> gpd.GeoDataFrame:
    """Flat-roofed blocks from (xmin, ymin, xmax, ymax, height) relative to (X0, Y0)."""
    return gpd.GeoDataFrame({"gml_id": [f"b{i}" for i in range(len(specs))], "height": [s[4] for s in specs]},
                            geometry=[shapely.box(X0 + s[0], Y0 + s[1], X0 + s[2], Y0 + s[3]) for s in specs],
                            crs=EPSG)


def mono_pitch(x: float, facing: str, tilt: float = 30.0, eave: float = 5.0):
    """A 10 m x 10 m building at X0 + x with one roof plane facing south or north, and that roof."""
    rise = 10.0 * np.tan(np.radians(tilt))
    x0, y0 = X0 + x, Y0
    low, high = (y0, y0 + 10) if facing == "south" else (y0 + 10, y0)
    roof = shapely.Polygon([(x0, low, eave), (x0 + 10, low, eave), (x0 + 10, high, eave + rise),
                            (x0, high, eave + rise)])
    return shapely.box(x0, y0, x0 + 10, y0 + 10), eave + rise, roof


DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def normals_kwh(station: weather.Station) -> float:
    """A station's yearly global horizontal irradiation from its published monthly normals, kWh/m2."""
    return sum(mj / 3.6 * days for mj, days in zip(station.ghi_mj, DAYS))


def test_default_weather_matches_tokyo_normals(tokyo_weather):
    # JMA Tokyo normals: about 13 MJ/m2 a day, about 1,300 kWh/m2 a year on the horizontal.
    station, km = weather.nearest_station(tokyo_weather.latitude, tokyo_weather.longitude)
    assert station.number == "47662" and km < 20
    assert "Tokyo (47662)" in tokyo_weather.source and not tokyo_weather.warnings
    assert tokyo_weather.annual_ghi_kwh == pytest.approx(1300.0, rel=0.10)
    assert tokyo_weather.annual_ghi_kwh == pytest.approx(normals_kwh(station), rel=0.01)


def flat_roof_at(latitude: float, longitude: float, epsg: int):
    """A lone 20 m x 20 m flat roof, 10 m high, at a place, in its plane-rectangular zone."""
    x, y = pyproj.Transformer.from_crs(4326, epsg, always_xy=True).transform(longitude, latitude)
    frame = gpd.GeoDataFrame({"gml_id": ["b"], "height": [10.0]}, geometry=[shapely.box(x, y, x + 20, y + 20)],
                             crs=epsg)
    return massing_from_frames(frame)


@pytest.mark.parametrize("latitude, longitude, epsg, number", [
    (43.0642, 141.3469, 6680, "47412"),     # Sapporo city hall: Sapporo
    (36.5947, 136.6256, 6675, "47607"),     # Kanazawa city hall: no normals there, Toyama is nearest (warned)
    (36.3027, 136.3150, 6675, "47616"),     # Kaga city hall: Fukui
    (26.2124, 127.6809, 6683, "47936"),     # Naha city hall: Naha
])
def test_flat_roof_elsewhere_follows_the_local_normals(tokyo_weather, latitude, longitude, epsg, number):
    # The open flat roof's year differs from Tokyo's as JMA's normals at the nearest station do.
    tokyo = solar_potential(massing_from_frames(flat((0, 0, 20, 20, 10.0))), tokyo_weather).roofs["kwh_m2"].iloc[0]
    station, km = weather.nearest_station(latitude, longitude)
    assert station.number == number
    there = weather.default_weather(latitude, longitude)
    assert f"({number})" in there.source and bool(there.warnings) == (km > weather.FAR_STATION_KM)
    roof = solar_potential(flat_roof_at(latitude, longitude, epsg), there)
    tokyo_station, _ = weather.nearest_station(tokyo_weather.latitude, tokyo_weather.longitude)
    expected = normals_kwh(station) / normals_kwh(tokyo_station)
    assert roof.roofs["kwh_m2"].iloc[0] / tokyo == pytest.approx(expected, rel=0.02)


def test_sea_of_japan_winter_is_cloudier():
    # Kaga (Fukui's normals) against Tokyo in December: JMA's normals say 5.34 against 8.12 MJ/m2 a day.
    kaga, tokyo = weather.default_weather(36.3027, 136.3150), weather.default_weather(35.6895, 139.6917)
    december = [w.data["ghi"][w.data.index.month == 12].sum() for w in (kaga, tokyo)]
    assert december[0] / december[1] == pytest.approx(5.34 / 8.12, rel=0.03)


def test_far_from_every_station_is_warned():
    # Kanazawa: JMA publishes no solar radiation normals there; Toyama, the nearest that has them, is 53 km away.
    climate = weather.default_weather(36.59, 136.63)
    station, km = weather.nearest_station(36.59, 136.63)
    assert km > weather.FAR_STATION_KM
    assert station.name in climate.source and f"{km:.0f} km" in climate.warnings[0]


def test_the_table_holds_jmas_48_solar_stations():
    table = weather.stations()
    assert len({s.number for s in table}) == len(table) == 48
    assert all(len(s.ghi_mj) == 12 and len(s.temp_c) == 12 for s in table)
    # Every station's place is in Japan's bounding box (a swapped or mistyped coordinate would not be).
    assert all(20.0 < s.latitude < 46.0 and 122.0 < s.longitude < 154.0 for s in table)


def test_open_horizontal_roof_equals_pvlib_directly(tokyo_weather):
    result = solar_potential(massing_from_frames(flat((0, 0, 20, 20, 10.0))), tokyo_weather)
    data = tokyo_weather.data
    position = pvlib.solarposition.get_solarposition(data.index, tokyo_weather.latitude, tokyo_weather.longitude)
    direct = pvlib.irradiance.get_total_irradiance(
        0.0, 180.0, position["apparent_zenith"], position["azimuth"], data["dni"], data["ghi"], data["dhi"],
        dni_extra=pvlib.irradiance.get_extra_radiation(data.index), model="perez", albedo=0.2)
    expected = direct["poa_global"].fillna(0).sum() / 1000.0
    assert result.roofs["kwh_m2"].iloc[0] == pytest.approx(expected, rel=0.01)
    monthly = result.roofs[[f"m{m:02d}" for m in range(1, 13)]].iloc[0].to_numpy()
    assert monthly.sum() == pytest.approx(result.roofs["kwh_m2"].iloc[0])
    assert monthly[4] > monthly[11]  # May beats December


def test_south_roof_beats_flat_beats_north(tokyo_weather):
    south_fp, south_h, south_roof = mono_pitch(0.0, "south")
    north_fp, north_h, north_roof = mono_pitch(400.0, "north")
    buildings = gpd.GeoDataFrame({"gml_id": ["s", "n", "f"], "height": [south_h, north_h, 5.0]},
                                 geometry=[south_fp, north_fp, shapely.box(X0 + 800, Y0, X0 + 810, Y0 + 10)],
                                 crs=EPSG)
    roofs = gpd.GeoDataFrame({"building_id": ["s", "n"]}, geometry=[south_roof, north_roof], crs=EPSG)
    result = solar_potential(massing_from_frames(buildings, roofs), tokyo_weather)
    by_id = result.roofs.set_index("building_id")
    assert by_id.loc["s", "tilt"] == pytest.approx(30.0, abs=0.1)
    assert by_id.loc["s", "azimuth"] == pytest.approx(180.0, abs=1.0)
    assert by_id.loc["n", "azimuth"] == pytest.approx(0.0, abs=1.0) or by_id.loc["n", "azimuth"] > 359.0
    assert by_id.loc["s", "kwh_m2"] > 1.05 * by_id.loc["f", "kwh_m2"] > 1.05 * by_id.loc["n", "kwh_m2"]


def test_taller_building_to_the_south_shades_and_less_so_further_away(tokyo_weather):
    alone = solar_potential(massing_from_frames(flat((0, 0, 10, 10, 6.0))), tokyo_weather).roofs["kwh_m2"].iloc[0]
    received = []
    for gap in (5.0, 15.0, 40.0):
        layout = flat((0, 0, 10, 10, 6.0), (-10, -gap - 10, 20, -gap, 30.0))
        roofs = solar_potential(massing_from_frames(layout), tokyo_weather).roofs
        received.append(roofs.set_index("building_id").loc["b0", "kwh_m2"])
    assert received[0] < received[1] < received[2] < alone
    assert received[0] < 0.8 * alone


def test_pv_figures_follow_the_parameters(tokyo_weather):
    pv = PVParameters(kwp_per_m2=0.2, co2_kg_per_kwh=0.5, edge_setback=1.0)
    result = solar_potential(massing_from_frames(flat((0, 0, 20, 20, 10.0))), tokyo_weather, pv=pv)
    roof = result.roofs.iloc[0]
    assert roof.usable_m2 == pytest.approx(18 * 18)       # cell centres more than 1 m from the edge
    assert roof.kwp == pytest.approx(0.2 * roof.usable_m2)
    assert 900 < roof.kwh / roof.kwp < 1300               # kWh/kWp of a flat array in Tokyo
    assert roof.co2_t == pytest.approx(roof.kwh * 0.5 / 1000)
    assert roof["class"] == "high"
    building = result.buildings.iloc[0]
    assert building.kwh == pytest.approx(roof.kwh) and building["class"] == "high"


def _write_epw(path, data: pd.DataFrame, lat: float, lon: float) -> None:
    """A minimal EPW: the LOCATION line, seven more header lines, then 8760 rows of 35 fields."""
    lines = [f"LOCATION,Test,,JPN,test,000000,{lat:.3f},{lon:.3f},9.0,5.0"] + ["X,0"] * 7
    for t, row in zip(data.index + pd.Timedelta(minutes=30), data.itertuples()):
        fields = [t.year, t.month, t.day, t.hour or 24, 0, "?", f"{row.temp_air:.1f}", 5, 60, 101325, 0, 0, 300,
                  round(row.ghi), round(row.dni), round(row.dhi), 0, 0, 0, 0, 0, f"{row.wind_speed:.1f}", 5, 5,
                  20, 77777, 9, 999999999, 0, 0.1, 0, 88, 0.2, 0, 0]
        lines.append(",".join(str(f) for f in fields))
    path.write_text("\n".join(lines) + "\n")


def test_weather_files_are_read_and_checked(tmp_path, tokyo_weather):
    epw = tmp_path / "tokyo.epw"
    _write_epw(epw, tokyo_weather.data, tokyo_weather.latitude, tokyo_weather.longitude)
    read = weather.read_weather(str(epw), tokyo_weather.latitude, tokyo_weather.longitude)
    assert read.annual_ghi_kwh == pytest.approx(tokyo_weather.annual_ghi_kwh, rel=0.01)
    result = solar_potential(massing_from_frames(flat((0, 0, 20, 20, 10.0))), read)
    assert result.roofs["kwh_m2"].iloc[0] == pytest.approx(read.annual_ghi_kwh, rel=0.02)
    with pytest.raises(UrbanTwinError, match="not for the buildings"):
        weather.read_weather(str(epw), 43.06, 141.35)  # Sapporo
    bad = tmp_path / "bad.epw"
    bad.write_text("this is not a weather file\n")
    with pytest.raises(UrbanTwinError, match="not a readable"):
        weather.read_weather(str(bad), 35.7, 139.7)


def test_no_roofs_is_a_message(tokyo_weather):
    with pytest.raises(UrbanTwinError):
        solar_potential(massing_from_frames(flat((0, 0, 10, 10, 0.0))), tokyo_weather)


def test_real_lod2_roofs(yokosuka):
    roofs = yokosuka.roofs
    # Yokosuka's LOD2 roofs are flat or nearly so (one has two 0.7 deg facets): sensible, and read as such.
    assert roofs["tilt"].between(0, 60).all() and roofs["azimuth"].between(0, 360).all()
    assert roofs["tilt"].max() < 5
    massing = massing_from_district(yokosuka)
    lat, lon = Place.at(massing.epsg, *massing.footprints[0].centroid.coords[0]).lat_lon
    result = solar_potential(massing, weather.default_weather(lat, lon))
    assert len(result.roofs) >= len(roofs)
    assert result.roofs["tilt"].between(0, 60).all()
    assert result.roofs["kwh_m2"].between(300, 1400).all()
    assert (result.buildings["kwh"] >= 0).all() and result.buildings["kwh"].sum() > 0


def test_pitched_synthetic_roofs_are_sensible(sample_district):
    roofs = sample_district.roofs
    pitched = roofs[roofs["tilt"] > 5]
    assert pitched["tilt"].between(5, 60).all()
    assert len(set((pitched["azimuth"] // 90).astype(int))) == 4  # gables and hips face every way


def tilted_roof(facing: float, tilt: float = 30.0, size: float = 12.0, eave: float = 5.0):
    """A size x size building at (X0, Y0) under one roof plane tilted towards grid azimuth facing."""
    down = np.array([np.sin(np.radians(facing)), np.cos(np.radians(facing))])
    corners = np.array([(0, 0), (size, 0), (size, size), (0, size), (0, 0)], dtype=float) + (X0, Y0)
    upslope = -(corners - corners[:4].mean(axis=0)) @ down
    z = eave + np.tan(np.radians(tilt)) * (upslope - upslope.min())
    buildings = gpd.GeoDataFrame({"gml_id": ["a"], "height": [z.max()]},
                                 geometry=[shapely.box(X0, Y0, X0 + size, Y0 + size)], crs=EPSG)
    roofs = gpd.GeoDataFrame({"building_id": ["a"]}, geometry=[shapely.Polygon(np.column_stack((corners, z)))],
                             crs=EPSG)
    return massing_from_frames(buildings, roofs)


def perez_year_kwh_m2(climate: weather.Weather, tilt: float, azimuth: float) -> float:
    """pvlib's own Perez transposition of the hourly weather onto an open plane, summed over the year."""
    data = climate.data
    position = pvlib.solarposition.get_solarposition(data.index, climate.latitude, climate.longitude)
    total = pvlib.irradiance.get_total_irradiance(
        tilt, azimuth, position["apparent_zenith"], position["azimuth"], data["dni"], data["ghi"], data["dhi"],
        dni_extra=pvlib.irradiance.get_extra_radiation(data.index), model="perez", albedo=0.2)
    return float(total["poa_global"].fillna(0).sum()) / 1000.0


@pytest.mark.parametrize("facing", [0.0, 45.0, 90.0, 135.0, 180.0, 225.0, 270.0, 315.0])
def test_open_tilted_roof_equals_pvlib_perez_in_every_octant(tokyo_weather, facing):
    # A lone roof plane must not shade itself: every point of it gets pvlib's plane-of-array irradiation.
    result = solar_potential(tilted_roof(facing), tokyo_weather)
    roof = result.roofs.iloc[0]
    assert roof.tilt == pytest.approx(30.0, abs=0.1)
    expected = perez_year_kwh_m2(tokyo_weather, roof.tilt, roof.azimuth)
    assert roof.kwh_m2 == pytest.approx(expected, rel=0.01)
    assert result.point_kwh_m2.min() == pytest.approx(expected, rel=0.01)
