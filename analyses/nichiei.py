"""The shadow-regulation check (日影規制, Building Standards Act art. 56-2 and its table 4 / 別表第四).

On the winter solstice, from 8:00 to 16:00 true solar time (9:00 to 15:00 in Hokkaido), the shadow that
the buildings of a site cast on a horizontal plane at the measuring height (1.5 m, 4 m or 6.5 m above the
average ground) may last at most limit_5 hours beyond the line 5 m outside the site boundary and at most
limit_10 hours beyond the line 10 m outside it. The equal-time shadow lines (等時間日影線) must stay
inside those lines.

The verdict is read on the lines themselves (the loci at 5 m and 10 m from the boundary, arcs round its
convex corners), from the exact shadow outline at each instant, at points every 0.05 m; the raster of
hours gives the diagram, the equal-time lines (pinned to the exact crossings of the regulation lines)
and a search for shadow islands beyond the lines, whose candidates are then counted exactly too.
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
from .citymodel import Terrain
from .errors import QT_TRANSLATE_NOOP, UrbanTwinError
from .massing import Massing
from .place import Place
from .shadow import MAX_SHADOW_LENGTH, ShadowHours, point_shadow_hours, shadow_hours, shadow_polygons
from .terrain import sample_points

#: 別表第四 (に): regulation class -> (hours beyond the 5 m line, hours beyond the 10 m line).
LIMITS = {1: (3.0, 2.0), 2: (4.0, 2.5), 3: (5.0, 3.0)}
#: The same in Hokkaido (道の区域内).
LIMITS_HOKKAIDO = {1: (2.0, 1.5), 2: (3.0, 2.0), 3: (4.0, 2.5)}
MEASURING_HEIGHTS = (1.5, 4.0, 6.5)
#: Plane-rectangular zones XI, XII and XIII cover Hokkaido.
HOKKAIDO_EPSG = {6679, 6680, 6681}
#: Points on the regulation lines are this far apart (m).
LINE_SPACING = 0.05
#: Beyond this spread of the ground (m) the law takes the average ground of each band separately.
GROUND_SPREAD = 3.0
METHOD = "exact shadow outlines on the line every 0.05 m; raster candidates beyond it counted exactly"


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
            raise UrbanTwinError(QT_TRANSLATE_NOOP(
                "@default", "regulation class {} is not one of 1, 2, 3"), self.level)
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
    buildings: Massing            # on the site, heights above the average ground level
    regulation: Regulation
    ground: float = 0.0           # the average ground level (平均地盤面), m
    ground_spread: float = 0.0    # highest less lowest ground along the buildings, m

    @property
    def ground_split(self) -> bool:
        """Whether the ground varies by more than 3 m, where the law takes each 3 m band's average apart."""
        return self.ground_spread > GROUND_SPREAD


def nichiei(massing: Massing, site: shapely.Geometry, regulation: Regulation, day: dt.date | None = None,
            step_minutes: float = 2.0, cell: float = 0.5, roads: shapely.Geometry | None = None,
            road_width: float = 0.0, progress=None, is_canceled=None, terrain: Terrain | None = None,
            step_seconds: float = 60.0) -> NichieiResult:
    """Check the buildings standing on site against the regulation; roads relax the boundary (令135条の12).

    The measuring plane stands at the measuring height above the average ground level: from the DEM
    along the buildings' outlines where a DEM is given, else from the buildings' own ground heights.
    step_minutes and cell set the raster (diagram, equal-time lines), step_seconds the instants on the lines.
    """
    if site is None or site.is_empty or site.area <= 0:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the site polygon is empty"))
    if not 0 < step_seconds <= 600:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "the time step on the regulation lines must be between 0 and 600 s, not {}"), step_seconds)
    on_site = shapely.contains_xy(site, *shapely.get_coordinates(shapely.point_on_surface(massing.footprints)).T)
    if not on_site.any():
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "no building stands on the site"))
    ground, spread, grounds = average_ground(massing.select(on_site), terrain)
    own = _above(massing.select(on_site), grounds - ground)
    if not len(own) or not own.height.max() > regulation.measuring_height:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "no building on the site is taller than the measuring plane ({} m above the average ground): "
                        "nothing to check"), regulation.measuring_height)
    progress = progress or (lambda p: None)
    day = day or sunlib.winter_solstice(dt.date.today().year)
    start, end = regulation.window
    boundary = _relaxed_boundary(site, roads, road_width)
    reach = min((own.height.max() - regulation.measuring_height) / np.tan(np.radians(8.0)), MAX_SHADOW_LENGTH)
    extent = tuple(np.array(boundary.bounds) + np.array([-reach, -reach, reach, reach]))
    hours = shadow_hours(own, day, start, end, step_minutes, regulation.measuring_height, cell, extent,
                         progress=lambda p: progress(0.5 * p), is_canceled=is_canceled)
    limit5, limit10 = regulation.limits
    regulation_lines = [boundary.buffer(d, quad_segs=64).boundary for d in (5.0, 10.0)]
    lines = gpd.GeoDataFrame({"line": ["boundary", "5m", "10m"], "limit_h": [np.nan, limit5, limit10]},
                             geometry=[boundary.boundary, *regulation_lines], crs=massing.epsg)
    # Every point of both lines and the raster's candidates beyond them, counted exactly in one pass.
    samples = [_line_points(line) for line in regulation_lines]
    gx, gy = _centres(hours)
    outside = [~shapely.contains_xy(boundary.buffer(d, quad_segs=64), gx, gy) for d in (5.0, 10.0)]
    candidates = [_candidates(hours, outside[i], limit) for i, limit in enumerate((limit5, limit10))]
    points = np.concatenate([p for p, _ in samples] + candidates)
    bounds = own.bounds
    lon = Place.centre_of(bounds, own.epsg).longitude
    count = max(1, int(np.ceil((end - start) * 3600.0 / step_seconds - 1e-9)))
    times = sunlib.solar_to_clock(day, np.linspace(start, end, count + 1), lon)
    exact = point_shadow_hours(own, points, times, regulation.measuring_height,
                               progress=lambda p: progress(50 + 0.5 * p), is_canceled=is_canceled)
    pieces = np.split(exact, np.cumsum([len(p) for p, _ in samples] + [len(c) for c in candidates])[:-1])
    levels = sorted({limit5, limit10, *np.arange(1.0, end - start, 1.0)})
    rows, crossings = [], []
    for i, (distance, limit) in enumerate(((5.0, limit5), (10.0, limit10))):
        (line_xy, parts), beyond_xy = samples[i], candidates[i]
        on_line, beyond = pieces[i], pieces[2 + i]
        rows.append(_check(hours, boundary, outside[i], distance, limit, line_xy, on_line, beyond_xy, beyond))
        crossings += _crossings(regulation_lines[i], parts, on_line, levels, f"{distance:g}m")
    verdict = pd.DataFrame(rows).assign(method=METHOD, step_s=float(step_seconds), ground_m=ground,
                                        plane_z_m=ground + regulation.measuring_height)
    contours = _pin(equal_time_lines(hours, levels), crossings, regulation_lines, 2.0 * cell)
    return NichieiResult(hours, contours, lines, verdict,
                         _hourly(own, day, start, end, regulation.measuring_height), site, own, regulation,
                         ground, spread)


def average_ground(massing: Massing, terrain: Terrain | None = None) -> tuple[float, float, np.ndarray]:
    """The average ground level (平均地盤面) of the buildings taken as one, the spread of their ground, and
    each building's ground height.

    The law's average is that of the heights where the buildings meet the ground: with a DEM, the DEM
    along their outlines every 0.5 m (a building's own ground is its lowest); without, each building's
    ground height weighted by the length of its outline. Nothing known: 0.
    """
    if terrain is not None:
        outlines = shapely.boundary(massing.footprints)
        spots = shapely.segmentize(outlines, 0.5)
        xy, owner = shapely.get_coordinates(spots, return_index=True)
        z = sample_points(terrain, xy)
        known = np.isfinite(z)
        if known.any():
            grounds = np.full(len(massing), np.inf)
            np.minimum.at(grounds, owner[known], z[known])
            # Each sample stands for its share of the outline, so long walls count for more.
            weights = np.repeat(shapely.length(outlines) / np.maximum(np.bincount(owner, minlength=len(massing)), 1),
                                np.bincount(owner, minlength=len(massing)))[known]
            average = float(np.average(z[known], weights=weights))
            return average, float(np.ptp(z[known])), np.where(np.isfinite(grounds), grounds, average)
    if massing.ground is not None and np.isfinite(massing.ground).any():
        known = np.isfinite(massing.ground)
        average = float(np.average(massing.ground[known], weights=shapely.length(massing.footprints[known])))
        return average, float(np.ptp(massing.ground[known])), np.where(known, massing.ground, average)
    return 0.0, 0.0, np.zeros(len(massing))


def _above(massing: Massing, offset: np.ndarray) -> Massing:
    """The buildings with heights above a common ground offset[i] below each one's own (those wholly
    below it left out)."""
    roofs = None
    if massing.roofs is not None:
        roofs = massing.roofs.with_rings([np.column_stack((r[:, :2], r[:, 2] + offset[o]))
                                          for r, o in zip(massing.roofs.rings, massing.roofs.building)])
    moved = Massing(massing.footprints, massing.height + offset, massing.ids, massing.epsg, roofs, massing.ground)
    return moved.select(moved.height > 0)


def _line_points(line: shapely.Geometry) -> tuple[np.ndarray, list[tuple[shapely.Geometry, int]]]:
    """Points every LINE_SPACING (at most) along each closed part of a line, and (part, point count)."""
    points, parts = [], []
    for part in shapely.get_parts(line):
        n = max(3, int(np.ceil(part.length / LINE_SPACING)))
        points.append(shapely.get_coordinates(shapely.line_interpolate_point(part, np.arange(n) * part.length / n)))
        parts.append((part, n))
    return np.concatenate(points), parts


def _candidates(hours: ShadowHours, outside: np.ndarray, limit: float, most: int = 2000) -> np.ndarray:
    """Raster cells beyond the line (outside) whose hours may reach the limit, and the longest-shaded ones anyway."""
    gx, gy = _centres(hours)
    values = np.nan_to_num(hours.shadow.values)
    beyond = outside & (values > 0)
    order = np.argsort(-values[beyond], kind="stable")
    # The raster is within about one step of the exact count (its time step, and half a cell in space).
    near = values[beyond][order] > limit - 2 * hours.step_hours
    chosen = order[:max(min(most, int(near.sum())), min(200, len(order)))]
    return np.column_stack((gx[beyond][chosen], gy[beyond][chosen]))


def _centres(hours: ShadowHours) -> tuple[np.ndarray, np.ndarray]:
    """Cell-centre coordinates of the hours raster, as 2-D arrays."""
    gx, gy = np.meshgrid(*hours.shadow.cell_centres())
    return gx, gy


def _relaxed_boundary(site: shapely.Geometry, roads: shapely.Geometry | None, width: float) -> shapely.Geometry:
    """The boundary moved out over an adjoining road: half its width, or width - 5 m over 10 m wide."""
    if roads is None or roads.is_empty or width <= 0:
        return site
    shift = width / 2 if width <= 10 else width - 5
    return shapely.union(site, shapely.intersection(site.buffer(shift, join_style=2), roads.buffer(0.01)))


def _check(hours: ShadowHours, boundary: shapely.Geometry, outside: np.ndarray, distance: float, limit: float,
           line_xy: np.ndarray, on_line: np.ndarray, beyond_xy: np.ndarray, beyond: np.ndarray) -> dict:
    """Whether the shadow on and beyond the line `distance` outside the boundary (cells: outside) lasts at
    most `limit` hours: exact on the line and at the raster's candidates, the area and reach from the raster."""
    xy, values = np.concatenate([line_xy, beyond_xy]), np.concatenate([on_line, beyond])
    worst = int(np.argmax(values))
    gx, gy = _centres(hours)
    raster = np.nan_to_num(hours.shadow.values)
    over = outside & (raster > limit + 1e-9)
    reach = 0.0
    if over.any():
        # How far the over-limit shadow reaches past the line, as a planner would measure it.
        reach = float(shapely.distance(boundary, shapely.points(gx[over], gy[over])).max()) - distance
    return {"line": f"{distance:g}m", "limit_h": limit, "max_hours": float(values[worst]),
            "complies": bool(values[worst] <= limit + 1e-9), "excess_h": max(0.0, float(values[worst]) - limit),
            "line_over_m": float((on_line > limit + 1e-9).sum() * _spacing(line_xy)),
            "area_over_m2": float(over.sum() * hours.shadow.cell ** 2), "reach_beyond_m": reach,
            "worst_x": float(xy[worst, 0]), "worst_y": float(xy[worst, 1]),
            "worst_on_line": bool(worst < len(line_xy))}


def _spacing(xy: np.ndarray) -> float:
    """The distance between consecutive points of a sampled line (the same all along)."""
    return float(np.median(np.hypot(*np.diff(xy, axis=0).T))) if len(xy) > 1 else 0.0


def _crossings(line: shapely.Geometry, parts: list[tuple[shapely.Geometry, int]], values: np.ndarray,
               levels: list[float], name: str) -> list[dict]:
    """Where the hours along each closed part of the line pass each level, by linear interpolation."""
    rows, first = [], 0
    for part, n in parts:
        v = values[first:first + n]
        first += n
        step = part.length / n
        for level in levels:
            a, b = v - level, np.roll(v, -1) - level
            for i in np.flatnonzero((a > 0) != (b > 0)):
                where = (i + a[i] / (a[i] - b[i])) * step
                rows.append({"line": name, "hours": float(level),
                             "geometry": shapely.line_interpolate_point(part, where)})
    return rows


def _pin(contours: gpd.GeoDataFrame, crossings: list[dict], lines: list[shapely.Geometry],
         tolerance: float) -> gpd.GeoDataFrame:
    """Make each equal-time line pass through its exact crossings of the regulation lines: the vertex is
    put into the segment of the raster's contour that crosses the line nearest to it (within tolerance)."""
    line_of = {"5m": lines[0], "10m": lines[1]}
    geometries = []
    for level, geometry in zip(contours["hours"], contours.geometry):
        paths = [np.asarray(p.coords) for p in shapely.get_parts(geometry)]
        for crossing in (c for c in crossings if c["hours"] == level):
            point = np.asarray(crossing["geometry"].coords[0])
            best = None
            for p, path in enumerate(paths):
                segments = shapely.linestrings(np.stack([path[:-1], path[1:]], axis=1))
                hits = shapely.intersection(segments, line_of[crossing["line"]])
                gap = np.where(shapely.is_empty(hits), np.inf, shapely.distance(hits, crossing["geometry"]))
                j = int(np.argmin(gap))
                if gap[j] <= tolerance and (best is None or gap[j] < best[0]):
                    best = (gap[j], p, j)
            if best is not None:
                _, p, j = best
                paths[p] = np.insert(paths[p], j + 1, point, axis=0)
        geometries.append(shapely.MultiLineString(paths))
    return gpd.GeoDataFrame({"hours": contours["hours"].to_numpy()}, geometry=geometries, crs=contours.crs)


def equal_time_lines(hours: ShadowHours, levels: list[float]) -> gpd.GeoDataFrame:
    """Contours of the shadow hours at the given levels (the 等時間日影線), as lines."""
    xs, ys = hours.shadow.cell_centres()
    # Inside the buildings the plane is in their shadow all day for the purpose of contouring.
    values = hours.shadow.values
    z = np.where(np.isfinite(values), values, np.nanmax(values))
    generator = contourpy.contour_generator(xs, ys, z, line_type="SeparateCode")
    rows = []
    for level in levels:
        paths = [p for p in generator.lines(level)[0] if len(p) >= 2]
        if paths:
            rows.append({"hours": float(level), "geometry": shapely.MultiLineString(paths)})
    return gpd.GeoDataFrame(rows, columns=["hours", "geometry"], geometry="geometry", crs=hours.shadow.epsg)


def _hourly(massing: Massing, day: dt.date, start: float, end: float, plane: float) -> gpd.GeoDataFrame:
    """The shadow outline of the site's buildings at each whole hour of true solar time (時刻日影図)."""
    bounds = massing.bounds
    lon = Place.centre_of(bounds, massing.epsg).longitude
    hours = np.arange(np.ceil(start), np.floor(end) + 1e-9)
    frames = []
    for hour, when in zip(hours, sunlib.solar_to_clock(day, hours, lon)):
        _, union = shadow_polygons(massing, when, plane)
        union.insert(0, "solar_time", f"{int(hour):02d}:00")
        frames.append(union)
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=massing.epsg)


@dataclass(frozen=True)
class DiagramWords:
    """The diagram's words, so that a caller can give them in the user's language."""

    hours_in_shadow: str = "hours in shadow"
    verdict: str = "{line}, limit {limit:g} h: {outcome} (max {hours:.2f} h)"
    lines: tuple[str, str] = ("5 m line", "10 m line")
    complies: str = "complies"
    exceeds: str = "EXCEEDS"


#: Fonts with Japanese glyphs, tried in order (Debian's fonts-ipafont-gothic, then common desktop fonts)
JAPANESE_FONTS = ("IPAGothic", "IPAexGothic", "IPAPGothic", "Noto Sans CJK JP", "Yu Gothic", "MS Gothic",
                  "Hiragino Sans")


def diagram_png(result: NichieiResult, path: str, title: str = "", words: DiagramWords = DiagramWords()) -> str:
    """A shadow-regulation diagram for a report: hours, equal-time lines, regulation lines, hourly outlines."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    family = [name for name in JAPANESE_FONTS if name in installed] + ["DejaVu Sans"]
    plt.rcParams.update({"font.family": "sans-serif", "font.sans-serif": family, "font.size": 11})

    h = result.hours
    xmin, ymin, xmax, ymax = h.shadow.bounds
    fig, ax = plt.subplots(figsize=(9, 9), dpi=120)
    image = ax.imshow(np.ma.masked_invalid(np.where(h.shadow.values > 0, h.shadow.values, np.nan)),
                      extent=(xmin, xmax, ymin, ymax),
                      cmap="Blues", vmin=0, vmax=h.times.size * h.step_hours, alpha=0.6)
    fig.colorbar(image, ax=ax, shrink=0.7, label=words.hours_in_shadow)
    result.hourly.boundary.plot(ax=ax, color="0.6", linewidth=0.6)
    for geometry, label in zip(result.hourly.geometry, result.hourly["solar_time"]):
        if not geometry.is_empty:
            far = max(shapely.get_coordinates(geometry), key=lambda p: np.hypot(*(p - np.array(
                result.site.centroid.coords[0]))))
            ax.annotate(label, far, fontsize=9, color="0.35")
    limit5, limit10 = result.regulation.limits
    colours = {limit5: "tab:orange", limit10: "tab:red"}
    for hours, geometry in zip(result.contours["hours"], result.contours.geometry):
        gpd.GeoSeries([geometry]).plot(ax=ax, color=colours.get(hours, "0.3"),
                                       linewidth=1.8 if hours in colours else 0.6)
    result.lines.plot(ax=ax, color=["black", "tab:orange", "tab:red"], linestyle="--", linewidth=1.0)
    gpd.GeoSeries([result.site]).boundary.plot(ax=ax, color="black", linewidth=1.5)
    gpd.GeoSeries(result.buildings.footprints).plot(ax=ax, color="0.3")
    verdicts = "\n".join(words.verdict.format(line=words.lines[0 if r.line == "5m" else 1], limit=r.limit_h,
                                               outcome=words.complies if r.complies else words.exceeds,
                                               hours=r.max_hours) for r in result.verdict.itertuples())
    ax.set_title((title + "\n" if title else "") + verdicts, fontsize=12)
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
