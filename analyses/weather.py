"""Hourly weather for solar work: a typical-year file (EPW, TMY3) or an offline year from JMA station normals."""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pvlib

from .errors import QT_TRANSLATE_NOOP, UrbanTwinError

#: JMA normals 1991-2020 of global solar radiation and temperature per station (source in the file's header).
NORMALS_CSV = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources",
                           "jma_normals_1991_2020.csv")
#: A station further away than this (km) may have another climate: the user is warned.
FAR_STATION_KM = 50.0
#: A weather file this far (degrees) from the data is for another place.
MAX_OFFSET_DEG = 1.0


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
    warnings: list[str] = field(default_factory=list)

    @property
    def annual_ghi_kwh(self) -> float:
        """Global horizontal irradiation over the series, kWh/m2 (hourly values)."""
        return float(self.data["ghi"].clip(lower=0).sum()) / 1000.0


def read_weather(path: str, latitude: float, longitude: float) -> Weather:
    """Read an EPW or TMY3 file; refuse one that does not parse or that is for another place."""
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
    return Weather(data[["ghi", "dni", "dhi", "temp_air", "wind_speed"]].astype(float), lat, lon, name)


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
        weather.warnings.append(f"the nearest JMA station with solar radiation normals, {station.name}, is "
                                f"{km:.0f} km away: its climate may differ; give a weather file for this place")
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
