"""Hourly weather for solar work: a typical-year file (EPW, TMY3) or an offline default for Tokyo."""
from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pvlib

from .errors import UrbanTwinError

#: Tokyo (JMA station 47662, Otemachi / Kitanomaru), normals 1991-2020, monthly means of the daily global
#: solar radiation on a horizontal surface (全天日射量, MJ/m2/day) and of the air temperature (deg C), as
#: published in JMA's "過去の気象データ検索 / 平年値". They scale pvlib's clear sky month by month.
TOKYO_GHI_MJ = (8.9, 11.6, 13.9, 16.2, 17.6, 14.8, 15.9, 16.3, 12.7, 10.2, 8.7, 7.9)
TOKYO_TEMP_C = (5.4, 6.1, 9.4, 14.3, 18.8, 21.9, 25.7, 26.9, 23.3, 18.0, 12.5, 7.7)
DEFAULT_SOURCE = ("pvlib Ineichen clear sky (Linke turbidity from pvlib's tables) scaled month by month to "
                  "JMA Tokyo normals 1991-2020 of global solar radiation; JMA normal temperatures")
#: A weather file this far (degrees) from the data is for another place.
MAX_OFFSET_DEG = 1.0


@dataclass
class Weather:
    """Hourly ghi, dni, dhi (W/m2), temp_air (C), wind_speed (m/s), tz-aware, with its place and source."""

    data: pd.DataFrame
    latitude: float
    longitude: float
    source: str

    @property
    def annual_ghi_kwh(self) -> float:
        """Global horizontal irradiation over the series, kWh/m2 (hourly values)."""
        return float(self.data["ghi"].clip(lower=0).sum()) / 1000.0


def read_weather(path: str, latitude: float, longitude: float) -> Weather:
    """Read an EPW or TMY3 file; refuse one that does not parse or that is for another place."""
    if not os.path.isfile(path):
        raise UrbanTwinError(f"the weather file {path} does not exist")
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
        raise UrbanTwinError(f"{name} is not a readable EPW or TMY3 weather file ({type(exc).__name__}: "
                             f"{str(exc)[:120]})") from None
    missing = {"ghi", "dni", "dhi", "temp_air"} - set(data.columns)
    if missing:
        raise UrbanTwinError(f"{name} lacks the columns {', '.join(sorted(missing))}")
    if abs(lat - latitude) > MAX_OFFSET_DEG or abs(lon - longitude) > MAX_OFFSET_DEG:
        raise UrbanTwinError(f"{name} is for {lat:.2f}N {lon:.2f}E, not for the buildings at "
                             f"{latitude:.2f}N {longitude:.2f}E")
    if "wind_speed" not in data.columns:
        data["wind_speed"] = 1.0
    return Weather(data[["ghi", "dni", "dhi", "temp_air", "wind_speed"]].astype(float), lat, lon, name)


def default_weather(latitude: float, longitude: float, year: int = 2023, tz: str = "Asia/Tokyo") -> Weather:
    """An offline typical year: clear sky scaled to Tokyo's monthly normals, split by Erbs into beam and diffuse.

    The sun position is taken at the middle of each hour, as hourly sums are.
    """
    times = pd.date_range(f"{year}-01-01 00:30", f"{year}-12-31 23:30", freq="h", tz=tz)
    location = pvlib.location.Location(latitude, longitude, tz=tz)
    clear = location.get_clearsky(times, model="ineichen")
    zenith = location.get_solarposition(times)["zenith"]
    monthly_clear = clear["ghi"].groupby(times.month).sum() / times.to_series().groupby(times.month).size() * 24
    target = np.array(TOKYO_GHI_MJ) / 3.6 * 1000.0  # Wh/m2/day
    scale = target / monthly_clear.to_numpy()
    ghi = clear["ghi"] * scale[times.month - 1]
    split = pvlib.irradiance.erbs(ghi, zenith, times)
    hour = times.hour + 0.5
    # A gentle daily cycle around the monthly normal, warmest at 14:00.
    temp = np.array(TOKYO_TEMP_C)[times.month - 1] + 3.0 * np.cos((hour - 14.0) / 24.0 * 2 * np.pi)
    data = pd.DataFrame({"ghi": ghi, "dni": split["dni"], "dhi": split["dhi"], "temp_air": temp,
                         "wind_speed": 2.5}, index=times)
    return Weather(data.fillna(0.0), latitude, longitude, DEFAULT_SOURCE)
