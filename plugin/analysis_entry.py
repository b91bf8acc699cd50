"""An analysis as the workbench offers it: its few key parameters, the outputs it asks for, what else it takes,
its lesson step and its report section. Each algorithm carries its own entry (`WORKBENCH`); the provider's list
of algorithms is the one list the dock, the lesson, the demo and the report read (plugin/workbench.py)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable

from qgis.core import QgsFeature, QgsVectorLayer

SAMPLE_NETWORK = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "sample",
                              "barrierfree", "link.geojson")


@dataclass(frozen=True)
class KeyParameter:
    """A parameter the dock shows: name (the algorithm's), label, default, range and tooltip.

    Where the algorithm's parameter is a choice (an enum), the dock shows its options in words and default is
    the index.
    """

    name: str
    label: str
    default: float
    minimum: float
    maximum: float
    tooltip: str


@dataclass(frozen=True)
class LessonStep:
    """A step of lesson mode: its place in the sequence, a title and an explanation for a class."""

    order: int
    title: str
    text: str


@dataclass(frozen=True)
class Analysis:
    """One analysis in the workbench; key is its algorithm's name in the `urbantwin` provider, which the
    workbench fills in from the algorithm that carries the entry (plugin/workbench.py)."""

    title: str
    parameters: tuple[KeyParameter, ...]
    outputs: dict = field(default_factory=dict)   # output name -> file suffix
    report: Callable | None = None                # (Section, results) -> None: fills the report section
    preview: str = "PREVIEW"                      # the output holding its picture ("" for none)
    takes_roofs: bool = False                     # gets the LOD2 roofs layer when there is one
    inputs: Callable | None = None                # (buildings layer) -> other inputs it needs
    lesson: LessonStep | None = None
    key: str = ""

    @property
    def algorithm(self) -> str:
        """The Processing algorithm's id."""
        return f"urbantwin:{self.key}"


def site_layer(buildings) -> QgsVectorLayer:
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



def site_input(buildings) -> dict:
    """The regulation check's SITE: 4 m around the selected buildings, or around the tallest one."""
    return {"SITE": site_layer(buildings)}


def sample_network_input(_buildings) -> dict:
    """The barrier-free analysis's network: the sample district's."""
    return {"LINKS": SAMPLE_NETWORK}
