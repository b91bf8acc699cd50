"""Barrier-free hazard mapping: which links stop a wheelchair, a stroller or a visually impaired walker,
what they can reach, and their best route.

Default limits follow the Japanese standards and are named where they are used:
- 道路の移動等円滑化に関する基準（省令）and its guideline: sidewalk effective width 2 m; longitudinal slope
  5 %, 8 % where unavoidable; the kerb step at crossings 2 cm;
- 建築物移動等円滑化基準: ramps 1/12 (8.3 %); a wheelchair needs 0.9 m of clear width.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import contourpy
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.ndimage import distance_transform_edt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.spatial import cKDTree
from shapely.ops import substring

from .errors import QT_TRANSLATE_NOOP, UrbanTwinError
from .walknet import Network

PASSABLE, CAUTION, IMPASSABLE = "passable", "caution", "impassable"
#: One palette for the classes, in the map and in the 3D view
CLASS_COLOURS = {PASSABLE: "#1a9850", CAUTION: "#fdae61", IMPASSABLE: "#d73027"}
CAUTION_COST = 1.5  # a caution link costs this much more time: routes avoid it where they can
CAUTION_LEVEL = 1
SEVERITY = {PASSABLE: 0, CAUTION: 1, IMPASSABLE: 2}
#: Peak bytes per cell of the grid a reachable area is traced on (measured: 34, in the distance transform)
AREA_BYTES_PER_CELL = 40
#: A profile's fields by kind, checked wherever a profile comes from
LIMITS = ("slope_caution", "slope_max", "step_caution", "step_max", "width_caution", "width_min")
VERDICTS = ("rough", "unpaved", "stairs", "escalator", "plain_elevator")
SWITCHES = ("needs_tactile", "needs_signal")
JSON_KINDS = {list: "array", str: "string", bool: "true/false", int: "number", float: "number", type(None): "null"}


@dataclass(frozen=True)
class Profile:
    """The limits of one kind of walker. A value above a `*_caution` limit is a caution, above `*_max`
    impassable (below `width_*` for width). inf / 0 switch a rule off."""

    key: str
    name: str
    speed: float                      # m/s on the flat
    slope_caution: float = np.inf     # %
    slope_max: float = np.inf
    step_caution: float = np.inf      # cm
    step_max: float = np.inf
    width_caution: float = 0.0        # m
    width_min: float = 0.0
    rough: str = PASSABLE             # class of a rough surface (setts, cobbles)
    unpaved: str = PASSABLE
    stairs: str = PASSABLE
    escalator: str = PASSABLE
    plain_elevator: str = PASSABLE    # an elevator not built for wheelchairs
    needs_tactile: bool = False       # no tactile paving is a caution
    needs_signal: bool = False        # a crossing without a signal is a caution
    source: str = ""

    def __post_init__(self) -> None:
        for name in ("key", "name", "source"):
            if not isinstance(getattr(self, name), str):
                raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the profile's {} must be text, not {}"),
                                     name, repr(getattr(self, name)))
        for name in ("speed", *LIMITS):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or np.isnan(value):
                raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the profile's {} must be a number, not {}"),
                                     name, repr(value))
        # A speed of 0 would make every link take forever, a negative one make time run backwards.
        if not 0 < self.speed < np.inf:
            raise UrbanTwinError(QT_TRANSLATE_NOOP(
                "@default", "the profile's speed must be a positive number of metres a second, not {}"), self.speed)
        for name in LIMITS:
            if getattr(self, name) < 0:
                raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the profile's {} must be zero or more, not {}"),
                                     name, getattr(self, name))
        for name in VERDICTS:
            if getattr(self, name) not in SEVERITY:
                raise UrbanTwinError(QT_TRANSLATE_NOOP(
                    "@default", "the profile's {} must be one of passable, caution, impassable, not {}"),
                    name, repr(getattr(self, name)))
        for name in SWITCHES:
            if not isinstance(getattr(self, name), bool):
                raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the profile's {} must be true or false, not {}"),
                                     name, repr(getattr(self, name)))


PROFILES = {p.key: p for p in (
    Profile("wheelchair", "車いす（手動）/ manual wheelchair", 1.0, slope_caution=5.0, slope_max=8.0,
            step_caution=2.0, step_max=2.0, width_caution=2.0, width_min=0.9, rough=CAUTION, unpaved=IMPASSABLE,
            stairs=IMPASSABLE, escalator=IMPASSABLE, plain_elevator=CAUTION,
            source="道路移動等円滑化基準: slope 5 % (8 % where unavoidable), step 2 cm, width 2 m; wheelchair 0.9 m"),
    Profile("electric_wheelchair", "車いす（電動）/ electric wheelchair", 1.2, slope_caution=5.0, slope_max=100 / 12,
            step_caution=2.0, step_max=2.0, width_caution=2.0, width_min=0.9, rough=CAUTION, unpaved=CAUTION,
            stairs=IMPASSABLE, escalator=IMPASSABLE, plain_elevator=CAUTION,
            source="建築物移動等円滑化基準: ramps 1/12; 道路移動等円滑化基準: step 2 cm, width 2 m"),
    Profile("stroller", "ベビーカー / stroller", 1.1, slope_caution=5.0, slope_max=12.0, step_caution=2.0,
            step_max=10.0, width_caution=1.0, width_min=0.6, rough=CAUTION, unpaved=CAUTION, stairs=IMPASSABLE,
            escalator=IMPASSABLE, source="道路移動等円滑化基準: slope 5 %, step 2 cm"),
    Profile("visually_impaired", "視覚障害者 / visually impaired", 1.0, slope_caution=8.0, step_caution=2.0,
            width_caution=1.0, unpaved=CAUTION, stairs=CAUTION, escalator=CAUTION, needs_tactile=True,
            needs_signal=True, source="道路移動等円滑化基準: tactile paving (視覚障害者誘導用ブロック), signals"),
    Profile("cane", "高齢者（杖）/ elderly with a cane", 0.8, slope_caution=5.0, slope_max=12.0, step_caution=2.0,
            step_max=16.0, rough=CAUTION, unpaved=CAUTION, stairs=CAUTION, escalator=CAUTION,
            source="道路移動等円滑化基準: slope 5 %, step 2 cm"),
    Profile("walker", "歩行者 / unimpeded walker", 1.3, source="no limits: the reference walker"),
)}


def read_profile(path: str) -> Profile:
    """A user-defined profile from a JSON file, which is UTF-8 text (see profile_from_json)."""
    try:
        with open(path, encoding="utf-8-sig") as stream:
            text = stream.read()
    except UnicodeDecodeError:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "the profile {} is not UTF-8 text (Shift_JIS, perhaps): save it as UTF-8, as JSON files "
                        "are"), path) from None
    except OSError as exc:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the profile {} cannot be read: {}"),
                             path, exc.strerror) from None
    return profile_from_json(text)


def profile_from_json(text: str) -> Profile:
    """A user-defined profile from JSON holding any of Profile's fields (the rest from the wheelchair)."""
    try:
        values = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the profile is not valid JSON: {}"), exc.msg) from None
    if not isinstance(values, dict):
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "the profile must be a JSON object of fields and values, not a JSON {}"),
            JSON_KINDS.get(type(values), type(values).__name__))
    base = asdict(PROFILES["wheelchair"])
    unknown = set(values) - set(base)
    if unknown:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "unknown profile fields: {}"), ', '.join(sorted(unknown)))
    base.update(values)
    base.setdefault("key", "custom")
    return Profile(**base)


@dataclass
class Classified:
    """Per link: class and reasons for one profile; hazard points; counts per class."""

    links: gpd.GeoDataFrame           # the network's links plus class, reasons, cost_s
    hazards: gpd.GeoDataFrame         # points: kind, link_id, reason
    nodes: gpd.GeoDataFrame           # node_id, class (worst of its links), degree
    counts: pd.DataFrame              # class, links, length_m
    profile: Profile
    graphs: dict = field(default_factory=dict, repr=False)  # routing graphs, built once per walker kind

    def cost(self, who: str) -> np.ndarray:
        """Seconds per link for the profile, or for the unimpeded walker on the same links."""
        if who == "profile":
            return self.links["cost_s"].to_numpy(float)
        return self.links["length_m"].to_numpy(float) / PROFILES["walker"].speed

    def routing(self, who: str) -> tuple[csr_matrix, dict[str, int], csr_matrix, cKDTree]:
        """The graph for 'profile' or 'walker' costs: matrix, node index, link row (+1) per edge, and a
        search tree of the nodes in index order."""
        if who not in self.graphs:
            cost = self.cost(who)
            graph, index, table = _graph(self.links, np.isfinite(cost), cost)
            rows = csr_matrix((table["row"].to_numpy() + 1, (table["u"].to_numpy(), table["v"].to_numpy())),
                              shape=graph.shape)
            position = self.nodes.set_index("node_id").geometry.reindex(list(index))
            self.graphs[who] = (graph, index, rows, cKDTree(shapely.get_coordinates(position.values)))
        return self.graphs[who]


def classify(network: Network, profile: Profile) -> Classified:
    """Classify every link for a profile (passable / caution / impassable) with the reasons why."""
    links = network.links
    n = len(links)
    reasons: list[list[str]] = [[] for _ in range(n)]
    level = np.zeros(n, dtype=np.int8)  # 0 passable, 1 caution, 2 impassable

    def rule(mask: np.ndarray, severity: int, text) -> None:
        """Raise the masked links to severity; text is a reason, or a function of a link index giving one."""
        chosen = np.flatnonzero(mask)
        for i in chosen:
            reasons[i].append(text if isinstance(text, str) else text(i))
        np.maximum.at(level, chosen, severity)

    def measured(column: str, caution: float, worst: float, label: str, unit: str, below: bool = False) -> None:
        """One reason at most per attribute: impassable where the value surely passes `worst`, caution where
        it surely passes `caution` or may pass either. Exact values have lo == hi; a code gives a range."""
        lo, hi = links[f"{column}_lo"].to_numpy(float), links[f"{column}_hi"].to_numpy(float)
        exact, done = lo == hi, np.zeros(len(lo), dtype=bool)
        for limit, severity in ((worst, 2), (caution, 1)):
            if not np.isfinite(limit) or (below and limit <= 0):
                continue
            if below:
                sure = np.where(exact, lo < limit, hi <= limit)
                maybe = ~exact & ~sure & (lo < limit)
                def said(i, bound=limit):
                    if exact[i]:
                        return f"{label} {lo[i]:.2f}{unit} < {bound:g}{unit}"
                    return f"{label} under {hi[i]:g}{unit}, limit {bound:g}{unit}"

                def doubt(i, bound=limit):
                    return f"{label} {lo[i]:g}-{hi[i]:g}{unit} may be under {bound:g}{unit}"
            else:
                sure = np.where(exact, lo > limit, lo >= limit)  # a code meaning 'over 5 %' surely passes 5 %
                maybe = ~exact & ~sure & (hi > limit)
                def said(i, bound=limit):
                    if exact[i]:
                        return f"{label} {lo[i]:.1f}{unit} > {bound:g}{unit}"
                    return f"{label} over {lo[i]:g}{unit}, limit {bound:g}{unit}"

                def doubt(i, bound=limit):
                    return f"{label} over {lo[i]:g}{unit} may exceed {bound:g}{unit}"
            rule(sure & ~done, severity, said)
            rule(maybe & ~done, CAUTION_LEVEL, doubt)
            done |= sure | maybe

    measured("slope", profile.slope_caution, profile.slope_max, "slope", "%")
    measured("step", profile.step_caution, profile.step_max, "step", " cm")
    measured("width", profile.width_caution, profile.width_min, "width", " m", below=True)
    surface = links["surface"].to_numpy()
    for kind, verdict in (("rough", profile.rough), ("unpaved", profile.unpaved)):
        rule(surface == kind, SEVERITY[verdict], f"{kind} surface")
    rule(links["stairs"].to_numpy(bool) & ~links["escalator"].to_numpy(bool), SEVERITY[profile.stairs], "stairs")
    rule(links["escalator"].to_numpy(bool), SEVERITY[profile.escalator], "escalator")
    rule(links["elevator"].to_numpy() == "plain", SEVERITY[profile.plain_elevator],
         "elevator not built for wheelchairs")
    if profile.needs_tactile:
        rule(links["tactile"].to_numpy(float) == 0, 1, "no tactile paving")
    if profile.needs_signal:
        rule(links["crossing"].to_numpy(bool) & (links["signal"].to_numpy() == "none"), 1, "crossing without signal")
    names = np.array([PASSABLE, CAUTION, IMPASSABLE])
    result = links.copy()
    result["class"] = names[level]
    result["reasons"] = ["; ".join(r) for r in reasons]
    result["cost_s"] = links["length_m"].to_numpy() / profile.speed * np.where(level == 1, CAUTION_COST, 1.0)
    result.loc[level == 2, "cost_s"] = np.inf
    return Classified(result, _hazard_points(result, network, profile), _node_classes(result, network),
                      _counts(result), profile)


def _hazard_points(links: gpd.GeoDataFrame, network: Network, profile: Profile) -> gpd.GeoDataFrame:
    """Steps, stairs without an alternative, and pinch points, each at its link's middle."""
    frames = []
    for kind, pattern in (("step", r"(step [^;]*)"), ("pinch point", r"(width [^;]*)")):
        found = links["reasons"].str.extract(pattern, expand=False)
        chosen = found.notna().to_numpy()
        frames.append(pd.DataFrame({"kind": kind, "link_id": links["link_id"].to_numpy()[chosen],
                                    "class": links["class"].to_numpy()[chosen], "reason": found[chosen].to_numpy(),
                                    "row": np.flatnonzero(chosen)}))
    # Stairs are a hazard point where the profile has no other way between their two ends.
    stairs = np.flatnonzero(links["stairs"].to_numpy(bool) & (links["class"].to_numpy() != PASSABLE))
    if len(stairs):
        graph, index, _ = _graph(links, np.isfinite(links["cost_s"].to_numpy()) & ~links["stairs"].to_numpy(bool))
        _, component = connected_components(graph, directed=False)
        a = component[links["start"].map(index).to_numpy()[stairs]]
        b = component[links["end"].map(index).to_numpy()[stairs]]
        alone = stairs[a != b]
        frames.append(pd.DataFrame({"kind": "stairs without an "
                                            "alternative", "link_id": links["link_id"].to_numpy()[alone],
                                    "class": links["class"].to_numpy()[alone], "reason": "stairs", "row": alone}))
    table = pd.concat(frames, ignore_index=True)
    middle = shapely.line_interpolate_point(links.geometry.values[table.pop("row").to_numpy(int)], 0.5,
                                            normalized=True)
    return gpd.GeoDataFrame(table, geometry=middle, crs=links.crs)


def _node_classes(links: gpd.GeoDataFrame, network: Network) -> gpd.GeoDataFrame:
    """Each node: the worst class among its links, and how many links meet there."""
    ends = pd.concat([links[["start", "class"]].rename(columns={"start": "node_id"}),
                      links[["end", "class"]].rename(columns={"end": "node_id"})])
    ends["level"] = ends["class"].map(SEVERITY)
    worst = ends.groupby("node_id")["level"].agg(["max", "size"])
    nodes = network.nodes.copy()
    table = worst.reindex(nodes["node_id"])
    nodes["class"] = np.array([PASSABLE, CAUTION, IMPASSABLE])[table["max"].fillna(0).astype(int).to_numpy()]
    nodes["degree"] = table["size"].fillna(0).astype(int).to_numpy()
    return nodes


def _counts(links: gpd.GeoDataFrame) -> pd.DataFrame:
    grouped = links.groupby("class")["length_m"].agg(["size", "sum"]).reindex([PASSABLE, CAUTION, IMPASSABLE],
                                                                               fill_value=0)
    return pd.DataFrame({"class": grouped.index, "links": grouped["size"].astype(int).to_numpy(),
                         "length_m": grouped["sum"].to_numpy()})


# --- graph, reach and route ------------------------------------------------------------------------

def _graph(links: pd.DataFrame, usable: np.ndarray, weight: np.ndarray | None = None
           ) -> tuple[csr_matrix, dict[str, int], pd.DataFrame]:
    """A directed sparse graph of the usable links (the cheapest where two join the same nodes), the
    index of each node id, and the edge table (u, v, w, link row): both ways unless a link is one-way."""
    n = len(links)
    codes, ids = pd.factorize(pd.concat([links["start"], links["end"]], ignore_index=True))
    u, v = codes[:n], codes[n:]
    weight = links["length_m"].to_numpy(float) if weight is None else weight
    direction = links["direction"].to_numpy()
    rows = np.arange(n)
    forward = usable & (direction != "backward")
    backward = usable & (direction != "forward")
    table = pd.DataFrame({"u": np.concatenate((u[forward], v[backward])),
                          "v": np.concatenate((v[forward], u[backward])),
                          # a zero weight would vanish from a sparse matrix: keep it just above zero
                          "w": np.clip(np.concatenate((weight[forward], weight[backward])), 1e-9, None),
                          "row": np.concatenate((rows[forward], rows[backward]))})
    order = np.lexsort((table["w"].to_numpy(), table["v"].to_numpy(), table["u"].to_numpy()))
    table = table.iloc[order]
    if len(table):
        table = table[np.r_[True, (np.diff(table["u"].to_numpy()) != 0) | (np.diff(table["v"].to_numpy()) != 0)]]
    graph = csr_matrix((table["w"].to_numpy(), (table["u"].to_numpy(), table["v"].to_numpy())),
                       shape=(len(ids), len(ids)))
    return graph, dict(zip(ids.tolist(), range(len(ids)))), table


@dataclass
class Reach:
    """What origins reach within a time for a profile and for an unimpeded walker."""

    area: gpd.GeoDataFrame        # who ('profile' / 'walker'), geometry
    buildings: pd.DataFrame | None
    node_seconds: np.ndarray      # profile time to every node (inf: not reached)
    walker_seconds: np.ndarray
    nodes: list[str]


def reach(classified: Classified, origins: np.ndarray, minutes: float, buffer_m: float = 25.0,
          buildings: gpd.GeoDataFrame | None = None, snap_m: float = 100.0) -> Reach:
    """The area (links buffered) and the buildings reachable within `minutes` from any origin point."""
    if not minutes > 0:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the walking time must be positive"))
    if not 0 < buffer_m < np.inf:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the area buffer must be a positive distance, not {}"),
                             buffer_m)
    links = classified.links
    limit = minutes * 60.0
    results, areas = {}, []
    for who in ("profile", "walker"):
        graph, index, _, tree = classified.routing(who)
        sources = np.unique(_snap(tree, origins, snap_m))
        seconds = dijkstra(graph, directed=True, indices=sources, limit=limit, min_only=True)
        results[who] = (seconds, index)
        areas.append(_reached_area(links, classified.cost(who), seconds, index, limit, buffer_m))
    table = None
    if buildings is not None and len(buildings):
        table = _reached_buildings(buildings, classified.nodes, results, limit)
    area = gpd.GeoDataFrame({"who": ["profile", "walker"], "profile": classified.profile.key,
                             "minutes": minutes}, geometry=areas, crs=links.crs)
    profile_index = results["profile"][1]
    walker_seconds = np.array([results["walker"][0][results["walker"][1][n]] for n in profile_index])
    return Reach(area, table, results["profile"][0], walker_seconds, list(profile_index))


def _snap(tree: cKDTree, points: np.ndarray, snap_m: float) -> np.ndarray:
    """Graph indices of the nodes nearest to points (each within snap_m)."""
    distance, nearest = tree.query(np.atleast_2d(points))
    if np.any(distance > snap_m):
        far = int(np.argmax(distance))
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "point {} is {:.0f} m from the network (limit {:g} m)"), far + 1, distance[far], snap_m)
    return nearest


def _reached_area(links: gpd.GeoDataFrame, cost: np.ndarray, seconds: np.ndarray, index: dict[str, int],
                  limit: float, buffer_m: float):
    """Links (or the reached part of them) within the limit, buffered."""
    start = seconds[links["start"].map(index).to_numpy()]
    end = seconds[links["end"].map(index).to_numpy()]
    lines, length = links.geometry.values, links["length_m"].to_numpy(float)
    whole = np.isfinite(cost) & ((start + cost <= limit) | (end + cost <= limit))
    pieces = list(lines[whole])
    for i in np.flatnonzero(np.isfinite(cost) & ~whole & ((start <= limit) | (end <= limit))):
        per_metre = cost[i] / max(length[i], 1e-9)
        if start[i] <= limit:
            pieces.append(substring(lines[i], 0.0, (limit - start[i]) / per_metre))
        if end[i] <= limit:
            pieces.append(substring(lines[i], length[i] - (limit - end[i]) / per_metre, length[i]))
    return buffered_area(pieces, buffer_m)


def buffered_area(lines: list, distance: float, cells_per_distance: int = 5, max_memory_gb: float = 4.0):
    """The area within `distance` of the lines, traced on a grid of distance/5 cells.

    Exact unions of tens of thousands of buffers take seconds; a distance transform and a filled contour
    take a fraction of that, with edges true to a cell (its diagonal). A grid needing more than
    max_memory_gb is refused before it is allocated.
    """
    if not lines:
        return shapely.Polygon()
    cell = distance / cells_per_distance
    geometries = np.array(lines, dtype=object)
    bounds = shapely.total_bounds(geometries)
    xmin, ymin = bounds[:2] - distance - 2 * cell
    xmax, ymax = bounds[2:] + distance + 2 * cell
    cols, rows = int(np.ceil((xmax - xmin) / cell)), int(np.ceil((ymax - ymin) / cell))
    need = rows * cols * AREA_BYTES_PER_CELL / 1e9
    if need > max_memory_gb:
        # the cells grow with (extent / cell)^2, so the buffer that fits scales with the square root
        fits = distance * (need / max_memory_gb) ** 0.5
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "tracing the reachable area ({:.1f} x {:.1f} km) at a buffer of {:g} m would need about "
                        "{:.1f} GB; the limit is {:g} GB: use a buffer of at least {:.0f} m, or fewer minutes or "
                        "origins"), (xmax - xmin) / 1000, (ymax - ymin) / 1000, distance, need, max_memory_gb,
            np.ceil(fits))
    points = shapely.get_coordinates(shapely.segmentize(geometries, cell / 2))
    on_line = np.ones((rows, cols), dtype=bool)
    on_line[((points[:, 1] - ymin) / cell).astype(int), ((points[:, 0] - xmin) / cell).astype(int)] = False
    gap = distance_transform_edt(on_line) * cell
    xs, ys = xmin + (np.arange(cols) + 0.5) * cell, ymin + (np.arange(rows) + 0.5) * cell
    filled = contourpy.contour_generator(xs, ys, gap, fill_type="OuterOffset").filled(-1.0, distance)
    polygons = []
    for ring_points, offsets in zip(*filled):
        rings = [ring_points[offsets[k]:offsets[k + 1]] for k in range(len(offsets) - 1)]
        polygons.append(shapely.Polygon(rings[0], rings[1:]))
    return shapely.MultiPolygon(polygons) if len(polygons) > 1 else polygons[0]


def _reached_buildings(buildings: gpd.GeoDataFrame, nodes: gpd.GeoDataFrame, results: dict, limit: float,
                       snap_m: float = 50.0) -> pd.DataFrame:
    """Each building: minutes for the walker and for the profile from its nearest node (within snap_m)."""
    order = list(results["profile"][1])
    xy = shapely.get_coordinates(nodes.set_index("node_id").geometry.reindex(order).values)
    distance, nearest = cKDTree(xy).query(shapely.get_coordinates(shapely.point_on_surface(buildings.geometry.values)))
    names = np.array(order)[nearest]
    minutes = {}
    for who, (seconds, index) in results.items():
        value = np.array([seconds[index[n]] for n in names]) / 60.0
        minutes[who] = np.where(distance <= snap_m, value, np.inf)
    ids = buildings["gml_id"] if "gml_id" in buildings.columns else buildings.index.astype(str)
    table = pd.DataFrame({"building_id": np.asarray(ids), "walker_min": minutes["walker"],
                          "profile_min": minutes["profile"]})
    table["reachable_walker"] = table["walker_min"] <= limit / 60.0
    table["reachable_profile"] = table["profile_min"] <= limit / 60.0
    table["walker_only"] = table["reachable_walker"] & ~table["reachable_profile"]
    return table.replace([np.inf], np.nan)


@dataclass
class Route:
    """The best route for a profile, or why there is none."""

    found: bool
    line: gpd.GeoDataFrame            # the route (profile, or the walker's when none), with totals
    avoided: list[str] = field(default_factory=list)    # hazard reasons on the walker's route it avoids
    blocking: list[str] = field(default_factory=list)   # link ids that stop the profile on the walker's route
    message: str = ""


def route(classified: Classified, start: tuple[float, float], end: tuple[float, float], snap_m: float = 100.0) -> Route:
    """The fastest route for the profile between two points, against the unimpeded walker's."""
    links = classified.links
    paths = {}
    for who in ("profile", "walker"):
        graph, _, edge_rows, tree = classified.routing(who)
        a, b = _snap(tree, np.array([start, end]), snap_m)
        node = tuple(tree.data[a])  # where a route of no links (start and end at one node) lies
        seconds, previous = dijkstra(graph, directed=True, indices=a, return_predecessors=True)
        paths[who] = _path_rows(edge_rows, previous, a, b) if np.isfinite(seconds[b]) else None
    if paths["walker"] is None:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the two points are not connected by the network at all"))
    walker_rows = paths["walker"]
    on_walker = links.iloc[walker_rows]
    if paths["profile"] is None:
        blocking = on_walker.loc[on_walker["class"] == IMPASSABLE, "link_id"].tolist()
        reasons = sorted(set("; ".join(on_walker.loc[on_walker["class"] == IMPASSABLE, "reasons"]).split("; ")))
        line = _route_frame(links, walker_rows, "walker (no barrier-free route)", classified.cost("walker"), node)
        return Route(False, line, [], blocking,
                     f"no barrier-free route for {classified.profile.key}: blocked by {', '.join(reasons)}")
    rows = paths["profile"]
    avoided = sorted(set(r for text in on_walker.loc[on_walker["class"] != PASSABLE, "reasons"]
                         for r in text.split("; ") if r) - set(r for text in links.iloc[rows]["reasons"]
                                                             for r in text.split("; ") if r))
    line = _route_frame(links, rows, classified.profile.key, classified.cost("profile"), node)
    return Route(True, line, avoided, [], "")


def _path_rows(edge_rows: csr_matrix, previous: np.ndarray, a: int, b: int) -> list[int]:
    """Link rows along the shortest path from a to b (none when a is b)."""
    if a == b:
        return []
    path = [b]
    while path[-1] != a:
        path.append(previous[path[-1]])
    nodes = np.array(path[::-1])
    return (np.asarray(edge_rows[nodes[:-1], nodes[1:]]).ravel() - 1).astype(int).tolist()


def _route_frame(links: gpd.GeoDataFrame, rows: list[int], who: str, cost: np.ndarray, node: tuple[float, float]
                 ) -> gpd.GeoDataFrame:
    """The route as one line with its totals; a route of no links is a line of zero length at its node."""
    chosen = links.iloc[rows]
    length = float(chosen["length_m"].sum())
    seconds = float(cost[rows].sum())
    geometry = (shapely.line_merge(shapely.MultiLineString(list(chosen.geometry.values))) if rows
                else shapely.LineString([node, node]))
    return gpd.GeoDataFrame({"who": [who], "length_m": [length], "minutes": [seconds / 60.0],
                             "links": [len(rows)], "cautions": [int((chosen["class"] == CAUTION).sum())]},
                            geometry=[geometry], crs=links.crs)
