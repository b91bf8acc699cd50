"""`make demo`: headless, on the sample district, through the same Processing algorithms a user runs.

Writes out/demo/: urban_twin_demo.gpkg (buildings, roofs, roads), terrain.tif, sample_3d.png, and prints
a one-screen summary.
"""
from __future__ import annotations

import os
import sys
import time

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
    import processing
    from qgis.core import QgsVectorLayer

    from urban_twin.analyses.citygml import read_district
    from urban_twin.analyses.preview3d import building_scene, save_png
    from urban_twin.analyses.terrain import tin_to_terrain, write_geotiff

    gpkg = os.path.join(out_dir, "urban_twin_demo.gpkg")
    if os.path.exists(gpkg):
        os.remove(gpkg)
    started = time.perf_counter()
    result = processing.run("urbantwin:loadcitygml", {
        "INPUT": SAMPLE, "LOD": 3,
        "BUILDINGS": f"ogr:dbname='{gpkg}' table=buildings (geom)",
        "ROOFS": f"ogr:dbname='{gpkg}' table=roofs (geom)"})
    load_seconds = time.perf_counter() - started
    buildings = QgsVectorLayer(result["BUILDINGS"], "buildings", "ogr")
    roofs = QgsVectorLayer(result["ROOFS"], "roofs", "ogr")

    district = read_district(SAMPLE)
    terrain = tin_to_terrain(district.tin, 2.0, district.epsg)
    write_geotiff(terrain, os.path.join(out_dir, "terrain.tif"))
    png = save_png(building_scene(district, terrain), os.path.join(out_dir, "sample_3d.png"))

    heights = district.buildings["height"]
    print("Urban Twin Workbench demo: sample district (fictional, Tokyo coordinates)")
    print(f"  loaded with urbantwin:loadcitygml in {load_seconds:.1f} s, CRS EPSG:{district.epsg}")
    print(f"  buildings  {buildings.featureCount():5d}  (LOD2: {(district.buildings['lod'] == 2).sum()}, "
          f"height {heights.min():.0f}-{heights.max():.0f} m, median {heights.median():.0f} m)")
    print(f"  roofs      {roofs.featureCount():5d}  LOD2 roof surfaces, tilt 0-{district.roofs['tilt'].max():.0f} deg")
    print(f"  roads      {len(district.roads):5d}  tran:Road polygons")
    print(f"  terrain    {terrain.shape[1]} x {terrain.shape[0]} cells of 2 m, "
          f"{float(terrain.z.min()):.1f}-{float(terrain.z.max()):.1f} m")
    print(f"  wrote {gpkg}")
    print(f"        {os.path.join(out_dir, 'terrain.tif')}")
    print(f"        {png}")
    print("  (shadow, solar, wind and barrier-free analyses arrive with their issues)")
    del buildings, roofs  # layers must go before the application, or exitQgis() crashes
    app.exitQgis()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "out/demo")
