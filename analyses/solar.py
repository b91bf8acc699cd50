"""Solar rooftop potential: irradiation per roof surface and per building with shading, and PV yield.

Method, built for a year of hours over a whole district:
1. The roofs are sampled at the centres of a grid (default 1 m): each cell whose highest surface is a roof
   gives a point on that roof's plane (roofs smaller than a cell get one point).
2. Each point's horizon is found once: in n azimuth sectors, the steepest rise of the height grid
   (buildings and terrain) seen from the point, counting only what stands above the point's own roof
   plane (numba, parallel).
3. The year's hourly sun positions are put into the same sectors; per roof orientation, pvlib's Perez model
   gives the beam, sky-diffuse and ground-reflected irradiance on the plane. A point receives the beam of
   the hours when the sun is above its horizon in the sun's sector, the sky diffuse reduced by its
   obstructed sky view, and the ground-reflected part. Cumulative tables of beam over the hours of each
   sector sorted by sun elevation make that one lookup per point and sector.
Cost: points x sectors x (march steps + 12 months); hours only enter through the per-orientation tables.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import geopandas as gpd
import numba
import numpy as np
import pandas as pd
import pvlib
import shapely

from .cancel import check, in_chunks
from .citymodel import Terrain
from .errors import QT_TRANSLATE_NOOP, UrbanTwinError
from .geometry import newell_normals, tilt_azimuth
from .massing import Massing, fill_polygons, height_grid, plane_coefficients
from .place import Place
from .raster import Raster, snap
from .weather import Weather

MONTHS = [f"m{m:02d}" for m in range(1, 13)]
CLASSES = {1: "high", 2: "good", 3: "unsuitable"}


@dataclass
class PVParameters:
    """PV layout and yield assumptions (all user parameters)."""

    min_fraction_of_best: float = 0.6   # surfaces receiving less than this share of the best are excluded
    high_fraction_of_best: float = 0.8  # class "high" from this share of the best
    edge_setback: float = 0.5           # m kept free along each roof edge
    min_patch_m2: float = 5.0           # smaller usable areas are not worth a system
    kwp_per_m2: float = 0.15            # installable peak power per m2 of usable roof
    gamma_pdc: float = -0.004           # PVWatts temperature coefficient, 1/K
    losses_percent: float = float(pvlib.pvsystem.pvwatts_losses(shading=0))  # shading is modelled
    co2_kg_per_kwh: float = 0.441       # grid emission factor (set your utility's)
    albedo: float = 0.2


@dataclass
class SolarResult:
    """Per roof surface and per building results, the roof points, and what was assumed."""

    roofs: gpd.GeoDataFrame
    buildings: gpd.GeoDataFrame
    point_xyz: np.ndarray           # absolute heights (on the DEM where given)
    point_height: np.ndarray        # height above the ground, for previews of the massing
    point_kwh_m2: np.ndarray
    point_surface: np.ndarray
    grid: Raster                    # the grid the points sit on (its values: nothing yet)
    notes: list[str] = field(default_factory=list)

    def raster(self, extent: tuple[float, float, float, float] | None = None) -> Raster:
        """Roof-point irradiation (kWh/m2/year) on the grid (or on the cells of extent, which lie on the same
        lattice), NaN off the roofs."""
        grid = self.grid if extent is None else Raster.blank(extent, self.grid.cell, self.grid.epsg)
        out = np.full(grid.shape, np.nan)
        cols = np.floor((self.point_xyz[:, 0] - grid.x0) / grid.cell).astype(int)
        rows = np.floor((grid.y0 - self.point_xyz[:, 1]) / grid.cell).astype(int)
        inside = (rows >= 0) & (rows < out.shape[0]) & (cols >= 0) & (cols < out.shape[1])
        out[rows[inside], cols[inside]] = self.point_kwh_m2[inside]
        return grid.like(out)


@dataclass
class _Surfaces:
    """Roof surfaces: plan rings (x, y, z above ground), building, source row, tilt and azimuth."""

    rings: list[np.ndarray]
    building: np.ndarray
    source: np.ndarray   # row of the input roofs table, -1 for a flat roof made from a footprint
    area: np.ndarray
    tilt: np.ndarray
    azimuth: np.ndarray  # true north, clockwise, of the direction the surface faces
    grid_azimuth: np.ndarray

    def of(self, keep: np.ndarray) -> _Surfaces:
        """The surfaces where keep is true."""
        return _Surfaces([r for r, k in zip(self.rings, keep) if k], self.building[keep], self.source[keep],
                         self.area[keep], self.tilt[keep], self.azimuth[keep], self.grid_azimuth[keep])


def solar_potential(massing: Massing, weather: Weather, cell: float = 1.0, terrain: Terrain | None = None,
                    pv: PVParameters | None = None, sectors: int = 36, max_distance: float = 300.0,
                    progress: Callable[[float], None] | None = None,
                    is_canceled: Callable[[], bool] | None = None, convergence_deg: float | None = None,
                    best_kwh_m2: float | None = None, targets: np.ndarray | None = None) -> SolarResult:
    """Annual and monthly irradiation of every roof surface with shading, and its PV potential.

    The roofs are those of the buildings numbered in targets (default: all; the others only cast shade).
    MIN_FRACTION and the classes are shares of best_kwh_m2 (default: the best roof found). The roof points lie
    on the global lattice of the cell size, so a tile given the area's convergence and best, and the buildings
    within max_distance, gets the same values as the whole area.
    InterruptedError once is_canceled() is true: the long loops run in chunks that check it."""
    pv = pv or PVParameters()
    progress = progress or (lambda p: None)
    bounds = massing.bounds
    convergence = Place.centre_of(bounds, massing.epsg).convergence_deg if convergence_deg is None else convergence_deg
    surfaces = _roof_surfaces(massing, convergence)
    if targets is not None:
        surfaces = surfaces.of(np.isin(surfaces.building, targets))
    if not len(surfaces.building):
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "no roofs: the buildings have neither LOD2 roofs nor footprints with a height"))
    grid = height_grid(massing, snap(bounds, cell), cell, terrain)
    points, point_surface, slope = _roof_points(surfaces, grid)
    ground = grid.ground[np.clip(((grid.y0 - points[:, 1]) / cell).astype(int), 0, grid.shape[0] - 1),
                         np.clip(((points[:, 0] - grid.x0) / cell).astype(int), 0, grid.shape[1] - 1)]
    progress(10)
    horizon = np.zeros((len(points), sectors), dtype=np.float32)
    point_building = surfaces.building[point_surface].astype(np.int32)
    highest = float(grid.top.max())

    def horizons(a: int, b: int) -> None:
        _horizons(grid.top, grid.ground, grid.building, grid.x0, grid.y0, cell, points[a:b], slope[a:b], ground[a:b],
                  point_building[a:b], sectors, max_distance, highest, horizon[a:b])
        progress(10 + 40 * b / len(points))

    in_chunks(len(points), horizons, is_canceled, "the solar calculation")
    progress(50)
    sun = _sun(weather, convergence)
    orientation, tilts, azimuths = _orientations(surfaces.tilt, surfaces.azimuth)
    point_orientation = orientation[point_surface]
    irradiance = _plane_irradiance(weather, sun, tilts, azimuths, pv.albedo)
    progress(70)
    monthly = _point_monthly(horizon, point_orientation, sun, irradiance, sectors, tilts, azimuths, convergence,
                             is_canceled)
    progress(90)
    annual_point = monthly.sum(axis=1)
    roofs = _surface_table(massing, surfaces, points, point_surface, monthly, pv, best_kwh_m2, is_canceled)
    check(is_canceled, "the solar calculation")
    yield_per_kwp, poa_annual = _specific_yield(weather, irradiance, pv)
    orientation_of_roof = orientation[np.arange(len(surfaces.building))]
    ratio = np.where(poa_annual[orientation_of_roof] > 0,
                     roofs["usable_kwh_m2"].to_numpy() / poa_annual[orientation_of_roof], 0.0)
    roofs["kwh"] = roofs["kwp"] * yield_per_kwp[orientation_of_roof] * ratio
    roofs["co2_t"] = roofs["kwh"] * pv.co2_kg_per_kwh / 1000.0
    best = best_kwh_m2 if best_kwh_m2 is not None else float(roofs["kwh_m2"].max())
    buildings = _building_table(massing, roofs, pv, best,
                                np.arange(len(massing)) if targets is None else np.unique(surfaces.building))
    progress(100)
    return SolarResult(roofs, buildings, points, points[:, 2] - ground, annual_point, point_surface,
                       Raster(np.empty(grid.shape), grid.x0, grid.y0, cell, massing.epsg))


# --- roofs and their points ------------------------------------------------------------------------

def _roof_surfaces(massing: Massing, convergence: float) -> _Surfaces:
    """LOD2 roof rings where a building has them, else its footprint as a flat roof at its height."""
    rings, building, source = [], [], []
    if massing.roofs is not None:
        rings += massing.roofs.rings
        building += massing.roofs.building.tolist()
        source += massing.roofs.source.tolist()
    flat = np.flatnonzero(~massing.has_roofs())
    parts, owner = shapely.get_parts(massing.footprints[flat], return_index=True)
    for part, b in zip(parts, flat[owner]):
        ring = np.asarray(part.exterior.coords)[:, :2]
        rings.append(np.column_stack((ring, np.full(len(ring), massing.height[b]))))
        building.append(b)
        source.append(-1)
    coords = np.concatenate(rings)
    offsets = np.concatenate(([0], np.cumsum([len(r) for r in rings])))
    normals = newell_normals(coords, offsets)
    normals[normals[:, 2] < 0] *= -1
    area, tilt, azimuth = tilt_azimuth(normals, convergence)
    return _Surfaces(rings, np.array(building, dtype=np.int64), np.array(source, dtype=np.int64), area, tilt,
                     azimuth, (azimuth + convergence) % 360.0)


def _roof_points(surfaces: _Surfaces, grid) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Points (x, y, z absolute) on the roofs at the grid's cell centres, the surface of each and its slope.

    The slope (a, b) is that of the plane z = a x + b y + c the point was placed on.
    """
    coords = np.concatenate(surfaces.rings)
    offsets = np.concatenate(([0], np.cumsum([len(r) for r in surfaces.rings])))
    normals = newell_normals(coords, offsets)
    steep = surfaces.tilt > 85.0
    centroids = np.add.reduceat(coords, offsets[:-1]) / np.diff(offsets)[:, None]
    a, b, c = plane_coefficients(normals, centroids, steep)
    top = np.zeros(grid.shape)
    who = np.full(grid.shape, -1, dtype=np.int32)
    fill_polygons(coords[:, :2].copy(), offsets, np.arange(len(offsets)), a, b, c,
                   np.arange(len(surfaces.rings), dtype=np.int64), grid.x0, grid.y0, grid.cell, top, who)
    # Only the roof seen from above counts: a lower roof under a higher one is not sampled there.
    rows, cols = np.nonzero((who >= 0) & (top >= grid.top - grid.ground - 1e-6))
    xs, ys = grid.cell_centres()
    surface = who[rows, cols].astype(np.int64)
    lift = 0.05  # keeps a point off its own roof in the horizon search
    points = np.column_stack((xs[cols], ys[rows], grid.ground[rows, cols] + top[rows, cols] + lift))
    missing = np.setdiff1d(np.arange(len(surfaces.rings)), surface)
    if len(missing):  # roofs smaller than a cell: one point where the roof is
        spots = shapely.get_coordinates(shapely.point_on_surface(_plan_polygons([surfaces.rings[i] for i in missing])))
        col = np.clip(((spots[:, 0] - grid.x0) / grid.cell).astype(int), 0, grid.shape[1] - 1)
        row = np.clip(((grid.y0 - spots[:, 1]) / grid.cell).astype(int), 0, grid.shape[0] - 1)
        z = a[missing] * spots[:, 0] + b[missing] * spots[:, 1] + c[missing] + grid.ground[row, col] + lift
        points = np.vstack((points, np.column_stack((spots, z))))
        surface = np.concatenate((surface, missing))
    return points, surface, np.column_stack((a[surface], b[surface]))


def _plan_polygons(rings: list[np.ndarray]) -> np.ndarray:
    """The plan (x, y) outlines of closed rings as polygons."""
    sizes = [len(r) for r in rings]
    ring = shapely.linearrings(np.concatenate(rings)[:, :2], indices=np.repeat(np.arange(len(rings)), sizes))
    return shapely.polygons(ring)


@numba.njit(parallel=True, cache=True, nogil=True)
def _horizons(top, ground, building, x0, y0, cell, points, slope, point_ground, point_building, sectors,
              max_distance, highest, out):
    """Tangent of the horizon elevation of each point in each grid-azimuth sector (0 = grid north).

    Only what stands above the plane of the point's own roof can shade it: a sun ray reaching the roof's
    face never passes behind that plane. So the roof's own cells (the raster of a tilted plane rises
    upslope and, cell-rounded, sideways) and what lies beyond a ridge are skipped. On the point's own
    building the plane test is on heights above the ground, since the grid lays roofs on the ground
    cell by cell.
    """
    rows, cols = top.shape
    for p in numba.prange(points.shape[0]):
        px, py, pz = points[p, 0], points[p, 1], points[p, 2]
        a, b = slope[p, 0], slope[p, 1]
        for s in range(sectors):
            angle = 2.0 * np.pi * s / sectors
            dx, dy = np.sin(angle), np.cos(angle)
            best = 0.0
            d = 0.75 * cell
            while d < max_distance:
                if (highest - pz) / d <= best:
                    break  # nothing further away can rise higher
                c = int(np.floor((px + d * dx - x0) / cell))
                r = int(np.floor((y0 - (py + d * dy)) / cell))
                if r < 0 or c < 0 or r >= rows or c >= cols:
                    break
                plane = a * (x0 + (c + 0.5) * cell - px) + b * (y0 - (r + 0.5) * cell - py)
                if building[r, c] == point_building[p]:
                    above = (top[r, c] - ground[r, c]) - (pz - point_ground[p]) - plane
                else:
                    above = top[r, c] - pz - plane
                if above > 0.0:
                    rise = (top[r, c] - pz) / d
                    if rise > best:
                        best = rise
                d += max(0.5 * cell, 0.02 * d)
            out[p, s] = best


# --- sun and irradiance ------------------------------------------------------------------------------

@dataclass
class _Sun:
    zenith: np.ndarray
    azimuth: np.ndarray
    tan_elevation: np.ndarray
    sector_angle: np.ndarray   # grid azimuth, degrees
    month: np.ndarray
    up: np.ndarray


def _sun(weather: Weather, convergence: float) -> _Sun:
    position = pvlib.solarposition.get_solarposition(weather.data.index, weather.latitude, weather.longitude,
                                                     method="nrel_numpy")
    elevation = position["apparent_elevation"].to_numpy()
    return _Sun(position["apparent_zenith"].to_numpy(), position["azimuth"].to_numpy(),
                np.tan(np.radians(np.clip(elevation, 0.0, 89.9))), (position["azimuth"].to_numpy() + convergence) % 360,
                weather.data.index.month.to_numpy(), elevation > 0)


def _orientations(tilt: np.ndarray, azimuth: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Roof orientations binned to 1 deg of tilt and 2 deg of azimuth (flat roofs: one bin)."""
    t = np.round(tilt).astype(int)
    a = np.where(t == 0, 180, (np.round(azimuth / 2.0).astype(int) * 2) % 360)
    keys, index = np.unique(np.column_stack((t, a)), axis=0, return_inverse=True)
    return index.ravel(), keys[:, 0].astype(float), keys[:, 1].astype(float)


def _plane_irradiance(weather: Weather, sun: _Sun, tilts: np.ndarray, azimuths: np.ndarray, albedo: float) -> dict:
    """Hourly beam, sky-diffuse and ground-reflected irradiance (W/m2) per orientation, Perez model."""
    data = weather.data
    dni_extra = pvlib.irradiance.get_extra_radiation(data.index).to_numpy()
    airmass = pvlib.atmosphere.get_relative_airmass(sun.zenith)
    out = {k: np.zeros((len(tilts), len(data))) for k in ("beam", "sky", "ground")}
    for o, (tilt, azimuth) in enumerate(zip(tilts, azimuths)):
        total = pvlib.irradiance.get_total_irradiance(
            tilt, azimuth, sun.zenith, sun.azimuth, data["dni"].to_numpy(), data["ghi"].to_numpy(),
            data["dhi"].to_numpy(), dni_extra=dni_extra, airmass=airmass, albedo=albedo, model="perez")
        out["beam"][o] = np.nan_to_num(np.asarray(total["poa_direct"], dtype=float))
        out["sky"][o] = np.nan_to_num(np.asarray(total["poa_sky_diffuse"], dtype=float))
        out["ground"][o] = np.nan_to_num(np.asarray(total["poa_ground_diffuse"], dtype=float))
    out["beam"][:, ~sun.up] = 0.0
    return out


def _point_monthly(horizon: np.ndarray, orientation: np.ndarray, sun: _Sun, irradiance: dict, sectors: int,
                   tilts: np.ndarray, azimuths: np.ndarray, convergence: float,
                   is_canceled: Callable[[], bool] | None = None) -> np.ndarray:
    """kWh/m2 per month for each point: shaded beam + obstructed sky diffuse + ground-reflected."""
    hours = np.flatnonzero(sun.up)
    sector = np.round(sun.sector_angle[hours] / (360.0 / sectors)).astype(np.int64) % sectors
    order = np.lexsort((sun.tan_elevation[hours], sector))
    hours, sector = hours[order], sector[order]
    starts = np.searchsorted(sector, np.arange(sectors + 1))
    tan_sorted = sun.tan_elevation[hours]
    month = sun.month[hours] - 1
    # cumulative[o, m, j]: beam of orientation o in month m summed over sorted hours j.. of j's sector
    beam = irradiance["beam"][:, hours] / 1000.0
    n_orient = beam.shape[0]
    by_month = np.zeros((n_orient, 12, len(hours) + sectors))
    for s in range(sectors):
        lo, hi = starts[s], starts[s + 1]
        for m in range(12):
            values = np.where(month[lo:hi] == m, beam[:, lo:hi], 0.0)
            by_month[:, m, lo + s:hi + s] = np.cumsum(values[:, ::-1], axis=1)[:, ::-1]
    sky = _monthly_sum(irradiance["sky"], sun.month) / 1000.0
    ground = _monthly_sum(irradiance["ground"], sun.month) / 1000.0
    monthly = np.zeros((len(orientation), 12))

    def points(a: int, b: int) -> None:
        o = orientation[a:b]
        _lookup_beam(horizon[a:b], o, tan_sorted, starts, by_month, monthly[a:b])
        view = _obstructed_view(horizon[a:b], tilts[o], azimuths[o] + convergence, sectors)
        monthly[a:b] += sky[o] * view[:, None] + ground[o]

    in_chunks(len(orientation), points, is_canceled, "the solar calculation")
    return monthly


@numba.njit(parallel=True, cache=True, nogil=True)
def _lookup_beam(horizon, orientation, tan_sorted, starts, table, out):
    """Sum, over sectors, the beam of the hours whose sun stands above the point's horizon there."""
    sectors = starts.shape[0] - 1
    for p in numba.prange(horizon.shape[0]):
        o = orientation[p]
        for s in range(sectors):
            lo, hi = starts[s], starts[s + 1]
            k = lo + np.searchsorted(tan_sorted[lo:hi], horizon[p, s], side="right")
            if k < hi:
                for m in range(12):
                    out[p, m] += table[o, m, k + s]


def _monthly_sum(values: np.ndarray, month: np.ndarray) -> np.ndarray:
    out = np.zeros((values.shape[0], 12))
    for m in range(12):
        out[:, m] = values[:, month == m + 1].sum(axis=1)
    return out


def _obstructed_view(horizon: np.ndarray, tilt: np.ndarray, grid_azimuth: np.ndarray, sectors: int) -> np.ndarray:
    """Share of the sky a tilted plane would see that obstacles leave open (1 for an open roof).

    Per sector, an isotropic sky above elevation h weighs cos^2 h; the plane's own slope already hides the
    sky behind it (Perez accounts for that), so the obstacles count only above the plane's own horizon.
    """
    angles = np.radians(np.arange(sectors) * 360.0 / sectors)
    upslope = np.cos(angles[None, :] - np.radians(grid_azimuth + 180.0)[:, None])
    own = np.clip(np.tan(np.radians(tilt))[:, None] * upslope, 0.0, None)
    seen = 1.0 / (1.0 + np.maximum(horizon, own) ** 2)
    free = 1.0 / (1.0 + own ** 2)
    return np.clip(seen.sum(axis=1) / free.sum(axis=1), 0.0, 1.0)


def _specific_yield(weather: Weather, irradiance: dict, pv: PVParameters) -> tuple[np.ndarray, np.ndarray]:
    """Per orientation, unshaded: PVWatts AC kWh per kWp, and the plane-of-array kWh/m2 it came from."""
    poa = irradiance["beam"] + irradiance["sky"] + irradiance["ground"]
    params = pvlib.temperature.TEMPERATURE_MODEL_PARAMETERS["sapm"]["close_mount_glass_glass"]
    temp_air = weather.data["temp_air"].to_numpy()
    wind = weather.data["wind_speed"].to_numpy()
    cell_temp = pvlib.temperature.sapm_cell(poa, temp_air[None, :], wind[None, :], **params)
    dc = pvlib.pvsystem.pvwatts_dc(poa, cell_temp, 1000.0, pv.gamma_pdc) * (1 - pv.losses_percent / 100.0)
    ac = pvlib.inverter.pvwatts(dc, 1000.0 / 0.96)
    return np.nan_to_num(ac).clip(min=0).sum(axis=1) / 1000.0, poa.sum(axis=1) / 1000.0


# --- tables -------------------------------------------------------------------------------------------

def _surface_table(massing: Massing, surfaces: _Surfaces, points: np.ndarray, point_surface: np.ndarray,
                   monthly: np.ndarray, pv: PVParameters, best: float | None = None,
                   is_canceled: Callable[[], bool] | None = None) -> gpd.GeoDataFrame:
    n = len(surfaces.rings)
    count = np.bincount(point_surface, minlength=n)
    mean_monthly = np.zeros((n, 12))
    for m in range(12):
        mean_monthly[:, m] = np.bincount(point_surface, monthly[:, m], minlength=n) / np.maximum(count, 1)
    annual = mean_monthly.sum(axis=1)
    outlines = _plan_polygons(surfaces.rings)
    # Usable points keep the setback from the roof's edges.
    edges = shapely.boundary(outlines)
    distance = np.empty(len(points))

    def distances(a: int, b: int) -> None:
        distance[a:b] = shapely.distance(shapely.points(points[a:b, :2]), edges[point_surface[a:b]])

    in_chunks(len(points), distances, is_canceled, "the solar calculation")
    usable = distance > pv.edge_setback
    usable_count = np.bincount(point_surface, usable, minlength=n)
    usable_sum = np.bincount(point_surface, monthly.sum(axis=1) * usable, minlength=n)
    usable_mean = np.where(usable_count > 0, usable_sum / np.maximum(usable_count, 1), 0.0)
    usable_area = surfaces.area * usable_count / np.maximum(count, 1)
    best = annual.max() if best is None else best
    good_enough = annual >= pv.min_fraction_of_best * best
    usable_area = np.where(good_enough & (usable_area >= pv.min_patch_m2), usable_area, 0.0)
    table = pd.DataFrame({
        "building_id": massing.ids[surfaces.building], "source_row": surfaces.source,
        "area_m2": surfaces.area, "tilt": surfaces.tilt,
        "azimuth": np.where(surfaces.tilt < 0.5, np.nan, surfaces.azimuth),
        "kwh_m2": annual, **{name: mean_monthly[:, m] for m, name in enumerate(MONTHS)},
        "kwh_total": annual * surfaces.area, "usable_m2": usable_area,
        "usable_kwh_m2": np.where(usable_area > 0, usable_mean, 0.0),
        "kwp": usable_area * pv.kwp_per_m2,
    })
    table["class"] = _classes(table["usable_kwh_m2"].to_numpy(), usable_area > 0, best, pv)
    return gpd.GeoDataFrame(table, geometry=outlines, crs=massing.epsg)


def _classes(kwh_m2: np.ndarray, usable: np.ndarray, best: float, pv: PVParameters) -> np.ndarray:
    high = usable & (kwh_m2 >= pv.high_fraction_of_best * best)
    return np.where(high, CLASSES[1], np.where(usable, CLASSES[2], CLASSES[3]))


def _building_table(massing: Massing, roofs: gpd.GeoDataFrame, pv: PVParameters, best: float,
                    which: np.ndarray) -> gpd.GeoDataFrame:
    index = pd.Index(massing.ids[which], name="building_id")
    grouped = roofs.groupby("building_id")
    sums = grouped[["area_m2", "kwh_total", "usable_m2", "kwp", "kwh", "co2_t"]].sum().reindex(index, fill_value=0)
    frame = sums.reset_index()
    frame["kwh_m2"] = np.where(frame["area_m2"] > 0, frame["kwh_total"] / frame["area_m2"].where(
        frame["area_m2"] > 0, 1), 0.0)
    usable_kwh = (roofs["usable_kwh_m2"] * roofs["usable_m2"]).groupby(roofs["building_id"]).sum().reindex(
        index, fill_value=0).to_numpy()
    mean_usable = np.where(frame["usable_m2"] > 0, usable_kwh / frame["usable_m2"].where(frame["usable_m2"] > 0, 1), 0)
    frame["class"] = _classes(mean_usable, frame["usable_m2"].to_numpy() > 0, best, pv)
    return gpd.GeoDataFrame(frame, geometry=massing.footprints[which], crs=massing.epsg)


def within_reach(massing: Massing, extent: tuple[float, float, float, float], reach: float = 300.0
                 ) -> tuple[Massing, np.ndarray]:
    """The buildings within reach of extent (they may shade its roofs) and the numbers, among them, of those that
    meet extent (whose roofs are wanted)."""
    area = shapely.box(*extent)
    near = massing.select(np.flatnonzero(shapely.dwithin(massing.footprints, area, reach)))
    return near, np.flatnonzero(shapely.intersects(near.footprints, area))


def best_unshaded_kwh_m2(weather: Weather, convergence_deg: float, albedo: float = 0.2) -> float:
    """The year's irradiation on the best unshaded plane at the weather's place (kWh/m2): the yardstick of
    MIN_FRACTION and the classes in a tiled run, where no tile knows the area's best roof."""
    tilts, azimuths = np.meshgrid(np.arange(0.0, 65.0, 5.0), np.arange(90.0, 275.0, 7.5))
    sun = _sun(weather, convergence_deg)
    irradiance = _plane_irradiance(weather, sun, tilts.ravel(), azimuths.ravel(), albedo)
    return float((irradiance["beam"] + irradiance["sky"] + irradiance["ground"]).sum(axis=1).max() / 1000.0)
