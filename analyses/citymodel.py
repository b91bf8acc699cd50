"""The in-memory district: buildings, their LOD2 surfaces, roads and terrain, in a metric CRS."""
from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd

SURFACE_KINDS = ("RoofSurface", "WallSurface", "GroundSurface", "ClosureSurface",
                 "OuterCeilingSurface", "OuterFloorSurface")


@dataclass
class Tin:
    """A triangulated terrain surface: vertices (x, y, z) and triangles as vertex indices."""

    vertices: np.ndarray
    triangles: np.ndarray


class NorthUpGrid:
    """What a north-up raster knows of itself: x0 (left), y0 (top), square cells, rows from the north."""

    x0: float
    y0: float
    cell: float

    @property
    def values(self) -> np.ndarray:
        """The 2-D array the grid holds."""
        raise NotImplementedError

    @property
    def shape(self) -> tuple[int, int]:
        """Rows and columns."""
        return self.values.shape

    def cell_centres(self) -> tuple[np.ndarray, np.ndarray]:
        """Return 1-D arrays of the x of each column centre and the y of each row centre."""
        rows, cols = self.shape
        return (self.x0 + (np.arange(cols) + 0.5) * self.cell,
                self.y0 - (np.arange(rows) + 0.5) * self.cell)


@dataclass
class Terrain(NorthUpGrid):
    """A north-up elevation raster: z[row, col] at cell centres, NaN where unknown."""

    z: np.ndarray
    x0: float
    y0: float
    cell: float
    epsg: int

    @property
    def values(self) -> np.ndarray:
        """The elevations."""
        return self.z


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
