"""Hourly weather for solar work: a typical-year file (EPW, TMY3) or an offline year from JMA station normals."""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pvlib

from .errors import QT_TRANSLATE_NOOP, Note, UrbanTwinError

#: JMA normals 1991-2020 of global solar radiation and temperature per station (source in the file's header).
NORMALS_CSV = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources",
                           "jma_normals_1991_2020.csv")
#: A station further away than this (km) may have another climate: the user is warned.
FAR_STATION_KM = 50.0
#: A weather file this far (degrees) from the data is for another place.
MAX_OFFSET_DEG = 1.0
#: The range each field can physically take (the EPW specification's); a value outside it is a missing code
#: (EPW: 9999 for radiation, 99.9 for temperature, 999 for wind speed; TMY3: -9900) or an error.
VALID_RANGE = {"ghi": (0.0, 1500.0), "dni": (0.0, 1500.0), "dhi": (0.0, 1500.0), "temp_air": (-70.0, 70.0),
               "wind_speed": (0.0, 40.0)}
#: Missing runs of at most this many hours are filled linearly from the hours either side; longer ones refused.
MAX_GAP_HOURS = 3
#: The hours of a full year, and of a leap year.
YEAR_HOURS = (8760, 8784)


@dataclass(frozen=True)
class Station:
    """A JMA station with monthly normals: daily global horizontal irradiation (MJ/m2) and mean temperature (C)."""

    number: str
    name: str
    latitude: float
    longitude: float
    ghi_mj: tuple[float, ...]
    temp_c: tuple[float, ...]


@dataclass
class Weather:
    """Hourly ghi, dni, dhi (W/m2), temp_air (C), wind_speed (m/s), tz-aware, with its place and source."""

    data: pd.DataFrame
    latitude: float
    longitude: float
    source: str
    warnings: list[str] = field(default_factory=list)   # Notes, for the plugin to translate

    @property
    def annual_ghi_kwh(self) -> float:
        """Global horizontal irradiation over the series, kWh/m2 (hourly values)."""
        return float(self.data["ghi"].clip(lower=0).sum()) / 1000.0


def read_weather(path: str, latitude: float, longitude: float) -> Weather:
    """Read an EPW or TMY3 file: a full year, its missing codes as gaps filled by MAX_GAP_HOURS's rule; refuse
    one that does not parse, is for another place, is not a full year or has longer gaps."""
    if not os.path.isfile(path):
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the weather file {} does not exist"), path)
    name = os.path.basename(path)
    try:
        # The sun is taken at the middle of each hour: pvlib labels EPW hours by their start and TMY3
        # hours by their end.
        if path.lower().endswith(".epw"):
            data, meta = pvlib.iotools.read_epw(path)
            data.index = data.index + pd.Timedelta(minutes=30)
        else:
            data, meta = pvlib.iotools.read_tmy3(path, map_variables=True)
            data.index = data.index - pd.Timedelta(minutes=30)
        lat, lon = float(meta["latitude"]), float(meta["longitude"])
    except Exception as exc:  # pvlib raises many kinds on a bad file; all mean the same to the user
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "{} is not a readable EPW or TMY3 weather file ({}: {})"),
                        name, type(exc).__name__, str(exc)[:120]) from None
    missing = {"ghi", "dni", "dhi", "temp_air"} - set(data.columns)
    if missing:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "{} lacks the columns {}"), name, ', '.join(sorted(missing)))
    if abs(lat - latitude) > MAX_OFFSET_DEG or abs(lon - longitude) > MAX_OFFSET_DEG:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "{} is for {:.2f}N {:.2f}E, not for the buildings at {:.2f}N {:.2f}E"),
                        name, lat, lon, latitude, longitude)
    if "wind_speed" not in data.columns:
        data["wind_speed"] = 1.0
    data = data[list(VALID_RANGE)].apply(pd.to_numeric, errors="coerce").astype(float)
    _require_full_year(data.index, name)
    filled = _fill_gaps(data, name)
    weather = Weather(data, lat, lon, name)
    if filled:
        weather.warnings.append(Note(QT_TRANSLATE_NOOP(
            "@default", "{}: {} missing values (runs of up to {} hours) filled linearly from the hours either side"),
            name, filled, MAX_GAP_HOURS))
    return weather


def _require_full_year(index: pd.DatetimeIndex, name: str) -> None:
    """Refuse a file that is not every hour of one year, once each: a part of a year gives a wrong annual sum."""
    hours = index.month * 10000 + index.day * 100 + index.hour
    leap = len(index) == YEAR_HOURS[1]
    year = pd.date_range("2000-01-01" if leap else "2001-01-01", periods=YEAR_HOURS[leap], freq="h")
    if len(index) not in YEAR_HOURS or set(hours) != set(year.month * 10000 + year.day * 100 + year.hour):
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "{} holds {} hours, not every hour of one year: a weather file must cover a full year "
                        "(8,760 hours, or 8,784 in a leap year)"), name, len(index))


def _fill_gaps(data: pd.DataFrame, name: str) -> int:
    """Make missing codes and out-of-range values NaN, fill runs of up to MAX_GAP_HOURS linearly (the nearest
    value at the year's ends) and refuse longer runs; returns how many values were filled."""
    filled = 0
    for column, (low, high) in VALID_RANGE.items():
        values = data[column]
        missing = values.isna() | (values < low) | (values > high)
        if not missing.any():
            continue
        flags = missing.to_numpy()
        starts = np.flatnonzero(flags & ~np.r_[False, flags[:-1]])
        lengths = np.flatnonzero(flags & ~np.r_[flags[1:], False]) + 1 - starts
        if lengths.max() > MAX_GAP_HOURS:
            first = int(np.argmax(lengths > MAX_GAP_HOURS))
            raise UrbanTwinError(QT_TRANSLATE_NOOP(
                "@default", "{} lacks {} for {} hours in a row from {} (missing codes or values outside {:g} to "
                            "{:g}); gaps of up to {} hours are filled, longer ones are refused: complete the file "
                            "from another source"),
                name, column, int(lengths[first]), data.index[starts[first]].strftime("%m-%d %H:00"), low, high,
                MAX_GAP_HOURS)
        position = pd.Series(values.where(~missing).to_numpy())
        data[column] = position.interpolate(limit_direction="both").to_numpy()
        filled += int(missing.sum())
    return filled


@functools.lru_cache(maxsize=1)
def stations() -> tuple[Station, ...]:
    """The JMA stations with monthly normals shipped with the plugin."""
    table = pd.read_csv(NORMALS_CSV, comment="#", dtype={"station": str})
    months = [f"{m:02d}" for m in range(1, 13)]
    return tuple(Station(row["station"], row["name"], float(row["latitude"]), float(row["longitude"]),
                         tuple(float(row[f"ghi_{m}"]) for m in months),
                         tuple(float(row[f"temp_{m}"]) for m in months)) for _, row in table.iterrows())


def nearest_station(latitude: float, longitude: float) -> tuple[Station, float]:
    """The station closest to a place, and its great-circle distance in km."""
    candidates = stations()
    lat, lon = np.radians([s.latitude for s in candidates]), np.radians([s.longitude for s in candidates])
    here_lat, here_lon = np.radians(latitude), np.radians(longitude)
    cos_angle = (np.sin(lat) * np.sin(here_lat) + np.cos(lat) * np.cos(here_lat) * np.cos(lon - here_lon))
    km = 6371.0 * np.arccos(np.clip(cos_angle, -1.0, 1.0))
    best = int(np.argmin(km))
    return candidates[best], float(km[best])


def default_weather(latitude: float, longitude: float, year: int = 2023, tz: str = "Asia/Tokyo") -> Weather:
    """An offline typical year from the nearest JMA station's monthly normals (warned beyond FAR_STATION_KM)."""
    station, km = nearest_station(latitude, longitude)
    weather = station_weather(station, latitude, longitude, year, tz)
    weather.source = (f"JMA normals 1991-2020 of {station.name} ({station.number}), {km:.0f} km away: "
                      f"{weather.source}")
    if km > FAR_STATION_KM:
        weather.warnings.append(Note(QT_TRANSLATE_NOOP(
            "@default", "the nearest JMA station with solar radiation normals, {}, is {:.0f} km away: its climate "
                        "may differ; give a weather file for this place"), station.name, km))
    return weather


def station_weather(station: Station, latitude: float, longitude: float, year: int = 2023,
                    tz: str = "Asia/Tokyo") -> Weather:
    """Clear sky at the place scaled month by month to the station's normals, split by Erbs into beam and diffuse.

    The sun position is taken at the middle of each hour, as hourly sums are.
    """
    times = pd.date_range(f"{year}-01-01 00:30", f"{year}-12-31 23:30", freq="h", tz=tz)
    location = pvlib.location.Location(latitude, longitude, tz=tz)
    clear = location.get_clearsky(times, model="ineichen")
    zenith = location.get_solarposition(times)["zenith"]
    monthly_clear = clear["ghi"].groupby(times.month).sum() / times.to_series().groupby(times.month).size() * 24
    target = np.array(station.ghi_mj) / 3.6 * 1000.0  # Wh/m2/day
    scale = target / monthly_clear.to_numpy()
    ghi = clear["ghi"] * scale[times.month - 1]
    split = pvlib.irradiance.erbs(ghi, zenith, times)
    hour = times.hour + 0.5
    # A gentle daily cycle around the monthly normal, warmest at 14:00.
    temp = np.array(station.temp_c)[times.month - 1] + 3.0 * np.cos((hour - 14.0) / 24.0 * 2 * np.pi)
    data = pd.DataFrame({"ghi": ghi, "dni": split["dni"], "dhi": split["dhi"], "temp_air": temp,
                         "wind_speed": 2.5}, index=times)
    source = ("pvlib Ineichen clear sky (Linke turbidity from pvlib's tables) scaled month by month to the "
              "station's global solar radiation; its normal temperatures")
    return Weather(data.fillna(0.0), latitude, longitude, source)
