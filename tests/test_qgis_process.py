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
