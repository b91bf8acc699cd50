"""City scale: tiled shadow hours equal the untiled run cell for cell, a stopped run resumes, tiles run on a real
Dask scheduler with two workers, and a tile too large for a worker is refused before anything starts."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
import time

import geopandas as gpd
import numpy as np
import pytest

pytest.importorskip("distributed")

from urban_twin.analyses import citywide as cw  # noqa: E402
from urban_twin.analyses import synthetic, tiles, tilestore, wind  # noqa: E402
from urban_twin.analyses.citygml import read_district  # noqa: E402
from urban_twin.analyses.errors import UrbanTwinError  # noqa: E402
from urban_twin.analyses.gpkg import write_geopackage  # noqa: E402
from urban_twin.analyses.massing import massing_from_frames  # noqa: E402
from urban_twin.analyses.raster import Raster
from urban_twin.analyses.shadow import shadow_hours  # noqa: E402

PARAMS = cw.ShadowParameters(dt.date(2026, 12, 22))
EPSG = 6677
#: Square tiles of 300 m cut the 527 m district into 2 x 2; its shadows reach about 200 m, less than a tile.
TILE = 300.0


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """A 600 m synthetic district centred on a corner of four third-order meshes, as a GeoPackage."""
    folder = tmp_path_factory.mktemp("city")
    spec = synthetic.SceneSpec(name="tiles", lat=35.68333, lon=139.70, size=600.0, tall_fraction=0.0, seed=7)
    synthetic.write_dataset(spec, str(folder / "scene"), relief=False, roads=False)
    gml = next(str(p) for p in (folder / "scene").rglob("*.gml"))
    write_geopackage(read_district(gml), str(folder / "city.gpkg"))
    inputs = cw.Inputs(str(folder / "city.gpkg"))
    massing = massing_from_frames(gpd.read_file(inputs.gpkg, layer="buildings"),
                                  gpd.read_file(inputs.gpkg, layer="roofs"))
    return inputs, massing, tuple(massing.bounds)


def _untiled(massing, area):
    """The whole area in one piece, with the area's sun (what a run of one piece gives)."""
    the_sun = cw.area_sun(EPSG, area)
    return shadow_hours(massing, PARAMS.day, PARAMS.start, PARAMS.end, PARAMS.step_minutes, cell=PARAMS.cell,
                        extent=area, convergence_deg=the_sun.convergence_deg,
                        sun_at=the_sun.lat_lon)


def _mosaic_window(mosaic: str, whole) -> np.ndarray:
    """The mosaic's values on the cells of the untiled result."""
    mosaic_raster, hours = Raster.read(mosaic), whole.shadow
    r = int(round((mosaic_raster.y0 - hours.y0) / hours.cell))
    c = int(round((hours.x0 - mosaic_raster.x0) / hours.cell))
    assert (r, c) == (0, 0) and mosaic_raster.shape == hours.shape
    return mosaic_raster.values


@pytest.mark.parametrize("tile_size", [None, TILE], ids=["mesh", "squares"])
def test_each_tile_equals_the_untiled_run_exactly(city, tile_size):
    inputs, massing, area = city
    whole = _untiled(massing, area)
    the_sun = cw.area_sun(EPSG, area)
    plan = cw.plan_shadow(inputs, area, EPSG, PARAMS, the_sun, tile_size)
    assert len(plan) == 4
    assert all(0 < t.halo < 300 for t in plan)          # the halo is the shadows' reach, not the whole district
    covered = np.zeros(whole.shadow.shape, dtype=int)
    for tile in plan:
        part = shadow_hours(cw.read_massing(inputs, tile.grid_extent, EPSG), PARAMS.day, cell=PARAMS.cell,
                            extent=tile.extent, convergence_deg=the_sun.convergence_deg,
                            sun_at=the_sun.lat_lon, grid_extent=tile.grid_extent).shadow
        mine = tiles.in_mesh(tile, EPSG, part.x0, part.y0, part.cell, part.shape)
        r = int(round((whole.shadow.y0 - part.y0) / PARAMS.cell))
        c = int(round((part.x0 - whole.shadow.x0) / PARAMS.cell))
        rows, cols = part.shape
        expected = whole.shadow.values[r:r + rows, c:c + cols]
        assert np.array_equal(part.values[mine], expected[mine], equal_nan=True)
        covered[r:r + rows, c:c + cols] += mine
    assert (covered == 1).all()                          # every cell in exactly one tile


def test_the_tiled_run_on_a_local_cluster_makes_the_untiled_raster(city, tmp_path):
    inputs, massing, area = city
    seen = []
    report = cw.run_shadow_hours(inputs, area, EPSG, PARAMS, str(tmp_path), "shadow", tile_size=TILE, n_workers=2,
                                 progress=lambda done, total, left: seen.append((done, total, left)))
    whole = _untiled(massing, area)
    assert np.array_equal(_mosaic_window(report.mosaic, whole), whole.shadow.values.astype(np.float32), equal_nan=True)
    assert [s[:2] for s in seen] == [(1, 4), (2, 4), (3, 4), (4, 4)] and seen[-1][2] == 0.0
    index = gpd.read_file(report.index, layer="tiles")
    assert sorted(index["status"]) == ["done"] * 4 and (index["seconds"] > 0).all()
    from osgeo import gdal
    tile = gdal.Open(os.path.join(str(tmp_path), "shadow_tiles", "r000c000.tif"))
    assert tile.GetMetadata("IMAGE_STRUCTURE").get("LAYOUT") == "COG"
    assert tile.GetRasterBand(1).GetOverviewCount() >= 1 and tile.GetRasterBand(1).GetBlockSize() == [256, 256]


def test_a_stopped_run_resumes_skipping_its_finished_tiles(city, tmp_path):
    inputs, massing, area = city
    folder = str(tmp_path)
    done_so_far = []
    with pytest.raises(InterruptedError):
        cw.run_shadow_hours(inputs, area, EPSG, PARAMS, folder, "shadow", tile_size=TILE, n_workers=1,
                            progress=lambda done, total, left: done_so_far.append(done),
                            is_canceled=lambda: len(done_so_far) >= 2)
    with open(os.path.join(folder, "shadow.manifest.json"), encoding="utf-8") as f:
        finished = sorted(k for k, v in json.load(f)["tiles"].items() if v["status"] == "done")
    assert 2 <= len(finished) < 4
    assert not os.path.exists(os.path.join(folder, "shadow.vrt"))      # no mosaic of a stopped run
    # What a power cut leaves: a half-written tile under its temporary name, and a truncated file under the
    # final name of a tile the manifest does not record as done.
    tiles_folder = os.path.join(folder, "shadow_tiles")
    with open(os.path.join(tiles_folder, ".partial-crash.tif"), "wb") as f:
        f.write(b"II*\x00garbage")
    unfinished = next(k for k in ("r000c000", "r000c001", "r001c000", "r001c001") if k not in finished)
    with open(os.path.join(tiles_folder, f"{unfinished}.tif"), "wb") as f:
        f.write(b"II*\x00half")
    report = cw.run_shadow_hours(inputs, area, EPSG, PARAMS, folder, "shadow", tile_size=TILE, n_workers=1)
    assert sorted(report.skipped) == finished and len(report.computed) == 4 - len(finished)
    whole = _untiled(massing, area)
    assert np.array_equal(_mosaic_window(report.mosaic, whole), whole.shadow.values.astype(np.float32), equal_nan=True)
    assert not [f for f in os.listdir(tiles_folder) if f.startswith(".partial-")]
    # The same folder with other settings (another key) is another run: nothing of this one is reused.
    assert not any(tilestore.TileStore(folder, "shadow", "other-key").done(k) for k in finished)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_workers(address: str, count: int, deadline: float) -> None:
    from distributed import Client
    with Client(address, timeout="20s") as client:
        client.wait_for_workers(count, timeout=max(1.0, deadline - time.time()))


def test_a_wind_tile_solves_a_part_of_the_one_piece_problem(city):
    """Each wind tile's domain is a box of the one-piece run's domain, on its lattice and its levels, and the initial
    field (inflow and zones) on the tile's own cells is the one-piece run's, to the bit: what is left of the seams
    is the mass-consistent adjustment's, which is global."""
    inputs, massing, area = city
    index = cw.read_index(inputs)
    direction, cell = 337.5, 4.0
    whole = wind.wind_domain(massing, direction, cell, extent=area)
    u_whole = wind.initial_field(whole, massing, 5.0, 10.0, 0.25)[0][:-1]
    across = np.array([-whole.downwind[1], whole.downwind[0]])
    plan = cw.plan_wind(index, area, EPSG, cell, 150.0, TILE, direction)
    assert len(plan) == 4
    row_of = {building_id: row for row, building_id in enumerate(massing.ids)}

    def whole_row(ids):
        return np.array([row_of[i] for i in ids])

    for tile in plan:
        part = cw.read_massing(inputs, tile.grid_extent, EPSG)
        domain = wind.wind_domain(part, direction, cell, extent=tile.grid_extent, frame=cw.wind_frame(index, area))
        offset = np.array([domain.x0 - whole.x0, domain.y0 - whole.y0]) / cell
        assert np.allclose(offset, np.round(offset), atol=1e-6) and domain.centre == whole.centre
        (ox, oy), (nx, ny, _) = np.round(offset).astype(int), domain.shape
        assert ox >= 0 and oy >= 0 and ox + nx <= whole.shape[0] and oy + ny <= whole.shape[1]
        assert np.array_equal(domain.z_edges, whole.z_edges)
        x = domain.x0 + (np.arange(nx)[:, None] + 0.5) * cell
        y = domain.y0 + (np.arange(ny)[None, :] + 0.5) * cell
        world_x = whole.centre[0] + x * whole.downwind[0] + y * across[0]
        world_y = whole.centre[1] + x * whole.downwind[1] + y * across[1]
        e = tile.extent
        mine = (world_x >= e[0]) & (world_x < e[2]) & (world_y >= e[1]) & (world_y < e[3])
        assert mine.sum() > 0.9 * ((e[2] - e[0]) * (e[3] - e[1]) / cell ** 2)
        u = wind.initial_field(domain, part, 5.0, 10.0, 0.25)[0][:-1]
        # every building read keeps all its roof faces, those beyond the tile's extent too
        assert np.array_equal(np.bincount(part.roofs.building, minlength=len(part)),
                              np.bincount(massing.roofs.building, minlength=len(massing))[whole_row(part.ids)])
        assert np.array_equal(domain.solid[mine], whole.solid[ox:ox + nx, oy:oy + ny][mine])
        # the roofs' planes are evaluated about another grid origin: equal to rounding
        np.testing.assert_allclose(u[mine], u_whole[ox:ox + nx, oy:oy + ny][mine], rtol=0, atol=1e-9)


def test_tiled_wind_equals_the_one_piece_run_within_the_solver_tolerance(city, tmp_path):
    """2 x 2 tiles of pedestrian wind on Dask: the one-piece run's problem solved over its blocks (two-level Schwarz)
    meets the one-piece run's stopping rule over the whole grid, and its ratio is the one-piece run's to a millionth
    in every cell (the seams of tiles solved apart were hundredths)."""
    from osgeo import gdal
    inputs, massing, area = city
    index = cw.read_index(inputs)
    direction, cell = 337.5, 4.0
    area = tiles.snap(area, cell)            # on the cells' lattice, as the mosaic
    params = cw.WindParameters(direction, 0.5, cell=cell, halo=150.0)
    convergence = cw.area_sun(EPSG, area).convergence_deg
    whole = wind.solve_wind(massing, direction, params.speed, params.height, cell, params.z0, convergence,
                            extent=area, frame=cw.wind_frame(index, area))
    one = wind.pedestrian_level(whole, params.ped_height, cell, area).ratio.values
    ratio_vrt = str(tmp_path / "ratio.vrt")
    report = cw.run_wind(inputs, area, EPSG, params, str(tmp_path), "wind", tile_size=TILE, n_workers=2,
                         ratio_mosaic=ratio_vrt, block_size=TILE)     # blocks as small as tiles: several of them
    assert len(report.computed) == 4 and not os.path.exists(tmp_path / "wind_solve")   # the solve's arrays removed
    solve = report.prepared
    assert solve["largest_divergence"] <= wind.DIVERGENCE_TOLERANCE and solve["passes"] > 1   # passes; converged
    mosaic = gdal.Open(ratio_vrt)
    assert mosaic.GetGeoTransform()[0] == area[0] and mosaic.GetGeoTransform()[3] == area[3]
    tiled = mosaic.ReadAsArray().astype(float)
    assert tiled.shape == one.shape and np.array_equal(np.isnan(tiled), np.isnan(one))
    assert np.nanmax(np.abs(tiled - one)) < 1e-6


def test_tiled_wind_on_a_dem_equals_the_one_piece_run_within_the_solver_tolerance(city, tmp_path):
    """On a hill, the tiled run's grid stands where the one-piece run's does (its floor the lowest ground under the
    one-piece grid's columns, wind.frame_on_ground), so its ratio is the one-piece run's to a millionth."""
    import dataclasses

    from osgeo import gdal

    from urban_twin.analyses.citymodel import Terrain
    inputs, massing, area = city
    cell = 4.0
    area = tiles.snap(area, cell)
    # A hill 30 m high off the district's centre, on 4 m cells reaching well past the wind domain's margins.
    x0, y1, side = area[0] - 1000.0, area[3] + 1000.0, 2600
    g = (np.arange(side // 4) + 0.5) * 4.0
    gx, gy = np.meshgrid(x0 + g, y1 - g)
    z = 40.0 + 30.0 * np.exp(-((gx - area[0] - 150.0) ** 2 + (gy - area[1] - 200.0) ** 2) / (2 * 150.0 ** 2))
    dem = str(tmp_path / "dem.tif")
    Terrain(z, x0, y1, 4.0, EPSG).write(dem)
    params = cw.WindParameters(337.5, 0.5, cell=cell, halo=150.0)
    convergence = cw.area_sun(EPSG, area).convergence_deg
    whole = wind.solve_wind(massing, params.direction_deg, params.speed, params.height, cell, params.z0, convergence,
                            extent=area, terrain=Terrain.read(dem, EPSG))
    one = wind.pedestrian_level(whole, params.ped_height, cell, area).ratio.values
    ratio_vrt = str(tmp_path / "ratio.vrt")
    report = cw.run_wind(dataclasses.replace(inputs, dem=dem), area, EPSG, params, str(tmp_path), "wind",
                         tile_size=TILE, n_workers=2, ratio_mosaic=ratio_vrt, block_size=TILE)
    assert report.prepared["largest_divergence"] <= wind.DIVERGENCE_TOLERANCE
    tiled = gdal.Open(ratio_vrt).ReadAsArray().astype(float)
    assert tiled.shape == one.shape and np.array_equal(np.isnan(tiled), np.isnan(one))
    assert np.nanmax(np.abs(tiled - one)) < 1e-6
    flat = wind.pedestrian_level(wind.solve_wind(massing, params.direction_deg, params.speed, params.height, cell,
                                                 params.z0, convergence, extent=area), params.ped_height, cell, area)
    assert np.nanmean(np.abs(flat.ratio.values - one)) > 0.01                       # the hill does change the wind


def test_tiled_comfort_has_the_one_piece_runs_classes_and_a_stopped_solve_resumes_at_its_direction(city, tmp_path):
    """Wind comfort in 2 x 2 tiles on Dask, its 16 directions each the one-piece run's problem solved over blocks:
    the one-piece run's class in every cell. A run stopped during its third direction's solve starts again there,
    the two directions it solved kept."""
    from osgeo import gdal

    from urban_twin.analyses import windcomfort
    inputs, massing, area = city
    cell = 6.0                               # TILE a whole number of cells; coarse to keep 32 solves short
    area = tiles.snap(area, cell)
    params = cw.ComfortParameters(windcomfort.TOKYO_ROSE, "lawson", 0.5, cell=cell, halo=150.0)
    convergence = cw.area_sun(EPSG, area).convergence_deg
    speeds = windcomfort.direction_speeds(massing, params.rose, area, cell, params.ped_height, params.z0, convergence)
    one, _ = windcomfort.comfort_classes(speeds.speeds, params.rose, params.criterion, params.gust_factor)
    seen: list[str] = []

    def run(stop_at: str | None):
        return cw.run_comfort(inputs, area, EPSG, params, str(tmp_path), "comfort", tile_size=TILE, n_workers=2,
                              block_size=TILE, is_canceled=lambda: stop_at in seen,
                              log=lambda direction, blocks, done, worst: seen.append(direction))

    with pytest.raises(InterruptedError):
        run("NE")
    assert seen[0] == "N" and seen[-1] == "NE"
    seen.clear()
    report = run(None)
    assert seen[0] == "NE" and sorted(set(seen)) == sorted(set(windcomfort.COMPASS) - {"N", "NNE"})
    assert len(report.computed) == 4 and not os.path.exists(tmp_path / "comfort_solve")
    assert max(s["largest_divergence"] for s in report.prepared.values()) <= wind.DIVERGENCE_TOLERANCE
    tiled = gdal.Open(report.mosaic).ReadAsArray().astype(float)
    assert tiled.shape == one.shape and np.array_equal(np.isnan(tiled), np.isnan(one))
    assert np.array_equal(tiled[np.isfinite(one)], one[np.isfinite(one)])


def test_tiles_run_on_a_real_scheduler_with_two_workers(city, tmp_path):
    inputs, massing, area = city
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    bin_dir = os.path.dirname(sys.executable)
    scheduler = [os.path.join(bin_dir, "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                 "--no-dashboard"]
    worker = [os.path.join(bin_dir, "dask"), "worker", address, "--host", "127.0.0.1", "--nthreads", "1",
              "--no-dashboard", "--memory-limit", "3GB"]
    started = [subprocess.Popen(scheduler, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        time.sleep(2.0)
        started += [subprocess.Popen(worker, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    for _ in range(2)]
        _wait_for_workers(address, 2, time.time() + 40)
        report = cw.run_shadow_hours(inputs, area, EPSG, PARAMS, str(tmp_path), "shadow", tile_size=TILE,
                                     scheduler=address)
        index = gpd.read_file(report.index, layer="tiles")
        assert len(report.computed) == 4 and (index["status"] == "done").all()
        whole = _untiled(massing, area)
        assert np.array_equal(_mosaic_window(report.mosaic, whole), whole.shadow.values.astype(np.float32),
                              equal_nan=True)
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def test_an_unreachable_scheduler_is_a_message(city, tmp_path, monkeypatch):
    inputs, _, area = city
    monkeypatch.setattr(cw, "CONNECT_TIMEOUT", "3s")
    with pytest.raises(UrbanTwinError, match="cannot reach the Dask scheduler tcp://127.0.0.1:"):
        cw.run_shadow_hours(inputs, area, EPSG, PARAMS, str(tmp_path), "shadow", tile_size=TILE,
                            scheduler=f"tcp://127.0.0.1:{_free_port()}")


def test_a_tile_too_large_for_a_worker_is_refused_with_the_size_to_use():
    cell = 1.0
    plan = tiles.with_halos(tiles.square_tiles((0.0, 0.0, 4000.0, 4000.0), 4000.0, cell),
                            tiles.BuildingIndex(np.array([[1000.0, 1000.0, 1020.0, 1020.0]]), np.array([40.0])),
                            np.array([200.0]), cell, (-1e6, -1e6, 1e6, 1e6))
    limit = 1.5e9
    with pytest.raises(UrbanTwinError, match=r"use a tile size of (\d+) m or less") as refused:
        tiles.require_fit(plan, cell, limit)
    size = refused.value.values[3]
    assert 100.0 <= size < 4000.0
    smaller = tiles.with_halos(tiles.square_tiles((0.0, 0.0, 4000.0, 4000.0), size, cell),
                               tiles.BuildingIndex(np.array([[1000.0, 1000.0, 1020.0, 1020.0]]), np.array([40.0])),
                               np.array([200.0]), cell, (-1e6, -1e6, 1e6, 1e6))
    tiles.require_fit(smaller, cell, limit)              # the size it names fits
    with pytest.raises(UrbanTwinError, match="no tile size fits"):
        tiles.require_fit(plan, cell, tiles.WORKER_BASE_BYTES + 1e6)


def test_mesh_codes_follow_jis_x_0410():
    lat_i, lon_i = tiles.mesh_index(EPSG, *_tokyo_station())
    assert tiles.mesh_code(int(lat_i[0]), int(lon_i[0])) == "53394611"


def _tokyo_station():
    from urban_twin.analyses import crs
    x, y = crs.transformer(6668, EPSG).transform(np.array([139.7671]), np.array([35.6812]))
    return np.asarray(x), np.asarray(y)


def test_a_copy_of_the_output_folder_needs_no_scheduler(city, tmp_path):
    inputs, _, area = city
    cw.run_shadow_hours(inputs, area, EPSG, PARAMS, str(tmp_path / "a"), "shadow", tile_size=TILE, n_workers=2)
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    report = cw.run_shadow_hours(inputs, area, EPSG, PARAMS, str(tmp_path / "b"), "shadow", tile_size=TILE,
                                 scheduler="tcp://127.0.0.1:1")   # everything is done: no cluster is reached
    assert len(report.skipped) == 4 and not report.computed


def test_vector_results_of_finished_tiles_are_gathered_in_one_geopackage(tmp_path):
    import shapely
    store = tilestore.TileStore(str(tmp_path), "solar", "key")
    for k in (1, 0, 2):
        tilestore.write_layers(store.vectors_path(f"t{k}"), {"roofs": gpd.GeoDataFrame(
            {"tile": [f"t{k}"] * (k + 1)}, geometry=[shapely.box(k, 0, k + 1, 1)] * (k + 1), crs=EPSG)})
        if k < 2:                                   # t2 wrote its vectors but never finished
            Raster.blank((k, 0, k + 1, 1), 1.0, EPSG).write_cog(store.tile_path(f"t{k}"))
            store.record(f"t{k}", status=tilestore.DONE)
    store.write_index({"t0": (0, 0, 1, 1), "t1": (1, 0, 2, 1), "t2": (2, 0, 3, 1)}, EPSG)
    assert store.merge_vectors("roofs") == 3
    assert list(gpd.read_file(store.index_path, layer="roofs")["tile"]) == ["t0", "t1", "t1"]
    assert store.merge_vectors("roofs") == 3        # again: the layer is made anew, not appended twice
    assert len(gpd.read_file(store.index_path, layer="roofs")) == 3
    assert list(gpd.read_file(store.index_path, layer="tiles")["status"]) == ["done", "done", "pending"]


SOLAR = cw.SolarParameters(cell=1.0, max_distance=150.0)


def test_tiled_solar_equals_the_untiled_run_roof_for_roof(city, tmp_path):
    from urban_twin.analyses import weather
    from urban_twin.analyses.solar import best_unshaded_kwh_m2, solar_potential
    inputs, massing, area = city
    place = cw.area_sun(EPSG, area)
    climate = weather.default_weather(*place.lat_lon)
    best = best_unshaded_kwh_m2(climate, place.convergence_deg)
    report = cw.run_solar(inputs, area, EPSG, SOLAR, climate, str(tmp_path), "solar", tile_size=TILE, n_workers=2)
    whole = solar_potential(massing, climate, SOLAR.cell, max_distance=SOLAR.max_distance,
                            convergence_deg=place.convergence_deg, best_kwh_m2=best)
    assert len(report.computed) == 4
    # The raster: cell for cell.
    mosaic, expected = Raster.read(report.mosaic), whole.raster(area)
    assert (mosaic.x0, mosaic.y0, mosaic.shape) == (expected.x0, expected.y0, expected.shape)
    assert np.array_equal(mosaic.values, expected.values.astype(np.float32), equal_nan=True)
    # The roofs and buildings: each once, in the run's GeoPackage, with the untiled values.
    for layer, table, keys in (("roofs", whole.roofs, ["building_id", "source_row", "area_m2"]),
                               ("buildings", whole.buildings, ["building_id"])):
        tiled = gpd.read_file(report.index, layer=layer).sort_values(keys).reset_index(drop=True)
        one = table.sort_values(keys).reset_index(drop=True)
        assert len(tiled) == len(one) and list(tiled["building_id"]) == list(one["building_id"])
        for column in ("kwh_m2", "kwh", "usable_m2"):
            np.testing.assert_allclose(tiled[column], one[column], rtol=1e-9, atol=1e-9)
        assert list(tiled["class"]) == list(one["class"])
    assert whole.roofs["kwh_m2"].max() <= best * 1.001           # no roof beats the best unshaded plane


def test_tiled_shadows_on_a_dem_equal_the_untiled_run(city, tmp_path):
    import dataclasses

    from urban_twin.analyses.citymodel import Terrain
    inputs, massing, area = city
    # A hill 25 m high in the district's middle, on 2 m cells reaching past the district.
    x0, y1 = area[0] - 60.0, area[3] + 60.0
    cols, rows = int((area[2] - area[0] + 120) / 2), int((area[3] - area[1] + 120) / 2)
    gx, gy = np.meshgrid(x0 + (np.arange(cols) + 0.5) * 2, y1 - (np.arange(rows) + 0.5) * 2)
    cx, cy = (area[0] + area[2]) / 2, (area[1] + area[3]) / 2
    z = 25.0 * np.exp(-((gx - cx) ** 2 + (gy - cy) ** 2) / (2 * 120.0 ** 2))
    dem = str(tmp_path / "dem.tif")
    Terrain(z, x0, y1, 2.0, EPSG).write(dem)
    report = cw.run_shadow_hours(dataclasses.replace(inputs, dem=dem), area, EPSG, PARAMS, str(tmp_path), "shadow",
                                 tile_size=TILE, n_workers=1)
    the_sun = cw.area_sun(EPSG, area)
    whole = shadow_hours(massing, PARAMS.day, PARAMS.start, PARAMS.end, PARAMS.step_minutes, cell=PARAMS.cell,
                         extent=area, terrain=Terrain.read(dem, EPSG), convergence_deg=the_sun.convergence_deg,
                         sun_at=the_sun.lat_lon)
    assert np.array_equal(_mosaic_window(report.mosaic, whole), whole.shadow.values.astype(np.float32), equal_nan=True)
    flat = _untiled(massing, area)
    assert np.nanmean(np.abs(whole.shadow.values - flat.shadow.values)) > 0.05       # the hill does change shadows
