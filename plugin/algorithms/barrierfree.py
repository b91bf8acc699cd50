"""urbantwin:barrierhazards, urbantwin:barrierreach and urbantwin:barrierroute: barrier-free mapping."""
from __future__ import annotations

import numpy as np
import pandas as pd
from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterPoint,
    QgsProcessingParameterRasterLayer,
)

from ...analyses import barrierfree as bf
from ...analyses import walknet
from ...analyses.errors import UrbanTwinError
from ...analyses.massing import massing_from_frames
from ..analysis_entry import Analysis, KeyParameter, LessonStep, sample_network_input
from ..i18n import QT_TRANSLATE_NOOP, tr, word
from ..inputs import features_of, terrain_of
from ..layers import frame_from_source
from ..report_sections import barrier_section
from .base import UrbanTwinAlgorithm, draw_preview, number_parameter, user_errors, write_frames

GROUP = QT_TRANSLATE_NOOP("@default", "Barrier-free")
PROFILE_KEYS = [*bf.PROFILES, "custom"]
#: What the profile choice shows, in PROFILE_KEYS's order (the parameter's value stays the index)
PROFILE_LABELS = [QT_TRANSLATE_NOOP("@default", "Wheelchair (manual)"),
                  QT_TRANSLATE_NOOP("@default", "Wheelchair (electric)"),
                  QT_TRANSLATE_NOOP("@default", "Stroller"), QT_TRANSLATE_NOOP("@default", "Visually impaired"),
                  QT_TRANSLATE_NOOP("@default", "Elderly with a cane"),
                  QT_TRANSLATE_NOOP("@default", "Unimpeded walker"),
                  QT_TRANSLATE_NOOP("@default", "Custom (profile JSON file)")]
LINKS, NODES, ROADS, DEM, PROFILE, PROFILE_FILE = "LINKS", "NODES", "ROADS", "DEM", "PROFILE", "PROFILE_FILE"


class _NetworkAlgorithm(UrbanTwinAlgorithm):
    """Shared inputs: the network (or road polygons to build one), a DEM and a profile."""

    GROUP = GROUP

    def add_network_parameters(self) -> None:
        """LINKS, NODES, ROADS, DEM, PROFILE, PROFILE_FILE."""
        self.addParameter(QgsProcessingParameterFeatureSource(
            LINKS, tr("Pedestrian network links (歩行空間ネットワーク or OSM footways)"),
            [QgsProcessing.TypeVectorLine], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(NODES, tr("Network nodes (optional)"),
                                                              [QgsProcessing.TypeVectorPoint], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            ROADS, tr("Road polygons, to build a network where there is none (optional)"),
            [QgsProcessing.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterRasterLayer(DEM, tr("DEM, for slopes the network lacks (optional)"),
                                                            optional=True))
        self.addParameter(QgsProcessingParameterEnum(PROFILE, tr("Profile"),
                                                     options=[tr(label) for label in PROFILE_LABELS],
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterFile(PROFILE_FILE, tr("User-defined profile (JSON, for 'custom')"),
                                                     QgsProcessingParameterFile.File, extension="json", optional=True))

    def classified(self, parameters, context, feedback) -> bf.Classified:
        """Read the network and classify it for the chosen profile."""
        source = features_of(self, parameters, LINKS, context, feedback, polygons=False)
        roads = features_of(self, parameters, ROADS, context, feedback, polygons=True)
        if source is not None:
            links = source
        elif roads is not None:
            links = walknet.network_from_roads(roads)
            feedback.pushWarning(tr("No network given: built {} links from the road centre lines; their "
                                    "attributes are unknown.").format(len(links)))
        else:
            raise UrbanTwinError(tr("Give a network (LINKS) or road polygons (ROADS)."))
        if links.crs is None or not links.crs.is_projected:
            epsg = _zone_of(links)
        else:
            epsg = links.crs.to_epsg()
        nodes = features_of(self, parameters, NODES, context, feedback, polygons=False)
        network = walknet.read_network(links, nodes, epsg, terrain_of(self, parameters, context, epsg))
        for note in network.notes:
            feedback.pushInfo(note)
        key = PROFILE_KEYS[self.parameterAsEnum(parameters, PROFILE, context)]
        if key == "custom":
            path = self.parameterAsFile(parameters, PROFILE_FILE, context)
            if not path:
                raise UrbanTwinError(tr("The custom profile needs a JSON file (PROFILE_FILE)."))
            profile = bf.read_profile(path)
        else:
            profile = bf.PROFILES[key]
        feedback.pushInfo(tr("Profile: {} ({})").format(profile.name, profile.source))
        return bf.classify(network, profile)


def _zone_of(links) -> int:
    """The plane-rectangular zone for a network in geographic coordinates."""
    from ...analyses import crs
    if links.crs is None:
        raise UrbanTwinError(tr("The network has no CRS."))
    lon, lat = links.to_crs(6668).geometry.union_all().centroid.coords[0]
    return crs.zone_epsg(lat, lon)


def _table(classified: bf.Classified) -> pd.DataFrame:
    """The links as written: attributes, class and reasons (no infinite costs)."""
    links = classified.links.copy()
    links["minutes"] = (links.pop("cost_s") / 60.0).replace(np.inf, np.nan)
    return links


class BarrierHazardsAlgorithm(_NetworkAlgorithm):
    """Each link and node passable / caution / impassable for a profile, with the reasons and hazard points."""

    NAME = "barrierhazards"
    WORKBENCH = Analysis(
        QT_TRANSLATE_NOOP("@default", "Barrier-free hazards"), (
            KeyParameter("PROFILE", QT_TRANSLATE_NOOP("@default", "Who walks"), 0, 0, 5,
                         QT_TRANSLATE_NOOP("@default", "The limits of slope, step and width follow this user's "
                                                       "needs")),),
        {"OUTPUT": ".gpkg", "HAZARDS": ".gpkg", "COUNTS": ".csv", "PREVIEW": ".png"}, barrier_section,
        inputs=sample_network_input,
        lesson=LessonStep(5, QT_TRANSLATE_NOOP("@default", "5. Who is stopped by a step?"),
                          QT_TRANSLATE_NOOP("@default", "A 5 cm kerb is nothing for a walker but stops a wheelchair. "
                                            "See which streets of the district a wheelchair user can use.")))
    DISPLAY = QT_TRANSLATE_NOOP("@default", "Barrier-free hazards")
    HELP = QT_TRANSLATE_NOOP("@default", "Classifies every link of a pedestrian network "
                             "(歩行空間ネットワークデータ, or "
                             "OpenStreetMap footways with incline, width, kerb, surface and tactile_paving) as "
                             "passable, caution or impassable for a profile (manual or electric wheelchair, stroller, "
                             "visually impaired, elderly with a cane, or your own JSON), with the reasons, e.g. "
                             "'slope 9.1% > 8%'. Limits follow the Japanese barrier-free road and building standards. "
                             "Missing slopes are measured on the DEM; with no network, one is built from road "
                             "polygons. Outputs: links (also the class for every built-in profile), nodes, hazard "
                             "points (steps, stairs without an alternative, pinch points), counts per class, and a "
                             "3D preview.")
    OUTPUT, NODES_OUTPUT, HAZARDS, COUNTS, PREVIEW = "OUTPUT", "NODES_OUTPUT", "HAZARDS", "COUNTS", "PREVIEW"
    BUILDINGS = "BUILDINGS"

    def initAlgorithm(self, config=None):  # noqa: N802
        """Declare the parameters (their names are public interface)."""
        self.add_network_parameters()
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.BUILDINGS, tr("Buildings for the 3D preview (footprints with a height, optional)"),
            [QgsProcessing.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, tr("Classified links"),
                                                            QgsProcessing.TypeVectorLine))
        self.addParameter(QgsProcessingParameterFeatureSink(self.HAZARDS, tr("Hazard points"),
                                                            QgsProcessing.TypeVectorPoint, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(self.NODES_OUTPUT, tr("Classified nodes"),
                                                            QgsProcessing.TypeVectorPoint, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(self.COUNTS, tr("Counts per class"),
                                                            QgsProcessing.TypeVector, optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(self.PREVIEW, tr("3D preview (PNG)"), "PNG (*.png)",
                                                                optional=True, createByDefault=False))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Classify, then write the layers."""
        with user_errors():
            classified = self.classified(parameters, context, feedback)
            network = walknet.Network(classified.links.drop(columns=["class", "reasons", "cost_s"]),
                                      classified.nodes[["node_id", "geometry"]], [])
            links = _table(classified)
            for key, profile in bf.PROFILES.items():
                links[f"class_{key}"] = bf.classify(network, profile).links["class"].to_numpy()
        for row in classified.counts.itertuples():
            feedback.pushInfo(tr("{}: {} links, {:.0f} m").format(word(row[1]), row.links, row.length_m))
        results = write_frames(self, parameters, context, feedback,
                               {self.OUTPUT: links, self.HAZARDS: classified.hazards,
                                self.NODES_OUTPUT: classified.nodes, self.COUNTS: classified.counts},
                               classified.links.crs.to_epsg(), {})
        preview = self.parameterAsFileOutput(parameters, self.PREVIEW, context)
        if preview:
            with user_errors():
                results[self.PREVIEW] = draw_preview(feedback, "network_scene", preview, links=classified.links,
                                                     **self._scene_ground(parameters, context, classified))
        return results

    def _scene_ground(self, parameters, context, classified: bf.Classified) -> dict:
        """What the network stands on in the picture: the buildings (flat ground), or else the DEM."""
        epsg = classified.links.crs.to_epsg()
        source = self.parameterAsSource(parameters, self.BUILDINGS, context)
        if source is not None:
            return {"massing": massing_from_frames(frame_from_source(source).to_crs(epsg))}
        return {"terrain": terrain_of(self, parameters, context, epsg)}


class BarrierReachAlgorithm(_NetworkAlgorithm):
    """What origins reach within a walking time for a profile, against an unimpeded walker."""

    NAME = "barrierreach"
    DISPLAY = QT_TRANSLATE_NOOP("@default", "Barrier-free reach")
    HELP = QT_TRANSLATE_NOOP("@default", "From ORIGINS (stations, public facilities), the area and the buildings "
                                         "reachable "
                             "within MINUTES for the profile, and for an unimpeded walker. Caution links cost 1.5 "
                             "times "
                             "their time; impassable links are closed. AREA: the reached links buffered by BUFFER "
                             "metres, one polygon each for the profile and the walker. BUILDING_OUTPUT: each "
                             "building with its minutes for both and 'walker_only' where it is reachable on foot but "
                             "not with the profile.")
    ORIGINS, MINUTES, BUFFER, BUILDINGS = "ORIGINS", "MINUTES", "BUFFER", "BUILDINGS"
    AREA, BUILDING_OUTPUT = "AREA", "BUILDING_OUTPUT"

    def initAlgorithm(self, config=None):  # noqa: N802
        """Declare the parameters (their names are public interface)."""
        self.add_network_parameters()
        self.addParameter(QgsProcessingParameterFeatureSource(self.ORIGINS, tr("Origins"),
                                                              [QgsProcessing.TypeVectorPoint]))
        self.addParameter(number_parameter(self.MINUTES, QT_TRANSLATE_NOOP("@default", "Walking time (minutes)"),
                                           15.0, 0.1))
        self.addParameter(number_parameter(self.BUFFER, QT_TRANSLATE_NOOP("@default", "Area buffer (m)"), 25.0, 1.0))
        self.addParameter(QgsProcessingParameterFeatureSource(self.BUILDINGS, tr("Buildings (optional)"),
                                                              [QgsProcessing.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(self.AREA, tr("Reachable area"),
                                                            QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(self.BUILDING_OUTPUT, tr("Buildings reached"),
                                                            QgsProcessing.TypeVectorPolygon, optional=True))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Classify, search from the origins, then write the area and the buildings."""
        with user_errors():
            classified = self.classified(parameters, context, feedback)
            epsg = classified.links.crs.to_epsg()
            origins = features_of(self, parameters, self.ORIGINS, context, feedback, polygons=False).to_crs(epsg)
            if not len(origins):
                raise UrbanTwinError(tr("The origins layer is empty."))
            buildings = features_of(self, parameters, self.BUILDINGS, context, feedback, polygons=True)
            buildings = buildings.to_crs(epsg) if buildings is not None else None
            import shapely
            result = bf.reach(classified, shapely.get_coordinates(origins.geometry.values),
                              self.parameterAsDouble(parameters, self.MINUTES, context),
                              self.parameterAsDouble(parameters, self.BUFFER, context), buildings)
        frames = {self.AREA: result.area}
        if result.buildings is not None:
            import geopandas as gpd
            frames[self.BUILDING_OUTPUT] = gpd.GeoDataFrame(result.buildings, geometry=buildings.geometry.values,
                                                            crs=epsg)
            feedback.pushInfo(tr("{} buildings reachable on foot but not with the profile").format(
                int(result.buildings["walker_only"].sum())))
        return write_frames(self, parameters, context, feedback, frames, epsg, {})


class BarrierRouteAlgorithm(_NetworkAlgorithm):
    """The best route for a profile between two points, or why there is none."""

    NAME = "barrierroute"
    DISPLAY = QT_TRANSLATE_NOOP("@default", "Barrier-free route")
    HELP = QT_TRANSLATE_NOOP("@default", "The fastest route for the profile from START to END (caution links cost 1.5 "
                             "times their time, impassable links are closed), with its length, time and the hazards "
                             "of the unimpeded walker's route it avoids. Where there is no barrier-free route it says "
                             "so, writes the walker's route instead and the links that block it (BLOCKING).")
    START, END, ROUTE, BLOCKING = "START", "END", "ROUTE", "BLOCKING"

    def initAlgorithm(self, config=None):  # noqa: N802
        """Declare the parameters (their names are public interface)."""
        self.add_network_parameters()
        self.addParameter(QgsProcessingParameterPoint(self.START, tr("Start")))
        self.addParameter(QgsProcessingParameterPoint(self.END, tr("End")))
        self.addParameter(QgsProcessingParameterFeatureSink(self.ROUTE, tr("Route"), QgsProcessing.TypeVectorLine))
        self.addParameter(QgsProcessingParameterFeatureSink(self.BLOCKING, tr("Blocking links"),
                                                            QgsProcessing.TypeVectorLine, optional=True))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Classify, route, then write the route (and what blocks it)."""
        from qgis.core import QgsCoordinateReferenceSystem
        with user_errors():
            classified = self.classified(parameters, context, feedback)
            epsg = classified.links.crs.to_epsg()
            crs = QgsCoordinateReferenceSystem(f"EPSG:{epsg}")
            start = self.parameterAsPoint(parameters, self.START, context, crs)
            end = self.parameterAsPoint(parameters, self.END, context, crs)
            result = bf.route(classified, (start.x(), start.y()), (end.x(), end.y()))
        line = result.line.copy()
        line["avoided"] = "; ".join(result.avoided)
        if result.found:
            feedback.pushInfo(tr("Route: {:.0f} m, {:.1f} min; avoids: {}").format(
                line["length_m"].iloc[0], line["minutes"].iloc[0], line["avoided"].iloc[0] or "-"))
        else:
            feedback.reportError(result.message, fatalError=False)
        blocking = classified.links[classified.links["link_id"].isin(result.blocking)]
        return write_frames(self, parameters, context, feedback,
                            {self.ROUTE: line, self.BLOCKING: _table(bf.Classified(
                                blocking, classified.hazards, classified.nodes, classified.counts,
                                classified.profile))}, epsg, {})
