"""Coordinate systems: PLATEAU's geographic CRS, the Japan Plane Rectangular zones, and grid north."""
from __future__ import annotations

import math
import re
from functools import lru_cache

import numpy as np
from pyproj import CRS, Transformer

from .errors import QT_TRANSLATE_NOOP, UrbanTwinError

#: Zone number -> (EPSG code, origin latitude, origin longitude), from the MLIT notification of 2002.
ZONES: dict[int, tuple[int, float, float]] = {
    1: (6669, 33.0, 129.5), 2: (6670, 33.0, 131.0), 3: (6671, 36.0, 132 + 10 / 60),
    4: (6672, 33.0, 133.5), 5: (6673, 36.0, 134 + 20 / 60), 6: (6674, 36.0, 136.0),
    7: (6675, 36.0, 137 + 10 / 60), 8: (6676, 36.0, 138.5), 9: (6677, 36.0, 139 + 50 / 60),
    10: (6678, 40.0, 140 + 50 / 60), 11: (6679, 44.0, 140.25), 12: (6680, 44.0, 142.25),
    13: (6681, 44.0, 144.25), 14: (6682, 26.0, 142.0), 15: (6683, 26.0, 127.5),
    16: (6684, 26.0, 124.0), 17: (6685, 26.0, 131.0), 18: (6686, 20.0, 136.0),
    19: (6687, 26.0, 154.0),
}

#: Prefecture code (JIS X 0401) -> the zones that prefecture uses; the nearest origin decides among them.
PREFECTURE_ZONES: dict[int, tuple[int, ...]] = {
    1: (11, 12, 13), 2: (10,), 3: (10,), 4: (10,), 5: (10,), 6: (10,), 7: (9,), 8: (9,), 9: (9,),
    10: (9,), 11: (9,), 12: (9,), 13: (9, 14, 18, 19), 14: (9,), 15: (8,), 16: (7,), 17: (7,),
    18: (6,), 19: (8,), 20: (8,), 21: (7,), 22: (8,), 23: (7,), 24: (6,), 25: (6,), 26: (6,),
    27: (6,), 28: (5,), 29: (6,), 30: (6,), 31: (5,), 32: (3,), 33: (5,), 34: (3,), 35: (3,),
    36: (4,), 37: (4,), 38: (4,), 39: (4,), 40: (2,), 41: (2,), 42: (1,), 43: (2,), 44: (2,),
    45: (2,), 46: (1, 2), 47: (15, 16, 17),
}

#: Geographic CRSs met in Japanese open data; all are latitude first in their EPSG definition.
GEOGRAPHIC_EPSG = {6697, 6668, 4612, 4326, 4019, 6667}
PLANE_EPSG = {epsg for epsg, _, _ in ZONES.values()} | set(range(2443, 2462))

_SRS_EPSG = re.compile(r"EPSG(?:/0/|::|:)(\d+)", re.IGNORECASE)


def epsg_from_srs_name(srs_name: str) -> int:
    """Return the EPSG code named by a GML srsName such as 'http://www.opengis.net/def/crs/EPSG/0/6697'."""
    match = _SRS_EPSG.search(srs_name or "")
    if not match:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "unknown CRS '{}': expected an EPSG code such as EPSG:6697"), srs_name)
    epsg = int(match.group(1))
    if epsg not in GEOGRAPHIC_EPSG and epsg not in PLANE_EPSG:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "unsupported CRS EPSG:{}: CityGML must be in JGD2011 geographic (EPSG:6697/6668) or a Japan "
                        "Plane Rectangular zone"), epsg)
    return epsg


def _distance_km(lat: float, lon: float, lat0: float, lon0: float) -> float:
    """Equirectangular distance, enough to rank zone origins."""
    dx = (lon - lon0) * 111.32 * math.cos(math.radians((lat + lat0) / 2))
    dy = (lat - lat0) * 110.57
    return math.hypot(dx, dy)


def zone_for(lat: float, lon: float, prefecture: int | None = None) -> int:
    """Return the plane-rectangular zone number for a place, using its prefecture code when known."""
    if not (20.0 <= lat <= 46.5 and 122.0 <= lon <= 154.5):
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "location {:.4f}N {:.4f}E is outside Japan's plane-rectangular zones: give a CRS"), lat, lon)
    candidates = PREFECTURE_ZONES.get(prefecture or 0, tuple(ZONES))
    return min(candidates, key=lambda z: _distance_km(lat, lon, ZONES[z][1], ZONES[z][2]))


def zone_epsg(lat: float, lon: float, prefecture: int | None = None) -> int:
    """Return the EPSG code of the plane-rectangular zone for a place."""
    return ZONES[zone_for(lat, lon, prefecture)][0]


@lru_cache(maxsize=32)
def transformer(src_epsg: int, dst_epsg: int) -> Transformer:
    """Return a cached transformer working in (x=easting/longitude, y=northing/latitude) order."""
    src = 6668 if src_epsg == 6697 else src_epsg  # the vertical part of the compound CRS passes through
    return Transformer.from_crs(CRS.from_epsg(src), CRS.from_epsg(dst_epsg), always_xy=True)


def to_xy(src_epsg: int, dst_epsg: int, first: np.ndarray, second: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Transform coordinates stored in the source CRS's own axis order (lat, lon or N, E) to dst (x, y)."""
    if src_epsg in GEOGRAPHIC_EPSG or src_epsg in PLANE_EPSG:
        # Both families are latitude/northing first in EPSG's definition, as GML writes them.
        first, second = second, first
    if src_epsg == dst_epsg:
        return np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    return transformer(src_epsg, dst_epsg).transform(first, second)


def to_lonlat(src_epsg: int, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Transform projected x, y to JGD2011 longitude, latitude."""
    return transformer(src_epsg, 6668).transform(x, y)


def grid_convergence_deg(epsg: int, x: float, y: float) -> float:
    """Return the angle, clockwise from grid north, of true north at (x, y) in a projected CRS."""
    lon, lat = to_lonlat(epsg, np.atleast_1d(x), np.atleast_1d(y))
    x2, y2 = transformer(6668, epsg).transform(lon, lat + 1e-4)
    return math.degrees(math.atan2(x2 - x, y2 - y))
