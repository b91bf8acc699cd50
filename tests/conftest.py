"""Test set-up: the repository is importable as the plugin package `urban_twin`, QGIS runs headless."""
from __future__ import annotations

import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGINS = os.path.join(ROOT, ".build", "plugins")
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "data", "plateau"))
REAL = os.path.normpath(os.path.join(ROOT, "..", "shared", "data", "plateau-real"))
SAMPLE = os.path.join(ROOT, "resources", "sample")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.makedirs(PLUGINS, exist_ok=True)
if not os.path.exists(os.path.join(PLUGINS, "urban_twin")):
    os.symlink(os.path.join("..", ".."), os.path.join(PLUGINS, "urban_twin"))
for path in (PLUGINS, "/usr/share/qgis/python/plugins"):
    if path not in sys.path:
        sys.path.insert(0, path) if path == PLUGINS else sys.path.append(path)


def shared(*parts: str) -> str:
    """A path under ../shared/data/plateau, or skip the test with the reason when it is absent."""
    path = os.path.join(SHARED, *parts)
    if not os.path.exists(path):
        pytest.skip(f"real PLATEAU data not present at {path} (a user's clone has no ../shared)")
    return path


def real(*parts: str) -> str:
    """A path under ../shared/data/plateau-real (every PLATEAU vintage), or skip the test when absent."""
    path = os.path.join(REAL, *parts)
    if not os.path.exists(path):
        pytest.skip(f"real PLATEAU data not present at {path} (a user's clone has no ../shared)")
    return path


@pytest.fixture(scope="session")
def yokosuka():
    """The 13 Yokosuka buildings (LOD0-2), read once."""
    from urban_twin.analyses.citygml import read_district
    return read_district(shared("yokosuka-52397519", "52397519_bldg_6697_op.gml"))


@pytest.fixture(scope="session")
def sapporo():
    """The 25 Sapporo buildings (LOD0-1), read once."""
    from urban_twin.analyses.citygml import read_district
    return read_district(shared("sapporo-64413325", "64413325_bldg_6697_op.gml"))


@pytest.fixture(scope="session")
def sample_district():
    """The bundled sample district."""
    from urban_twin.analyses.citygml import read_district
    return read_district(SAMPLE)


@pytest.fixture(scope="session")
def loaded_plugin(qgis_app, qgis_processing):
    """The plugin loaded as QGIS loads it (classFactory, initProcessing, initGui), unloaded at the end."""
    import qgis.utils
    if PLUGINS not in qgis.utils.plugin_paths:
        qgis.utils.plugin_paths.insert(0, PLUGINS)
    assert qgis.utils.loadPlugin("urban_twin")
    assert qgis.utils.startPlugin("urban_twin")
    plugin = qgis.utils.plugins["urban_twin"]
    yield plugin
    plugin.unload()  # qgis.utils.unloadPlugin also drops modules the other tests still hold
    del qgis.utils.plugins["urban_twin"]
    qgis.utils.active_plugins.remove("urban_twin")


@pytest.fixture(scope="session")
def deployed_profile(tmp_path_factory) -> str:
    """A QGIS profiles folder (the one --profiles-path and QGIS_CUSTOM_CONFIG_PATH take) with the plugin
    deployed by `make deploy`, exactly as a user deploys it."""
    import subprocess
    root = str(tmp_path_factory.mktemp("qgis_config"))
    run = subprocess.run(["make", "-s", "-C", ROOT, "deploy", f"QGIS_PROFILE={root}/profiles/default"],
                         capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    return root


@pytest.fixture(scope="module")
def foam_env():
    """OpenFOAM's environment, or skip saying how to get it."""
    from urban_twin.analyses import openfoam
    from urban_twin.analyses.errors import UrbanTwinError
    try:
        return openfoam.environment()
    except UrbanTwinError as exc:
        pytest.skip(f"OpenFOAM is not installed: {exc}")
