"""Triangle meshes of a district for 3D work: LOD2 surfaces where present, LOD1 blocks elsewhere."""
from __future__ import annotations

import numpy as np
import pyvista as pv

from .citymodel import SURFACE_KINDS, District, Terrain
from .massing import Massing

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
            faces = _prism(np.asarray(polygon.exterior.coords)[:-1, :2], row.ground_z, row.roof_z)
            rings += faces
            kinds += [LOD1_KIND] * len(faces)
            owners += [row.building] * len(faces)
    return _polydata(rings, kinds, owners)


def massing_mesh(massing: Massing) -> pv.PolyData:
    """One mesh of a massing standing on z = 0: LOD2 roofs where known, else blocks; cell data 'building'."""
    rings, owners = [], []
    with_roofs = massing.has_roofs()
    if massing.roofs is not None:
        rings += [r[:-1] for r in massing.roofs.rings]
        owners += massing.roofs.building.tolist()
    for i, footprint in enumerate(massing.footprints):
        for polygon in getattr(footprint, "geoms", [footprint]):
            faces = _prism(np.asarray(polygon.exterior.coords)[:-1, :2], 0.0, massing.height[i])
            if with_roofs[i]:
                faces = faces[2:]  # walls only: the roofs are the top
            rings += faces
            owners += [i] * len(faces)
    return _polydata(rings, [LOD1_KIND] * len(rings), owners)


def _prism(outline: np.ndarray, ground_z: float, roof_z: float) -> list[np.ndarray]:
    """The faces of a block on an outline: top, bottom, then one wall per edge."""
    if _signed_area(outline) < 0:
        outline = outline[::-1]
    n = len(outline)
    faces = [np.column_stack((outline, np.full(n, roof_z))), np.column_stack((outline[::-1], np.full(n, ground_z)))]
    for a, b in zip(outline, np.roll(outline, -1, axis=0)):
        faces.append(np.array([[*a, ground_z], [*b, ground_z], [*b, roof_z], [*a, roof_z]]))
    return faces


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
