"""City scale, the output folder: one Cloud-Optimised GeoTIFF per tile, a VRT mosaic over the finished ones, a
manifest that lets a stopped run resume, a per-tile index layer and vector results in one GeoPackage.

Nothing half-written is ever read back: a tile is written under a temporary name and renamed when complete,
the manifest is replaced whole, and the mosaic lists only the tiles the manifest records as done.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass

import numpy as np

from .errors import QT_TRANSLATE_NOOP, UrbanTwinError

PENDING, DONE, FAILED = "pending", "done", "failed"


def run_key(settings: dict) -> str:
    """A short fingerprint of everything that decides a run's results (inputs, area, tiles, parameters)."""
    return hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()).hexdigest()[:16]


def input_stamp(path: str) -> dict:
    """What identifies an input file's version: its path, size and modification time."""
    stat = os.stat(path)
    return {"path": os.path.abspath(path), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _gdal():
    from osgeo import gdal
    gdal.UseExceptions()
    return gdal


@dataclass
class TileStore:
    """The output folder of one tiled run: folder/name.vrt, its tiles in folder/name_tiles/, the manifest
    folder/name.manifest.json and the index folder/name_index.gpkg."""

    folder: str
    name: str
    key: str

    def __post_init__(self) -> None:
        os.makedirs(self.tiles_folder, exist_ok=True)
        for stale in os.listdir(self.tiles_folder):   # what a crash or a power cut left half-written
            if stale.startswith(".partial-"):
                os.remove(os.path.join(self.tiles_folder, stale))
        self.tiles: dict[str, dict] = {}
        manifest = self._read_manifest()
        # A manifest of other parameters (or inputs) describes other results: start afresh.
        if manifest.get("key") == self.key:
            self.tiles = {k: v for k, v in manifest.get("tiles", {}).items()
                          if v.get("status") == DONE and os.path.exists(self.tile_path(k))}

    @property
    def tiles_folder(self) -> str:
        """Where the tile rasters go."""
        return os.path.join(self.folder, f"{self.name}_tiles")

    @property
    def manifest_path(self) -> str:
        """The run's manifest."""
        return os.path.join(self.folder, f"{self.name}.manifest.json")

    @property
    def mosaic_path(self) -> str:
        """The VRT that shows every finished tile as one layer."""
        return os.path.join(self.folder, f"{self.name}.vrt")

    @property
    def index_path(self) -> str:
        """The GeoPackage of the per-tile index layer (and of vector results)."""
        return os.path.join(self.folder, f"{self.name}_index.gpkg")

    def tile_path(self, key: str) -> str:
        """The raster of one tile."""
        return os.path.join(self.tiles_folder, f"{key}.tif")

    def done(self, key: str) -> bool:
        """Whether the tile is finished (in this run or in an earlier one with the same key)."""
        return self.tiles.get(key, {}).get("status") == DONE

    def record(self, key: str, **info) -> None:
        """Record a tile's status and timings, and replace the manifest whole."""
        self.tiles[key] = {**info, "recorded": time.time()}
        self._write_manifest()

    def _read_manifest(self) -> dict:
        if not os.path.exists(self.manifest_path):
            return {}
        try:
            with open(self.manifest_path, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError):
            return {}   # an unreadable manifest: nothing is trusted, every tile is made again

    def _write_manifest(self) -> None:
        temporary = self.manifest_path + ".partial"
        with open(temporary, "w", encoding="utf-8") as f:
            json.dump({"key": self.key, "tiles": self.tiles}, f, indent=1)
        os.replace(temporary, self.manifest_path)

    def build_mosaic(self) -> str:
        """(Re)write the VRT over the finished tiles only; return its path."""
        gdal = _gdal()
        files = [self.tile_path(k) for k in sorted(self.tiles) if self.done(k)]
        if not files:
            raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "no tile of the run is finished: there is no mosaic"))
        temporary = os.path.join(self.folder, f".partial-{self.name}.vrt")
        gdal.BuildVRT(temporary, files, srcNodata="nan", VRTNodata="nan").FlushCache()
        os.replace(temporary, self.mosaic_path)
        return self.mosaic_path

    def write_index(self, extents: dict[str, tuple[float, float, float, float]], epsg: int) -> str:
        """Write the index layer: each tile's outline, status, seconds, worker and peak memory."""
        import geopandas as gpd
        import shapely
        keys = list(extents)
        info = [self.tiles.get(k, {"status": PENDING}) for k in keys]
        frame = gpd.GeoDataFrame({
            "tile": keys, "status": [i.get("status", PENDING) for i in info],
            "seconds": [i.get("seconds", np.nan) for i in info], "worker": [i.get("worker", "") for i in info],
            "peak_mb": [i.get("peak_mb", np.nan) for i in info], "error": [i.get("error", "") for i in info]},
            geometry=[shapely.box(*extents[k]) for k in keys], crs=epsg)
        frame.to_file(self.index_path, layer="tiles", driver="GPKG", engine="pyogrio")
        return self.index_path

    def append_vectors(self, layer: str, frame) -> None:
        """Append one tile's vector results to their layer in the run's GeoPackage."""
        if len(frame):
            exists = os.path.exists(self.index_path) and layer in layers(self.index_path)
            frame.to_file(self.index_path, layer=layer, driver="GPKG", engine="pyogrio", mode="a" if exists else "w")


def layers(path: str) -> list[str]:
    """The names of a GeoPackage's layers."""
    import pyogrio
    return [name for name, _ in pyogrio.list_layers(path)]
