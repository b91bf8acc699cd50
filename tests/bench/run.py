"""`make bench`: speed and memory of the analyses on the ~4,000-building benchmark scene.

Prints one table: each figure, its target and the ratio (figure / target; for throughput target / figure),
so a ratio under 1 meets the target.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCENE = os.path.join(ROOT, ".build", "bench", "scene")


def scene_file() -> str:
    """The benchmark scene's LOD2 building file, generated once."""
    from urban_twin.analyses import synthetic
    path = os.path.join(SCENE, "udx", "bldg", "benchmark_bldg_6697_op.gml")
    if not os.path.exists(path):
        synthetic.write_dataset(synthetic.BENCHMARK, SCENE)
    return path


def _child(kind: str, path: str) -> dict:
    """Run one measurement in a fresh process, so that its peak memory is its own."""
    code = f"""
import json, resource, time, sys
from lxml import etree
from urban_twin.analyses.citygml import read_district
import geopandas, shapely, pyproj
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
if {kind!r} == "bare":
    for _, e in etree.iterparse({path!r}, events=("end",)):
        e.clear()
else:
    read_district({path!r})
seconds = time.perf_counter() - t
print(json.dumps({{"seconds": seconds, "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base}}))
"""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_reader() -> list[tuple[str, float, float, str, float]]:
    """Parse throughput and peak memory of the CityGML reader."""
    path = scene_file()
    megabytes = os.path.getsize(path) / 1e6
    runs = [_child("read", path) for _ in range(3)]
    best = min(r["seconds"] for r in runs)
    peak_mb = max(r["peak_kb"] for r in runs) / 1e3
    bare = min(_child("bare", path)["seconds"] for _ in range(2))
    return [
        (f"CityGML read, LOD2 scene ({megabytes:.0f} MB)", megabytes / best, 40.0, "MB/s", 40.0 / (megabytes / best)),
        ("  bare lxml iterparse (reference)", megabytes / bare, float("nan"), "MB/s", float("nan")),
        ("CityGML read, peak memory over baseline", peak_mb, 3 * megabytes, "MB", peak_mb / (3 * megabytes)),
    ]


def _best_of(runs: int, fn) -> float:
    """The fastest of a few timed calls (after one warm-up that compiles the numba kernels)."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_shadow() -> list[tuple[str, float, float, str, float]]:
    """Shadow hours (49 sun positions, 1 m cells) and shadow polygons on the benchmark scene."""
    import datetime as dt

    from urban_twin.analyses import sun
    from urban_twin.analyses.citygml import read_district
    from urban_twin.analyses.massing import massing_from_district
    from urban_twin.analyses.place import Place
    from urban_twin.analyses.shadow import shadow_hours, shadow_polygons
    massing = massing_from_district(read_district(scene_file()))
    day = dt.date(2026, 12, 22)
    hours = _best_of(3, lambda: shadow_hours(massing, day, 8, 16, 10, cell=1.0))
    cells = shadow_hours(massing, day, 8, 16, 10, cell=1.0).shadow.values.size
    _, lon = Place.at(massing.epsg, *massing.footprints[0].centroid.coords[0]).lat_lon
    when = sun.solar_to_clock(day, [10.0], lon)[0]
    polygons = _best_of(2, lambda: shadow_polygons(massing, when))
    return [
        (f"shadow hours, 49 positions, {cells / 1e6:.2f} M cells", hours, 2.0, "s", hours / 2.0),
        (f"shadow polygons, {len(massing)} buildings", polygons, 2.0, "s", polygons / 2.0),
    ]


def bench_nichiei() -> list[tuple[str, float, float, str, float]]:
    """The shadow-regulation verdict for a 100 m tower on a 50 x 50 m site (lines every 0.05 m, 1-minute steps)."""
    import datetime as dt

    import geopandas as gpd
    import shapely

    from urban_twin.analyses import nichiei
    from urban_twin.analyses.massing import massing_from_frames
    x0, y0 = -8000.0, -35000.0
    tower = gpd.GeoDataFrame({"gml_id": ["tower"], "height": [100.0]},
                             geometry=[shapely.box(x0, y0, x0 + 30, y0 + 30)], crs=6677)
    site = shapely.box(x0 - 10, y0 - 10, x0 + 40, y0 + 40)
    seconds = _best_of(1, lambda: nichiei.nichiei(massing_from_frames(tower), site, nichiei.Regulation(2, 4.0),
                                                  day=dt.date(2026, 12, 22)))
    return [("nichiei verdict, 100 m tower (exact lines + raster)", seconds, 10.0, "s", seconds / 10.0)]


SOLAR = """
import json, resource, time
from urban_twin.analyses import sun, weather
from urban_twin.analyses.place import Place
from urban_twin.analyses.citygml import read_district
from urban_twin.analyses.massing import massing_from_district
from urban_twin.analyses.solar import solar_potential
massing = massing_from_district(read_district({path!r}))
lat, lon = Place.at(massing.epsg, *massing.footprints[0].centroid.coords[0]).lat_lon
start = time.perf_counter()
result = solar_potential(massing, weather.default_weather(lat, lon), cell=1.0)
print(json.dumps({{"seconds": time.perf_counter() - start, "points": len(result.point_xyz),
                  "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""


def bench_solar() -> list[tuple[str, float, float, str, float]]:
    """A year of hourly solar potential over every roof of the benchmark scene at 1 m, in a fresh process."""
    code = SOLAR.format(path=scene_file())
    runs = [json.loads(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                      text=True).stdout.strip().splitlines()[-1]) for _ in range(2)]
    best = min(r["seconds"] for r in runs)  # the first run may include compiling the numba kernels
    peak_gb = max(r["peak_kb"] for r in runs) / 1e6
    return [
        (f"solar potential, a year, {runs[0]['points'] / 1e3:.0f} k roof points", best, 15.0, "s", best / 15.0),
        ("solar potential, peak memory of the process", peak_gb, 4.0, "GB", peak_gb / 4.0),
    ]


def bench_barrierfree() -> list[tuple[str, float, float, str, float]]:
    """Classification, reach and route on a generated 100,000-link network."""
    import numpy as np

    from urban_twin.analyses import barrierfree as bf
    from urban_twin.analyses import walknet
    from urban_twin.analyses.synthetic_walknet import grid_network
    network = walknet.read_network(grid_network(100_000), None, 6677)
    classify = _best_of(2, lambda: [bf.classify(network, p) for p in bf.PROFILES.values()])
    positions = bf.classify(network, bf.PROFILES["wheelchair"]).nodes.geometry
    origins = np.array([p.coords[0] for p in positions.iloc[np.random.default_rng(0).choice(len(positions), 50)]])
    reach = _best_of(2, lambda: bf.reach(bf.classify(network, bf.PROFILES["wheelchair"]), origins, 15.0))
    reach -= _best_of(2, lambda: bf.classify(network, bf.PROFILES["wheelchair"]))
    first, last = positions.iloc[0].coords[0], positions.iloc[-1].coords[0]
    # A fresh classification each time, so the route pays for building its graphs.
    classified = [bf.classify(network, bf.PROFILES["wheelchair"]) for _ in range(3)]
    route = _best_of(2, lambda: bf.route(classified.pop(), first, last))
    n = len(network.links)
    return [
        (f"barrier-free: classify {n / 1e3:.0f} k links, 6 profiles", classify, 5.0, "s", classify / 5.0),
        ("barrier-free: reach from 50 origins, 15 min", reach, 5.0, "s", reach / 5.0),
        ("barrier-free: one route (graphs built)", route, 0.2, "s", route / 0.2),
    ]


def _packages(n: int):
    """n CKAN package dicts in the shape package_search returns, with Japanese text."""
    wards = ["千代田区", "中央区", "港区", "新宿区", "文京区", "台東区", "墨田区", "江東区", "品川区", "目黒区"]
    topics = ["公園", "避難所", "建築物", "道路", "人口", "バス停", "保育所", "図書館", "駐輪場", "河川"]
    for i in range(n):
        ward, topic = wards[i % 10], topics[(i // 10) % 10]
        yield {"id": f"ds-{i}", "name": f"dataset-{i}", "title": f"{ward}の{topic}データ {i}",
               "notes": f"{ward}が公開する{topic}の一覧（{i}）。Open data of {ward} about {topic}.",
               "organization": {"name": f"org-{i % 10}", "title": ward}, "license_id": "cc-by-4.0",
               "license_title": "CC BY 4.0", "metadata_modified": f"2024-01-01T00:00:{i % 60:02d}",
               "tags": [{"name": topic}, {"name": ward}],
               "resources": [{"id": f"res-{i}-{k}", "name": f"{topic}.{fmt.lower()}", "format": fmt,
                              "url": f"https://example.jp/{i}/{k}.{fmt.lower()}"}
                             for k, fmt in enumerate(("CSV", "GeoJSON"))]}


def bench_catalog() -> list[tuple[str, float, float, str, float]]:
    """Import of 50,000 datasets into a fresh mirror, and a full-text search in it."""
    import tempfile

    from urban_twin.analyses.mirror import Mirror
    with tempfile.TemporaryDirectory() as folder:
        mirror = Mirror(folder)
        start = time.perf_counter()
        mirror.store("https://example.jp", _packages(50_000))
        imported = time.perf_counter() - start
        # The slower of a full-text query (trigram index) and a two-character one (a scan).
        search = max(_best_of(5, lambda: mirror.search("避難所データ 1234")),
                     _best_of(5, lambda: mirror.search("公園", organization="港区")))
        found = len(mirror.search("避難所データ"))
        mirror.close()
    return [
        ("catalog: import 50,000 datasets into the mirror", imported, 30.0, "s", imported / 30.0),
        (f"catalog: full-text search ({found} hits shown)", search * 1000, 50.0, "ms", search * 1000 / 50.0),
    ]


WIND = """
import json, resource, time
import numpy as np
from urban_twin.analyses import wind, windcomfort
from urban_twin.analyses.citygml import read_district
from urban_twin.analyses.massing import massing_from_district
massing = massing_from_district(read_district({path!r}))
start = time.perf_counter()
if {comfort}:
    extent = tuple(np.array(massing.bounds) + [-100, -100, 100, 100])
    speeds = windcomfort.direction_speeds(massing, windcomfort.TOKYO_ROSE, extent, 2.0).speeds
    windcomfort.comfort_classes(speeds, windcomfort.TOKYO_ROSE, "lawson")
    cells = speeds[0].size
else:
    field = wind.solve_wind(massing, 0.0, 5.0, 10.0, dx=2.0)
    cells = field.domain.solid.size
print(json.dumps({{"seconds": time.perf_counter() - start, "cells": int(cells),
                  "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""


def _wind_child(comfort: bool) -> dict:
    """Run the wind model over the benchmark scene in a fresh process: one direction, or all 16 with comfort."""
    out = subprocess.run([sys.executable, "-c", WIND.format(path=scene_file(), comfort=comfort)], check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    return json.loads(out)


def bench_wind() -> list[tuple[str, float, float, str, float]]:
    """One wind direction and 16 with the comfort map, over the benchmark scene at 2 m."""
    one, comfort = _wind_child(False), _wind_child(True)
    seconds, minutes = one["seconds"], comfort["seconds"] / 60.0
    peak = max(one["peak_kb"], comfort["peak_kb"]) / 1e6
    return [
        (f"wind: one direction, {one['cells'] / 1e6:.1f} M cells of 2 m", seconds, 60.0, "s", seconds / 60.0),
        ("wind: 16 directions + Lawson comfort map", minutes, 10.0, "min", minutes / 10.0),
        ("wind: peak memory of either process", peak, 8.0, "GB", peak / 8.0),
    ]


CITY_KM = 3          # the city-scale scene: CITY_KM x CITY_KM km of the benchmark's density


def city_inputs():
    """The city-scale scene (LOD2, the benchmark's density) as a GeoPackage of buildings and roofs, made once."""
    from urban_twin.analyses import synthetic
    from urban_twin.analyses.citygml import read_district
    from urban_twin.analyses.citywide import Inputs
    from urban_twin.analyses.gpkg import write_geopackage
    folder = os.path.join(ROOT, ".build", "bench", f"city{CITY_KM}")
    gpkg = os.path.join(folder, "city.gpkg")
    if not os.path.exists(gpkg):
        spec = synthetic.SceneSpec(name="city", size=CITY_KM * 1000.0, block=64.0, road_width=10.0, lot=12.5,
                                   lod2_fraction=1.0, tall_fraction=0.08, seed=4000)
        synthetic.write_dataset(spec, os.path.join(folder, "scene"), relief=False, roads=False)
        write_geopackage(read_district(os.path.join(folder, "scene", "udx", "bldg", "city_bldg_6697_op.gml")),
                         gpkg + ".partial")
        os.replace(gpkg + ".partial", gpkg)
    return Inputs(gpkg)


def bench_citywide() -> list[tuple[str, float, float, str, float]]:
    """Tiled shadow hours (1 km tiles, 1 m, solstice 8-16 h every 10 min) on 1 km² up to the whole scene: seconds
    per km², the exponent of time against area, two workers against one, and the peak memory of a worker."""
    import datetime as dt
    import tempfile

    import numpy as np

    from urban_twin.analyses import citywide as cw
    from urban_twin.analyses.tiles import read_building_index
    inputs = city_inputs()
    xmin, ymin, xmax, ymax = read_building_index(inputs.gpkg).total_bounds
    params = cw.ShadowParameters(dt.date(2026, 12, 22))

    def run(km: int, workers: int) -> tuple[float, float]:
        area = (xmin, ymax - km * 1000.0, xmin + km * 1000.0, ymax)
        with tempfile.TemporaryDirectory() as folder:
            report = cw.run_shadow_hours(inputs, area, 6677, params, folder, "shadow", tile_size=1000.0,
                                         n_workers=workers)
            with open(os.path.join(folder, "shadow.manifest.json"), encoding="utf-8") as f:
                peak = max(t["peak_mb"] for t in json.load(f)["tiles"].values())
        return report.seconds, peak

    solar = solar_per_km2(inputs, (xmin, ymax - 2000.0, xmin + 2000.0, ymax))
    sizes = list(range(1, CITY_KM + 1))
    timed = {km: run(km, 2) for km in sizes}
    per_km2 = {km: timed[km][0] / km ** 2 for km in sizes}
    exponent = float(np.polyfit(np.log([km ** 2 for km in sizes]), np.log([timed[km][0] for km in sizes]), 1)[0])
    one = run(2, 1)[0]
    speedup = one / timed[2][0]
    peak_gb = max(p for _, p in timed.values()) / 1e3
    big = per_km2[CITY_KM] / per_km2[1]
    return [
        ("tiled shadow hours, 1 km², 2 workers", per_km2[1], 10.0, "s/km²", per_km2[1] / 10.0),
        (f"tiled shadow hours, {CITY_KM * CITY_KM} km², 2 workers", per_km2[CITY_KM], 10.0, "s/km²",
         per_km2[CITY_KM] / 10.0),
        (f"  per km², {CITY_KM * CITY_KM} km² against 1 km²", big, 1.10, "x", big / 1.10),
        ("  fitted exponent of time against area", exponent, 1.05, "", exponent / 1.05),
        ("  two workers against one (4 km²)", speedup, 1.7, "x", 1.7 / speedup),
        ("  peak memory of a worker", peak_gb, 3.0, "GB", peak_gb / 3.0),
        ("tiled solar year, 4 km², 1 m, 2 workers", solar[0], 15.0, "s/km²", solar[0] / 15.0),
        ("  peak memory of a worker", solar[1], 3.0, "GB", solar[1] / 3.0),
    ]


#: Tiles for wind at 2 m: the largest whose solve (tile, halo, the domain's margins, turned) stays within 3 GB.
TILE_WIND = 700.0


def bench_citywind() -> list[tuple[str, float, float, str, float]]:
    """Tiled pedestrian wind, one direction at 2 m (TILE_WIND tiles, a halo of 3 x the tallest building), over 4 km² of
    the city-scale scene: seconds per km² including reading, halos and writing, and a worker's peak memory."""
    import tempfile

    import geopandas as gpd
    import numpy as np
    import shapely

    from urban_twin.analyses import citywide as cw
    from urban_twin.analyses.massing import massing_from_frames
    from urban_twin.analyses.tiles import read_building_index
    from urban_twin.analyses.wind import morphometry
    inputs = city_inputs()
    xmin, ymin, xmax, ymax = read_building_index(inputs.gpkg).total_bounds
    area = (xmin, ymax - 2000.0, xmin + 2000.0, ymax)
    massing = massing_from_frames(gpd.read_file(inputs.gpkg, layer="buildings", bbox=area))
    params = cw.WindParameters(337.5, morphometry(massing, shapely.box(*area), 337.5)["z0"], cell=2.0,
                               halo=float(np.clip(3.0 * massing.height.max(), 100.0, 250.0)))
    with tempfile.TemporaryDirectory() as folder:
        report = cw.run_wind(inputs, area, 6677, params, folder, "wind", tile_size=TILE_WIND, n_workers=2)
        with open(os.path.join(folder, "wind.manifest.json"), encoding="utf-8") as f:
            peak = max(t["peak_mb"] for t in json.load(f)["tiles"].values()) / 1e3
    per_km2 = report.seconds / 4.0
    return [(f"tiled wind, 1 direction, 2 m, {TILE_WIND:.0f} m tiles, halo {params.halo:.0f} m", per_km2, 60.0, "s/km²",
             per_km2 / 60.0), ("  peak memory of a worker", peak, 3.0, "GB", peak / 3.0)]


def bench_citycomfort() -> list[tuple[str, float, float, str, float]]:
    """Tiled wind comfort (16 directions, Lawson, Tokyo's rose) at 4 m on 2 × 2 tiles of TILE_WIND, over the
    city-scale scene: seconds per km² and a worker's peak memory. 4 m keeps the run to minutes; the time is set
    against 16 directions at the one-direction target (2 m) for a quarter of the cells."""
    import tempfile

    import geopandas as gpd
    import numpy as np
    import shapely

    from urban_twin.analyses import citywide as cw
    from urban_twin.analyses.massing import massing_from_frames
    from urban_twin.analyses.tiles import read_building_index
    from urban_twin.analyses.wind import morphometry
    from urban_twin.analyses.windcomfort import TOKYO_ROSE
    inputs = city_inputs()
    xmin, ymin, xmax, ymax = read_building_index(inputs.gpkg).total_bounds
    side = 2 * TILE_WIND
    area = (xmin, ymax - side, xmin + side, ymax)
    massing = massing_from_frames(gpd.read_file(inputs.gpkg, layer="buildings", bbox=area))
    params = cw.ComfortParameters(TOKYO_ROSE, "lawson", morphometry(massing, shapely.box(*area), 0.0)["z0"], cell=4.0,
                                  halo=float(np.clip(3.0 * massing.height.max(), 100.0, 250.0)))
    with tempfile.TemporaryDirectory() as folder:
        report = cw.run_comfort(inputs, area, 6677, params, folder, "comfort", tile_size=TILE_WIND, n_workers=2)
        with open(os.path.join(folder, "comfort.manifest.json"), encoding="utf-8") as f:
            peak = max(t["peak_mb"] for t in json.load(f)["tiles"].values()) / 1e3
    per_km2, target = report.seconds / (side / 1000.0) ** 2, 16 * 60.0 / 4.0
    return [(f"tiled comfort, 16 dir., 4 m, {TILE_WIND:.0f} m tiles, halo {params.halo:.0f} m", per_km2, target,
             "s/km²", per_km2 / target), ("  peak memory of a worker", peak, 3.0, "GB", peak / 3.0)]


def bench_windseams() -> list[tuple[str, float, float, str, float]]:
    """Tiled pedestrian wind against the one-piece run on 600 m of the city-scale scene (4 m cells, 2 x 2 tiles of
    300 m on Dask, a halo of 150 m upwind and 50 m elsewhere): the median, 99th percentile and largest difference of
    the speed ratio from the one-piece run solved to a hundredth of the divergence tolerance (as good as exact).
    Against, from the same run, the solver's own tolerance: the one-piece run's difference, solved to it."""
    import tempfile

    import geopandas as gpd
    import numpy as np
    import shapely
    from osgeo import gdal

    from urban_twin.analyses import citywide as cw
    from urban_twin.analyses import wind
    from urban_twin.analyses.massing import massing_from_frames
    inputs = city_inputs()
    index = cw.read_index(inputs)
    xmin, _, _, ymax = index.total_bounds
    x0, y1 = np.floor(xmin / 4.0) * 4.0 + 400.0, np.floor(ymax / 4.0) * 4.0 - 400.0
    area = (x0, y1 - 600.0, x0 + 600.0, y1)
    near = (area[0] - 500.0, area[1] - 500.0, area[2] + 500.0, area[3] + 500.0)
    massing = massing_from_frames(gpd.read_file(inputs.gpkg, layer="buildings", bbox=near),
                                  gpd.read_file(inputs.gpkg, layer="roofs", bbox=near))
    direction = 337.5
    params = cw.WindParameters(direction, wind.morphometry(massing, shapely.box(*area), direction)["z0"], cell=4.0,
                               halo=150.0)
    convergence = cw.area_sun(6677, area).convergence_deg
    frame = cw.wind_frame(index, area)

    def one_piece(tolerance: float) -> np.ndarray:
        domain = wind.wind_domain(massing, direction, params.cell, convergence_deg=convergence, extent=area,
                                  frame=frame)
        exponent = wind.power_law_exponent(params.z0)
        u, v, w = wind.initial_field(domain, massing, params.speed, params.height, exponent)
        wind.adjust(domain, u, v, w, tolerance)
        field = wind.WindField(domain, u, v, w, params.speed, params.height, exponent, tolerance)
        return wind.pedestrian_level(field, params.ped_height, params.cell, area).ratio.values

    whole = one_piece(wind.DIVERGENCE_TOLERANCE)
    tighter = one_piece(wind.DIVERGENCE_TOLERANCE / 100)
    with tempfile.TemporaryDirectory() as folder:
        ratio_vrt = os.path.join(folder, "ratio.vrt")
        solve = cw.run_wind(inputs, area, 6677, params, folder, "wind", tile_size=300.0, n_workers=2,
                            ratio_mosaic=ratio_vrt, block_size=300.0).prepared
        largest = solve["largest_divergence"]
        mosaic = gdal.Open(ratio_vrt)
        assert mosaic.GetGeoTransform()[0] == area[0] and mosaic.GetGeoTransform()[3] == area[3]
        tiled = mosaic.ReadAsArray().astype(float)
        assert tiled.shape == whole.shape
    rows = []
    for other in (tiled, whole):
        difference = np.abs(other - tighter)[np.isfinite(tighter)]
        rows.append([float(np.median(difference)), float(np.quantile(difference, 0.99)), float(difference.max())])
    (tiles_figures, yardstick) = rows
    # in millionths of the ratio: the table prints two decimals
    return [(f"wind, tiled: largest divergence, {solve['passes']} passes", 1e6 * largest,
             1e6 * wind.DIVERGENCE_TOLERANCE, "1e-6/s", largest / wind.DIVERGENCE_TOLERANCE)] + [
        (f"wind, tiled vs one piece: {name} |d ratio|", 1e6 * value, 1e6 * target, "1e-6", value / target)
        for name, value, target in zip(("median", "99 %", "max"), tiles_figures, yardstick)]


def solar_per_km2(inputs, area) -> tuple[float, float]:
    """Tiled solar potential (1 km tiles, 1 m, Tokyo's normals) over an area: seconds per km² including reading,
    halos and writing, and the peak memory of a worker (GB)."""
    import tempfile

    from urban_twin.analyses import citywide as cw
    from urban_twin.analyses import weather
    place = cw.area_sun(6677, area)
    climate = weather.default_weather(*place.lat_lon)
    km2 = (area[2] - area[0]) * (area[3] - area[1]) / 1e6
    with tempfile.TemporaryDirectory() as folder:
        report = cw.run_solar(inputs, area, 6677, cw.SolarParameters(), climate, folder, "solar", tile_size=1000.0,
                              n_workers=2)
        with open(os.path.join(folder, "solar.manifest.json"), encoding="utf-8") as f:
            peak = max(t["peak_mb"] for t in json.load(f)["tiles"].values())
    return report.seconds / km2, peak / 1e3


def bench_aij() -> list[tuple[str, float, float, str, float]]:
    """The AIJ wind validation table (tests/bench/validation.py), and its summary rows; Case A by CFD too where
    OpenFOAM is installed."""
    import validation
    cfd, rows = validation.cfd_rows(os.path.join(ROOT, ".build", "bench", "aij_cfd_a"))
    return validation.validation_rows(cfd) + rows


BENCHES = ("reader", "shadow", "nichiei", "solar", "barrierfree", "catalog", "wind", "citywide", "citywind",
           "citycomfort", "windseams", "aij")


def main(names: list[str]) -> None:
    """Run the benchmarks named (default: every one) and print the table, each row as soon as it is measured."""
    print(f"{'benchmark':48} {'figure':>10} {'target':>10} {'unit':6} {'ratio':>6}", flush=True)
    for name in names or BENCHES:
        for label, value, target, unit, ratio in globals()[f"bench_{name}"]():
            print(f"{label:48} {value:10.2f} {target:10.2f} {unit:6} {ratio:6.2f}", flush=True)
    print("ratio < 1 meets the target")


if __name__ == "__main__":
    main(sys.argv[1:])
