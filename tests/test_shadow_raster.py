"""The shadow raster checked against exact counts: no bias on open ground, and roof planes masked as a
ray-march through the same roofs says."""
from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pytest
import shapely

from urban_twin.analyses import crs, sun
from urban_twin.analyses.massing import height_grid, massing_from_frames
from urban_twin.analyses.place import Place
from urban_twin.analyses.shadow import shadow_hours, shadow_mask

EPSG = 6677
X0, Y0 = -8000.0, -35000.0
DAY = dt.date(2026, 12, 22)
TAN30 = np.tan(np.radians(30.0))


def _ray_boxes_hours(boxes, height: float, xy: np.ndarray, times, lat: float, lon: float, convergence: float,
                     turn: float = 0.0, origin=(0.0, 0.0)) -> np.ndarray:
    """Hours in shadow of boxes (slab test of the ray from each point to the sun), midpoint of each instant;
    the boxes turned anticlockwise by turn degrees about origin."""
    path = sun.sun_path(times, lat, lon)
    elevation, azimuth = np.radians(path.elevation), np.radians(path.grid_azimuth(convergence))
    step = (times[1] - times[0]).total_seconds() / 3600.0
    # In the boxes' own frame: the points turned back about the origin, the sun's azimuth with them.
    back = np.radians(-turn)
    rotation = np.array([[np.cos(back), -np.sin(back)], [np.sin(back), np.cos(back)]])
    point = np.column_stack(((xy - origin) @ rotation.T + origin, np.zeros(len(xy))))
    hours = np.zeros(len(xy))
    for e, a in zip(elevation, azimuth):
        a = a + np.radians(turn)           # azimuths turn clockwise
        d = np.array([np.sin(a) * np.cos(e), np.cos(a) * np.cos(e), np.sin(e)])
        hit = np.zeros(len(xy), dtype=bool)
        for box in boxes:
            lo, hi = np.array([box[0], box[1], 0.0]), np.array([box[2], box[3], height])
            with np.errstate(divide="ignore", invalid="ignore"):
                t1, t2 = (lo - point) / d, (hi - point) / d
            hit |= np.maximum(t1, t2).min(axis=1) >= np.maximum(np.minimum(t1, t2).max(axis=1), 0)
        hours += step * hit
    return hours


# Edges on the cell edges, between them, and wherever a seeded draw puts them; a box turned off the grid; an
# L (a concave corner) at random places.
_RANDOM = np.random.default_rng(15).uniform(0.0, 1.0, (6, 2)).round(3)
_BOX = [(-10, -7, 10, 8)]
_ELL = [(-10, -7, 10, 1), (-10, -7, -2, 13)]


@pytest.mark.parametrize("cell, offset, turn, boxes", [
    (1.0, (0.0, 0.0), 0.0, _BOX), (0.5, (0.0, 0.0), 0.0, _BOX), (1.0, (0.3, 0.0), 0.0, _BOX),
    (1.0, (0.0, 0.3), 0.0, _BOX), (1.0, (0.5, 0.5), 0.0, _BOX), (1.0, (0.8, 0.4), 0.0, _BOX),
    (1.0, (0.64, 0.27), 0.0, _BOX), *[(1.0, tuple(o), 0.0, _BOX) for o in _RANDOM[:4]],
    (1.0, (0.37, 0.81), 23.0, _BOX), (0.5, (0.37, 0.81), 61.0, _BOX),
    *[(1.0, tuple(o), 0.0, _ELL) for o in _RANDOM[4:]], (1.0, (0.2, 0.7), 34.0, _ELL)])
def test_shadow_hours_of_a_lone_building_are_unbiased(cell, offset, turn, boxes):
    origin = (X0 + offset[0], Y0 + offset[1])
    placed = [(origin[0] + b[0], origin[1] + b[1], origin[0] + b[2], origin[1] + b[3]) for b in boxes]
    height = 30.0
    footprint = shapely.affinity.rotate(shapely.union_all([shapely.box(*b) for b in placed]), turn, origin=origin)
    frame = gpd.GeoDataFrame({"gml_id": ["b"], "height": [height]}, geometry=[footprint], crs=EPSG)
    result = shadow_hours(massing_from_frames(frame), DAY, 8, 16, 10, cell=cell,
                          extent=(X0 - 150, Y0 - 30, X0 + 150, Y0 + 190))
    xs = result.shadow.x0 + (np.arange(result.shadow.values.shape[1]) + 0.5) * cell
    ys = result.shadow.y0 - (np.arange(result.shadow.values.shape[0]) + 0.5) * cell
    gx, gy = np.meshgrid(xs, ys)
    lat, lon = Place.at(EPSG, X0, Y0).lat_lon
    # The exact count: every minute at the middle of the minute (within half a minute per change of state).
    times = sun.solar_to_clock(DAY, 8.0 + (np.arange(480) + 0.5) / 60.0, lon)
    exact = _ray_boxes_hours(placed, height, np.column_stack((gx.ravel(), gy.ravel())), times, lat, lon,
                             crs.grid_convergence_deg(EPSG, X0, Y0), turn, origin).reshape(gx.shape)
    shaded = np.isfinite(result.shadow.values) & ((exact > 0) | (result.shadow.values > 0))
    error = (result.shadow.values - exact)[shaded]
    assert shaded.sum() > 10_000 * (1.0 / cell) ** 2
    assert abs(error.mean()) <= 0.01                                    # hours
    assert (np.abs(error) <= result.step_hours + 1 / 60).mean() >= 0.99


def _gable(centre, across_deg: float, length: float, width: float, eave: float):
    """A gable roof: ridge across the direction across_deg (grid azimuth), 30° planes facing across_deg and
    across_deg + 180; returns (footprint, two 3-D roof polygons, ridge height, surface function)."""
    v = np.array([np.sin(np.radians(across_deg)), np.cos(np.radians(across_deg))])
    u = np.array([v[1], -v[0]])
    ridge = eave + TAN30 * width / 2

    def at(a, b, z):
        return (*(np.asarray(centre) + a * u + b * v), z)

    half_l, half_w = length / 2, width / 2
    facing = shapely.Polygon([at(-half_l, 0, ridge), at(-half_l, half_w, eave), at(half_l, half_w, eave),
                              at(half_l, 0, ridge)])
    behind = shapely.Polygon([at(half_l, 0, ridge), at(half_l, -half_w, eave), at(-half_l, -half_w, eave),
                              at(-half_l, 0, ridge)])
    footprint = shapely.Polygon([at(-half_l, -half_w, 0)[:2], at(half_l, -half_w, 0)[:2], at(half_l, half_w, 0)[:2],
                                 at(-half_l, half_w, 0)[:2]])

    def surface(x, y):
        a = (x - centre[0]) * u[0] + (y - centre[1]) * u[1]
        b = (x - centre[0]) * v[0] + (y - centre[1]) * v[1]
        inside = (np.abs(a) <= half_l) & (np.abs(b) <= half_w)
        return np.where(inside, ridge - TAN30 * np.abs(b), 0.0)

    return footprint, [facing, behind], ridge, surface


def test_roof_planes_are_masked_as_a_ray_march_through_them():
    # Sun at azimuth 149.8°, 23° up (10:00 solar time at the solstice in Tokyo). Roof A's planes face 135°
    # (lit) and 315° (facing away); roof B's face 45° (lit, the plane users found 41 % shaded) and 225°.
    elevation, azimuth = 23.0, 149.8
    # (Ridges off the cell centres, so that no centre is on two planes at once.)
    roofs_a = _gable((X0 + 0.1, Y0 + 0.03), 135.0, 16.0, 10.0, 6.0)
    roofs_b = _gable((X0 + 40.1, Y0 + 0.03), 45.0, 16.0, 10.0, 6.0)
    buildings = gpd.GeoDataFrame({"gml_id": ["a", "b"], "height": [roofs_a[2], roofs_b[2]], "ground_z": [0.0, 0.0]},
                                 geometry=[roofs_a[0], roofs_b[0]], crs=EPSG)
    roofs = gpd.GeoDataFrame({"building_id": ["a", "a", "b", "b"]}, geometry=roofs_a[1] + roofs_b[1], crs=EPSG)
    massing = massing_from_frames(buildings, roofs)
    grid = height_grid(massing, (X0 - 20, Y0 - 20, X0 + 60, Y0 + 40), 0.5, outlines=True)
    mask = shadow_mask(grid, elevation, azimuth, grid.top)
    rows, cols = np.nonzero(grid.building >= 0)
    xs, ys = grid.cell_centres()
    x, y = xs[cols], ys[rows]

    def terrain(px, py):
        return np.maximum(roofs_a[3](px, py), roofs_b[3](px, py))

    # The independent ray-march: from 1 mm above the roof at the cell centre towards the sun, every 1 cm.
    z0 = terrain(x, y) + 1e-3
    toward = np.array([np.sin(np.radians(azimuth)), np.cos(np.radians(azimuth))])
    shaded = np.zeros(len(x), dtype=bool)
    for s in np.arange(0.01, 40.0, 0.01):
        shaded |= terrain(x + s * toward[0], y + s * toward[1]) > z0 + s * np.tan(np.radians(elevation))
    got = mask[rows, cols]
    surface = grid.surface[rows, cols]
    for plane, lit in ((0, True), (1, False), (2, True), (3, True)):
        on = surface == plane
        assert on.sum() > 100
        assert shaded[on].mean() == (0.0 if lit else 1.0)               # the reference agrees with the geometry
        assert (got[on] == shaded[on]).mean() >= 0.98, (plane, got[on].mean())
