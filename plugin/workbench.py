"""What the workbench offers: the analyses that carry a workbench entry (`WORKBENCH`), in the provider's order;
how a run's parameters are made, and how its results become layers and a report section. The dock, the demo,
lesson mode and the report all read this one list."""
from __future__ import annotations

import os
import tempfile
from dataclasses import replace

import pandas as pd
from qgis.core import QgsFeature, QgsVectorLayer

from ..analyses.report import Section
from .analysis_entry import Analysis
from .i18n import tr, word
from .provider import ALGORITHMS
from .report_sections import input_name

ANALYSES: dict[str, Analysis] = {cls.NAME: replace(cls.WORKBENCH, key=cls.NAME)
                                  for cls in ALGORITHMS if cls.WORKBENCH is not None}
#: lesson mode's steps, in their order
LESSON: list[Analysis] = sorted((a for a in ANALYSES.values() if a.lesson is not None), key=lambda a: a.lesson.order)


def parameters_for(analysis: Analysis, buildings, roofs, values: dict, folder: str) -> dict:
    """The algorithm's parameters: inputs, the key values and an output file per requested output."""
    params = {"BUILDINGS": buildings, **values}
    if roofs and analysis.takes_roofs:
        params["ROOFS"] = roofs
    if analysis.inputs is not None:
        params.update(analysis.inputs(buildings))
    for name, suffix in analysis.outputs.items():
        params[name] = os.path.join(folder, f"{analysis.key}_{name.lower()}{suffix}")
    return params


def verdict_layer(csv_path: str, crs) -> QgsVectorLayer:
    """The worst point on each regulation line, with the verdict in words (complies / exceeds by …)."""
    from qgis.core import QgsGeometry, QgsPointXY

    from .qgis_compat import make_field
    from .styles import style_verdict_points
    layer = QgsVectorLayer(f"Point?crs={crs.authid()}", tr("Shadow regulation — verdict"), "memory")
    fields = [make_field("line", "str"), make_field("complies", "str"), make_field("verdict", "str")]
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
                      inputs={tr("Buildings"): input_name(params.get("BUILDINGS"))})
    preview = results.get(analysis.preview) if analysis.preview else None
    if preview:
        section.images.append((preview, tr("3D view") if analysis.preview == "PREVIEW" else tr("Diagram")))
    if analysis.report is not None:
        analysis.report(section, results)
    return section
