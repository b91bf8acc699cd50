"""The in-memory district: buildings, their LOD2 surfaces, roads and terrain, in a metric CRS."""
from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd

from .raster import Raster

SURFACE_KINDS = ("RoofSurface", "WallSurface", "GroundSurface", "ClosureSurface",
                 "OuterCeilingSurface", "OuterFloorSurface")


@dataclass
class Tin:
    """A triangulated terrain surface: vertices (x, y, z) and triangles as vertex indices."""

    vertices: np.ndarray
    triangles: np.ndarray


class Terrain(Raster):
    """A north-up elevation raster: z[row, col] (the values) at cell centres, NaN where unknown."""

    @property
    def z(self) -> np.ndarray:
        """The elevations."""
        return self.values


@dataclass
class Surfaces:
    """LOD2 boundary surfaces as flat arrays (exterior rings): compact enough for city-wide meshes."""

    coords: np.ndarray = field(default_factory=lambda: np.zeros((0, 3)))
    ring_offsets: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    building: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    kind: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int8))

    def __len__(self) -> int:
        return len(self.kind)

    def ring(self, i: int) -> np.ndarray:
        """Coordinates of ring i, closing point dropped."""
        return self.coords[self.ring_offsets[i]:self.ring_offsets[i + 1] - 1]


@dataclass
class District:
    """What a city model holds, in a projected CRS with metres: the input of every analysis.

    buildings: one row per bldg:Building (parts dissolved) with footprint, heights and attributes.
    volumes: one row per Building without parts or per BuildingPart: footprint, ground_z, roof_z.
    roofs: LOD2 roof surfaces as 3D polygons with area, tilt and azimuth (true north, clockwise).
    dropped: the buildings left out of every analysis (no footprint, or no plausible height): gml_id, reason.
    """

    buildings: gpd.GeoDataFrame
    volumes: gpd.GeoDataFrame
    roofs: gpd.GeoDataFrame
    surfaces: Surfaces
    roads: gpd.GeoDataFrame
    tin: Tin | None
    epsg: int
    convergence_deg: float = 0.0
    sources: list[str] = field(default_factory=list)
    dropped: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["gml_id", "reason"]))

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax) of the buildings."""
        return tuple(self.buildings.total_bounds)
