"""Deterministic generator of fictional, PLATEAU-conformant districts: the sample and the benchmark scene.

Blocks of lots between roads on a sloping terrain; rectangular buildings with flat, gable and hip LOD2
roofs (or LOD1 only), written as CityGML 2.0 with i-UR 2.0 attributes in EPSG:6697 (latitude first).
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from . import crs

ROOF_TYPES = ("flat", "gable", "hip")
USAGE_CODES = {"401": "業務施設", "402": "商業施設", "403": "宿泊施設", "411": "住宅", "412": "共同住宅",
               "413": "店舗等併用住宅", "421": "官公庁施設", "422": "文教厚生施設"}
ROOF_TYPE_CODES = {"flat": "1", "gable": "3", "hip": "4"}  # PLATEAU Building_roofType: 陸屋根, 切妻, 寄棟


@dataclass
class SceneSpec:
    """What to generate: size, density and mix of a district."""

    name: str = "sample"
    lat: float = 35.6800
    lon: float = 139.7000
    size: float = 500.0
    block: float = 80.0
    road_width: float = 10.0
    lot: float = 20.0
    lod2_fraction: float = 0.6
    tall_fraction: float = 0.05
    slope: float = 0.02
    seed: int = 20261122
    dem_spacing: float = 10.0


SAMPLE = SceneSpec()
BENCHMARK = SceneSpec(name="benchmark", size=1000.0, block=64.0, road_width=10.0, lot=12.5,
                      lod2_fraction=1.0, tall_fraction=0.08, seed=4000)


@dataclass
class Box:
    """A generated building: a rectangle (corners counter-clockwise), its ground, height and roof."""

    corners: np.ndarray
    ground: float
    height: float
    roof: str
    lod2: bool
    usage: str
    storeys: int


@dataclass
class Scene:
    """A generated district in plane-rectangular coordinates."""

    spec: SceneSpec
    epsg: int
    origin: tuple[float, float]
    boxes: list[Box] = field(default_factory=list)
    roads: list[np.ndarray] = field(default_factory=list)

    def terrain(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Ground height: a slope rising to the east and a low hill in the north-west."""
        ox, oy = self.origin
        s = self.spec.size
        u, v = (np.asarray(x) - ox) / s, (np.asarray(y) - oy) / s
        return 5.0 + self.spec.slope * (np.asarray(x) - ox) + 4.0 * np.exp(-((u - 0.25) ** 2 + (v - 0.75) ** 2) / 0.02)


def _height(rng: np.random.Generator, tall_fraction: float) -> float:
    if rng.random() < tall_fraction:
        return float(rng.uniform(45.0, 150.0))
    return float(np.clip(rng.lognormal(math.log(11.0), 0.45), 4.0, 40.0))


def generate(spec: SceneSpec) -> Scene:
    """Lay out blocks, lots, buildings and roads for a spec; the same spec gives the same scene."""
    rng = np.random.default_rng(spec.seed)
    epsg = crs.zone_epsg(spec.lat, spec.lon, 13)
    cx, cy = crs.transformer(6668, epsg).transform(spec.lon, spec.lat)
    origin = (float(cx) - spec.size / 2, float(cy) - spec.size / 2)
    scene = Scene(spec, epsg, origin)
    pitch = spec.block + spec.road_width
    n_blocks = max(1, int(spec.size // pitch))
    ox, oy = origin
    for i in range(n_blocks + 1):
        offset = i * pitch
        scene.roads.append(np.array([[ox + offset, oy], [ox + offset + spec.road_width, oy],
                                     [ox + offset + spec.road_width, oy + spec.size], [ox + offset, oy + spec.size]]))
        near, far = oy + offset, oy + offset + spec.road_width
        scene.roads.append(np.array([[ox, near], [ox + spec.size, near], [ox + spec.size, far], [ox, far]]))
    n_lots = max(1, int(spec.block // spec.lot))
    lot = spec.block / n_lots
    for bi in range(n_blocks):
        for bj in range(n_blocks):
            bx = ox + bi * pitch + spec.road_width
            by = oy + bj * pitch + spec.road_width
            for li in range(n_lots):
                for lj in range(n_lots):
                    scene.boxes.append(_box(scene, rng, bx + li * lot, by + lj * lot, lot))
    return scene


def _box(scene: Scene, rng: np.random.Generator, x: float, y: float, lot: float) -> Box:
    spec = scene.spec
    setback = rng.uniform(0.8, 2.0)
    w = rng.uniform(0.55, 1.0) * (lot - 2 * setback)
    d = rng.uniform(0.55, 1.0) * (lot - 2 * setback)
    angle = math.radians(rng.uniform(-12, 12)) if rng.random() < 0.2 else 0.0
    c, s = math.cos(angle), math.sin(angle)
    half = np.array([[-w / 2, -d / 2], [w / 2, -d / 2], [w / 2, d / 2], [-w / 2, d / 2]])
    centre = np.array([x + lot / 2, y + lot / 2])
    corners = centre + half @ np.array([[c, s], [-s, c]])
    ground = float(scene.terrain(corners[:, 0], corners[:, 1]).min())
    height = _height(rng, spec.tall_fraction)
    lod2 = rng.random() < spec.lod2_fraction
    roof = "flat" if height > 20 else str(rng.choice(ROOF_TYPES, p=[0.3, 0.4, 0.3]))
    usage = "412" if height > 20 else str(rng.choice(list(USAGE_CODES)))
    return Box(corners, round(ground, 3), round(height, 1), roof, lod2, usage, max(1, int(height // 3.2)))


# --- geometry of a box --------------------------------------------------------------------------

def roof_faces(box: Box) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
    """Return (roof polygons, wall polygons, ground polygon) of a box as closed (n, 3) rings."""
    p = box.corners
    if np.linalg.norm(p[1] - p[0]) < np.linalg.norm(p[2] - p[1]):
        p = np.roll(p, -1, axis=0)  # the ridge runs along the long side p0 -> p1
    g, t = box.ground, box.ground + box.height
    width = float(np.linalg.norm(p[2] - p[1]))
    rise = 0.0 if box.roof == "flat" else min(width / 2 * math.tan(math.radians(30)), box.height * 0.4)
    e = t - rise

    def at(points, z):
        pts = np.column_stack((np.atleast_2d(points), np.full(len(np.atleast_2d(points)), z)))
        return pts

    def ring(*pts):
        arr = np.vstack(pts)
        return np.vstack((arr, arr[:1]))

    ground = ring(at(p[[0, 3, 2, 1]], g))
    walls = [ring(at(p[i], g), at(p[(i + 1) % 4], g), at(p[(i + 1) % 4], e), at(p[i], e)) for i in range(4)]
    if box.roof == "flat":
        return [ring(at(p, t))], walls, ground
    r0 = (p[3] + p[0]) / 2
    r1 = (p[1] + p[2]) / 2
    if box.roof == "hip":
        axis = (r1 - r0) / np.linalg.norm(r1 - r0)
        r0, r1 = r0 + axis * width / 2, r1 - axis * width / 2
    roofs = [ring(at(p[0], e), at(p[1], e), at(r1, t), at(r0, t)),
             ring(at(p[2], e), at(p[3], e), at(r0, t), at(r1, t))]
    if box.roof == "hip":
        roofs += [ring(at(p[1], e), at(p[2], e), at(r1, t)), ring(at(p[3], e), at(p[0], e), at(r0, t))]
    else:  # gable ends are pentagons
        walls[1] = ring(at(p[1], g), at(p[2], g), at(p[2], e), at(r1, t), at(p[1], e))
        walls[3] = ring(at(p[3], g), at(p[0], g), at(p[0], e), at(r0, t), at(p[3], e))
    return roofs, walls, ground


def lod1_faces(box: Box) -> list[np.ndarray]:
    """Closed rings of the LOD1 block: base, top and four walls, all facing outwards."""
    p, g, t = box.corners, box.ground, box.ground + box.height
    closed = np.vstack((p, p[:1]))
    faces = [np.column_stack((closed[::-1], np.full(5, g))), np.column_stack((closed, np.full(5, t)))]
    for i in range(4):
        a, b = p[i], p[(i + 1) % 4]
        faces.append(np.array([[*a, g], [*b, g], [*b, t], [*a, t], [*a, g]]))
    return faces


# --- writing CityGML ----------------------------------------------------------------------------

NAMESPACES = (
    'xmlns:core="http://www.opengis.net/citygml/2.0" xmlns:bldg="http://www.opengis.net/citygml/building/2.0" '
    'xmlns:gml="http://www.opengis.net/gml" xmlns:gen="http://www.opengis.net/citygml/generics/2.0" '
    'xmlns:uro="https://www.geospatial.jp/iur/uro/2.0" xmlns:dem="http://www.opengis.net/citygml/relief/2.0" '
    'xmlns:tran="http://www.opengis.net/citygml/transportation/2.0" xmlns:xlink="http://www.w3.org/1999/xlink"')
SRS = "http://www.opengis.net/def/crs/EPSG/0/6697"


class _Writer:
    """Writes rings of a scene as latitude-first posLists."""

    def __init__(self, scene: Scene):
        self.to_geo = crs.transformer(scene.epsg, 6668)

    def poslist(self, ring: np.ndarray) -> str:
        lon, lat = self.to_geo.transform(ring[:, 0], ring[:, 1])
        return " ".join(f"{a:.9f} {o:.9f} {z:.3f}" for a, o, z in zip(lat, lon, ring[:, 2]))

    def polygon(self, ring: np.ndarray, gid: str | None = None) -> str:
        ident = f' gml:id="{gid}"' if gid else ""
        return (f"<gml:Polygon{ident}><gml:exterior><gml:LinearRing><gml:posList>{self.poslist(ring)}"
                "</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>")

    def multisurface(self, rings: list[np.ndarray]) -> str:
        members = "".join(f"<gml:surfaceMember>{self.polygon(r)}</gml:surfaceMember>" for r in rings)
        return f"<gml:MultiSurface>{members}</gml:MultiSurface>"

    def envelope(self, points: np.ndarray) -> str:
        lon, lat = self.to_geo.transform(points[:, 0], points[:, 1])
        return (f'<gml:boundedBy><gml:Envelope srsName="{SRS}" srsDimension="3">'
                f"<gml:lowerCorner>{lat.min():.9f} {lon.min():.9f} {points[:, 2].min():.3f}</gml:lowerCorner>"
                f"<gml:upperCorner>{lat.max():.9f} {lon.max():.9f} {points[:, 2].max():.3f}</gml:upperCorner>"
                "</gml:Envelope></gml:boundedBy>")


def _header(body_envelope: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<core:CityModel {NAMESPACES}>\n{body_envelope}\n'


def _building_xml(w: _Writer, box: Box, n: int, prefix: str) -> str:
    gid = f"bldg_{prefix}_{n:05d}"
    footprint = np.column_stack((np.vstack((box.corners, box.corners[:1])), np.full(5, box.ground)))
    parts = [
        f'<core:cityObjectMember><bldg:Building gml:id="{gid}">',
        f'<gen:stringAttribute name="建物ID"><gen:value>13999-bldg-{n}</gen:value></gen:stringAttribute>',
        f'<bldg:roofType codeSpace="../../codelists/Building_roofType.xml">{ROOF_TYPE_CODES[box.roof]}</bldg:roofType>',
        f'<bldg:usage codeSpace="../../codelists/Building_usage.xml">{box.usage}</bldg:usage>',
        f'<bldg:measuredHeight uom="m">{box.height:.1f}</bldg:measuredHeight>',
        f"<bldg:storeysAboveGround>{box.storeys}</bldg:storeysAboveGround>",
        f"<bldg:lod0FootPrint>{w.multisurface([footprint])}</bldg:lod0FootPrint>",
        "<bldg:lod1Solid><gml:Solid><gml:exterior><gml:CompositeSurface>",
        "".join(f"<gml:surfaceMember>{w.polygon(f)}</gml:surfaceMember>" for f in lod1_faces(box)),
        "</gml:CompositeSurface></gml:exterior></gml:Solid></bldg:lod1Solid>",
    ]
    if box.lod2:
        roofs, walls, ground = roof_faces(box)
        for kind, rings in (("RoofSurface", roofs), ("WallSurface", walls), ("GroundSurface", [ground])):
            parts.append(f'<bldg:boundedBy><bldg:{kind} gml:id="{gid}_{kind}"><bldg:lod2MultiSurface>'
                         f"{w.multisurface(rings)}</bldg:lod2MultiSurface></bldg:{kind}></bldg:boundedBy>")
    parts += [
        "<uro:buildingIDAttribute><uro:BuildingIDAttribute>",
        f"<uro:buildingID>13999-bldg-{n}</uro:buildingID>",
        '<uro:prefecture codeSpace="../../codelists/Common_localPublicAuthorities.xml">13</uro:prefecture>',
        "</uro:BuildingIDAttribute></uro:buildingIDAttribute>",
        "<uro:buildingDetailAttribute><uro:BuildingDetailAttribute>",
        f'<uro:totalFloorArea uom="m2">{_floor_area(box)}</uro:totalFloorArea>',
        "<uro:surveyYear>2026</uro:surveyYear>",
        "</uro:BuildingDetailAttribute></uro:buildingDetailAttribute>",
        "</bldg:Building></core:cityObjectMember>\n",
    ]
    return "".join(parts)


def _floor_area(box: Box) -> Decimal:
    """Plan area x storeys in m2, to the centimetre, the same on every machine.

    The corners are taken relative to the first one: from plane coordinates of tens of kilometres the
    shoelace sum cancels to ~1e-7 m2, enough to tip a value like 984.495 either way. The product is
    then cut to micro-m2 and rounded as a decimal, so no last-bit difference decides the digit written.
    """
    p = box.corners - box.corners[0]
    area = 0.5 * abs(float(np.dot(p[:, 0], np.roll(p[:, 1], -1)) - np.dot(p[:, 1], np.roll(p[:, 0], -1))))
    micro = Decimal(round(area * box.storeys * 1_000_000)) / 1_000_000
    return micro.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def write_buildings(scene: Scene, path: str) -> None:
    """Write the scene's buildings as one PLATEAU-style bldg CityGML file."""
    w = _Writer(scene)
    corners = np.vstack([np.column_stack((b.corners, np.full(4, b.ground))) for b in scene.boxes])
    tops = np.array([[*scene.boxes[0].corners[0], max(b.ground + b.height for b in scene.boxes)]])
    with open(path, "w", encoding="utf-8") as out:
        out.write(_header(w.envelope(np.vstack((corners, tops)))))
        for n, box in enumerate(scene.boxes):
            out.write(_building_xml(w, box, n, scene.spec.name))
        out.write("</core:CityModel>\n")


def write_relief(scene: Scene, path: str) -> None:
    """Write the terrain as a dem:TINRelief of a regular triangulated grid."""
    w = _Writer(scene)
    ox, oy = scene.origin
    n = int(scene.spec.size // scene.spec.dem_spacing) + 1
    xs = ox + np.arange(n) * scene.spec.dem_spacing
    ys = oy + np.arange(n) * scene.spec.dem_spacing
    gx, gy = np.meshgrid(xs, ys)
    gz = scene.terrain(gx, gy)
    points = np.column_stack((gx.ravel(), gy.ravel(), gz.ravel()))
    with open(path, "w", encoding="utf-8") as out:
        out.write(_header(w.envelope(points)))
        out.write(f'<core:cityObjectMember><dem:ReliefFeature gml:id="dem_{scene.spec.name}"><dem:lod>1</dem:lod>'
                  f'<dem:reliefComponent><dem:TINRelief gml:id="tin_{scene.spec.name}"><dem:lod>1</dem:lod>'
                  "<dem:tin><gml:TriangulatedSurface><gml:trianglePatches>\n")
        for i in range(n - 1):
            for j in range(n - 1):
                a, b, c, d = i * n + j, i * n + j + 1, (i + 1) * n + j + 1, (i + 1) * n + j
                for tri in ((a, b, c, a), (a, c, d, a)):
                    out.write("<gml:Triangle><gml:exterior><gml:LinearRing><gml:posList>"
                              f"{w.poslist(points[list(tri)])}</gml:posList></gml:LinearRing></gml:exterior>"
                              "</gml:Triangle>\n")
        out.write("</gml:trianglePatches></gml:TriangulatedSurface></dem:tin></dem:TINRelief>"
                  "</dem:reliefComponent></dem:ReliefFeature></core:cityObjectMember>\n</core:CityModel>\n")


def write_roads(scene: Scene, path: str) -> None:
    """Write the road strips as tran:Road LOD1 polygons on the terrain."""
    w = _Writer(scene)
    with open(path, "w", encoding="utf-8") as out:
        rings = [np.column_stack((np.vstack((r, r[:1])), scene.terrain(*np.vstack((r, r[:1])).T))) for r in scene.roads]
        out.write(_header(w.envelope(np.vstack(rings))))
        for n, ring in enumerate(rings):
            out.write(f'<core:cityObjectMember><tran:Road gml:id="tran_{scene.spec.name}_{n:04d}">'
                      '<tran:function codeSpace="../../codelists/Road_function.xml">1</tran:function>'
                      f"<tran:lod1MultiSurface>{w.multisurface([ring])}</tran:lod1MultiSurface>"
                      "</tran:Road></core:cityObjectMember>\n")
        out.write("</core:CityModel>\n")


def _codelist(name: str, table: dict[str, str]) -> str:
    entries = "".join(f'<gml:dictionaryEntry><gml:Definition gml:id="id{i}"><gml:description>{label}'
                      f"</gml:description><gml:name>{code}</gml:name></gml:Definition></gml:dictionaryEntry>\n"
                      for i, (code, label) in enumerate(table.items()))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<gml:Dictionary xmlns:gml="http://www.opengis.net/gml" '
            f'gml:id="{name}"><gml:name>{name}</gml:name>\n{entries}</gml:Dictionary>\n')


def write_dataset(spec: SceneSpec, folder: str, relief: bool = True, roads: bool = True) -> Scene:
    """Write a PLATEAU-layout dataset (udx/bldg, udx/dem, udx/tran, codelists) for a spec."""
    scene = generate(spec)
    for sub in ("udx/bldg", "udx/dem", "udx/tran", "codelists"):
        os.makedirs(os.path.join(folder, sub), exist_ok=True)
    write_buildings(scene, os.path.join(folder, "udx/bldg", f"{spec.name}_bldg_6697_op.gml"))
    if relief:
        write_relief(scene, os.path.join(folder, "udx/dem", f"{spec.name}_dem_6697_op.gml"))
    if roads:
        write_roads(scene, os.path.join(folder, "udx/tran", f"{spec.name}_tran_6697_op.gml"))
    for name, table in (("Building_usage", USAGE_CODES),
                        ("Building_roofType", {"1": "陸屋根", "3": "切妻屋根", "4": "寄棟屋根"}),
                        ("Road_function", {"1": "車道部"})):
        with open(os.path.join(folder, "codelists", f"{name}.xml"), "w", encoding="utf-8") as out:
            out.write(_codelist(name, table))
    return scene
