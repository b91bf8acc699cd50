"""Reading Processing inputs into the analyses' plain data: buildings massing, DEM, site polygons, dates."""
from __future__ import annotations

import datetime as dt

import geopandas as gpd
import shapely
from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameters,
)
from qgis.PyQt.QtCore import QDate

from ..analyses.citymodel import Terrain
from ..analyses.errors import UrbanTwinError
from ..analyses.intake import Intake, clean_geometries, intake_of
from ..analyses.massing import Massing, massing_from_frames
from ..analyses.sun import winter_solstice
from .i18n import tr
from .layers import frame_from_source

BUILDINGS, HEIGHT_FIELD, ROOFS, DEM, DATE = "BUILDINGS", "HEIGHT_FIELD", "ROOFS", "DEM", "DATE"


def add_massing_parameters(algorithm, with_dem: bool = True) -> None:
    """BUILDINGS (footprints), HEIGHT_FIELD, optional ROOFS (LOD2, from loadcitygml) and optional DEM."""
    algorithm.addParameter(QgsProcessingParameterFeatureSource(
        BUILDINGS, tr("Buildings (footprints with a height)"), [QgsProcessing.TypeVectorPolygon]))
    algorithm.addParameter(QgsProcessingParameterField(
        HEIGHT_FIELD, tr("Height field (m above ground; default: height)"), defaultValue="height",
        parentLayerParameterName=BUILDINGS, type=QgsProcessingParameterField.Numeric, optional=True))
    algorithm.addParameter(QgsProcessingParameterFeatureSource(
        ROOFS, tr("LOD2 roof surfaces (optional, from Load PLATEAU CityGML)"), [QgsProcessing.TypeVectorPolygon],
        optional=True))
    if with_dem:
        algorithm.addParameter(QgsProcessingParameterRasterLayer(DEM, tr("DEM (optional)"), optional=True))


def add_date_parameter(algorithm, default: dt.date | None = None) -> None:
    """DATE, by default this year's winter solstice."""
    day = default or winter_solstice(dt.date.today().year)
    algorithm.addParameter(QgsProcessingParameterDateTime(
        DATE, tr("Date"), type=QgsProcessingParameterDateTime.Date, defaultValue=QDate(day.year, day.month, day.day)))


def date_of(algorithm, parameters, context) -> dt.date:
    """The DATE parameter as a date."""
    # QgsProcessingAlgorithm has no parameterAsDate in 3.22; QgsProcessingParameters has.
    value = QgsProcessingParameters.parameterAsDate(algorithm.parameterDefinition(DATE), parameters, context)
    if not value.isValid():
        raise UrbanTwinError(tr("The date is not valid."))
    return dt.date(value.year(), value.month(), value.day())


def massing_of(algorithm, parameters, context, feedback) -> Massing:
    """The BUILDINGS (and ROOFS) inputs as a Massing in their projected CRS; tells feedback what was used."""
    source = algorithm.parameterAsSource(parameters, BUILDINGS, context)
    if source is None:
        raise UrbanTwinError(tr("The buildings layer could not be read."))
    buildings = frame_from_source(source)
    roofs_source = algorithm.parameterAsSource(parameters, ROOFS, context)
    roofs = frame_from_source(roofs_source) if roofs_source is not None else None
    height_field = algorithm.parameterAsString(parameters, HEIGHT_FIELD, context) or "height"
    massing = massing_from_frames(buildings, roofs, height_field=height_field)
    report_intake(feedback, BUILDINGS, massing.intake)
    return massing


def features_of(algorithm, parameters, name: str, context, feedback, polygons: bool) -> gpd.GeoDataFrame | None:
    """A feature source parameter without the features GEOS cannot use (NULL, empty, a vertex at infinity or
    NaN; and for polygons, none without area), invalid polygons repaired; tells feedback what it did. None
    when the parameter is not given."""
    source = algorithm.parameterAsSource(parameters, name, context)
    if source is None:
        return None
    frame = frame_from_source(source)
    geometries, reason, repaired = clean_geometries(frame.geometry.values, polygons)
    account = intake_of(frame.index, reason, repaired)
    report_intake(feedback, name, account)
    usable = reason == None  # noqa: E711 - elementwise
    return frame.set_geometry(geometries)[usable].reset_index(drop=True)


def report_intake(feedback, layer: str, intake: Intake) -> None:
    """Say how many features of a layer an analysis used, how many it skipped and why, and what it repaired."""
    reasons = intake.reasons()
    if reasons:
        feedback.pushWarning(tr("{}: {} features used, {} skipped ({})").format(
            layer, intake.used, len(intake.skipped), "; ".join(f"{tr(reason)}: {n}" for reason, n in reasons.items())))
    else:
        feedback.pushInfo(tr("{}: {} features used").format(layer, intake.used))
    if intake.repaired:
        feedback.pushWarning(tr("{}: {} self-intersecting polygons repaired (made valid: each covers the parts its "
                                "outline encloses): {}").format(layer, len(intake.repaired),
                                                                ", ".join(intake.repaired[:10])))
    if intake.roofs_skipped:
        feedback.pushWarning(tr("{}: {} LOD2 roof surfaces skipped (a vertex at infinity or NaN)").format(
            ROOFS, intake.roofs_skipped))


def dem_path_of(algorithm, parameters, context, epsg: int) -> str | None:
    """The DEM input's file (it must share the buildings' CRS), or None."""
    layer = algorithm.parameterAsRasterLayer(parameters, DEM, context)
    if layer is None:
        return None
    if layer.crs().postgisSrid() != epsg:
        raise UrbanTwinError(tr("The DEM's CRS ({}) differs from the buildings' (EPSG:{}): reproject it first.")
                             .format(layer.crs().authid(), epsg))
    return layer.source()


def terrain_of(algorithm, parameters, context, epsg: int) -> Terrain | None:
    """The DEM input as a Terrain (first band; must share the buildings' CRS), or None."""
    path = dem_path_of(algorithm, parameters, context, epsg)
    return Terrain.read(path, epsg) if path else None


def polygon_of(algorithm, parameters, name: str, context, feedback) -> shapely.Geometry | None:
    """The union of the polygons of a feature source parameter in the buildings' CRS, or None when not given."""
    source = algorithm.parameterAsSource(parameters, name, context)
    if source is None:
        return None
    buildings = algorithm.parameterAsSource(parameters, BUILDINGS, context)
    if buildings is not None and source.sourceCrs() != buildings.sourceCrs():
        # Compared as they are, a site in degrees lies nowhere near buildings in metres.
        raise UrbanTwinError(tr("The layer {} is in {}, the buildings in {}: reproject {} to the buildings' CRS "
                                "(Vector ▸ Data Management Tools ▸ Reproject Layer) and run again.").format(
            name, source.sourceCrs().authid() or tr("an unknown CRS"), buildings.sourceCrs().authid(), name))
    frame = features_of(algorithm, parameters, name, context, feedback, polygons=True)
    if not len(frame):
        raise UrbanTwinError(tr("The layer {} has no usable polygon.").format(name))
    return shapely.union_all(shapely.force_2d(frame.geometry.values))


def extent_of(algorithm, parameters, name: str, context, epsg: int):
    """An extent parameter in the buildings' CRS as (xmin, ymin, xmax, ymax), or None when empty."""
    from qgis.core import QgsCoordinateReferenceSystem
    rect = algorithm.parameterAsExtent(parameters, name, context, QgsCoordinateReferenceSystem(f"EPSG:{epsg}"))
    if rect is None or rect.isNull() or rect.isEmpty():
        return None
    return rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()
