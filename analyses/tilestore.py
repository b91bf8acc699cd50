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

    def tile_path(self, key: str, layer: str = "") -> str:
        """The raster of one tile (of a second layer of results, e.g. "ratio", beside the main one)."""
        return os.path.join(self.tiles_folder, f"{key}_{layer}.tif" if layer else f"{key}.tif")

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

    def build_mosaic(self, path: str | None = None, scale: tuple[float, float] = (1.0, 0.0), layer: str = "") -> str:
        """(Re)write the VRT over the finished tiles only (at path, default the mosaic's), their values times
        scale[0] plus scale[1] (a mosaic of sun hours is one of shadow hours times -1 plus the window's length),
        of the tiles' main rasters or of another layer of theirs; return its path."""
        gdal = _gdal()
        files = [self.tile_path(k, layer) for k in sorted(self.tiles) if self.done(k)]
        if not files:
            raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "no tile of the run is finished: there is no mosaic"))
        path = path or self.mosaic_path
        temporary = os.path.join(os.path.dirname(path), ".partial-" + os.path.basename(path))
        gdal.BuildVRT(temporary, files, srcNodata="nan", VRTNodata="nan").FlushCache()
        if scale != (1.0, 0.0):
            _scale_sources(temporary, *scale)
        os.replace(temporary, path)
        return path

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

    def vectors_path(self, key: str) -> str:
        """The vector results of one tile (written before its raster, whose arrival marks the tile done)."""
        return os.path.join(self.tiles_folder, f"{key}.gpkg")

    def merge_vectors(self, layer: str) -> int:
        """Gather a layer of the finished tiles' vector results, in tile order, into the run's GeoPackage (one
        tile in memory at a time); return the number of features."""
        import geopandas as gpd
        count = 0
        for key in sorted(k for k in self.tiles if self.done(k)):
            path = self.vectors_path(key)
            if not os.path.exists(path) or layer not in layers(path):
                continue
            frame = gpd.read_file(path, layer=layer, engine="pyogrio")
            if len(frame):
                frame.to_file(self.index_path, layer=layer, driver="GPKG", engine="pyogrio",
                              mode="a" if count else "w")
                count += len(frame)
        return count


def _scale_sources(vrt: str, ratio: float, offset: float) -> None:
    """Make every source of a VRT a complex source scaled by ratio and shifted by offset (GDAL's ScaleRatio and
    ScaleOffset: no pixel copied)."""
    import xml.etree.ElementTree as ET  # noqa: N817 - the VRT is the one GDAL just wrote, not untrusted input
    tree = ET.parse(vrt)
    for band in tree.getroot().iter("VRTRasterBand"):
        for source in list(band):
            if source.tag in ("SimpleSource", "ComplexSource"):
                source.tag = "ComplexSource"
                ET.SubElement(source, "ScaleOffset").text = repr(float(offset))
                ET.SubElement(source, "ScaleRatio").text = repr(float(ratio))
    tree.write(vrt)


def layers(path: str) -> list[str]:
    """The names of a GeoPackage's layers."""
    import pyogrio
    return [name for name, _ in pyogrio.list_layers(path)]


def write_layers(path: str, frames: dict) -> None:
    """Write GeoDataFrames as the layers of a new GeoPackage, under a temporary name renamed when complete (no
    file when there is no frame)."""
    partial = os.path.join(os.path.dirname(path), ".partial-" + os.path.basename(path))
    if os.path.exists(partial):
        os.remove(partial)
    if not frames:                         # nothing to write (a tile that holds no building)
        return
    for layer, frame in frames.items():
        frame.to_file(partial, layer=layer, driver="GPKG", engine="pyogrio")
    os.replace(partial, path)


def read_in_chunks(path: str, layer: str, size: int = 50_000):
    """A GeoPackage layer as GeoDataFrames of at most size features, one after the other (at least one, empty
    when the layer is missing or has no feature)."""
    import geopandas as gpd
    import pyogrio
    if not os.path.exists(path) or layer not in layers(path):
        yield gpd.GeoDataFrame(geometry=[])
        return
    total = int(pyogrio.read_info(path, layer=layer)["features"])
    for start in range(0, max(total, 1), size):
        yield gpd.read_file(path, layer=layer, skip_features=start, max_features=size, engine="pyogrio")
