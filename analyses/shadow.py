"""Building and terrain shadows: on a raster in one pass per sun position, and as exact polygons.

Raster method: a cell at height z is in shadow when some cell toward the sun rises above the sun ray
through it. With t the distance of a cell along the sun's direction, that is
max over cells further toward the sun of (top - t tan(elevation)) > z - t tan(elevation), so a running
maximum along lines in the sun's azimuth decides every cell in one pass (cost: cells x sun positions,
independent of the number of buildings).
"""
from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

import geopandas as gpd
import numba
import numpy as np
import pandas as pd
import shapely

from . import sun as sunlib
from .citymodel import Terrain
from .errors import QT_TRANSLATE_NOOP, UrbanTwinError
from .massing import HeightGrid, Massing, height_grid
from .place import Place
from .raster import Raster, snap
from .terrain import sample_points

ProgressFn = Callable[[float], None]
#: Shadows longer than this are not followed (a sun a few degrees above the horizon): metres.
MAX_SHADOW_LENGTH = 300.0
#: Lines of the march per cell across: a point off the roofs is read from the nearest line, so it stands for
#: the cell's centre to within half the lines' spacing across the sun's direction.
LINES_PER_CELL = 2


def shadow_mask(grid: HeightGrid, elevation: float, grid_azimuth: float, plane: np.ndarray) -> np.ndarray:
    """Cells whose point at height plane[r, c] is in the shadow of grid.top, for one sun position.

    Where the plane is the grid's own top (a roof), the point lies on a roof plane: that plane does not
    shade it, and it is in its own shadow when it faces away from the sun.
    """
    out = np.zeros(grid.shape, dtype=np.int32)
    _accumulate(grid, elevation, grid_azimuth, plane, out, ground_can_shade(grid, plane))
    return out.astype(bool)


def ground_can_shade(grid: HeightGrid, plane: np.ndarray) -> bool:
    """Whether open ground can shade anything: not when it is flat and no point of the plane lies below it (the
    march then skips it as an obstacle)."""
    return bool(np.ptp(grid.ground) > 0.0 or (plane < grid.ground).any())


def _accumulate(grid: HeightGrid, elevation: float, grid_azimuth: float, plane: np.ndarray, out: np.ndarray,
                ground_shades: bool) -> None:
    """Add 1 to out where the plane is in shadow: the array views put the sun at column 0 of lines."""
    tan_el = np.tan(np.radians(elevation))
    ux, uy = np.sin(np.radians(grid_azimuth)), np.cos(np.radians(grid_azimuth))  # towards the sun
    xs, ys = grid.cell_centres()
    t_col, t_row = xs * ux, ys * uy       # t = x ux + y uy, split by column and by row
    surface, facing_away = _surfaces(grid, ux, uy, tan_el)
    # Where a footprint's boundary passes by a cell, the part of the cell it covers (HeightGrid.edge); the march
    # reads its components through the same turns as the arrays (swap: columns and rows exchanged; mirror:
    # columns reversed).
    planes = grid.edge if grid.edge is not None else np.zeros((*grid.shape, 6), dtype=np.float32)
    mode = grid.edge_mode if grid.edge_mode is not None else np.zeros(grid.shape, dtype=np.int8)
    fringe = grid.fringe_top if grid.fringe_top is not None else np.full(grid.shape, -np.inf)
    top, z = grid.top, plane
    d_col, d_row = ux, -uy                 # index steps towards the sun
    # The march's columns by their index on the global lattice of the cell size (rows count southwards):
    # the lines then cross the same cells whatever the grid's extent, so tiles are seamless.
    along = round(grid.x0 / grid.cell)
    swap = abs(d_row) > abs(d_col)
    if swap:                               # march along rows: transpose so the march is along axis 1
        top, z, surface, out, fringe, mode = top.T, z.T, surface.T, out.T, fringe.T, mode.T
        planes = planes.transpose(1, 0, 2)
        t_col, t_row = t_row, t_col
        d_col, d_row = d_row, d_col
        along = round(-grid.y0 / grid.cell)
    mirror = d_col > 0
    if mirror:                             # the sun side first
        top, z, surface, out, t_col = top[:, ::-1], z[:, ::-1], surface[:, ::-1], out[:, ::-1], t_col[::-1]
        fringe, mode, planes = fringe[:, ::-1], mode[:, ::-1], planes[:, ::-1]
        along = -(along + top.shape[1] - 1)
    slope = -d_row / abs(d_col)            # rows moved per column away from the sun
    # t (metres towards the sun) changes by these per column and per row of the march
    step_t = (-abs(d_col) * grid.cell, d_row * grid.cell)
    _march(top, z, surface, facing_away, out, t_row, t_col, slope, tan_el, along, planes, mode, fringe, step_t,
           (swap, mirror), LINES_PER_CELL, ground_shades)


def _surfaces(grid: HeightGrid, ux: float, uy: float, tan_el: float) -> tuple[np.ndarray, np.ndarray]:
    """Each cell's surface id (-1: open ground) and, per surface, whether it faces away from the sun."""
    if grid.surface is None:               # a grid built by hand: flat tops, one per building
        return grid.building, np.zeros(max(int(grid.building.max()) + 1, 1), dtype=np.bool_)
    gradient = grid.gradient if grid.gradient is not None else np.zeros((0, 2))
    a, b = gradient[:, 0], gradient[:, 1]
    # The plane z = a x + b y + c has the upward normal (-a, -b, 1); the sun is at (ux, uy, tan_el).
    facing_away = -a * ux - b * uy + tan_el <= 0.0
    return grid.surface, np.append(facing_away, False)


@numba.njit(cache=True, nogil=True)
def _march(top, z, surface, facing_away, out, t_row, t_col, slope, tan_el, along, planes, mode, fringe, step_t,
           turns, lines, ground_shades):
    rows, cols = top.shape
    base = int(np.floor(along * slope + 0.5))
    size = rows + 2 * cols + 2                    # k = i - shift + cols, |shift| <= cols
    # For points off the roofs: the highest obstacle so far on each line (ray-relative), `lines` lines per cell
    # across (line q of a column passes q / lines rows from its row 0's centre; index lines (i + cols + 2) - q).
    # A line is a straight path through the cells; each building cell it crosses raises it to the top of the
    # cell's footprint part at the point farthest from the sun, so buildings reach out to their true edges,
    # and a line grazing a corner meets it. (Open ground counts at its cell centre.)
    edged = np.full(lines * (size + 4), -np.inf)
    # For points on roofs: the highest obstacle by cell centres, its surface, and the highest of any
    # other surface, one line per cell. Edges would let one roof plane shade its neighbour along their ridge.
    best = np.full(size, -np.inf)
    best_surface = np.full(size, -2, np.int32)
    second = np.full(size, -np.inf)
    # A footprint's part beyond the column's centre (away from the sun) lies behind the other centres of the
    # column on its lines: it raises them only from the next column on.
    later_line = np.empty((2 * lines + 3) * rows, np.int64)
    later_h = np.empty((2 * lines + 3) * rows)
    reach = abs(slope) / 2 + 0.5                  # how far across from a cell's centre a line may cross it
    for j in range(cols):
        n_later = 0
        centre = (along + j) * slope - base
        shift = int(np.floor(centre + 0.5))
        nearest = int(np.floor(lines * centre + 0.5))
        first, last = int(np.ceil(lines * (centre - reach))), int(np.floor(lines * (centre + reach)))
        own = int(np.ceil(lines * (centre - 0.5)))   # the lines nearest a cell's centre: own .. own + lines - 1
        for i in range(rows):
            k = i - shift + cols
            row_line = lines * (i + cols + 2)
            t = t_row[i] + t_col[j]
            s = surface[i, j]
            ray = z[i, j] - t * tan_el + 1e-6
            # A point on a roof plane is not shaded by that plane (the march's staircase lines would
            # otherwise let a plane that rises sideways shade itself); facing away, it shades itself.
            if s >= 0 and abs(z[i, j] - top[i, j]) < 1e-6:
                if facing_away[s] or (second[k] if best_surface[k] == s else best[k]) > ray:
                    out[i, j] += 1
            elif edged[row_line - nearest] > ray:
                out[i, j] += 1
            h = top[i, j] - t * tan_el
            if s >= 0 or ground_shades:
                _raise(best, best_surface, second, k, h, s)
            if s < 0 and ground_shades:
                for q in range(own, own + lines):
                    edged[row_line - q] = max(edged[row_line - q], h)
            # A building's cell, or an open cell a footprint reaches into: the part each line crosses. Inside a
            # footprint (mode 0) the cell raises its own lines by the middle one: only the boundary's cells
            # place the building's edges.
            height = top[i, j] if s >= 0 else fringe[i, j]
            if height > -np.inf and mode[i, j] == 0 and s >= 0:
                near, far = _farthest(centre - shift, slope, planes[i, j], 0, step_t, turns)
                for q in range(own, own + lines):
                    n_later = _raise_edge(edged, later_line, later_h, n_later, row_line - q,
                                          height - (t + near) * tan_el, height - (t + far) * tan_el)
            elif height > -np.inf and mode[i, j] > 0:
                for q in range(first, last + 1):
                    near, far = _farthest(centre - q / lines, slope, planes[i, j], mode[i, j], step_t, turns)
                    if far < np.inf:
                        n_later = _raise_edge(edged, later_line, later_h, n_later, row_line - q,
                                              height - (t + near) * tan_el, height - (t + far) * tan_el)
        for n in range(n_later):
            edged[later_line[n]] = max(edged[later_line[n]], later_h[n])


@numba.njit(cache=True, nogil=True, inline="always")
def _raise_edge(edged, later_line, later_h, n_later, line, now, later):
    """Raise a line to `now` at once and queue `later` for it from the next column on; the queue's new length."""
    edged[line] = max(edged[line], now)
    later_line[n_later] = line
    later_h[n_later] = later
    return n_later + 1


@numba.njit(cache=True, nogil=True, inline="always")
def _farthest(offset, slope, planes, mode, step_t, turns):
    """Where a line crosses a cell's footprint part, the change of t from the cell's centre to the crossing's
    point farthest from the sun, up to the column's centre and up to its far edge (+inf: the line misses it).

    The line: v = offset + slope u in cell units from the centre (u along the march, v across). The footprint's
    part: the whole cell (mode 0), or where n1.p <= d1 (1), and n2.p <= d2 (2), or n2.p <= d2 (3), with n's
    components read through the march's turns (swap, mirror).
    """
    lo, hi = -0.5, 0.5                     # the line inside the cell's columns...
    if slope != 0.0:                       # ...and rows
        a, b = (-0.5 - offset) / slope, (0.5 - offset) / slope
        lo, hi = max(lo, min(a, b)), min(hi, max(a, b))
    elif abs(offset) > 0.5:
        return np.inf, np.inf
    if mode == 0:
        return _least_t(lo, min(hi, 0.0), offset, slope, step_t), _least_t(lo, hi, offset, slope, step_t)
    nu1, nv1 = _turned(planes[0], planes[1], turns)
    lo1, hi1 = _inside(lo, hi, offset, slope, nu1, nv1, planes[2])
    if mode == 1:
        return _least_t(lo1, min(hi1, 0.0), offset, slope, step_t), _least_t(lo1, hi1, offset, slope, step_t)
    nu2, nv2 = _turned(planes[3], planes[4], turns)
    if mode == 2:
        lo2, hi2 = _inside(lo1, hi1, offset, slope, nu2, nv2, planes[5])
        return _least_t(lo2, min(hi2, 0.0), offset, slope, step_t), _least_t(lo2, hi2, offset, slope, step_t)
    lo2, hi2 = _inside(lo, hi, offset, slope, nu2, nv2, planes[5])
    return (min(_least_t(lo1, min(hi1, 0.0), offset, slope, step_t), _least_t(lo2, min(hi2, 0.0), offset, slope,
                                                                             step_t)),
            min(_least_t(lo1, hi1, offset, slope, step_t), _least_t(lo2, hi2, offset, slope, step_t)))


@numba.njit(cache=True, nogil=True, inline="always")
def _turned(n_col, n_row, turns):
    """A normal's components along the march (u) and across it (v), from those along columns and rows."""
    u, v = (n_row, n_col) if turns[0] else (n_col, n_row)
    return (-u if turns[1] else u), v


@numba.njit(cache=True, nogil=True, inline="always")
def _inside(lo, hi, offset, slope, nu, nv, d):
    """The part of the line's stretch lo..hi (u) where n.p <= d, by a margin: a line that only touches the edge
    does not pass through the building."""
    gain, rest = nu + slope * nv, offset * nv - d + 1e-6
    if gain > 1e-12:
        hi = min(hi, -rest / gain)
    elif gain < -1e-12:
        lo = max(lo, -rest / gain)
    elif rest > 0.0:
        hi = lo - 1.0
    return lo, hi


@numba.njit(cache=True, nogil=True, inline="always")
def _least_t(lo, hi, offset, slope, step_t):
    """The change of t from the centre to the point of the line's stretch lo..hi farthest from the sun (+inf
    for an empty stretch); t is linear along the line, so it is at an end."""
    if lo > hi:
        return np.inf
    return min(lo * step_t[0] + (offset + slope * lo) * step_t[1], hi * step_t[0] + (offset + slope * hi) * step_t[1])


@numba.njit(cache=True, nogil=True, inline="always")
def _raise(best, best_surface, second, k, h, s):
    """Record obstacle height h of surface s on line k: the highest, and the highest of other surfaces."""
    if s == best_surface[k]:
        if h > best[k]:
            best[k] = h
    elif h > best[k]:
        second[k] = best[k]
        best[k] = h
        best_surface[k] = s
    elif h > second[k]:
        second[k] = h


@dataclass
class ShadowHours:
    """Hours in shadow and in sun on a measuring plane, over a time window sampled every step."""

    shadow: Raster          # hours, NaN inside buildings that rise above the plane
    sun: Raster
    times: pd.DatetimeIndex
    step_hours: float


def shadow_hours(massing: Massing, day: dt.date, start: float = 8.0, end: float = 16.0, step_minutes: float = 10.0,
                 plane_height: float = 0.0, cell: float = 1.0, extent: tuple[float, float, float, float] | None = None,
                 terrain: Terrain | None = None, solar_time: bool = True, tz: str = sunlib.TOKYO,
                 convergence_deg: float | None = None, base_z: float = 0.0,
                 progress: ProgressFn | None = None, is_canceled: Callable[[], bool] | None = None,
                 sun_at: tuple[float, float] | None = None,
                 grid_extent: tuple[float, float, float, float] | None = None) -> ShadowHours:
    """Hours of shadow on a plane plane_height above the ground, from start to end every step.

    Each sampled instant stands for one step of time (the trapezoid rule with half steps at both ends),
    so shadow + sun = end - start wherever the plane is open. Times are true solar time by default.
    The sun is that of sun_at (latitude, longitude; default the extent's centre); the obstacles are those on
    grid_extent (default: the extent grown by the longest shadow). Cells lie on the global lattice of the
    cell size, so a tile of an area, given the area's sun and a grid reaching as far as shadows do, gets
    the same values as the whole area.
    """
    is_canceled = is_canceled or (lambda: False)
    extent = extent or massing.bounds
    path = day_sun(massing.epsg, extent, day, start, end, step_minutes, solar_time, tz, sun_at)
    times = path.times
    sunlib.require_sun_up(path)
    convergence = (Place.centre_of(extent, massing.epsg, tz).convergence_deg if convergence_deg is None
                   else convergence_deg)
    if grid_extent is None:
        # Obstacles up to one shadow length outside the extent still shade it.
        margin = min(float(shadow_reach(float(massing.height.max(initial=0.0)), path)), MAX_SHADOW_LENGTH)
        grid_extent = _grow(extent, margin, massing.bounds)
    grid = height_grid(massing, snap(grid_extent, cell), cell, terrain, base_z, outlines=True)
    plane = grid.ground + plane_height
    weights = instant_weights(len(times), step_minutes)
    rows, cols = grid.window(extent)
    shadow = _count_shadow(grid, path, convergence, plane, weights, (rows, cols), progress, is_canceled)
    total = weights.sum()
    inside = (grid.top[rows, cols] > plane[rows, cols] + 1e-6) & (grid.building[rows, cols] >= 0)
    shadow[inside] = np.nan
    hours = Raster(shadow, grid.x0 + cols.start * cell, grid.y0 - rows.start * cell, cell, grid.epsg)
    return ShadowHours(hours, hours.like(total - shadow), times, step_minutes / 60.0)


def instant_weights(count: int, step_minutes: float) -> np.ndarray:
    """The hours each of count instants stands for: a step each, half a step at both ends (the trapezoid rule)."""
    weights = np.full(count, step_minutes / 60.0)
    weights[[0, -1]] /= 2
    return weights


def window_hours(start: float, end: float, step_minutes: float) -> float:
    """The hours the instants from start to end every step stand for together (shadow + sun on open ground)."""
    return float(instant_weights(len(sunlib.instant_hours(start, end, step_minutes)), step_minutes).sum())


def _count_shadow(grid: HeightGrid, path: sunlib.SunPath, convergence: float, plane: np.ndarray,
                  weights: np.ndarray, window: tuple[slice, slice], progress: ProgressFn | None,
                  is_canceled: Callable[[], bool]) -> np.ndarray:
    """Weighted sum over the sun positions of the shadow masks (night counts as shadow) of the window's cells, on
    as many threads as numba may use. Each sun position marches only the part of the grid from which something
    can shade the window then: the window grown towards the sun by the longest shadow at that elevation."""
    azimuths = path.grid_azimuth(convergence)
    rows, cols = window
    hours = np.full((rows.stop - rows.start, cols.stop - cols.start), weights[~path.up()].sum())
    up = np.flatnonzero(path.up())
    rise = max(float(grid.top.max() - plane.min()), 0.0)   # the most anything stands above the plane
    ground_shades = ground_can_shade(grid, plane)          # for every part: decided once on the whole grid
    done = [0]

    def one(i: int) -> np.ndarray:
        if is_canceled():
            raise InterruptedError("shadow calculation canceled")
        ux, uy = np.sin(np.radians(azimuths[i])), np.cos(np.radians(azimuths[i]))   # towards the sun
        reach = rise / np.tan(np.radians(path.elevation[i])) / grid.cell + 2.0      # cells
        # Rows count southwards: a sun in the north (uy > 0) reaches to smaller rows. Two cells all round for
        # the lines' staircase.
        part_rows = slice(max(0, rows.start - 2 - int(np.ceil(max(uy, 0.0) * reach))),
                          min(grid.shape[0], rows.stop + 2 + int(np.ceil(max(-uy, 0.0) * reach))))
        part_cols = slice(max(0, cols.start - 2 - int(np.ceil(max(-ux, 0.0) * reach))),
                          min(grid.shape[1], cols.stop + 2 + int(np.ceil(max(ux, 0.0) * reach))))
        part = grid.part(part_rows, part_cols)
        out = np.zeros(part.shape, dtype=np.int32)
        _accumulate(part, path.elevation[i], azimuths[i], plane[part_rows, part_cols], out, ground_shades)
        return out[rows.start - part_rows.start:rows.stop - part_rows.start,
                   cols.start - part_cols.start:cols.stop - part_cols.start]

    # As many threads as numba may use: all cores alone, one inside a one-thread Dask worker.
    with ThreadPoolExecutor(max_workers=min(4, numba.get_num_threads())) as pool:
        for i, mask in zip(up, pool.map(one, up)):
            hours += weights[i] * mask
            done[0] += 1
            if progress:
                progress(100.0 * done[0] / len(up))
    return hours


def day_sun(epsg: int, extent, day: dt.date, start: float, end: float, step_minutes: float, solar_time: bool = True,
            tz: str = sunlib.TOKYO, sun_at: tuple[float, float] | None = None) -> sunlib.SunPath:
    """The sun of the day's window, seen from sun_at (latitude, longitude; default the extent's centre)."""
    lat, lon = sun_at or Place.centre_of(extent, epsg, tz).lat_lon
    return sunlib.sun_path(sunlib.day_times(day, start, end, step_minutes, lon, tz, solar_time), lat, lon)


def shadow_reach(height: float | np.ndarray, path: sunlib.SunPath) -> float | np.ndarray:
    """How far the shadow of something height metres tall reaches at the lowest sun of the path (m)."""
    low = max(path.elevation[path.up()].min(), 1e-3)
    return height / np.tan(np.radians(low))


def _grow(extent, margin: float, limit) -> tuple[float, float, float, float]:
    """extent grown by margin on every side, but not beyond where obstacles are (limit)."""
    return (max(extent[0] - margin, min(extent[0], limit[0])), max(extent[1] - margin, min(extent[1], limit[1])),
            min(extent[2] + margin, max(extent[2], limit[2])), min(extent[3] + margin, max(extent[3], limit[3])))


# --- shadow polygons ---------------------------------------------------------------------------------

def shadow_polygons(massing: Massing, when: pd.Timestamp, plane_height: float = 0.0,
                    convergence_deg: float | None = None, terrain: Terrain | None = None
                    ) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """The shadow of each building at one instant, on a plane plane_height above its ground, or on the
    terrain (plus plane_height) where a DEM is given.

    A building's shadow is the union of the shadows of its faces: every point at height z above the plane
    moves (z - plane) / tan(elevation) away from the sun; on terrain, until its ray meets the ground.
    Returns (per building, their union).
    """
    if when.tzinfo is None:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the time needs a time zone (for example Asia/Tokyo)"))
    bounds = massing.bounds
    place = Place.centre_of(bounds, massing.epsg)
    path = sunlib.sun_path(pd.DatetimeIndex([when]), place.latitude, place.longitude)
    sunlib.require_sun_up(path)
    convergence = place.convergence_deg if convergence_deg is None else convergence_deg
    azimuth = np.radians(path.grid_azimuth(convergence)[0])
    away = -np.array([np.sin(azimuth), np.cos(azimuth)]) / np.tan(np.radians(path.elevation[0]))
    polygons, owners = _cast(massing, away, plane_height, terrain)
    order = np.argsort(owners, kind="stable")
    per_building = _union_groups(polygons[order], owners[order], len(massing))
    tall = massing.height > plane_height
    frame = gpd.GeoDataFrame({"building_id": massing.ids[tall], "height": massing.height[tall],
                              "shadow_length": (massing.height[tall] - plane_height) * float(np.hypot(*away))},
                             geometry=per_building[tall], crs=massing.epsg)
    frame = frame[~frame.geometry.is_empty]
    union = gpd.GeoDataFrame({"time": [when.isoformat()], "elevation": [float(path.elevation[0])],
                              "azimuth": [float(path.azimuth[0])]},
                             geometry=[shapely.union_all(frame.geometry.values)], crs=massing.epsg)
    return frame.reset_index(drop=True), union


def _cast(massing: Massing, away: np.ndarray, plane_height: float, terrain: Terrain | None = None
          ) -> tuple[np.ndarray, np.ndarray]:
    """The shadows of each building's faces on the plane (or the terrain), as polygons, with the building
    of each.

    Faces: the footprint (the building's cross-section where it rises through the plane), the walls
    from the footprint edges up to the building's height, and the top: the footprint at that height, or
    the LOD2 roof polygons where known (the walls then reach the roofs' highest point: a slight
    overestimate under the eaves of pitched roofs, never an underestimate).
    """
    parts, part_owner = shapely.get_parts(massing.footprints, return_index=True)
    ground = np.zeros(len(massing))
    if terrain is not None:
        spots = shapely.get_coordinates(shapely.point_on_surface(massing.footprints))
        ground = np.nan_to_num(sample_points(terrain, spots), nan=float(np.nanmedian(terrain.z)))

    def moved(xy: np.ndarray, z: np.ndarray, owner: np.ndarray) -> np.ndarray:
        """Where points z metres above their building's ground land along the sun's rays."""
        drop = np.clip(z - plane_height, 0.0, None)
        if terrain is not None:
            # The ray from a point at absolute height h meets the ground where h - drop = terrain + plane:
            # a fixed-point iteration, which converges while the terrain is less steep than the ray.
            absolute = ground[owner] + z
            for _ in range(8):
                under = sample_points(terrain, xy + drop[:, None] * away)
                under = np.where(np.isnan(under), ground[owner], under)
                drop = np.clip(absolute - plane_height - under, 0.0, None)
        return xy + drop[:, None] * away

    rings, ring_owner = shapely.get_rings(parts, return_index=True)
    coords = shapely.get_coordinates(rings)
    counts = shapely.get_num_coordinates(rings)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    edge = np.concatenate([np.arange(s, s + n - 1) for s, n in zip(starts, counts)])
    edge_owner = np.repeat(part_owner[ring_owner], counts - 1)
    a, b = coords[edge], coords[edge + 1]
    top = massing.height[edge_owner]
    walls = np.stack([a, b, moved(b, top, edge_owner), moved(a, top, edge_owner), a], axis=1)
    shapes = [shapely.polygons(walls), parts]
    owners = [edge_owner, part_owner]
    if massing.roofs is not None:
        flat_roofs = np.concatenate(massing.roofs.rings)
        sizes = [len(r) for r in massing.roofs.rings]
        landed = moved(flat_roofs[:, :2], flat_roofs[:, 2], np.repeat(massing.roofs.building, sizes))
        shapes.append(shapely.polygons(shapely.linearrings(landed, indices=np.repeat(np.arange(len(sizes)), sizes))))
        owners.append(massing.roofs.building)
    flat = np.flatnonzero(~massing.has_roofs()[part_owner])
    point_owner = np.repeat(part_owner[flat], shapely.get_num_coordinates(parts[flat]))
    shapes.append(shapely.transform(parts[flat], lambda xy: moved(xy, massing.height[point_owner], point_owner)))
    owners.append(part_owner[flat])
    polygons, owners = np.concatenate(shapes), np.concatenate(owners)
    keep = shapely.area(polygons) > 1e-9
    return shapely.make_valid(polygons[keep]), owners[keep]


def _union_groups(polygons: np.ndarray, owners: np.ndarray, count: int) -> np.ndarray:
    """Union of the polygons of each owner (owners sorted), an empty polygon for owners with none."""
    out = np.array([shapely.Polygon()] * count, dtype=object)
    bounds = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1], True]) if len(owners) else np.array([0])
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        out[owners[lo]] = shapely.union_all(polygons[lo:hi])
    return out


# --- exact durations at points ----------------------------------------------------------------------

def point_shadow_hours(massing: Massing, xy: np.ndarray, times: pd.DatetimeIndex, plane_height: float = 0.0,
                       convergence_deg: float | None = None, progress: ProgressFn | None = None,
                       is_canceled: Callable[[], bool] | None = None) -> np.ndarray:
    """Hours each point (on a plane plane_height above the buildings' ground) spends in shadow between the
    first and the last of the times, from the exact shadow outline at each instant.

    A point that changes state between two instants does so where its signed distance to the outline
    (interpolated linearly between them) is zero, so the result does not move in whole steps.
    """
    is_canceled = is_canceled or (lambda: False)
    tall = massing.select(massing.height > plane_height)
    if not len(tall):
        return np.zeros(len(xy))
    bounds = massing.bounds
    place = Place.centre_of(bounds, massing.epsg)
    path = sunlib.sun_path(times, place.latitude, place.longitude)
    if not path.up().all():
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "the sun is below the horizon during part of the time window: shorten the window"))
    convergence = place.convergence_deg if convergence_deg is None else convergence_deg
    azimuths = np.radians(path.grid_azimuth(convergence))
    x, y = xy[:, 0], xy[:, 1]
    hours = np.zeros(len(xy))
    before: shapely.Geometry | None = None
    inside_before = np.zeros(len(x), dtype=bool)
    for k in range(len(times)):
        if is_canceled():
            raise InterruptedError("shadow calculation canceled")
        away = -np.array([np.sin(azimuths[k]), np.cos(azimuths[k])]) / np.tan(np.radians(path.elevation[k]))
        outline = shapely.union_all(_cast(tall, away, plane_height)[0])
        shapely.prepare(outline)
        inside = shapely.contains_xy(outline, x, y)
        if before is not None:
            step = (times[k] - times[k - 1]).total_seconds() / 3600.0
            hours[inside & inside_before] += step
            changed = np.flatnonzero(inside != inside_before)
            if len(changed):
                was = _signed_distance(before, inside_before[changed], x[changed], y[changed])
                now = _signed_distance(outline, inside[changed], x[changed], y[changed])
                # The fraction of the step spent in shadow: before the crossing if in shadow before.
                crossing = np.clip(was / (was - now), 0.0, 1.0)
                hours[changed] += step * np.where(inside_before[changed], crossing, 1.0 - crossing)
        before, inside_before = outline, inside
        if progress:
            progress(100.0 * (k + 1) / len(times))
    return hours


def _signed_distance(outline: shapely.Geometry, inside: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Distance of points to the outline's boundary, negative inside it."""
    distance = shapely.distance(shapely.boundary(outline), shapely.points(x, y))
    return np.where(inside, -distance, distance)
