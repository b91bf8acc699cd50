"""City scale, the plan: an area cut into tiles (the 1 km third-order mesh, 3次メッシュ, or squares of a given
size), each with the halo of obstacles that can reach it, and the memory one tile needs.

Every tile's cells lie on the global lattice of the cell size, and each cell of the area belongs to exactly
one tile (the tile whose square, or whose mesh, holds the cell's centre): the tiles' rasters then put
together into the area's raster with no gap, no overlap and no seam.
"""
from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass

import numpy as np

from . import crs
from .errors import QT_TRANSLATE_NOOP, UrbanTwinError
from .raster import snap

Bounds = tuple[float, float, float, float]

#: Third-order mesh: 30" of latitude by 45" of longitude (JIS X 0410), as counts per degree.
MESH_PER_DEG_LAT, MESH_PER_DEG_LON = 120, 80
#: Memory a worker holds before any tile (interpreter, numpy, GDAL, geopandas, dask), bytes: measured ~250 MB.
WORKER_BASE_BYTES = 300e6
#: Peak bytes per cell of a tile's grid (tile + halo) while shadow hours run on it: measured 101 on a 8.7 M-cell
#: grid of the benchmark's density (tests/bench/run.py, bench_citywide), with a margin.
SHADOW_BYTES_PER_CELL = 110.0
#: The same for solar potential: the obstacle grid's arrays and, per roof point, its horizon and months.
SOLAR_BYTES_PER_CELL = 150.0


@dataclass(frozen=True)
class Tile:
    """One piece of an area: its output cells (centres inside extent, and inside the mesh when given) and the
    extent of obstacles its computation reads (grid_extent: the extent and its halo)."""

    key: str
    extent: Bounds
    grid_extent: Bounds
    mesh: tuple[int, int] | None = None      # (latitude index, longitude index) of the third-order mesh

    @property
    def halo(self) -> float:
        """The widest margin of the obstacle grid around the output cells (m)."""
        return max(self.extent[0] - self.grid_extent[0], self.extent[1] - self.grid_extent[1],
                   self.grid_extent[2] - self.extent[2], self.grid_extent[3] - self.extent[3])


@dataclass
class BuildingIndex:
    """What the plan needs of every building: its bounding box and its height, no geometry."""

    bounds: np.ndarray      # (n, 4): xmin, ymin, xmax, ymax
    height: np.ndarray      # m

    @property
    def total_bounds(self) -> Bounds:
        """(xmin, ymin, xmax, ymax) of all buildings."""
        b = self.bounds
        return float(b[:, 0].min()), float(b[:, 1].min()), float(b[:, 2].max()), float(b[:, 3].max())


def intersect(a: Bounds, b: Bounds) -> Bounds | None:
    """The common part of two extents, None when they do not overlap."""
    out = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
    return out if out[0] < out[2] and out[1] < out[3] else None


def square_tiles(area: Bounds, tile_size: float, cell: float) -> list[Tile]:
    """Squares of tile_size metres (a whole number of cells) from the area's lattice corner, cut to the area."""
    if tile_size <= 0 or abs(tile_size / cell - round(tile_size / cell)) > 1e-9:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "the tile size {} m is not a positive whole number of {} m cells"), tile_size, cell)
    x0, y0, x1, y1 = snap(area, cell)
    tiles = []
    for j in range(max(1, math.ceil((y1 - y0) / tile_size - 1e-9))):
        for i in range(max(1, math.ceil((x1 - x0) / tile_size - 1e-9))):
            square = (x0 + i * tile_size, y1 - (j + 1) * tile_size, x0 + (i + 1) * tile_size, y1 - j * tile_size)
            extent = intersect(square, area)
            if extent is not None:
                tiles.append(Tile(f"r{j:03d}c{i:03d}", extent, extent))
    return tiles


def mesh_code(lat_index: int, lon_index: int) -> str:
    """The 8-digit third-order mesh code (JIS X 0410) of a mesh given by its indices."""
    p, q, r = lat_index // 80, lat_index % 80 // 10, lat_index % 10
    u, v, w = lon_index // 80 - 100, lon_index % 80 // 10, lon_index % 10
    return f"{p:02d}{u:02d}{q}{v}{r}{w}"


def mesh_index(epsg: int, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Third-order mesh (latitude index, longitude index) of projected points."""
    lon, lat = crs.to_lonlat(epsg, np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))
    return (np.floor(np.asarray(lat) * MESH_PER_DEG_LAT).astype(np.int64),
            np.floor(np.asarray(lon) * MESH_PER_DEG_LON).astype(np.int64))


def mesh_tiles(area: Bounds, epsg: int, cell: float) -> list[Tile]:
    """The third-order meshes that hold cells of the area, each cut to its projected bounding box."""
    edge = np.linspace(0.0, 1.0, 65)
    ring_x = np.concatenate([area[0] + (area[2] - area[0]) * edge, np.full(65, area[2]),
                             area[2] - (area[2] - area[0]) * edge, np.full(65, area[0])])
    ring_y = np.concatenate([np.full(65, area[1]), area[1] + (area[3] - area[1]) * edge,
                             np.full(65, area[3]), area[3] - (area[3] - area[1]) * edge])
    lat_i, lon_i = mesh_index(epsg, ring_x, ring_y)
    back = crs.transformer(6668, epsg)
    tiles = []
    for la in range(int(lat_i.max()), int(lat_i.min()) - 1, -1):          # north to south, like the rows
        for lo in range(int(lon_i.min()), int(lon_i.max()) + 1):
            lon = np.concatenate([lo + edge, np.full(65, lo + 1.0), lo + 1 - edge, np.full(65, lo)]) / MESH_PER_DEG_LON
            lat = np.concatenate([np.full(65, la), la + edge, np.full(65, la + 1.0), la + 1 - edge]) / MESH_PER_DEG_LAT
            x, y = back.transform(lon, lat)
            # One cell of slack: the mesh's edges are curves in the plane, its cells are picked by centre.
            box = snap((x.min() - cell, y.min() - cell, x.max() + cell, y.max() + cell), cell)
            extent = intersect(box, area)
            if extent is not None:
                tiles.append(Tile(mesh_code(la, lo), extent, extent, (la, lo)))
    return tiles


def in_mesh(tile: Tile, epsg: int, x0: float, y0: float, cell: float, shape: tuple[int, int]) -> np.ndarray:
    """Mask of the cells of a raster (x0, y0 its top-left corner) that belong to the tile."""
    if tile.mesh is None:
        return np.ones(shape, dtype=bool)
    xs = x0 + (np.arange(shape[1]) + 0.5) * cell
    ys = y0 - (np.arange(shape[0]) + 0.5) * cell
    gx, gy = np.meshgrid(xs, ys)
    return holds(tile, epsg, gx.ravel(), gy.ravel()).reshape(shape)


def holds(tile: Tile, epsg: int, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Which points belong to the tile: those in its mesh, or in its square (west and north edges included), so
    that each point of the area belongs to one tile."""
    if tile.mesh is not None:
        lat_i, lon_i = mesh_index(epsg, xs, ys)
        return (lat_i == tile.mesh[0]) & (lon_i == tile.mesh[1])
    e = tile.extent
    return (xs >= e[0]) & (xs < e[2]) & (ys > e[1]) & (ys <= e[3])


def read_building_index(gpkg: str, layer: str = "buildings", height_field: str = "height") -> BuildingIndex:
    """Bounding boxes (from the GeoPackage's R-tree) and heights of every building, without geometries."""
    with sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True) as db:
        found = db.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (layer,)).fetchone()
        if found is None:
            raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the GeoPackage {} has no layer '{}'"), gpkg, layer)
        rows = db.execute(f'SELECT r.minx, r.miny, r.maxx, r.maxy, b."{height_field}" FROM "rtree_{layer}_{found[0]}"'
                          f' r JOIN "{layer}" b ON b.fid = r.id').fetchall()
    table = np.array(rows, dtype=float).reshape(-1, 5)
    usable = np.isfinite(table[:, 4]) & (table[:, 4] > 0)
    return BuildingIndex(table[usable, :4], table[usable, 4])


def with_halos(tiles: list[Tile], index: BuildingIndex, reach: np.ndarray, cell: float, outer: Bounds) -> list[Tile]:
    """Each tile with the grid its obstacles need: as far as the longest shadow (reach, per building) of any
    building that can reach the tile, plus two cells (a line of cells is a staircase); never beyond outer (the
    grid the whole area would use)."""
    out = []
    for tile in tiles:
        e = tile.extent
        dx = np.maximum(np.maximum(e[0] - index.bounds[:, 2], index.bounds[:, 0] - e[2]), 0.0)
        dy = np.maximum(np.maximum(e[1] - index.bounds[:, 3], index.bounds[:, 1] - e[3]), 0.0)
        reaching = np.hypot(dx, dy) < reach
        halo = float(reach[reaching].max(initial=0.0)) + 2 * cell
        grown = snap((e[0] - halo, e[1] - halo, e[2] + halo, e[3] + halo), cell)
        out.append(Tile(tile.key, tile.extent, intersect(grown, outer) or tile.extent, tile.mesh))
    return out


def with_reach(tiles: list[Tile], index: BuildingIndex, reach: float | Bounds, cell: float, outer: Bounds
               ) -> list[Tile]:
    """Each tile with the grid its work needs: the tile and every building that meets it, grown by reach (how far
    a roof point looks for obstacles; or, per side, west, south, east, north) and two cells; never beyond
    outer."""
    west, south, east, north = (reach,) * 4 if isinstance(reach, (int, float)) else reach
    out = []
    for tile in tiles:
        e = tile.extent
        meets = ((index.bounds[:, 0] < e[2]) & (index.bounds[:, 2] > e[0]) & (index.bounds[:, 1] < e[3])
                 & (index.bounds[:, 3] > e[1]))
        b = index.bounds[meets]
        reached = (min(e[0], b[:, 0].min(initial=e[0])), min(e[1], b[:, 1].min(initial=e[1])),
                   max(e[2], b[:, 2].max(initial=e[2])), max(e[3], b[:, 3].max(initial=e[3])))
        grown = snap((reached[0] - west - 2 * cell, reached[1] - south - 2 * cell, reached[2] + east + 2 * cell,
                      reached[3] + north + 2 * cell), cell)
        out.append(Tile(tile.key, tile.extent, intersect(grown, outer) or tile.extent, tile.mesh))
    return out


def peak_bytes(tile: Tile, cell: float, bytes_per_cell: float = SHADOW_BYTES_PER_CELL) -> float:
    """The peak memory a worker needs for one tile: its base plus its grid (tile and halo) at bytes_per_cell."""
    g = tile.grid_extent
    return WORKER_BASE_BYTES + bytes_per_cell * ((g[2] - g[0]) / cell + 1) * ((g[3] - g[1]) / cell + 1)


def require_fit(tiles: list[Tile], cell: float, limit_bytes: float,
                bytes_per_cell: float = SHADOW_BYTES_PER_CELL) -> None:
    """Refuse, before anything starts, a plan whose largest tile would not fit in a worker's memory; say which
    tile size would."""
    worst = max(tiles, key=lambda t: peak_bytes(t, cell, bytes_per_cell))
    need = peak_bytes(worst, cell, bytes_per_cell)
    if need <= limit_bytes:
        return
    side = math.sqrt(max(limit_bytes - WORKER_BASE_BYTES, 0.0) / bytes_per_cell) * cell - 2 * worst.halo
    if side < 100.0:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "a tile needs {:.1f} GB with its {:.0f} m halo and a worker has {:.1f} GB: no tile size fits; "
                        "use larger cells, a later start (shorter shadows) or workers with more memory"),
            need / 1e9, worst.halo, limit_bytes / 1e9)
    raise UrbanTwinError(QT_TRANSLATE_NOOP(
        "@default", "a tile needs {:.1f} GB with its {:.0f} m halo and a worker has {:.1f} GB: use a tile size of "
                    "{:.0f} m or less"), need / 1e9, worst.halo, limit_bytes / 1e9, math.floor(side / 100.0) * 100.0)
