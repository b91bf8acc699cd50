"""Streaming reader of PLATEAU CityGML (2.0 with i-UR 1.4/2.0/3.0): buildings, roads and relief.

Memory stays bounded: each city object is parsed when its closing tag is read and then freed, and all
coordinates of a file are transformed in one call at the end.
"""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field
from typing import Callable, Iterable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from lxml import etree

from . import codelists, crs
from .citymodel import SURFACE_KINDS, District, Surfaces, Tin
from .errors import UrbanTwinError
from .geometry import newell_normals, tilt_azimuth

GML = "{http://www.opengis.net/gml}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_CITYGML_VERSIONS = ("2.0", "1.0")
MEMBER_TAGS = [f"{{http://www.opengis.net/citygml/{v}}}cityObjectMember" for v in _CITYGML_VERSIONS]
TRIANGLE = f"{GML}Triangle"
ENVELOPE = f"{GML}Envelope"
_BLDG = {f"http://www.opengis.net/citygml/building/{v}" for v in _CITYGML_VERSIONS}
_GEN = {f"http://www.opengis.net/citygml/generics/{v}" for v in _CITYGML_VERSIONS}
_TRAN = {f"http://www.opengis.net/citygml/transportation/{v}" for v in _CITYGML_VERSIONS}
_DEM = {f"http://www.opengis.net/citygml/relief/{v}" for v in _CITYGML_VERSIONS}
_POLYGON = f"{GML}Polygon"
_POSLIST = f"{GML}posList"
_POS = f"{GML}pos"
_KIND_CODE = {name: i for i, name in enumerate(SURFACE_KINDS)}
_GEN_TYPES = {"intAttribute": int, "doubleAttribute": float, "measureAttribute": float}
_BLDG_CODED = {"class", "function", "usage", "roofType"}
_BLDG_NUMERIC = {"measuredHeight": float, "storeysAboveGround": int, "storeysBelowGround": int,
                 "yearOfConstruction": int}
#: Footprint sources, best first: the LOD0 footprint, the LOD1 solid's base, LOD0 roof edge, LOD2 ground.
FOOTPRINT_RANK = {"lod0FootPrint": 0, "lod1Solid": 1, "lod0RoofEdge": 2, "GroundSurface": 3}

ProgressFn = Callable[[float], None]


def _split(tag: str) -> tuple[str, str]:
    ns, _, local = tag[1:].partition("}")
    return ns, local


@dataclass
class _Unit:
    """A Building without parts, or a BuildingPart: the thing that has geometry."""

    gml_id: str
    building: int
    footprint: list[list[int]] = field(default_factory=list)
    footprint_rank: int = 99
    zmin: float = np.inf
    zmax: float = -np.inf
    lods: set[int] = field(default_factory=set)
    measured_height: float = np.nan


class _Reader:
    """Accumulates what the files hold; coordinates stay raw (file axis order) until `finish`."""

    def __init__(self, lods: set[int], progress: ProgressFn | None, is_canceled: Callable[[], bool] | None):
        self.lods = lods
        self.progress = progress
        self.is_canceled = is_canceled or (lambda: False)
        self.arrays: list[np.ndarray] = []
        self.buildings: list[dict] = []
        self.units: list[_Unit] = []
        self.surface_rings: list[tuple[int, int, int, int, bool]] = []  # array, building, kind, polygon, exterior
        self.n_polygons = 0
        self.roads: list[tuple[dict, list[list[int]]]] = []
        self.triangles: list[np.ndarray] = []
        self.src_epsg: int | None = None
        self.prefecture: int | None = None
        self.sources: list[str] = []

    # --- coordinates -------------------------------------------------------------------------
    def _add(self, arr: np.ndarray) -> int:
        self.arrays.append(arr)
        return len(self.arrays) - 1

    def _ring(self, ring_elem) -> np.ndarray:
        poslist = ring_elem.find(_POSLIST)
        if poslist is not None:
            dim = int(poslist.get("srsDimension") or 3)
            values = np.fromstring(poslist.text or "", sep=" ")
        else:
            dim = 3
            values = np.fromstring(" ".join(p.text or "" for p in ring_elem.iter(_POS)), sep=" ")
        if values.size == 0 or values.size % dim:
            raise UrbanTwinError(f"a gml:posList near line {ring_elem.sourceline} has "
                                 f"{values.size} numbers, not a multiple of {dim}")
        rows = values.reshape(-1, dim)
        if dim == 2:
            rows = np.column_stack((rows, np.zeros(len(rows))))
        return rows

    def _polygons(self, elem) -> Iterable[list[np.ndarray]]:
        """Each gml:Polygon below elem as a list of rings, exterior first."""
        for poly in elem.iter(_POLYGON):
            rings = []
            for boundary in poly:
                if len(boundary):
                    ring = self._ring(boundary[0])
                    if boundary.tag.endswith("exterior"):
                        rings.insert(0, ring)
                    else:
                        rings.append(ring)
            if rings:
                yield rings

    # --- buildings ---------------------------------------------------------------------------
    def building(self, elem, base_dir: str) -> None:
        attrs: dict = {"gml_id": elem.get(f"{GML}id", ""), "parts": 0}
        index = len(self.buildings)
        self.buildings.append(attrs)
        self._building_or_part(elem, index, attrs, base_dir, own=True)

    def _building_or_part(self, elem, index: int, attrs: dict, base_dir: str, own: bool) -> None:
        unit = _Unit(elem.get(f"{GML}id", ""), index)
        has_parts = False
        for child in elem:
            if not isinstance(child.tag, str):
                continue
            ns, local = _split(child.tag)
            if ns in _BLDG:
                if local == "consistsOfBuildingPart":
                    for part in child:
                        if isinstance(part.tag, str):
                            has_parts = True
                            attrs["parts"] += 1
                            self._building_or_part(part, index, attrs, base_dir, own=False)
                elif local in ("lod0FootPrint", "lod0RoofEdge"):
                    self._footprint(unit, local, list(self._polygons(child)))
                    unit.lods.add(0)
                elif local == "lod1Solid" and 1 in self.lods:
                    self._lod1(unit, child)
                elif local == "boundedBy" and 2 in self.lods:
                    self._boundary(unit, child)
                elif local == "measuredHeight":
                    unit.measured_height = float(child.text)
                elif len(child) == 0 and child.text and child.text.strip():
                    self._bldg_attr(attrs, local, child, base_dir, own)
            elif ns in _GEN:
                self._generic(attrs, child, own)
            elif "/iur/uro/" in ns:
                self._uro(attrs, child, base_dir)
            elif ns == GML[1:-1] and local == "name" and child.text:
                attrs.setdefault("name", child.text.strip())
        if not has_parts:
            self.units.append(unit)

    def _footprint(self, unit: _Unit, source: str, polygons: list[list[np.ndarray]]) -> None:
        rank = FOOTPRINT_RANK[source]
        if polygons and rank < unit.footprint_rank:
            unit.footprint = [[self._add(r) for r in rings] for rings in polygons]
            unit.footprint_rank = rank
        for rings in polygons:
            if source != "lod0RoofEdge":  # the roof edge lies at roof height, not on the ground
                unit.zmin = min(unit.zmin, float(rings[0][:, 2].min()))

    def _lod1(self, unit: _Unit, elem) -> None:
        unit.lods.add(1)
        lowest, lowest_z = None, np.inf
        for rings in self._polygons(elem):
            z = rings[0][:, 2]
            unit.zmax = max(unit.zmax, float(z.max()))
            if z.max() - z.min() < 1e-3 and z[0] < lowest_z:
                lowest, lowest_z = rings, float(z[0])
        if lowest is not None:
            self._footprint(unit, "lod1Solid", [lowest])

    def _boundary(self, unit: _Unit, elem) -> None:
        for surface in elem:
            if not isinstance(surface.tag, str):
                continue
            kind = _KIND_CODE.get(_split(surface.tag)[1])
            if kind is None:
                continue
            geometry = next((g for g in surface if isinstance(g.tag, str) and g.tag.endswith("lod2MultiSurface")), None)
            if geometry is None:
                continue
            unit.lods.add(2)
            polygons = list(self._polygons(geometry))
            for rings in polygons:
                unit.zmax = max(unit.zmax, float(rings[0][:, 2].max()))
                unit.zmin = min(unit.zmin, float(rings[0][:, 2].min()))
                for i, ring in enumerate(rings):
                    self.surface_rings.append((self._add(ring), unit.building, kind, self.n_polygons, i == 0))
                self.n_polygons += 1
            if SURFACE_KINDS[kind] == "GroundSurface":
                self._footprint(unit, "GroundSurface", polygons)

    # --- attributes --------------------------------------------------------------------------
    def _bldg_attr(self, attrs: dict, local: str, child, base_dir: str, own: bool) -> None:
        text = child.text.strip()
        if local in _BLDG_NUMERIC:
            value = _number(text, _BLDG_NUMERIC[local])
        elif local in _BLDG_CODED and child.get("codeSpace"):
            if own or f"{local}_code" not in attrs:
                attrs[f"{local}_code"] = text
            value = codelists.resolve(base_dir, child.get("codeSpace"), text)
        else:
            value = text
        if own:
            attrs[local] = value
        else:
            attrs.setdefault(local, value)

    def _generic(self, attrs: dict, elem, own: bool) -> None:
        local = _split(elem.tag)[1]
        if local == "genericAttributeSet":
            for child in elem:
                if isinstance(child.tag, str):
                    self._generic(attrs, child, own)
            return
        name = elem.get("name")
        value_elem = next((c for c in elem if isinstance(c.tag, str)), None)
        if not name or value_elem is None or value_elem.text is None:
            return
        value = _number(value_elem.text.strip(), _GEN_TYPES.get(local, str))
        if own:
            attrs[name] = value
        else:
            attrs.setdefault(name, value)

    def _uro(self, attrs: dict, elem, base_dir: str) -> None:
        """Flatten an i-UR attribute block into columns named Class_leaf (KeyValuePair_key for pairs)."""
        if len(elem) == 0 and elem.text and elem.text.strip():
            _put(attrs, _split(elem.tag)[1], self._leaf(elem, base_dir))
        for block in elem:
            if not isinstance(block.tag, str):
                continue
            block_name = _split(block.tag)[1]
            if block_name == "KeyValuePairAttribute":
                key = block.findtext("{*}key")
                value = next((c for c in block if isinstance(c.tag, str) and not c.tag.endswith("}key")), None)
                if key is not None and value is not None:
                    _put(attrs, f"KeyValuePair_{key.strip()}", self._leaf(value, base_dir))
                continue
            for leaf in block.iter():
                if isinstance(leaf.tag, str) and len(leaf) == 0 and leaf.text and leaf.text.strip():
                    if leaf is block:
                        continue
                    _put(attrs, f"{block_name}_{_split(leaf.tag)[1]}", self._leaf(leaf, base_dir))
                    if self.prefecture is None and leaf.tag.endswith("}prefecture"):
                        self.prefecture = int(_number(leaf.text.strip(), int) or 0) or None

    @staticmethod
    def _leaf(elem, base_dir: str):
        text = elem.text.strip()
        if elem.get("codeSpace"):
            return codelists.resolve(base_dir, elem.get("codeSpace"), text)
        return _number(text, float) if elem.get("uom") else text

    # --- roads and relief ----------------------------------------------------------------------
    def road(self, elem, base_dir: str) -> None:
        attrs = {"gml_id": elem.get(f"{GML}id", ""), "kind": _split(elem.tag)[1]}
        polygons: list[list[int]] = []
        for child in elem:
            if not isinstance(child.tag, str):
                continue
            ns, local = _split(child.tag)
            if ns in _TRAN and local == "lod1MultiSurface":
                polygons += [[self._add(r) for r in rings] for rings in self._polygons(child)]
            elif ns in _TRAN and len(child) == 0 and child.text and child.text.strip():
                code_space = child.get("codeSpace")
                text = child.text.strip()
                attrs[local] = codelists.resolve(base_dir, code_space, text) if code_space else text
            elif "/iur/uro/" in ns:
                self._uro(attrs, child, base_dir)
        if polygons:
            self.roads.append((attrs, polygons))

    def triangle(self, elem) -> None:
        exterior = elem.find(f"{GML}exterior")
        if exterior is not None and len(exterior):
            ring = self._ring(exterior[0])
            if len(ring) >= 3:
                self.triangles.append(ring[:3])

    # --- files -------------------------------------------------------------------------------
    def read_file(self, path: str, done_bytes: int, total_bytes: int) -> None:
        base_dir = os.path.dirname(os.path.abspath(path))
        self.sources.append(path)
        try:
            self._parse(path, base_dir, done_bytes, total_bytes)
        except etree.XMLSyntaxError as exc:
            raise UrbanTwinError(f"{os.path.basename(path)} is truncated or corrupt XML "
                                 f"(line {exc.lineno}): {exc.msg}") from None

    def _parse(self, path: str, base_dir: str, done_bytes: int, total_bytes: int) -> None:
        _check_root(path)
        count = 0
        with open(path, "rb") as stream:
            # The tag filter runs inside lxml, so Python sees only the elements it acts on.
            context = etree.iterparse(stream, events=("end",), tag=[*MEMBER_TAGS, TRIANGLE, ENVELOPE],
                                      huge_tree=True, remove_comments=True)
            for _, elem in context:
                tag = elem.tag
                if tag == TRIANGLE:
                    self.triangle(elem)
                    elem.clear()
                    continue
                if tag == ENVELOPE:
                    if self.src_epsg is None and elem.get("srsName"):
                        self.src_epsg = crs.epsg_from_srs_name(elem.get("srsName"))
                    continue
                if self.src_epsg is None:
                    named = elem.xpath(".//*[@srsName][1]/@srsName")
                    if named:
                        self.src_epsg = crs.epsg_from_srs_name(named[0])
                for obj in elem:
                    if not isinstance(obj.tag, str):
                        continue
                    ns, local = _split(obj.tag)
                    if ns in _BLDG and local == "Building":
                        self.building(obj, base_dir)
                    elif ns in _TRAN and local in ("Road", "Track", "Square", "Railway"):
                        self.road(obj, base_dir)
                elem.clear()
                parent = elem.getparent()
                while parent is not None and elem.getprevious() is not None:
                    del parent[0]
                count += 1
                if count % 200 == 0:
                    if self.is_canceled():
                        raise InterruptedError("reading canceled")
                    if self.progress and total_bytes:
                        self.progress(min(99.0, 100.0 * (done_bytes + stream.tell()) / total_bytes))

    # --- results -----------------------------------------------------------------------------
    def finish(self, epsg: int | None) -> District:
        if self.src_epsg is None:
            raise UrbanTwinError("the CityGML names no CRS (no srsName): cannot place it on the map")
        raw = np.concatenate(self.arrays) if self.arrays else np.zeros((0, 3))
        lengths = np.fromiter((len(a) for a in self.arrays), dtype=np.int64, count=len(self.arrays))
        offsets = np.concatenate(([0], np.cumsum(lengths)))
        if epsg is None:
            sample = raw if len(raw) else (np.concatenate(self.triangles) if self.triangles else raw)
            if not len(sample):
                raise UrbanTwinError("the CityGML holds no geometry")
            first, second = np.median(sample[:, 0]), np.median(sample[:, 1])
            if self.src_epsg in crs.GEOGRAPHIC_EPSG:
                epsg = crs.zone_epsg(first, second, self.prefecture)
            else:
                epsg = self.src_epsg
        x, y = crs.to_xy(self.src_epsg, epsg, raw[:, 0], raw[:, 1])
        xyz = np.column_stack((x, y, raw[:, 2]))
        centre = (float(np.median(x)), float(np.median(y))) if len(x) else (0.0, 0.0)
        convergence = crs.grid_convergence_deg(epsg, *centre) if len(x) else 0.0

        buildings, volumes = self._buildings(xyz, offsets, epsg)
        surfaces = self._surfaces(xyz, offsets)
        roofs = self._roofs(xyz, offsets, buildings, epsg, convergence)
        roads = gpd.GeoDataFrame(
            [attrs for attrs, _ in self.roads],
            geometry=_polygons(xyz, offsets, [polys for _, polys in self.roads], two_d=True), crs=epsg)
        tin = self._tin(epsg)
        return District(buildings, volumes, roofs, surfaces, roads, tin, epsg, convergence, self.sources)

    def _buildings(self, xyz: np.ndarray, offsets: np.ndarray, epsg: int) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
        units = [u for u in self.units if u.footprint]
        volumes = gpd.GeoDataFrame({
            "gml_id": [u.gml_id for u in units],
            "building": np.array([u.building for u in units], dtype=np.int64),
            "ground_z": [u.zmin if np.isfinite(u.zmin) else np.nan for u in units],
            "roof_z": [u.zmax if np.isfinite(u.zmax) else np.nan for u in units],
            "measured_height": [u.measured_height for u in units],
            "lod": [max(u.lods) if u.lods else 0 for u in units],
        }, geometry=_polygons(xyz, offsets, [u.footprint for u in units], two_d=True), crs=epsg)
        # Where only LOD0 is read, the height comes from measuredHeight alone.
        volumes["roof_z"] = volumes["roof_z"].fillna(volumes["ground_z"] + volumes["measured_height"])
        volumes["height"] = volumes["measured_height"].fillna(volumes["roof_z"] - volumes["ground_z"])
        volumes["building_id"] = [self.buildings[b]["gml_id"] for b in volumes["building"]]

        grouped = volumes.groupby("building", sort=True)
        table = pd.DataFrame(self.buildings, columns=list(self.buildings[0]) if self.buildings else ["gml_id"])
        table = table.iloc[grouped.size().index]
        footprints = _dissolve(volumes.geometry.values, volumes["building"].values)
        result = gpd.GeoDataFrame({
            "gml_id": table["gml_id"].values,
            "height": grouped["height"].max().values,
            "ground_z": grouped["ground_z"].min().values,
            "roof_z": grouped["roof_z"].max().values,
            "lod": grouped["lod"].max().values,
        }, geometry=footprints, crs=epsg)
        extra = table.drop(columns=["gml_id"]).reset_index(drop=True)
        result = pd.concat([result, extra], axis=1)  # values were typed while parsing; codes stay text
        volumes = volumes.drop(columns=["measured_height"])
        volumes["building"] = np.searchsorted(grouped.size().index.values, volumes["building"].values)
        return gpd.GeoDataFrame(result, geometry="geometry", crs=epsg), volumes

    def _surfaces(self, xyz: np.ndarray, offsets: np.ndarray) -> Surfaces:
        exterior = [r for r in self.surface_rings if r[4]]
        if not exterior:
            return Surfaces()
        idx = np.array([r[0] for r in exterior])
        lengths = offsets[idx + 1] - offsets[idx]
        take = _gather(offsets, idx)
        building_rows = self._building_rows()
        return Surfaces(coords=xyz[take], ring_offsets=np.concatenate(([0], np.cumsum(lengths))),
                        building=building_rows[np.array([r[1] for r in exterior])],
                        kind=np.array([r[2] for r in exterior], dtype=np.int8))

    def _building_rows(self) -> np.ndarray:
        """Map a parsed-building index to its row in the buildings table (-1 when it has no footprint)."""
        kept = sorted({u.building for u in self.units if u.footprint})
        rows = np.full(len(self.buildings), -1, dtype=np.int64)
        rows[kept] = np.arange(len(kept))
        return rows

    def _roofs(self, xyz: np.ndarray, offsets: np.ndarray, buildings: gpd.GeoDataFrame, epsg: int,
               convergence: float) -> gpd.GeoDataFrame:
        roof_code = _KIND_CODE["RoofSurface"]
        polygons: dict[int, list[int]] = {}
        owner: dict[int, int] = {}
        for array, building, kind, polygon, _ in self.surface_rings:
            if kind == roof_code:
                polygons.setdefault(polygon, []).append(array)
                owner[polygon] = building
        rows = self._building_rows()
        keys = [k for k in polygons if rows[owner[k]] >= 0]
        geoms = _polygons(xyz, offsets, [[polygons[k]] for k in keys], two_d=False)
        if keys:
            exteriors = np.array([polygons[k][0] for k in keys])
            lengths = offsets[exteriors + 1] - offsets[exteriors]
            normals = newell_normals(xyz[_gather(offsets, exteriors)], np.concatenate(([0], np.cumsum(lengths))))
            normals[normals[:, 2] < 0] *= -1  # a roof faces up whatever its ring order
            area, tilt, azimuth = tilt_azimuth(normals, convergence)
        else:
            area = tilt = azimuth = np.zeros(0)
        building_rows = rows[[owner[k] for k in keys]] if keys else np.zeros(0, dtype=np.int64)
        return gpd.GeoDataFrame({
            "building": building_rows,
            "building_id": buildings["gml_id"].values[building_rows] if keys else [],
            "area": area, "tilt": tilt, "azimuth": azimuth,
        }, geometry=geoms, crs=epsg)

    def _tin(self, epsg: int) -> Tin | None:
        if not self.triangles:
            return None
        corners = np.concatenate(self.triangles)
        x, y = crs.to_xy(self.src_epsg, epsg, corners[:, 0], corners[:, 1])
        # One vertex per plan position: a TIN holding two heights at one (x, y) is not a surface.
        xy = np.round(np.column_stack((x, y)), 3)
        unique_xy, first, inverse = np.unique(xy, axis=0, return_index=True, return_inverse=True)
        vertices = np.column_stack((unique_xy, corners[first, 2]))
        triangles = inverse.reshape(-1, 3)
        a, b, c = (vertices[triangles[:, i], :2] for i in range(3))
        area = np.abs((b[:, 0] - a[:, 0]) * (c[:, 1] - a[:, 1]) - (c[:, 0] - a[:, 0]) * (b[:, 1] - a[:, 1]))
        return Tin(vertices=vertices, triangles=triangles[area > 1e-9])  # slivers break interpolation


def _check_root(path: str) -> None:
    """Raise unless the file's root element is a CityGML CityModel (reads only the first element)."""
    with open(path, "rb") as stream:
        try:
            _, root = next(etree.iterparse(stream, events=("start",)))
        except StopIteration:
            raise UrbanTwinError(f"{os.path.basename(path)} is empty") from None
        except etree.XMLSyntaxError as exc:
            raise UrbanTwinError(f"{os.path.basename(path)} is truncated or corrupt XML "
                                 f"(line {exc.lineno}): {exc.msg}") from None
    if _split(root.tag)[1] != "CityModel":
        raise UrbanTwinError(f"{os.path.basename(path)} is not CityGML: its root element "
                             f"is <{_split(root.tag)[1]}>, not <core:CityModel>")


def _put(attrs: dict, name: str, value) -> None:
    """Store a value under name, or name_2, name_3 … when a block repeats (several flood risks)."""
    key, n = name, 1
    while key in attrs:
        n += 1
        key = f"{name}_{n}"
    attrs[key] = value


def _number(text: str, kind: type):
    """Convert text to kind, or keep the text when it is not a number."""
    if kind is str:
        return text
    try:
        return kind(float(text)) if kind is int else kind(text)
    except ValueError:
        return text


def _gather(offsets: np.ndarray, arrays: np.ndarray) -> np.ndarray:
    """Row indices of the coordinate arrays `arrays`, one after the other."""
    arrays = np.asarray(arrays, dtype=np.int64)
    lengths = offsets[arrays + 1] - offsets[arrays]
    starts = np.repeat(offsets[arrays] - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    return starts + np.arange(lengths.sum())


def _polygons(xyz: np.ndarray, offsets: np.ndarray, polygons: list[list[list[int]]],
              two_d: bool) -> np.ndarray:
    """Shapely geometries from lists of polygons (each a list of ring arrays, exterior first).

    An item holding one polygon gives a Polygon, several a MultiPolygon. Ring-less polygons are the
    common case and are built in one vectorised call.
    """
    columns = slice(0, 2) if two_d else slice(0, 3)
    flat = [(item, rings) for item, polys in enumerate(polygons) for rings in polys]
    single = np.array([i for i, (_, rings) in enumerate(flat) if len(rings) == 1], dtype=np.int64)
    parts = np.empty(len(flat), dtype=object)
    if len(single):
        arrays = np.array([flat[i][1][0] for i in single])
        lengths = offsets[arrays + 1] - offsets[arrays]
        rings = shapely.linearrings(xyz[_gather(offsets, arrays), columns],
                                    indices=np.repeat(np.arange(len(arrays)), lengths))
        parts[single] = shapely.polygons(rings)
    for i, (_, rings) in enumerate(flat):
        if len(rings) > 1:
            coords = [xyz[offsets[r]:offsets[r + 1], columns] for r in rings]
            parts[i] = shapely.Polygon(coords[0], coords[1:])
    owners = np.array([item for item, _ in flat], dtype=np.int64)
    return _dissolve(parts, owners, union=False, count=len(polygons))


def _dissolve(parts: np.ndarray, owners: np.ndarray, union: bool = True, count: int | None = None) -> np.ndarray:
    """One geometry per owner: its only part, or its parts merged (union, or a plain MultiPolygon)."""
    count = (int(owners.max()) + 1 if len(owners) else 0) if count is None else count
    sizes = np.bincount(owners, minlength=count)
    out = np.empty(count, dtype=object)
    alone = sizes[owners] == 1
    out[owners[alone]] = parts[alone]
    for owner in np.unique(owners[~alone]):
        group = parts[owners == owner]
        out[owner] = shapely.union_all(group) if union else shapely.MultiPolygon(list(group))
    return out


def gml_files(path: str) -> list[str]:
    """The CityGML files of a file, a PLATEAU dataset folder (udx/*/) or a folder of .gml files."""
    if os.path.isfile(path):
        return [path]
    if not os.path.isdir(path):
        raise UrbanTwinError(f"{path} does not exist")
    files = []
    for pattern in ("udx/bldg/*.gml", "udx/dem/*.gml", "udx/tran/*.gml", "*.gml", "*/*.gml"):
        files += sorted(glob.glob(os.path.join(path, pattern)))
        if files and pattern.startswith("udx/tran"):
            break
    files = list(dict.fromkeys(files))
    if not files:
        raise UrbanTwinError(f"{path} holds no CityGML (.gml) files")
    return files


def read_district(path: str | list[str], lod: str | int = "highest", epsg: int | None = None,
                  require_buildings: bool = True, progress: ProgressFn | None = None,
                  is_canceled: Callable[[], bool] | None = None) -> District:
    """Read a CityGML file, a PLATEAU dataset folder or a list of files into a District.

    lod: 0, 1, 2 or "highest": which levels of detail to read (LOD0 footprints are always read).
    epsg: the projected CRS of the result; default the plane-rectangular zone of the data.
    """
    files = gml_files(path) if isinstance(path, str) else list(path)
    lods = {0, 1, 2} if str(lod) == "highest" else set(range(int(lod) + 1))
    reader = _Reader(lods, progress, is_canceled)
    sizes = [os.path.getsize(f) for f in files]
    done = 0
    for file, size in zip(files, sizes):
        reader.read_file(file, done, sum(sizes))
        done += size
    if require_buildings and not reader.units:
        raise UrbanTwinError(f"no buildings (bldg:Building) in {', '.join(os.path.basename(f) for f in files)}")
    district = reader.finish(epsg)
    if progress:
        progress(100.0)
    return district
