"""urbantwin:solarpotential — irradiation per roof surface and building with shading, and PV yield."""
from __future__ import annotations

import os

import numpy as np
from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputString,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterRasterDestination,
    QgsProcessingUtils,
)

from ...analyses import citywide, weather
from ...analyses.place import Place
from ...analyses.solar import PVParameters, solar_potential, within_reach
from ...analyses.tilestore import read_in_chunks
from ..analysis_entry import Analysis, KeyParameter, LessonStep
from ..citywide_run import add_tile_parameters, is_tiled, run_tiled
from ..i18n import QT_TRANSLATE_NOOP, tr, translated_error
from ..inputs import add_massing_parameters, extent_of, massing_of, terrain_of
from ..report_sections import solar_section
from .base import UrbanTwinAlgorithm, draw_preview, number_parameter, user_errors, write_chunks, write_frames


class SolarPotentialAlgorithm(UrbanTwinAlgorithm):
    """Roof irradiation through a year with shading, usable area, kWp, kWh, CO2 and a suitability class."""

    NAME = "solarpotential"
    WORKBENCH = Analysis(
        QT_TRANSLATE_NOOP("@default", "Solar rooftop potential"), (
            KeyParameter("CELL_SIZE", QT_TRANSLATE_NOOP("@default", "Roof sampling (m)"), 1.0, 0.5, 5.0,
                         QT_TRANSLATE_NOOP("@default", "Distance between roof points")),
            KeyParameter("MIN_FRACTION", QT_TRANSLATE_NOOP("@default", "Exclude under this share of the best roof"),
                         0.6, 0.0, 1.0,
                         QT_TRANSLATE_NOOP("@default", "Roof surfaces receiving less are not used for PV"))),
        {"ROOF_OUTPUT": ".gpkg", "BUILDING_OUTPUT": ".gpkg", "RASTER_OUTPUT": ".tif", "PREVIEW": ".png"},
        solar_section, takes_roofs=True,
        lesson=LessonStep(3, QT_TRANSLATE_NOOP("@default", "3. Why do roofs face south?"),
                          QT_TRANSLATE_NOOP("@default", "In Japan the sun stands in the south at noon: a roof sloping "
                                            "towards the south receives more sunlight in a year than a flat one, a "
                                            "north-facing one less. See it on every roof of the district.")))
    DISPLAY = QT_TRANSLATE_NOOP("@default", "Solar rooftop potential")
    GROUP = QT_TRANSLATE_NOOP("@default", "Sun and shadow")
    HELP = QT_TRANSLATE_NOOP("@default", "Irradiation of every roof surface (LOD2 roofs from ROOFS where given, "
                                         "flat roofs "
                             "from the footprints elsewhere) through a typical year, hour by hour, sampled every "
                             "CELL_SIZE metres, with the beam blocked by buildings and terrain and the sky diffuse "
                             "reduced by the obstructed sky view (Perez transposition, pvlib). WEATHER: an EPW or "
                             "TMY3 file; without one, pvlib's clear sky scaled to the JMA normals 1991-2020 of the "
                             "nearest station measuring solar radiation (named in WEATHER_USED and the log). PV: "
                             "usable area "
                             "(edge setback, minimum patch, surfaces under MIN_FRACTION of the best roof excluded), "
                             "kWp, annual kWh (PVWatts with losses and cell temperature), CO2 avoided and a class "
                             "(high / good / unsuitable) per roof surface and per building.")
    WEATHER, CELL_SIZE, MIN_FRACTION = "WEATHER", "CELL_SIZE", "MIN_FRACTION"
    SETBACK, MIN_PATCH = "SETBACK", "MIN_PATCH"
    KWP_PER_M2, LOSSES, CO2_FACTOR = "KWP_PER_M2", "LOSSES", "CO2_FACTOR"
    ROOF_OUTPUT, BUILDING_OUTPUT, RASTER_OUTPUT, PREVIEW = "ROOF_OUTPUT", "BUILDING_OUTPUT", "RASTER_OUTPUT", "PREVIEW"
    WEATHER_USED, EXTENT = "WEATHER_USED", "EXTENT"

    def initAlgorithm(self, config=None):  # noqa: N802
        """Declare the parameters (their names are public interface)."""
        add_massing_parameters(self)
        defaults = PVParameters()
        self.addParameter(QgsProcessingParameterFile(
            self.WEATHER, tr("Weather file, EPW or TMY3 (default: normals of the nearest JMA station)"),
            QgsProcessingParameterFile.File, optional=True))
        self.addParameter(number_parameter(self.CELL_SIZE, QT_TRANSLATE_NOOP("@default", "Cell size (m)"), 1.0, 0.1))
        self.addParameter(number_parameter(self.MIN_FRACTION, QT_TRANSLATE_NOOP(
            "@default", "Exclude roofs under this share of the best roof"), defaults.min_fraction_of_best, 0.0, 1.0))
        self.addParameter(number_parameter(self.SETBACK, QT_TRANSLATE_NOOP("@default", "Edge setback (m)"),
                                  defaults.edge_setback))
        self.addParameter(number_parameter(self.MIN_PATCH, QT_TRANSLATE_NOOP("@default", "Minimum usable area (m²)"),
                                  defaults.min_patch_m2))
        self.addParameter(number_parameter(self.KWP_PER_M2, QT_TRANSLATE_NOOP("@default", "Installable kWp per m²"),
                                  defaults.kwp_per_m2, 0.01, 0.3))
        self.addParameter(number_parameter(self.LOSSES, QT_TRANSLATE_NOOP("@default", "System losses (%)"),
                                  round(defaults.losses_percent, 1), 0.0, 60.0))
        self.addParameter(number_parameter(self.CO2_FACTOR, QT_TRANSLATE_NOOP("@default", "Emission factor "
                                                                                          "(kg-CO2/kWh)"),
                                  defaults.co2_kg_per_kwh))
        self.addParameter(QgsProcessingParameterFeatureSink(self.ROOF_OUTPUT, tr("Roof surfaces with solar potential"),
                                                            QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(self.BUILDING_OUTPUT, tr("Buildings with solar potential"),
                                                            QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterRasterDestination(
            self.RASTER_OUTPUT, tr("Roof irradiation raster (kWh/m²/year)"), optional=True, createByDefault=False))
        self.addParameter(QgsProcessingParameterFileDestination(self.PREVIEW, tr("3D preview (PNG)"), "PNG (*.png)",
                                                                optional=True, createByDefault=False))
        self.addOutput(QgsProcessingOutputString(self.WEATHER_USED, tr("Weather used")))
        self.addParameter(QgsProcessingParameterExtent(self.EXTENT, tr("Extent (default: the buildings)"),
                                                       optional=True))
        add_tile_parameters(self)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Compute, then write the layers, the raster and the preview."""
        with user_errors():
            massing = massing_of(self, parameters, context, feedback)
            place = Place.centre_of(massing.bounds, massing.epsg)
            path = self.parameterAsFile(parameters, self.WEATHER, context)
            climate = (weather.read_weather(path, place.latitude, place.longitude) if path
                       else weather.default_weather(place.latitude, place.longitude))
            feedback.pushInfo(tr("Weather: {} ({:.0f} kWh/m² a year on the horizontal)").format(
                climate.source, climate.annual_ghi_kwh))
            for warning in climate.warnings:
                feedback.pushWarning(translated_error(warning))
            pv = PVParameters(
                min_fraction_of_best=self.parameterAsDouble(parameters, self.MIN_FRACTION, context),
                edge_setback=self.parameterAsDouble(parameters, self.SETBACK, context),
                min_patch_m2=self.parameterAsDouble(parameters, self.MIN_PATCH, context),
                kwp_per_m2=self.parameterAsDouble(parameters, self.KWP_PER_M2, context),
                losses_percent=self.parameterAsDouble(parameters, self.LOSSES, context),
                co2_kg_per_kwh=self.parameterAsDouble(parameters, self.CO2_FACTOR, context))
            cell = self.parameterAsDouble(parameters, self.CELL_SIZE, context)
            extent = extent_of(self, parameters, self.EXTENT, context, massing.epsg) or massing.bounds
            raster = self.parameterAsOutputLayer(parameters, self.RASTER_OUTPUT, context)
            if is_tiled(self, parameters, context, extent, raster or ""):
                return self._tiled(parameters, context, feedback, massing, extent, climate, pv, cell, raster)
            massing, targets = within_reach(massing, extent)
            result = solar_potential(massing, climate, cell, terrain_of(self, parameters, context, massing.epsg), pv,
                                     progress=lambda p: feedback.setProgress(0.9 * p), is_canceled=feedback.isCanceled,
                                     targets=targets)
        buildings = result.buildings
        feedback.pushInfo(tr("{} roof surfaces, {} points; {:.0f} kWp, {:.0f} MWh a year, {:.0f} t-CO2 avoided")
                          .format(len(result.roofs), len(result.point_xyz), buildings["kwp"].sum(),
                                  buildings["kwh"].sum() / 1000, buildings["co2_t"].sum()))
        results = write_frames(self, parameters, context, feedback,
                               {self.ROOF_OUTPUT: result.roofs, self.BUILDING_OUTPUT: buildings}, massing.epsg,
                               {self.ROOF_OUTPUT: "kwh_m2", self.BUILDING_OUTPUT: "kwh"})
        results[self.WEATHER_USED] = climate.source
        if raster:
            results[self.RASTER_OUTPUT] = result.raster().write(raster)
        with user_errors():
            results[self.PREVIEW] = draw_preview(
                feedback, "points_scene", self.parameterAsFileOutput(parameters, self.PREVIEW, context),
                massing=massing, xyz=np.column_stack((result.point_xyz[:, :2], result.point_height + 0.1)),
                values=result.point_kwh_m2, title=tr("kWh/m² a year"))
        feedback.setProgress(100)
        return results

    def _tiled(self, parameters, context, feedback, massing, extent, climate, pv, cell: float, raster: str) -> dict:
        """The run over a large area in tiles on Dask: the raster is the VRT mosaic, the roofs and buildings
        stream from the run's GeoPackage into their sinks; no 3D picture of a whole city."""
        output = raster or os.path.join(QgsProcessingUtils.tempFolder(), "solar.vrt")
        report = run_tiled(self, parameters, context, feedback, massing, extent, output, citywide.run_solar,
                           citywide.SolarParameters(cell=cell, pv=pv), weather=climate)
        results = {self.WEATHER_USED: climate.source}
        if raster:
            results[self.RASTER_OUTPUT] = report.mosaic
        with user_errors():
            for key, layer, style in ((self.ROOF_OUTPUT, "roofs", "kwh_m2"),
                                      (self.BUILDING_OUTPUT, "buildings", "kwh")):
                dest = write_chunks(self, parameters, context, feedback, key, read_in_chunks(report.index, layer),
                                    massing.epsg, style)
                if dest is not None:
                    results[key] = dest
        feedback.pushInfo(tr("MIN_FRACTION and the classes of a tiled run are shares of the best unshaded plane "
                             "here, not of the best roof; the roofs and buildings are also in {}").format(report.index))
        feedback.setProgress(100)
        return results

