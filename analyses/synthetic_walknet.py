"""Generated pedestrian networks in the 歩行空間ネットワーク format: the sample district's sidewalks with
realistic hazards, and a large grid for benchmarks."""
from __future__ import annotations

import os

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .synthetic import Scene
from .walknet import UNKNOWN


def sample_network(scene: Scene, seed: int = 7) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Sidewalks 1.5 m inside both edges of every road, crossings over each road, stairs up to two station
    decks (one also with an elevator), with narrow, stepped, rough and steep spots."""
    rng = np.random.default_rng(seed)
    spec, (ox, oy) = scene.spec, scene.origin
    pitch = spec.block + spec.road_width
    roads = range(int(spec.size // pitch) + 1)
    lines = sorted(v for i in roads for v in (i * pitch + 1.5, i * pitch + spec.road_width - 1.5))
    main = {2 * 2, 2 * 2 + 1}  # the sidewalks of the third road each way: the high street
    nodes, links = {}, []

    def node(ix: int, iy: int) -> str:
        key = f"n{ix:02d}{iy:02d}"
        nodes[key] = (ox + lines[ix], oy + lines[iy])
        return key

    for along in ("x", "y"):
        for fixed in range(len(lines)):
            for k in range(len(lines) - 1):
                a, b = (node(k, fixed), node(k + 1, fixed)) if along == "x" else (node(fixed, k), node(fixed, k + 1))
                crossing = k % 2 == 0  # between the two sidewalks of one road
                links.append(_attributes(rng, a, b, crossing, fixed in main))
    # Two station decks north of the high street: the west one reached by stairs only, the east one by
    # stairs and an elevator.
    deck = {"deck_w": (ox + lines[3] + 30.0, oy + lines[5] + 25.0),
            "deck_e": (ox + lines[6] + 30.0, oy + lines[5] + 25.0)}
    nodes.update(deck)
    links.append({**_plain("n0305", "deck_w"), "rt_struct": 6, "route_type": 6})
    links.append({**_plain("n0605", "deck_e"), "rt_struct": 6, "route_type": 6})
    links.append({**_plain("n0605", "deck_e"), "rt_struct": 7, "route_type": 4, "elevator": 3})
    node_frame = gpd.GeoDataFrame({"node_id": list(nodes), "floor": 0},
                                  geometry=shapely.points(list(nodes.values())), crs=scene.epsg)
    geometry = [shapely.LineString([nodes[link["start_id"]], nodes[link["end_id"]]]) for link in links]
    link_frame = gpd.GeoDataFrame(pd.DataFrame(links), geometry=geometry, crs=scene.epsg)
    link_frame.insert(0, "link_id", [f"l{i:04d}" for i in range(len(link_frame))])
    link_frame["distance"] = link_frame.length.round(2)
    return link_frame, node_frame


def _plain(a: str, b: str) -> dict:
    """A link with every coded attribute unknown, to be filled in."""
    return {"start_id": a, "end_id": b, "rt_struct": 1, "route_type": 1, "direction": 1, "width": UNKNOWN,
            "width_value": np.nan, "vtcl_slope": UNKNOWN, "vtcl_slope_value": np.nan, "lev_diff": 1,
            "lev_diff_value": np.nan, "tfc_signal": 1, "brail_tile": 1, "elevator": 1, "roof": 1, "surface": "asphalt"}


def _attributes(rng: np.random.Generator, a: str, b: str, crossing: bool, main: bool) -> dict:
    link = _plain(a, b)
    link["brail_tile"] = 2 if main else 1
    if crossing:
        link.update(rt_struct=3, width=4, width_value=4.0, tfc_signal=2 if main else 1, brail_tile=2 if main else 1)
        if rng.random() < 0.4:  # kerbs not lowered to 2 cm
            link.update(lev_diff=2, lev_diff_value=float(rng.choice([3.0, 5.0, 8.0])))
        return link
    width = float(rng.uniform(2.0, 3.5))
    if rng.random() < 0.12:
        width = float(rng.choice([0.8, 1.2, 1.6]))
    link.update(width=1 if width < 1 else 2 if width < 2 else 3 if width < 3 else 4, width_value=round(width, 2))
    roll = rng.random()
    if roll < 0.05:
        link["surface"] = "gravel"
    elif roll < 0.10:
        link["surface"] = "sett"
    if rng.random() < 0.3:  # surveyed slopes; the rest come from the DEM
        value = float(rng.choice([1.5, 4.0, 5.0, 6.5, 9.0]))
        link.update(vtcl_slope=1 if value <= 5 else 2, vtcl_slope_value=value)
    return link


def write_sample_network(scene: Scene, folder: str) -> tuple[str, str]:
    """Write the sample network as GeoJSON (WGS84 longitude/latitude, as GeoJSON requires)."""
    links, nodes = sample_network(scene)
    os.makedirs(folder, exist_ok=True)
    nodes = nodes.to_crs(4326)
    nodes["lat"], nodes["lon"] = nodes.geometry.y.round(8), nodes.geometry.x.round(8)
    paths = os.path.join(folder, "link.geojson"), os.path.join(folder, "node.geojson")
    for frame, path in ((links.to_crs(4326), paths[0]), (nodes, paths[1])):
        if os.path.exists(path):
            os.remove(path)
        frame.to_file(path, driver="GeoJSON", COORDINATE_PRECISION=8)
    return paths


def grid_network(n_links: int, seed: int = 1, spacing: float = 50.0, epsg: int = 6677) -> gpd.GeoDataFrame:
    """A square grid of about n_links links with random hazards, for benchmarks."""
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n_links / 2.0))) + 1
    ii, jj = np.meshgrid(np.arange(side), np.arange(side), indexing="ij")
    names = np.char.add("n", (ii * side + jj).astype(str))
    starts, ends = [], []
    for di, dj in ((1, 0), (0, 1)):
        starts.append(names[: side - di, : side - dj].ravel())
        ends.append(names[di:, dj:].ravel())
    start, end = np.concatenate(starts), np.concatenate(ends)
    x0 = np.concatenate([ii[: side - 1, :].ravel(), ii[:, : side - 1].ravel()]) * spacing
    y0 = np.concatenate([jj[: side - 1, :].ravel(), jj[:, : side - 1].ravel()]) * spacing
    horizontal = np.concatenate([np.ones((side - 1) * side, bool), np.zeros(side * (side - 1), bool)])
    x1, y1 = x0 + horizontal * spacing, y0 + ~horizontal * spacing
    n = len(start)
    slope = rng.choice([1.0, 3.0, 5.0, 6.0, 9.0, np.nan], n, p=[0.3, 0.3, 0.1, 0.1, 0.05, 0.15])
    step = rng.choice([0.0, 2.0, 3.0, 10.0], n, p=[0.8, 0.1, 0.07, 0.03])
    width = rng.choice([0.8, 1.5, 2.5, 4.0], n, p=[0.03, 0.12, 0.6, 0.25])
    return gpd.GeoDataFrame({
        "link_id": np.char.add("l", np.arange(n).astype(str)), "start_id": start, "end_id": end,
        "rt_struct": 1, "route_type": np.where(rng.random(n) < 0.01, 6, 1), "direction": 1,
        "width": np.where(width < 1, 1, np.where(width < 2, 2, np.where(width < 3, 3, 4))), "width_value": width,
        "vtcl_slope": np.where(np.isnan(slope), UNKNOWN, np.where(slope <= 5, 1, 2)), "vtcl_slope_value": slope,
        "lev_diff": np.where(step <= 2, 1, 2), "lev_diff_value": step, "brail_tile": rng.choice([1, 2], n),
        "tfc_signal": 1, "elevator": 1, "surface": rng.choice(["asphalt", "sett", "gravel"], n, p=[0.9, 0.07, 0.03]),
    }, geometry=shapely.linestrings(np.stack([np.column_stack((x0, y0)), np.column_stack((x1, y1))], axis=1)),
        crs=epsg)
