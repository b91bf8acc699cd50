"""Buildings as obstacles to sun and wind: footprints with heights, LOD2 roofs where known, and the
height grid (a 2.5D surface model) that shadow, solar and wind analyses share."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import geopandas as gpd
import numba
import numpy as np
import shapely

from . import intake as rules
from .citymodel import District, Terrain
from .errors import QT_TRANSLATE_NOOP, UrbanTwinError
from .geometry import newell_normals
from .raster import NorthUpGrid


@dataclass
class Roofs:
    """LOD2 roof polygons of a massing: exterior rings (x, y, z above their building's ground), the building
    (index into the massing) each belongs to, and the row of the roofs table each came from."""

    rings: list[np.ndarray]
    building: np.ndarray
    source: np.ndarray

    def __len__(self) -> int:
        return len(self.rings)

    def covered(self, buildings: int) -> np.ndarray:
        """A mask over the massing's buildings: True where LOD2 roofs stand for the block's top."""
        mask = np.zeros(buildings, dtype=bool)
        mask[self.building] = True
        return mask

    def with_rings(self, rings: list[np.ndarray]) -> Roofs:
        """The same roofs with their rings moved (same owners and sources)."""
        return Roofs(rings, self.building, self.source)

    def keep(self, renumber: np.ndarray) -> Roofs | None:
        """The roofs of the buildings that renumber (old index -> new, -1 dropped) keeps, or None."""
        kept = np.flatnonzero(renumber[self.building] >= 0)
        if not len(kept):
            return None
        return Roofs([self.rings[i] for i in kept], renumber[self.building[kept]], self.source[kept])


@dataclass
class Massing:
    """Each building's footprint (2D), its height above its own ground, and its LOD2 roof polygons.

    Roof heights are kept relative to the building's ground, so a building stands on whatever ground
    it is placed on (a DEM, or a flat plane), even where the DEM and the city model disagree.
    """

    footprints: np.ndarray          # shapely (Multi)Polygons
    height: np.ndarray              # m above the building's ground
    ids: np.ndarray                 # building ids, for the results
    epsg: int
    roofs: Roofs | None = None                   # LOD2 roofs, where known
    ground: np.ndarray | None = None             # each building's ground height (absolute, m), NaN unknown
    intake: rules.Intake | None = None           # the buildings the layer held: used, skipped and why, repaired

    def __len__(self) -> int:
        return len(self.footprints)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax) of all footprints."""
        return tuple(shapely.total_bounds(self.footprints))

    def select(self, rows: np.ndarray) -> Massing:
        """The massing of some buildings only (rows: indices or a boolean mask)."""
        rows = np.flatnonzero(rows) if np.asarray(rows).dtype == bool else np.asarray(rows, dtype=np.int64)
        ground = None if self.ground is None else self.ground[rows]
        roofs = None
        if self.roofs is not None:
            renumber = np.full(len(self), -1)
            renumber[rows] = np.arange(len(rows))
            roofs = self.roofs.keep(renumber)
        return Massing(self.footprints[rows], self.height[rows], self.ids[rows], self.epsg, roofs, ground)

    def has_roofs(self) -> np.ndarray:
        """A mask over the buildings: True where LOD2 roofs stand for the block's top."""
        return self.roofs.covered(len(self)) if self.roofs is not None else np.zeros(len(self), dtype=bool)


def massing_from_district(district: District) -> Massing:
    """The massing of a district: footprints and heights of its buildings, roofs from its LOD2 surfaces."""
    return massing_from_frames(district.buildings, district.roofs)


def massing_from_frames(buildings: gpd.GeoDataFrame, roofs: gpd.GeoDataFrame | None = None,
                        height_field: str = "height", id_field: str = "gml_id") -> Massing:
    """A massing from a footprint layer (with a height column) and, optionally, LOD2 roof polygons.

    roofs: 3D polygons with a `building_id` column matching the buildings' id column.
    """
    if buildings is None or len(buildings) == 0:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the buildings layer is empty"))
    if buildings.crs is None:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the buildings layer has no CRS"))
    if not buildings.crs.is_projected:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "the buildings layer is in a geographic CRS: use a projected one in metres (the "
                        "plane-rectangular zone that loadcitygml gives)"))
    if height_field not in buildings.columns:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the buildings layer has no '{}' column"), height_field)
    footprints, reason, repaired = rules.clean_geometries(shapely.force_2d(buildings.geometry.to_numpy()),
                                                          polygons=True)
    height, height_reason = rules.height_reasons(buildings[height_field])
    reason = np.where(reason == None, height_reason, reason)  # noqa: E711 - a geometry reason comes first
    all_ids = (buildings[id_field] if id_field in buildings.columns else buildings.index).astype(str).to_numpy()
    account = rules.intake_of(all_ids, reason, repaired)
    usable = reason == None  # noqa: E711
    if not usable.any():
        raise _none_usable(account, height_field)
    frame = buildings[usable]
    ground = frame["ground_z"].to_numpy(dtype=float) if "ground_z" in frame.columns else None
    massing = Massing(footprints[usable], height[usable], all_ids[usable], frame.crs.to_epsg(), ground=ground,
                      intake=account)
    if roofs is not None and len(roofs) and "building_id" in roofs.columns:
        _attach_roofs(massing, frame, roofs)
    return massing


def _none_usable(account: rules.Intake, height_field: str) -> UrbanTwinError:
    """The error when no building can be used: what is wrong with their geometries, else with their heights."""
    reasons = account.reasons()
    if all(reason in rules.GEOMETRY_REASONS for reason in reasons):
        return UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "none of the {} buildings has a usable geometry: {} empty or NULL, {} with a vertex at "
                        "infinity or NaN, {} without area or not a polygon"), len(account.skipped),
            reasons.get(rules.EMPTY, 0) + reasons.get(rules.NO_GEOMETRY, 0), reasons.get(rules.NOT_FINITE, 0),
            reasons.get(rules.NO_AREA, 0) + reasons.get(rules.NOT_POLYGON, 0))
    return UrbanTwinError(QT_TRANSLATE_NOOP(
        "@default", "no building has a usable '{}' (a number above 0 and at most {:g} m): {} have none, {} are zero "
                    "or negative, {} are higher"), height_field, rules.MAX_HEIGHT_M, reasons.get(rules.NO_HEIGHT, 0),
        reasons.get(rules.NOT_POSITIVE, 0), reasons.get(rules.TOO_TALL, 0))


def _attach_roofs(massing: Massing, frame: gpd.GeoDataFrame, roofs: gpd.GeoDataFrame) -> None:
    row_of = {bid: i for i, bid in enumerate(massing.ids)}
    rings, owners, sources = [], [], []
    for source, (bid, polygon) in enumerate(zip(roofs["building_id"].astype(str), roofs.geometry)):
        row = row_of.get(bid)
        if row is None or polygon is None or not shapely.has_z(polygon):
            continue
        if not np.isfinite(shapely.get_coordinates(polygon, include_z=True)).all():
            if massing.intake is not None:
                massing.intake.roofs_skipped += 1
            continue
        for part in getattr(polygon, "geoms", [polygon]):
            rings.append(np.asarray(part.exterior.coords, dtype=float))
            owners.append(row)
            sources.append(source)
    if not rings:
        return
    owner_rows = np.array(owners, dtype=np.int64)
    # The ground under the roofs: the building's ground_z where known, else its highest roof point
    # less its height.
    highest = np.full(len(massing), -np.inf)
    np.maximum.at(highest, owner_rows, [r[:, 2].max() for r in rings])
    base = highest - massing.height
    if "ground_z" in frame.columns:
        ground = frame["ground_z"].to_numpy(dtype=float)
        base = np.where(np.isfinite(ground), ground, base)
    relative = [np.column_stack((r[:, :2], r[:, 2] - base[o])) for r, o in zip(rings, owner_rows)]
    massing.roofs = Roofs(relative, owner_rows, np.array(sources, dtype=np.int64))


@dataclass
class HeightGrid(NorthUpGrid):
    """A north-up grid of the ground and of the top of what stands on it (ground where nothing does).

    building[r, c] is the index (into the massing) of the building over the cell, -1 for open ground;
    surface[r, c] the roof plane (or flat top) that makes the cell's top, -1 for open ground, and
    gradient[s] that plane's (dz/dx, dz/dy). Grids built by hand may leave both out.
    """

    ground: np.ndarray
    top: np.ndarray
    building: np.ndarray
    x0: float
    y0: float
    cell: float
    epsg: int
    surface: np.ndarray | None = None
    gradient: np.ndarray | None = None
    #: Where a footprint's boundary passes by a cell (a building's outline cells, and the open cells beside
    #: one): the footprint's part of the cell, as up to two half-planes n.p <= d, p from the cell's centre in
    #: cells along the columns (east) and the rows (south) (float32 (rows, cols, 6): n1 columns, n1 rows, d1,
    #: n2 ..., d2), and how they combine (edge_mode: 0 none, 1 the first, 2 both (a convex corner), 3 either
    #: (a concave one)). Shadows then start at the true edges.
    edge: np.ndarray | None = None
    edge_mode: np.ndarray | None = None
    #: For open cells beside a building (its footprint may reach into them): that building's top there;
    #: -inf elsewhere.
    fringe_top: np.ndarray | None = None

    def part(self, rows: slice, cols: slice) -> HeightGrid:
        """The grid of some rows and columns only (views, not copies)."""
        def cut(a: np.ndarray | None) -> np.ndarray | None:
            return None if a is None else a[rows, cols]
        return dataclasses.replace(self, ground=self.ground[rows, cols], top=self.top[rows, cols],
                                   building=self.building[rows, cols], x0=self.x0 + cols.start * self.cell,
                                   y0=self.y0 - rows.start * self.cell, surface=cut(self.surface),
                                   edge=cut(self.edge), edge_mode=cut(self.edge_mode),
                                   fringe_top=cut(self.fringe_top))

    @property
    def values(self) -> np.ndarray:  # type: ignore[override]  # a view of `top`, read-only by design
        """The top heights."""
        return self.top


def grid_for(bounds: tuple[float, float, float, float], cell: float, max_cells: int = 60_000_000
             ) -> tuple[float, float, int, int]:
    """Origin (x0, top y0) and size of a grid of square cells covering bounds; too large is an error."""
    if not cell > 0:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the cell size must be positive, not {}"), cell)
    xmin, ymin, xmax, ymax = bounds
    cols = max(1, int(np.ceil((xmax - xmin) / cell)))
    rows = max(1, int(np.ceil((ymax - ymin) / cell)))
    if rows * cols > max_cells:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "a {} x {} grid at {} m is too large ({:.0f} million cells, limit {:.0f} million): choose a "
                        "smaller extent or larger cells"), cols, rows, cell, rows * cols / 1e6, max_cells / 1e6)
    return float(xmin), float(ymax), rows, cols


def height_grid(massing: Massing, bounds: tuple[float, float, float, float], cell: float,
                terrain: Terrain | None = None, base_z: float = 0.0, outlines: bool = False) -> HeightGrid:
    """Rasterise the massing (roofs as planes where known, flat tops elsewhere) over the ground.

    The ground is the terrain sampled at cell centres where given (base_z where it has no value),
    else a flat plane at base_z. outlines: also the footprints' parts of the cells their boundaries pass by
    (HeightGrid.edge; only shadows use them).
    """
    x0, y0, rows, cols = grid_for(bounds, cell)
    grid = HeightGrid(np.full((rows, cols), base_z, dtype=np.float64), np.zeros((rows, cols)),
                      np.full((rows, cols), -1, dtype=np.int32), x0, y0, cell, massing.epsg)
    if terrain is not None:
        xs, ys = grid.cell_centres()
        sampled = sample_terrain(terrain, xs, ys)
        grid.ground = np.where(np.isfinite(sampled), sampled, base_z)
    relative = np.zeros((rows, cols))
    surface = np.full((rows, cols), -1, dtype=np.int32)
    # Surfaces: the roof rings first, then the footprint parts of the buildings without roofs.
    surface_building, gradients = [np.zeros(0, dtype=np.int64)], [np.zeros((0, 2))]
    if massing.roofs is not None:
        coords = np.concatenate(massing.roofs.rings)
        offsets = np.concatenate(([0], np.cumsum([len(r) for r in massing.roofs.rings])))
        normals = newell_normals(coords, offsets)
        steep = np.abs(normals[:, 2]) < 1e-6 * np.linalg.norm(normals, axis=1)
        centroids = np.add.reduceat(coords, offsets[:-1]) / np.diff(offsets)[:, None]
        a, b, c = plane_coefficients(normals, centroids, steep)
        fill_polygons(coords[:, :2].copy(), offsets, np.arange(len(offsets)), a, b, c,
                      np.arange(len(massing.roofs), dtype=np.int64), x0, y0, cell, relative, surface)
        surface_building.append(massing.roofs.building.astype(np.int64))
        gradients.append(np.column_stack((a, b)))
    flat = np.flatnonzero(~massing.has_roofs())
    if len(flat):
        parts, owners = shapely.get_parts(massing.footprints[flat], return_index=True)
        rings, ring_owner = shapely.get_rings(parts, return_index=True)
        coords = shapely.get_coordinates(rings)
        counts = shapely.get_num_coordinates(rings)
        offsets = np.concatenate(([0], np.cumsum(counts)))
        poly_rings = np.concatenate(([0], np.cumsum(np.bincount(ring_owner, minlength=len(parts)))))
        heights = massing.height[flat][owners]
        zeros = np.zeros(len(parts))
        first = len(surface_building[-1]) if massing.roofs is not None else 0
        fill_polygons(coords, offsets, poly_rings, zeros, zeros, heights.astype(float),
                      first + np.arange(len(parts), dtype=np.int64), x0, y0, cell, relative, surface)
        surface_building.append(flat[owners].astype(np.int64))
        gradients.append(np.zeros((len(parts), 2)))
    owner_of = np.concatenate(surface_building)
    grid.building = np.where(surface >= 0, owner_of[np.maximum(surface, 0)] if len(owner_of) else -1,
                             -1).astype(np.int32)
    grid.surface, grid.gradient = surface, np.concatenate(gradients)
    grid.top = grid.ground + relative
    if outlines:
        grid.edge, grid.edge_mode, grid.fringe_top = outline_edges(massing, grid)
    return grid


def outline_edges(massing: Massing, grid: HeightGrid) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The footprints' parts of the cells their boundaries pass by (HeightGrid.edge and edge_mode), for building
    cells next to a cell of another owner and open cells next to a building (its tallest neighbour's footprint),
    and those open cells' neighbouring top (HeightGrid.fringe_top)."""
    owner, top = grid.building, grid.top
    rows, cols = owner.shape
    padded_owner = np.pad(owner, 1, mode="edge")
    padded_top = np.pad(np.where(owner >= 0, top, -np.inf), 1, mode="edge")
    outline = np.zeros(owner.shape, dtype=bool)
    near_owner = np.full(owner.shape, -1, dtype=np.int64)
    near_top = np.full(owner.shape, -np.inf)
    for dr in (0, 1, 2):
        for dc in (0, 1, 2):
            other = padded_owner[dr:dr + rows, dc:dc + cols]
            outline |= other != owner
            higher = (padded_top[dr:dr + rows, dc:dc + cols] > near_top) & (owner < 0) & (other >= 0)
            near_owner = np.where(higher, other, near_owner)
            near_top = np.where(higher, padded_top[dr:dr + rows, dc:dc + cols], near_top)
    whose = np.where(owner >= 0, owner, near_owner)
    r, c = np.nonzero(outline & (whose >= 0))
    edges = np.zeros((rows, cols, 6), dtype=np.float32)
    modes = np.zeros((rows, cols), dtype=np.int8)
    if len(r):
        segments, starts, neighbours = _boundary_segments(massing)
        xs, ys = grid.x0 + (c + 0.5) * grid.cell, grid.y0 - (r + 0.5) * grid.cell
        found = np.zeros((len(r), 6))
        mode = np.zeros(len(r), dtype=np.int8)
        _nearest_edges(xs, ys, whose[r, c], segments, starts, neighbours, grid.cell / 2, found, mode)
        found[:, [1, 4]] *= -1.0                      # rows count southwards
        found[:, [2, 5]] /= grid.cell
        edges[r, c], modes[r, c] = found, mode
    return edges, modes, near_top


def _boundary_segments(massing: Massing) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The footprints' boundary segments by building: (ax, ay, bx, by, outward unit normal x, y) each, the
    first segment of each building (CSR, n + 1), and each segment's neighbours along its ring (before, after)."""
    parts, part_owner = shapely.get_parts(massing.footprints, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    exterior = np.r_[True, ring_part[1:] != ring_part[:-1]] if len(ring_part) else np.zeros(0, dtype=bool)
    coords = shapely.get_coordinates(rings)
    counts = shapely.get_num_coordinates(rings)
    first = np.concatenate(([0], np.cumsum(counts)[:-1]))
    ring_of = np.repeat(np.arange(len(rings)), counts - 1)
    start = np.concatenate([np.arange(f, f + n - 1) for f, n in zip(first, counts)]) if len(rings) else \
        np.zeros(0, dtype=np.int64)
    a, b = coords[start], coords[start + 1]
    # Shoelace: a ring turning anticlockwise has the polygon's inside on its left when it is an exterior ring,
    # on its right when it is a hole.
    twice_area = np.bincount(ring_of, a[:, 0] * b[:, 1] - b[:, 0] * a[:, 1], minlength=len(rings))
    inside_left = (twice_area > 0) == exterior
    direction = b - a
    length = np.maximum(np.hypot(direction[:, 0], direction[:, 1]), 1e-12)
    left = np.column_stack((-direction[:, 1], direction[:, 0])) / length[:, None]
    outward = np.where(inside_left[ring_of][:, None], -left, left)
    # Neighbours along the ring, wrapping round.
    index = np.arange(len(start))
    ring_first = np.repeat(np.cumsum(np.r_[0, counts - 1])[:-1], counts - 1)
    ring_size = np.repeat(counts - 1, counts - 1)
    before = ring_first + (index - ring_first - 1) % ring_size
    after = ring_first + (index - ring_first + 1) % ring_size
    building = part_owner[ring_part][ring_of]
    order = np.argsort(building, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    segments = np.column_stack((a, b, outward))[order]
    neighbours = np.column_stack((rank[before], rank[after]))[order]
    starts = np.searchsorted(building[order], np.arange(len(massing) + 1))
    return segments, starts.astype(np.int64), neighbours.astype(np.int64)


@numba.njit(cache=True, nogil=True)
def _nearest_edges(xs, ys, owner, segments, starts, neighbours, half, out, mode):
    """For each cell centre, the half-plane (n, d: inside where n.p <= d, p from the centre) of its owner's
    nearest boundary segment, and where a corner lies in the cell (half: half its side) or is the nearest point,
    the other segment's too (mode 2 convex, 3 concave; else 1)."""
    for p in range(len(xs)):
        x, y, b = xs[p], ys[p], owner[p]
        best, best_d, best_t = -1, np.inf, 0.0
        corner, corner_d = -1, np.inf
        for s in range(starts[b], starts[b + 1]):
            ax, ay, bx, by = segments[s, 0], segments[s, 1], segments[s, 2], segments[s, 3]
            dx, dy = bx - ax, by - ay
            square = dx * dx + dy * dy
            t = 0.0 if square == 0.0 else min(max(((x - ax) * dx + (y - ay) * dy) / square, 0.0), 1.0)
            d = (ax + t * dx - x) ** 2 + (ay + t * dy - y) ** 2
            if d < best_d:
                best, best_d, best_t = s, d, t
            # A corner inside the cell bounds the footprint's part there even when an edge passes nearer the
            # centre: the part then ends at the corner instead of running on across the cell.
            if abs(ax - x) <= half and abs(ay - y) <= half and (ax - x) ** 2 + (ay - y) ** 2 < corner_d:
                corner, corner_d = s, (ax - x) ** 2 + (ay - y) ** 2
        if best < 0:
            continue
        if corner >= 0:
            best, best_t = corner, 0.0
        _half_plane(segments[best], x, y, out[p, 0:3])
        mode[p] = 1
        if best_t <= 0.0 or best_t >= 1.0:            # a corner: the segment before or after shares it
            other = neighbours[best, 0] if best_t <= 0.0 else neighbours[best, 1]
            _half_plane(segments[other], x, y, out[p, 3:6])
            incoming, outgoing = (other, best) if best_t <= 0.0 else (best, other)
            turn = ((segments[outgoing, 2] - segments[outgoing, 0]) * segments[incoming, 4]
                    + (segments[outgoing, 3] - segments[outgoing, 1]) * segments[incoming, 5])
            mode[p] = 2 if turn < 0.0 else 3


@numba.njit(cache=True, nogil=True, inline="always")
def _half_plane(segment, x, y, out):
    """out = (nx, ny, d) of a segment's line: inside where n.p <= d, p from (x, y)."""
    out[0], out[1] = segment[4], segment[5]
    out[2] = segment[4] * (segment[0] - x) + segment[5] * (segment[1] - y)


def plane_coefficients(normals: np.ndarray, centroids: np.ndarray, steep: np.ndarray):
    """Coefficients a, b, c of z = a x + b y + c for each ring's plane (steep rings: flat at their mean)."""
    nz = np.where(steep, 1.0, normals[:, 2])
    a = np.where(steep, 0.0, -normals[:, 0] / nz)
    b = np.where(steep, 0.0, -normals[:, 1] / nz)
    c = centroids[:, 2] - a * centroids[:, 0] - b * centroids[:, 1]
    return a, b, c


def sample_terrain(terrain: Terrain, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Terrain heights at the grid of column centres xs and row centres ys (nearest cell; NaN outside)."""
    cols = np.floor((xs - terrain.x0) / terrain.cell).astype(np.int64)
    rows = np.floor((terrain.y0 - ys) / terrain.cell).astype(np.int64)
    n_rows, n_cols = terrain.z.shape
    inside_c = (cols >= 0) & (cols < n_cols)
    inside_r = (rows >= 0) & (rows < n_rows)
    out = np.full((len(ys), len(xs)), np.nan)
    out[np.ix_(inside_r, inside_c)] = terrain.z[np.ix_(rows[inside_r], cols[inside_c])]
    return out


@numba.njit(cache=True, nogil=True)
def fill_polygons(xy, offsets, poly_rings, a, b, c, owner, x0, y0, cell, top, who):
    """Scan-line fill of polygons (rings poly_rings[p]..poly_rings[p+1], even-odd rule) with their planes.

    Each cell whose centre is inside gets the plane's height there where that is higher than before.
    """
    rows, cols = top.shape
    crossings = np.empty(xy.shape[0])
    for p in range(len(poly_rings) - 1):
        first, last = offsets[poly_rings[p]], offsets[poly_rings[p + 1]]
        if last - first < 3:
            continue
        ymin, ymax = xy[first:last, 1].min(), xy[first:last, 1].max()
        r_lo = max(0, int(np.ceil((y0 - ymax) / cell - 0.5)))
        r_hi = min(rows - 1, int(np.floor((y0 - ymin) / cell - 0.5)))
        for r in range(r_lo, r_hi + 1):
            y = y0 - (r + 0.5) * cell
            n = 0
            for ring in range(poly_rings[p], poly_rings[p + 1]):
                for i in range(offsets[ring], offsets[ring + 1] - 1):
                    ya, yb = xy[i, 1], xy[i + 1, 1]
                    if (ya > y) != (yb > y):
                        xa, xb = xy[i, 0], xy[i + 1, 0]
                        crossings[n] = xa + (y - ya) * (xb - xa) / (yb - ya)
                        n += 1
            xs = np.sort(crossings[:n])
            for k in range(0, n - 1, 2):
                c_lo = max(0, int(np.ceil((xs[k] - x0) / cell - 0.5)))
                # Half-open like the rows: a centre exactly on the right edge is outside, so polygons that
                # share an edge never both claim a cell and a box keeps its width in cells.
                c_hi = min(cols - 1, int(np.ceil((xs[k + 1] - x0) / cell - 0.5)) - 1)
                for col in range(c_lo, c_hi + 1):
                    x = x0 + (col + 0.5) * cell
                    z = a[p] * x + b[p] * y + c[p]
                    if z > top[r, col]:
                        top[r, col] = z
                        who[r, col] = owner[p]
