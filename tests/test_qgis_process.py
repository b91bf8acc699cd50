"""qgis_process loads the deployed plugin from a profile and runs urbantwin:loadcitygml."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, SAMPLE

QGIS_PROCESS = shutil.which("qgis_process.bin") or "/usr/lib/qgis/qgis_process.bin"


def _profile_like_make_deploy(root: str) -> dict:
    """A QGIS config folder laid out as `make deploy` leaves it: plugin, private deps, plugin enabled."""
    from urban_twin.plugin.deps import FROM_QGIS
    from urban_twin.plugin.profile_settings import enable_plugin
    profile = os.path.join(root, "profiles", "default")
    os.makedirs(os.path.join(profile, "python", "plugins"))
    os.symlink(ROOT, os.path.join(profile, "python", "plugins", "urban_twin"))
    deps = os.path.join(profile, "urban_twin", "deps")
    os.makedirs(deps)
    site = next(p for p in sys.path if p.endswith("site-packages") and ROOT in p)  # the .venv's
    for entry in os.listdir(site):
        if entry.split("-")[0].split(".")[0].lower() not in FROM_QGIS:
            os.symlink(os.path.join(site, entry), os.path.join(deps, entry))
    enable_plugin(os.path.join(profile, "QGIS", "QGIS3.ini"), "urban_twin")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(QGIS_CUSTOM_CONFIG_PATH=root, QT_QPA_PLATFORM="offscreen")
    return env


@pytest.mark.skipif(not os.path.exists(QGIS_PROCESS), reason="qgis_process.bin not installed")
def test_qgis_process_runs_loadcitygml(tmp_path):
    env = _profile_like_make_deploy(str(tmp_path / "config"))
    out = str(tmp_path / "buildings.gpkg")
    run = subprocess.run([QGIS_PROCESS, "run", "urbantwin:loadcitygml", f"--INPUT={SAMPLE}", "--LOD=1",
                          f"--BUILDINGS={out}"], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "BUILDINGS" in run.stdout
    import geopandas as gpd
    buildings = gpd.read_file(out)
    assert len(buildings) == 400 and buildings.crs.to_epsg() == 6677


@pytest.mark.skipif(not os.path.exists(QGIS_PROCESS), reason="qgis_process.bin not installed")
def test_qgis_process_reports_bad_input(tmp_path):
    env = _profile_like_make_deploy(str(tmp_path / "config"))
    bad = tmp_path / "bad.gml"
    bad.write_text("<kml/>")
    run = subprocess.run([QGIS_PROCESS, "run", "urbantwin:loadcitygml", f"--INPUT={bad}",
                          f"--BUILDINGS={tmp_path / 'o.gpkg'}"], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode != 0
    assert "not CityGML" in run.stdout + run.stderr


NETWORK = os.path.join(SAMPLE, "barrierfree", "link.geojson")
#: every algorithm that draws a picture, with small cells so each run takes seconds
PICTURES = {
    "shadowhours": ({"CELL_SIZE": 4, "STEP_MINUTES": 30, "OUTPUT": "{out}/hours.tif"}, "PREVIEW"),
    "solarpotential": ({"CELL_SIZE": 3, "ROOF_OUTPUT": "{out}/roofs.gpkg", "BUILDING_OUTPUT": "{out}/b.gpkg"},
                       "PREVIEW"),
    "pedestrianwind": ({"CELL_SIZE": 6, "SPEED_OUTPUT": "{out}/s.tif", "RATIO_OUTPUT": "{out}/r.tif"}, "PREVIEW"),
    "barrierhazards": ({"LINKS": NETWORK, "OUTPUT": "{out}/links.gpkg", "HAZARDS": "{out}/h.gpkg",
                        "NODES_OUTPUT": "{out}/n.gpkg", "COUNTS": "{out}/c.csv"}, "PREVIEW"),
    "nichiei": ({"SITE": "{site}", "CONTOURS": "{out}/c.gpkg", "LINES": "{out}/l.gpkg", "VERDICT": "{out}/v.csv"},
                "DIAGRAM"),
}


@pytest.fixture(scope="module")
def sample_inputs(deployed_profile, tmp_path_factory) -> dict:
    """The sample's buildings as a GeoPackage (through qgis_process itself) and a site around its tallest one."""
    folder = tmp_path_factory.mktemp("qgis_process_inputs")
    buildings = str(folder / "buildings.gpkg")
    env = _deployed_env(deployed_profile, display=False)
    run = subprocess.run([QGIS_PROCESS, "run", "urbantwin:loadcitygml", f"--INPUT={SAMPLE}", "--LOD=1",
                          f"--BUILDINGS={buildings}"], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    import geopandas as gpd
    frame = gpd.read_file(buildings)
    tallest = frame.loc[[frame["height"].idxmax()]]
    site = str(folder / "site.gpkg")
    tallest.assign(geometry=tallest.buffer(4.0))[["geometry"]].to_file(site)
    return {"buildings": buildings, "site": site}


def _deployed_env(profiles: str, display: bool) -> dict:
    """qgis_process's environment on the deployed profile: on an X display, or headless (offscreen)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "QT_QPA_PLATFORM",
                                                            "DISPLAY")}
    env["QGIS_CUSTOM_CONFIG_PATH"] = profiles
    if not display:
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


@pytest.mark.skipif(not os.path.exists(QGIS_PROCESS) or shutil.which("xvfb-run") is None,
                    reason="qgis_process.bin or xvfb-run not installed")
@pytest.mark.parametrize("display", [True, False], ids=["display", "headless"])
@pytest.mark.parametrize("algorithm", list(PICTURES))
def test_every_picture_through_qgis_process_with_and_without_a_display(algorithm, display, sample_inputs,
                                                                       deployed_profile, tmp_path):
    """The deployed plugin draws each algorithm's picture; qgis_process ends cleanly (it used to abort or crash)."""
    values, picture = PICTURES[algorithm]
    arguments = [f"--{key}={str(value).format(out=tmp_path, site=sample_inputs['site'])}"
                 for key, value in values.items()]
    png = str(tmp_path / "picture.png")
    command = [QGIS_PROCESS, "run", f"urbantwin:{algorithm}", f"--BUILDINGS={sample_inputs['buildings']}",
               *arguments, f"--{picture}={png}"]
    if display:
        command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", *command]
    run = subprocess.run(command, env=_deployed_env(deployed_profile, display), capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, f"exit {run.returncode}: {(run.stdout + run.stderr)[-3000:]}"
    assert f"{picture}:\t{png}" in run.stdout
    from qgis.PyQt.QtGui import QImage
    image = QImage(png)
    assert image.width() >= 600 and image.height() >= 400
    corner = image.pixelColor(2, 2)
    centre = image.pixelColor(image.width() // 2, image.height() // 2)
    assert corner != centre  # a drawn scene, not an empty canvas
    assert "multiple versions of Matplotlib" not in run.stderr  # one copy of each library in the process


def test_deploy_installs_only_what_qgis_python_lacks(deployed_profile):
    """No second NumPy, SciPy, Matplotlib, pyproj or h5py in the profile: QGIS's own are used."""
    deps = os.path.join(deployed_profile, "profiles", "default", "urban_twin", "deps")
    installed = {entry.split("-")[0].split(".")[0].lower() for entry in os.listdir(deps)}
    assert {"geopandas", "pvlib", "pyvista", "vtkmodules", "numba"} <= installed
    assert not installed & {"numpy", "scipy", "matplotlib", "pyproj", "h5py", "pil", "pillow"}


#: the raster analyses over an area larger than TILE_SIZE: tiled on a local Dask cluster started from qgis_process
TILED = {
    "shadowhours": {"CELL_SIZE": 4, "STEP_MINUTES": 60, "OUTPUT": "{out}/hours.tif"},
    "solarpotential": {"CELL_SIZE": 4, "RASTER_OUTPUT": "{out}/solar.tif", "ROOF_OUTPUT": "{out}/roofs.gpkg",
                       "BUILDING_OUTPUT": "{out}/buildings.gpkg"},
    "pedestrianwind": {"CELL_SIZE": 6, "SPEED_OUTPUT": "{out}/speed.tif", "RATIO_OUTPUT": "{out}/ratio.tif"},
}


@pytest.mark.skipif(not os.path.exists(QGIS_PROCESS), reason="qgis_process.bin not installed")
@pytest.mark.parametrize("algorithm", list(TILED))
def test_tiled_runs_through_qgis_process(algorithm, sample_inputs, deployed_profile, tmp_path):
    """TILE_SIZE below the extent: qgis_process starts a local Dask cluster (its workers are Python, not QGIS),
    the tiles are computed and the raster output is the VRT mosaic over them."""
    arguments = [f"--{key}={str(value).format(out=tmp_path)}" for key, value in TILED[algorithm].items()]
    run = subprocess.run([QGIS_PROCESS, "run", f"urbantwin:{algorithm}", f"--BUILDINGS={sample_inputs['buildings']}",
                          "--TILE_SIZE=240", *arguments], env=_deployed_env(deployed_profile, False),
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, f"exit {run.returncode}: {(run.stdout + run.stderr)[-3000:]}"
    raster = next(v for k, v in TILED[algorithm].items() if k.endswith("OUTPUT") and v.endswith(".tif"))
    mosaic = raster.format(out=tmp_path).replace(".tif", ".vrt")
    assert f"\t{mosaic}" in run.stdout and os.path.exists(mosaic)
    tiles = os.listdir(mosaic.replace(".vrt", "_tiles"))
    assert len([t for t in tiles if t.endswith(".tif") and "_" not in t]) >= 4
    from urban_twin.analyses.raster import Raster
    assert (Raster.read(mosaic).values > 0).any()
