"""Wind comfort: speed ratios of 16 directions combined with a wind rose into exceedance probabilities
and comfort classes under a named criterion."""
from __future__ import annotations

import csv
from dataclasses import dataclass

import numpy as np

from .errors import UrbanTwinError

DIRECTIONS = np.arange(16) * 22.5


@dataclass
class WindRose:
    """Per direction (16, from N clockwise): frequency (sums to 1) and Weibull k and c (m/s) of the hourly
    mean speed at the reference height."""

    frequency: np.ndarray
    k: np.ndarray
    c: np.ndarray
    height: float
    source: str

    def __post_init__(self) -> None:
        if len(self.frequency) != 16 or len(self.k) != 16 or len(self.c) != 16:
            raise UrbanTwinError("a wind rose needs 16 directions")
        total = float(np.sum(self.frequency))
        if total <= 0:
            raise UrbanTwinError("the wind rose's frequencies are all zero")
        self.frequency = np.asarray(self.frequency, dtype=float) / total


#: An approximate Tokyo rose at 10 m for the default: northerlies (N-NNW) in the cold half of the year and
#: southerlies (S-SSE) in summer, annual mean about 3 m/s, after the pattern of JMA's Tokyo statistics
#: (prevailing directions and mean speeds of 1991-2020). It is illustrative, not station data: for a
#: study, give your station's rose as CSV (direction, frequency, k, c).
TOKYO_ROSE = WindRose(
    frequency=np.array([14.0, 12.0, 8.0, 4.0, 3.0, 3.0, 4.0, 7.0, 11.0, 9.0, 5.0, 3.0, 3.0, 3.0, 5.0, 6.0]),
    k=np.full(16, 1.8),
    c=np.array([3.8, 3.6, 3.2, 2.8, 2.6, 2.6, 2.9, 3.5, 4.2, 3.8, 3.0, 2.6, 2.5, 2.6, 3.0, 3.5]),
    height=10.0,
    source="approximate Tokyo rose after JMA Tokyo statistics 1991-2020 (prevailing N/NNW winter, S summer)")


def read_rose(path: str, height: float = 10.0) -> WindRose:
    """A wind rose from CSV with columns direction, frequency, k, c (16 rows)."""
    try:
        with open(path, encoding="utf-8-sig") as stream:
            rows = list(csv.DictReader(stream))
        table = {float(r["direction"]) % 360: (float(r["frequency"]), float(r["k"]), float(r["c"])) for r in rows}
    except (OSError, KeyError, ValueError) as exc:
        raise UrbanTwinError(f"the wind rose {path} is not a CSV of direction, frequency, k, c ({exc})") from None
    if sorted(table) != list(DIRECTIONS):
        raise UrbanTwinError("the wind rose needs the 16 directions 0, 22.5, … 337.5")
    values = np.array([table[d] for d in DIRECTIONS])
    return WindRose(values[:, 0], values[:, 1], values[:, 2], height, path)


def exceedance(ratios: np.ndarray, rose: WindRose, threshold: float) -> np.ndarray:
    """Probability that the hourly mean speed exceeds threshold (m/s), per cell.

    ratios: (16, ...) pedestrian speed over the reference speed at the rose's height, per direction.
    """
    r = np.nan_to_num(np.asarray(ratios, dtype=float), nan=0.0)
    scale = np.maximum(r * rose.c.reshape((-1,) + (1,) * (r.ndim - 1)), 1e-9)
    k = rose.k.reshape((-1,) + (1,) * (r.ndim - 1))
    f = rose.frequency.reshape((-1,) + (1,) * (r.ndim - 1))
    return (f * np.exp(-(threshold / scale) ** k)).sum(axis=0)


@dataclass(frozen=True)
class Criterion:
    """A named comfort criterion: classes by the speeds exceeded at given probabilities."""

    key: str
    name: str
    source: str


LAWSON = Criterion("lawson", "Lawson (LDDC)", "T. V. Lawson, London Docklands Development Corporation criteria: "
                   "the speed exceeded 5 % of the time: ≤4 sitting, ≤6 standing, ≤8 strolling, ≤10 business "
                   "walking, above uncomfortable; 15 m/s exceeded over 0.023 % unsafe for frail people")
WEI = Criterion("wei", "風工学研究所 areas A-D", "風工学研究所 (Wind Engineering Institute, Japan): exceedance of the "
                "daily maximum mean speed of 10 / 15 / 20 m/s at most 10 / 0.9 / 0.08 % (A, residential), "
                "22 / 3.6 / 0.6 % (B, low and mid rise), 35 / 7 / 1.5 % (C, high rise), D beyond")
CRITERIA = {c.key: c for c in (LAWSON, WEI)}
LAWSON_CLASSES = ["sitting", "standing", "strolling", "business walking", "uncomfortable"]
WEI_LIMITS = {"A": (0.10, 0.009, 0.0008), "B": (0.22, 0.036, 0.006), "C": (0.35, 0.07, 0.015)}


def comfort_classes(ratios: np.ndarray, rose: WindRose, criterion: str = "lawson") -> tuple[np.ndarray, list[str]]:
    """Class index per cell (NaN where every direction is NaN: inside buildings) and the class names."""
    inside = np.all(np.isnan(ratios), axis=0)
    if criterion == "lawson":
        exceeded = [exceedance(ratios, rose, t) > 0.05 for t in (4.0, 6.0, 8.0, 10.0)]
        index = np.sum(exceeded, axis=0).astype(float)
        names = list(LAWSON_CLASSES)
        unsafe = exceedance(ratios, rose, 15.0) > 0.00023
        index = np.where(unsafe, len(names), index)
        names.append("unsafe (frail)")
    elif criterion == "wei":
        # Daily maximum of 24 hourly means, taken as independent hours (a conservative approximation).
        daily = [1.0 - (1.0 - exceedance(ratios, rose, t)) ** 24 for t in (10.0, 15.0, 20.0)]
        index = np.full(inside.shape, 3.0)
        for level, key in reversed(list(enumerate("ABC"))):
            ok = np.all([daily[i] <= WEI_LIMITS[key][i] for i in range(3)], axis=0)
            index = np.where(ok, float(level), index)
        names = ["A", "B", "C", "D"]
    else:
        raise UrbanTwinError(f"unknown comfort criterion {criterion}: {', '.join(CRITERIA)}")
    return np.where(inside, np.nan, index), names


def class_areas(index: np.ndarray, names: list[str], cell: float) -> list[dict]:
    """Area (m²) and share of each class."""
    valid = ~np.isnan(index)
    total = max(int(valid.sum()), 1)
    return [{"class": name, "area_m2": float((index == i).sum() * cell * cell),
             "share": float((index == i).sum() / total)} for i, name in enumerate(names)]
