"""Where the sun is: pvlib's SPA for a place and times given in clock time or in true solar time (真太陽時)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pvlib

from .errors import QT_TRANSLATE_NOOP, UrbanTwinError

TOKYO = "Asia/Tokyo"


@dataclass
class SunPath:
    """Sun positions at given times: elevation above the horizon and azimuth clockwise from true north."""

    times: pd.DatetimeIndex
    elevation: np.ndarray
    azimuth: np.ndarray

    def grid_azimuth(self, convergence_deg: float) -> np.ndarray:
        """Azimuths clockwise from the grid north of a projected CRS (true azimuth + convergence)."""
        return self.azimuth + convergence_deg

    def up(self) -> np.ndarray:
        """Mask of the times with the sun above the horizon."""
        return self.elevation > 0.0


def sun_path(times: pd.DatetimeIndex, latitude: float, longitude: float, altitude: float = 0.0) -> SunPath:
    """Sun positions by pvlib's NREL SPA; elevation without refraction (the geometry of shadow diagrams)."""
    if times.tz is None:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "times need a time zone (for example Asia/Tokyo)"))
    position = pvlib.solarposition.get_solarposition(times, latitude, longitude, altitude=altitude,
                                                     method="nrel_numpy")
    return SunPath(times, position["elevation"].to_numpy(), position["azimuth"].to_numpy())


def solar_to_clock(day: dt.date, solar_hours: np.ndarray, longitude: float, tz: str = TOKYO) -> pd.DatetimeIndex:
    """Clock times of the given true-solar-time hours of a day at a longitude.

    Clock time = true solar time - (longitude - the zone's meridian) x 4 min/deg - the equation of time.
    """
    solar_hours = np.atleast_1d(np.asarray(solar_hours, dtype=float))
    midnight = pd.Timestamp(day).tz_localize(tz)
    meridian = midnight.utcoffset().total_seconds() / 3600.0 * 15.0
    guess = midnight + pd.to_timedelta(solar_hours - (longitude - meridian) / 15.0, unit="h")
    # The equation of time moves by under a second an hour, so once at the first guess is enough.
    eot = pvlib.solarposition.get_solarposition(guess, 0.0, longitude, method="nrel_numpy")["equation_of_time"]
    return pd.DatetimeIndex(guess - pd.to_timedelta(eot.to_numpy(), unit="min"))


def day_times(day: dt.date, start_hour: float, end_hour: float, step_minutes: float, longitude: float,
              tz: str = TOKYO, solar_time: bool = True) -> pd.DatetimeIndex:
    """The instants from start to end (inclusive) every step, in true solar time or in clock time."""
    if step_minutes <= 0:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "the time step must be positive, not {} min"), step_minutes)
    if not 0 <= start_hour < end_hour <= 24:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "the time window {}-{} h is not a window within one day"), start_hour, end_hour)
    hours = instant_hours(start_hour, end_hour, step_minutes)
    if solar_time:
        return solar_to_clock(day, hours, longitude, tz)
    return pd.DatetimeIndex(pd.Timestamp(day).tz_localize(tz) + pd.to_timedelta(hours, unit="h"))


def instant_hours(start_hour: float, end_hour: float, step_minutes: float) -> np.ndarray:
    """The hours of the day's instants from start to end (inclusive) every step."""
    return np.arange(start_hour, end_hour + 1e-9, step_minutes / 60.0)


def winter_solstice(year: int, tz: str = TOKYO) -> dt.date:
    """The local day of the December solstice (冬至, the day shadow regulations are checked on)."""
    noons = pd.date_range(f"{year}-12-18 12:00", f"{year}-12-25 12:00", freq="D", tz=tz)
    # The lowest noon sun (at any northern latitude) is the day of the lowest declination.
    elevation = pvlib.solarposition.get_solarposition(noons, 35.0, 135.0, method="nrel_numpy")["elevation"]
    return noons[int(np.argmin(elevation.to_numpy()))].date()


def require_sun_up(path: SunPath) -> None:
    """Raise a clear error when the sun is below the horizon at every one of the times."""
    if not path.up().any():
        when = ", ".join(t.strftime("%Y-%m-%d %H:%M %Z") for t in path.times[:3])
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "the sun is below the horizon at {} (elevation {:.1f}°): there is no shadow to draw"),
                        when, path.elevation.max())
