"""Where features enter the analyses: one rule for their geometry and heights, and an account of what was
used, what was skipped and why, and what was repaired.

The rules, for every layer an analysis takes:
- a NULL or empty geometry, or one with a vertex at infinity or NaN, is skipped;
- an invalid polygon (a self-intersecting "bow-tie" outline) is repaired with shapely.make_valid: its area
  is then that of the parts its outline encloses, and it is counted as repaired; one that has no area
  left, or a point or line where a polygon is needed, is skipped;
- a building's height must be a number above 0 and at most MAX_HEIGHT_M (the CityGML reader's rule too).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely

from .errors import QT_TRANSLATE_NOOP

#: Heights above this are data errors (Japan's tallest building is 325 m), as are heights <= 0.
MAX_HEIGHT_M = 700.0

# Why a feature is skipped: short phrases the plugin shows translated, with a count after each.
NO_GEOMETRY = QT_TRANSLATE_NOOP("@default", "no geometry (NULL)")
EMPTY = QT_TRANSLATE_NOOP("@default", "empty geometry")
NOT_FINITE = QT_TRANSLATE_NOOP("@default", "a vertex at infinity or NaN")
NO_AREA = QT_TRANSLATE_NOOP("@default", "a polygon without area")
NOT_POLYGON = QT_TRANSLATE_NOOP("@default", "not a polygon")
NO_HEIGHT = QT_TRANSLATE_NOOP("@default", "no height (empty or not a number)")
NOT_POSITIVE = QT_TRANSLATE_NOOP("@default", "height zero or negative")
TOO_TALL = QT_TRANSLATE_NOOP("@default", "height above 700 m")
GEOMETRY_REASONS = (NO_GEOMETRY, EMPTY, NOT_FINITE, NO_AREA, NOT_POLYGON)


@dataclass
class Intake:
    """What an analysis took from a layer: the count used, the features skipped (id, reason), the ids repaired."""

    used: int
    skipped: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["id", "reason"]))
    repaired: list[str] = field(default_factory=list)
    roofs_skipped: int = 0  # LOD2 roof surfaces left out for a vertex at infinity or NaN

    def reasons(self) -> dict[str, int]:
        """How many features were skipped for each reason, the commonest first."""
        return dict(Counter(self.skipped["reason"]).most_common())

    def summary(self) -> str:
        """The account in English, for logs and tests (the plugin words it in the user's language)."""
        skipped = "; ".join(f"{reason}: {n}" for reason, n in self.reasons().items())
        text = f"{self.used} used, {len(self.skipped)} skipped" + (f" ({skipped})" if skipped else "")
        text += f", {len(self.repaired)} repaired" if self.repaired else ""
        return text + (f", {self.roofs_skipped} roof surfaces skipped" if self.roofs_skipped else "")


def plausible_height(height):
    """Whether a height (a float or an array of them) is above 0 and at most MAX_HEIGHT_M; NaN is not."""
    return (height > 0) & (height <= MAX_HEIGHT_M)  # plain comparisons: the reader calls it per building


def height_reasons(values) -> tuple[np.ndarray, np.ndarray]:
    """Heights as numbers (text that is not one: NaN) and the reason each is unusable (None when usable)."""
    height = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
    reason = np.full(len(height), None, dtype=object)
    reason[np.isnan(height)] = NO_HEIGHT
    reason[height <= 0] = NOT_POSITIVE
    reason[height > MAX_HEIGHT_M] = TOO_TALL  # and +inf
    reason[plausible_height(height)] = None
    return height, reason


def clean_geometries(geometries, polygons: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Geometries GEOS can work with: (geometries, the reason each is unusable or None, repaired mask).

    polygons: the features must be areas (footprints, sites): invalid ones are repaired with make_valid.
    """
    geoms = np.asarray(geometries, dtype=object).copy()
    reason = np.full(len(geoms), None, dtype=object)
    missing = shapely.is_missing(geoms)
    reason[missing] = NO_GEOMETRY
    reason[shapely.is_empty(geoms)] = EMPTY  # False for a missing one
    usable = np.flatnonzero(reason == None)  # noqa: E711 - elementwise
    xy, owner = shapely.get_coordinates(geoms[usable], return_index=True)
    infinite = np.zeros(len(usable), dtype=bool)
    np.logical_or.at(infinite, owner, ~np.isfinite(xy).all(axis=1))
    reason[usable[infinite]] = NOT_FINITE
    repaired = np.zeros(len(geoms), dtype=bool)
    if polygons:
        usable = usable[~infinite]
        invalid = usable[~shapely.is_valid(geoms[usable])]
        geoms[invalid] = [_polygonal(shapely.make_valid(g)) for g in geoms[invalid]]
        repaired[invalid] = True
        kind = shapely.get_type_id(geoms[usable])
        reason[usable[(kind != 3) & (kind != 6)]] = NOT_POLYGON
        reason[usable[((kind == 3) | (kind == 6)) & ~(shapely.area(geoms[usable]) > 0)]] = NO_AREA
        repaired &= reason == None  # noqa: E711
    return geoms, reason, repaired


def _polygonal(geometry):
    """The polygons of a repaired geometry (make_valid may leave lines and points beside them)."""
    parts = shapely.get_parts(geometry)
    polygons = [p for part in parts for p in getattr(part, "geoms", [part]) if p.geom_type == "Polygon"]
    if not polygons:
        return geometry
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def intake_of(ids, reason: np.ndarray, repaired: np.ndarray) -> Intake:
    """The account of a layer from each feature's id, reason for skipping (None: used) and repair."""
    ids = np.asarray(ids).astype(str)
    skipped = reason != None  # noqa: E711
    return Intake(int((~skipped).sum()), pd.DataFrame({"id": ids[skipped], "reason": reason[skipped].astype(str)}),
                  ids[repaired & ~skipped].tolist())
