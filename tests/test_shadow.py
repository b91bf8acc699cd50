"""Shadows checked against geometry: box shadow lengths, ray-box tests, symmetry, and the regulation."""
from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from urban_twin.analyses import nichiei, sun
from urban_twin.analyses.errors import UrbanTwinError
from urban_twin.analyses.massing import HeightGrid, massing_from_district, massing_from_frames
from urban_twin.analyses.place import Place
from urban_twin.analyses.shadow import shadow_hours, shadow_mask, shadow_polygons

EPSG = 6677                      # plane-rectangular zone IX (Tokyo); its origin is 36N 139.833E
X0, Y0 = -8000.0, -35000.0       # near Shinjuku
DAY = dt.date(2026, 12, 22)


def boxes(*specs) -> gpd.GeoDataFrame:
    """Buildings from (xmin, ymin, xmax, ymax, height) tuples, relative to (X0, Y0)."""
    return gpd.GeoDataFrame({"gml_id": [f"b{i}" for i in range(len(specs))], "height": [s[4] for s in specs]},
                            geometry=[shapely.box(X0 + s[0], Y0 + s[1], X0 + s[2], Y0 + s[3]) for s in specs],
                            crs=EPSG)


def sun_at(hour: float) -> tuple[pd.Timestamp, float, float]:
    lat, lon = Place.at(EPSG, X0, Y0).lat_lon
    when = sun.solar_to_clock(DAY, [hour], lon)[0]
    path = sun.sun_path(pd.DatetimeIndex([when]), lat, lon)
    return when, float(path.elevation[0]), float(path.azimuth[0])


@pytest.mark.parametrize("hour", [9.0, 12.0, 14.5])
def test_box_shadow_length_is_h_over_tan_elevation(hour):
    when, elevation, azimuth = sun_at(hour)
    massing = massing_from_frames(boxes((-5, -5, 5, 5, 30.0)))
    per_building, union = shadow_polygons(massing, when, convergence_deg=0.0)
    expected = 30.0 / np.tan(np.radians(elevation))
    # How far the shadow reaches past the box, measured along the anti-azimuth.
    away = -np.array([np.sin(np.radians(azimuth)), np.cos(np.radians(azimuth))])
    corners = shapely.get_coordinates(shapely.box(X0 - 5, Y0 - 5, X0 + 5, Y0 + 5))
    reach = (shapely.get_coordinates(per_building.geometry.iloc[0]) @ away).max() - (corners @ away).max()
    assert reach == pytest.approx(expected, rel=0.01)
    if hour == 12.0:
        assert 48 < expected < 52  # about 50 m at the winter solstice noon in Tokyo
        assert per_building.geometry.iloc[0].bounds[3] == pytest.approx(Y0 + 5 + expected, rel=0.01)


def test_raster_shadow_length_matches_the_polygon():
    when, elevation, azimuth = sun_at(12.0)
    top = np.zeros((200, 100))
    top[150:160, 45:55] = 30.0           # a 10 m box, 1 m cells; row 0 is north
    grid = HeightGrid(np.zeros_like(top), top, np.where(top > 0, 0, -1), X0, Y0, 1.0, EPSG)
    mask = shadow_mask(grid, elevation, azimuth, grid.ground)
    column = mask[:150, 50]
    length = 150 - np.flatnonzero(column)[0]
    assert length == pytest.approx(30.0 / np.tan(np.radians(elevation)), abs=1.0)
    assert not mask[160:, :].any()       # nothing south of a box at noon


def _ray_hits_box(point, elevation, azimuth, box, height) -> bool:
    """Independent check: does the ray from point towards the sun pass through the box (slab method)?"""
    d = np.array([np.sin(np.radians(azimuth)) * np.cos(np.radians(elevation)),
                  np.cos(np.radians(azimuth)) * np.cos(np.radians(elevation)), np.sin(np.radians(elevation))])
    lo, hi = np.array([box[0], box[1], 0.0]), np.array([box[2], box[3], height])
    with np.errstate(divide="ignore"):
        t1, t2 = (lo - point) / d, (hi - point) / d
    near, far = np.minimum(t1, t2).max(), np.maximum(t1, t2).min()
    return far >= max(near, 0.0)


def test_points_north_and_south_count_the_expected_steps():
    frame = boxes((-10, -10, 10, 10, 60.0))
    massing = massing_from_frames(frame)
    result = shadow_hours(massing, DAY, cell=1.0, extent=(X0 - 120, Y0 - 60, X0 + 120, Y0 + 150),
                          convergence_deg=0.0)
    lat, lon = Place.at(EPSG, X0, Y0).lat_lon
    path = sun.sun_path(result.times, lat, lon)
    weights = np.full(len(result.times), result.step_hours)
    weights[[0, -1]] /= 2
    for dx, dy in ((0.5, 40.5), (20.5, 80.5), (-30.5, 60.5), (0.5, -30.5)):
        point = np.array([X0 + dx, Y0 + dy, 0.0])
        expected = sum(w for w, e, a in zip(weights, path.elevation, path.azimuth)
                       if _ray_hits_box(point, e, a, (X0 - 10, Y0 - 10, X0 + 10, Y0 + 10), 60.0))
        row = int((result.shadow.y0 - point[1]) / result.shadow.cell)
        col = int((point[0] - result.shadow.x0) / result.shadow.cell)
        assert result.shadow.values[row, col] == pytest.approx(expected, abs=result.step_hours + 1e-9), (dx, dy)
    grid = result.shadow
    south = int((grid.y0 - (Y0 - 30.5)) / grid.cell), int((X0 + 0.5 - grid.x0) / grid.cell)
    assert result.shadow.values[south] == 0.0


def test_hours_add_up_and_symmetric_layout_is_symmetric():
    massing = massing_from_frames(boxes((-10, -10, 10, 10, 40.0)))
    result = shadow_hours(massing, DAY, extent=(X0 - 150, Y0 - 40, X0 + 150, Y0 + 140), convergence_deg=0.0)
    open_cells = np.isfinite(result.shadow.values)
    assert np.allclose(result.shadow.values[open_cells] + result.sun.values[open_cells], 8.0)
    assert np.isnan(result.shadow.values).sum() == 400  # the building's own cells
    # True solar time is symmetric about noon, so east and west mirror each other (cell rounding aside).
    difference = np.abs(np.nan_to_num(result.shadow.values) - np.nan_to_num(result.shadow.values[:, ::-1]))
    assert (difference > result.step_hours + 1e-9).mean() < 0.005


def test_raising_the_plane_shortens_shadows_and_low_buildings_cast_none():
    massing = massing_from_frames(boxes((-10, -10, 10, 10, 20.0), (40, -10, 50, 0, 3.0)))
    when, _, _ = sun_at(12.0)
    ground, _ = shadow_polygons(massing, when)
    raised, _ = shadow_polygons(massing, when, plane_height=4.0)
    assert raised.area.iloc[0] < ground.area.iloc[0]
    assert list(raised["building_id"]) == ["b0"]   # the 3 m building is under the 4 m plane
    hours0 = shadow_hours(massing, DAY, plane_height=0.0, extent=(X0 - 60, Y0 - 20, X0 + 80, Y0 + 100))
    hours4 = shadow_hours(massing, DAY, plane_height=4.0, extent=(X0 - 60, Y0 - 20, X0 + 80, Y0 + 100))
    assert np.nansum(hours4.shadow.values) < np.nansum(hours0.shadow.values)


def test_sun_below_horizon_is_a_message():
    massing = massing_from_frames(boxes((-5, -5, 5, 5, 10.0)))
    with pytest.raises(UrbanTwinError, match="below the horizon"):
        shadow_polygons(massing, pd.Timestamp("2026-12-22 22:00", tz="Asia/Tokyo"))


def test_bad_buildings_are_messages():
    frame = boxes((-5, -5, 5, 5, 10.0))
    with pytest.raises(UrbanTwinError, match="geographic"):
        massing_from_frames(frame.to_crs(6668))
    with pytest.raises(UrbanTwinError, match="empty"):
        massing_from_frames(frame.iloc[:0])
    with pytest.raises(UrbanTwinError, match="no 'storeys' column"):
        massing_from_frames(frame, height_field="storeys")


def test_terrain_casts_shadow_too():
    from urban_twin.analyses.citymodel import Terrain
    ridge = np.zeros((100, 100))
    ridge[60:62, :] = 20.0          # an east-west wall of terrain, 20 m high
    terrain = Terrain(ridge, X0 - 50, Y0 + 50, 1.0, EPSG)
    massing = massing_from_frames(boxes((30, 30, 31, 31, 1.0)))
    result = shadow_hours(massing, DAY, extent=(X0 - 50, Y0 - 50, X0 + 50, Y0 + 50), terrain=terrain)
    assert result.shadow.values[55, 50] == pytest.approx(8.0)   # just north of the ridge: shadow all day
    assert result.shadow.values[70, 50] == 0.0                  # south of it: sun all day


@pytest.mark.parametrize("height,complies", [(10.0, True), (40.0, False)])
def test_regulation_verdict_on_hand_built_cases(height, complies):
    massing = massing_from_frames(boxes((0, 0, 20, 15, height)))
    site = shapely.box(X0 - 10, Y0 - 10, X0 + 30, Y0 + 25)
    result = nichiei.nichiei(massing, site, nichiei.Regulation(1, 4.0), day=DAY, step_minutes=5, cell=1.0)
    ten = result.verdict.set_index("line").loc["10m"]
    assert bool(ten.complies) is complies
    if not complies:
        assert ten.max_hours > 2.0 and ten.reach_beyond_m > 0 and ten.area_over_m2 > 0
    assert set(result.contours["hours"]) >= {2.0, 3.0} or height == 10.0
    assert len(result.hourly) == 9                  # 8:00 … 16:00


def test_regulation_limits_table():
    assert nichiei.Regulation(2, 4.0).limits == (4.0, 2.5)
    assert nichiei.Regulation(3, 6.5, hokkaido=True).limits == (4.0, 2.5)
    assert nichiei.Regulation(1, 1.5, hokkaido=True).window == (9.0, 15.0)
    with pytest.raises(UrbanTwinError):
        _ = nichiei.Regulation(4).limits


def test_runs_on_real_plateau_buildings(yokosuka):
    massing = massing_from_district(yokosuka)
    assert massing.roofs is not None and len(massing.roofs)  # its LOD2 roofs are used
    result = shadow_hours(massing, DAY, cell=1.0)
    assert np.nanmax(result.shadow.values) > 0
    lat, lon = Place.at(massing.epsg, *massing.footprints[0].centroid.coords[0]).lat_lon
    per_building, union = shadow_polygons(massing, sun.solar_to_clock(DAY, [10.0], lon)[0])
    assert len(per_building) == len(massing) and union.area.iloc[0] > massing.footprints[0].area


def test_shadow_polygons_on_rising_terrain_are_shorter_as_geometry_says():
    """Ground rising northwards at slope s under a noon sun: the shadow reaches h / (tan e + s)."""
    from urban_twin.analyses.citymodel import Terrain
    when, elevation, _ = sun_at(12.0)
    slope = 0.1
    rows = 400
    ys = Y0 + 200 - (np.arange(rows) + 0.5)              # row centres, north first
    terrain = Terrain(np.tile((slope * (ys - Y0))[:, None], (1, 100)), X0 - 50, Y0 + 200, 1.0, EPSG)
    massing = massing_from_frames(boxes((-5, -5, 5, 5, 30.0)))
    flat, _ = shadow_polygons(massing, when, convergence_deg=0.0)
    hilly, _ = shadow_polygons(massing, when, convergence_deg=0.0, terrain=terrain)
    tan_e = np.tan(np.radians(elevation))
    reach_flat = flat.geometry.iloc[0].bounds[3] - (Y0 + 5)
    reach_hill = hilly.geometry.iloc[0].bounds[3] - (Y0 + 5)
    assert reach_flat == pytest.approx(30.0 / tan_e, rel=0.01)
    # the box stands on the ground at its centre (0 m); its top is 30 m up; the wall's far edge is at
    # y = 5, where the ground is 0.5 m: the ray from the top at y = 5 lands where 30 - t tan e = s (5 + t)
    expected = (30.0 - slope * 5) / (tan_e + slope)
    assert reach_hill == pytest.approx(expected, rel=0.01)
    assert reach_hill < reach_flat


def test_each_sun_position_marches_only_what_can_shade_the_extent():
    """The per-position window (the extent grown towards the sun by that elevation's longest shadow) gives the
    counts of whole-grid masks summed by hand."""
    from urban_twin.analyses.massing import height_grid
    from urban_twin.analyses.raster import snap
    from urban_twin.analyses.shadow import instant_weights
    x0, y0 = -8000.0, -35000.0
    boxes = [(x0 + dx, y0 + dy, x0 + dx + 12, y0 + dy + 9, h) for dx, dy, h in
             ((-60, -40, 20), (30, -70, 60), (-20, 40, 12), (70, 30, 35), (0, 0, 8))]
    frame = gpd.GeoDataFrame({"gml_id": [str(i) for i in range(5)], "height": [b[4] for b in boxes]},
                             geometry=[shapely.box(*b[:4]) for b in boxes], crs=6677)
    massing = massing_from_frames(frame)
    extent, grid_extent = (x0 - 20, y0 - 20, x0 + 30, y0 + 25), (x0 - 300, y0 - 300, x0 + 300, y0 + 300)
    day = dt.date(2026, 12, 22)
    result = shadow_hours(massing, day, 8, 16, 30, cell=1.0, extent=extent, grid_extent=grid_extent,
                          convergence_deg=0.0)
    grid = height_grid(massing, snap(grid_extent, 1.0), 1.0, outlines=True)
    lat, lon = Place.centre_of(extent, 6677).lat_lon
    path = sun.sun_path(sun.day_times(day, 8, 16, 30, lon), lat, lon)
    weights = instant_weights(len(path.times), 30)
    by_hand = sum(w * shadow_mask(grid, e, a, grid.ground) for w, e, a in
                  zip(weights, path.elevation, path.grid_azimuth(0.0)))
    rows, cols = grid.window(extent)
    open_cells = np.isfinite(result.shadow.values)
    assert np.allclose(result.shadow.values[open_cells], by_hand[rows, cols][open_cells], atol=1e-9)
    assert result.shadow.values[open_cells].max() > 2.0        # the tower's shadow crosses the extent
