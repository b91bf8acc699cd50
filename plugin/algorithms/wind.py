"""urbantwin:pedestrianwind and urbantwin:windcomfort: wind at pedestrian height around buildings."""
from __future__ import annotations

import os

import numpy as np
import pandas as pd
import shapely
from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterRasterDestination,
)

from ...analyses import citywide, wind, windcomfort
from ...analyses.errors import UrbanTwinError
from ...analyses.place import Place
from ..analysis_entry import Analysis, KeyParameter, LessonStep
from ..citywide_run import add_tile_parameters, is_tiled, run_tiled
from ..i18n import QT_TRANSLATE_NOOP, tr, word
from ..inputs import add_massing_parameters, extent_of, massing_of, terrain_of
from ..report_sections import comfort_section, wind_section
from .base import UrbanTwinAlgorithm, draw_preview, number_parameter, user_errors, write_frames
from .cfd_parameters import add_cfd_parameters, case_folder, cfd_settings, feedback_progress

GROUP = QT_TRANSLATE_NOOP("@default", "Wind")
#: The part of a tiled run's progress bar its solve takes: cutting the tiles from the solved wind is quick.
SOLVE_SHARE = 0.95


class _WindAlgorithm(UrbanTwinAlgorithm):
    """Shared inputs of the wind algorithms."""

    GROUP = GROUP

    def add_pedestrian_outputs(self) -> None:
        """The outputs a pedestrian-wind solver gives: speed and ratio rasters, arrows, morphometry, preview."""
        self.addParameter(QgsProcessingParameterRasterDestination("SPEED_OUTPUT", tr("Wind speed (m/s)")))
        self.addParameter(QgsProcessingParameterRasterDestination("RATIO_OUTPUT", tr("Speed ratio")))
        self.addParameter(QgsProcessingParameterFeatureSink("ARROWS", tr("Wind arrows"), QgsProcessing.TypeVectorPoint,
                                                            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink("MORPHOMETRY", tr("Morphometry"), QgsProcessing.TypeVector,
                                                            optional=True))
        self.addParameter(QgsProcessingParameterFileDestination("PREVIEW", tr("3D preview (PNG)"), "PNG (*.png)",
                                                                optional=True, createByDefault=False))

    def write_pedestrian_results(self, parameters, context, feedback, massing, ped: wind.PedestrianWind,
                                 morph: dict, direction: float) -> dict:
        """Write the rasters, the arrows, the morphometry and the preview of a solved direction."""
        results = {key: raster.write(self.parameterAsOutputLayer(parameters, key, context))
                   for key, raster in (("SPEED_OUTPUT", ped.speed), ("RATIO_OUTPUT", ped.ratio))}
        frames = {"ARROWS": _arrows(ped, 5), "MORPHOMETRY": pd.DataFrame([{**morph, "direction": direction}])}
        results.update(write_frames(self, parameters, context, feedback, frames, massing.epsg, {}))
        with user_errors():
            results["PREVIEW"] = draw_preview(
                feedback, "raster_scene", self.parameterAsFileOutput(parameters, "PREVIEW", context),
                massing=massing, raster=ped.ratio, z=ped.height, title=tr("speed ratio"), cmap="coolwarm")
        return results

    def add_wind_parameters(self) -> None:
        """BUILDINGS, HEIGHT_FIELD, ROOFS, DEM, REF_SPEED, REF_HEIGHT, CELL_SIZE, PED_HEIGHT, EXTENT."""
        add_massing_parameters(self)
        self.addParameter(number_parameter("REF_SPEED", QT_TRANSLATE_NOOP("@default", "Reference speed (m/s)"),
                                           5.0, 0.1))
        self.addParameter(number_parameter("REF_HEIGHT", QT_TRANSLATE_NOOP("@default", "Reference height (m)"),
                                           10.0, 1.0))
        self.addParameter(number_parameter("CELL_SIZE", QT_TRANSLATE_NOOP("@default", "Cell size (m)"), 2.0, 0.5))
        self.addParameter(number_parameter("PED_HEIGHT", QT_TRANSLATE_NOOP("@default", "Pedestrian height (m)"),
                                           1.5, 0.5))
        self.addParameter(QgsProcessingParameterExtent("EXTENT", tr("Extent (default: the buildings and around "
                                                                    "them)"), optional=True))

    def common(self, parameters, context, feedback):
        """The massing, the terrain (or None), the convergence, the extent and the numbers."""
        massing = massing_of(self, parameters, context, feedback)
        terrain = terrain_of(self, parameters, context, massing.epsg)
        around = min(max(20.0, float(massing.height.max())), 100.0)  # the flow around the outer buildings too
        bounds = np.array(massing.bounds) + np.array([-around, -around, around, around])
        extent = extent_of(self, parameters, "EXTENT", context, massing.epsg) or tuple(bounds)
        values = {key: self.parameterAsDouble(parameters, key, context)
                  for key in ("REF_SPEED", "REF_HEIGHT", "CELL_SIZE", "PED_HEIGHT")}
        return massing, terrain, Place.centre_of(extent, massing.epsg).convergence_deg, extent, values


class PedestrianWindAlgorithm(_WindAlgorithm):
    """Speed and speed ratio at pedestrian height for one wind direction."""

    NAME = "pedestrianwind"
    WORKBENCH = Analysis(
        QT_TRANSLATE_NOOP("@default", "Pedestrian wind"), (
            KeyParameter("DIRECTION", QT_TRANSLATE_NOOP("@default", "Wind from (degrees)"), 337.5, 0.0, 360.0,
                         QT_TRANSLATE_NOOP("@default", "Where the wind blows from, clockwise from north (Tokyo's "
                                                       "winter wind: NNW, 337.5)")),
            KeyParameter("REF_SPEED", QT_TRANSLATE_NOOP("@default", "Speed at 10 m (m/s)"), 5.0, 0.5, 40.0,
                         QT_TRANSLATE_NOOP("@default", "Undisturbed wind speed at the reference height")),
            KeyParameter("CELL_SIZE", QT_TRANSLATE_NOOP("@default", "Cell size (m)"), 3.0, 1.0, 10.0,
                         QT_TRANSLATE_NOOP("@default", "Smaller cells are finer, slower and need more memory"))),
        {"SPEED_OUTPUT": ".tif", "RATIO_OUTPUT": ".tif", "PREVIEW": ".png"}, wind_section,
        lesson=LessonStep(4, QT_TRANSLATE_NOOP("@default", "4. Why is it windy near tall buildings?"),
                          QT_TRANSLATE_NOOP("@default", "Air that hits a tall building goes around and over it: it "
                                            "speeds up at the corners (red) and is calm behind it (blue).")))
    DISPLAY = QT_TRANSLATE_NOOP("@default", "Pedestrian wind")
    HELP = QT_TRANSLATE_NOOP("@default", "A diagnostic urban wind model of the Röckle family (as QUIC-URB and UMEP "
                                         "URock): "
                             "an inflow profile over the district's roughness, empirical zones around every building "
                             "(upwind displacement, rooftop recirculation, lee cavity and wake, street canyons), "
                             "then a mass-consistent, divergence-free adjustment. For the wind from DIRECTION "
                             "(degrees from north) at REF_SPEED and REF_HEIGHT: the speed and the ratio to the "
                             "undisturbed speed at PED_HEIGHT as rasters, arrows, the district's morphometry "
                             "(plan and frontal area index, roughness length and displacement height, Macdonald "
                             "1998) and a 3D preview. With a DEM the terrain is solid too, and every height counts "
                             "from the local ground. It is not CFD: see the README for what it can and cannot show.")

    def initAlgorithm(self, config=None):  # noqa: N802
        """Declare the parameters (their names are public interface)."""
        self.add_wind_parameters()
        self.addParameter(number_parameter("DIRECTION", QT_TRANSLATE_NOOP("@default", "Wind direction (degrees "
                                                                          "from north, where it blows from)"),
                                           0.0, 0.0, 360.0))
        self.add_pedestrian_outputs()
        add_tile_parameters(self)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Solve, then write the rasters, arrows, morphometry and preview; over a large area, tiled on Dask."""
        with user_errors():
            massing, terrain, convergence, extent, values = self.common(parameters, context, feedback)
            direction = self.parameterAsDouble(parameters, "DIRECTION", context)
            morph = wind.morphometry(massing, shapely.box(*extent), direction)
            feedback.pushInfo(tr("Roughness length {:.2f} m, displacement height {:.1f} m").format(
                morph["z0"], morph["zd"]))
            speed_out = self.parameterAsOutputLayer(parameters, "SPEED_OUTPUT", context)
            if is_tiled(self, parameters, context, extent, speed_out):
                return self._tiled(parameters, context, feedback, massing, extent, values, morph, direction,
                                   speed_out)
            field = wind.solve_wind(massing, direction, values["REF_SPEED"], values["REF_HEIGHT"],
                                    values["CELL_SIZE"], morph["z0"], convergence, extent=extent, terrain=terrain,
                                    is_canceled=feedback.isCanceled)
            ped = wind.pedestrian_level(field, values["PED_HEIGHT"], values["CELL_SIZE"], extent)
        feedback.pushInfo(tr("Largest divergence left: {:.1e} 1/s").format(field.max_divergence))
        return self.write_pedestrian_results(parameters, context, feedback, massing, ped, morph, direction)

    def _tiled(self, parameters, context, feedback, massing, extent, values, morph, direction, speed_out) -> dict:
        """The run over a large area in tiles on Dask, every tile with the area's roughness and lattice and a halo
        (_halo): SPEED_OUTPUT and RATIO_OUTPUT become VRT mosaics; no arrows or 3D picture of a whole city."""
        params = citywide.WindParameters(direction, morph["z0"], values["REF_SPEED"], values["REF_HEIGHT"],
                                         values["CELL_SIZE"], values["PED_HEIGHT"], _halo(massing))
        ratio_out = self.parameterAsOutputLayer(parameters, "RATIO_OUTPUT", context)
        ratio_mosaic = os.path.splitext(ratio_out)[0] + ".vrt" if ratio_out else None
        report = run_tiled(self, parameters, context, feedback, massing, extent, speed_out, citywide.run_wind, params,
                           SOLVE_SHARE, ratio_mosaic=ratio_mosaic, log=lambda *solve: _log_pass(feedback, *solve))
        results = {"SPEED_OUTPUT": report.mosaic, **({"RATIO_OUTPUT": ratio_mosaic} if ratio_mosaic else {})}
        results.update(write_frames(self, parameters, context, feedback,
                                    {"MORPHOMETRY": pd.DataFrame([{**morph, "direction": direction}])},
                                    massing.epsg, {}))
        return results


def _log_pass(feedback, blocks: int, done: int, worst: float, direction: str = "") -> None:
    """Log one pass of a tiled run's wind solve (of the direction named first, in a comfort run)."""
    line = tr("The wind solved as one problem over {} blocks: pass {}, largest divergence {:.2g} 1/s").format(
        blocks, done, worst)
    feedback.pushInfo(f"{direction}: {line}" if direction else line)


def _halo(massing) -> float:
    """How far around a tile its wind domain reaches: three times the tallest building, 100-250 m."""
    return float(np.clip(3.0 * massing.height.max(), 100.0, 250.0))


def _arrows(ped: wind.PedestrianWind, every: int):
    """Points every `every` cells with the speed and the direction the air moves towards."""
    import geopandas as gpd
    speed, ratio, towards = ped.speed.values, ped.ratio.values, ped.towards.values
    rows, cols = np.mgrid[0:speed.shape[0]:every, 0:speed.shape[1]:every]
    keep = np.isfinite(speed[rows, cols])
    rows, cols = rows[keep], cols[keep]
    xs, ys = ped.speed.cell_centres()
    return gpd.GeoDataFrame({"speed": speed[rows, cols], "ratio": ratio[rows, cols], "towards": towards[rows, cols]},
                            geometry=shapely.points(xs[cols], ys[rows]), crs=ped.speed.epsg)


class WindComfortAlgorithm(_WindAlgorithm):
    """Sixteen directions combined with a wind rose into comfort classes."""

    NAME = "windcomfort"
    WORKBENCH = Analysis(
        QT_TRANSLATE_NOOP("@default", "Wind comfort (16 directions)"), (
            KeyParameter("CRITERION", QT_TRANSLATE_NOOP("@default", "Criterion"), 0, 0, 2,
                         QT_TRANSLATE_NOOP("@default", "Lawson (LDDC), the Wind Engineering Institute's areas A-D or "
                                                       "Murakami's ranks 1-4")),
            KeyParameter("CELL_SIZE", QT_TRANSLATE_NOOP("@default", "Cell size (m)"), 6.0, 2.0, 20.0,
                         QT_TRANSLATE_NOOP("@default", "16 wind solves: larger cells keep it to minutes"))),
        {"CLASS_OUTPUT": ".tif", "AREAS": ".csv"}, comfort_section, preview="")
    DISPLAY = QT_TRANSLATE_NOOP("@default", "Wind comfort")
    HELP = QT_TRANSLATE_NOOP("@default", "Runs the pedestrian wind model for 16 directions and combines the speed "
                                         "ratios "
                             "with a wind rose (frequency and Weibull k, c per direction at the reference height: "
                             "ROSE as CSV direction,frequency,k,c, or the built-in approximate Tokyo rose) into the "
                             "probability of exceeding each threshold, and comfort classes under CRITERION: Lawson "
                             "(LDDC, hourly means at PED_HEIGHT), the Wind Engineering Institute's areas A-D "
                             "(風工学研究所, daily means at 5 m) or Murakami's ranks 1-4 (村上, daily maximum gust "
                             "at PED_HEIGHT: the daily maximum mean times GUST_FACTOR). ROSE_STATISTIC says what "
                             "the rose's speeds are; an hourly rose under a daily criterion is converted "
                             "conservatively, with a warning. Outputs the class raster and a table of the area in "
                             "each class. CFD_DIRECTIONS are solved by CFD with OpenFOAM instead (as Pedestrian wind "
                             "(CFD, OpenFOAM), with its OpenFOAM parameters; one case per direction kept in "
                             "CASE_FOLDER; flat ground), the rest by the diagnostic model; the DIRECTIONS table and "
                             "the log say which solver gave each direction. A CFD direction takes minutes to an hour.")

    def initAlgorithm(self, config=None):  # noqa: N802
        """Declare the parameters (their names are public interface)."""
        self.add_wind_parameters()
        self.addParameter(QgsProcessingParameterFile("ROSE", tr("Wind rose CSV (default: Tokyo, approximate)"),
                                                     QgsProcessingParameterFile.File, extension="csv", optional=True))
        self.addParameter(QgsProcessingParameterEnum("CRITERION", tr("Criterion"),
                                                     options=[c.name for c in windcomfort.CRITERIA.values()],
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterEnum("ROSE_STATISTIC", tr("The rose's speeds are"),
                                                     options=list(windcomfort.STATISTICS.values()), defaultValue=0))
        self.addParameter(number_parameter("GUST_FACTOR", QT_TRANSLATE_NOOP("@default", "Gust factor (Murakami)"),
                                           2.5, 1.0))
        self.addParameter(QgsProcessingParameterEnum(
            "CFD_DIRECTIONS", tr("Directions solved by CFD (OpenFOAM; the rest diagnostic)"),
            options=[f"{name} ({direction:g}°)" for name, direction in zip(windcomfort.COMPASS,
                                                                             windcomfort.DIRECTIONS)],
            # an empty default: without one, QGIS reads a missing multiple choice as its first option (N)
            allowMultiple=True, optional=True, defaultValue=[]))
        add_cfd_parameters(self)
        self.addParameter(QgsProcessingParameterRasterDestination("CLASS_OUTPUT", tr("Comfort class")))
        self.addParameter(QgsProcessingParameterFeatureSink("AREAS", tr("Area per class"), QgsProcessing.TypeVector,
                                                            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink("DIRECTIONS", tr("Solver per direction"),
                                                            QgsProcessing.TypeVector, optional=True))
        add_tile_parameters(self)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Sixteen solves, then the classes; over a large area, tiled on Dask."""
        with user_errors():
            massing, terrain, convergence, extent, values = self.common(parameters, context, feedback)
            statistic = list(windcomfort.STATISTICS)[self.parameterAsEnum(parameters, "ROSE_STATISTIC", context)]
            path = self.parameterAsFile(parameters, "ROSE", context)
            rose = windcomfort.read_rose(path, statistic=statistic) if path else windcomfort.TOKYO_ROSE
            criterion = windcomfort.CRITERIA[list(windcomfort.CRITERIA)[self.parameterAsEnum(parameters, "CRITERION",
                                                                                           context)]]
            gust = self.parameterAsDouble(parameters, "GUST_FACTOR", context)
            note = windcomfort.rose_note(rose, criterion.key)
            z0 = wind.morphometry(massing, shapely.box(*extent), 0.0)["z0"]
            plan = self.cfd_plan(parameters, context, feedback, terrain, rose, z0, values)
            out = self.parameterAsOutputLayer(parameters, "CLASS_OUTPUT", context)
            if note:
                feedback.pushWarning(note)
            feedback.pushInfo(tr(criterion.source))
            feedback.pushInfo(tr("Wind rose: {}").format(rose.source))
            if is_tiled(self, parameters, context, extent, out):
                if plan is not None:
                    raise UrbanTwinError(tr("CFD directions are not run in tiles: choose an extent of one tile, or "
                                            "TILE_SIZE 0, or no CFD directions"))
                params = citywide.ComfortParameters(rose, criterion.key, z0, gust, values["CELL_SIZE"],
                                                    criterion.height or values["PED_HEIGHT"], _halo(massing))
                return self._tiled(parameters, context, feedback, massing, extent, params, list(criterion.classes),
                                   out)
            directions = windcomfort.direction_speeds(
                massing, rose, extent, values["CELL_SIZE"], criterion.height or values["PED_HEIGHT"], z0,
                convergence, progress=feedback_progress(feedback, 95.0), is_canceled=feedback.isCanceled,
                terrain=terrain, cfd=plan)
            index, names = windcomfort.comfort_classes(directions.speeds, rose, criterion.key, gust)
        results = {"CLASS_OUTPUT": directions.grid.like(index).write(out)}
        return self._write_tables(parameters, context, feedback, massing.epsg, results,
                                  windcomfort.class_areas(index, names, directions.grid.cell), directions.record(rose))

    def _tiled(self, parameters, context, feedback, massing, extent, params, names: list[str], out: str) -> dict:
        """The classes over a large area in tiles on Dask (every direction diagnostic): CLASS_OUTPUT becomes the
        VRT mosaic, and the areas are counted tile by tile."""
        report = run_tiled(self, parameters, context, feedback, massing, extent, out, citywide.run_comfort, params,
                           SOLVE_SHARE, log=lambda direction, *solve: _log_pass(feedback, *solve, direction))
        counts = citywide.mosaic_counts(report.mosaic, len(names))
        return self._write_tables(parameters, context, feedback, massing.epsg, {"CLASS_OUTPUT": report.mosaic},
                                  windcomfort.areas_of_counts(counts, names, params.cell),
                                  windcomfort.direction_record(params.rose))

    def _write_tables(self, parameters, context, feedback, epsg: int, results: dict, areas: list[dict],
                      directions: list[dict]) -> dict:
        """Log the solvers and the area per class; write AREAS and DIRECTIONS."""
        record = pd.DataFrame(directions)
        by_cfd = list(record["name"][record["solver"] == windcomfort.CFD])
        feedback.pushInfo(tr("Solvers: CFD (OpenFOAM) for {}; the diagnostic model for the other {} directions")
                          .format(", ".join(by_cfd), len(record) - len(by_cfd)) if by_cfd else
                          tr("Solvers: the diagnostic model for all 16 directions"))
        table = pd.DataFrame(areas)
        for row in table.itertuples():
            feedback.pushInfo(f"{word(row[1])}: {row.area_m2:.0f} m² ({100 * row.share:.0f} %)")
        results.update(write_frames(self, parameters, context, feedback, {"AREAS": table, "DIRECTIONS": record},
                                    epsg, {}))
        return results

    def cfd_plan(self, parameters, context, feedback, terrain, rose: windcomfort.WindRose, z0: float,
                 values: dict) -> windcomfort.CfdPlan | None:
        """The directions chosen for CFD and its settings, or None when there are none."""
        chosen = self.parameterAsEnums(parameters, "CFD_DIRECTIONS", context)
        if not chosen:
            return None
        if terrain is not None:
            feedback.pushWarning(tr("The CFD directions have flat ground: only the diagnostic ones use the DEM"))
        settings = cfd_settings(self, parameters, context, 0.0, values["REF_SPEED"], rose.height, z0,
                                values["CELL_SIZE"])
        return windcomfort.CfdPlan(tuple(float(windcomfort.DIRECTIONS[i]) for i in sorted(chosen)), settings,
                                   case_folder(self, parameters, context, feedback))
