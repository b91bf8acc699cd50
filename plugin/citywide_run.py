"""Shadow hours (and, as they gain tiling, the other raster analyses) over a ward or a city: the Processing side
of analyses/citywide.py. TILE_SIZE and SCHEDULER are the two parameters a raster algorithm gains; a run larger
than a tile goes to Dask, tiled, and its OUTPUT becomes the VRT mosaic with its COG tiles beside it."""
from __future__ import annotations

import os

from qgis.core import QgsProcessingParameterString

from ..analyses import citywide
from .algorithms.base import number_parameter
from .i18n import QT_TRANSLATE_NOOP, tr
from .inputs import dem_path_of

TILE_SIZE, SCHEDULER = "TILE_SIZE", "SCHEDULER"
DEFAULT_TILE = 1000.0  # the third-order mesh (3次メッシュ), which PLATEAU's files follow


def add_tile_parameters(algorithm) -> None:
    """TILE_SIZE (m; 0: one piece; 1000: the third-order mesh) and SCHEDULER (empty: a local Dask cluster)."""
    algorithm.addParameter(number_parameter(TILE_SIZE, QT_TRANSLATE_NOOP(
        "@default", "Tile size for large areas (m; 0: one piece; 1000: the 1 km mesh)"), DEFAULT_TILE, 0.0))
    algorithm.addParameter(QgsProcessingParameterString(
        SCHEDULER, tr("Dask scheduler address (empty: a local cluster on this machine)"), "", optional=True))


def is_tiled(algorithm, parameters, context, extent, output: str) -> bool:
    """Whether the run goes in tiles: the extent is larger than a (non-zero) tile, or OUTPUT is a .vrt."""
    size = algorithm.parameterAsDouble(parameters, TILE_SIZE, context)
    larger = max(extent[2] - extent[0], extent[3] - extent[1]) > size
    return output.lower().endswith(".vrt") or (size > 0 and larger)


def run_tiled(algorithm, parameters, context, feedback, massing, extent, output: str, runner, params,
              solve_share: float = 0.0, **more) -> citywide.RunReport:
    """A tiled run of an analysis's citywide runner (citywide.run_shadow_hours, run_solar, …) on Dask over extent
    with params (and more, its own keywords), its tiles and index beside output. The DEM, where given, is read
    tile by tile. solve_share: the part of the progress bar a runner's solve before the tiles takes (its
    `solving` reports it), the tiles the rest."""
    size = algorithm.parameterAsDouble(parameters, TILE_SIZE, context)
    tile_size = None if size in (0.0, DEFAULT_TILE) else size  # None: the third-order mesh
    folder = os.path.dirname(os.path.abspath(output))
    name = os.path.splitext(os.path.basename(output))[0]
    os.makedirs(folder, exist_ok=True)
    inputs = citywide.write_inputs(massing, folder, dem_path_of(algorithm, parameters, context, massing.epsg))
    scheduler = algorithm.parameterAsString(parameters, SCHEDULER, context).strip() or None

    def progress(done: int, total: int, left: float) -> None:
        feedback.setProgress(100.0 * (solve_share + (1.0 - solve_share) * done / max(total, 1)))
        feedback.pushInfo(tr("{} / {} tiles, about {:.0f} s left").format(done, total, left))

    if solve_share:
        more["solving"] = lambda share: feedback.setProgress(100.0 * solve_share * share)
    report = runner(inputs=inputs, area=tuple(extent), epsg=massing.epsg, params=params, folder=folder, name=name,
                    tile_size=tile_size, scheduler=scheduler, progress=progress, is_canceled=feedback.isCanceled,
                    **more)
    feedback.pushInfo(tr("{} tiles computed, {} already done (resumed); the index of tiles: {}").format(
        len(report.computed), len(report.skipped), report.index))
    return report


def run_tiled_shadow_hours(algorithm, parameters, context, feedback, massing, extent, params,
                           output: str, sun_output: str | None = None) -> dict[str, str]:
    """The tiled shadow-hours run on Dask: {"OUTPUT": the mosaic (VRT) of shadow hours, with the tiles and the
    index beside it, and "SUN_OUTPUT": a VRT of sun hours over the same tiles where sun_output is asked for}."""
    sun_mosaic = os.path.splitext(sun_output)[0] + ".vrt" if sun_output else None
    report = run_tiled(algorithm, parameters, context, feedback, massing, extent, output, citywide.run_shadow_hours,
                       params, sun_mosaic=sun_mosaic)
    return {"OUTPUT": report.mosaic, **({"SUN_OUTPUT": sun_mosaic} if sun_mosaic else {})}
