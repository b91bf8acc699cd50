"""A PLATEAU dataset as published: its CityGML files in a folder or straight from the city's zip.

Files can be limited to the Japanese standard mesh tiles (JIS X 0410) that meet an extent: PLATEAU names
each file after its mesh (`53394517_bldg_6697_op.gml`: 1st order 4 digits, 2nd order 6, 3rd order 8).
"""
from __future__ import annotations

import glob
import os
import posixpath
import re
import zipfile
from dataclasses import dataclass
from functools import partial
from typing import IO, Callable

from . import codelists, crs
from .errors import QT_TRANSLATE_NOOP, UrbanTwinError

#: Where a dataset keeps the files the reader uses, best first; loose .gml files when there is no udx/.
DATASET_PATTERNS = ("udx/bldg/*.gml", "udx/dem/*.gml", "udx/tran/*.gml")
LOOSE_PATTERNS = ("*.gml", "*/*.gml")
#: Mesh sizes in degrees (latitude, longitude) by the number of digits of the code.
_MESH_STEPS = {4: (2 / 3, 1.0), 6: (2 / 3 / 8, 1 / 8), 8: (2 / 3 / 80, 1 / 80)}
_MESH_NAME = re.compile(r"^(\d{8}|\d{6}|\d{4})_")

Bounds = tuple[float, float, float, float]


@dataclass(frozen=True)
class Source:
    """One CityGML file of a dataset: its name, size in bytes, how to open it and how to resolve its codes."""

    name: str
    size: int
    open: Callable[[], IO[bytes]]
    resolve: Callable[[str, str], str]


def mesh_bounds(code: str) -> Bounds:
    """Return (lon_min, lat_min, lon_max, lat_max) of a 1st, 2nd or 3rd order mesh code."""
    if not code.isdigit() or len(code) not in _MESH_STEPS:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "'{}' is not a standard mesh code of 4, 6 or 8 digits"), code)
    lat = int(code[:2]) * 2 / 3
    lon = int(code[2:4]) + 100.0
    if len(code) >= 6:
        if int(code[4]) > 7 or int(code[5]) > 7:
            raise UrbanTwinError(QT_TRANSLATE_NOOP(
                "@default", "'{}' is not a standard mesh code: 2nd order digits run from 0 to 7"), code)
        lat += int(code[4]) * _MESH_STEPS[6][0]
        lon += int(code[5]) * _MESH_STEPS[6][1]
    if len(code) == 8:
        lat += int(code[6]) * _MESH_STEPS[8][0]
        lon += int(code[7]) * _MESH_STEPS[8][1]
    step_lat, step_lon = _MESH_STEPS[len(code)]
    return lon, lat, lon + step_lon, lat + step_lat


def mesh_code(file_name: str) -> str | None:
    """The mesh code a PLATEAU file name starts with, or None."""
    match = _MESH_NAME.match(posixpath.basename(file_name.replace("\\", "/")))
    return match.group(1) if match else None


def lonlat_extent(extent: Bounds, epsg: int | None) -> Bounds:
    """An extent (xmin, ymin, xmax, ymax) in EPSG `epsg` as a longitude/latitude box (JGD2011)."""
    xmin, ymin, xmax, ymax = extent
    if not (xmin <= xmax and ymin <= ymax):
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the extent {} has its minimum above its maximum"), extent)
    if epsg is None or epsg in crs.GEOGRAPHIC_EPSG:
        return xmin, ymin, xmax, ymax
    west, south, east, north = crs.transformer(epsg, 6668).transform_bounds(xmin, ymin, xmax, ymax, densify_pts=21)
    return west, south, east, north


def meets(file_name: str, box: Bounds | None) -> bool:
    """Whether a file's mesh tile meets a lon/lat box (always, without a box or a mesh code)."""
    code = mesh_code(file_name)
    if box is None or code is None:
        return True
    lon0, lat0, lon1, lat1 = mesh_bounds(code)
    return lon0 <= box[2] and box[0] <= lon1 and lat0 <= box[3] and box[1] <= lat1


def sources(path: str, extent: Bounds | None = None, extent_epsg: int | None = None) -> list[Source]:
    """The CityGML files of a file, a dataset folder or a dataset zip, limited to the tiles meeting extent."""
    box = lonlat_extent(extent, extent_epsg) if extent is not None else None
    if os.path.isfile(path) and path.lower().endswith(".zip"):
        found = _zip_sources(path)
    elif os.path.isfile(path):
        found = [_file_source(path)]
    elif os.path.isdir(path):
        found = [_file_source(f) for f in _folder_files(path)]
        if not found:
            raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "{} holds no CityGML (.gml) files"), path)
    else:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "{} does not exist"), path)
    kept = [s for s in found if meets(s.name, box)]
    if not kept:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "none of the {} CityGML files of {} lies in the extent"), len(found), os.path.basename(path))
    return kept


def _file_source(path: str) -> Source:
    base_dir = os.path.dirname(os.path.abspath(path))
    def opened() -> IO[bytes]:
        return open(path, "rb")
    return Source(path, os.path.getsize(path), opened, partial(codelists.resolve, base_dir))


def _folder_files(path: str) -> list[str]:
    files: list[str] = []
    for pattern in DATASET_PATTERNS:
        files += sorted(glob.glob(os.path.join(path, pattern)))
    if not files:
        for pattern in LOOSE_PATTERNS:
            files += sorted(glob.glob(os.path.join(path, pattern)))
    return list(dict.fromkeys(files))


def open_zip(path: str) -> zipfile.ZipFile:
    """Open a zip, refusing it when a member name is absolute or climbs out of it with '..'."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "{} is not a readable zip file"),
                             os.path.basename(path)) from None
    for name in archive.namelist():
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or ".." in parts:
            archive.close()
            raise UrbanTwinError(QT_TRANSLATE_NOOP(
                "@default", "{} holds a member with an unsafe path ({}): refused"), os.path.basename(path), name)
    return archive


def _zip_sources(path: str) -> list[Source]:
    with open_zip(path) as archive:
        infos = [i for i in archive.infolist() if not i.is_dir() and i.filename.lower().endswith(".gml")]
    # A city's zip holds udx/ at its top or inside one folder named after the dataset.
    names = {i.filename: i for i in infos}
    chosen = [n for pattern in DATASET_PATTERNS for n in sorted(names)
              if _matches(n, pattern) or _matches(n, "*/" + pattern)]
    if not chosen:
        chosen = [n for pattern in LOOSE_PATTERNS for n in sorted(names) if _matches(n, pattern)]
    if not chosen:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "{} holds no CityGML (.gml) files"), os.path.basename(path))
    return [Source(f"{path}/{n}", names[n].file_size, partial(_open_member, path, n),
                   partial(codelists.resolve_in_zip, path, posixpath.dirname(n)))
            for n in dict.fromkeys(chosen)]


def _matches(name: str, pattern: str) -> bool:
    """fnmatch where * stops at '/', as glob does."""
    regex = "^" + re.escape(pattern).replace(r"\*", "[^/]*") + "$"
    return re.match(regex, name) is not None


def _open_member(path: str, member: str) -> IO[bytes]:
    with zipfile.ZipFile(path) as archive:
        # The member stream keeps the file open until it is closed itself.
        return archive.open(member)
