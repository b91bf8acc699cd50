"""`make demo`: headless, on the sample district, through the same Processing algorithms a user runs.

Writes out/demo/: urban_twin_demo.gpkg (buildings, roofs, the shadow-regulation layers), terrain.tif,
shadow_hours.tif, solar_roofs.tif, sample_3d.png, shadow_hours_3d.png, solar_3d.png, barrierfree_3d.png,
nichiei.png, and prints a one-screen summary.
"""
from __future__ import annotations

import os
import sys
import time
import warnings

SAMPLE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "sample")


def start_qgis():
    """A headless QGIS with Processing and this plugin's provider, loaded as QGIS loads plugins."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.append("/usr/share/qgis/python/plugins")
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing
    Processing.initialize()
    import qgis.utils
    plugins_dir = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    qgis.utils.plugin_paths.insert(0, plugins_dir)
    if not (qgis.utils.loadPlugin("urban_twin") and qgis.utils.startProcessingPlugin("urban_twin")):
        raise SystemExit("could not load the urban_twin plugin")
    return app


def main(out_dir: str) -> None:
    """Run the demo into out_dir."""
    os.makedirs(out_dir, exist_ok=True)
    app = start_qgis()
    # pyproj 3.7 under NumPy 1.26 warns on one-point transformations; it is noise in a demo's output.
    warnings.filterwarnings("ignore", category=DeprecationWarning, module="pyproj")
    import processing
    from qgis.core import QgsVectorLayer

    from urban_twin.analyses import render
    from urban_twin.analyses.citygml import read_district
    from urban_twin.analyses.terrain import tin_to_terrain

    gpkg = os.path.join(out_dir, "urban_twin_demo.gpkg")
    if os.path.exists(gpkg):
        os.remove(gpkg)
    started = time.perf_counter()
    result = processing.run("urbantwin:loadcitygml", {
        "INPUT": SAMPLE, "LOD": 3,
        "BUILDINGS": f"ogr:dbname='{gpkg}' table=buildings (geom)",
        "ROOFS": f"ogr:dbname='{gpkg}' table=roofs (geom)"})
    load_seconds = time.perf_counter() - started
    counts = {key: QgsVectorLayer(result[key], key, "ogr").featureCount() for key in ("BUILDINGS", "ROOFS")}

    district = read_district(SAMPLE)
    terrain = tin_to_terrain(district.tin, 2.0, district.epsg)
    terrain.write(os.path.join(out_dir, "terrain.tif"))
    png = render.draw("building_scene", os.path.join(out_dir, "sample_3d.png"), district=district, terrain=terrain)

    started = time.perf_counter()
    hours_tif = os.path.join(out_dir, "shadow_hours.tif")
    _run(processing, "shadowhours", {
        "BUILDINGS": result["BUILDINGS"], "ROOFS": result["ROOFS"], "DEM": os.path.join(out_dir, "terrain.tif"),
        "PLANE_HEIGHT": 1.5, "CELL_SIZE": 1.0, "OUTPUT": hours_tif,
        "PREVIEW": os.path.join(out_dir, "shadow_hours_3d.png")})
    hours_seconds = time.perf_counter() - started
    verdict = _nichiei(processing, result["BUILDINGS"], gpkg, out_dir)
    started = time.perf_counter()
    solar = _run(processing, "solarpotential", {
        "BUILDINGS": result["BUILDINGS"], "ROOFS": result["ROOFS"], "DEM": os.path.join(out_dir, "terrain.tif"),
        "ROOF_OUTPUT": f"ogr:dbname='{gpkg}' table=solar_roofs (geom)",
        "BUILDING_OUTPUT": f"ogr:dbname='{gpkg}' table=solar_buildings (geom)",
        "RASTER_OUTPUT": os.path.join(out_dir, "solar_roofs.tif"), "PREVIEW": os.path.join(out_dir, "solar_3d.png")})
    solar_seconds = time.perf_counter() - started
    solar_sums = _sums(solar["BUILDING_OUTPUT"], ("kwp", "kwh", "co2_t"))
    barrier = _barrier_free(processing, result["BUILDINGS"], gpkg, out_dir)
    started = time.perf_counter()
    _run(processing, "pedestrianwind", {
        "BUILDINGS": result["BUILDINGS"], "ROOFS": result["ROOFS"], "DEM": os.path.join(out_dir, "terrain.tif"),
        "DIRECTION": 337.5, "REF_SPEED": 5.0,
        "CELL_SIZE": 2.0, "SPEED_OUTPUT": os.path.join(out_dir, "wind_speed.tif"),
        "RATIO_OUTPUT": os.path.join(out_dir, "wind_ratio.tif"),
        "ARROWS": f"ogr:dbname='{gpkg}' table=wind_arrows (geom)", "PREVIEW": os.path.join(out_dir, "wind_3d.png")})
    wind_seconds = time.perf_counter() - started
    started = time.perf_counter()
    comfort = _run(processing, "windcomfort", {
        "BUILDINGS": result["BUILDINGS"], "DEM": os.path.join(out_dir, "terrain.tif"), "CELL_SIZE": 2.0,
        "CRITERION": 0,
        "CLASS_OUTPUT": os.path.join(out_dir, "wind_comfort.tif"), "AREAS": os.path.join(out_dir, "wind_comfort.csv")})
    comfort_seconds = time.perf_counter() - started
    shares = _comfort_shares(comfort["AREAS"])

    heights = district.buildings["height"]
    print("Urban Twin Workbench demo: sample district (fictional, Tokyo coordinates)")
    print(f"  loaded with urbantwin:loadcitygml in {load_seconds:.1f} s, CRS EPSG:{district.epsg}")
    print(f"  buildings  {counts['BUILDINGS']:5d}  (LOD2: {(district.buildings['lod'] == 2).sum()}, "
          f"height {heights.min():.0f}-{heights.max():.0f} m, median {heights.median():.0f} m)")
    print(f"  roofs      {counts['ROOFS']:5d}  LOD2 roof surfaces, tilt 0-{district.roofs['tilt'].max():.0f} deg")
    print(f"  roads      {len(district.roads):5d}  tran:Road polygons")
    print(f"  terrain    {terrain.shape[1]} x {terrain.shape[0]} cells of 2 m, "
          f"{float(terrain.z.min()):.1f}-{float(terrain.z.max()):.1f} m")
    print(f"  shadow hours on the winter solstice, 8-16 h true solar time, 1.5 m plane, 1 m cells: "
          f"{hours_seconds:.1f} s")
    for line, limit, hours, complies in verdict:
        print(f"  日影規制 around the tallest tower, {line} line ({limit:g} h): max {hours:.2f} h, "
              f"{'complies' if complies else 'EXCEEDS'}")
    print(f"  solar potential, a typical year at 1 m on every roof: {solar_seconds:.1f} s; "
          f"{solar_sums['kwp']:.0f} kWp, {solar_sums['kwh'] / 1000:.0f} MWh/year, {solar_sums['co2_t']:.0f} t-CO2")
    print(f"  barrier-free, manual wheelchair: {barrier['counts']}; {barrier['hazards']} hazard points; "
          f"{barrier['walker_only']} buildings reachable on foot but not by wheelchair within 10 min of the "
          f"high-street corner")
    print(f"  pedestrian wind from NNW at 5 m/s, 2 m cells: {wind_seconds:.0f} s; comfort (Lawson, 16 directions, "
          f"2 m cells): {comfort_seconds:.0f} s: {shares}")
    report = _report(out_dir)
    print(f"  wrote {gpkg}")
    print(f"        {report}")
    for name in ("terrain.tif", "shadow_hours.tif", "nichiei.png", "nichiei_verdict.csv", "shadow_hours_3d.png",
                 "solar_roofs.tif", "solar_3d.png", "barrierfree_3d.png", "wind_ratio.tif", "wind_3d.png",
                 "wind_comfort.tif", "wind_comfort.csv"):
        print(f"        {os.path.join(out_dir, name)}")
    print(f"        {png}")
    app.exitQgis()


def _barrier_free(processing, buildings_uri: str, gpkg: str, out_dir: str) -> dict:
    """Hazards and reach for a manual wheelchair on the sample's pedestrian network."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer
    network = os.path.join(SAMPLE, "barrierfree")
    links, nodes = os.path.join(network, "link.geojson"), os.path.join(network, "node.geojson")
    hazards = _run(processing, "barrierhazards", {
        "LINKS": links, "NODES": nodes, "PROFILE": 0, "DEM": os.path.join(out_dir, "terrain.tif"),
        "BUILDINGS": buildings_uri, "OUTPUT": f"ogr:dbname='{gpkg}' table=barrier_links (geom)",
        "HAZARDS": f"ogr:dbname='{gpkg}' table=barrier_hazards (geom)",
        "COUNTS": os.path.join(out_dir, "barrierfree_counts.csv"),
        "PREVIEW": os.path.join(out_dir, "barrierfree_3d.png")})
    layer = QgsVectorLayer(hazards["OUTPUT"], "links", "ogr")
    counts = {}
    for feature in layer.getFeatures():
        counts[feature["class"]] = counts.get(feature["class"], 0) + 1
    n_hazards = QgsVectorLayer(hazards["HAZARDS"], "hazards", "ogr").featureCount()
    corner = next(f for f in QgsVectorLayer(nodes, "nodes", "ogr").getFeatures() if f["node_id"] == "n0505")
    origins = QgsVectorLayer("Point?crs=EPSG:4326", "origins", "memory")
    feature = QgsFeature(origins.fields())
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(corner.geometry().asPoint())))
    origins.dataProvider().addFeatures([feature])
    reach = processing.run("urbantwin:barrierreach", {
        "LINKS": links, "NODES": nodes, "PROFILE": 0, "DEM": os.path.join(out_dir, "terrain.tif"),
        "ORIGINS": origins, "MINUTES": 10, "BUILDINGS": buildings_uri,
        "AREA": f"ogr:dbname='{gpkg}' table=barrier_reach (geom)",
        "BUILDING_OUTPUT": f"ogr:dbname='{gpkg}' table=barrier_buildings (geom)"})
    walker_only = int(_sums(reach["BUILDING_OUTPUT"], ("walker_only",))["walker_only"])
    del layer, corner, origins, feature  # layers must go before the application, or exitQgis() crashes
    return {"counts": ", ".join(f"{v} {k}" for k, v in sorted(counts.items())), "hazards": n_hazards,
            "walker_only": walker_only}


RUNS: list[tuple[str, dict, dict]] = []


def _run(processing, key: str, params: dict) -> dict:
    """Run urbantwin:<key> and remember it for the report."""
    results = processing.run(f"urbantwin:{key}", params)
    RUNS.append((key, params, results))
    return results


def _report(out_dir: str) -> str:
    """The HTML report of every analysis the demo ran."""
    import pandas as pd

    from urban_twin.analyses.report import Section, bar_chart, write_report
    from urban_twin.plugin.workbench import ANALYSES, section_for
    sections = [section_for(ANALYSES[key], params, results) for key, params, results in RUNS if key in ANALYSES]
    for key, params, results in RUNS:
        if key == "windcomfort":
            areas = pd.read_csv(results["AREAS"])
            sections.append(Section("windcomfort", "Wind comfort (Lawson, 16 directions)",
                                    "Comfort classes from the 16 speed-ratio maps and the approximate Tokyo wind rose.",
                                    parameters={"CELL_SIZE": params["CELL_SIZE"]},
                                    charts=[("Area per class (m²)", bar_chart(areas["class"].tolist(),
                                                                             areas["area_m2"].tolist(), "m²"))],
                                    tables=[("Area per class", areas)]))
    path = write_report(os.path.join(out_dir, "report.html"), "Urban Twin Workbench — sample district",
                        sections, "make demo")
    RUNS.clear()  # the runs hold layers, which must go before the application, or exitQgis() crashes
    return path


def _comfort_shares(path: str) -> str:
    """'sitting 40 %, standing 30 %, …' from the area table."""
    import csv
    with open(path, encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    return ", ".join(f"{r['class']} {100 * float(r['share']):.0f} %" for r in rows if float(r["share"]) > 0)


def _sums(uri: str, fields: tuple[str, ...]) -> dict[str, float]:
    """Column sums of a layer."""
    from qgis.core import QgsVectorLayer
    layer = QgsVectorLayer(uri, "sums", "ogr")
    sums = {name: float(sum(f[name] or 0 for f in layer.getFeatures())) for name in fields}
    del layer  # layers must go before the application, or exitQgis() crashes
    return sums


def _nichiei(processing, buildings_uri: str, gpkg: str, out_dir: str) -> list[tuple]:
    """The shadow-regulation check of the sample's tallest tower on a site 4 m around it."""
    from qgis.core import QgsFeature, QgsVectorLayer
    buildings = QgsVectorLayer(buildings_uri, "buildings", "ogr")
    tallest = max(buildings.getFeatures(), key=lambda f: f["height"])
    site = QgsVectorLayer(f"Polygon?crs={buildings.crs().authid()}", "site", "memory")
    feature = QgsFeature(site.fields())
    feature.setGeometry(tallest.geometry().buffer(4.0, 1))
    site.dataProvider().addFeatures([feature])
    result = _run(processing, "nichiei", {
        "BUILDINGS": buildings, "SITE": site, "REGULATION": 1, "MEASURING_HEIGHT": 1,
        "CONTOURS": f"ogr:dbname='{gpkg}' table=nichiei_contours (geom)",
        "LINES": f"ogr:dbname='{gpkg}' table=nichiei_lines (geom)",
        "HOURLY": f"ogr:dbname='{gpkg}' table=nichiei_hourly (geom)",
        "VERDICT": os.path.join(out_dir, "nichiei_verdict.csv"), "DIAGRAM": os.path.join(out_dir, "nichiei.png")})
    verdict = QgsVectorLayer(result["VERDICT"], "verdict", "ogr")
    rows = [(f["line"], float(f["limit_h"]), float(f["max_hours"]), str(f["complies"]).lower() == "true")
            for f in verdict.getFeatures()]
    del verdict, buildings, site  # layers must go before the application, or exitQgis() crashes
    return rows


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "out/demo")
