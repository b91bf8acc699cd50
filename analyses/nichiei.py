"""The shadow-regulation check (日影規制, Building Standards Act art. 56-2 and its table 4 / 別表第四).

On the winter solstice, from 8:00 to 16:00 true solar time (9:00 to 15:00 in Hokkaido), the shadow that
the buildings of a site cast on a horizontal plane at the measuring height (1.5 m, 4 m or 6.5 m above the
average ground) may last at most limit_5 hours beyond the line 5 m outside the site boundary and at most
limit_10 hours beyond the line 10 m outside it. The equal-time shadow lines (等時間日影線) must stay
inside those lines.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import contourpy
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import sun as sunlib
from .errors import UrbanTwinError
from .massing import Massing
from .shadow import MAX_SHADOW_LENGTH, ShadowHours, shadow_hours, shadow_polygons

#: 別表第四 (に): regulation class -> (hours beyond the 5 m line, hours beyond the 10 m line).
LIMITS = {1: (3.0, 2.0), 2: (4.0, 2.5), 3: (5.0, 3.0)}
#: The same in Hokkaido (道の区域内).
LIMITS_HOKKAIDO = {1: (2.0, 1.5), 2: (3.0, 2.0), 3: (4.0, 2.5)}
MEASURING_HEIGHTS = (1.5, 4.0, 6.5)
#: Plane-rectangular zones XI, XII and XIII cover Hokkaido.
HOKKAIDO_EPSG = {6679, 6680, 6681}


@dataclass
class Regulation:
    """One zone's rule: regulation class 1-3, measuring height, and whether Hokkaido's table applies."""

    level: int = 1
    measuring_height: float = 4.0
    hokkaido: bool = False

    @property
    def limits(self) -> tuple[float, float]:
        """Hours allowed beyond the 5 m line and beyond the 10 m line."""
        table = LIMITS_HOKKAIDO if self.hokkaido else LIMITS
        if self.level not in table:
            raise UrbanTwinError(f"regulation class {self.level} is not one of 1, 2, 3")
        return table[self.level]

    @property
    def window(self) -> tuple[float, float]:
        """The true-solar-time window, hours."""
        return (9.0, 15.0) if self.hokkaido else (8.0, 16.0)


@dataclass
class NichieiResult:
    """Everything a shadow-regulation diagram shows, and the verdict per line."""

    hours: ShadowHours
    contours: gpd.GeoDataFrame    # equal-time shadow lines: hours, geometry
    lines: gpd.GeoDataFrame       # the 5 m and 10 m regulation lines and the (relaxed) boundary
    verdict: pd.DataFrame         # one row per line
    hourly: gpd.GeoDataFrame      # 時刻日影図: shadow outline at each whole hour
    site: shapely.Geometry
    buildings: Massing
    regulation: Regulation


def nichiei(massing: Massing, site: shapely.Geometry, regulation: Regulation, day: dt.date | None = None,
            step_minutes: float = 2.0, cell: float = 0.5, roads: shapely.Geometry | None = None,
            road_width: float = 0.0, progress=None, is_canceled=None) -> NichieiResult:
    """Check the buildings standing on site against the regulation; roads relax the boundary (令135条の12)."""
    if site is None or site.is_empty or site.area <= 0:
        raise UrbanTwinError("the site polygon is empty")
    on_site = shapely.contains_xy(site, *shapely.get_coordinates(shapely.point_on_surface(massing.footprints)).T)
    if not on_site.any():
        raise UrbanTwinError("no building stands on the site")
    own = massing.select(on_site)
    if not own.height.max() > regulation.measuring_height:
        raise UrbanTwinError(f"no building on the site is taller than the measuring plane "
                             f"({regulation.measuring_height} m): nothing to check")
    day = day or sunlib.winter_solstice(dt.date.today().year)
    start, end = regulation.window
    boundary = _relaxed_boundary(site, roads, road_width)
    reach = min((own.height.max() - regulation.measuring_height) / np.tan(np.radians(8.0)), MAX_SHADOW_LENGTH)
    extent = tuple(np.array(boundary.bounds) + np.array([-reach, -reach, reach, reach]))
    hours = shadow_hours(own, day, start, end, step_minutes, regulation.measuring_height, cell, extent,
                         progress=progress, is_canceled=is_canceled)
    limit5, limit10 = regulation.limits
    lines = gpd.GeoDataFrame({"line": ["boundary", "5m", "10m"], "limit_h": [np.nan, limit5, limit10]},
                             geometry=[boundary.boundary, boundary.buffer(5.0, join_style=2).boundary,
                                       boundary.buffer(10.0, join_style=2).boundary], crs=massing.epsg)
    verdict = pd.DataFrame([_check(hours, boundary, d, limit) for d, limit in ((5.0, limit5), (10.0, limit10))])
    levels = sorted({limit5, limit10, *np.arange(1.0, end - start, 1.0)})
    return NichieiResult(hours, equal_time_lines(hours, levels), lines, verdict,
                         _hourly(own, day, start, end, regulation.measuring_height), site, own, regulation)


def _relaxed_boundary(site: shapely.Geometry, roads: shapely.Geometry | None, width: float) -> shapely.Geometry:
    """The boundary moved out over an adjoining road: half its width, or width - 5 m over 10 m wide."""
    if roads is None or roads.is_empty or width <= 0:
        return site
    shift = width / 2 if width <= 10 else width - 5
    return shapely.union(site, shapely.intersection(site.buffer(shift, join_style=2), roads.buffer(0.01)))


def _check(hours: ShadowHours, boundary: shapely.Geometry, distance: float, limit: float) -> dict:
    """Whether the shadow beyond the line `distance` outside the boundary lasts at most `limit` hours."""
    xs = hours.x0 + (np.arange(hours.shadow.shape[1]) + 0.5) * hours.cell
    ys = hours.y0 - (np.arange(hours.shadow.shape[0]) + 0.5) * hours.cell
    gx, gy = np.meshgrid(xs, ys)
    beyond = ~shapely.contains_xy(boundary.buffer(distance, join_style=2), gx, gy)
    values = np.where(beyond & np.isfinite(hours.shadow), hours.shadow, 0.0)
    worst = np.unravel_index(np.argmax(values), values.shape)
    over = values > limit + 1e-9
    reach = 0.0
    if over.any():
        # How far the over-limit shadow reaches past the line, as a planner would measure it.
        reach = float(shapely.distance(boundary, shapely.points(gx[over], gy[over])).max()) - distance
    return {"line": f"{distance:g}m", "limit_h": limit, "max_hours": float(values[worst]),
            "complies": not over.any(), "excess_h": max(0.0, float(values[worst]) - limit),
            "area_over_m2": float(over.sum() * hours.cell ** 2), "reach_beyond_m": reach,
            "worst_x": float(gx[worst]), "worst_y": float(gy[worst])}


def equal_time_lines(hours: ShadowHours, levels: list[float]) -> gpd.GeoDataFrame:
    """Contours of the shadow hours at the given levels (the 等時間日影線), as lines."""
    xs = hours.x0 + (np.arange(hours.shadow.shape[1]) + 0.5) * hours.cell
    ys = hours.y0 - (np.arange(hours.shadow.shape[0]) + 0.5) * hours.cell
    # Inside the buildings the plane is in their shadow all day for the purpose of contouring.
    z = np.where(np.isfinite(hours.shadow), hours.shadow, np.nanmax(hours.shadow))
    generator = contourpy.contour_generator(xs, ys, z, line_type="SeparateCode")
    rows = []
    for level in levels:
        paths = [p for p in generator.lines(level)[0] if len(p) >= 2]
        if paths:
            rows.append({"hours": float(level), "geometry": shapely.MultiLineString(paths)})
    return gpd.GeoDataFrame(rows, columns=["hours", "geometry"], geometry="geometry", crs=hours.epsg)


def _hourly(massing: Massing, day: dt.date, start: float, end: float, plane: float) -> gpd.GeoDataFrame:
    """The shadow outline of the site's buildings at each whole hour of true solar time (時刻日影図)."""
    bounds = massing.bounds
    _, lon = sunlib.place(massing.epsg, (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2)
    hours = np.arange(np.ceil(start), np.floor(end) + 1e-9)
    frames = []
    for hour, when in zip(hours, sunlib.solar_to_clock(day, hours, lon)):
        _, union = shadow_polygons(massing, when, plane)
        union.insert(0, "solar_time", f"{int(hour):02d}:00")
        frames.append(union)
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=massing.epsg)


def diagram_png(result: NichieiResult, path: str, title: str = "") -> str:
    """A shadow-regulation diagram for a report: hours, equal-time lines, regulation lines, hourly outlines."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    h = result.hours
    rows, cols = h.shadow.shape
    extent = (h.x0, h.x0 + cols * h.cell, h.y0 - rows * h.cell, h.y0)
    fig, ax = plt.subplots(figsize=(8, 8), dpi=120)
    image = ax.imshow(np.ma.masked_invalid(np.where(h.shadow > 0, h.shadow, np.nan)), extent=extent,
                      cmap="Blues", vmin=0, vmax=h.times.size * h.step_hours, alpha=0.6)
    fig.colorbar(image, ax=ax, shrink=0.7, label="hours in shadow")
    result.hourly.boundary.plot(ax=ax, color="0.6", linewidth=0.6)
    for geometry, label in zip(result.hourly.geometry, result.hourly["solar_time"]):
        if not geometry.is_empty:
            far = max(shapely.get_coordinates(geometry), key=lambda p: np.hypot(*(p - np.array(
                result.site.centroid.coords[0]))))
            ax.annotate(label, far, fontsize=7, color="0.4")
    limit5, limit10 = result.regulation.limits
    colours = {limit5: "tab:orange", limit10: "tab:red"}
    for hours, geometry in zip(result.contours["hours"], result.contours.geometry):
        gpd.GeoSeries([geometry]).plot(ax=ax, color=colours.get(hours, "0.3"),
                                       linewidth=1.8 if hours in colours else 0.6)
    result.lines.plot(ax=ax, color=["black", "tab:orange", "tab:red"], linestyle="--", linewidth=1.0)
    gpd.GeoSeries([result.site]).boundary.plot(ax=ax, color="black", linewidth=1.5)
    gpd.GeoSeries(result.buildings.footprints).plot(ax=ax, color="0.3")
    verdicts = "; ".join(f"{r.line} line {r.limit_h:g} h: {'complies' if r.complies else 'EXCEEDS'} "
                         f"(max {r.max_hours:.2f} h)" for r in result.verdict.itertuples())
    ax.set_title((title + "\n" if title else "") + verdicts, fontsize=9)
    # Frame the equal-time lines and the regulation lines; long early and late shadows run off the edge.
    xmin, ymin, xmax, ymax = shapely.union_all([*result.contours.geometry, *result.lines.geometry]).bounds
    pad = 0.3 * max(xmax - xmin, ymax - ymin)
    ax.set_xlim(xmin - pad, xmax + pad)
    ax.set_ylim(ymin - pad, ymax + pad)
    ax.set_aspect("equal")
    ax.set_xlabel("x (m)")
    ax.set_ylabel("y (m)")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path
