"""urbantwin:shadowpolygons, urbantwin:shadowhours and urbantwin:nichiei: building shadows in QGIS."""
from __future__ import annotations

import pandas as pd
from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterString,
)

from ...analyses import nichiei as nichieilib
from ...analyses import sun
from ...analyses.citywide import ShadowParameters
from ...analyses.errors import UrbanTwinError
from ...analyses.place import Place
from ...analyses.shadow import shadow_hours, shadow_polygons
from ..analysis_entry import Analysis, KeyParameter, LessonStep, site_input
from ..citywide_run import add_tile_parameters, is_tiled, run_tiled_shadow_hours
from ..i18n import QT_TRANSLATE_NOOP, tr, word
from ..inputs import add_date_parameter, add_massing_parameters, date_of, extent_of, massing_of, polygon_of, terrain_of
from ..report_sections import nichiei_section, shadow_section
from .base import UrbanTwinAlgorithm, draw_preview, number_parameter, user_errors, write_frames

GROUP = QT_TRANSLATE_NOOP("@default", "Sun and shadow")


class ShadowPolygonsAlgorithm(UrbanTwinAlgorithm):
    """The shadow of every building at one instant, and their union."""

    NAME = "shadowpolygons"
    DISPLAY = QT_TRANSLATE_NOOP("@default", "Shadow at an instant")
    GROUP = GROUP
    HELP = QT_TRANSLATE_NOOP("@default", "Casts the shadow of every building on a horizontal plane PLANE_HEIGHT metres "
                             "above its ground at one date and time (TIME as HH:MM, true solar time or clock time in "
                             "Asia/Tokyo), or on the DEM where one is given. OUTPUT: one polygon per building with "
                             "the id "
                             "of the building that casts it; "
                             "UNION: all of them merged. LOD2 roofs (ROOFS) make pitched roofs cast their real "
                             "outline. The sun position comes from pvlib's SPA.")
    TIME, SOLAR_TIME, PLANE_HEIGHT, OUTPUT, UNION = "TIME", "SOLAR_TIME", "PLANE_HEIGHT", "OUTPUT", "UNION"

    def initAlgorithm(self, config=None):  # noqa: N802
        """Declare the parameters (their names are public interface)."""
        add_massing_parameters(self)
        add_date_parameter(self)
        self.addParameter(QgsProcessingParameterString(self.TIME, tr("Time (HH:MM)"), defaultValue="12:00"))
        self.addParameter(QgsProcessingParameterBoolean(self.SOLAR_TIME, tr("Time is true solar time"), True))
        self.addParameter(number_parameter(self.PLANE_HEIGHT, QT_TRANSLATE_NOOP("@default", "Height of the plane "
                                                                                            "above the ground "
                                                                                            "(m)"), 0.0))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, tr("Shadows"),
                                                            QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.UNION, tr("Shadows merged"), QgsProcessing.TypeVectorPolygon, optional=True))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Cast the shadows, then write the sinks."""
        with user_errors():
            massing = massing_of(self, parameters, context, feedback)
            day = date_of(self, parameters, context)
            hour = _hours(self.parameterAsString(parameters, self.TIME, context))
            place = Place.centre_of(massing.bounds, massing.epsg)
            if self.parameterAsBool(parameters, self.SOLAR_TIME, context):
                when = sun.solar_to_clock(day, [hour], place.longitude)[0]
            else:
                when = pd.Timestamp(day).tz_localize(sun.TOKYO) + pd.Timedelta(hours=hour)
            feedback.pushInfo(tr("Clock time {}").format(when.strftime("%Y-%m-%d %H:%M:%S %Z")))
            per_building, union = shadow_polygons(
                massing, when, self.parameterAsDouble(parameters, self.PLANE_HEIGHT, context),
                terrain=terrain_of(self, parameters, context, massing.epsg))
        feedback.pushInfo(tr("Sun elevation {:.2f}°, azimuth {:.2f}°").format(union.elevation.iloc[0],
                                                                              union.azimuth.iloc[0]))
        return write_frames(self, parameters, context, feedback, {self.OUTPUT: per_building, self.UNION: union},
                            massing.epsg, {self.OUTPUT: "shadow_length"})


def _hours(text: str) -> float:
    """'HH:MM' as decimal hours."""
    try:
        hours, minutes = (int(p) for p in text.strip().split(":"))
    except ValueError:
        raise UrbanTwinError(tr("The time '{}' is not HH:MM.").format(text)) from None
    if not (0 <= hours <= 24 and 0 <= minutes < 60):
        raise UrbanTwinError(tr("The time '{}' is not a time of day.").format(text))
    return hours + minutes / 60.0


class ShadowHoursAlgorithm(UrbanTwinAlgorithm):
    """Hours of shadow (and of sun) on a measuring plane over a day's window."""

    NAME = "shadowhours"
    WORKBENCH = Analysis(
        QT_TRANSLATE_NOOP("@default", "Shadow hours (winter solstice)"), (
            KeyParameter("PLANE_HEIGHT", QT_TRANSLATE_NOOP("@default", "Measuring plane (m)"), 1.5, 0.0, 10.0,
                         QT_TRANSLATE_NOOP("@default", "Height above the ground where shadow is counted: 1.5, 4 or "
                                                       "6.5 m in the regulation")),
            KeyParameter("CELL_SIZE", QT_TRANSLATE_NOOP("@default", "Cell size (m)"), 2.0, 0.5, 10.0,
                         QT_TRANSLATE_NOOP("@default", "Smaller cells are finer and slower")),
            KeyParameter("STEP_MINUTES", QT_TRANSLATE_NOOP("@default", "Step (minutes)"), 10.0, 1.0, 60.0,
                         QT_TRANSLATE_NOOP("@default", "Time between sun positions from 8:00 to 16:00 true solar "
                                                       "time"))),
        {"OUTPUT": ".tif", "PREVIEW": ".png"}, shadow_section, takes_roofs=True,
        lesson=LessonStep(2, QT_TRANSLATE_NOOP("@default", "2. Where is it dark all day?"),
                          QT_TRANSLATE_NOOP("@default", "On the winter solstice the sun is low (31° at noon in Tokyo). "
                                            "Count the hours each place spends in shadow between 8:00 and 16:00.")))
    DISPLAY = QT_TRANSLATE_NOOP("@default", "Sunlight and shadow hours")
    GROUP = GROUP
    HELP = QT_TRANSLATE_NOOP("@default", "A raster of the hours in shadow on a plane PLANE_HEIGHT metres above the "
                                         "ground "
                             "(the DEM where given, else flat), from START to END (true solar time by default) every "
                             "STEP_MINUTES on DATE (default: the winter solstice), with buildings and terrain casting "
                             "shadow. Cells inside buildings taller than the plane are no-data. SUN_OUTPUT: the hours "
                             "of sun. PREVIEW: a 3D picture (PNG) of the buildings over the result.")
    START, END, STEP_MINUTES, SOLAR_TIME = "START", "END", "STEP_MINUTES", "SOLAR_TIME"
    PLANE_HEIGHT, CELL_SIZE, EXTENT, OUTPUT, SUN_OUTPUT, PREVIEW = (
        "PLANE_HEIGHT", "CELL_SIZE", "EXTENT", "OUTPUT", "SUN_OUTPUT", "PREVIEW")

    def initAlgorithm(self, config=None):  # noqa: N802
        """Declare the parameters (their names are public interface)."""
        add_massing_parameters(self)
        add_date_parameter(self)
        self.addParameter(number_parameter(self.START, QT_TRANSLATE_NOOP("@default", "Start (hour)"), 8.0, 0.0, 24.0))
        self.addParameter(number_parameter(self.END, QT_TRANSLATE_NOOP("@default", "End (hour)"), 16.0, 0.0, 24.0))
        self.addParameter(number_parameter(self.STEP_MINUTES, QT_TRANSLATE_NOOP("@default", "Step (minutes)"), 10.0,
                                           0.5))
        self.addParameter(QgsProcessingParameterBoolean(self.SOLAR_TIME, tr("Times are true solar time"), True))
        self.addParameter(number_parameter(self.PLANE_HEIGHT, QT_TRANSLATE_NOOP("@default", "Height of the "
                                                                                            "measuring plane above "
                                                                                            "the ground (m)"), 0.0))
        self.addParameter(number_parameter(self.CELL_SIZE, QT_TRANSLATE_NOOP("@default", "Cell size (m)"), 1.0, 0.1))
        self.addParameter(QgsProcessingParameterExtent(self.EXTENT, tr("Extent (default: the buildings)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterRasterDestination(self.OUTPUT, tr("Hours in shadow")))
        self.addParameter(QgsProcessingParameterRasterDestination(self.SUN_OUTPUT, tr("Hours of sun"),
                                                                  optional=True, createByDefault=False))
        self.addParameter(QgsProcessingParameterFileDestination(self.PREVIEW, tr("3D preview (PNG)"), "PNG (*.png)",
                                                                optional=True, createByDefault=False))
        add_tile_parameters(self)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Count the shadow, then write the rasters and the preview; over a large area, tiled on Dask."""
        with user_errors():
            massing = massing_of(self, parameters, context, feedback)
            extent = extent_of(self, parameters, self.EXTENT, context, massing.epsg) or massing.bounds
            output = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
            params = ShadowParameters(
                date_of(self, parameters, context), self.parameterAsDouble(parameters, self.START, context),
                self.parameterAsDouble(parameters, self.END, context),
                self.parameterAsDouble(parameters, self.STEP_MINUTES, context),
                self.parameterAsDouble(parameters, self.PLANE_HEIGHT, context),
                self.parameterAsDouble(parameters, self.CELL_SIZE, context),
                self.parameterAsBool(parameters, self.SOLAR_TIME, context))
            if is_tiled(self, parameters, context, extent, output):
                return run_tiled_shadow_hours(self, parameters, context, feedback, massing, extent, params, output,
                                              self.parameterAsOutputLayer(parameters, self.SUN_OUTPUT, context))
            terrain = terrain_of(self, parameters, context, massing.epsg)
            result = shadow_hours(massing, params.day, params.start, params.end, params.step_minutes,
                                  params.plane_height, params.cell, extent, terrain, solar_time=params.solar_time,
                                  progress=lambda p: feedback.setProgress(0.9 * p), is_canceled=feedback.isCanceled)
        feedback.pushInfo(tr("{} sun positions, {} x {} cells").format(len(result.times), *result.shadow.shape[::-1]))
        results = {self.OUTPUT: output}
        result.shadow.write(results[self.OUTPUT])
        sun_path = self.parameterAsOutputLayer(parameters, self.SUN_OUTPUT, context)
        if sun_path:
            results[self.SUN_OUTPUT] = result.sun.write(sun_path)
        with user_errors():
            results[self.PREVIEW] = draw_preview(
                feedback, "raster_scene", self.parameterAsFileOutput(parameters, self.PREVIEW, context),
                massing=massing, raster=result.shadow, z=0.0,
                title=tr("hours in shadow"))
        feedback.setProgress(100)
        return results


REGULATION_OPTIONS = [QT_TRANSLATE_NOOP("@default", "Class 1: 3 h / 2 h (Hokkaido 2 h / 1.5 h)"),
                      QT_TRANSLATE_NOOP("@default", "Class 2: 4 h / 2.5 h (Hokkaido 3 h / 2 h)"),
                      QT_TRANSLATE_NOOP("@default", "Class 3: 5 h / 3 h (Hokkaido 4 h / 2.5 h)")]
HOKKAIDO_OPTIONS = [QT_TRANSLATE_NOOP("@default", "From the data's location"), QT_TRANSLATE_NOOP("@default", "Yes"),
                    QT_TRANSLATE_NOOP("@default", "No")]


class NichieiAlgorithm(UrbanTwinAlgorithm):
    """The shadow-regulation check (日影規制) of the buildings on a site."""

    NAME = "nichiei"
    WORKBENCH = Analysis(
        QT_TRANSLATE_NOOP("@default", "Shadow regulation (日影規制)"), (
            KeyParameter("REGULATION", QT_TRANSLATE_NOOP("@default", "Regulation class"), 1, 0, 2,
                         QT_TRANSLATE_NOOP("@default", "The zone's limits on the 5 m and 10 m lines")),
            KeyParameter("MEASURING_HEIGHT", QT_TRANSLATE_NOOP("@default", "Measuring height"), 1, 0, 2,
                         QT_TRANSLATE_NOOP("@default", "The zone's measuring plane above the average ground"))),
        {"CONTOURS": ".gpkg", "LINES": ".gpkg", "VERDICT": ".csv", "DIAGRAM": ".png"}, nichiei_section,
        preview="DIAGRAM", inputs=site_input,
        lesson=LessonStep(1, QT_TRANSLATE_NOOP("@default", "1. What is a shadow regulation?"),
                          QT_TRANSLATE_NOOP("@default", "Japan's Building Standards Act limits how long a new building "
                                            "may shade its neighbours on the shortest day of the year (日影規制). We "
                                            "check the tallest tower of the sample: the coloured lines show where its "
                                            "shadow lasts 2.5 and 4 hours.")))
    DISPLAY = QT_TRANSLATE_NOOP("@default", "Shadow regulation check (日影規制)")
    GROUP = GROUP
    HELP = QT_TRANSLATE_NOOP("@default", "Checks the buildings standing on SITE against the shadow regulation of "
                                         "the Building "
                             "Standards Act (art. 56-2, table 4): on the winter solstice, 8:00-16:00 true solar time "
                             "(9:00-15:00 in Hokkaido), their shadow on the plane at MEASURING_HEIGHT may last at most "
                             "the class's limits beyond the lines 5 m and 10 m outside the site boundary. Outputs the "
                             "equal-time shadow lines (CONTOURS), the regulation lines (LINES), the hourly shadow "
                             "outlines (HOURLY), a verdict per line with where and by how much it is exceeded "
                             "(VERDICT) and a diagram (DIAGRAM, PNG). ROADS and ROAD_WIDTH move the boundary out over "
                             "an adjoining road (half its width; width - 5 m over 10 m).")
    HELP_LINES = QT_TRANSLATE_NOOP("@default", "The verdict is read on the 5 m and 10 m lines themselves (with arcs "
                                               "round "
                                   "the site's corners) from the exact shadow outlines every STEP_SECONDS, at points "
                                   "every 0.05 m; the measuring plane stands above the average ground level, taken "
                                   "from the DEM along the buildings' outlines where one is given, else from the "
                                   "buildings' ground_z.")
    SITE, REGULATION, MEASURING_HEIGHT, HOKKAIDO = "SITE", "REGULATION", "MEASURING_HEIGHT", "HOKKAIDO"
    STEP_MINUTES, CELL_SIZE, ROADS, ROAD_WIDTH = "STEP_MINUTES", "CELL_SIZE", "ROADS", "ROAD_WIDTH"
    STEP_SECONDS = "STEP_SECONDS"
    CONTOURS, LINES, HOURLY, VERDICT, DIAGRAM = "CONTOURS", "LINES", "HOURLY", "VERDICT", "DIAGRAM"

    def shortHelpString(self) -> str:  # noqa: N802
        """The help, with how the verdict is measured (a string of its own, so HELP's translation stays)."""
        return super().shortHelpString() + "\n\n" + tr(self.HELP_LINES)

    def initAlgorithm(self, config=None):  # noqa: N802
        """Declare the parameters (their names are public interface)."""
        add_massing_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSource(self.SITE, tr("Site"), [QgsProcessing.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterEnum(self.REGULATION, tr("Regulation class"),
                                                     options=[tr(o) for o in REGULATION_OPTIONS], defaultValue=0))
        self.addParameter(QgsProcessingParameterEnum(self.MEASURING_HEIGHT, tr("Measuring height (m)"),
                                                     options=[f"{h:g} m" for h in nichieilib.MEASURING_HEIGHTS],
                                                     defaultValue=1))
        self.addParameter(QgsProcessingParameterEnum(self.HOKKAIDO, tr("Hokkaido table"),
                                                     options=[tr(o) for o in HOKKAIDO_OPTIONS], defaultValue=0))
        add_date_parameter(self)
        self.addParameter(number_parameter(self.STEP_MINUTES, QT_TRANSLATE_NOOP("@default", "Step (minutes)"), 2.0,
                                           0.5))
        self.addParameter(number_parameter(self.CELL_SIZE, QT_TRANSLATE_NOOP("@default", "Cell size (m)"), 0.5, 0.1))
        self.addParameter(QgsProcessingParameterFeatureSource(self.ROADS, tr("Roads and waterways (optional)"),
                                                              [QgsProcessing.TypeVectorPolygon], optional=True))
        self.addParameter(number_parameter(self.ROAD_WIDTH, QT_TRANSLATE_NOOP("@default", "Width of the adjoining "
                                                                                          "road (m)"), 0.0))
        self.addParameter(number_parameter(self.STEP_SECONDS, QT_TRANSLATE_NOOP(
            "@default", "Time step on the regulation lines (seconds)"), 60.0, 15.0, 600.0))
        self.addParameter(QgsProcessingParameterFeatureSink(self.CONTOURS, tr("Equal-time shadow lines"),
                                                            QgsProcessing.TypeVectorLine))
        self.addParameter(QgsProcessingParameterFeatureSink(self.LINES, tr("Regulation lines"),
                                                            QgsProcessing.TypeVectorLine))
        self.addParameter(QgsProcessingParameterFeatureSink(self.HOURLY, tr("Hourly shadow outlines"),
                                                            QgsProcessing.TypeVectorPolygon, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(self.VERDICT, tr("Verdict"), QgsProcessing.TypeVector))
        self.addParameter(QgsProcessingParameterFileDestination(self.DIAGRAM, tr("Diagram (PNG)"), "PNG (*.png)",
                                                                optional=True, createByDefault=False))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Check the site, then write the layers, the verdict and the diagram."""
        with user_errors():
            massing = massing_of(self, parameters, context, feedback)
            hokkaido = self.parameterAsEnum(parameters, self.HOKKAIDO, context)
            regulation = nichieilib.Regulation(
                self.parameterAsEnum(parameters, self.REGULATION, context) + 1,
                nichieilib.MEASURING_HEIGHTS[self.parameterAsEnum(parameters, self.MEASURING_HEIGHT, context)],
                massing.epsg in nichieilib.HOKKAIDO_EPSG if hokkaido == 0 else hokkaido == 1)
            result = nichieilib.nichiei(
                massing, polygon_of(self, parameters, self.SITE, context, feedback), regulation,
                date_of(self, parameters, context), self.parameterAsDouble(parameters, self.STEP_MINUTES, context),
                self.parameterAsDouble(parameters, self.CELL_SIZE, context),
                polygon_of(self, parameters, self.ROADS, context, feedback),
                self.parameterAsDouble(parameters, self.ROAD_WIDTH, context),
                progress=lambda p: feedback.setProgress(0.9 * p), is_canceled=feedback.isCanceled,
                terrain=terrain_of(self, parameters, context, massing.epsg),
                step_seconds=self.parameterAsDouble(parameters, self.STEP_SECONDS, context))
        feedback.pushInfo(tr("Measuring plane at {:.2f} m (average ground level {:.2f} m)").format(
            float(result.verdict.plane_z_m.iloc[0]), result.ground))
        if result.ground_split:
            feedback.pushWarning(tr("The ground along the buildings varies by {:.1f} m (more than 3 m): the law then "
                                    "takes the average ground level of each 3 m band separately; this check uses one "
                                    "average ({:.2f} m) for the whole "
                                    "site.").format(result.ground_spread, result.ground))
        for row in result.verdict.itertuples():
            feedback.pushInfo(tr("{}, limit {} h: {} (max {:.2f} h)").format(
                word(row.line), row.limit_h, tr("complies") if row.complies else tr("exceeds"), row.max_hours))
        results = write_frames(self, parameters, context, feedback,
                               {self.CONTOURS: result.contours, self.LINES: result.lines, self.HOURLY: result.hourly,
                                self.VERDICT: result.verdict}, massing.epsg, {})
        diagram = self.parameterAsFileOutput(parameters, self.DIAGRAM, context)
        if diagram:
            words = nichieilib.DiagramWords(tr("hours in shadow"), tr("{line}, limit {limit:g} h: {outcome} "
                                                                      "(max {hours:.2f} h)"),
                                            (word("5m"), word("10m")), tr("complies"), tr("EXCEEDS"))
            results[self.DIAGRAM] = nichieilib.diagram_png(result, diagram, words=words)
        feedback.setProgress(100)
        return results
