"""Where the data lies (the model is pvlib's `Location`): a point of a projected CRS, its latitude and longitude,
the meridian convergence of the grid there, and the time zone. Built once from the data, used by every analysis
that turns sun or wind directions into grid directions."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import crs

TOKYO = "Asia/Tokyo"


@dataclass(frozen=True)
class Place:
    """A place of a projected CRS: x, y (m), latitude and longitude (°), convergence (° grid north from true
    north: true azimuth + convergence = grid azimuth) and time zone."""

    x: float
    y: float
    epsg: int
    latitude: float
    longitude: float
    convergence_deg: float
    tz: str = TOKYO

    @property
    def lat_lon(self) -> tuple[float, float]:
        """(latitude, longitude), for functions that take them apart."""
        return self.latitude, self.longitude

    @classmethod
    def at(cls, epsg: int, x: float, y: float, tz: str = TOKYO) -> Place:
        """The place at a point of a projected CRS."""
        lon, lat = crs.to_lonlat(epsg, np.array([x, x]), np.array([y, y]))
        return cls(float(x), float(y), epsg, float(lat[0]), float(lon[0]), crs.grid_convergence_deg(epsg, x, y), tz)

    @classmethod
    def centre_of(cls, bounds: tuple[float, float, float, float], epsg: int, tz: str = TOKYO) -> Place:
        """The place at the centre of bounds (xmin, ymin, xmax, ymax)."""
        return cls.at(epsg, (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, tz)
