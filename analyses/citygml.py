"""Streaming reader of PLATEAU CityGML: buildings, roads and relief of every vintage.

CityGML 2.0 with i-UR 1.4 (FY2020) to 3.2 (FY2025), and the CityGML 3.0 / GML 3.2 encoding with i-UR 4.0.
Memory stays bounded: each city object is parsed when its closing tag is read and then freed, and all
coordinates of a file are transformed in one call at the end. PLATEAU's "unknown" numbers (-9999, and
9999 storeys) never become numbers, and no building without a plausible height reaches an analysis.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from lxml import etree

from . import crs, dataset, xmlsafe
from .citymodel import SURFACE_KINDS, District, Surfaces, Tin
from .errors import QT_TRANSLATE_NOOP, UrbanTwinError
from .geometry import newell_normals, tilt_azimuth
from .intake import MAX_HEIGHT_M, plausible_height
from .place import Place

LOG = logging.getLogger(__name__)
_CITYGML_VERSIONS = ("3.0", "2.0", "1.0")
#: CityGML 1.0 and 2.0 use GML 3.1's namespace, CityGML 3.0 that of GML 3.2.
_GML_OF = {"3.0": "http://www.opengis.net/gml/3.2", "2.0": "http://www.opengis.net/gml",
           "1.0": "http://www.opengis.net/gml"}
_BLDG = {f"http://www.opengis.net/citygml/building/{v}" for v in _CITYGML_VERSIONS}
_GEN = {f"http://www.opengis.net/citygml/generics/{v}" for v in _CITYGML_VERSIONS}
_TRAN = {f"http://www.opengis.net/citygml/transportation/{v}" for v in _CITYGML_VERSIONS}
_CORE3 = "http://www.opengis.net/citygml/3.0"
_CON3 = "http://www.opengis.net/citygml/construction/3.0"
_GML_NAMESPACES = set(_GML_OF.values())
_KIND_CODE = {name: i for i, name in enumerate(SURFACE_KINDS)}
_GEN_TYPES = {"intAttribute": int, "doubleAttribute": float, "measureAttribute": float}
_BLDG_CODED = {"class", "function", "usage", "roofType"}
_BLDG_NUMERIC = {"measuredHeight": float, "storeysAboveGround": int, "storeysBelowGround": int,
                 "yearOfConstruction": int}
#: PLATEAU's values for "unknown" (i-UR spec; seen in the FY2023-25 data): -9999 in measures (heights,
#: areas, rates), 9999 in counts of storeys. They are read as missing, never as numbers.
_UNKNOWN_MEASURE = -9999.0
_UNKNOWN_COUNT = {9999, -9999}
_COUNTS = {"storeysAboveGround", "storeysBelowGround"}
#: Storey height for a building known only by its storeys (a typical floor-to-floor height, m).
STOREY_HEIGHT_M = 3.0
#: Where a building's height came from, best first.
HEIGHT_SOURCES = ("measured", "geometry", "storeys")

ProgressFn = Callable[[float], None]


@lru_cache(maxsize=4096)
def _split(tag: str) -> tuple[str, str]:
    ns, _, local = tag[1:].partition("}")
    return ns, local


@dataclass
class _Unit:
    """A Building without parts, or a BuildingPart: the thing that has geometry."""

    gml_id: str
    building: int
    footprint: list[list[int]] = field(default_factory=list)
    zmin: float = np.nan
    zmax: float = np.nan
    lod: int = 0
    measured_height: float = np.nan
    kept: bool = True


# What a coordinate ring belongs to. Rings are kept as text while parsing and read as numbers in one
# call at the end: per-ring numpy calls were most of the reading time.
FOOTPRINT, LOD1, ROOF_EDGE, BOUNDARY, ROAD, TRIANGLE_RING = range(6)
_ROLE_LOD = np.array([0, 1, 0, 2, 0, 0])
#: Footprint sources, best first: the LOD0 footprint, the LOD1 solid's base, LOD0 roof edge, LOD2 ground.
_FOOTPRINT_RANK = {FOOTPRINT: 0, LOD1: 1, ROOF_EDGE: 2, BOUNDARY: 3}
_SKIP = -1
# Geometry properties whose rings are not read: listed so that their rings are not taken for the
# rings of the property before them.
_OTHER_GEOMETRY = ("lod1MultiSurface", "lod1TerrainIntersection", "lod2Solid", "lod2MultiCurve",
                   "lod2TerrainIntersection", "lod3Solid", "lod3MultiSurface", "lod3MultiCurve",
                   "lod3TerrainIntersection", "lod4Solid", "lod4MultiSurface", "lod4MultiCurve",
                   "lod4TerrainIntersection", "lod2Geometry", "lod3Geometry", "lod4Geometry",
                   "outerBuildingInstallation", "interiorBuildingInstallation", "interiorRoom", "opening")
# CityGML 3.0 moved the geometry properties to core and renamed the features inside a building.
_OTHER_GEOMETRY_3 = {_CORE3: ("lod0MultiCurve", "lod2Solid", "lod2MultiCurve", "lod3Solid", "lod3MultiSurface",
                              "lod3MultiCurve", "lod1TerrainIntersectionCurve", "lod2TerrainIntersectionCurve",
                              "lod3TerrainIntersectionCurve", "lod1ImplicitRepresentation",
                              "lod2ImplicitRepresentation", "lod3ImplicitRepresentation"),
                     "http://www.opengis.net/citygml/building/3.0": (
                         "buildingInstallation", "buildingRoom", "buildingFurniture", "buildingConstructiveElement"),
                     _CON3: ("fillingSurface",)}


def _bldg_tags(local_names: Iterable[str]) -> list[str]:
    return [f"{{{ns}}}{name}" for ns in sorted(_BLDG) for name in local_names]


_BUILDING_PART_TAGS = set(_bldg_tags(["BuildingPart"]))
_MEASURED_HEIGHT_TAGS = {*_bldg_tags(["measuredHeight"]), f"{{{_CON3}}}value"}  # 3.0: con:height/con:Height/con:value
_LOD2_SURFACE_TAGS = {*_bldg_tags(["lod2MultiSurface"]), f"{{{_CORE3}}}lod2MultiSurface"}
# A 3.0 lod0MultiSurface may be a footprint or a roof edge: its z is not trusted for the ground.
_ROLE_TAGS = {**{t: FOOTPRINT for t in _bldg_tags(["lod0FootPrint"])},
              **{t: ROOF_EDGE for t in [*_bldg_tags(["lod0RoofEdge"]), f"{{{_CORE3}}}lod0MultiSurface"]},
              **{t: LOD1 for t in [*_bldg_tags(["lod1Solid"]), f"{{{_CORE3}}}lod1Solid"]},
              **{t: _SKIP for t in _bldg_tags(_OTHER_GEOMETRY)},
              **{f"{{{ns}}}{name}": _SKIP for ns, names in _OTHER_GEOMETRY_3.items() for name in names}}


class _Tags:
    """The GML tags of one CityGML version, and the short tag lists lxml matches in its files."""

    def __init__(self, version: str):
        gml = "{" + _GML_OF[version] + "}"
        self.version = version
        self.poslist, self.pos, self.interior = gml + "posList", gml + "pos", gml + "interior"
        self.polygon, self.linear_ring, self.exterior = gml + "Polygon", gml + "LinearRing", gml + "exterior"
        self.triangle, self.envelope = gml + "Triangle", gml + "Envelope"
        self.name, self.gml_id = gml + "name", gml + "id"
        self.member = f"{{http://www.opengis.net/citygml/{version}}}cityObjectMember"
        rings = [self.poslist, self.pos, self.interior]
        # lxml matches every element against each listed tag, so a shorter list is faster.
        ours = {f"http://www.opengis.net/citygml/building/{version}"} | ({_CORE3, _CON3} if version == "3.0" else set())
        self.building_walk = [t for t in (*_BUILDING_PART_TAGS, *_MEASURED_HEIGHT_TAGS, *_LOD2_SURFACE_TAGS,
                                          *_ROLE_TAGS) if _split(t)[0] in ours] + rings
        self.road_walk = [*{f"{{{ns}}}{name}" for ns in _TRAN if ns.endswith(version) for name in
                            ("lod1MultiSurface", "lod2MultiSurface", "lod3MultiSurface", "lod0Network",
                             "trafficArea", "auxiliaryTrafficArea")}, *rings]


_TAGS = {v: _Tags(v) for v in _CITYGML_VERSIONS}
_ROAD_SURFACE_TAGS = {f"{{{ns}}}lod1MultiSurface" for ns in _TRAN}


def _road_surface_kind(node) -> tuple[int, int]:
    """The ring kind of a road's surface element (its traffic areas), else skipped."""
    return (ROAD if node.tag in _ROAD_SURFACE_TAGS else _SKIP, -1)


class _Rings:
    """Coordinate rings, each with its owner, role, surface kind and polygon.

    The posList text is read into numbers a few thousand rings at a time: one numpy call per ring was
    most of the reading time, and one call for a whole file would hold all its text at once.
    """

    CHUNK = 4096

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.numbers: list[np.ndarray] = []
        self.sizes: list[np.ndarray] = []
        self.meta: list[tuple[int, int, int, int, bool, int]] = []  # owner, role, kind, polygon, exterior, dim
        self.n_polygons = 0

    def walk(self, elem, tags: list[str], role_of: Callable[[object], tuple[int, int] | None],
             owner_of: Callable[[object], int], gml: _Tags) -> None:
        """Record the rings below elem in document order.

        role_of gives the (role, surface kind) an element of `tags` starts, or None for an element that
        owner_of turns into the owner of the rings that follow (owner_of(None): the first owner).
        """
        owner, role, kind, interior, last_pos_ring = owner_of(None), _SKIP, -1, False, None
        add = self._add  # bound once: this loop runs for every ring of the city
        poslist, pos, interior_tag, polygon = gml.poslist, gml.pos, gml.interior, gml.polygon
        for node in elem.iter(tags):
            tag = node.tag
            if tag == poslist:
                if role != _SKIP:
                    add(node.text or "", owner, role, kind, interior, _dimension(node.get("srsDimension")))
                interior = False
            elif tag == pos:
                ring = node.getparent()
                if ring is last_pos_ring:
                    self.texts[-1] += " " + (node.text or "")
                elif self._add(node.text or "", owner, role, kind, interior, 3):
                    last_pos_ring = ring
                interior = False
            elif tag == interior_tag:
                interior = node.getparent().tag == polygon
            else:
                started = role_of(node)
                if started is None:
                    previous, owner = owner, owner_of(node)
                    if owner != previous:
                        role = _SKIP
                else:
                    role, kind = started
        if len(self.texts) >= self.CHUNK:
            self._read_texts()

    def _add(self, text: str, owner: int, role: int, kind: int, interior: bool, dim: int) -> bool:
        if role == _SKIP:
            return False
        if not interior:
            self.n_polygons += 1
        self.texts.append(text)
        self.meta.append((owner, role, kind, self.n_polygons - 1, not interior, dim))
        return True

    def add_triangle(self, elem, gml: _Tags) -> None:
        """Record the exterior ring of a gml:Triangle."""
        ring = elem.find(f"{gml.exterior}/{gml.linear_ring}")
        if ring is None:
            return
        poslist = ring.find(gml.poslist)
        text = poslist.text if poslist is not None else " ".join(p.text or "" for p in ring.iter(gml.pos))
        dim = _dimension(poslist.get("srsDimension")) if poslist is not None else 3
        self._add(text or "", -1, TRIANGLE_RING, -1, False, dim)
        if len(self.texts) >= self.CHUNK:
            self._read_texts()

    def _read_texts(self) -> None:
        """Turn the pending texts into numbers; NaN, which no coordinate is, marks where a ring ends."""
        if not self.texts:
            return
        numbers = np.fromstring(" nan ".join(self.texts) + " nan", sep=" ")
        ends = np.flatnonzero(np.isnan(numbers))
        first = len(self.meta) - len(self.texts)
        if len(ends) != len(self.texts):
            raise _RingError(first + min(len(ends), len(self.texts) - 1), "holds something that is not a number")
        numbers = numbers[~np.isnan(numbers)]
        if not np.isfinite(numbers).all():  # "inf" reads as a number; no coordinate is one
            ring_of = np.repeat(np.arange(len(self.texts)), np.diff(ends, prepend=-1) - 1)
            raise _RingError(first + int(ring_of[np.argmax(~np.isfinite(numbers))]), "holds an infinite number")
        self.sizes.append(np.diff(ends, prepend=-1) - 1)
        self.numbers.append(numbers)
        self.texts = []

    def parse(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """All rings as (x-or-lat, y-or-lon, z) rows, the ring offsets and the ring metadata table."""
        self._read_texts()
        meta = np.array(self.meta, dtype=np.int64).reshape(-1, 6)
        sizes = np.concatenate(self.sizes) if self.sizes else np.zeros(0, dtype=np.int64)
        numbers = np.concatenate(self.numbers) if self.numbers else np.zeros(0)
        self.numbers = self.sizes = []
        dims = meta[:, 5]
        if np.any((dims != 2) & (dims != 3)):
            raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "a gml:posList has an srsDimension other than 2 or 3"))
        bad = np.flatnonzero((sizes == 0) | (sizes % dims != 0))
        if len(bad):
            raise _RingError(int(bad[0]), f"has {sizes[bad[0]]} numbers, not a multiple of {dims[bad[0]]}")
        if np.all(dims == 3):
            raw = numbers.reshape(-1, 3)
        else:
            starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
            raw = np.concatenate([_as_xyz(numbers[s:s + n], d) for s, n, d in zip(starts, sizes, dims)])
        offsets = np.concatenate(([0], np.cumsum(sizes // dims)))
        return raw, offsets, meta


class _RingError(Exception):
    """A ring whose coordinates cannot be read: its index and what is wrong."""

    def __init__(self, ring: int, problem: str):
        super().__init__(ring, problem)
        self.ring, self.problem = ring, problem


def _dimension(text: str | None) -> int:
    """A posList's srsDimension (3 when absent); 0, which no dimension is, when it is not a whole number."""
    try:
        return int(text or 3)
    except ValueError:
        return 0


def _as_xyz(numbers: np.ndarray, dim: int) -> np.ndarray:
    rows = numbers.reshape(-1, dim)
    return rows if dim == 3 else np.column_stack((rows, np.zeros(len(rows))))


class _Reader:
    """Accumulates what the files hold; coordinates stay text until `finish`."""

    def __init__(self, lods: set[int], progress: ProgressFn | None, is_canceled: Callable[[], bool] | None):
        self.lods = lods
        self.progress = progress
        self.is_canceled = is_canceled or (lambda: False)
        self.rings = _Rings()
        self.buildings: list[dict] = []
        self.units: list[_Unit] = []
        self.roads: list[dict] = []
        self.src_epsg: int | None = None
        self.prefecture: int | None = None
        self.sources: list[str] = []
        self.heights: dict[int, tuple[float, str | None]] = {}  # unit index -> height, source

    # --- buildings ---------------------------------------------------------------------------
    def building(self, elem) -> None:
        attrs: dict = {"gml_id": elem.get(self.tags.gml_id, ""), "parts": 0}
        index = len(self.buildings)
        self.buildings.append(attrs)
        self._attributes(elem, attrs, own=True)
        first_unit = len(self.units)
        self.units.append(_Unit(attrs["gml_id"], index))

        def owner_of(node) -> int:
            if node is None:
                return first_unit
            if node.tag in _MEASURED_HEIGHT_TAGS:
                value = _measure((node.text or "").strip())
                self.units[-1].measured_height = value if isinstance(value, float) else np.nan
            else:  # a BuildingPart: its own unit; the Building's own geometry is then not used
                self.units[first_unit].kept = False
                self.units.append(_Unit(node.get(self.tags.gml_id, ""), index))
            return len(self.units) - 1

        self.rings.walk(elem, self.tags.building_walk, self._building_role, owner_of, self.tags)

    def _building_role(self, node) -> tuple[int, int] | None:
        tag = node.tag
        if tag in _LOD2_SURFACE_TAGS:
            kind = _KIND_CODE.get(_split(node.getparent().tag)[1])
            return (BOUNDARY, kind) if kind is not None and 2 in self.lods else (_SKIP, -1)
        role = _ROLE_TAGS.get(tag)
        if role is None:
            return None
        return (_SKIP, -1) if role == LOD1 and 1 not in self.lods else (role, -1)

    def _attributes(self, elem, attrs: dict, own: bool) -> None:
        for child in elem:
            if not isinstance(child.tag, str):
                continue
            ns, local = _split(child.tag)
            if ns in _BLDG:
                if local in ("consistsOfBuildingPart", "buildingPart"):  # 2.0, 3.0
                    for part in child:
                        if isinstance(part.tag, str):
                            attrs["parts"] += 1
                            self._attributes(part, attrs, own=False)
                elif local.startswith("adeOf"):  # 3.0: i-UR blocks inside bldg:adeOfAbstractBuilding
                    self._uro(attrs, child)
                elif local != "measuredHeight" and len(child) == 0 and child.text and child.text.strip():
                    self._bldg_attr(attrs, local, child, own)
            elif ns in _GEN:
                self._generic(attrs, child, own)
            elif ns == _CORE3 and local == "genericAttribute":
                for attribute in child:
                    if isinstance(attribute.tag, str):
                        self._generic(attrs, attribute, own)
            elif _is_iur(ns) or (ns == _CORE3 and local.startswith("adeOf")):
                self._uro(attrs, child)
            elif ns in _GML_NAMESPACES and local == "name" and child.text:
                attrs.setdefault("name", child.text.strip())

    # --- attributes --------------------------------------------------------------------------
    def _bldg_attr(self, attrs: dict, local: str, child, own: bool) -> None:
        text = child.text.strip()
        if local in _COUNTS:
            value = _count(text)
        elif local in _BLDG_NUMERIC:
            value = _number(text, _BLDG_NUMERIC[local])
        elif local in _BLDG_CODED and child.get("codeSpace"):
            if own or f"{local}_code" not in attrs:
                attrs[f"{local}_code"] = text
            value = self.resolve(child.get("codeSpace"), text)
        else:
            value = text
        if own:
            attrs[local] = value
        else:
            attrs.setdefault(local, value)

    def _generic(self, attrs: dict, elem, own: bool) -> None:
        """A generic attribute: 2.0 names it in an attribute, 3.0 in a gen:name child; sets recurse."""
        local = _split(elem.tag)[1]
        local = local[0].lower() + local[1:]  # 3.0 capitalises: gen:IntAttribute
        if local == "genericAttributeSet":
            for child in elem:
                if isinstance(child.tag, str) and _split(child.tag)[1] not in ("name", "codeSpace"):
                    self._generic(attrs, child, own)
            return
        if local == "genericAttribute":  # 3.0: a set's members sit in gen:genericAttribute properties
            for child in elem:
                if isinstance(child.tag, str):
                    self._generic(attrs, child, own)
            return
        name = elem.get("name")
        values = [c for c in elem if isinstance(c.tag, str)]
        if name is None:
            name = next((c.text for c in values if _split(c.tag)[1] == "name"), None)
            values = [c for c in values if _split(c.tag)[1] == "value"]
        value_elem = values[0] if values else None
        if not name or value_elem is None or value_elem.text is None:
            return
        kind = _GEN_TYPES.get(local, str)
        value = _measure(value_elem.text.strip()) if kind is float else _number(value_elem.text.strip(), kind)
        if own:
            attrs[name.strip()] = value
        else:
            attrs.setdefault(name.strip(), value)

    def _uro(self, attrs: dict, elem) -> None:
        """Flatten an i-UR attribute block into columns named Class_leaf (KeyValuePair_key for pairs)."""
        if len(elem) == 0 and elem.text and elem.text.strip():
            _put(attrs, _split(elem.tag)[1], self._leaf(elem))
        for block in elem:
            if not isinstance(block.tag, str):
                continue
            block_name = _split(block.tag)[1]
            if block_name == "KeyValuePairAttribute":
                key = block.findtext("{*}key")
                value = next((c for c in block if isinstance(c.tag, str) and not c.tag.endswith("}key")), None)
                if key is not None and value is not None:
                    _put(attrs, f"KeyValuePair_{key.strip()}", self._leaf(value))
                continue
            for leaf in block.iter():
                if isinstance(leaf.tag, str) and len(leaf) == 0 and leaf.text and leaf.text.strip():
                    if leaf is block:
                        continue
                    _put(attrs, f"{block_name}_{_split(leaf.tag)[1]}", self._leaf(leaf))
                    if self.prefecture is None and leaf.tag.endswith("}prefecture"):
                        self.prefecture = int(_number(leaf.text.strip(), int) or 0) or None

    def _leaf(self, elem):
        text = elem.text.strip()
        if elem.get("codeSpace"):
            return self.resolve(elem.get("codeSpace"), text)
        return _measure(text) if elem.get("uom") else text

    # --- roads and relief ----------------------------------------------------------------------
    def road(self, elem) -> None:
        attrs = {"gml_id": elem.get(self.tags.gml_id, ""), "kind": _split(elem.tag)[1]}
        for child in elem:
            if not isinstance(child.tag, str):
                continue
            ns, local = _split(child.tag)
            if ns in _TRAN and len(child) == 0 and child.text and child.text.strip():
                code_space = child.get("codeSpace")
                text = child.text.strip()
                attrs[local] = self.resolve(code_space, text) if code_space else text
            elif _is_iur(ns):
                self._uro(attrs, child)
        index = len(self.roads)
        self.roads.append(attrs)
        self.rings.walk(elem, self.tags.road_walk,
                        _road_surface_kind,
                        lambda node: index, self.tags)

    # --- files -------------------------------------------------------------------------------
    def read_file(self, source: dataset.Source, done_bytes: int, total_bytes: int) -> None:
        name = os.path.basename(source.name)
        self.sources.append(source.name)
        self.resolve = source.resolve
        try:
            with source.open() as stream:
                self.tags = _TAGS[_citygml_version(stream, name)]
            with source.open() as stream:
                self._parse(stream, done_bytes, total_bytes)
        except etree.XMLSyntaxError as exc:
            raise UrbanTwinError(QT_TRANSLATE_NOOP(
                "@default", "{} is truncated or corrupt XML (line {}): {}"), name, exc.lineno, exc.msg) from None
        except _RingError as exc:
            raise self._ring_problem(exc) from None

    def _parse(self, stream, done_bytes: int, total_bytes: int) -> None:
        count, tags = 0, self.tags
        # The tag filter runs inside lxml, so Python sees only the elements it acts on. Downloaded XML:
        # no DTD, no entities expanded, nothing fetched, libxml2's limits on (a DOCTYPE was refused by
        # _citygml_version). recover lets a prefix that was never declared pass (a PLATEAU SDK test file has
        # one); any other error is raised at the end.
        context = etree.iterparse(stream, events=("end",), tag=[tags.member, tags.triangle, tags.envelope],
                                  remove_comments=True, recover=True, **xmlsafe.OPTIONS)
        for _, elem in context:
            tag = elem.tag
            if tag == tags.triangle:
                self.rings.add_triangle(elem, tags)
                elem.clear()
                continue
            if tag == tags.envelope:
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
                    self.building(obj)
                elif ns in _TRAN and local in ("Road", "Track", "Square", "Railway"):
                    self.road(obj)
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
        _raise_parse_errors(context.error_log)

    # --- results -----------------------------------------------------------------------------
    def finish(self, epsg: int | None) -> District:
        if self.src_epsg is None:
            raise UrbanTwinError(QT_TRANSLATE_NOOP(
                "@default", "the CityGML names no CRS (no srsName): cannot place it on the map"))
        if not self.rings.meta:
            raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the CityGML holds no geometry"))
        try:
            raw, offsets, meta = self.rings.parse()
        except _RingError as exc:
            raise self._ring_problem(exc) from None
        # The buildings (or, in a relief-only file, the terrain) place the data: zone and convergence.
        not_relief = meta[:, 1] != TRIANGLE_RING
        placing = _gather(offsets, np.flatnonzero(not_relief)) if not_relief.any() else np.arange(len(raw))
        if epsg is None:
            first, second = np.median(raw[placing, 0]), np.median(raw[placing, 1])
            if self.src_epsg in crs.GEOGRAPHIC_EPSG:
                epsg = crs.zone_epsg(first, second, self.prefecture)
            else:
                epsg = self.src_epsg
        x, y = crs.to_xy(self.src_epsg, epsg, raw[:, 0], raw[:, 1])
        xyz = np.column_stack((x, y, raw[:, 2]))
        convergence = Place.at(epsg, float(np.median(x[placing])), float(np.median(y[placing]))).convergence_deg

        self._unit_geometry(xyz, offsets, meta)
        dropped = self._drop_implausible()
        if len(dropped):
            LOG.warning("%d of %d buildings left out of the analyses: %s", len(dropped), len(self.buildings),
                        "; ".join(f"{i}: {r}" for i, r in zip(dropped["gml_id"][:20], dropped["reason"][:20])))
        buildings, volumes = self._buildings(xyz, offsets, epsg)
        surfaces = self._surfaces(xyz, offsets, meta)
        roofs = self._roofs(xyz, offsets, meta, buildings, epsg, convergence)
        roads = self._roads(xyz, offsets, meta, epsg)
        tin = self._tin(xyz, offsets, meta)
        return District(buildings, volumes, roofs, surfaces, roads, tin, epsg, convergence, self.sources, dropped)

    def _ring_problem(self, exc: _RingError) -> UrbanTwinError:
        owner, role = self.rings.meta[exc.ring][:2]
        if role == TRIANGLE_RING:
            where = "in the relief (gml:Triangle)"
        elif role == ROAD:
            where = f"in road {self.roads[owner]['gml_id']}"
        else:
            where = f"in building {self.units[owner].gml_id}"
        return UrbanTwinError(QT_TRANSLATE_NOOP("@default", "a gml:posList {} {}"), where, exc.problem)

    def _building_rings(self, meta: np.ndarray) -> np.ndarray:
        """Mask of the rings that are geometry of a unit in use."""
        kept = np.array([u.kept for u in self.units] + [False], dtype=bool)  # [-1] for non-building rings
        owner = np.where(meta[:, 1] <= BOUNDARY, meta[:, 0], -1)
        return kept[owner]

    def _unit_geometry(self, xyz: np.ndarray, offsets: np.ndarray, meta: np.ndarray) -> None:
        """Set each unit's ground and roof heights, level of detail and footprint rings."""
        if not self.units:
            return
        owner, role, kind, polygon, exterior = (meta[:, i] for i in range(5))
        exterior = exterior.astype(bool)
        ours = self._building_rings(meta)
        starts = offsets[:-1]
        ring_min = np.minimum.reduceat(xyz[:, 2], starts)
        ring_max = np.maximum.reduceat(xyz[:, 2], starts)
        n = len(self.units)
        zmin, zmax, lod = np.full(n, np.inf), np.full(n, -np.inf), np.zeros(n, dtype=np.int64)
        # Ground and roof come from the solids (LOD1, LOD2). PLATEAU's LOD0 footprints may lie at z = 0
        # (Osaka 2024), so they give the ground only to a building without solids; the roof edge lies
        # at roof height, not on the ground.
        solid = ours & exterior & ((role == LOD1) | (role == BOUNDARY))
        flat = ours & exterior & (role == FOOTPRINT)
        flat_min = np.full(n, np.inf)
        np.minimum.at(zmin, owner[solid], ring_min[solid])
        np.minimum.at(flat_min, owner[flat], ring_min[flat])
        zmin = np.where(np.isfinite(zmin), zmin, flat_min)
        np.maximum.at(zmax, owner[solid], ring_max[solid])
        np.maximum.at(lod, owner[ours], _ROLE_LOD[role[ours]])

        # LOD1: the solid's lowest flat face is the footprint.
        base = np.flatnonzero(ours & exterior & (role == LOD1) & (ring_max - ring_min < 1e-3))
        base = base[np.lexsort((xyz[offsets[base], 2], owner[base]))]
        base = base[np.r_[True, owner[base][1:] != owner[base][:-1]]] if len(base) else base
        candidate = ours & ((role == FOOTPRINT) | (role == ROOF_EDGE) | np.isin(polygon, polygon[base])
                            | ((role == BOUNDARY) & (kind == _KIND_CODE["GroundSurface"])))
        rank = np.array([_FOOTPRINT_RANK.get(r, 99) for r in range(6)])[role]
        best = np.full(n, 99)
        np.minimum.at(best, owner[candidate], rank[candidate])
        for ring in np.flatnonzero(candidate & (rank == best[np.where(ours, owner, 0)])):
            footprint = self.units[owner[ring]].footprint
            if exterior[ring]:
                footprint.append([int(ring)])
            else:
                footprint[-1].append(int(ring))
        for u, unit in enumerate(self.units):
            unit.zmin = zmin[u] if np.isfinite(zmin[u]) else np.nan
            unit.zmax = zmax[u] if np.isfinite(zmax[u]) else np.nan
            unit.lod = int(lod[u])

    def _unit_height(self, unit: _Unit) -> tuple[float, str | None, str]:
        """A unit's height and its source, the first plausible of measured, geometry, storeys x 3 m.

        Without one, (NaN, None, why): the reason the building is left out of the analyses.
        """
        storeys = self.buildings[unit.building].get("storeysAboveGround")
        storeys = storeys if isinstance(storeys, int) and not isinstance(storeys, bool) else np.nan
        candidates = zip(HEIGHT_SOURCES, (unit.measured_height, unit.zmax - unit.zmin, storeys * STOREY_HEIGHT_M))
        seen = []
        for source, value in candidates:
            if np.isfinite(value):
                if plausible_height(value):  # the analyses' rule (intake), so no building read is refused there
                    return float(value), source, ""
                seen.append(f"{source} {value:g} m")
        if seen:
            return np.nan, None, f"implausible height ({', '.join(seen)}; expected 0 to {MAX_HEIGHT_M:g} m)"
        return np.nan, None, "height unknown (no measured height, no LOD1/LOD2 geometry, no storeys)"

    def _drop_implausible(self) -> pd.DataFrame:
        """Set aside the buildings without a footprint or a plausible height: their ids and why."""
        heights: dict[int, tuple[float, str | None]] = {}
        reasons: dict[int, str] = {}
        for u, unit in enumerate(self.units):
            if unit.kept and unit.footprint:
                height, source, why = self._unit_height(unit)
                heights[u] = (height, source)
                if why:
                    reasons.setdefault(unit.building, why)
        usable = {unit.building for u, unit in enumerate(self.units) if u in heights}
        for b in range(len(self.buildings)):
            if b not in usable:
                reasons[b] = "no footprint geometry (no LOD0, LOD1 or LOD2 ground surface)"
        for unit in self.units:
            if unit.building in reasons:
                unit.kept = False  # a building with one part unknown would cast half a shadow
        self.heights = heights
        return pd.DataFrame({"gml_id": [self.buildings[b]["gml_id"] for b in sorted(reasons)],
                             "reason": [reasons[b] for b in sorted(reasons)]}, columns=["gml_id", "reason"])

    def _buildings(self, xyz: np.ndarray, offsets: np.ndarray, epsg: int) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
        indices = [u for u, unit in enumerate(self.units) if unit.kept and unit.footprint]
        units = [self.units[u] for u in indices]
        volumes = gpd.GeoDataFrame({
            "gml_id": [u.gml_id for u in units],
            "building": np.array([u.building for u in units], dtype=np.int64),
            "ground_z": [u.zmin for u in units],
            "roof_z": [u.zmax for u in units],
            "height": np.array([self.heights[u][0] for u in indices], dtype=float),
            "height_source": pd.Series([self.heights[u][1] for u in indices], dtype=object),
            "lod": [u.lod for u in units],
        }, geometry=_polygons(xyz, offsets, [u.footprint for u in units], two_d=True), crs=epsg)
        # Where only LOD0 is read, the roof is the ground plus the height.
        volumes["roof_z"] = volumes["roof_z"].fillna(volumes["ground_z"] + volumes["height"])
        volumes["building_id"] = [self.buildings[b]["gml_id"] for b in volumes["building"]]

        grouped = volumes.groupby("building", sort=True)
        kept = grouped.size().index.values
        table = pd.DataFrame(self.buildings, columns=list(self.buildings[0]) if self.buildings else ["gml_id"])
        table = table.iloc[kept]
        volumes["building"] = np.searchsorted(kept, volumes["building"].values)
        footprints = _dissolve(volumes.geometry.values, volumes["building"].values, count=len(kept))
        tallest = volumes.loc[volumes.groupby("building", sort=True)["height"].idxmax()]
        result = gpd.GeoDataFrame({
            "gml_id": table["gml_id"].values,
            "height": tallest["height"].values,
            "height_source": tallest["height_source"].values,
            "ground_z": grouped["ground_z"].min().values,
            "roof_z": grouped["roof_z"].max().values,
            "lod": grouped["lod"].max().values,
        }, geometry=footprints, crs=epsg)
        extra = table.drop(columns=["gml_id"]).reset_index(drop=True)
        result = pd.concat([result, extra], axis=1)  # values were typed while parsing; codes stay text
        return gpd.GeoDataFrame(result, geometry="geometry", crs=epsg), volumes

    def _surfaces(self, xyz: np.ndarray, offsets: np.ndarray, meta: np.ndarray) -> Surfaces:
        rings = np.flatnonzero(self._building_rings(meta) & (meta[:, 1] == BOUNDARY) & (meta[:, 4] == 1))
        if not len(rings):
            return Surfaces()
        lengths = offsets[rings + 1] - offsets[rings]
        return Surfaces(coords=xyz[_gather(offsets, rings)], ring_offsets=np.concatenate(([0], np.cumsum(lengths))),
                        building=self._building_rows()[self._unit_building()[meta[rings, 0]]],
                        kind=meta[rings, 2].astype(np.int8))

    def _unit_building(self) -> np.ndarray:
        return np.array([u.building for u in self.units], dtype=np.int64)

    def _building_rows(self) -> np.ndarray:
        """Map a parsed-building index to its row in the buildings table (-1 when it has no footprint)."""
        kept = sorted({u.building for u in self.units if u.kept and u.footprint})
        rows = np.full(len(self.buildings), -1, dtype=np.int64)
        rows[kept] = np.arange(len(kept))
        return rows

    def _roofs(self, xyz: np.ndarray, offsets: np.ndarray, meta: np.ndarray, buildings: gpd.GeoDataFrame,
               epsg: int, convergence: float) -> gpd.GeoDataFrame:
        rings = np.flatnonzero(self._building_rings(meta) & (meta[:, 1] == BOUNDARY)
                               & (meta[:, 2] == _KIND_CODE["RoofSurface"]))
        rings = rings[self._building_rows()[self._unit_building()[meta[rings, 0]]] >= 0]
        polygons = _group_polygons(meta, rings)
        geoms = _polygons(xyz, offsets, [[p] for p in polygons], two_d=False)
        exteriors = np.array([p[0] for p in polygons], dtype=np.int64)
        if len(exteriors):
            lengths = offsets[exteriors + 1] - offsets[exteriors]
            normals = newell_normals(xyz[_gather(offsets, exteriors)], np.concatenate(([0], np.cumsum(lengths))))
            normals[normals[:, 2] < 0] *= -1  # a roof faces up whatever its ring order
            area, tilt, azimuth = tilt_azimuth(normals, convergence)
        else:
            area = tilt = azimuth = np.zeros(0)
        rows = self._building_rows()[self._unit_building()[meta[exteriors, 0]]]
        return gpd.GeoDataFrame({
            "building": rows,
            "building_id": buildings["gml_id"].values[rows],
            "area": area, "tilt": tilt, "azimuth": azimuth,
        }, geometry=geoms, crs=epsg)

    def _roads(self, xyz: np.ndarray, offsets: np.ndarray, meta: np.ndarray, epsg: int) -> gpd.GeoDataFrame:
        by_road: dict[int, list[list[int]]] = {}
        for rings in _group_polygons(meta, np.flatnonzero(meta[:, 1] == ROAD)):
            by_road.setdefault(int(meta[rings[0], 0]), []).append(rings)
        return gpd.GeoDataFrame([self.roads[r] for r in by_road],
                                geometry=_polygons(xyz, offsets, list(by_road.values()), two_d=True), crs=epsg)

    def _tin(self, xyz: np.ndarray, offsets: np.ndarray, meta: np.ndarray) -> Tin | None:
        rings = np.flatnonzero((meta[:, 1] == TRIANGLE_RING) & (np.diff(offsets) >= 3))
        if not len(rings):
            return None
        corners = xyz[(offsets[rings][:, None] + np.arange(3)).ravel()]
        # One vertex per plan position: a TIN holding two heights at one (x, y) is not a surface.
        xy = np.round(corners[:, :2], 3)
        unique_xy, first, inverse = np.unique(xy, axis=0, return_index=True, return_inverse=True)
        vertices = np.column_stack((unique_xy, corners[first, 2]))
        triangles = inverse.reshape(-1, 3)
        a, b, c = (vertices[triangles[:, i], :2] for i in range(3))
        area = np.abs((b[:, 0] - a[:, 0]) * (c[:, 1] - a[:, 1]) - (c[:, 0] - a[:, 0]) * (b[:, 1] - a[:, 1]))
        return Tin(vertices=vertices, triangles=triangles[area > 1e-9])  # slivers break interpolation


def _group_polygons(meta: np.ndarray, rings: np.ndarray) -> list[list[int]]:
    """The given rings grouped into polygons (exterior first), in reading order."""
    polygons: list[list[int]] = []
    for ring, exterior in zip(rings.tolist(), meta[rings, 4].tolist()):
        if exterior or not polygons:
            polygons.append([ring])
        else:
            polygons[-1].append(ring)
    return polygons


def _citygml_version(stream, name: str) -> str:
    """The CityGML version of a file whose root must be a CityModel (reads only the first element)."""
    try:
        _, root = next(etree.iterparse(stream, events=("start",), **xmlsafe.OPTIONS))
    except StopIteration:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "{} is empty"), name) from None
    except etree.XMLSyntaxError as exc:
        if xmlsafe.is_entity_error(exc):
            raise xmlsafe.declares_entities(name) from None
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "{} is truncated or corrupt XML (line {}): {}"), name, exc.lineno, exc.msg) from None
    xmlsafe.check_doctype(root, name)  # before the full parse reads a single entity
    ns, local = _split(root.tag) if root.tag.startswith("{") else ("", root.tag)
    if local != "CityModel":
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "{} is not CityGML: its root element is <{}>, not <core:CityModel>"), name, local)
    version = ns.rpartition("/")[2]
    if ns != f"http://www.opengis.net/citygml/{version}" or version not in _TAGS:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "{} is CityGML of a namespace this reader does not know ({}); it reads CityGML 1.0, 2.0 and "
                        "3.0"), name, ns)
    return version


def _raise_parse_errors(log) -> None:
    """Raise the first error of a parse made with recover=True, except undeclared namespace prefixes."""
    for error in log:
        if error.level >= etree.ErrorLevels.ERROR and error.domain != etree.ErrorDomains.NAMESPACE:
            raise etree.XMLSyntaxError(error.message, error.type, error.line, error.column)
        if error.domain == etree.ErrorDomains.NAMESPACE:
            LOG.warning("line %d: %s (read without it)", error.line, error.message)


def _is_iur(ns: str) -> bool:
    """Whether a namespace is i-UR's building attributes (uro) or, in 3.0, its common ones (urc)."""
    return "/iur/uro/" in ns or "/iur/urc/" in ns


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


def _measure(text: str) -> float | str:
    """A measure as a float, NaN for PLATEAU's unknown (-9999), or the text when it is not a number."""
    value = _number(text, float)
    return np.nan if value == _UNKNOWN_MEASURE else value


def _count(text: str) -> int | str | None:
    """A count of storeys as an int, None for PLATEAU's unknown (9999), or the text when not a number."""
    value = _number(text, int)
    return None if value in _UNKNOWN_COUNT else value


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


def read_district(path: str | list[str], lod: str | int = "highest", epsg: int | None = None,
                  require_buildings: bool = True, progress: ProgressFn | None = None,
                  is_canceled: Callable[[], bool] | None = None,
                  extent: dataset.Bounds | None = None, extent_epsg: int | None = None) -> District:
    """Read a CityGML file, a PLATEAU dataset folder or zip, or a list of files into a District.

    lod: 0, 1, 2 or "highest": which levels of detail to read (LOD0 footprints are always read).
    epsg: the projected CRS of the result; default the plane-rectangular zone of the data.
    extent: (xmin, ymin, xmax, ymax) in EPSG extent_epsg (default longitude/latitude): only the files
    whose standard mesh tile meets it are read.
    """
    paths = [path] if isinstance(path, str) else list(path)
    files = [s for p in paths for s in dataset.sources(p, extent, extent_epsg)]
    lods = {0, 1, 2} if str(lod) == "highest" else set(range(int(lod) + 1))
    reader = _Reader(lods, progress, is_canceled)
    total, done = sum(f.size for f in files), 0
    for file in files:
        reader.read_file(file, done, total)
        done += file.size
    if require_buildings and not reader.units:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "no buildings (bldg:Building) in {}"), ', '.join(os.path.basename(f.name) for f in files))
    district = reader.finish(epsg)
    if require_buildings and district.buildings.empty:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "none of the {} buildings can be analysed: {} (and others)"),
                        len(district.dropped), district.dropped['reason'].iloc[0])
    if progress:
        progress(100.0)
    return district
