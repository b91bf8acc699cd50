"""City scale, the run: the tiles of an area as tasks on dask.distributed, on a local cluster of worker
processes or on an existing one, resumable, with progress and cancel.

The work of one tile is a plain function of (inputs path, tile, parameters, output path): a worker reads the
buildings near its tile from the GeoPackage (a path every worker can read), computes, and writes the tile's
COG into the output folder (a path every worker can write). Only small records travel back.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import resource
import socket
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Callable

import numpy as np

from . import tiles, tilestore
from .errors import QT_TRANSLATE_NOOP, UrbanTwinError
from .place import Place
from .solar import PVParameters
from .tiles import Bounds, Tile

if TYPE_CHECKING:
    from .wind import Lattice, WindFrame
    from .windcomfort import WindRose

#: progress(tiles done, tiles in all, seconds left or NaN)
ProgressFn = Callable[[int, int, float], None]
#: Share of the machine's memory the local workers may use between them.
LOCAL_MEMORY_SHARE = 0.75
#: A wind tile's peak per cell of its grid (tile and halo): it only samples the solved wind at pedestrian height
#: (speed, ratio, direction and their indices); a comfort tile holds its 16 directions' speeds besides.
WIND_TILE_BYTES_PER_CELL = 200
COMFORT_TILE_BYTES_PER_CELL = WIND_TILE_BYTES_PER_CELL + 16 * 8
#: How long to try reaching a scheduler before saying it cannot be reached.
CONNECT_TIMEOUT = "20s"


@dataclass(frozen=True)
class Inputs:
    """Where the workers read the city: a GeoPackage of buildings (a height column) and, optionally, roofs."""

    gpkg: str
    buildings_layer: str = "buildings"
    roofs_layer: str | None = "roofs"
    height_field: str = "height"
    dem: str | None = None          # a DEM (GeoTIFF, any GDAL raster) in the buildings' CRS: ground and terrain

    def terrain(self, bounds: Bounds, epsg: int):
        """The DEM's window over bounds as a Terrain, or None without a DEM."""
        from .citymodel import Terrain
        return Terrain.read(self.dem, epsg, bounds) if self.dem else None

    def stamp(self) -> dict:
        """What identifies the inputs' versions (a run on changed files is another run)."""
        return {"gpkg": tilestore.input_stamp(self.gpkg), "dem": tilestore.input_stamp(self.dem) if self.dem else None}


@dataclass(frozen=True)
class ShadowParameters:
    """Shadow hours on a plane, as analyses.shadow.shadow_hours takes them."""

    day: dt.date
    start: float = 8.0
    end: float = 16.0
    step_minutes: float = 10.0
    plane_height: float = 0.0
    cell: float = 1.0
    solar_time: bool = True
    tz: str = "Asia/Tokyo"


@dataclass(frozen=True)
class SolarParameters:
    """Solar potential, as analyses.solar.solar_potential takes it; best_kwh_m2 None: the best unshaded plane."""

    cell: float = 1.0
    sectors: int = 36
    max_distance: float = 300.0
    pv: PVParameters = field(default_factory=PVParameters)
    best_kwh_m2: float | None = None


@dataclass(frozen=True)
class WindParameters:
    """Pedestrian wind of one direction, as analyses.wind.solve_wind and pedestrian_level take it; z0 is the
    area's roughness length (every tile uses it) and halo how far around a tile its domain reaches (m)."""

    direction_deg: float
    z0: float
    speed: float = 5.0
    height: float = 10.0
    cell: float = 2.0
    ped_height: float = 1.5
    halo: float = 300.0


@dataclass
class RunReport:
    """What a tiled run did: the mosaic, the index, and which tiles it computed or found done."""

    mosaic: str
    index: str
    computed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0
    tiles: int = 0
    prepared: dict = field(default_factory=dict)   # what the run's preparation reported (tiled wind: its solve)


def area_sun(epsg: int, area: Bounds) -> Place:
    """The place whose sun (and grid convergence) every tile uses, the area's centre, so that tiles agree."""
    return Place.centre_of(area, epsg)


def plan_shadow(inputs: Inputs, area: Bounds, epsg: int, params: ShadowParameters, the_sun: Place,
                tile_size: float | None = None) -> list[Tile]:
    """The tiles of a shadow-hours run, each with the halo its shadows need.

    tile_size None: the third-order mesh; else squares of that many metres.
    """
    from .shadow import MAX_SHADOW_LENGTH, _grow, day_sun, shadow_reach
    path = day_sun(epsg, area, params.day, params.start, params.end, params.step_minutes, params.solar_time,
                   params.tz, the_sun.lat_lon)
    index = read_index(inputs)
    pieces = _pieces(area, epsg, params.cell, tile_size)
    if not len(index.height):
        return pieces
    # The grid the whole area would use (shadow_hours' own margin): no tile reads beyond it.
    margin = min(float(shadow_reach(float(index.height.max()), path)), MAX_SHADOW_LENGTH)
    outer = tiles.snap(_grow(area, margin, index.total_bounds), params.cell)
    return tiles.with_halos(pieces, index, np.asarray(shadow_reach(index.height, path)), params.cell, outer)


def _pieces(area: Bounds, epsg: int, cell: float, tile_size: float | None) -> list[Tile]:
    """The area cut into the third-order meshes (tile_size None) or squares of tile_size metres."""
    return tiles.mesh_tiles(area, epsg, cell) if tile_size is None else tiles.square_tiles(area, tile_size, cell)


def read_index(inputs: Inputs) -> tiles.BuildingIndex:
    """The bounding boxes and heights of the inputs' buildings."""
    return tiles.read_building_index(inputs.gpkg, inputs.buildings_layer, inputs.height_field)


def read_massing(inputs: Inputs, bounds: Bounds, epsg: int):
    """The buildings (and their roofs) whose envelopes meet bounds, as a Massing (an empty one when none)."""
    import geopandas as gpd

    from .massing import Massing, massing_from_frames
    buildings = gpd.read_file(inputs.gpkg, layer=inputs.buildings_layer, bbox=bounds, engine="pyogrio")
    if not len(buildings):
        return Massing(np.empty(0, dtype=object), np.empty(0), np.empty(0, dtype=object), epsg)
    roofs = None
    if inputs.roofs_layer and inputs.roofs_layer in tilestore.layers(inputs.gpkg):
        # Over the buildings read, not bounds: a building that meets bounds keeps the roof faces beyond them.
        roofs = gpd.read_file(inputs.gpkg, layer=inputs.roofs_layer, bbox=tuple(buildings.total_bounds),
                              engine="pyogrio", fid_as_index=True)
    massing = massing_from_frames(buildings, roofs, height_field=inputs.height_field)
    if massing.roofs is not None and roofs is not None:
        # A roof's source is its row in the whole layer (fids count from 1), as a run in one piece numbers it.
        massing.roofs.source = roofs.index.to_numpy()[massing.roofs.source] - 1
    return massing


def use_worker_threads() -> None:
    """Inside a Dask worker, let numba (and the shadow count) use as many threads as the worker has: one per
    worker on a local cluster, so that the workers share the cores instead of competing for all of them."""
    try:
        from distributed import get_worker
        threads = get_worker().state.nthreads
    except (ImportError, ValueError):
        return   # not in a worker
    import numba
    numba.set_num_threads(max(1, min(threads, numba.config.NUMBA_NUM_THREADS)))  # type: ignore[attr-defined]


def shadow_tile(inputs: Inputs, tile: Tile, params: ShadowParameters, the_sun: Place, epsg: int,
                out_path: str) -> dict:
    """One tile of shadow hours: read its buildings with the halo, compute, keep its own cells, write its COG."""
    from .shadow import shadow_hours
    start = time.perf_counter()
    use_worker_threads()
    massing = read_massing(inputs, tile.grid_extent, epsg)
    result = shadow_hours(massing, params.day, params.start, params.end, params.step_minutes, params.plane_height,
                          params.cell, extent=tile.extent, terrain=inputs.terrain(tile.grid_extent, epsg),
                          solar_time=params.solar_time, tz=params.tz,
                          convergence_deg=the_sun.convergence_deg,
                          sun_at=the_sun.lat_lon, grid_extent=tile.grid_extent)
    hours = result.shadow
    values = hours.values
    values[~tiles.in_mesh(tile, epsg, hours.x0, hours.y0, hours.cell, hours.shape)] = np.nan
    hours.write_cog(out_path)
    return _record(tile, start, values.size, params.cell)


def _record(tile: Tile, started: float, cells: int, cell: float, **extra) -> dict:
    """What a worker reports of a finished tile: its time, machine, peak memory and sizes."""
    return {"key": tile.key, "seconds": time.perf_counter() - started, "worker": socket.gethostname(),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3, "cells": int(cells),
            "grid_cells": int(np.prod(result_grid_shape(tile, cell))), **extra}


def plan_solar(inputs: Inputs, area: Bounds, epsg: int, params: SolarParameters, tile_size: float | None = None
               ) -> list[Tile]:
    """The tiles of a solar run, each with the grid its roofs look across (params.max_distance around the tile
    and the buildings that meet it). tile_size None: the third-order mesh; else squares of that many metres."""
    from .shadow import _grow
    index = read_index(inputs)
    pieces = _pieces(area, epsg, params.cell, tile_size)
    if not len(index.height):
        return pieces
    outer = tiles.snap(_grow(area, params.max_distance + 2 * params.cell, index.total_bounds), params.cell)
    return tiles.with_reach(pieces, index, params.max_distance, params.cell, outer)


def solar_tile(inputs: Inputs, tile: Tile, params: SolarParameters, weather, convergence_deg: float, epsg: int,
               out_path: str, vectors_path: str) -> dict:
    """One tile of solar potential: the roofs of the buildings it holds (by a point on each footprint) into
    vectors_path, and the roof raster of its own cells into out_path (last: its arrival marks the tile done)."""
    import shapely

    from .raster import Raster
    from .solar import solar_potential
    start = time.perf_counter()
    use_worker_threads()
    massing = read_massing(inputs, tile.grid_extent, epsg)
    spots = shapely.get_coordinates(shapely.point_on_surface(massing.footprints))
    held = tiles.holds(tile, epsg, spots[:, 0], spots[:, 1])
    # Buildings held by neighbours but reaching into the tile give its raster cells their values.
    targets = np.flatnonzero(held | shapely.intersects(massing.footprints, shapely.box(*tile.extent)))
    frames = {}
    if len(targets):
        result = solar_potential(massing, weather, params.cell, inputs.terrain(tile.grid_extent, epsg),
                                 pv=params.pv, sectors=params.sectors,
                                 max_distance=params.max_distance, convergence_deg=convergence_deg,
                                 best_kwh_m2=params.best_kwh_m2, targets=targets)
        mine = set(massing.ids[held])
        frames = {"roofs": result.roofs[result.roofs["building_id"].isin(mine)],
                  "buildings": result.buildings[result.buildings["building_id"].isin(mine)]}
        raster = result.raster(tile.extent)
    else:
        raster = Raster.blank(tile.extent, params.cell, epsg)
    tilestore.write_layers(vectors_path, {k: v for k, v in frames.items() if len(v)})
    values = raster.values
    values[~tiles.in_mesh(tile, epsg, raster.x0, raster.y0, raster.cell, raster.shape)] = np.nan
    raster.write_cog(out_path)
    return _record(tile, start, values.size, params.cell, roofs=int(len(frames.get("roofs", ()))))


def plan_wind(index: tiles.BuildingIndex, area: Bounds, epsg: int, cell: float, halo: float,
              tile_size: float | None = None, direction_deg: float | None = None) -> list[Tile]:
    """The tiles of a wind run, each with the buildings that meet it and those within a halo around it: halo
    metres all round, or, for one wind direction, halo upwind and a third of it (at least 50 m) across and
    downwind, where the flow's memory of buildings is short. tile_size None: the third-order mesh; else squares
    of that many metres."""
    pieces = _pieces(area, epsg, cell, tile_size)
    if not len(index.height):
        return pieces
    reach = (halo,) * 4 if direction_deg is None else upwind_reach(halo, direction_deg)
    # The domain reaches its halo whether or not buildings stand there: the air flows everywhere.
    outer = tiles.snap((area[0] - reach[0], area[1] - reach[1], area[2] + reach[2], area[3] + reach[3]), cell)
    return tiles.with_reach(pieces, index, reach, cell, outer)


def upwind_reach(halo: float, direction_deg: float) -> tuple[float, float, float, float]:
    """How far a tile's domain reaches west, south, east and north for a wind from direction_deg: halo towards
    where the wind comes from, a third of it (at least 50 m) elsewhere."""
    side = max(halo / 3.0, 50.0)
    source = (np.sin(np.radians(direction_deg)), np.cos(np.radians(direction_deg)))   # east, north
    east = side + max(source[0], 0.0) * (halo - side)
    west = side + max(-source[0], 0.0) * (halo - side)
    north = side + max(source[1], 0.0) * (halo - side)
    south = side + max(-source[1], 0.0) * (halo - side)
    return west, south, east, north


def wind_frame(index: tiles.BuildingIndex, area: Bounds) -> WindFrame:
    """The one-piece wind run over area that every tile is part of (wind.WindFrame) on flat ground: the tallest
    building of the inputs sets its levels and margins, as in a run in one piece on the same inputs."""
    from .wind import WindFrame
    return WindFrame(area, float(index.height.max(initial=0.0)))


def wind_grids(inputs: Inputs, index: tiles.BuildingIndex, area: Bounds, directions: Sequence[float], cell: float,
               convergence_deg: float, epsg: int) -> list[tuple[WindFrame, Lattice, np.ndarray]]:
    """The one-piece run's frame for each wind direction, on the DEM where the inputs have one
    (`wind.frame_on_ground`; the DEM read once over all their grids), and its grid's lattice and level edges
    (`wind.frame_grid`: the ground moves the levels, not the lattice)."""
    from .wind import frame_grid, frame_on_ground
    flat = wind_frame(index, area)
    grids = [(flat, *frame_grid(flat, d, cell, convergence_deg, epsg)) for d in directions]
    if not inputs.dem:
        return grids
    bounds = np.array([lattice.world_bounds(lattice.box) for _, lattice, _ in grids])
    terrain = inputs.terrain((*bounds[:, :2].min(axis=0), *bounds[:, 2:].max(axis=0)), epsg)
    on_ground = [frame_on_ground(flat, lattice, terrain) for _, lattice, _ in grids]
    return [(frame, lattice, frame_grid(frame, d, cell, convergence_deg, epsg)[1])
            for d, frame, (_, lattice, _) in zip(directions, on_ground, grids)]


def wind_reach(index: tiles.BuildingIndex, halo: float) -> tuple[float, float, float]:
    """How far upwind, downwind and to either side a block's domain reaches (m) so that its initial field is the
    one-piece run's on its own cells: as far as any building's zones reach (wind.zone_reach), and at least the halo
    upwind and a third of it (at least 50 m) elsewhere."""
    from .wind import zone_reach
    b = index.bounds
    upwind, downwind = zone_reach(index.height, np.hypot(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]))
    side = max(halo / 3.0, 50.0)
    return max(halo, upwind), max(side, downwind), side


def wind_block(block, inputs: Inputs, problem, params: WindParameters, convergence: float, frame: WindFrame,
               epsg: int, reach: tuple[float, float, float]) -> dict:
    """One block of a tiled wind run's one problem (analyses.windblocks): the buildings within reach (upwind,
    downwind, either side: `wind_reach`) read, its initial field (inflow and zones) made and stored."""
    from . import windblocks
    from .wind import WindField, initial_field, power_law_exponent, wind_domain
    use_worker_threads()
    upwind, downwind, side = (int(np.ceil(metres / params.cell)) for metres in reach)
    box = problem.box(block, upwind, downwind, side, side)
    bounds = problem.lattice.world_bounds(box)
    massing = read_massing(inputs, bounds, epsg)
    exponent = power_law_exponent(params.z0)
    domain = wind_domain(massing, params.direction_deg, params.cell, convergence_deg=convergence,
                         terrain=inputs.terrain(bounds, epsg), frame=frame, box=box)
    u, v, w = initial_field(domain, massing, params.speed, params.height, exponent)
    field = WindField(domain, u, v, w, params.speed, params.height, exponent, float("nan"))
    return windblocks.store_block(problem, block, field, params.ped_height)


def solve_wind_blocks(client, problem, inputs: Inputs, params: WindParameters, convergence: float,
                      frame: WindFrame, reach: tuple[float, float, float], epsg: int, block_size: float | None = None,
                      is_canceled: Callable[[], bool] | None = None,
                      log: Callable[[int, int, float], None] | None = None,
                      solving: Callable[[float], None] | None = None) -> dict:
    """Solve the one-piece run's problem (a windblocks.Problem) over all its blocks (block_size metres; None: the
    widest a worker holds) on the client's workers: the mass-consistent wind at pedestrian height in its arrays;
    log(blocks, pass, largest divergence) and solving(share of the solve done, `windblocks.solved_share`) after
    each pass. Returns the passes made, the whole grid's largest divergence left and the blocks' size (m)."""
    from . import windblocks
    if block_size is None:
        block_size = windblocks.block_size(problem, reach, worker_memory_limit(client))
    windblocks.create(problem)
    blocks = windblocks.plan_blocks(problem, block_size)
    mapper = _mapper(client, is_canceled)
    parts = mapper(wind_block, blocks, inputs=inputs, problem=problem, params=params, convergence=convergence,
                   frame=frame, epsg=epsg, reach=reach)

    first, shown = 0.0, 0.0

    def report(done: int, worst: float) -> None:
        nonlocal first, shown
        first = worst if done == 0 else first
        if log:
            log(len(blocks), done, worst)
        if solving:
            # the largest divergence may rise for a pass: the bar does not go back
            shown = max(shown, windblocks.solved_share(first, worst))
            solving(shown)

    passes, largest = windblocks.solve(problem, blocks, parts, mapper, progress=report)
    return {"passes": passes, "largest_divergence": largest, "block_size": block_size}


def solve_once(client, problem, inputs: Inputs, params: WindParameters, convergence: float, frame: WindFrame,
               reach: tuple[float, float, float], epsg: int, block_size: float | None = None,
               is_canceled: Callable[[], bool] | None = None,
               log: Callable[[int, int, float], None] | None = None,
               solving: Callable[[float], None] | None = None) -> dict:
    """`solve_wind_blocks`, unless a run with the same settings solved the problem before it stopped: the solved
    wind at pedestrian height kept, the problem's other arrays removed; what the solve reported."""
    from . import windblocks
    marker = os.path.join(problem.folder, "solved.json")
    if os.path.exists(marker):
        with open(marker, encoding="utf-8") as f:
            return json.load(f)
    solved = solve_wind_blocks(client, problem, inputs, params, convergence, frame, reach, epsg, block_size,
                               is_canceled, log, solving)
    windblocks.keep_columns(problem)
    with open(marker + ".partial", "w", encoding="utf-8") as f:
        json.dump(solved, f)
    os.replace(marker + ".partial", marker)     # a solve stopped half-way is never taken for done
    return solved


def _mapper(client, is_canceled: Callable[[], bool] | None) -> Callable[..., list]:
    """A windblocks.Mapper on the client's workers that honours cancel (the futures canceled, InterruptedError)."""
    def mapper(function, items, **arguments) -> list:
        futures = client.map(function, items, pure=False, **arguments)
        try:
            while not all(f.done() for f in futures):
                _stop_if_canceled(client, futures, is_canceled)
                time.sleep(0.1)
            return client.gather(futures)
        except BaseException:
            client.cancel(futures)
            raise
    return mapper


def _stop_if_canceled(client, futures, is_canceled: Callable[[], bool] | None) -> None:
    """Once is_canceled() is true: cancel the futures and raise InterruptedError."""
    if is_canceled is not None and is_canceled():
        client.cancel(list(futures))
        raise InterruptedError("tiled run canceled")


def wind_tile(problem, tile: Tile, params: WindParameters, epsg: int, speed_path: str, ratio_path: str) -> dict:
    """One tile of pedestrian wind from the solved problem (`solve_wind_blocks`): its own cells written, the ratio,
    then the speed (last: its arrival marks the tile done)."""
    from . import windblocks
    from .wind import inflow_profile, power_law_exponent, sample_columns
    start = time.perf_counter()
    exponent = power_law_exponent(params.z0)
    ped = sample_columns(problem.lattice, windblocks.columns(problem),
                         lambda z: inflow_profile(z, params.speed, params.height, exponent), params.cell, tile.extent)
    mine = tiles.in_mesh(tile, epsg, ped.speed.x0, ped.speed.y0, ped.speed.cell, ped.speed.shape)
    for raster, path in ((ped.ratio, ratio_path), (ped.speed, speed_path)):
        raster.values[~mine] = np.nan
        raster.write_cog(path)
    return _record(tile, start, ped.speed.values.size, params.cell)


@dataclass(frozen=True)
class ComfortParameters:
    """Wind comfort from the 16 diagnostic directions, as analyses.windcomfort takes it; z0 is the area's
    roughness length and halo how far around a tile its domains reach (m)."""

    rose: WindRose
    criterion: str
    z0: float
    gust_factor: float = 2.5
    cell: float = 2.0
    ped_height: float = 1.5
    halo: float = 300.0


def comfort_tile(problems: list, tile: Tile, params: ComfortParameters, epsg: int, out_path: str) -> dict:
    """One tile of wind comfort from the 16 directions' solved problems (`solve_once`, in DIRECTIONS' order): the
    classes of its own cells written."""
    from . import windblocks
    from .wind import inflow_profile, power_law_exponent, sample_columns
    from .windcomfort import comfort_classes
    start = time.perf_counter()
    exponent = power_law_exponent(params.z0)
    speeds = [sample_columns(problem.lattice, windblocks.columns(problem),
                             lambda z: inflow_profile(z, 1.0, params.rose.height, exponent), params.cell,
                             tile.extent).speed for problem in problems]
    grid = speeds[0]
    index, _ = comfort_classes(np.stack([s.values for s in speeds]), params.rose, params.criterion,
                               params.gust_factor)
    index[~tiles.in_mesh(tile, epsg, grid.x0, grid.y0, grid.cell, grid.shape)] = np.nan
    grid.like(index).write_cog(out_path)
    return _record(tile, start, index.size, params.cell)


def result_grid_shape(tile: Tile, cell: float) -> tuple[int, int]:
    """Rows and columns of a tile's obstacle grid (tile and halo)."""
    g = tile.grid_extent
    return round((g[3] - g[1]) / cell), round((g[2] - g[0]) / cell)


def local_memory_limit(n_workers: int) -> float:
    """Memory each of n local workers may use: a share of this machine's memory, split evenly (bytes)."""
    import psutil
    return psutil.virtual_memory().total * LOCAL_MEMORY_SHARE / max(n_workers, 1)


def _python() -> str:
    """The Python interpreter for spawned workers: this one. Inside QGIS (and qgis_process) Python is embedded and
    sys.executable is QGIS itself, or whatever `python3` comes first on PATH (a pyenv shim, another version):
    then the interpreter of the prefix QGIS's Python runs from."""
    executable = sys.executable
    own = os.path.abspath(executable).startswith(os.path.abspath(sys.prefix) + os.sep) if executable else False
    if own and os.path.basename(executable).lower().startswith("python"):
        return executable
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (os.path.join(sys.exec_prefix, "bin", version), os.path.join(sys.exec_prefix, "bin", "python3"),
                      os.path.join(sys.exec_prefix, "python.exe")):
        if os.path.exists(candidate):
            return candidate
    return executable


def open_client(scheduler: str | None = None, n_workers: int | None = None):
    """A dask client: on an existing scheduler (an address such as tcp://host:8786), else on a new local cluster of
    worker processes, one thread each, each with its share of the machine's memory. Returns (client, cluster)."""
    from distributed import Client, LocalCluster
    if scheduler:
        try:
            return Client(scheduler, timeout=CONNECT_TIMEOUT), None
        except (OSError, TimeoutError) as exc:
            raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "cannot reach the Dask scheduler {}: {}"),
                                 scheduler, exc) from exc
    import multiprocessing
    multiprocessing.set_executable(_python())
    n_workers = n_workers or os.cpu_count() or 1
    cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           memory_limit=int(local_memory_limit(n_workers)))
    return Client(cluster), cluster


def worker_memory_limit(client) -> float:
    """The smallest memory limit of the cluster's workers (bytes; this machine's share when they set none)."""
    workers = client.scheduler_info(n_workers=-1)["workers"].values()
    limits = [w.get("memory_limit") or 0 for w in workers]
    if not limits:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the Dask cluster has no worker"))
    return float(min(limits)) if min(limits) > 0 else local_memory_limit(len(limits))


def _store(analysis: str, inputs: Inputs, area: Bounds, epsg: int, params, tile_size: float | None, folder: str,
           name: str, **more) -> tilestore.TileStore:
    """The output folder of a run, keyed by everything that decides its results (the analysis, the inputs and
    their versions, the area, the parameters, the tiles and more), so that the same settings resume."""
    settings = {"analysis": analysis, "inputs": asdict(inputs), "stamp": inputs.stamp(), "area": area, "epsg": epsg,
                "params": asdict(params), "tile_size": tile_size, **more}
    return tilestore.TileStore(folder, name, tilestore.run_key(settings))


def run_shadow_hours(inputs: Inputs, area: Bounds, epsg: int, params: ShadowParameters, folder: str, name: str,
                     tile_size: float | None = None, scheduler: str | None = None, n_workers: int | None = None,
                     progress: ProgressFn | None = None, is_canceled: Callable[[], bool] | None = None,
                     sun_mosaic: str | None = None) -> RunReport:
    """Shadow hours over any area, tiled, on Dask; resumes a stopped run of the same settings in the same folder.

    tile_size None: the third-order mesh; scheduler None: a local cluster of n_workers processes. sun_mosaic: a
    VRT of the hours of sun to write too (the window's length minus the shadow tiles, no pixel copied).
    """
    the_sun = area_sun(epsg, area)
    plan = plan_shadow(inputs, area, epsg, params, the_sun, tile_size)
    store = _store("shadow_hours", inputs, area, epsg, params, tile_size, folder, name, sun=asdict(the_sun))

    def submit(client, tile: Tile):
        return client.submit(shadow_tile, inputs, tile, params, the_sun, epsg, store.tile_path(tile.key),
                             key=f"shadow-{store.key}-{tile.key}", pure=False)

    report = run_plan(plan, store, submit, epsg, params.cell, tiles.SHADOW_BYTES_PER_CELL, scheduler, n_workers,
                      progress, is_canceled)
    if sun_mosaic:
        from .shadow import window_hours
        store.build_mosaic(sun_mosaic, (-1.0, window_hours(params.start, params.end, params.step_minutes)))
    return report


def run_solar(inputs: Inputs, area: Bounds, epsg: int, params: SolarParameters, weather, folder: str, name: str,
              tile_size: float | None = None, scheduler: str | None = None, n_workers: int | None = None,
              progress: ProgressFn | None = None, is_canceled: Callable[[], bool] | None = None) -> RunReport:
    """Solar potential over any area, tiled, on Dask; resumes a stopped run of the same settings in the same folder.

    The roof raster is the VRT mosaic; the roofs and buildings are the layers "roofs" and "buildings" of the
    index GeoPackage. MIN_FRACTION and the classes are shares of the best unshaded plane at the area's centre
    unless params.best_kwh_m2 says otherwise."""
    from .solar import best_unshaded_kwh_m2
    convergence = area_sun(epsg, area).convergence_deg
    if params.best_kwh_m2 is None:
        params = replace(params, best_kwh_m2=best_unshaded_kwh_m2(weather, convergence, params.pv.albedo))
    plan = plan_solar(inputs, area, epsg, params, tile_size)
    store = _store("solar", inputs, area, epsg, params, tile_size, folder, name, weather=weather.source,
                   weather_sum=float(weather.data["ghi"].sum()))

    def submit(client, tile: Tile):
        return client.submit(solar_tile, inputs, tile, params, weather, convergence, epsg, store.tile_path(tile.key),
                             store.vectors_path(tile.key), key=f"solar-{store.key}-{tile.key}", pure=False)

    report = run_plan(plan, store, submit, epsg, params.cell, tiles.SOLAR_BYTES_PER_CELL, scheduler, n_workers,
                      progress, is_canceled)
    for layer in ("roofs", "buildings"):
        store.merge_vectors(layer)
    return report


def run_wind(inputs: Inputs, area: Bounds, epsg: int, params: WindParameters, folder: str, name: str,
             tile_size: float | None = None, scheduler: str | None = None, n_workers: int | None = None,
             progress: ProgressFn | None = None, is_canceled: Callable[[], bool] | None = None,
             ratio_mosaic: str | None = None, log: Callable[[int, int, float], None] | None = None,
             block_size: float | None = None, solving: Callable[[float], None] | None = None) -> RunReport:
    """Pedestrian wind of one direction over any area, tiled, on Dask; resumable. The one-piece run's problem is
    solved over blocks of its grid first (`solve_wind_blocks`; block_size None: the widest a worker holds), then
    each tile is cut from it. The mosaic is the speed; ratio_mosaic, where given, a VRT of the speed ratio over the
    tiles' second rasters; solving(share) as the solve goes (`solve_wind_blocks`)."""
    import shutil

    from .windblocks import problem_over
    centre = area_sun(epsg, area)
    index = read_index(inputs)
    [(frame, lattice, edges)] = wind_grids(inputs, index, area, [params.direction_deg], params.cell,
                                           centre.convergence_deg, epsg)
    plan = plan_wind(index, area, epsg, params.cell, params.halo, tile_size, params.direction_deg)
    store = _store("wind", inputs, area, epsg, params, tile_size, folder, name)
    solves = os.path.join(folder, f"{name}_solve")
    problem = problem_over(os.path.join(solves, store.key), lattice, edges)

    def prepare(client) -> dict:
        return solve_once(client, problem, inputs, params, centre.convergence_deg, frame,
                          wind_reach(index, params.halo), epsg, block_size, is_canceled, log, solving)

    def submit(client, tile: Tile):
        return client.submit(wind_tile, problem, tile, params, epsg, store.tile_path(tile.key),
                             store.tile_path(tile.key, "ratio"), key=f"wind-{store.key}-{tile.key}", pure=False)

    report = run_plan(plan, store, submit, epsg, params.cell, WIND_TILE_BYTES_PER_CELL, scheduler, n_workers,
                      progress, is_canceled, prepare)
    shutil.rmtree(solves, ignore_errors=True)    # every tile written (or an error raised above)
    if ratio_mosaic:
        store.build_mosaic(ratio_mosaic, layer="ratio")
    return report


def run_comfort(inputs: Inputs, area: Bounds, epsg: int, params: ComfortParameters, folder: str, name: str,
                tile_size: float | None = None, scheduler: str | None = None, n_workers: int | None = None,
                progress: ProgressFn | None = None, is_canceled: Callable[[], bool] | None = None,
                log: Callable[[str, int, int, float], None] | None = None,
                block_size: float | None = None, solving: Callable[[float], None] | None = None) -> RunReport:
    """Wind comfort classes over any area, tiled, on Dask; resumable. Each of the 16 directions is the one-piece
    run's problem, solved over blocks of its grid (`solve_once`, 1 m/s at the rose's height; block_size None: the
    widest a worker holds), then each tile's classes are made from the 16 solved winds; log(direction, blocks, pass,
    largest divergence), and solving(share of the 16 solves done). The mosaic is the class index."""
    import shutil

    from .windblocks import problem_over
    from .windcomfort import COMPASS, DIRECTIONS
    centre = area_sun(epsg, area)
    index = read_index(inputs)
    plan = plan_wind(index, area, epsg, params.cell, params.halo, tile_size)
    store = _store("comfort", inputs, area, epsg, params, tile_size, folder, name)
    solves = os.path.join(folder, f"{name}_solve")
    grids = wind_grids(inputs, index, area, [float(d) for d in DIRECTIONS], params.cell, centre.convergence_deg,
                       epsg)
    problems = [problem_over(os.path.join(solves, store.key, compass), lattice, edges)
                for (_, lattice, edges), compass in zip(grids, COMPASS)]
    reach = wind_reach(index, params.halo)

    def prepare(client) -> dict:
        solved = {}
        for n, (problem, (frame, _, _), direction, compass) in enumerate(zip(problems, grids, DIRECTIONS,
                                                                              COMPASS)):
            wind_params = WindParameters(float(direction), params.z0, 1.0, params.rose.height, params.cell,
                                         params.ped_height, params.halo)
            solved[compass] = solve_once(client, problem, inputs, wind_params, centre.convergence_deg, frame,
                                         reach, epsg, block_size, is_canceled,
                                         *_direction_reports(compass, n / len(problems), 1 / len(problems), log,
                                                             solving))
        return solved

    def submit(client, tile: Tile):
        return client.submit(comfort_tile, problems, tile, params, epsg, store.tile_path(tile.key),
                             key=f"comfort-{store.key}-{tile.key}", pure=False)

    report = run_plan(plan, store, submit, epsg, params.cell, COMFORT_TILE_BYTES_PER_CELL, scheduler, n_workers,
                      progress, is_canceled, prepare)
    shutil.rmtree(solves, ignore_errors=True)    # every tile written (or an error raised above)
    return report


def _direction_reports(name: str, start: float, width: float, log: Callable[[str, int, int, float], None] | None,
                       solving: Callable[[float], None] | None
                       ) -> tuple[Callable[[int, int, float], None], Callable[[float], None]]:
    """One direction's log (its name first) and solving (its band, start to start + width, of the whole run)."""
    def direction_log(blocks: int, done: int, worst: float) -> None:
        if log:
            log(name, blocks, done, worst)

    def direction_solving(share: float) -> None:
        if solving:
            solving(start + width * share)
    return direction_log, direction_solving


def mosaic_counts(mosaic: str, classes: int) -> np.ndarray:
    """How many cells of each class index 0..classes-1 a mosaic's tiles hold (read one tile at a time)."""
    from .raster import Raster
    gdal = tilestore._gdal()
    counts = np.zeros(classes, dtype=np.int64)
    for path in gdal.Open(mosaic).GetFileList()[1:]:
        values = Raster.read(path).values
        valid = np.isfinite(values)
        counts += np.bincount(values[valid].astype(np.int64), minlength=classes)[:classes]
    return counts


def run_plan(plan: list[Tile], store: tilestore.TileStore, submit, epsg: int, cell: float, bytes_per_cell: float,
             scheduler: str | None, n_workers: int | None, progress: ProgressFn | None,
             is_canceled: Callable[[], bool] | None, prepare: Callable | None = None) -> RunReport:
    """Run the tiles not yet done as dask tasks (submit(client, tile) -> future), after prepare(client) -> dict
    (the report's `prepared`) where given, record each as it finishes, and write the index and the mosaic; on
    cancel, cancel the futures and raise InterruptedError."""
    began = time.perf_counter()
    todo = [t for t in plan if not store.done(t.key)]
    report = RunReport(store.mosaic_path, store.index_path, skipped=[t.key for t in plan if store.done(t.key)],
                       tiles=len(plan))
    try:
        if todo:
            client, cluster = open_client(scheduler, n_workers)
            try:
                tiles.require_fit(todo, cell, worker_memory_limit(client), bytes_per_cell)
                if prepare is not None:
                    report.prepared = prepare(client)
                _gather(client, {submit(client, t): t.key for t in todo}, store, report, progress, is_canceled)
            finally:
                client.close()
                if cluster is not None:
                    cluster.close()
    finally:
        store.write_index({t.key: t.extent for t in plan}, epsg)
    store.build_mosaic()
    report.seconds = time.perf_counter() - began
    return report


def _gather(client, futures: dict, store: tilestore.TileStore, report: RunReport, progress: ProgressFn | None,
            is_canceled: Callable[[], bool] | None) -> None:
    """Wait for the tiles' futures (future -> tile key), recording each finished tile, reporting progress and
    honouring cancel."""
    from distributed import as_completed
    total, done_before = report.tiles, len(report.skipped)
    started = time.perf_counter()
    pending = as_completed(list(futures), with_results=False)
    while not pending.is_empty():
        _stop_if_canceled(client, futures, is_canceled)
        for future in pending.next_batch(block=False):
            try:
                info = future.result()
            except Exception as exc:
                store.record(futures[future], status=tilestore.FAILED, error=str(exc))
                client.cancel(list(futures))
                raise
            info.pop("key")
            store.record(futures[future], status=tilestore.DONE, **info)
            report.computed.append(futures[future])
            if progress:
                done = len(report.computed)
                left = (time.perf_counter() - started) / done * (total - done_before - done)
                progress(done_before + done, total, left)
        time.sleep(0.1)


def write_inputs(massing, folder: str, dem: str | None = None) -> Inputs:
    """The massing as a GeoPackage the workers read (buildings on a flat ground, roofs above their own ground),
    named by its content, so that a run restarted on the same buildings finds the same inputs and resumes."""
    import hashlib

    import geopandas as gpd
    import shapely

    digest = hashlib.sha256()
    digest.update(b"".join(shapely.to_wkb(massing.footprints)))
    digest.update(np.ascontiguousarray(massing.height, dtype=float).tobytes())
    digest.update("\n".join(map(str, massing.ids)).encode())
    roofs = massing.roofs
    if roofs is not None:
        for ring in roofs.rings:
            digest.update(ring.tobytes())
    path = os.path.join(folder, f"buildings_{digest.hexdigest()[:12]}.gpkg")
    if not os.path.exists(path):
        frames = {"buildings": gpd.GeoDataFrame({"gml_id": massing.ids.astype(str), "height": massing.height,
                                                 "ground_z": np.zeros(len(massing))}, geometry=massing.footprints,
                                                crs=massing.epsg)}
        if roofs is not None:
            frames["roofs"] = gpd.GeoDataFrame({"building_id": massing.ids[roofs.building].astype(str)},
                                               geometry=[shapely.Polygon(ring) for ring in roofs.rings],
                                               crs=massing.epsg)
        tilestore.write_layers(path, frames)
    return Inputs(path, roofs_layer="roofs" if roofs is not None else None, dem=dem)
