"""The Architectural Institute of Japan's wind-tunnel benchmarks for pedestrian wind (AIJ guidebook, 2008), at
full scale: each case as a massing, its measured points and speed ratios, and the hit rate q and correlation R of
a prediction against them.

The data (`aij_*.csv`, ../shared/data/aij) come in wind-tunnel units; their `source` column names the original
table. The wind-tunnel frame has x downwind and y to the left; here it is laid on a plane-rectangular grid
with x east and y north, the case's centre at the origin.

- Case A (Meng & Hibi 1998): an isolated b x b x 2b block, b = 0.08 m; 60 points at z = b/8. Full scale
  b = 20 m (1:250), so the points are 2.5 m above the ground. Ratio: local horizontal speed over the inflow at
  the same height.
- Case B: a 4:4:1 plate, 4b across the wind, b along it, 4b high, b = 0.05 m; 115 points at z = b/4. The data
  give no full scale: 1:160 puts the points at 2 m (b = 8 m, H = 32 m). Ratio: over the inflow at H.
- Case C: a 3 x 3 array of 0.2 m cubes (streets 0.2 m) whose centre block is absent (0H), of height H (1H) or
  2H; wind at 0, 22.5 and 45 degrees to the streets; 120 points at 0.02 m. The data give no full scale: 1:100
  puts the points at 2 m (20 m blocks and streets). Ratio: over the inflow at the same height. The wind turns
  clockwise from the array's x axis (its 45-degree ratios are symmetric about y = -x, from the data): from
  270 + angle degrees.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .errors import QT_TRANSLATE_NOOP, UrbanTwinError
from .massing import Massing, massing_from_frames

EPSG = 6677
HIT_RELATIVE = 0.25  # AIJ/COST 732 hit rate: |P - O| <= 25 % of O, or
HIT_ABSOLUTE = 0.06  # |P - O| <= 0.06 (the ratios are dimensionless)
ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
DATA = os.path.join(os.path.dirname(ROOT), "shared", "data", "aij")  # ../shared/data/aij beside the repository


@dataclass
class AijCase:
    """One benchmark configuration at full scale."""

    name: str                   # "A", "B", "C 1H 22.5°"
    massing: Massing
    points: np.ndarray          # (n, 2) world x, y of the measured points (m)
    height: float               # of the points above the ground (m)
    observed: np.ndarray        # (n,) measured speed ratios
    direction_deg: float        # where the wind blows from, clockwise from north
    reference_height: float     # the height of the speed the ratios divide by (m)
    inflow: np.ndarray          # (m, 2) the wind tunnel's inflow profile: full-scale height (m), speed (m/s)
    scale: float                # full scale over model scale
    source: str                 # the data's `source`


@dataclass
class Score:
    """How a prediction matches the measurement: hit rate q, correlation R, and the points counted."""

    q: float
    r: float
    n: int


def hit_rate(observed: np.ndarray, predicted: np.ndarray) -> float:
    """The share of points with |P - O| <= 0.25 |O| or <= 0.06; a point without a prediction (NaN) misses."""
    o, p = np.asarray(observed, dtype=float), np.asarray(predicted, dtype=float)
    error = np.abs(p - o)
    hits = (error <= HIT_RELATIVE * np.abs(o)) | (error <= HIT_ABSOLUTE)
    return float(np.count_nonzero(hits & np.isfinite(p)) / len(o))


def correlation(observed: np.ndarray, predicted: np.ndarray) -> float:
    """Pearson's R over the points that have a prediction; NaN when either side is constant."""
    o, p = np.asarray(observed, dtype=float), np.asarray(predicted, dtype=float)
    keep = np.isfinite(p)
    o, p = o[keep] - o[keep].mean(), p[keep] - p[keep].mean()
    denominator = np.sqrt((o * o).sum() * (p * p).sum())
    return float((o * p).sum() / denominator) if denominator > 0 else float("nan")


def score(observed: np.ndarray, predicted: np.ndarray) -> Score:
    """q and R of a prediction at the measured points."""
    if len(observed) != len(predicted) or len(observed) == 0:
        raise ValueError("observed and predicted must be equally long and not empty")
    return Score(hit_rate(observed, predicted), correlation(observed, predicted), len(observed))


def _read(name: str, folder: str) -> pd.DataFrame:
    """One of the data's CSV files."""
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the AIJ benchmark file {} is missing"), path)
    return pd.read_csv(path)


def _massing(boxes: list[tuple[float, float, float, float, float]], scale: float) -> Massing:
    """Blocks (model-scale xmin, ymin, xmax, ymax, height) as a full-scale massing."""
    frame = gpd.GeoDataFrame(
        {"gml_id": [f"block{i}" for i in range(len(boxes))], "height": [b[4] * scale for b in boxes]},
        geometry=[shapely.box(*(np.array(b[:4]) * scale)) for b in boxes], crs=EPSG)
    return massing_from_frames(frame)


def case_a(folder: str = DATA) -> AijCase:
    """Case A, the isolated 1:1:2 block, at b = 20 m."""
    points = _read("aij_caseA.csv", folder)
    points = points[points["plane"] == "pedestrian"]
    inflow = _read("aij_caseA_inflow.csv", folder)
    b, scale = 0.08, 250.0
    return AijCase("A", _massing([(-b / 2, -b / 2, b / 2, b / 2, 2 * b)], scale),
                   points[["x_m", "y_m"]].to_numpy() * scale, float(points["z_m"].iloc[0]) * scale,
                   points["ratio_horizontal"].to_numpy(), 270.0, float(points["z_m"].iloc[0]) * scale,
                   inflow[["z_m", "U_ms"]].to_numpy() * [scale, 1.0], scale, points["source"].iloc[0])


def case_b(folder: str = DATA) -> AijCase:
    """Case B, the 4:4:1 plate broadside to the wind, at b = 8 m."""
    points = _read("aij_caseB_pedestrian.csv", folder)
    points = points[points["section"] == "pedestrian_section"]
    inflow = _read("aij_caseB_inflow.csv", folder)
    b, scale = 0.05, 160.0
    ratio = next(c for c in points.columns if c.startswith("ratio_UH"))
    return AijCase("B", _massing([(-b / 2, -2 * b, b / 2, 2 * b, 4 * b)], scale),
                   points[["x_mm", "y_mm"]].to_numpy() / 1000 * scale, float(points["z_mm"].iloc[0]) / 1000 * scale,
                   points[ratio].to_numpy(), 270.0, 4 * b * scale,
                   inflow[["z_mm", "U_ms"]].to_numpy() * [scale / 1000, 1.0], scale, points["source"].iloc[0])


def case_c(centre: str, angle: str, folder: str = DATA) -> AijCase:
    """Case C, the 3 x 3 array with its centre block `centre` ("0H", "1H", "2H") and the wind at `angle`
    ("0deg", "22.5deg", "45deg") to its streets, at 20 m blocks."""
    points = _read("aij_caseC_pedestrian.csv", folder)
    points = points[points["wind_dir"] == angle]
    inflow = _read("aij_caseC_inflow.csv", folder)
    if points.empty or f"ratio_{centre}" not in points.columns:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the AIJ Case C data have no {} at {}"), centre, angle)
    d, scale = 0.2, 100.0
    factor = {"0H": 0.0, "1H": 1.0, "2H": 2.0}[centre]
    boxes = [(x - d / 2, y - d / 2, x + d / 2, y + d / 2, d * (factor if x == y == 0 else 1.0))
             for x in (-0.4, 0.0, 0.4) for y in (-0.4, 0.0, 0.4)]
    boxes = [b for b in boxes if b[4] > 0]
    degrees = float(angle.removesuffix("deg"))
    return AijCase(f"C {centre} {degrees:g}°", _massing(boxes, scale), points[["x_m", "y_m"]].to_numpy() * scale,
                   float(points["z_m"].iloc[0]) * scale, points[f"ratio_{centre}"].to_numpy(), 270.0 + degrees,
                   float(points["z_m"].iloc[0]) * scale, inflow[["z_m", "U_ms"]].to_numpy() * [scale, 1.0], scale,
                   points["source"].iloc[0])


def all_cases(folder: str = DATA) -> list[AijCase]:
    """Case A, Case B and the nine layouts and directions of Case C."""
    layouts = [(c, a) for c in ("0H", "1H", "2H") for a in ("0deg", "22.5deg", "45deg")]
    return [case_a(folder), case_b(folder)] + [case_c(c, a, folder) for c, a in layouts]


def inflow_exponent(case: AijCase) -> float:
    """The power-law exponent that fits the wind tunnel's inflow up to twice the tallest block."""
    z, u = case.inflow[:, 0], case.inflow[:, 1]
    keep = z <= 2.0 * float(case.massing.height.max())
    return float(np.polyfit(np.log(z[keep]), np.log(u[keep]), 1)[0])


def roughness_for_exponent(exponent: float) -> float:
    """The roughness length whose Counihan (1975) exponent is `exponent` (the inverse of
    `wind.power_law_exponent`), so the diagnostic model runs the wind tunnel's profile."""
    # 0.016 L^2 + 0.096 L + (0.24 - p) = 0 with L = log10(z0); the root above the parabola's minimum
    c = 0.24 - exponent
    root = (-0.096 + np.sqrt(max(0.096 ** 2 - 4 * 0.016 * c, 0.0))) / (2 * 0.016)
    return float(10.0 ** root)


def sample(grid: np.ndarray, x0: float, y0: float, cell: float, points: np.ndarray) -> np.ndarray:
    """Values of a north-up raster at points: the point's cell, or where that is NaN (a building cell at a
    wall the voxels moved) the nearest finite cell within one cell; NaN beyond."""
    rows, cols = grid.shape
    col = np.floor((points[:, 0] - x0) / cell).astype(int)
    row = np.floor((y0 - points[:, 1]) / cell).astype(int)
    out = np.full(len(points), np.nan)
    for n, (r, c) in enumerate(zip(row, col)):
        best = np.inf
        for dr in (0, -1, 1):
            for dc in (0, -1, 1):
                rr, cc = r + dr, c + dc
                if 0 <= rr < rows and 0 <= cc < cols and np.isfinite(grid[rr, cc]) and dr * dr + dc * dc < best:
                    out[n], best = grid[rr, cc], dr * dr + dc * dc
    return out


def extent_of(case: AijCase, margin: float) -> tuple[float, float, float, float]:
    """The blocks and the measured points, with a margin (m) around them."""
    xmin, ymin, xmax, ymax = case.massing.bounds
    xmin, ymin = min(xmin, case.points[:, 0].min()), min(ymin, case.points[:, 1].min())
    xmax, ymax = max(xmax, case.points[:, 0].max()), max(ymax, case.points[:, 1].max())
    return xmin - margin, ymin - margin, xmax + margin, ymax + margin


def predicted_ratio(case: AijCase, speed: np.ndarray, ratio: np.ndarray, reference: float) -> np.ndarray:
    """The raster to compare with the case: the ratio to the inflow at the same height (Cases A and C), or the
    speed over `reference`, the inflow speed at the case's reference height (Case B)."""
    return ratio if case.reference_height == case.height else speed / reference


def diagnostic(case: AijCase, cell: float = 1.0, matched: bool = True) -> np.ndarray:
    """The diagnostic model's (`wind`) speed ratios at the measured points. matched: the inflow exponent of the
    wind tunnel; otherwise the roughness the plugin takes from the district's morphometry."""
    from . import wind
    extent = extent_of(case, 4 * cell)
    z0 = (roughness_for_exponent(inflow_exponent(case)) if matched
          else wind.morphometry(case.massing, shapely.box(*extent), case.direction_deg)["z0"])
    top = float(case.massing.height.max())
    field = wind.solve_wind(case.massing, case.direction_deg, 5.0, top, cell, z0, extent=extent)
    ped = wind.pedestrian_level(field, case.height, cell, extent)
    return at_points(case, ped, float(field.profile(case.reference_height)))


def at_points(case: AijCase, ped, reference: float) -> np.ndarray:
    """A solver's pedestrian-level result (wind.PedestrianWind) as the case's ratios at its measured points;
    reference: the inflow speed at the case's reference height."""
    grid = predicted_ratio(case, ped.speed.values, ped.ratio.values, reference)
    return sample(grid, ped.ratio.x0, ped.ratio.y0, ped.ratio.cell, case.points)
