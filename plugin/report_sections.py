"""The report's section of each analysis: a summary, charts and tables made from a finished run's outputs."""
from __future__ import annotations

import os

import numpy as np
import pandas as pd
from qgis.core import QgsVectorLayer

from ..analyses.raster import Raster
from ..analyses.report import Section, bar_chart, histogram
from .i18n import tr, word
from .layers import frame_from_source


def input_name(value) -> str:
    """A layer by its name, a file by its name."""
    return value.name() if isinstance(value, QgsVectorLayer) else os.path.basename(str(value))


def _raster_cells(path: str) -> np.ndarray:
    """A raster output's values where there is one."""
    values = Raster.read(path).values
    return values[np.isfinite(values)]


def _figures(rows: dict) -> pd.DataFrame:
    """A two-column summary table: each figure's name and its value."""
    return pd.DataFrame({tr("figure"): list(rows), tr("value"): list(rows.values())})


def _vector(path) -> pd.DataFrame:
    """A vector output's attributes."""
    layer = path if isinstance(path, QgsVectorLayer) else QgsVectorLayer(str(path), "v", "ogr")
    frame = pd.DataFrame(frame_from_source(layer.dataProvider()).drop(columns="geometry"))
    return frame


def shadow_section(section: Section, results: dict) -> None:
    """Fill the section from the run's outputs."""
    hours = _raster_cells(results["OUTPUT"])
    section.summary = tr("Hours in shadow on the measuring plane on the winter solstice, 8:00-16:00 true solar time.")
    section.charts.append((tr("Hours in shadow per cell"), histogram(hours, 16, tr("hours"))))
    section.tables.append((tr("Summary"), _figures({
        tr("mean hours"): float(hours.mean()), tr("cells over 4 h (%)"): 100 * float((hours > 4).mean()),
        tr("cells in sun all day (%)"): 100 * float((hours == 0).mean())})))


def nichiei_section(section: Section, results: dict) -> None:
    """Fill the section from the run's outputs."""
    verdict = pd.read_csv(results["VERDICT"])
    section.summary = tr("The buildings on the site against the shadow regulation (Building Standards Act art. 56-2).")
    verdict["complies"] = [tr("yes") if value else tr("no") for value in verdict["complies"]]
    verdict["line"] = [word(line) for line in verdict["line"]]
    names = {"line": tr("line"), "limit_h": tr("limit (h)"), "max_hours": tr("longest shadow (h)"),
             "complies": tr("complies"), "excess_h": tr("excess (h)"), "reach_beyond_m": tr("reach beyond the line "
                                                                                            "(m)"),
             "line_over_m": tr("length of line over the limit (m)"), "plane_z_m": tr("measuring plane (m)"),
             "step_s": tr("time step (s)")}
    columns = [c for c in names if c in verdict]
    section.tables.append((tr("Verdict per line"), verdict[columns].rename(columns=names)))


def solar_section(section: Section, results: dict) -> None:
    """Fill the section from the run's outputs."""
    roofs = _vector(results["ROOF_OUTPUT"])
    buildings = _vector(results["BUILDING_OUTPUT"])
    months = [f"m{m:02d}" for m in range(1, 13)]
    monthly = [(roofs[m] * roofs["area_m2"]).sum() / 1000.0 for m in months]
    section.summary = tr("Irradiation of every roof surface through a typical year, with shading, and PV potential.")
    section.charts.append((tr("Irradiation on all roofs per month (MWh)"),
                           bar_chart([m[1:] for m in months], monthly, "MWh")))
    section.tables.append((tr("Totals"), _figures({
        tr("roof surfaces"): len(roofs), tr("usable area (m²)"): buildings["usable_m2"].sum(),
        tr("installable kWp"): buildings["kwp"].sum(), tr("MWh a year"): buildings["kwh"].sum() / 1000,
        tr("t-CO2 avoided a year"): buildings["co2_t"].sum()})))
    top = buildings.sort_values("kwh", ascending=False).head(10)
    section.tables.append((tr("Ten best buildings"), top[["building_id", "usable_m2", "kwp", "kwh", "class"]]))


def wind_section(section: Section, results: dict) -> None:
    """Fill the section from the run's outputs."""
    ratio = _raster_cells(results["RATIO_OUTPUT"])
    section.summary = tr("Wind speed ratio at pedestrian height (1.5 m) for one wind direction.")
    section.charts.append((tr("Speed ratio per cell"), histogram(ratio, 20, tr("speed ratio"))))
    section.tables.append((tr("Summary"), _figures({
        tr("mean ratio"): float(ratio.mean()), tr("cells over 1.1 (%)"): 100 * float((ratio > 1.1).mean()),
        tr("cells under 0.5 (%)"): 100 * float((ratio < 0.5).mean())})))
    section.notes.append(tr("A diagnostic model (Röckle type), not CFD: see the README for its limits."))


def barrier_section(section: Section, results: dict) -> None:
    """Fill the section from the run's outputs."""
    counts = pd.read_csv(results["COUNTS"])
    section.summary = tr("Links of the pedestrian network classified for the profile, with the reasons.")
    section.charts.append((tr("Length per class (m)"), bar_chart(counts["class"].tolist(),
                                                                counts["length_m"].tolist(), "m")))
    section.tables.append((tr("Counts per class"), counts))


def comfort_section(section: Section, results: dict) -> None:
    """Fill the section from the run's outputs."""
    areas = pd.read_csv(results["AREAS"]) if str(results["AREAS"]).endswith(".csv") else _vector(results["AREAS"])
    section.summary = tr("Wind comfort classes at pedestrian height from the 16 wind directions and the wind rose.")
    areas = areas.assign(**{areas.columns[0]: [word(value) for value in areas.iloc[:, 0]]})
    section.charts.append((tr("Area per class (m²)"), bar_chart(areas.iloc[:, 0].tolist(),
                                                              areas["area_m2"].tolist(), "m²")))
    section.tables.append((tr("Area per class"), areas))
    section.notes.append(tr("A diagnostic model (Röckle type), not CFD: see the README for its limits."))
