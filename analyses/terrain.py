"""Terrain rasters from relief TINs, and heights sampled from them."""
from __future__ import annotations

import numba
import numpy as np

from .citymodel import Terrain, Tin
from .errors import QT_TRANSLATE_NOOP, UrbanTwinError


def tin_to_terrain(tin: Tin, cell: float, epsg: int,
                   bounds: tuple[float, float, float, float] | None = None) -> Terrain:
    """Rasterise a TIN by linear interpolation inside its own triangles (NaN outside them)."""
    if cell <= 0:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "cell size must be positive, not {}"), cell)
    xmin, ymin, xmax, ymax = bounds or (*tin.vertices[:, :2].min(axis=0), *tin.vertices[:, :2].max(axis=0))
    cols = max(1, int(np.ceil((xmax - xmin) / cell)))
    rows = max(1, int(np.ceil((ymax - ymin) / cell)))
    terrain = Terrain(np.full((rows, cols), np.nan, dtype=np.float32), float(xmin), float(ymax), cell, epsg)
    _rasterise_triangles(tin.vertices.astype(np.float64), tin.triangles.astype(np.int64),
                         terrain.x0, terrain.y0, cell, terrain.z)
    return terrain


@numba.njit(cache=False, nogil=True)
def _rasterise_triangles(vertices, triangles, x0, y0, cell, out):
    """Write into out every cell whose centre lies in a triangle, the plane of that triangle there."""
    rows, cols = out.shape
    for t in range(triangles.shape[0]):
        ax, ay, az = vertices[triangles[t, 0]]
        bx, by, bz = vertices[triangles[t, 1]]
        cx, cy, cz = vertices[triangles[t, 2]]
        det = (by - cy) * (ax - cx) + (cx - bx) * (ay - cy)
        if det == 0.0:
            continue
        c_lo = max(0, int(np.floor((min(ax, bx, cx) - x0) / cell - 0.5)))
        c_hi = min(cols - 1, int(np.ceil((max(ax, bx, cx) - x0) / cell - 0.5)))
        r_lo = max(0, int(np.floor((y0 - max(ay, by, cy)) / cell - 0.5)))
        r_hi = min(rows - 1, int(np.ceil((y0 - min(ay, by, cy)) / cell - 0.5)))
        for r in range(r_lo, r_hi + 1):
            y = y0 - (r + 0.5) * cell
            for c in range(c_lo, c_hi + 1):
                x = x0 + (c + 0.5) * cell
                l1 = ((by - cy) * (x - cx) + (cx - bx) * (y - cy)) / det
                l2 = ((cy - ay) * (x - cx) + (ax - cx) * (y - cy)) / det
                l3 = 1.0 - l1 - l2
                if l1 >= -1e-9 and l2 >= -1e-9 and l3 >= -1e-9:
                    out[r, c] = l1 * az + l2 * bz + l3 * cz


def sample_points(terrain: Terrain, xy: np.ndarray) -> np.ndarray:
    """Terrain heights at points by bilinear interpolation between cell centres (NaN outside)."""
    fc = (xy[:, 0] - terrain.x0) / terrain.cell - 0.5
    fr = (terrain.y0 - xy[:, 1]) / terrain.cell - 0.5
    rows, cols = terrain.z.shape
    c0 = np.clip(np.floor(fc).astype(int), 0, cols - 2)
    r0 = np.clip(np.floor(fr).astype(int), 0, rows - 2)
    tc, tr = np.clip(fc - c0, 0, 1), np.clip(fr - r0, 0, 1)
    z = terrain.z
    value = (z[r0, c0] * (1 - tc) * (1 - tr) + z[r0, c0 + 1] * tc * (1 - tr)
             + z[r0 + 1, c0] * (1 - tc) * tr + z[r0 + 1, c0 + 1] * tc * tr)
    outside = (fc < -0.5) | (fr < -0.5) | (fc > cols - 0.5) | (fr > rows - 0.5)
    return np.where(outside, np.nan, value)
