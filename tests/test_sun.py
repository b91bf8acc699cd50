"""Sun positions against pvlib's own SPA and against textbook figures; true solar time against transit."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pvlib
import pytest

from urban_twin.analyses import sun
from urban_twin.analyses.errors import UrbanTwinError

TOKYO = (35.6895, 139.6917)


def test_positions_agree_with_pvlib_spa_python():
    times = pd.date_range("2026-01-01 05:00", "2026-12-31 19:00", freq="37h", tz="Asia/Tokyo")
    path = sun.sun_path(times, *TOKYO)
    reference = pvlib.solarposition.spa_python(times, *TOKYO)
    assert np.abs(path.elevation - reference["elevation"].to_numpy()).max() < 0.01
    assert np.abs(path.azimuth - reference["azimuth"].to_numpy()).max() < 0.01


def test_true_solar_noon_is_the_transit():
    for day in (dt.date(2026, 2, 11), dt.date(2026, 6, 21), dt.date(2026, 11, 3), dt.date(2026, 12, 22)):
        noon = sun.solar_to_clock(day, [12.0], TOKYO[1])[0]
        transit = pvlib.solarposition.sun_rise_set_transit_spa(
            pd.DatetimeIndex([pd.Timestamp(day).tz_localize("Asia/Tokyo")]), *TOKYO)["transit"].iloc[0]
        assert abs((noon - transit).total_seconds()) < 5


def test_winter_solstice_noon_elevation_is_the_textbook_figure():
    day = sun.winter_solstice(2026)
    assert day == dt.date(2026, 12, 22)  # 21 Dec 20:50 UTC = 22 Dec in Japan
    path = sun.sun_path(sun.solar_to_clock(day, [12.0], TOKYO[1]), *TOKYO)
    assert path.elevation[0] == pytest.approx(90 - TOKYO[0] - 23.44, abs=0.02)
    assert path.azimuth[0] == pytest.approx(180.0, abs=0.05)


def test_night_is_a_clear_message():
    path = sun.sun_path(pd.DatetimeIndex([pd.Timestamp("2026-12-22 02:00", tz="Asia/Tokyo")]), *TOKYO)
    with pytest.raises(UrbanTwinError, match="below the horizon"):
        sun.require_sun_up(path)


def test_clock_time_window_and_bad_windows():
    times = sun.day_times(dt.date(2026, 12, 22), 8, 16, 10, TOKYO[1], solar_time=False)
    assert len(times) == 49 and times[0].hour == 8 and times[-1].hour == 16
    with pytest.raises(UrbanTwinError):
        sun.day_times(dt.date(2026, 12, 22), 16, 8, 10, TOKYO[1])
    with pytest.raises(UrbanTwinError):
        sun.day_times(dt.date(2026, 12, 22), 8, 16, 0, TOKYO[1])
