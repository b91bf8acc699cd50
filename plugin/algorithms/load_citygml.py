"""urbantwin:loadcitygml — read a PLATEAU CityGML file or dataset folder into building and roof layers."""
from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingParameterCrs,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
)

from ...analyses.citygml import read_district
from ...analyses.gpkg import district_layers
from ..i18n import QT_TRANSLATE_NOOP, tr
from .base import UrbanTwinAlgorithm, user_errors, write_frames

#: what the reader takes, and what the choice shows
LOD_VALUES = ("0", "1", "2", "highest")
LOD_OPTIONS = ["0", "1", "2", QT_TRANSLATE_NOOP("@default", "highest (each building at its best)")]


class LoadCityGMLAlgorithm(UrbanTwinAlgorithm):
    """Load buildings (footprints with every attribute, styled by height) and LOD2 roofs."""

    NAME = "loadcitygml"
    DISPLAY = QT_TRANSLATE_NOOP("@default", "Load PLATEAU CityGML")
    GROUP = QT_TRANSLATE_NOOP("@default", "City model")
    HELP = QT_TRANSLATE_NOOP("@default", "Reads a PLATEAU CityGML file, or a dataset folder (udx/bldg/*.gml), "
                                         "streaming it with bounded "
                             "memory. BUILDINGS: one footprint per building with its height, ground and roof heights "
                             "and every attribute (code lists resolved where the dataset's codelists/ folder is "
                             "present). ROOFS: LOD2 roof surfaces as 3D polygons with area, tilt and azimuth. LOD "
                             "picks the levels read (highest: each building at its best). CRS defaults to the Japan "
                             "Plane Rectangular zone of the data.")
    INPUT, LOD, CRS, BUILDINGS, ROOFS = "INPUT", "LOD", "CRS", "BUILDINGS", "ROOFS"
    EXTENT = "EXTENT"

    def initAlgorithm(self, config=None):  # noqa: N802
        """Declare the parameters (their names are public interface)."""
        self.addParameter(QgsProcessingParameterFile(
            self.INPUT, tr("CityGML file or PLATEAU dataset folder"), QgsProcessingParameterFile.File,
            fileFilter=tr("CityGML or PLATEAU dataset zip (*.gml *.xml *.zip);;All files and folders (*)")))
        self.addParameter(QgsProcessingParameterEnum(
            self.LOD, tr("Level of detail"), options=[tr(option) for option in LOD_OPTIONS], defaultValue=3))
        self.addParameter(QgsProcessingParameterCrs(
            self.CRS, tr("Output CRS (default: plane-rectangular zone of the data)"), optional=True))
        self.addParameter(QgsProcessingParameterExtent(
            self.EXTENT, tr("Extent (read only the mesh tiles that meet it)"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.BUILDINGS, tr("Buildings"), QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.ROOFS, tr("Roof surfaces (LOD2)"), QgsProcessing.TypeVectorPolygon, optional=True))

    def processAlgorithm(self, parameters, context: QgsProcessingContext, feedback):  # noqa: N802
        """Read the model, then write the two sinks."""
        path = self.parameterAsFile(parameters, self.INPUT, context)
        lod = LOD_VALUES[self.parameterAsEnum(parameters, self.LOD, context)]
        crs = self.parameterAsCrs(parameters, self.CRS, context)
        epsg = None
        if crs.isValid():
            epsg_text = crs.authid()
            if not epsg_text.upper().startswith("EPSG:") or crs.isGeographic():
                raise QgsProcessingException(tr("The output CRS must be a projected EPSG CRS in metres."))
            epsg = int(epsg_text.split(":")[1])
        extent, extent_epsg = self._extent(parameters, context)
        feedback.pushInfo(tr("Reading {}").format(path))
        with user_errors():
            district = read_district(path, lod=lod, epsg=epsg,
                                     progress=lambda p: feedback.setProgress(0.8 * p),
                                     is_canceled=feedback.isCanceled, extent=extent, extent_epsg=extent_epsg)
        if len(district.dropped):
            feedback.pushWarning(tr("{} buildings left out (no footprint or no plausible height): {}").format(
                len(district.dropped), "; ".join(f"{i} ({r})" for i, r in
                                                 zip(district.dropped["gml_id"], district.dropped["reason"]))))
        layers = district_layers(district)
        feedback.pushInfo(tr("{} buildings, {} LOD2 roof surfaces, CRS EPSG:{}").format(
            len(district.buildings), len(district.roofs), district.epsg))
        results = write_frames(self, parameters, context, feedback,
                               {self.BUILDINGS: layers["buildings"], self.ROOFS: layers["roofs"]}, district.epsg,
                               {self.BUILDINGS: "height", self.ROOFS: "tilt"})
        feedback.setProgress(100)
        return results

    def _extent(self, parameters, context) -> tuple[tuple[float, float, float, float] | None, int | None]:
        """The optional extent as (xmin, ymin, xmax, ymax) and the EPSG code of its CRS."""
        if parameters.get(self.EXTENT) is None:
            return None, None
        rect = self.parameterAsExtent(parameters, self.EXTENT, context)
        if rect.isNull() or rect.isEmpty():
            return None, None
        authid = self.parameterAsExtentCrs(parameters, self.EXTENT, context).authid()
        if not authid.upper().startswith("EPSG:"):
            raise QgsProcessingException(tr("The extent's CRS must be an EPSG CRS."))
        return (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()), int(authid.split(":")[1])
