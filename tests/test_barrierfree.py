"""Barrier-free analysis: thresholds at their boundaries, spec codes, DEM slopes, and graphs vs networkx."""
from __future__ import annotations

import geopandas as gpd
import networkx as nx
import numpy as np
import pytest
import shapely
from conftest import SAMPLE

from urban_twin.analyses import barrierfree as bf
from urban_twin.analyses import walknet
from urban_twin.analyses.citymodel import Terrain
from urban_twin.analyses.errors import UrbanTwinError
from urban_twin.analyses.synthetic_walknet import grid_network

EPSG = 6677


def links(*rows, crs=EPSG) -> gpd.GeoDataFrame:
    """Links (start, end, x0, y0, x1, y1, attributes) in the spec's columns."""
    records, lines = [], []
    for i, (a, b, x0, y0, x1, y1, attrs) in enumerate(rows):
        records.append({"link_id": f"l{i}", "start_id": a, "end_id": b, "rt_struct": 1, "route_type": 1,
                        "direction": 1, **attrs})
        lines.append(shapely.LineString([(x0, y0), (x1, y1)]))
    return gpd.GeoDataFrame(records, geometry=lines, crs=crs)


def one(attrs: dict, profile: str = "wheelchair") -> tuple[str, str]:
    network = walknet.read_network(links(("a", "b", 0, 0, 10, 0, attrs)), None, EPSG)
    row = bf.classify(network, bf.PROFILES[profile]).links.iloc[0]
    return row["class"], row["reasons"]


@pytest.mark.parametrize("slope,expected", [(5.0, "passable"), (5.1, "caution"), (8.0, "caution"),
                                            (8.1, "impassable")])
def test_slope_thresholds_at_their_boundaries(slope, expected):
    cls, reasons = one({"vtcl_slope": 1 if slope <= 5 else 2, "vtcl_slope_value": slope})
    assert cls == expected
    if expected == "impassable":
        assert reasons == f"slope {slope:.1f}% > 8%"


@pytest.mark.parametrize("step,expected", [(2.0, "passable"), (2.1, "impassable")])
def test_step_threshold(step, expected):
    assert one({"lev_diff": 1 if step <= 2 else 2, "lev_diff_value": step})[0] == expected


@pytest.mark.parametrize("width,expected", [(2.0, "passable"), (1.99, "caution"), (0.9, "caution"),
                                            (0.89, "impassable")])
def test_width_thresholds(width, expected):
    assert one({"width": 3 if width >= 2 else 2, "width_value": width})[0] == expected


def test_codes_map_as_the_specification_says():
    assert one({"vtcl_slope": 1}) == ("passable", "")                      # 5 % or less
    assert one({"vtcl_slope": 2}) == ("caution", "slope over 5% may exceed 8%")  # over 5 %, value unknown
    assert one({"lev_diff": 2})[0] == "impassable"                           # over 2 cm
    assert one({"width": 1}) == ("caution", "width 0-1 m may be under 0.9 m")  # under 1.0 m
    assert one({"width": 2})[0] == "caution"                                 # 1.0-2.0 m
    assert one({"width": 4})[0] == "passable"
    assert one({"route_type": 6}) == ("impassable", "stairs")
    assert one({"route_type": 6}, "cane") == ("caution", "stairs")
    assert one({"route_type": 4, "elevator": 2})[0] == "caution"             # not for wheelchairs
    assert one({"route_type": 4, "elevator": 3})[0] == "passable"
    assert one({"brail_tile": 1}, "visually_impaired") == ("caution", "no tactile paving")
    assert one({"rt_struct": 3, "tfc_signal": 1, "brail_tile": 2}, "visually_impaired") == \
        ("caution", "crossing without signal")


def test_unknown_codes_and_missing_nodes_are_flagged_not_fatal():
    table = links(("a", "b", 0, 0, 10, 0, {"vtcl_slope": 7}), ("b", "zz", 10, 0, 20, 0, {}))
    nodes = gpd.GeoDataFrame({"node_id": ["a", "b"]}, geometry=shapely.points([(0, 0), (10, 0)]), crs=EPSG)
    network = walknet.read_network(table, nodes, EPSG)
    assert "unknown vtcl_slope code 7" in network.links["flags"].iloc[0]
    assert "end node missing" in network.links["flags"].iloc[1]
    assert any("missing from the node table" in n for n in network.notes)


def test_osm_tags():
    table = gpd.GeoDataFrame({"highway": ["footway", "steps", "footway"], "incline": ["9%", "", "up"],
                              "width": ["1.5", "", ""], "kerb": ["", "", "raised"],
                              "surface": ["asphalt", "", "gravel"],
                              "tactile_paving": ["yes", "no", ""]},
                             geometry=[shapely.LineString([(0, 0), (10, 0)]), shapely.LineString([(10, 0), (20, 0)]),
                                       shapely.LineString([(20, 0), (30, 0)])], crs=EPSG)
    result = bf.classify(walknet.read_network(table, None, EPSG), bf.PROFILES["wheelchair"]).links
    assert result["reasons"].iloc[0] == "slope 9.0% > 8%; width 1.50 m < 2 m"
    assert result["class"].tolist() == ["impassable", "impassable", "impassable"]
    assert "step 10.0 cm > 2 cm" in result["reasons"].iloc[2] and "unpaved surface" in result["reasons"].iloc[2]


def test_dem_slope_matches_a_synthetic_ramp():
    x = np.arange(100) + 0.5
    ramp = Terrain(np.tile(0.06 * x, (20, 1)), 0.0, 20.0, 1.0, EPSG)   # 6 % rising eastwards
    network = walknet.read_network(links(("a", "b", 10, 10, 90, 10, {}), ("b", "c", 90, 10, 90, 15, {})),
                                   None, EPSG, ramp)
    assert network.links["slope_lo"].iloc[0] == pytest.approx(6.0, abs=0.01)
    assert network.links["slope_lo"].iloc[1] == pytest.approx(0.0, abs=0.01)   # across the ramp
    assert "slope from DEM" in network.links["flags"].iloc[0]


def test_network_in_another_crs_is_reprojected_and_said():
    table = links(("a", "b", 0, 0, 10, 0, {}))
    network = walknet.read_network(table.to_crs(6668), None, EPSG)
    assert network.epsg == EPSG and network.links["length_m"].iloc[0] == pytest.approx(10.0, abs=0.01)
    assert "reprojected" in network.notes[0]
    with pytest.raises(UrbanTwinError, match="no links"):
        walknet.read_network(table.iloc[:0], None, EPSG)


def _nx_graph(classified: bf.Classified) -> nx.DiGraph:
    graph = nx.DiGraph()
    for row in classified.links.itertuples():
        if not np.isfinite(row.cost_s):
            continue
        for u, v in ((row.start, row.end), (row.end, row.start)):
            if not graph.has_edge(u, v) or graph[u][v]["weight"] > row.cost_s:
                graph.add_edge(u, v, weight=row.cost_s)
    return graph


@pytest.fixture(scope="module")
def grid():
    network = walknet.read_network(grid_network(2000, seed=3), None, EPSG)
    return bf.classify(network, bf.PROFILES["wheelchair"])


def test_reach_agrees_with_networkx(grid):
    origin = grid.nodes.set_index("node_id").geometry["n0"].coords[0]
    result = bf.reach(grid, np.array([origin]), 8.0)
    expected = nx.single_source_dijkstra_path_length(_nx_graph(grid), "n0", cutoff=8 * 60.0)
    reached = {n for n, s in zip(result.nodes, result.node_seconds) if np.isfinite(s)}
    assert reached == set(expected)
    for node, seconds in list(expected.items())[:50]:
        assert result.node_seconds[result.nodes.index(node)] == pytest.approx(seconds)


def test_removing_an_impassable_link_changes_reach_exactly(grid):
    origin = grid.nodes.set_index("node_id").geometry["n0"].coords[0]
    before = bf.reach(grid, np.array([origin]), 8.0)
    links_ = grid.links.copy()
    graph = _nx_graph(grid)
    reachable = set(nx.single_source_dijkstra_path_length(graph, "n0", cutoff=480.0))
    # Block every link out of the origin but one: the reachable set must become what networkx says.
    out = links_.index[(links_["start"] == "n0") | (links_["end"] == "n0")]
    links_.loc[out[1:], "cost_s"] = np.inf
    blocked = bf.Classified(links_, grid.hazards, grid.nodes, grid.counts, grid.profile)
    after = bf.reach(blocked, np.array([origin]), 8.0)
    expected = set(nx.single_source_dijkstra_path_length(_nx_graph(blocked), "n0", cutoff=480.0))
    got = {n for n, s in zip(after.nodes, after.node_seconds) if np.isfinite(s)}
    assert got == expected
    assert np.isfinite(before.node_seconds).sum() == len(reachable)
    links_.loc[out, "cost_s"] = np.inf   # every way out blocked: only the origin itself
    cut = bf.reach(bf.Classified(links_, grid.hazards, grid.nodes, grid.counts, grid.profile),
                   np.array([origin]), 8.0)
    assert {n for n, s in zip(cut.nodes, cut.node_seconds) if np.isfinite(s)} == {"n0"}


def test_route_agrees_with_networkx(grid):
    position = grid.nodes.set_index("node_id").geometry
    start, end = "n0", grid.nodes["node_id"].iloc[-1]
    result = bf.route(grid, position[start].coords[0], position[end].coords[0])
    expected = nx.dijkstra_path_length(_nx_graph(grid), start, end)
    assert result.found and result.line["minutes"].iloc[0] * 60 == pytest.approx(expected)


def test_sample_network_hazards_and_no_barrier_free_route(sample_district):
    links_ = gpd.read_file(f"{SAMPLE}/barrierfree/link.geojson")
    nodes = gpd.read_file(f"{SAMPLE}/barrierfree/node.geojson")
    network = walknet.read_network(links_, nodes, sample_district.epsg)
    classified = bf.classify(network, bf.PROFILES["wheelchair"])
    assert set(classified.hazards["kind"]) >= {"step", "pinch point", "stairs without an alternative"}
    position = classified.nodes.set_index("node_id").geometry
    none = bf.route(classified, position["n0000"].coords[0], position["deck_w"].coords[0])
    assert not none.found and "stairs" in none.message and none.blocking
    via_lift = bf.route(classified, position["n0000"].coords[0], position["deck_e"].coords[0])
    assert via_lift.found and "stairs" in via_lift.avoided
    walker = bf.classify(network, bf.PROFILES["walker"])
    assert (walker.links["class"] == "passable").all()


def test_fallback_network_from_road_polygons(sample_district):
    built = walknet.network_from_roads(sample_district.roads)
    network = walknet.read_network(built, None, sample_district.epsg)
    assert len(network.links) > 20
    assert 8 < network.links["width_lo"].median() < 12   # the sample's roads are 10 m wide
    assert network.links["surface"].eq("unknown").all()


def test_traced_area_matches_the_exact_buffer():
    lines = [shapely.LineString([(0, 0), (200, 0)]), shapely.LineString([(100, -50), (100, 150)]),
             shapely.LineString([(0, 100), (60, 160)])]
    exact = shapely.union_all(shapely.buffer(np.array(lines, dtype=object), 25.0))
    traced = bf.buffered_area(lines, 25.0)
    assert traced.area == pytest.approx(exact.area, rel=0.03)
    # Edges true to one cell (its diagonal) of the tracing grid: 25 m / 5.
    assert shapely.hausdorff_distance(traced.boundary, exact.boundary) <= 5.0 * np.sqrt(2) + 1e-9
