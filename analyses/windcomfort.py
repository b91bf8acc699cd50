"""Wind comfort: speed ratios of 16 directions combined with a wind rose into exceedance probabilities
and comfort classes under a named criterion."""
from __future__ import annotations

import csv
import os
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from . import openfoam, wind
from .citymodel import Terrain
from .errors import QT_TRANSLATE_NOOP, UrbanTwinError
from .massing import Massing
from .raster import Raster

DIRECTIONS = np.arange(16) * 22.5
COMPASS = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")
#: The solvers a direction's speeds come from.
DIAGNOSTIC, CFD = "diagnostic", "CFD (OpenFOAM)"
#: A CFD direction's share of the progress bar, against one diagnostic direction's: a rough ratio of their
#: times (8 min for AIJ Case A's 239 k cells on 2 cores, against 16 s for a diagnostic direction of the
#: benchmark scene).
CFD_WEIGHT = 30.0


#: What a rose's Weibull distributions describe; each criterion is defined on one of them.
STATISTICS = {"hourly": "hourly mean speed", "daily_max": "daily maximum mean speed", "daily_mean": "daily mean speed"}


@dataclass
class WindRose:
    """Per direction (16, from N clockwise): frequency (sums to 1) and Weibull k and c (m/s) of a speed
    statistic (STATISTICS) at the reference height."""

    frequency: np.ndarray
    k: np.ndarray
    c: np.ndarray
    height: float
    source: str
    statistic: str = "hourly"

    def __post_init__(self) -> None:
        if len(self.frequency) != 16 or len(self.k) != 16 or len(self.c) != 16:
            raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "a wind rose needs 16 directions"))
        self.frequency, self.k, self.c = (np.asarray(a, dtype=float) for a in (self.frequency, self.k, self.c))
        for direction, f, k, c in zip(DIRECTIONS, self.frequency, self.k, self.c):
            # A NaN or non-positive k or c makes every exceedance NaN or zero: every cell would be "sitting".
            if not (np.isfinite(k) and k > 0 and np.isfinite(c) and c > 0):
                raise UrbanTwinError(QT_TRANSLATE_NOOP(
                    "@default", "the wind rose's row for {:g}° has k = {} and c = {}: both must be positive "
                                "numbers"), direction, k, c)
            if not (np.isfinite(f) and f >= 0):
                raise UrbanTwinError(QT_TRANSLATE_NOOP(
                    "@default", "the wind rose's row for {:g}° has the frequency {}: it must be zero or a "
                                "positive number"), direction, f)
        total = float(np.sum(self.frequency))
        if total <= 0:
            raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the wind rose's frequencies are all zero"))
        self.frequency = self.frequency / total
        if self.statistic not in STATISTICS:
            raise UrbanTwinError(QT_TRANSLATE_NOOP(
                "@default", "a wind rose's statistic is one of {}, not {}"), ', '.join(STATISTICS), self.statistic)


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


def read_rose(path: str, height: float = 10.0, statistic: str = "hourly") -> WindRose:
    """A wind rose from CSV with columns direction, frequency, k, c (16 rows) of a statistic (STATISTICS)."""
    try:
        with open(path, encoding="utf-8-sig") as stream:
            rows = list(csv.DictReader(stream))
        table = {float(r["direction"]) % 360: (float(r["frequency"]), float(r["k"]), float(r["c"])) for r in rows}
    except (OSError, KeyError, ValueError) as exc:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "the wind rose {} is not a CSV of direction, frequency, k, c ({})"), path, exc) from None
    if sorted(table) != list(DIRECTIONS):
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the wind rose needs the 16 directions 0, 22.5, … 337.5"))
    values = np.array([table[d] for d in DIRECTIONS])
    return WindRose(values[:, 0], values[:, 1], values[:, 2], height, path, statistic)


@dataclass
class CfdPlan:
    """The directions to solve by CFD, and how: the run's numbers (its direction, reference height, roughness
    and cell size are set per direction from the comfort run's) and the folder keeping one case per direction."""

    directions: tuple[float, ...]
    settings: openfoam.CfdSettings
    folder: str

    def __post_init__(self) -> None:
        for direction in self.directions:
            if direction not in DIRECTIONS:
                raise UrbanTwinError(QT_TRANSLATE_NOOP(
                    "@default", "a CFD direction is one of the 16 directions 0, 22.5, … 337.5, not {}"), direction)

    def case(self, direction: float) -> str:
        """The case folder of a direction."""
        return os.path.join(self.folder, f"from_{direction:g}")


@dataclass
class DirectionSpeeds:
    """Pedestrian-level speed per 1 m/s at the rose's height, (16, rows, cols) on one north-up grid, with the
    solver that gave each direction and the case folder of each CFD direction."""

    speeds: np.ndarray
    solvers: tuple[str, ...]
    cases: dict[float, str]
    grid: Raster

    def record(self, rose: WindRose) -> list[dict]:
        """One row per direction: where the wind blows from, its frequency, its solver and its case folder."""
        return direction_record(rose, self.solvers, self.cases)


def direction_record(rose: WindRose, solvers: tuple[str, ...] = (DIAGNOSTIC,) * len(DIRECTIONS),
                     cases: dict[float, str] | None = None) -> list[dict]:
    """One row per direction: where the wind blows from, its frequency, its solver and its case folder."""
    cases = cases or {}
    return [{"direction": float(d), "name": name, "frequency": float(f), "solver": solver,
             "case_folder": cases.get(float(d), "")}
            for d, name, f, solver in zip(DIRECTIONS, COMPASS, rose.frequency, solvers)]


def direction_speeds(massing: Massing, rose: WindRose, extent: tuple[float, float, float, float],
                     cell: float = 2.0, pedestrian_height: float = 1.5, z0: float | None = None,
                     convergence_deg: float = 0.0, progress: Callable[[float, str], None] | None = None,
                     is_canceled: Callable[[], bool] | None = None, terrain: Terrain | None = None,
                     cfd: CfdPlan | None = None) -> DirectionSpeeds:
    """Pedestrian-level speed per 1 m/s at the rose's height for the 16 directions over extent: by CFD for
    the plan's directions (flat ground), by the diagnostic model for the others."""
    chosen = set(cfd.directions) if cfd else set()
    if cfd:
        openfoam.environment(cfd.settings.bashrc)  # a missing OpenFOAM is said before any direction runs
    weights = np.array([CFD_WEIGHT if d in chosen else 1.0 for d in DIRECTIONS])
    marks = 100.0 * np.concatenate(([0.0], np.cumsum(weights))) / weights.sum()
    speeds, solvers, cases = [], [], {}
    for n, direction in enumerate(DIRECTIONS):
        report = _band(progress, marks[n], marks[n + 1], COMPASS[n])
        if cfd and direction in chosen:
            settings = replace(cfd.settings, direction_deg=direction + convergence_deg, height=rose.height,
                               z0=wind.district_z0(massing, direction) if z0 is None else z0, cell=cell)
            cases[float(direction)] = cfd.case(direction)
            values, ped = cfd_speeds(massing, extent, settings, cfd.case(direction), pedestrian_height, is_canceled,
                                     report)
        else:
            values, ped = _diagnostic_speeds(massing, float(direction), rose.height, extent, cell, pedestrian_height,
                                             z0, convergence_deg, is_canceled, terrain)
        speeds.append(values)
        solvers.append(CFD if direction in chosen else DIAGNOSTIC)
        report(100.0, solvers[-1])
    return DirectionSpeeds(np.stack(speeds), tuple(solvers), cases, ped.speed)


def _band(progress: Callable[[float, str], None] | None, start: float, end: float, name: str
          ) -> Callable[[float, str], None]:
    """A direction's progress (0-100 %) as its band start-end of the whole run's, its text named."""
    def report(percent: float, text: str) -> None:
        if progress:
            progress(start + (end - start) * percent / 100.0, f"{name}: {text}")
    return report


def _diagnostic_speeds(massing: Massing, direction: float, height: float, extent: tuple[float, float, float, float],
                       cell: float, pedestrian_height: float, z0: float | None, convergence_deg: float,
                       is_canceled: Callable[[], bool] | None, terrain: Terrain | None
                       ) -> tuple[np.ndarray, wind.PedestrianWind]:
    """One direction by the diagnostic model: the pedestrian speed per 1 m/s at `height`, and its rasters."""
    field = wind.solve_wind(massing, direction, 1.0, height, cell, z0, convergence_deg, extent=extent,
                            terrain=terrain, is_canceled=is_canceled)
    ped = wind.pedestrian_level(field, pedestrian_height, cell, extent)
    return ped.speed.values, ped


def cfd_speeds(massing: Massing, extent: tuple[float, float, float, float], settings: openfoam.CfdSettings,
               folder: str, pedestrian_height: float, is_canceled: Callable[[], bool] | None = None,
               progress: Callable[[float, str], None] | None = None) -> tuple[np.ndarray, wind.PedestrianWind]:
    """One direction by CFD, its case kept in folder: the pedestrian speed per 1 m/s at the reference height,
    and the CFD's rasters.

    The speed is the CFD's speed ratio (to its own undisturbed inflow at the same height) times the diagnostic
    model's inflow profile, so that every direction of a map stands on one inflow: the CFD's log law is slower
    near the ground than the power law (0.46 against 0.67 of the speed at 10 m, at 1.5 m over z0 = 0.5 m).
    """
    frame = openfoam.run_case(massing, folder, settings, extent, is_canceled, progress)
    ped = openfoam.sample_case(folder, pedestrian_height, settings.cell, extent, massing)
    openfoam.check_covers(frame, ped.speed.bounds, folder)
    undisturbed = wind.inflow_profile(pedestrian_height, 1.0, settings.height, wind.power_law_exponent(settings.z0))
    return ped.ratio.values * undisturbed, ped


def exceedance(ratios: np.ndarray, rose: WindRose, threshold: float) -> np.ndarray:
    """Probability that the hourly mean speed exceeds threshold (m/s), per cell.

    ratios: (16, ...) pedestrian speed over the reference speed at the rose's height, per direction.
    """
    r = np.nan_to_num(np.asarray(ratios, dtype=float), nan=0.0)
    scale = np.maximum(r * rose.c.reshape((-1,) + (1,) * (r.ndim - 1)), 1e-9)
    k = rose.k.reshape((-1,) + (1,) * (r.ndim - 1))
    f = rose.frequency.reshape((-1,) + (1,) * (r.ndim - 1))
    return (f * np.exp(-(threshold / scale) ** k)).sum(axis=0)


def speed_at_frequency(ratios: np.ndarray, rose: WindRose, cumulative: float) -> np.ndarray:
    """The speed not exceeded with probability `cumulative`, per cell (bisection on the mixed Weibull)."""
    low = np.zeros(np.shape(ratios)[1:])
    high = np.full(low.shape, 1.0 + 10.0 * float(np.nanmax(np.nan_to_num(ratios)) * rose.c.max()))
    for _ in range(50):  # 2^-50 of the bracket: far below any meaningful speed difference
        middle = 0.5 * (low + high)
        below = 1.0 - exceedance(ratios, rose, middle) < cumulative
        low, high = np.where(below, middle, low), np.where(below, high, middle)
    return 0.5 * (low + high)


@dataclass(frozen=True)
class Criterion:
    """A named comfort criterion: the rose statistic it is defined on, the height it is judged at (None: the
    pedestrian height asked for), its class names, and its source."""

    key: str
    name: str
    statistic: str
    height: float | None
    classes: tuple[str, ...]
    source: str


LAWSON = Criterion(
    "lawson", "Lawson (LDDC)", "hourly", None,
    ("sitting", "standing", "strolling", "business walking", "uncomfortable", "unsafe (frail)"),
    QT_TRANSLATE_NOOP("@default", "T. V. Lawson, London Docklands Development Corporation criteria: the speed "
                      "exceeded 5 % of the time: ≤4 sitting, ≤6 standing, ≤8 strolling, ≤10 business walking, "
                      "above uncomfortable; 15 m/s exceeded over 0.023 % unsafe for frail people"))
WEI = Criterion(
    "wei", "風工学研究所 areas A-D", "daily_mean", 5.0, ("A", "B", "C", "D"),
    QT_TRANSLATE_NOOP("@default", "風工学研究所 (Wind Engineering Institute, Japan): the daily mean speed at 5 m "
                      "above ground with 55 % / 95 % cumulative frequency at most 1.2 / 2.9 m/s (A, residential), "
                      "1.8 / 4.3 (B, low and mid-rise town), 2.3 / 5.6 (C, high-rise town), D beyond; figures as "
                      "reproduced in Japanese environmental assessments"))
MURAKAMI = Criterion(
    "murakami", "村上 ranks 1-4", "daily_max", None, ("rank 1", "rank 2", "rank 3", "rank 4"),
    QT_TRANSLATE_NOOP("@default", "Murakami, Iwasa and Morikawa (1983), AIJ Transactions 325: the daily maximum "
                      "gust at 1.5 m (daily maximum mean x gust factor) exceeding 10 / 15 / 20 m/s on at most 10 / "
                      "0.9 / 0.08 % of days (rank 1: shopping streets in residential areas, outdoor restaurants), 22 "
                      "/ 3.6 / 0.6 % (rank 2: residential streets, parks), 35 / 7 / 1.5 % (rank 3: office "
                      "districts), rank 4 beyond (unacceptable)"))
CRITERIA = {c.key: c for c in (LAWSON, WEI, MURAKAMI)}
WEI_LIMITS = ((1.2, 2.9), (1.8, 4.3), (2.3, 5.6))           # A, B, C: 55 % and 95 % speeds (m/s)
MURAKAMI_LIMITS = ((0.10, 0.009, 0.0008), (0.22, 0.036, 0.006), (0.35, 0.07, 0.015))  # ranks 1-3
HOURS_A_DAY = 24


def rose_note(rose: WindRose, criterion: str) -> str | None:
    """None when the rose holds the statistic the criterion is defined on; else the approximation made,
    or UrbanTwinError when there is none."""
    wanted = CRITERIA[criterion].statistic
    if rose.statistic == wanted:
        return None
    if rose.statistic == "hourly" and wanted in ("daily_max", "daily_mean"):
        return (f"the rose holds hourly means, not {STATISTICS[wanted]}s: "
                      + ("each day counts as 24 independent hours, which overstates the days with strong gusts "
                         "(a conservative rank)" if wanted == "daily_max" else
                         "hourly means spread wider than daily means, so the 95 % speed is overstated (a "
                         "conservative area)") + "; give a rose of " + STATISTICS[wanted] + "s for a study")
    raise UrbanTwinError(QT_TRANSLATE_NOOP(
        "@default", "this criterion needs a rose of {}s, not of {}s"), STATISTICS[wanted], STATISTICS[rose.statistic])


def comfort_classes(ratios: np.ndarray, rose: WindRose, criterion: str = "lawson", gust_factor: float = 2.5
                    ) -> tuple[np.ndarray, list[str]]:
    """Class index per cell (NaN where every direction is NaN: inside buildings) and the class names."""
    if criterion not in CRITERIA:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "unknown comfort criterion {}: {}"), criterion, ', '.join(CRITERIA))
    rose_note(rose, criterion)  # refuses a rose that cannot serve
    inside = np.all(np.isnan(ratios), axis=0)
    if criterion == "lawson":
        exceeded = [exceedance(ratios, rose, t) > 0.05 for t in (4.0, 6.0, 8.0, 10.0)]
        index = np.sum(exceeded, axis=0).astype(float)
        index = np.where(exceedance(ratios, rose, 15.0) > 0.00023, 5.0, index)
    elif criterion == "wei":
        speeds = [speed_at_frequency(ratios, rose, q) for q in (0.55, 0.95)]
        index = np.full(inside.shape, 3.0)
        for area in (2, 1, 0):
            ok = (speeds[0] <= WEI_LIMITS[area][0]) & (speeds[1] <= WEI_LIMITS[area][1])
            index = np.where(ok, float(area), index)
    else:
        if gust_factor < 1.0:
            raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "a gust factor is at least 1, not {}"), gust_factor)
        days = []
        for threshold in (10.0, 15.0, 20.0):  # of the gust: the daily maximum mean exceeds threshold / G.F.
            p = exceedance(ratios, rose, threshold / gust_factor)
            days.append(1.0 - (1.0 - p) ** HOURS_A_DAY if rose.statistic == "hourly" else p)
        index = np.full(inside.shape, 3.0)
        for rank in (2, 1, 0):
            ok = np.all([days[i] <= MURAKAMI_LIMITS[rank][i] for i in range(3)], axis=0)
            index = np.where(ok, float(rank), index)
    return np.where(inside, np.nan, index), list(CRITERIA[criterion].classes)


def class_areas(index: np.ndarray, names: list[str], cell: float) -> list[dict]:
    """Area (m²) and share of each class."""
    return areas_of_counts(np.array([(index == i).sum() for i in range(len(names))]), names, cell)


def areas_of_counts(counts: np.ndarray, names: list[str], cell: float) -> list[dict]:
    """Area (m²) and share of each class from the number of cells of each."""
    total = max(int(np.sum(counts)), 1)
    return [{"class": name, "area_m2": float(n * cell * cell), "share": float(n / total)}
            for name, n in zip(names, counts)]
