"""The plugin's Python dependencies inside QGIS: check them, and install them into a private folder.

QGIS runs its own Python, which cannot see a virtual environment, and Debian refuses pip into the system
Python; so missing packages go with `pip --target` into <profile>/urban_twin/deps, put first on sys.path.
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile

from ..analyses.render import python_executable

#: Packages QGIS's own Python provides (Debian's python3-*, OSGeo4W's): never installed by the plugin, whatever
#: pip thinks. A second copy in the QGIS process (its own PROJ, HDF5, or a second NumPy ABI) crashes it.
FROM_QGIS = ("numpy", "scipy", "matplotlib", "pyproj", "h5py", "gdal", "pyqt5")
PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
#: import name -> (distribution name, lowest version that works)
REQUIRED = {"geopandas": ("geopandas", "1.0"), "shapely": ("shapely", "2.0"), "pyproj": ("pyproj", "3.3"),
            "pandas": ("pandas", "2.0"), "lxml": ("lxml", "4.9"), "pvlib": ("pvlib", "0.11"),
            "pyvista": ("pyvista", "0.43"), "numba": ("numba", "0.57"),
            "scipy": ("scipy", "1.10")}


def profile_dir() -> str:
    """The active QGIS profile folder (the default profile's when QGIS is not running)."""
    try:
        from qgis.core import QgsApplication
        path = QgsApplication.qgisSettingsDirPath()
        if path:
            return path
    except ImportError:
        pass
    return os.path.expanduser("~/.local/share/QGIS/QGIS3/profiles/default")


def deps_dir() -> str:
    """Where the plugin installs its own packages."""
    return os.path.join(profile_dir(), "urban_twin", "deps")


def add_deps_to_path() -> None:
    """Put the private package folder first on sys.path, when it exists."""
    folder = deps_dir()
    if os.path.isdir(folder) and folder not in sys.path:
        sys.path.insert(0, folder)


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split(".")[:3]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def missing_modules() -> list[str]:
    """The required packages that are absent or too old, as 'name>=version'."""
    missing = []
    for module, (dist, lowest) in REQUIRED.items():
        if importlib.util.find_spec(module) is None:
            missing.append(f"{dist}>={lowest}")
            continue
        try:
            if _version_tuple(importlib.metadata.version(dist)) < _version_tuple(lowest):
                missing.append(f"{dist}>={lowest}")
        except importlib.metadata.PackageNotFoundError:
            pass
    return missing


def install_plan() -> list[str]:
    """What install() will put into the private folder, as 'name==version': only what QGIS's Python lacks.

    pip resolves the pinned requirements against the packages this Python already has (a dry run with
    --prefix, which, unlike --target, counts them as installed); anything importable here under another
    distribution name (Debian's h5py) is dropped too. So QGIS's own numpy, scipy, matplotlib, GDAL, pyproj
    and h5py are used, never shadowed by a second copy in the process.
    """
    with tempfile.TemporaryDirectory(prefix="urban_twin_plan_") as scratch:
        report = os.path.join(scratch, "report.json")
        result = subprocess.run(_pip() + ["install", "--dry-run", "--quiet", "--report", report, "--prefix",
                                          os.path.join(scratch, "prefix")] + _requirements(),
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"pip could not plan the installation ({result.returncode}):\n{result.stderr[-2000:]}")
        with open(report, encoding="utf-8") as stream:
            wanted = [(item["metadata"]["name"], item["metadata"]["version"]) for item in json.load(stream)["install"]]
    return [f"{name}=={version}" for name, version in wanted
            if name.lower() not in FROM_QGIS and importlib.util.find_spec(_import_name(name)) is None]


def _import_name(distribution: str) -> str:
    return distribution.lower().replace("-", "_")


def _pip() -> list[str]:
    return [python_executable(), "-m", "pip", "--disable-pip-version-check"]


def _requirements() -> list[str]:
    return ["-r", os.path.join(PLUGIN_DIR, "requirements.txt"), "-c", os.path.join(PLUGIN_DIR, "constraints.txt")]


def install(target: str | None = None, plan: list[str] | None = None) -> str:
    """Install the plan (default: install_plan()) afresh into the private folder; return pip's output."""
    target = target or deps_dir()
    plan = install_plan() if plan is None else plan
    shutil.rmtree(target, ignore_errors=True)  # ours alone: an older install may hold second copies
    os.makedirs(target)
    if not plan:
        return ""
    result = subprocess.run(_pip() + ["install", "--no-deps", "--target", target] + plan,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"pip failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    add_deps_to_path()
    importlib.invalidate_caches()
    return result.stdout


if __name__ == "__main__":  # make deploy: python3 -m urban_twin.plugin.deps TARGET (or --plan), with QGIS's Python
    PLAN = install_plan()
    print("Urban Twin installs only what QGIS's Python lacks:", " ".join(PLAN) or "nothing")
    if sys.argv[1] != "--plan":
        install(sys.argv[1], PLAN)
