"""3D scenes with PyVista: functions of plain data that return a plotter, off-screen for a PNG or on screen.

Inside QGIS these run in a child process (`render.draw`, `render.open_window`), never in QGIS's own.
"""
from __future__ import annotations

import numpy as np
import pyvista as pv

from .barrierfree import CLASS_COLOURS
from .citymodel import District, Terrain
from .massing import Massing
from .mesh import district_mesh, massing_mesh, terrain_mesh
from .raster import Raster


def colour_bar(title: str) -> dict:
    """A vertical colour bar at the right, its title and labels large enough to read on a printed report."""
    return {"title": title, "color": "black", "vertical": True, "title_font_size": 20, "label_font_size": 18,
            "n_labels": 5, "fmt": "%.1f", "position_x": 0.86, "position_y": 0.15, "width": 0.07, "height": 0.7}


def building_scene(district: District, terrain: Terrain | None = None, scalars: str = "height",
                   off_screen: bool = True, window_size: tuple[int, int] = (1200, 800)) -> pv.Plotter:
    """A plotter showing the district's buildings coloured by a buildings column, over the terrain."""
    mesh = district_mesh(district)
    values = district.buildings[scalars].to_numpy(dtype=float)
    mesh.cell_data[scalars] = values[mesh.cell_data["building"]]
    plotter = pv.Plotter(off_screen=off_screen, window_size=list(window_size))
    plotter.set_background("white")
    if terrain is not None and np.isfinite(terrain.z).any():
        plotter.add_mesh(terrain_mesh(terrain), color="#d9cfb8", show_scalar_bar=False)
    plotter.add_mesh(mesh, scalars=scalars, cmap="viridis", scalar_bar_args=colour_bar(scalars))
    plotter.camera_position = "iso"
    plotter.camera.elevation = -10
    plotter.camera.zoom(1.3)
    return plotter


def massing_scene(massing: Massing, off_screen: bool = True, window_size: tuple[int, int] = (1200, 800)
                  ) -> pv.Plotter:
    """A plotter showing a massing's buildings in grey, ready for a result surface to be added."""
    plotter = pv.Plotter(off_screen=off_screen, window_size=list(window_size))
    plotter.set_background("white")
    plotter.add_mesh(massing_mesh(massing), color="#bbbbbb", show_scalar_bar=False)
    plotter.camera_position = "iso"
    plotter.camera.elevation = -10
    plotter.camera.zoom(1.3)
    return plotter


def add_raster_surface(plotter: pv.Plotter, raster: Raster, z: np.ndarray | float, title: str,
                       cmap: str = "magma_r") -> pv.Plotter:
    """Draw a raster (NaN cells hidden) as a surface at height z, with a colour bar titled title."""
    values = raster.values
    gx, gy = np.meshgrid(*raster.cell_centres())
    gz = np.broadcast_to(np.asarray(z, dtype=float), values.shape) + 0.05  # just above the ground
    surface = pv.StructuredGrid(gx, gy, np.array(gz))
    surface.point_data[title] = values.ravel(order="F")
    surface = surface.threshold(value=(np.nanmin(values), np.nanmax(values)), scalars=title)
    plotter.add_mesh(surface, scalars=title, cmap=cmap, scalar_bar_args=colour_bar(title))
    return plotter


def add_points(plotter: pv.Plotter, xyz: np.ndarray, values: np.ndarray, title: str, cmap: str = "inferno",
               size: float = 6.0) -> pv.Plotter:
    """Draw points coloured by values, with a colour bar titled title."""
    cloud = pv.PolyData(np.asarray(xyz, dtype=float))
    cloud.point_data[title] = np.asarray(values, dtype=float)
    plotter.add_mesh(cloud, scalars=title, cmap=cmap, point_size=size, render_points_as_spheres=False,
                     scalar_bar_args=colour_bar(title))
    return plotter




def add_network(plotter: pv.Plotter, links, terrain: Terrain | None = None, lift: float = 0.5) -> pv.Plotter:
    """Draw network links coloured by their 'class' (passable / caution / impassable), on the terrain."""
    from .terrain import sample_points
    for name, colour in CLASS_COLOURS.items():
        chosen = links[links["class"] == name]
        if not len(chosen):
            continue
        points: list[np.ndarray] = []
        cells: list[np.ndarray] = []
        for line in chosen.geometry.values:
            xy = np.asarray(line.coords)[:, :2]
            z = sample_points(terrain, xy) if terrain is not None else np.zeros(len(xy))
            start = sum(len(p) for p in points)
            points.append(np.column_stack((xy, np.nan_to_num(z) + lift)))
            cells.append(np.concatenate(([len(xy)], np.arange(start, start + len(xy)))))
        mesh = pv.PolyData(np.concatenate(points), lines=np.concatenate(cells))
        plotter.add_mesh(mesh, color=colour, line_width=4, label=name)
    plotter.add_legend(bcolor="white", size=(0.18, 0.12))
    return plotter


def raster_scene(massing: Massing, raster: Raster, z: np.ndarray | float, title: str, cmap: str = "magma_r",
                 off_screen: bool = True) -> pv.Plotter:
    """The buildings in grey over a result raster drawn as a coloured surface."""
    return add_raster_surface(massing_scene(massing, off_screen), raster, z, title, cmap)


def points_scene(massing: Massing, xyz: np.ndarray, values: np.ndarray, title: str, cmap: str = "inferno",
                 off_screen: bool = True) -> pv.Plotter:
    """The buildings in grey with coloured points (roof samples)."""
    return add_points(massing_scene(massing, off_screen), xyz, values, title, cmap)


def network_scene(links, massing: Massing | None = None, terrain: Terrain | None = None,
                  off_screen: bool = True) -> pv.Plotter:
    """Network links coloured by class over the buildings (flat ground), else draped on the terrain."""
    if massing is not None:
        return add_network(massing_scene(massing, off_screen), links)
    plotter = pv.Plotter(off_screen=off_screen, window_size=[1200, 800])
    plotter.set_background("white")
    add_network(plotter, links, terrain)
    plotter.view_isometric()
    return plotter


def model_scene(path: str, off_screen: bool = True) -> pv.Plotter:
    """A 3D model file (OBJ, glTF, PLY ...) in grey with its edges."""
    from .loaders import read_mesh
    plotter = pv.Plotter(off_screen=off_screen, window_size=[900, 600])
    plotter.set_background("white")
    plotter.add_mesh(read_mesh(path), color="#bbbbbb", show_edges=True)
    plotter.view_isometric()
    return plotter
