"""Pedestrian networks: the national pedestrian-space network format (歩行空間ネットワークデータ) and
OpenStreetMap-style footways, normalised into one link table; slopes from a DEM; a fallback network built
from road polygons.

Code tables follow 「歩行空間ネットワークデータ等整備仕様（平成30年3月 国土交通省）」: link attributes
rt_struct (経路の構造), route_type (経路の種別), direction (方向性), width (有効幅員), vtcl_slope (縦断勾配),
lev_diff (段差), tfc_signal (信号の有無), brail_tile (視覚障害者誘導用ブロック等), elevator (エレベーターの種別),
roof (屋根の有無). 99 is "unknown" throughout.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .citymodel import Terrain
from .errors import QT_TRANSLATE_NOOP, UrbanTwinError
from .terrain import sample_points

UNKNOWN = 99
RT_STRUCT = {1: "歩道（車道と分離）", 2: "歩道（車道と分離なし）", 3: "横断歩道", 4: "横断歩道の路面標示の無い交差点",
             5: "地下通路", 6: "歩道橋", 7: "施設内通路", 8: "その他", UNKNOWN: "不明"}
ROUTE_TYPE = {1: "対象外", 2: "動く歩道", 3: "踏切", 4: "エレベーター", 5: "エスカレーター", 6: "階段", 7: "スロープ",
              UNKNOWN: "不明"}
DIRECTION = {1: "both", 2: "forward", 3: "backward", UNKNOWN: "both"}
#: 有効幅員 classes: code -> (lowest, highest) width in metres.
WIDTH_CLASSES = {1: (0.0, 1.0), 2: (1.0, 2.0), 3: (2.0, 3.0), 4: (3.0, np.inf)}
#: 縦断勾配: 1 = 5 % or less, 2 = over 5 % (the spec asks for the value itself where it is known).
SLOPE_CLASSES = {1: (0.0, 5.0), 2: (5.0, np.inf)}
#: 段差: 1 = 2 cm or less, 2 = over 2 cm.
STEP_CLASSES = {1: (0.0, 2.0), 2: (2.0, np.inf)}
TACTILE = {1: False, 2: True}
ELEVATOR = {1: "none", 2: "plain", 3: "wheelchair", 4: "wheelchair_tactile"}
SIGNAL = {1: "none", 2: "separated", 3: "push_button", 4: "separated_push_button", 5: "other"}
PAVED = {"paved", "asphalt", "concrete", "concrete:plates", "paving_stones", "metal", "wood", "rubber"}
ROUGH = {"sett", "cobblestone", "unhewn_cobblestone", "concrete:lanes", "grass_paver", "compacted", "fine_gravel"}
UNPAVED = {"unpaved", "gravel", "pebblestone", "dirt", "earth", "ground", "grass", "mud", "sand", "woodchips"}


@dataclass
class Network:
    """Links with normalised attributes (one row per link, LineString, metric CRS) and their nodes.

    Link columns: link_id, start, end (node ids), length_m, direction (both/forward/backward), structure,
    stairs, escalator, elevator, slope_lo / slope_hi (%), step_lo / step_hi (cm), width_lo / width_hi (m),
    surface (paved/rough/unpaved/unknown), tactile (1/0/NaN), signal, flags (problems found in the input).
    A measured value has lo == hi; a class from the spec gives its range; unknown is NaN.
    """

    links: gpd.GeoDataFrame
    nodes: gpd.GeoDataFrame   # node_id, geometry
    notes: list[str]

    @property
    def epsg(self) -> int:
        """The network's projected CRS."""
        return self.links.crs.to_epsg()


def read_network(links: gpd.GeoDataFrame, nodes: gpd.GeoDataFrame | None, epsg: int,
                 terrain: Terrain | None = None) -> Network:
    """Normalise a link table (spec or OSM style) and its optional node table into a Network in epsg."""
    if links is None or len(links) == 0:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the network has no links"))
    if links.crs is None:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the network's links have no CRS"))
    notes = []
    if links.crs.to_epsg() != epsg:
        notes.append(f"links reprojected from {links.crs.to_string()} to EPSG:{epsg}")
        links = links.to_crs(epsg)
    links = links[links.geometry.notna() & ~links.geometry.is_empty].copy()
    links["geometry"] = shapely.line_merge(shapely.force_2d(links.geometry.values))
    single = shapely.get_type_id(links.geometry.values) == 1
    if not single.all():
        notes.append(f"{(~single).sum()} links are not single lines and were dropped")
        links = links[single]
    columns = {c.lower(): c for c in links.columns}
    frame = pd.DataFrame(index=links.index)
    frame["link_id"] = _column(links, columns, ("link_id", "id", "osm_id"), links.index).astype(str)
    frame["length_m"] = shapely.length(links.geometry.values)
    _nodes_of(frame, links, columns, nodes, epsg, notes)
    spec = "rt_struct" in columns or "route_type" in columns
    (_spec_attributes if spec else _osm_attributes)(frame, links, columns)
    flags = frame.pop("_flags") if "_flags" in frame else pd.Series([""] * len(frame), index=frame.index)
    frame["flags"] = flags
    result = gpd.GeoDataFrame(frame, geometry=links.geometry.values, crs=epsg)
    if terrain is not None:
        _slopes_from_dem(result, terrain)
    node_frame = _node_frame(result)
    return Network(result.reset_index(drop=True), node_frame, notes)


def _column(frame: pd.DataFrame, columns: dict, names: tuple[str, ...], default) -> pd.Series:
    for name in names:
        if name in columns:
            return frame[columns[name]]
    return pd.Series(default, index=frame.index)


def _nodes_of(frame: pd.DataFrame, links: gpd.GeoDataFrame, columns: dict, nodes, epsg: int, notes: list[str]) -> None:
    """Start and end node ids: from the table (checked against the node table) or from shared end points."""
    flags = pd.Series([""] * len(frame), index=frame.index)
    if "start_id" in columns and "end_id" in columns:
        frame["start"] = links[columns["start_id"]].astype(str)
        frame["end"] = links[columns["end_id"]].astype(str)
        if nodes is not None and len(nodes):
            node_columns = {c.lower(): c for c in nodes.columns}
            known = set(_column(nodes, node_columns, ("node_id", "id"), nodes.index).astype(str))
            missing = ~frame["start"].isin(known) | ~frame["end"].isin(known)
            if missing.any():
                notes.append(f"{int(missing.sum())} links name end nodes missing from the node table "
                             "(their own end points are used)")
                flags[missing] = "end node missing from the node table;"
    else:
        ends = np.round(np.concatenate([shapely.get_coordinates(shapely.get_point(links.geometry.values, i))
                                        for i in (0, -1)]), 2)
        keys = [f"{x:.2f},{y:.2f}" for x, y in ends]
        frame["start"], frame["end"] = keys[:len(frame)], keys[len(frame):]
    frame["_flags"] = flags


def _spec_attributes(frame: pd.DataFrame, links: gpd.GeoDataFrame, columns: dict) -> None:
    """Attributes from the 歩行空間ネットワーク code tables; numbers where the data give them."""
    def code(name: str) -> pd.Series:
        values = pd.to_numeric(_column(links, columns, (name,), UNKNOWN), errors="coerce")
        return values.fillna(UNKNOWN).astype(int)

    for name, table in (("rt_struct", RT_STRUCT), ("route_type", ROUTE_TYPE), ("direction", DIRECTION),
                        ("width", WIDTH_CLASSES), ("vtcl_slope", SLOPE_CLASSES), ("lev_diff", STEP_CLASSES),
                        ("brail_tile", TACTILE), ("elevator", ELEVATOR), ("tfc_signal", SIGNAL)):
        if name not in columns:
            continue
        values = code(name)
        unknown = ~values.isin(list(table) + [UNKNOWN])
        if name in ("vtcl_slope", "width", "lev_diff"):
            unknown &= ~_numeric_column(links, columns, name).notna()
        if unknown.any():
            frame.loc[unknown, "_flags"] += [f"unknown {name} code {v};" for v in values[unknown]]
    route, struct = code("route_type"), code("rt_struct")
    frame["structure"] = struct.map(RT_STRUCT).fillna("不明")
    frame["stairs"] = route == 6
    frame["escalator"] = route == 5
    frame["elevator"] = code("elevator").map(ELEVATOR).fillna("unknown")
    frame.loc[route == 4, "elevator"] = frame.loc[route == 4, "elevator"].replace({"none": "plain",
                                                                                    "unknown": "plain"})
    frame["direction"] = code("direction").map(DIRECTION).fillna("both")
    frame["crossing"] = struct.isin([3, 4])
    frame["signal"] = code("tfc_signal").map(SIGNAL).fillna("unknown")
    tactile = code("brail_tile").map(TACTILE)
    frame["tactile"] = tactile.astype(float)
    for name, (lo, hi), table in (("vtcl_slope", ("slope_lo", "slope_hi"), SLOPE_CLASSES),
                                  ("lev_diff", ("step_lo", "step_hi"), STEP_CLASSES),
                                  ("width", ("width_lo", "width_hi"), WIDTH_CLASSES)):
        frame[lo], frame[hi] = _ranges(links, columns, name, table)
    surface = _column(links, columns, ("surface",), "").fillna("").astype(str).str.lower()
    frame["surface"] = surface.map(_surface_class)


def _numeric_column(links: gpd.GeoDataFrame, columns: dict, name: str) -> pd.Series:
    """Measured values that some data sets give beside the code: <name>_value, or the column itself as a
    number with a unit (e.g. '6.5%', '1.8m')."""
    for candidate in (f"{name}_value", f"{name}_val"):
        if candidate in columns:
            return pd.to_numeric(links[columns[candidate]], errors="coerce")
    return pd.Series(np.nan, index=links.index)


def _ranges(links, columns, name: str, table: dict) -> tuple[pd.Series, pd.Series]:
    measured = _numeric_column(links, columns, name)
    codes = pd.to_numeric(_column(links, columns, (name,), UNKNOWN), errors="coerce").fillna(UNKNOWN).astype(int)
    lo = codes.map(lambda c: table.get(c, (np.nan, np.nan))[0]).astype(float)
    hi = codes.map(lambda c: table.get(c, (np.nan, np.nan))[1]).astype(float)
    return lo.where(measured.isna(), measured), hi.where(measured.isna(), measured)


def _osm_attributes(frame: pd.DataFrame, links: gpd.GeoDataFrame, columns: dict) -> None:
    """Attributes from OpenStreetMap tags: highway, incline, width, kerb, surface, tactile_paving."""
    def tag(name: str) -> pd.Series:
        return _column(links, columns, (name,), "").fillna("").astype(str).str.strip().str.lower()

    highway = tag("highway")
    frame["structure"] = np.where(tag("footway") == "crossing", "横断歩道", "歩道")
    frame["crossing"] = (tag("footway") == "crossing") | (highway == "crossing")
    frame["stairs"] = highway == "steps"
    frame["escalator"] = tag("conveying").isin(["yes", "forward", "backward", "reversible"]) & frame["stairs"]
    frame["elevator"] = np.where(highway == "elevator", "wheelchair", "none")
    oneway = tag("oneway")
    frame["direction"] = np.where(oneway.isin(["yes", "1", "true"]), "forward",
                                  np.where(oneway == "-1", "backward", "both"))
    frame["signal"] = np.where(tag("crossing").isin(["traffic_signals"]), "other", "unknown")
    incline = tag("incline").map(_percent)
    frame["slope_lo"] = frame["slope_hi"] = incline.abs()
    width = tag("width").map(_metres)
    frame["width_lo"] = frame["width_hi"] = width
    kerb = tag("kerb")
    step = kerb.map({"raised": 10.0, "regular": 10.0, "normal": 10.0, "lowered": 2.0, "flush": 0.0, "no": 0.0})
    step = step.where(step.notna(), tag("kerb:height").map(_centimetres))
    frame["step_lo"] = frame["step_hi"] = step
    tactile = tag("tactile_paving").map({"yes": 1.0, "no": 0.0, "incorrect": 0.0})
    frame["tactile"] = tactile
    frame["surface"] = tag("surface").map(_surface_class)
    bad_incline = tag("incline").ne("") & incline.isna() & ~tag("incline").isin(["up", "down"])
    frame.loc[bad_incline, "_flags"] += "incline not understood;"


def _percent(text: str) -> float:
    match = re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*%?", text)
    if match:
        return float(match.group(1))
    match = re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*°", text)
    return float(np.tan(np.radians(float(match.group(1)))) * 100) if match else np.nan


def _metres(text: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(m|cm)?", text)
    if not match:
        return np.nan
    return float(match.group(1)) / (100.0 if match.group(2) == "cm" else 1.0)


def _centimetres(text: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(m|cm)?", text)
    if not match:
        return np.nan
    return float(match.group(1)) * (100.0 if match.group(2) == "m" else 1.0)


def _surface_class(text: str) -> str:
    if text in PAVED:
        return "paved"
    if text in ROUGH:
        return "rough"
    if text in UNPAVED:
        return "unpaved"
    return "unknown"


def _slopes_from_dem(links: gpd.GeoDataFrame, terrain: Terrain, spacing: float = 5.0, window: float = 10.0) -> None:
    """Fill unknown slopes with the steepest gradient over `window` metres along the link, from the DEM."""
    missing = np.flatnonzero(links["slope_lo"].isna().to_numpy() & links["slope_hi"].isna().to_numpy())
    if not len(missing):
        return
    slopes = np.full(len(links), np.nan)
    for i in missing:
        line = links.geometry.values[i]
        length = line.length
        if length < 1e-6:
            continue
        steps = np.append(np.arange(0.0, length, spacing), length)
        points = shapely.line_interpolate_point(line, steps)
        z = sample_points(terrain, shapely.get_coordinates(points))
        if np.isnan(z).any():
            continue
        gap = max(1, int(round(min(window, length) / spacing)))
        gap = min(gap, len(steps) - 1)
        rise = np.abs(z[gap:] - z[:-gap])
        run = steps[gap:] - steps[:-gap]
        slopes[i] = float((rise / run).max() * 100.0)
    measured = np.isfinite(slopes)
    links.loc[links.index[measured], "slope_lo"] = slopes[measured]
    links.loc[links.index[measured], "slope_hi"] = slopes[measured]
    links.loc[links.index[measured], "flags"] += "slope from DEM;"


def _node_frame(links: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One point per node id, where its links begin or end."""
    starts = shapely.get_point(links.geometry.values, 0)
    ends = shapely.get_point(links.geometry.values, -1)
    table = pd.DataFrame({"node_id": np.concatenate((links["start"], links["end"])),
                          "geometry": np.concatenate((starts, ends))}).drop_duplicates("node_id")
    return gpd.GeoDataFrame(table, geometry="geometry", crs=links.crs).reset_index(drop=True)


def _prune_spurs(lines: list, shortest: float) -> list:
    """Drop short dead ends: the skeleton's whiskers into the corners of junctions."""
    ends = np.round(np.concatenate([shapely.get_coordinates(shapely.get_point(lines, i)) for i in (0, -1)]), 3)
    keys, counts = np.unique(ends, axis=0, return_counts=True)
    degree = {tuple(k): c for k, c in zip(keys, counts)}
    n = len(lines)
    return [line for i, line in enumerate(lines)
            if line.length >= shortest or (degree[tuple(ends[i])] > 1 and degree[tuple(ends[i + n])] > 1)]


def network_from_roads(roads: gpd.GeoDataFrame, spacing: float = 2.0) -> gpd.GeoDataFrame:
    """A fallback network: the centre lines of road polygons (Voronoi skeleton), attributes unknown.

    Width is measured as twice the distance from the centre line to the road edge.
    """
    if roads is None or len(roads) == 0:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "there is neither a network nor road polygons to build one from"))
    area = shapely.union_all(shapely.force_2d(roads.geometry.values))
    boundary = shapely.segmentize(shapely.boundary(area), spacing)
    edges = shapely.voronoi_polygons(shapely.multipoints(shapely.get_coordinates(boundary)), only_edges=True)
    inner = shapely.buffer(area, -spacing)
    lines = [e for e in shapely.get_parts(edges) if shapely.within(e, inner)]
    if not lines:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "the road polygons are too narrow to find centre lines in"))
    merged = shapely.line_merge(shapely.union_all(lines))
    parts = [p for p in shapely.get_parts(shapely.node(merged)) if p.length > spacing]
    parts = list(shapely.get_parts(shapely.line_merge(shapely.MultiLineString(_prune_spurs(parts, 15.0)))))
    width = [2.0 * float(shapely.distance(p.interpolate(0.5, normalized=True), area.boundary)) for p in parts]
    frame = gpd.GeoDataFrame({"link_id": [f"road_{i}" for i in range(len(parts))], "width": UNKNOWN,
                              "width_value": width, "rt_struct": UNKNOWN, "route_type": UNKNOWN},
                             geometry=parts, crs=roads.crs)
    return frame
