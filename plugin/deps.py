"""The plugin's Python dependencies inside QGIS: check them, and install them into a private folder.

QGIS runs its own Python, which cannot see a virtual environment, and Debian refuses pip into the system
Python; so missing packages go with `pip --target` into <profile>/urban_twin/deps, put first on sys.path.
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import shutil
import subprocess
import sys

#: Wrappers of native libraries that QGIS itself links (PROJ, HDF5): a second copy of the library in the
#: QGIS process crashes it on exit, so these come from QGIS's own Python (Debian python3-pyproj,
#: python3-h5py; OSGeo4W ships both) and are removed from the private folder after pip.
FROM_QGIS = ("pyproj", "h5py")
PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
#: import name -> (distribution name, lowest version that works)
REQUIRED = {"geopandas": ("geopandas", "1.0"), "shapely": ("shapely", "2.0"), "pyproj": ("pyproj", "3.3"),
            "pandas": ("pandas", "2.0"), "lxml": ("lxml", "4.9"), "pvlib": ("pvlib", "0.11"),
            "pyvista": ("pyvista", "0.43"), "networkx": ("networkx", "3.0"), "numba": ("numba", "0.57"),
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


def python_executable() -> str:
    """The Python interpreter QGIS embeds (sys.executable is QGIS itself on some platforms)."""
    candidates = [sys.executable, os.path.join(sys.exec_prefix, "bin", "python3"),
                  os.path.join(sys.exec_prefix, "python.exe"), shutil.which("python3") or ""]
    for candidate in candidates:
        if candidate and os.path.basename(candidate).lower().startswith("python") and os.path.isfile(candidate):
            return candidate
    raise RuntimeError("cannot find the Python interpreter that QGIS uses; install the packages by hand: "
                       + " ".join(missing_modules()))


def install_command(target: str | None = None) -> list[str]:
    """The pip command that installs the pinned requirements into the private folder."""
    return [python_executable(), "-m", "pip", "install", "--upgrade", "--target", target or deps_dir(),
            "-r", os.path.join(PLUGIN_DIR, "requirements.txt"), "-c", os.path.join(PLUGIN_DIR, "constraints.txt")]


def install(target: str | None = None) -> str:
    """Run pip into the private folder; return its output, or raise RuntimeError with it."""
    target = target or deps_dir()
    os.makedirs(target, exist_ok=True)
    result = subprocess.run(install_command(target), capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"pip failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    for entry in os.listdir(target):
        if entry.split("-")[0].split(".")[0].lower() in FROM_QGIS:
            shutil.rmtree(os.path.join(target, entry), ignore_errors=True)
    add_deps_to_path()
    importlib.invalidate_caches()
    return result.stdout


if __name__ == "__main__":  # make deploy: python -m urban_twin.plugin.deps TARGET
    install(sys.argv[1])
