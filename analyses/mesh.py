"""Triangle meshes of a district for 3D work: LOD2 surfaces where present, LOD1 blocks elsewhere."""
from __future__ import annotations

import numpy as np
import pyvista as pv

from .citymodel import SURFACE_KINDS, District, Terrain

LOD1_KIND = len(SURFACE_KINDS)  # the cell code of faces of extruded LOD1 blocks
KIND_NAMES = (*SURFACE_KINDS, "LOD1Block")


def _polydata(rings: list[np.ndarray], kinds: list[int], buildings: list[int]) -> pv.PolyData:
    """Polygons (open rings) -> triangulated PolyData with 'kind' and 'building' cell data."""
    if not rings:
        return pv.PolyData()
    points = np.concatenate(rings)
    sizes = np.array([len(r) for r in rings])
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    faces = np.concatenate([np.concatenate(([n], np.arange(s, s + n))) for s, n in zip(starts, sizes)])
    mesh = pv.PolyData(points, faces=faces)
    mesh.cell_data["kind"] = np.asarray(kinds, dtype=np.int8)
    mesh.cell_data["building"] = np.asarray(buildings, dtype=np.int64)
    return mesh.triangulate()


def district_mesh(district: District) -> pv.PolyData:
    """One mesh of all buildings; cell data 'kind' (index into KIND_NAMES) and 'building' (row)."""
    rings, kinds, owners = [], [], []
    surfaces = district.surfaces
    with_lod2 = set(surfaces.building.tolist())
    for i in range(len(surfaces)):
        rings.append(surfaces.ring(i))
        kinds.append(int(surfaces.kind[i]))
        owners.append(int(surfaces.building[i]))
    for row in district.volumes.itertuples():
        if row.building in with_lod2:
            continue
        for polygon in getattr(row.geometry, "geoms", [row.geometry]):
            outline = np.asarray(polygon.exterior.coords)[:-1, :2]
            if _signed_area(outline) < 0:
                outline = outline[::-1]
            n = len(outline)
            rings.append(np.column_stack((outline, np.full(n, row.roof_z))))
            rings.append(np.column_stack((outline[::-1], np.full(n, row.ground_z))))
            for a, b in zip(outline, np.roll(outline, -1, axis=0)):
                rings.append(np.array([[*a, row.ground_z], [*b, row.ground_z], [*b, row.roof_z], [*a, row.roof_z]]))
            kinds += [LOD1_KIND] * (n + 2)
            owners += [row.building] * (n + 2)
    return _polydata(rings, kinds, owners)


def terrain_mesh(terrain: Terrain) -> pv.StructuredGrid:
    """The terrain raster as a surface, with elevation as point data; NaN cells are dropped."""
    xs, ys = terrain.cell_centres()
    gx, gy = np.meshgrid(xs, ys)
    grid = pv.StructuredGrid(gx, gy, np.nan_to_num(terrain.z, nan=float(np.nanmin(terrain.z))))
    grid.point_data["elevation"] = terrain.z.ravel(order="F")
    return grid


def _signed_area(outline: np.ndarray) -> float:
    x, y = outline[:, 0], outline[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
