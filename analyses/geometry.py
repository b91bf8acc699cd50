"""Plane geometry of 3D polygons: normal, area, tilt and azimuth."""
from __future__ import annotations

import numpy as np


def newell_normals(coords: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Return the area-weighted normal (x, y, z) of each closed ring coords[offsets[i]:offsets[i+1]].

    Newell's method: robust for non-convex and slightly non-planar rings; its length is twice the area.
    """
    nxt = np.roll(coords, -1, axis=0)
    x, y, z = coords[:, 0], coords[:, 1], coords[:, 2]
    xn, yn, zn = nxt[:, 0], nxt[:, 1], nxt[:, 2]
    terms = np.column_stack(((y - yn) * (z + zn), (z - zn) * (x + xn), (x - xn) * (y + yn)))
    # The last point of a ring is its first again, so the wrap-around term of each ring is zero
    # when each ring is summed from its first to its last-but-one point.
    starts = offsets[:-1]
    ends = offsets[1:] - 1
    csum = np.vstack((np.zeros((1, 3)), np.cumsum(terms, axis=0)))
    return csum[ends] - csum[starts]


def tilt_azimuth(normals: np.ndarray, convergence_deg: float = 0.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (area, tilt in degrees from horizontal, azimuth clockwise from true north) per normal.

    Normals point outward (CityGML rings run counter-clockwise seen from outside); an upward roof has
    nz > 0. Azimuth is that of the downslope direction the surface faces; flat surfaces get 180 (south).
    """
    length = np.linalg.norm(normals, axis=1)
    area = length / 2.0
    with np.errstate(invalid="ignore", divide="ignore"):
        unit = normals / length[:, None]
    tilt = np.degrees(np.arccos(np.clip(np.abs(unit[:, 2]), 0.0, 1.0)))
    horizontal = np.hypot(unit[:, 0], unit[:, 1])
    grid_azimuth = np.degrees(np.arctan2(unit[:, 0], unit[:, 1]))
    azimuth = np.where(horizontal < 1e-6, 180.0, (grid_azimuth - convergence_deg) % 360.0)
    return area, np.nan_to_num(tilt), azimuth
