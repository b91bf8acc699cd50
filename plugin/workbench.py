"""What the workbench offers: each analysis with its algorithm, its few key parameters (defaults and
tooltips), the outputs it asks for, and how its results become a report section. The dock, the demo and
lesson mode all use this one table."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from qgis.core import QgsFeature, QgsVectorLayer

from ..analyses.report import Section, bar_chart, histogram
from ..analyses.raster import Raster
from .i18n import QT_TRANSLATE_NOOP, tr, word
from .layers import frame_from_source

SAMPLE_NETWORK = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "sample",
                              "barrierfree", "link.geojson")


@dataclass(frozen=True)
class KeyParameter:
    """A parameter the dock shows: name (the algorithm's), label, default, range and tooltip."""

    name: str
    label: str
    default: float
    minimum: float
    maximum: float
    tooltip: str


@dataclass(frozen=True)
class Analysis:
    """One analysis in the workbench."""

    key: str
    algorithm: str
    title: str
    parameters: tuple[KeyParameter, ...]
    outputs: dict = field(default_factory=dict)  # output name -> file suffix
    preview: str = "PREVIEW"


ANALYSES = {a.key: a for a in (
    Analysis("shadowhours", "urbantwin:shadowhours", QT_TRANSLATE_NOOP("@default", "Shadow hours (winter solstice)"), (
        KeyParameter("PLANE_HEIGHT", QT_TRANSLATE_NOOP("@default", "Measuring plane (m)"), 1.5, 0.0, 10.0,
                     QT_TRANSLATE_NOOP("@default", "Height above the ground where shadow is counted: 1.5, 4 or 6.5 m "
                                                   "in the regulation")),
        KeyParameter("CELL_SIZE", QT_TRANSLATE_NOOP("@default", "Cell size (m)"), 2.0, 0.5, 10.0,
                     QT_TRANSLATE_NOOP("@default", "Smaller cells are finer and slower")),
        KeyParameter("STEP_MINUTES", QT_TRANSLATE_NOOP("@default", "Step (minutes)"), 10.0, 1.0, 60.0,
                     QT_TRANSLATE_NOOP("@default", "Time between sun positions from 8:00 to 16:00 true solar time"))),
        {"OUTPUT": ".tif", "PREVIEW": ".png"}),
    Analysis("nichiei", "urbantwin:nichiei", QT_TRANSLATE_NOOP("@default", "Shadow regulation (日影規制)"), (
        KeyParameter("REGULATION", QT_TRANSLATE_NOOP("@default", "Regulation class"), 1, 0, 2,
                     QT_TRANSLATE_NOOP("@default", "The zone's limits on the 5 m and 10 m lines")),
        KeyParameter("MEASURING_HEIGHT", QT_TRANSLATE_NOOP("@default", "Measuring height"), 1, 0, 2,
                     QT_TRANSLATE_NOOP("@default", "The zone's measuring plane above the average ground"))),
        {"CONTOURS": ".gpkg", "LINES": ".gpkg", "VERDICT": ".csv", "DIAGRAM": ".png"}, preview="DIAGRAM"),
    Analysis("solarpotential", "urbantwin:solarpotential", QT_TRANSLATE_NOOP("@default", "Solar rooftop potential"), (
        KeyParameter("CELL_SIZE", QT_TRANSLATE_NOOP("@default", "Roof sampling (m)"), 1.0, 0.5, 5.0,
                     QT_TRANSLATE_NOOP("@default", "Distance between roof points")),
        KeyParameter("MIN_FRACTION", QT_TRANSLATE_NOOP("@default", "Exclude under this share of the best roof"), 0.6,
                     0.0, 1.0, QT_TRANSLATE_NOOP("@default", "Roof surfaces receiving less are not used for PV"))),
        {"ROOF_OUTPUT": ".gpkg", "BUILDING_OUTPUT": ".gpkg", "RASTER_OUTPUT": ".tif", "PREVIEW": ".png"}),
    Analysis("pedestrianwind", "urbantwin:pedestrianwind", QT_TRANSLATE_NOOP("@default", "Pedestrian wind"), (
        KeyParameter("DIRECTION", QT_TRANSLATE_NOOP("@default", "Wind from (degrees)"), 337.5, 0.0, 360.0,
                     QT_TRANSLATE_NOOP("@default", "Where the wind blows from, clockwise from north (Tokyo's winter "
                                                   "wind: NNW, 337.5)")),
        KeyParameter("REF_SPEED", QT_TRANSLATE_NOOP("@default", "Speed at 10 m (m/s)"), 5.0, 0.5, 40.0,
                     QT_TRANSLATE_NOOP("@default", "Undisturbed wind speed at the reference height")),
        KeyParameter("CELL_SIZE", QT_TRANSLATE_NOOP("@default", "Cell size (m)"), 3.0, 1.0, 10.0,
                     QT_TRANSLATE_NOOP("@default", "Smaller cells are finer, slower and need more memory"))),
        {"SPEED_OUTPUT": ".tif", "RATIO_OUTPUT": ".tif", "PREVIEW": ".png"}),
    Analysis("barrierhazards", "urbantwin:barrierhazards", QT_TRANSLATE_NOOP("@default", "Barrier-free hazards"), (
        KeyParameter("PROFILE", QT_TRANSLATE_NOOP("@default", "Who walks"), 0, 0, 5,
                     QT_TRANSLATE_NOOP("@default", "The limits of slope, step and width follow this user's needs")),),
        {"OUTPUT": ".gpkg", "HAZARDS": ".gpkg", "COUNTS": ".csv", "PREVIEW": ".png"}),
)}


def parameters_for(analysis: Analysis, buildings: str, roofs: str | None, values: dict, folder: str) -> dict:
    """The algorithm's parameters: inputs, the key values and an output file per requested output."""
    params = {"BUILDINGS": buildings, **values}
    if roofs and analysis.key in ("shadowhours", "solarpotential"):
        params["ROOFS"] = roofs
    if analysis.key == "nichiei":
        params["SITE"] = site_layer(buildings)
    if analysis.key == "barrierhazards":
        params["LINKS"] = SAMPLE_NETWORK
    for name, suffix in analysis.outputs.items():
        params[name] = os.path.join(folder, f"{analysis.key}_{name.lower()}{suffix}")
    for name in ("REGULATION", "MEASURING_HEIGHT", "PROFILE"):
        if name in params:
            params[name] = int(params[name])
    return params


def site_layer(buildings: str) -> QgsVectorLayer:
    """A site 4 m around the selected buildings, or around the tallest one."""
    layer = buildings if isinstance(buildings, QgsVectorLayer) else QgsVectorLayer(buildings, "buildings", "ogr")
    chosen = list(layer.selectedFeatures()) or [max(layer.getFeatures(), key=lambda f: f["height"] or 0)]
    site = QgsVectorLayer(f"Polygon?crs={layer.crs().authid()}", "site", "memory")
    feature = QgsFeature(site.fields())
    geometry = chosen[0].geometry()
    for other in chosen[1:]:
        geometry = geometry.combine(other.geometry())
    feature.setGeometry(geometry.buffer(4.0, 1))
    site.dataProvider().addFeatures([feature])
    return site


def verdict_layer(csv_path: str, crs) -> QgsVectorLayer:
    """The worst point on each regulation line, with the verdict in words (complies / exceeds by …)."""
    from qgis.core import QgsField, QgsGeometry, QgsPointXY
    from qgis.PyQt.QtCore import QVariant

    from .styles import style_verdict_points
    layer = QgsVectorLayer(f"Point?crs={crs.authid()}", tr("Shadow regulation — verdict"), "memory")
    fields = [QgsField("line", QVariant.String), QgsField("complies", QVariant.String),
              QgsField("verdict", QVariant.String)]
    layer.dataProvider().addAttributes(fields)
    layer.updateFields()
    features = []
    for row in pd.read_csv(csv_path).itertuples():
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(row.worst_x, row.worst_y)))
        line = word(row.line)
        if row.complies:
            verdict = tr("{}: complies ({:.2f} h ≤ {:g} h)").format(line, row.max_hours, row.limit_h)
        else:
            verdict = tr("{}: exceeds by {:.2f} h ({:.2f} h > {:g} h)").format(line, row.excess_h, row.max_hours,
                                                                                row.limit_h)
        feature.setAttributes([line, tr("yes") if row.complies else tr("no"), verdict])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    style_verdict_points(layer)
    return layer


def work_folder() -> str:
    """A folder for a run's outputs."""
    return tempfile.mkdtemp(prefix="urban_twin_run_")


def section_for(analysis: Analysis, params: dict, results: dict) -> Section:
    """The report section of a finished run."""
    shown = {p.label: params[p.name] for p in analysis.parameters if params.get(p.name) is not None}
    section = Section(analysis.key, tr(analysis.title), parameters={tr(k): v for k, v in shown.items()},
                      inputs={tr("Buildings"): _name(params.get("BUILDINGS"))})
    preview = results.get(analysis.preview)
    if preview:
        section.images.append((preview, tr("3D view") if analysis.preview == "PREVIEW" else tr("Diagram")))
    build = {"shadowhours": _shadow, "nichiei": _nichiei, "solarpotential": _solar, "pedestrianwind": _wind,
             "barrierhazards": _barrier}[analysis.key]
    build(section, results)
    return section


def _name(value) -> str:
    return value.name() if isinstance(value, QgsVectorLayer) else os.path.basename(str(value))


def _raster(path: str) -> np.ndarray:
    return Raster.read(path).values


def _vector(path) -> pd.DataFrame:
    layer = path if isinstance(path, QgsVectorLayer) else QgsVectorLayer(str(path), "v", "ogr")
    frame = pd.DataFrame(frame_from_source(layer.dataProvider()).drop(columns="geometry"))
    return frame


def _shadow(section: Section, results: dict) -> None:
    hours = _raster(results["OUTPUT"])
    open_cells = hours[np.isfinite(hours)]
    section.summary = tr("Hours in shadow on the measuring plane on the winter solstice, 8:00-16:00 true solar time.")
    section.charts.append((tr("Hours in shadow per cell"), histogram(open_cells, 16, tr("hours"))))
    section.tables.append((tr("Summary"), pd.DataFrame({
        tr("figure"): [tr("mean hours"), tr("cells over 4 h (%)"), tr("cells in sun all day (%)")],
        tr("value"): [float(open_cells.mean()), 100 * float((open_cells > 4).mean()), 100 * float((open_cells == 0).mean())]})))


def _nichiei(section: Section, results: dict) -> None:
    verdict = pd.read_csv(results["VERDICT"])
    section.summary = tr("The buildings on the site against the shadow regulation (Building Standards Act art. 56-2).")
    verdict["complies"] = [tr("yes") if value else tr("no") for value in verdict["complies"]]
    verdict["line"] = [word(line) for line in verdict["line"]]
    names = {"line": tr("line"), "limit_h": tr("limit (h)"), "max_hours": tr("longest shadow (h)"),
             "complies": tr("complies"), "excess_h": tr("excess (h)"), "reach_beyond_m": tr("reach beyond the line (m)"),
             "line_over_m": tr("length of line over the limit (m)"), "plane_z_m": tr("measuring plane (m)"),
             "step_s": tr("time step (s)")}
    columns = [c for c in names if c in verdict]
    section.tables.append((tr("Verdict per line"), verdict[columns].rename(columns=names)))


def _solar(section: Section, results: dict) -> None:
    roofs = _vector(results["ROOF_OUTPUT"])
    buildings = _vector(results["BUILDING_OUTPUT"])
    months = [f"m{m:02d}" for m in range(1, 13)]
    monthly = [(roofs[m] * roofs["area_m2"]).sum() / 1000.0 for m in months]
    section.summary = tr("Irradiation of every roof surface through a typical year, with shading, and PV potential.")
    section.charts.append((tr("Irradiation on all roofs per month (MWh)"),
                           bar_chart([m[1:] for m in months], monthly, "MWh")))
    section.tables.append((tr("Totals"), pd.DataFrame({
        tr("figure"): [tr("roof surfaces"), tr("usable area (m²)"), tr("installable kWp"), tr("MWh a year"),
                       tr("t-CO2 avoided a year")],
        tr("value"): [len(roofs), buildings["usable_m2"].sum(), buildings["kwp"].sum(), buildings["kwh"].sum() / 1000,
                      buildings["co2_t"].sum()]})))
    top = buildings.sort_values("kwh", ascending=False).head(10)
    section.tables.append((tr("Ten best buildings"), top[["building_id", "usable_m2", "kwp", "kwh", "class"]]))


def _wind(section: Section, results: dict) -> None:
    ratio = _raster(results["RATIO_OUTPUT"])
    values = ratio[np.isfinite(ratio)]
    section.summary = tr("Wind speed ratio at pedestrian height (1.5 m) for one wind direction.")
    section.charts.append((tr("Speed ratio per cell"), histogram(values, 20, tr("speed ratio"))))
    section.tables.append((tr("Summary"), pd.DataFrame({
        tr("figure"): [tr("mean ratio"), tr("cells over 1.1 (%)"), tr("cells under 0.5 (%)")],
        tr("value"): [float(values.mean()), 100 * float((values > 1.1).mean()), 100 * float((values < 0.5).mean())]})))
    section.notes.append(tr("A diagnostic model (Röckle type), not CFD: see the README for its limits."))


def _barrier(section: Section, results: dict) -> None:
    counts = pd.read_csv(results["COUNTS"])
    section.summary = tr("Links of the pedestrian network classified for the profile, with the reasons.")
    section.charts.append((tr("Length per class (m)"), bar_chart(counts["class"].tolist(),
                                                                counts["length_m"].tolist(), "m")))
    section.tables.append((tr("Counts per class"), counts))
