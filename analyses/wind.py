"""Pedestrian wind: a diagnostic urban wind model of the Röckle family (as in QUIC-URB and UMEP's URock).

1. The city is voxelised in a grid aligned with the wind (x downwind, y across, z up; uniform dx, dy and a
   vertical spacing that starts at 1 m and stretches upwards).
2. An inflow profile (power law, its exponent from the roughness length of the district's morphology,
   Macdonald et al. 1998 and Counihan 1975) fills the open cells.
3. Empirical zones around each building, scanned along each downwind row so that any footprint works:
   upwind displacement (Röckle 1990), rooftop recirculation, sidewall recirculation (Hayati et al. 2017), lee
   cavity and wake (Fackrell 1984 cavity length from QUIC-URB's effective width and length, each row's
   cavity shortened by its lee face's angle and tapered across the building, as QUIC-URB's polygon wakes),
   and a street-canyon vortex where the next building stands inside the cavity, with the wind's along-street
   component kept (Singh et al. 2008; Nelson et al. 2008).
4. A mass-consistent adjustment: u = u0 + grad(lambda) on a staggered grid, with lambda from a sparse
   Poisson problem (zero normal flow at solids and the ground, lambda = 0 at the open boundaries), solved
   by conjugate gradients preconditioned with a geometric multigrid written for this grid (`poisson`).
   No open cell keeps a divergence above DIVERGENCE_TOLERANCE.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numba
import numpy as np
import shapely
from scipy import ndimage

from . import poisson
from .cancel import check, in_chunks
from .citymodel import Terrain
from .errors import QT_TRANSLATE_NOOP, UrbanTwinError
from .massing import Massing, grid_for, height_grid
from .raster import Raster, snap
from .terrain import sample_points

KAPPA = 0.4
DIVERGENCE_TOLERANCE = 5e-7  # 1/s, the largest divergence left in any open cell
BYTES_PER_CELL = 210  # measured: 2.8 GB for one 18.6 M-cell direction, 3.8 GB peak over all 16


@dataclass(frozen=True)
class WindFrame:
    """The one-piece run that a tile is part of: its extent (the grid turns about its centre, and its domain with
    the margins bounds every tile's) and its tallest building (which sets the margins and the levels)."""

    area: tuple[float, float, float, float]
    tallest: float
    floor: float | None = None   # the ground's lowest point (m), where every tile's levels start; None: flat
    relief: float = 0.0          # the ground's highest point above the floor (m)

    @property
    def centre(self) -> tuple[float, float]:
        """The point the grid turns about: the area's centre."""
        return (self.area[0] + self.area[2]) / 2, (self.area[1] + self.area[3]) / 2


@dataclass(frozen=True)
class Lattice:
    """Where a wind-aligned grid's columns sit in the world: the point at wind-frame (0, 0), the world direction of
    +x (downwind), the wind-frame lower-left corner, the column size and count, and the CRS."""

    centre: tuple[float, float]
    downwind: tuple[float, float]
    x0: float
    y0: float
    dx: float
    columns: tuple[int, int]   # (nx, ny)
    epsg: int

    @property
    def across(self) -> np.ndarray:
        """The world direction of +y (across the wind)."""
        return np.array([-self.downwind[1], self.downwind[0]])

    def column_of(self, world_x: np.ndarray, world_y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The (i, j) column index of world points (outside the grid too)."""
        dx, dy = world_x - self.centre[0], world_y - self.centre[1]
        lx = dx * self.downwind[0] + dy * self.downwind[1]
        ly = dx * self.across[0] + dy * self.across[1]
        return np.floor((lx - self.x0) / self.dx).astype(int), np.floor((ly - self.y0) / self.dx).astype(int)

    @property
    def box(self) -> tuple[float, float, float, float]:
        """The wind-frame box of all its columns."""
        nx, ny = self.columns
        return self.x0, self.y0, self.x0 + nx * self.dx, self.y0 + ny * self.dx

    def column_centres(self, i: np.ndarray) -> np.ndarray:
        """The world points (len(i), ny, 2) of the centres of the columns i (all of each row across the wind)."""
        lx = self.x0 + (np.asarray(i) + 0.5) * self.dx
        ly = self.y0 + (np.arange(self.columns[1]) + 0.5) * self.dx
        return (np.asarray(self.centre) + lx[:, None, None] * np.asarray(self.downwind)
                + ly[None, :, None] * self.across)

    def world_bounds(self, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """The world extent of a wind-frame box."""
        corners = np.array([[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]]])
        world = np.asarray(self.centre) + corners[:, :1] * np.asarray(self.downwind) + corners[:, 1:] * self.across
        return (*world.min(axis=0), *world.max(axis=0))


@dataclass
class WindDomain:
    """A wind-aligned voxel grid: solid cells, the building of each column, and how it sits in the world."""

    solid: np.ndarray          # (nx, ny, nz) bool
    building: np.ndarray       # (nx, ny) building index of the column's top, -1 open
    top: np.ndarray            # (nx, ny) height of the column's solid top (m): ground plus building
    ground: np.ndarray         # (nx, ny) height of the ground above the domain's floor (m); zero when flat
    dx: float
    z_edges: np.ndarray        # nz + 1
    centre: tuple[float, float]  # world point at wind-frame (0, 0)
    x0: float                  # wind-frame coordinates of the grid's lower-left corner
    y0: float
    downwind: np.ndarray       # world unit vector of +x
    epsg: int

    @property
    def shape(self) -> tuple[int, int, int]:
        """(nx, ny, nz)."""
        nx, ny, nz = self.solid.shape
        return nx, ny, nz

    @property
    def z_centres(self) -> np.ndarray:
        """Heights of the cell centres."""
        return 0.5 * (self.z_edges[1:] + self.z_edges[:-1])

    @property
    def lattice(self) -> Lattice:
        """Where its columns sit in the world."""
        nx, ny, _ = self.shape
        return Lattice(self.centre, (float(self.downwind[0]), float(self.downwind[1])), self.x0, self.y0, self.dx,
                       (nx, ny), self.epsg)


@dataclass
class WindField:
    """Face velocities of the adjusted field, the inflow profile and the pedestrian-level results."""

    domain: WindDomain
    u: np.ndarray   # (nx + 1, ny, nz) on x-faces
    v: np.ndarray   # (nx, ny + 1, nz) on y-faces
    w: np.ndarray   # (nx, ny, nz + 1) on z-faces
    reference_speed: float
    reference_height: float
    exponent: float
    max_divergence: float      # of the adjusted field, 1/s

    def profile(self, z) -> np.ndarray:
        """The undisturbed inflow speed at heights z."""
        return inflow_profile(z, self.reference_speed, self.reference_height, self.exponent)

    def centre_velocity(self, k: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(u, v, w) at the cell centres of level k[i, j] of each column, in the wind frame."""
        i, j = np.indices(k.shape)
        return (0.5 * (self.u[i + 1, j, k] + self.u[i, j, k]), 0.5 * (self.v[i, j + 1, k] + self.v[i, j, k]),
                0.5 * (self.w[i, j, k] + self.w[i, j, k + 1]))

    def levels(self, height: float) -> np.ndarray:
        """Per column, the level holding `height` above the column's ground."""
        edges = self.domain.z_edges
        k = np.searchsorted(edges, self.domain.ground + height, side="right") - 1
        return np.clip(k, 0, len(edges) - 2)


def vertical_edges(top: float, first: float = 1.0, growth: float = 1.2, largest: float = 30.0,
                   fine_to: float = 4.0) -> np.ndarray:
    """Level edges: `first` m thick up to `fine_to` m, then growing by `growth`, at most `largest`."""
    edges = [0.0]
    dz = first
    while edges[-1] < top:
        edges.append(edges[-1] + dz)
        if edges[-1] >= fine_to:
            dz = min(dz * growth, largest)
    return np.array(edges)


def inflow_profile(z, speed: float, height: float, exponent: float) -> np.ndarray:
    """The power-law inflow speed at heights z (m) above the ground, `speed` at `height`."""
    return speed * (np.maximum(np.asarray(z, dtype=float), 0.1) / height) ** exponent


def district_z0(massing: Massing, direction_deg: float) -> float:
    """The roughness length of the whole district for a wind direction (Macdonald et al. 1998)."""
    return morphometry(massing, shapely.box(*massing.bounds), direction_deg)["z0"]


def power_law_exponent(z0: float) -> float:
    """The power-law exponent of a profile over roughness z0 (Counihan 1975)."""
    logz = np.log10(max(z0, 1e-4))
    return float(np.clip(0.24 + 0.096 * logz + 0.016 * logz ** 2, 0.1, 0.45))


def morphometry(massing: Massing, area: shapely.Geometry, direction_deg: float) -> dict:
    """Plan and frontal area indices, roughness length and displacement height (Macdonald et al. 1998)."""
    plan = shapely.area(shapely.intersection(massing.footprints, area))
    total = area.area
    lambda_p = float(plan.sum() / total)
    theta = np.radians(direction_deg)
    across = np.array([np.cos(theta), -np.sin(theta)])  # perpendicular to the wind
    widths = []
    for footprint in massing.footprints:
        xy = shapely.get_coordinates(footprint)
        widths.append(float(np.ptp(xy @ across)))
    inside = plan > 0
    frontal = float((np.array(widths)[inside] * massing.height[inside]).sum())
    lambda_f = frontal / total
    mean_h = float(np.average(massing.height[inside], weights=plan[inside])) if inside.any() else 0.0
    if mean_h <= 0:
        return {"lambda_p": 0.0, "lambda_f": 0.0, "mean_height": 0.0, "zd": 0.0, "z0": 0.03}
    alpha, beta, cd = 4.43, 1.0, 1.2
    zd = mean_h * (1 + alpha ** (-lambda_p) * (lambda_p - 1))
    z0 = mean_h * (1 - zd / mean_h) * np.exp(-(0.5 * beta * cd / KAPPA ** 2 * (1 - zd / mean_h) * lambda_f) ** -0.5)
    return {"lambda_p": lambda_p, "lambda_f": lambda_f, "mean_height": mean_h, "zd": float(zd),
            "z0": float(max(z0, 0.01))}


def wind_domain(massing: Massing, direction_deg: float, dx: float = 2.0, top_factor: float = 3.0,
                margin: float | None = None, convergence_deg: float = 0.0, max_memory_gb: float = 8.0,
                extent: tuple[float, float, float, float] | None = None, terrain: Terrain | None = None,
                frame: WindFrame | None = None, box: tuple[float, float, float, float] | None = None) -> WindDomain:
    """Voxelise the massing, and the terrain where given, in a grid aligned with the wind from
    `direction_deg` (clockwise from north) over extent (default: the massing's). As a tile of the one-piece run
    `frame`, the grid is that run's: turned about its centre on its lattice of dx, with its levels and margins,
    and cut to its domain, so that the tiles of a city solve parts of one problem; box, a wind-frame box on that
    lattice, replaces extent's."""
    if not 0.0 <= direction_deg <= 360.0:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "the wind direction must be within 0-360 degrees, not {}"), direction_deg)
    if len(massing) == 0 and frame is None:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "there are no buildings"))
    downwind, across = _axes(direction_deg, convergence_deg)
    if frame is None:
        frame = WindFrame(extent or massing.bounds, float(massing.height.max()))
    centre, tallest = frame.centre, frame.tallest
    margin = _margin(dx, tallest) if margin is None else margin
    rotated = _rotate(massing, centre, downwind, across)
    xmin, ymin, xmax, ymax = box or _frame_box(extent or massing.bounds, centre, downwind, across, margin, dx)
    # A tile's domain ends where the one-piece run's does (its open boundary holds lambda = 0 there), not a halo
    # farther out.
    ax0, ay0, ax1, ay1 = _frame_box(frame.area, centre, downwind, across, margin, dx)
    xmin, ymin, xmax, ymax = max(xmin, ax0), max(ymin, ay0), min(xmax, ax1), min(ymax, ay1)
    x0, y_top, rows, cols = grid_for((xmin, ymin, xmax, ymax), dx, max_cells=10 ** 12)
    y0 = y_top - rows * dx
    # Checked before anything of the grid's size is allocated, with the fewest levels (flat ground); again below
    # once the relief is known.
    _check_memory(rows * cols * (len(vertical_edges(top_factor * tallest)) - 1), dx, max_memory_gb)
    ground = np.zeros((cols, rows))
    if terrain is not None:
        columns = Lattice(centre, (float(downwind[0]), float(downwind[1])), x0, y0, dx, (cols, rows), massing.epsg)
        ground = _ground(terrain, columns.column_centres(np.arange(cols)), frame.floor)
    relief = float(ground.max()) if frame.floor is None else frame.relief
    z_edges = _levels(relief, tallest, top_factor)
    _check_memory(rows * cols * (len(z_edges) - 1), dx, max_memory_gb)
    heights = height_grid(rotated, (xmin, ymin, xmax, ymax), dx)
    # (nx, ny) with y increasing; the heights to the micrometre, so that a roof's plane evaluated about another grid
    # origin (a tile's) gives the same solid cells where a roof meets a level's centre
    top = ground + np.round(heights.top[::-1, :].T, 6)
    building = heights.building[::-1, :].T.copy()
    z_centres = 0.5 * (z_edges[1:] + z_edges[:-1])
    solid = top[:, :, None] > z_centres[None, None, :]
    return WindDomain(solid, building, top, ground, dx, z_edges, centre, x0, y0, downwind, massing.epsg)


def frame_grid(frame: WindFrame, direction_deg: float, dx: float, convergence_deg: float = 0.0, epsg: int = 0,
               top_factor: float = 3.0) -> tuple[Lattice, np.ndarray]:
    """The lattice and the level edges of the one-piece run `frame` for a wind direction: the grid that
    `wind_domain` cuts every tile's domain from."""
    downwind, across = _axes(direction_deg, convergence_deg)
    box = _frame_box(frame.area, frame.centre, downwind, across, _margin(dx, frame.tallest), dx)
    x0, y_top, rows, cols = grid_for(box, dx, max_cells=10 ** 12)
    lattice = Lattice(frame.centre, (float(downwind[0]), float(downwind[1])), x0, y_top - rows * dx, dx,
                      (cols, rows), epsg)
    return lattice, _levels(frame.relief, frame.tallest, top_factor)


def frame_on_ground(frame: WindFrame, lattice: Lattice, terrain: Terrain) -> WindFrame:
    """The frame standing on the terrain where the one-piece run over lattice (`frame_grid`) stands: its floor the
    lowest ground under the grid's columns, its relief the highest above that (as `wind_domain` finds them alone)."""
    low, high = np.inf, -np.inf
    for rows in np.array_split(np.arange(lattice.columns[0]), max(1, lattice.columns[0] // 256)):  # a city's grid
        z = sample_points(terrain, lattice.column_centres(rows).reshape(-1, 2))
        if np.isfinite(z).any():
            low, high = min(low, float(np.nanmin(z))), max(high, float(np.nanmax(z)))
    if not np.isfinite(low):
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the DEM does not cover the wind domain"))
    return WindFrame(frame.area, frame.tallest, low, high - low)


def _levels(relief: float, tallest: float, top_factor: float) -> np.ndarray:
    """A domain's level edges: 1 m up to pedestrian height above the highest ground, to top_factor tallest buildings
    above it."""
    return vertical_edges(relief + top_factor * tallest, fine_to=relief + 4.0)


def zone_reach(heights: np.ndarray, sizes: np.ndarray) -> tuple[float, float]:
    """How far upwind and downwind of a cell the buildings whose zones reach it may stand (m), from their heights
    and sizes (the diagonals of their footprints' bounding boxes): behind its own length, a building's lee cavity
    and wake (three cavity lengths, as `_zones` scans them, at their longest: as wide across the wind as the
    diagonal, as short along it as the formula allows), and in front of it its upwind displacement zone."""
    h, d = np.maximum(np.asarray(heights, dtype=float), 1e-3), np.asarray(sizes, dtype=float)
    cavity = 1.8 * d / (0.3 ** 0.3 * (1.0 + 0.24 * d / h))
    front = 1.5 * d / (1.0 + 0.8 * d / h)
    return float((3.0 * cavity + d).max(initial=0.0)), float((front + d).max(initial=0.0))


def _axes(direction_deg: float, convergence_deg: float) -> tuple[np.ndarray, np.ndarray]:
    """World unit vectors of the wind frame's x (downwind, the grid's north turned by the convergence) and y."""
    grid_direction = np.radians(direction_deg + convergence_deg)
    downwind = -np.array([np.sin(grid_direction), np.cos(grid_direction)])
    return downwind, np.array([-downwind[1], downwind[0]])


def _margin(dx: float, tallest: float) -> float:
    """The open margin around the buildings (m): the tallest building, at most 60 m, at least three cells."""
    return max(3.0 * dx, min(tallest, 60.0))


def _frame_box(bounds, centre, downwind, across, margin: float, dx: float):
    """The wind-frame box of a world extent with its margins (twice downwind, for the wakes), on the lattice."""
    corners = np.array([[bounds[0], bounds[1]], [bounds[2], bounds[1]], [bounds[2], bounds[3]], [bounds[0], bounds[3]]])
    local = (corners - np.asarray(centre)) @ np.column_stack((downwind, across))
    xmin, ymin = local.min(axis=0) - margin
    xmax, ymax = local.max(axis=0) + margin
    return snap((xmin, ymin, xmax + 2 * margin, ymax), dx)


def _check_memory(cells: int, dx: float, max_memory_gb: float) -> None:
    """Refuse a domain whose solve would need more than max_memory_gb, saying which cell size would fit."""
    need = cells * BYTES_PER_CELL / 1e9
    if need > max_memory_gb:
        coarser = dx * (need / max_memory_gb) ** 0.5
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "the wind domain would need about {:.1f} GB ({:.0f} million cells); the limit is {:g} GB: "
                        "use cells of {:.1f} m or a smaller extent"), need, cells / 1e6, max_memory_gb, coarser)


def _ground(terrain: Terrain, xy: np.ndarray, floor: float | None = None) -> np.ndarray:
    """The terrain at the world points xy (nx, ny, 2) of the columns, above floor (default: its lowest point, the
    domain's floor); columns the DEM does not cover take the nearest covered column's height (no cliff at its
    edge)."""
    z = sample_points(terrain, xy.reshape(-1, 2)).reshape(xy.shape[:2])
    missing = ~np.isfinite(z)
    if missing.all():
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the DEM does not cover the wind domain"))
    if missing.any():
        nearest = ndimage.distance_transform_edt(missing, return_distances=False, return_indices=True)
        z = z[tuple(nearest)]
    return z - (z.min() if floor is None else floor)


def _rotate(massing: Massing, centre, downwind: np.ndarray, across: np.ndarray) -> Massing:
    """The massing in wind-frame coordinates (x downwind, y across)."""
    def to_local(xy: np.ndarray) -> np.ndarray:
        shifted = xy - np.asarray(centre)
        return np.column_stack((shifted @ downwind, shifted @ across))

    footprints = shapely.transform(massing.footprints, to_local)
    roofs = None
    if massing.roofs is not None:
        roofs = massing.roofs.with_rings([np.column_stack((to_local(r[:, :2]), r[:, 2])) for r in massing.roofs.rings])
    return Massing(footprints, massing.height, massing.ids, massing.epsg, roofs)


def initial_field(domain: WindDomain, massing: Massing, speed: float, height: float, exponent: float,
                  is_canceled: Callable[[], bool] | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The inflow profile with the empirical building zones, on the staggered faces."""
    nx, ny, nz = domain.shape
    z = domain.z_centres
    padded = np.concatenate((domain.ground[:1], domain.ground, domain.ground[-1:]))
    face_ground = np.maximum(padded[1:], padded[:-1])  # (nx + 1, ny): the higher ground beside each x-face
    u = speed * (np.maximum(z - face_ground[:, :, None], 0.1) / height) ** exponent
    extents = _extents(massing, domain)
    heights = domain.top - domain.ground
    v = np.zeros((nx, ny + 1, nz))
    w = np.zeros((nx, ny, nz + 1))
    in_chunks(ny, lambda j0, j1: _zones(u, v, w, domain.building, heights, domain.ground, z, domain.z_edges, speed,
                                        height, exponent, domain.dx, domain.y0, extents, j0, j1),
              is_canceled, "the wind solve")
    _close_solid_faces(domain.solid, u, v, w)
    return u, v, w


def _extents(massing: Massing, domain: WindDomain) -> np.ndarray:
    """Per building, in the wind frame: effective width across the wind and length along it (footprint area over
    the extent along and across the wind, as QUIC-URB's polygon buildings), the centroid's y and the footprint's
    lowest and highest y. Columns (width, length, centre, low, high)."""
    across = np.array([-domain.downwind[1], domain.downwind[0]])
    out = np.zeros((len(massing), 5))
    for i, footprint in enumerate(massing.footprints):
        xy = shapely.get_coordinates(footprint) - np.asarray(domain.centre)
        along, side = xy @ domain.downwind, xy @ across
        area = footprint.area
        out[i] = (area / max(np.ptp(along), 1e-9), area / max(np.ptp(side), 1e-9),
                  (shapely.centroid(footprint).coords[0] - np.asarray(domain.centre)) @ across, side.min(), side.max())
    return out


@numba.njit(cache=True)
def _inflow(speed, z, zref, p):
    """The power-law inflow at height z above the ground."""
    return speed * (max(z, 0.1) / zref) ** p


@numba.njit(cache=True)
def _row_end(building, b, i, j):
    """The first column after building b's solid run through column i of row j; -1 when b is not at (i, j)."""
    nx, ny = building.shape
    if j < 0 or j >= ny or building[i, j] != b:
        return -1
    while i < nx and building[i, j] == b:
        i += 1
    return i


@numba.njit(cache=True)
def _row_start(building, b, i, j):
    """The first column of building b's solid run through column i of row j; -1 when b is not at (i, j)."""
    nx, ny = building.shape
    if j < 0 or j >= ny or building[i, j] != b:
        return -1
    while i > 0 and building[i - 1, j] == b:
        i -= 1
    return i


@numba.njit(cache=True)
def _face_slope(building, b, i, j, lee):
    """The slope (columns per row) of building b's lee (or windward) face in row j, i: a column of its run, from
    the face's position in the neighbouring rows; 0 for a face square to the wind."""
    if lee:
        up, down, here = _row_end(building, b, i, j + 1), _row_end(building, b, i, j - 1), _row_end(building, b, i, j)
    else:
        up, down = _row_start(building, b, i, j + 1), _row_start(building, b, i, j - 1)
        here = _row_start(building, b, i, j)
    if up >= 0 and down >= 0:
        return 0.5 * (up - down)
    if up >= 0:
        return float(up - here)
    if down >= 0:
        return float(here - down)
    return 0.0


@numba.njit(cache=True)
def _zones(u, v, w, building, top, ground, z, zf, speed, zref, p, dx, y0, extents, j0, j1):
    """Röckle-type zones, row by row along the wind (rows j0 to j1): upwind displacement, rooftop and sidewall
    recirculation, lee cavity and wake, and street canyons. top: building heights; heights in the zones count
    from each column's ground; zf: the level edges; y0: the grid's lowest y; extents: as `_extents`."""
    nx1, ny, nz = u.shape
    nx = nx1 - 1
    for j in range(j0, j1):
        i = 0
        while i < nx:
            if top[i, j] <= 0.0:
                i += 1
                continue
            start = i
            b = building[i, j]
            h = 0.0
            while i < nx and top[i, j] > 0.0:
                h = max(h, top[i, j])
                i += 1
            end = i  # first open column after the obstacle
            w_b, l_b = max(extents[b, 0], dx), max(extents[b, 1], dx)
            uh = _inflow(speed, h, zref, p)
            # Upwind displacement zone (Röckle): an ellipsoid of slowed flow in front of the windward face.
            lf = 1.5 * w_b / (1.0 + 0.8 * w_b / h)
            for ii in range(start - 1, -1, -1):
                d = (start - ii - 0.5) * dx
                if d > lf or top[ii, j] > 0.0:
                    break
                for k in range(nz):
                    zk = z[k] - ground[ii, j]
                    if zk >= 0.6 * h:
                        break
                    if d < lf * np.sqrt(1.0 - (zk / (0.6 * h)) ** 2):
                        u[ii + 1, j, k] = 0.4 * _inflow(speed, zk, zref, p)
            # Rooftop recirculation over the leading part of the roof.
            bs, bl = min(h, w_b), max(h, w_b)
            r = bs ** (2.0 / 3.0) * bl ** (1.0 / 3.0)
            hc, lc = 0.22 * r, 0.9 * r
            for ii in range(start, end):
                d = (ii - start + 0.5) * dx
                if d > lc:
                    break
                reach = hc * np.sqrt(max(0.0, 1.0 - ((d - 0.5 * lc) / (0.5 * lc)) ** 2))
                for k in range(nz):
                    above = z[k] - ground[ii, j] - top[ii, j]
                    if 0.0 < above < reach:
                        u[ii + 1, j, k] = -0.5 * uh * (1.0 - above / max(reach, 1e-6))
            # Sidewall recirculation (Hayati et al. 2017, as in QES-Winds) beside a side face along the wind: a
            # half-ellipse of reversed flow from the windward corner, R's length and 0.11 R wide, in a layer
            # where the flow recovers logarithmically.
            if (end - start) * dx >= 0.9 * l_b:
                _sidewall(u, top, ground, z, dx, start, end, j, h, 0.9 * r, 0.11 * r)
            # Lee cavity and wake (cavity length after Fackrell 1984); a canyon where a building stands in it.
            lr = h * 1.8 * (w_b / h) / ((min(max(l_b / h, 0.3), 3.0)) ** 0.3 * (1.0 + 0.24 * w_b / h))
            y = y0 + (j + 0.5) * dx - extents[b, 2]
            edge = extents[b, 4] - extents[b, 2] if y >= 0.0 else extents[b, 2] - extents[b, 3]
            across = min(abs(y) / max(edge, 1e-6), 1.0)
            slope = _face_slope(building, b, end - 1, j, True)
            lr_row = lr / np.sqrt(1.0 + slope * slope) * np.sqrt(1.0 - across * across)
            strength = np.sqrt(1.0 - across)
            nxt = end
            while nxt < nx and top[nxt, j] <= 0.0 and (nxt - end) * dx < 3.0 * lr_row:
                nxt += 1
            gap = (nxt - end) * dx
            canyon = nxt < nx and top[nxt, j] > 0.0 and gap <= lr_row
            if canyon:
                # The street's axis from the downwind building's windward face: the wind splits into a
                # component along the street, which keeps the approach profile, and a cross-street vortex
                # (Singh et al. 2008; Nelson et al. 2008).
                s = _face_slope(building, building[nxt, j], nxt, j, False)
                norm = 1.0 + s * s
                hh = min(h, top[nxt, j])
                lift = 4.0 * uh * hh / gap  # w over (1 - 2 xi) zeta (1 - zeta): the cross flow diverges as uh / gap
            for ii in range(end, nxt):
                d = (ii - end + 0.5) * dx
                for k in range(nz):
                    zk = z[k] - ground[ii, j]
                    if canyon:
                        if zk < hh:
                            # The vortex as a stream function psi = -U hh 4 xi (1 - xi) zeta (1 - zeta), so that
                            # it is divergence-free and the adjustment keeps it: reversed at the floor, with the
                            # wind at the top, down the downwind wall and up the upwind one.
                            xi, zeta = d / gap, zk / hh
                            along = _inflow(speed, zk, zref, p) / norm  # wind . t, t = (s, 1) / sqrt(norm)
                            cross = -uh / np.sqrt(norm) * 4.0 * xi * (1.0 - xi) * (1.0 - 2.0 * zeta)
                            u[ii + 1, j, k] = along * s * s + cross / np.sqrt(norm)
                            v[ii, j, k] = along * s - cross * s / np.sqrt(norm)
                            zeta = (zf[k] - ground[ii, j]) / hh
                            if zeta > 0.0:
                                w[ii, j, k] = lift * (1.0 - 2.0 * xi) * zeta * (1.0 - zeta)
                        continue
                    if zk >= h:
                        break
                    shape = lr_row * np.sqrt(1.0 - (zk / h) ** 2)
                    if d < shape:
                        u[ii + 1, j, k] = -uh * (1.0 - d / shape) ** 2 * strength
                    elif d < 3.0 * shape:
                        u[ii + 1, j, k] = _inflow(speed, zk, zref, p) * (1.0 - (shape / d) ** 1.5)


@numba.njit(cache=True)
def _sidewall(u, top, ground, z, dx, start, end, j, h, length, width):
    """Reversed flow and a logarithmic recovery beside the run start..end of row j where a side row is open."""
    nx1, ny, nz = u.shape
    z0 = 0.001  # wall roughness (m), QES-Winds' default
    spread = width / np.sqrt(0.5 * length)  # the recovering layer is spread * sqrt(x) wide
    reach = int(np.ceil(spread * np.sqrt(max(length, (end - start) * dx)) / dx)) + 1
    for side in (-1, 1):
        edge = j + side
        if edge < 0 or edge >= ny:
            continue
        exposed = True
        for ii in range(start, end):
            if top[ii, edge] > 0.0:
                exposed = False
        if not exposed:
            continue
        for ii in range(start, min(nx1 - 1, start + int(np.ceil(max(length, (end - start) * dx) / dx)))):
            x = (ii - start + 0.5) * dx
            shell = width * np.sqrt(max(0.0, 1.0 - ((0.5 * length - x) / (0.5 * length)) ** 2))
            layer = spread * np.sqrt(x)
            for n in range(1, reach + 1):
                jj = j + side * n
                if jj < 0 or jj >= ny or top[ii, jj] > 0.0:
                    break
                y = (n - 0.5) * dx
                if y > max(shell, layer):
                    break
                for k in range(nz):
                    if z[k] - ground[ii, jj] >= h:
                        break
                    if y <= shell:
                        u[ii + 1, jj, k] = -u[ii + 1, jj, k] * (shell - y) / width
                    else:
                        u[ii + 1, jj, k] *= np.log((y + z0) / z0) / np.log((layer + z0) / z0)


def _close_solid_faces(solid, u, v, w) -> None:
    """No flow through a face touching a solid cell or the ground."""
    nx, ny, nz = solid.shape
    pad = np.zeros((nx + 2, ny, nz), dtype=bool)
    pad[1:-1] = solid
    u[pad[1:] | pad[:-1]] = 0.0
    pad = np.zeros((nx, ny + 2, nz), dtype=bool)
    pad[:, 1:-1] = solid
    v[pad[:, 1:] | pad[:, :-1]] = 0.0
    pad = np.zeros((nx, ny, nz + 2), dtype=bool)
    pad[:, :, 1:-1] = solid
    w[pad[:, :, 1:] | pad[:, :, :-1]] = 0.0
    w[:, :, 0] = 0.0  # the ground


def divergence(domain: WindDomain, u, v, w) -> np.ndarray:
    """Net outflow per unit volume of each cell (1/s); zero inside solids by construction."""
    dz = np.diff(domain.z_edges)
    return ((u[1:] - u[:-1]) / domain.dx + (v[:, 1:] - v[:, :-1]) / domain.dx
            + (w[:, :, 1:] - w[:, :, :-1]) / dz[None, None, :])


def conductances(domain: WindDomain) -> poisson.Level:
    """The mass-consistency operator's face conductances (face area over centre distance): zero at solids
    and the ground; the open sides and top hold lambda = 0 half a cell outside."""
    return face_conductances(domain.solid, domain.dx, domain.z_edges)


def face_conductances(solid: np.ndarray, dx: float, z_edges: np.ndarray) -> poisson.Level:
    """`conductances` of a grid of solid cells (nx, ny, nz), its columns dx wide, its levels between z_edges."""
    dz = np.diff(z_edges)
    zc = 0.5 * (z_edges[1:] + z_edges[:-1])
    fluid = ~solid
    nx, ny, nz = solid.shape
    gx = np.zeros((nx + 1, ny, nz))
    gx[1:-1] = fluid[1:] & fluid[:-1]
    gx[0], gx[-1] = 2.0 * fluid[0], 2.0 * fluid[-1]
    gx *= dz
    gy = np.zeros((nx, ny + 1, nz))
    gy[:, 1:-1] = fluid[:, 1:] & fluid[:, :-1]
    gy[:, 0], gy[:, -1] = 2.0 * fluid[:, 0], 2.0 * fluid[:, -1]
    gy *= dz
    gz = np.zeros((nx, ny, nz + 1))
    gz[:, :, 1:-1] = (fluid[:, :, 1:] & fluid[:, :, :-1]) * (dx * dx / (zc[1:] - zc[:-1]))
    gz[:, :, -1] = fluid[:, :, -1] * (dx * dx / (dz[-1] / 2))
    return poisson.level(gx, gy, gz)


def adjust(domain: WindDomain, u, v, w, tolerance: float = DIVERGENCE_TOLERANCE,
           is_canceled: Callable[[], bool] | None = None) -> float:
    """Make (u, v, w) divergence-free in place with the least change (Sasaki): u += grad(lambda), until
    no open cell's divergence exceeds tolerance (1/s).

    Returns the largest remaining |divergence| in open cells; InterruptedError once is_canceled() is true.
    """
    dx = domain.dx
    dz = np.diff(domain.z_edges)
    fluid = ~domain.solid
    volume = dx * dx * dz
    flux = np.where(fluid, divergence(domain, u, v, w) * volume, 0.0)
    check(is_canceled, "the wind solve")
    operator = conductances(domain)
    check(is_canceled, "the wind solve")
    lam, _ = poisson.solve(operator, flux, volume, tolerance, is_canceled=is_canceled)
    add_gradient(u, v, w, lam, domain.solid, dx, domain.z_edges)
    return float(np.abs(divergence(domain, u, v, w)[fluid]).max())


def add_gradient(u: np.ndarray, v: np.ndarray, w: np.ndarray, lam: np.ndarray, solid: np.ndarray, dx: float,
                 z_edges: np.ndarray) -> None:
    """Add grad(lambda) to the face velocities in place: (lambda_next - lambda_here) / distance between open cells,
    the open boundaries seeing lambda = 0 half a cell outside."""
    fluid = ~solid
    dz = np.diff(z_edges)
    zc = 0.5 * (z_edges[1:] + z_edges[:-1])
    u[1:-1] += np.where(fluid[1:] & fluid[:-1], (lam[1:] - lam[:-1]) / dx, 0.0)
    u[0] += np.where(fluid[0], lam[0] / (dx / 2), 0.0)
    u[-1] += np.where(fluid[-1], -lam[-1] / (dx / 2), 0.0)
    v[:, 1:-1] += np.where(fluid[:, 1:] & fluid[:, :-1], (lam[:, 1:] - lam[:, :-1]) / dx, 0.0)
    v[:, 0] += np.where(fluid[:, 0], lam[:, 0] / (dx / 2), 0.0)
    v[:, -1] += np.where(fluid[:, -1], -lam[:, -1] / (dx / 2), 0.0)
    w[:, :, 1:-1] += np.where(fluid[:, :, 1:] & fluid[:, :, :-1],
                              (lam[:, :, 1:] - lam[:, :, :-1]) / (zc[1:] - zc[:-1])[None, None, :], 0.0)
    w[:, :, -1] += np.where(fluid[:, :, -1], -lam[:, :, -1] / (dz[-1] / 2), 0.0)


def solve_wind(massing: Massing, direction_deg: float, speed: float = 5.0, height: float = 10.0,
               dx: float = 2.0, z0: float | None = None, convergence_deg: float = 0.0,
               max_memory_gb: float = 8.0, extent=None, terrain: Terrain | None = None,
               is_canceled: Callable[[], bool] | None = None, frame: WindFrame | None = None) -> WindField:
    """The adjusted wind field for one direction and a reference speed at a reference height (above the
    ground), over the terrain where given, alone or as a tile of the one-piece run `frame` (`wind_domain`);
    InterruptedError once is_canceled() is true."""
    if speed <= 0 or height <= 0:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the reference speed and height must be positive"))
    domain = wind_domain(massing, direction_deg, dx, convergence_deg=convergence_deg, max_memory_gb=max_memory_gb,
                         extent=extent, terrain=terrain, frame=frame)
    if z0 is None:
        z0 = district_z0(massing, direction_deg)
    exponent = power_law_exponent(z0)
    check(is_canceled, "the wind solve")
    u, v, w = initial_field(domain, massing, speed, height, exponent, is_canceled)
    residual = adjust(domain, u, v, w, is_canceled=is_canceled)
    return WindField(domain, u, v, w, speed, height, exponent, residual)


@dataclass
class PedestrianWind:
    """North-up rasters at pedestrian height: speed (m/s), ratio to the undisturbed speed, and the flow
    direction (degrees the air moves towards, clockwise from grid north); NaN inside buildings."""

    speed: Raster
    ratio: Raster
    towards: Raster
    height: float


@dataclass
class Columns:
    """The wind at one height above the ground, per column of a wind-aligned grid (nx, ny): its wind-frame
    components at the cell centre, that centre's height above the ground, and whether it is inside a building."""

    u: np.ndarray
    v: np.ndarray
    above_ground: np.ndarray
    solid: np.ndarray


def pedestrian_columns(field: WindField, height: float = 1.5) -> Columns:
    """The field at `height` above each column's ground."""
    domain = field.domain
    k = field.levels(height)
    uc, vc, _ = field.centre_velocity(k)
    solid = np.take_along_axis(domain.solid, k[:, :, None], axis=2)[:, :, 0]
    return Columns(uc, vc, domain.z_centres[k] - domain.ground, solid)


def pedestrian_level(field: WindField, height: float = 1.5, cell: float | None = None,
                     extent: tuple[float, float, float, float] | None = None) -> PedestrianWind:
    """Resample the wind-frame field at pedestrian height onto a north-up grid over extent."""
    domain = field.domain
    return sample_columns(domain.lattice, pedestrian_columns(field, height), field.profile, cell or domain.dx,
                          extent)


def sample_columns(lattice: Lattice, columns: Columns, profile: Callable[[np.ndarray], np.ndarray], cell: float,
                   extent: tuple[float, float, float, float] | None = None) -> PedestrianWind:
    """The columns' wind on a north-up grid over extent (default: the lattice's), nearest column; the ratio is to
    profile(height above the ground), the undisturbed speed."""
    nx, ny = lattice.columns
    if extent is None:
        extent = lattice.world_bounds(lattice.box)
    grid = Raster.blank(extent, cell, lattice.epsg)
    i, j = lattice.column_of(*np.meshgrid(*grid.cell_centres()))
    inside = (i >= 0) & (i < nx) & (j >= 0) & (j < ny)
    i, j = np.clip(i, 0, nx - 1), np.clip(j, 0, ny - 1)
    uc, vc = np.asarray(columns.u[i, j]), np.asarray(columns.v[i, j])
    above_ground = np.asarray(columns.above_ground[i, j])
    across = lattice.across
    world_u = uc * lattice.downwind[0] + vc * across[0]
    world_v = uc * lattice.downwind[1] + vc * across[1]
    speed = np.hypot(world_u, world_v)
    blocked = ~inside | np.asarray(columns.solid[i, j])
    speed = np.where(blocked, np.nan, speed)
    towards = np.where(blocked, np.nan, np.degrees(np.arctan2(world_u, world_v)) % 360.0)
    ratio = speed / profile(above_ground)
    return PedestrianWind(grid.like(speed), grid.like(ratio), grid.like(towards), float(np.median(above_ground)))
