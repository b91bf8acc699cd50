"""The shadow-regulation verdict checked against an independent exact count on the regulation lines."""
from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pytest
import shapely

from urban_twin.analyses import crs, nichiei, sun
from urban_twin.analyses.citymodel import Terrain
from urban_twin.analyses.massing import massing_from_frames
from urban_twin.analyses.place import Place

EPSG = 6677
X0, Y0 = -8000.0, -35000.0
DAY = dt.date(2026, 12, 22)
PLANE = 4.0
SITE = (X0 - 5, Y0 - 5, X0 + 25, Y0 + 20)            # a 30 x 25 m site
BOX = [(X0, Y0, X0 + 20, Y0 + 15)]                   # the 30 m box: 20 x 15 m
L_SHAPE = [(X0, Y0, X0 + 20, Y0 + 6), (X0, Y0 + 6, X0 + 7, Y0 + 15)]   # the same outline, as two convex parts


def _frame(parts, height: float, ground=None) -> gpd.GeoDataFrame:
    columns = {"gml_id": ["b"], "height": [height]}
    if ground is not None:
        columns["ground_z"] = [ground]
    return gpd.GeoDataFrame(columns, geometry=[shapely.union_all([shapely.box(*p) for p in parts])], crs=EPSG)


def _locus(rect, distance: float, spacing: float = 0.05) -> np.ndarray:
    """Points every `spacing` along the locus at `distance` from a rectangle: four sides, four quarter arcs."""
    xmin, ymin, xmax, ymax = rect
    pieces = []
    sides = (((xmin, ymin), (xmax, ymin), (0, -1)), ((xmax, ymin), (xmax, ymax), (1, 0)),
             ((xmax, ymax), (xmin, ymax), (0, 1)), ((xmin, ymax), (xmin, ymin), (-1, 0)))
    for (ax, ay), (bx, by), (nx, ny) in sides:
        n = int(np.ceil(np.hypot(bx - ax, by - ay) / spacing))
        f = np.arange(n) / n
        pieces.append(np.column_stack((ax + f * (bx - ax) + distance * nx, ay + f * (by - ay) + distance * ny)))
        start = np.arctan2(ny, nx)                    # the arc round the corner (bx, by), turning left
        n = int(np.ceil(distance * np.pi / 2 / spacing))
        angles = start + np.arange(n) / n * np.pi / 2
        pieces.append(np.column_stack((bx + distance * np.cos(angles), by + distance * np.sin(angles))))
    return np.concatenate(pieces)


def _distance_to_rect(rect, xy: np.ndarray) -> np.ndarray:
    dx = np.maximum.reduce([rect[0] - xy[:, 0], np.zeros(len(xy)), xy[:, 0] - rect[2]])
    dy = np.maximum.reduce([rect[1] - xy[:, 1], np.zeros(len(xy)), xy[:, 1] - rect[3]])
    return np.hypot(dx, dy)


def _exact_hours(parts, height: float, xy: np.ndarray, step_s: float = 15.0) -> np.ndarray:
    """Hours in shadow, 8:00-16:00 true solar time, counted at the middle of every 15 s: a point is in the
    shadow of a prism when it is in the convex hull of a convex part and that part moved along the shadow."""
    lat, lon = Place.at(EPSG, X0 + 10, Y0 + 7.5).lat_lon
    n = int(8 * 3600 / step_s)
    times = sun.solar_to_clock(DAY, 8.0 + (np.arange(n) + 0.5) * step_s / 3600.0, lon)
    path = sun.sun_path(times, lat, lon)
    azimuth = np.radians(path.grid_azimuth(crs.grid_convergence_deg(EPSG, X0 + 10, Y0 + 7.5)))
    length = (height - PLANE) / np.tan(np.radians(path.elevation))
    corners = [np.array(shapely.box(*p).exterior.coords) for p in parts]
    hours = np.zeros(len(xy))
    for az, reach in zip(azimuth, length):
        move = -reach * np.array([np.sin(az), np.cos(az)])
        shadow = shapely.union_all([shapely.MultiPoint(np.vstack((c, c + move))).convex_hull for c in corners])
        hours += shapely.contains_xy(shadow, xy[:, 0], xy[:, 1]) * step_s / 3600.0
    return hours


@pytest.mark.parametrize("parts", [BOX, L_SHAPE], ids=["box", "L"])
def test_verdict_is_the_exact_longest_shadow_on_each_line(parts):
    result = nichiei.nichiei(massing_from_frames(_frame(parts, 30.0)), shapely.box(*SITE),
                             nichiei.Regulation(1, PLANE), day=DAY, step_minutes=5, cell=1.0)
    for distance in (5.0, 10.0):
        row = result.verdict.set_index("line").loc[f"{distance:g}m"]
        line = _locus(SITE, distance)
        exact = _exact_hours(parts, 30.0, line)
        # Within a minute of the exact count, and never more than 30 s short of it.
        assert abs(row.max_hours - exact.max()) <= 1 / 60, (distance, row.max_hours, exact.max())
        assert row.max_hours >= exact.max() - 0.5 / 60
        assert bool(row.complies) is bool(exact.max() <= row.limit_h)
        # The worst point is on the line; the regulation line is the locus (arcs at the corners).
        worst = np.array([[row.worst_x, row.worst_y]])
        assert _distance_to_rect(SITE, worst)[0] == pytest.approx(distance, abs=0.01)
        regulation_line = result.lines.set_index("line").geometry[f"{distance:g}m"]
        drawn = shapely.get_coordinates(shapely.segmentize(regulation_line, 0.5))
        assert np.abs(_distance_to_rect(SITE, drawn) - distance).max() < 0.002
        # The equal-time line of the limit crosses the regulation line where the exact count crosses the limit.
        over = exact > row.limit_h
        flips = np.flatnonzero(over != np.roll(over, -1))
        expected = [line[i] + (row.limit_h - exact[i]) / (exact[(i + 1) % len(line)] - exact[i])
                    * (line[(i + 1) % len(line)] - line[i]) for i in flips]
        contour = result.contours.set_index("hours").geometry[row.limit_h]
        found = shapely.get_coordinates(shapely.intersection(contour, shapely.LineString(np.vstack((line, line[:1])))))
        assert len(expected) >= 2
        for point in expected:
            assert np.hypot(*(found - point).T).min() < 0.1, (distance, point)


def test_nothing_beyond_the_line_lasts_longer_than_on_it():
    parts = L_SHAPE
    result = nichiei.nichiei(massing_from_frames(_frame(parts, 30.0)), shapely.box(*SITE),
                             nichiei.Regulation(1, PLANE), day=DAY, step_minutes=5, cell=1.0)
    xs, ys = np.meshgrid(np.arange(X0 - 60, X0 + 80, 1.0), np.arange(Y0 - 15, Y0 + 140, 1.0))
    xy = np.column_stack((xs.ravel(), ys.ravel()))
    exact = _exact_hours(parts, 30.0, xy, step_s=60.0)
    for distance in (5.0, 10.0):
        beyond = _distance_to_rect(SITE, xy) > distance
        row = result.verdict.set_index("line").loc[f"{distance:g}m"]
        assert exact[beyond].max() <= row.max_hours + 1 / 60


def test_a_box_that_exceeds_by_minutes_does_not_comply():
    """The old verdict, read on raster cells up to half a cell past the line, called this one complying
    (1.85 h at 2-minute steps and 0.5 m cells)."""
    massing = massing_from_frames(_frame(BOX, 11.8))
    exact10 = _exact_hours(BOX, 11.8, _locus(SITE, 10.0)).max()
    assert 2.0 + 5 / 60 < exact10 < 2.0 + 12 / 60                # over the 2 h limit by 5-12 minutes
    result = nichiei.nichiei(massing, shapely.box(*SITE), nichiei.Regulation(1, PLANE), day=DAY)
    ten = result.verdict.set_index("line").loc["10m"]
    assert not ten.complies and ten.line_over_m > 0
    assert ten.max_hours == pytest.approx(exact10, abs=1 / 60)
    assert ten.step_s == 60.0 and ten.plane_z_m == pytest.approx(PLANE) and "exact" in ten.method


def test_the_plane_stands_on_the_average_ground():
    """A building on ground 2 m above the site's average: its shadow on the plane is that of a 2 m taller one."""
    slope = 0.1                                              # the DEM rises 0.1 m per metre eastwards
    xs = X0 - 100 + np.arange(300) + 0.5
    terrain = Terrain(np.tile(slope * (xs - X0), (300, 1)), X0 - 100, Y0 + 200, 1.0, EPSG)
    massing = massing_from_frames(_frame(BOX, 30.0))
    site = shapely.box(*SITE)
    ground, spread, grounds = nichiei.average_ground(massing, terrain)
    # Along the outline of the 20 x 15 box, the mean x lies at its centre (x0 + 10): 1 m; its lowest ground 0.
    assert ground == pytest.approx(1.0, abs=0.02)
    assert spread == pytest.approx(2.0, abs=0.06) and grounds[0] == pytest.approx(0.05, abs=0.06)
    on_dem = nichiei.nichiei(massing, site, nichiei.Regulation(1, PLANE), day=DAY, step_minutes=5, cell=1.0,
                             terrain=terrain)
    flat = nichiei.nichiei(massing_from_frames(_frame(BOX, 30.0 + grounds[0] - ground)), site,
                           nichiei.Regulation(1, PLANE), day=DAY, step_minutes=5, cell=1.0)
    assert on_dem.verdict.plane_z_m.iloc[0] == pytest.approx(ground + PLANE)
    assert on_dem.verdict.max_hours.to_numpy() == pytest.approx(flat.verdict.max_hours.to_numpy(), abs=1 / 3600)
    assert not on_dem.ground_split
    steep = Terrain(terrain.z * 2, terrain.x0, terrain.y0, 1.0, EPSG)        # 4 m across the outline
    assert nichiei.nichiei(massing, site, nichiei.Regulation(1, PLANE), day=DAY, step_minutes=5, cell=1.0,
                           terrain=steep).ground_split


def test_without_a_dem_the_buildings_ground_heights_set_the_plane():
    frame = gpd.pd.concat([_frame([(X0, Y0, X0 + 10, Y0 + 10)], 20.0, ground=10.0),
                           _frame([(X0 + 12, Y0, X0 + 20, Y0 + 10)], 20.0, ground=12.0)], ignore_index=True)
    frame["gml_id"] = ["a", "b"]
    ground, spread, grounds = nichiei.average_ground(massing_from_frames(frame))
    assert ground == pytest.approx((10.0 * 40 + 12.0 * 36) / 76)      # weighted by the outlines' lengths
    assert spread == 2.0 and list(grounds) == [10.0, 12.0]
