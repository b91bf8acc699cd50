"""Opening what open-data catalogs hold: CSV with coordinates (Japanese or English column names, UTF-8 or
Shift_JIS), zipped Shapefiles with CP932 attributes, GeoJSON, KML, GeoPackage, GeoTIFF, PLATEAU CityGML
and 3D meshes (OBJ, PLY, STL, glTF/GLB)."""
from __future__ import annotations

import io
import logging
import os
import zipfile
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import meshsize
from .errors import QT_TRANSLATE_NOOP, UrbanTwinError
from .intake import intake_of

LOG = logging.getLogger(__name__)

LAT_NAMES = ("緯度", "lat", "latitude", "y座標(緯度)", "緯度(度)", "ido", "y")
LON_NAMES = ("経度", "lon", "lng", "long", "longitude", "x座標(経度)", "経度(度)", "keido", "x")
VECTOR = {".geojson", ".json", ".kml", ".gpkg", ".shp"}
RASTER = {".tif", ".tiff"}
MESH = set(meshsize.FORMATS)
CITYGML = {".gml"}
NOT_A_NUMBER = QT_TRANSLATE_NOOP("@default", "a coordinate that is not a number")
OUT_OF_RANGE = QT_TRANSLATE_NOOP("@default", "a coordinate off the globe (longitude beyond ±180° or latitude "
                                             "beyond ±90°)")
KINDS = {"CSV": "csv", "SHP": "vector", "ZIP": "zip", "GEOJSON": "vector", "JSON": "vector", "KML": "vector",
         "GPKG": "vector", "GEOTIFF": "raster", "TIFF": "raster", "TIF": "raster", "CITYGML": "citygml",
         "GML": "citygml", "OBJ": "mesh", "PLY": "mesh", "STL": "mesh", "GLTF": "mesh", "GLB": "mesh"}


@dataclass
class Opened:
    """What a file is: its kind (vector / raster / citygml / mesh), the path a reader opens, the text
    encoding of its attributes, and for a CSV the coordinate columns."""

    kind: str
    path: str
    encoding: str = "UTF-8"
    x_field: str = ""
    y_field: str = ""


def detect_encoding(data: bytes) -> str:
    """UTF-8 (with or without BOM) or CP932 (the Windows superset of Shift_JIS)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "UTF-8-SIG"
    try:
        data.decode("utf-8")
        return "UTF-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3:  # a character cut by reading only the start of the file
            return "UTF-8"
    try:
        data.decode("cp932")
        return "CP932"
    except UnicodeDecodeError:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the text is neither UTF-8 nor Shift_JIS / CP932")) from None


def coordinate_columns(columns: list[str]) -> tuple[str, str]:
    """The (longitude, latitude) column names, in Japanese or English; an error when there are none."""
    def find(names: tuple[str, ...]) -> str | None:
        normal = {c.strip().lower().replace(" ", ""): c for c in columns}
        return next((normal[n] for n in names if n in normal), None)

    lat, lon = find(LAT_NAMES), find(LON_NAMES)
    if lat is None or lon is None:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "the CSV has no coordinate columns (looked for 緯度/経度, lat/lon, latitude/longitude "
                        "among {})"), ', '.join(columns[:12]))
    return lon, lat


def inspect(path: str, fmt: str = "") -> Opened:
    """Decide how to open a file, from its extension or the catalog's format name."""
    ext = os.path.splitext(path)[1].lower()
    kind = KINDS.get(fmt.upper().strip()) if fmt else None
    if ext == ".csv" or kind == "csv":
        with open(path, "rb") as stream:
            head = stream.read(1 << 16)
        encoding = detect_encoding(head)
        columns = pd.read_csv(io.BytesIO(head), encoding=encoding.replace("-SIG", "-sig"), nrows=0).columns.tolist()
        lon, lat = coordinate_columns([str(c) for c in columns])
        return Opened("csv", path, encoding.replace("-SIG", ""), lon, lat)
    if ext == ".zip" or kind == "zip":
        return _inspect_zip(path)
    if ext in VECTOR:
        return Opened("vector", path)
    if ext in RASTER:
        return Opened("raster", path)
    if ext in MESH:
        return Opened("mesh", path)
    if ext in CITYGML or kind == "citygml":
        return Opened("citygml", path)
    if kind in ("vector", "raster", "mesh"):
        return Opened(kind, path)
    raise UrbanTwinError(QT_TRANSLATE_NOOP(
        "@default", "{}: the format {} is not one this plugin opens (CSV, Shapefile zip, GeoJSON, KML, GeoPackage, "
                    "GeoTIFF, CityGML, OBJ/PLY/STL/glTF)"), os.path.basename(path), fmt or ext or '(none)')


def _inspect_zip(path: str) -> Opened:
    """A zipped Shapefile (its attributes' encoding from the .cpg, else guessed) or a zipped dataset."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        shapefiles = [n for n in names if n.lower().endswith(".shp")]
        if shapefiles:
            shp = shapefiles[0]
            stem = shp[:-4]
            cpg = next((n for n in names if n.lower() == f"{stem.lower()}.cpg"), None)
            if cpg:
                encoding = archive.read(cpg).decode("ascii", "replace").strip().upper()
                encoding = {"SHIFT_JIS": "CP932", "SJIS": "CP932", "932": "CP932", "65001": "UTF-8"}.get(encoding,
                                                                                                      encoding)
            else:
                dbf = next((n for n in names if n.lower() == f"{stem.lower()}.dbf"), None)
                encoding = detect_encoding(archive.read(dbf)[32:]) if dbf else "UTF-8"
            return Opened("vector", f"/vsizip/{os.path.abspath(path)}/{shp}", encoding)
        if any(n.lower().endswith(".gml") for n in names):
            return Opened("citygml", path)
    raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "{} holds no Shapefile or CityGML"), os.path.basename(path))


def read_csv_points(opened: Opened):
    """A CSV with coordinate columns as a GeoDataFrame of points in JGD2011 (EPSG:6668).

    Rows whose coordinates are not numbers, or not a longitude (-180 to 180) and latitude (-90 to 90), are
    dropped; frame.attrs["intake"] tells how many and why, and the count is logged.
    """
    import geopandas as gpd
    frame = pd.read_csv(opened.path, encoding="utf-8-sig" if opened.encoding == "UTF-8" else opened.encoding)
    lon = pd.to_numeric(frame[opened.x_field], errors="coerce").to_numpy(dtype=float)
    lat = pd.to_numeric(frame[opened.y_field], errors="coerce").to_numpy(dtype=float)
    reason = np.full(len(frame), None, dtype=object)
    reason[~((np.abs(lon) <= 180) & (np.abs(lat) <= 90))] = OUT_OF_RANGE  # also inf, 999
    reason[np.isnan(lon) | np.isnan(lat)] = NOT_A_NUMBER
    account = intake_of(np.arange(len(frame)) + 2, reason, np.zeros(len(frame), dtype=bool))  # + 2: file lines
    if not account.used:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "no row of {} has coordinates on the globe (numbers, longitude -180 to 180, latitude -90 "
                        "to 90)"), os.path.basename(opened.path))
    if len(account.skipped):
        LOG.warning("%s: %s (lines %s)", os.path.basename(opened.path), account.summary(),
                    ", ".join(account.skipped["id"][:20]))
    good = reason == None  # noqa: E711 - elementwise
    points = gpd.GeoDataFrame(frame[good].reset_index(drop=True), geometry=gpd.points_from_xy(lon[good], lat[good]),
                              crs=6668)
    points.attrs["intake"] = account
    return points


def read_mesh(path: str, offset: tuple[float, float, float] = (0.0, 0.0, 0.0)):
    """A 3D model through PyVista (VTK's readers), triangulated and moved by offset into a CRS's metres.

    The sizes the file declares are checked against what it holds first (meshsize): VTK allocates what a
    header claims, and a forged count crashes the process.
    """
    import pyvista as pv
    meshsize.check(path)
    try:
        mesh = pv.read(path)
    except Exception as exc:  # VTK readers fail in many ways on a bad file
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "{} is not a readable 3D model ({})"), os.path.basename(path), exc) from None
    if isinstance(mesh, pv.MultiBlock):
        mesh = mesh.combine(merge_points=False).extract_surface()
    if mesh.n_points == 0:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "{} holds no geometry"), os.path.basename(path))
    mesh = mesh.extract_surface().triangulate() if hasattr(mesh, "extract_surface") else mesh
    return mesh.translate(np.asarray(offset, dtype=float), inplace=False)
