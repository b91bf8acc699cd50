"""What every Urban Twin algorithm shares: naming, help, icon, and turning analysis errors into messages."""
from __future__ import annotations

import os
from contextlib import contextmanager

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingParameterNumber
from qgis.PyQt.QtGui import QIcon

from ...analyses import render
from ...analyses.errors import UrbanTwinError
from ..i18n import tr, translated_error
from ..layers import add_frame_to_sink, crs_of, fields_for, sink_default_type, wkb_type
from ..styles import style_on_load

ICON = os.path.join(os.path.dirname(__file__), "..", "..", "resources", "icons", "urban_twin.svg")


class UrbanTwinAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses set NAME, DISPLAY, GROUP, HELP and implement the Processing methods."""

    NAME = ""
    DISPLAY = ""
    WORKBENCH = None  # its entry in the workbench (plugin/analysis_entry.Analysis), if the dock offers it
    GROUP = ""
    HELP = ""

    def name(self) -> str:
        """The id inside the provider (public interface: users script against it)."""
        return self.NAME

    def displayName(self) -> str:  # noqa: N802 - QGIS's name
        """The translated name."""
        return tr(self.DISPLAY)

    def group(self) -> str:
        """The translated group."""
        return tr(self.GROUP)

    def groupId(self) -> str:  # noqa: N802
        """The group id."""
        return self.GROUP.lower().replace(" ", "")

    def shortHelpString(self) -> str:  # noqa: N802
        """The translated help text."""
        return tr(self.HELP)

    def icon(self) -> QIcon:
        """The plugin icon."""
        return QIcon(ICON)

    def createInstance(self):  # noqa: N802
        """A fresh instance, as Processing needs one per run."""
        return type(self)()


@contextmanager
def user_errors():
    """Turn the analyses' errors into QgsProcessingException so the user reads a message, not a traceback."""
    try:
        yield
    except UrbanTwinError as exc:
        raise QgsProcessingException(translated_error(exc)) from None
    except InterruptedError:
        raise QgsProcessingException(tr("Canceled.")) from None


def number_parameter(key: str, label: str, default: float, minimum: float = 0.0, maximum: float = 1e12):
    """A decimal number parameter with a translated label."""
    return QgsProcessingParameterNumber(key, tr(label), QgsProcessingParameterNumber.Double,
                                        defaultValue=default, minValue=minimum, maxValue=maximum)


def write_frames(algorithm, parameters, context, feedback, frames: dict, epsg: int, styles: dict) -> dict:
    """Write each frame to its sink parameter (skipping optional ones not asked for)."""
    results = {}
    for key, frame in frames.items():
        dest = write_chunks(algorithm, parameters, context, feedback, key, [frame], epsg, styles.get(key))
        if dest is not None:
            results[key] = dest
    return results


def write_chunks(algorithm, parameters, context, feedback, key: str, chunks, epsg: int,
                 style_field: str | None = None) -> str | None:
    """Write frames of the same columns (at least one, maybe empty), one after the other, to a sink parameter;
    None when it is optional and not asked for. A city's features go through in chunks, never all in memory."""
    definition = algorithm.parameterDefinition(key)
    if parameters.get(key) is None and definition.flags() & definition.FlagOptional:
        return None
    chunks = iter(chunks)
    first = next(chunks)
    fields = fields_for(first)
    layer_type = wkb_type(first, sink_default_type(definition.dataType()))
    sink, dest = algorithm.parameterAsSink(parameters, key, context, fields, layer_type, crs_of(epsg))
    if sink is None:
        return None
    add_frame_to_sink(first, sink, fields, feedback)
    for chunk in chunks:
        add_frame_to_sink(chunk, sink, fields, feedback)
    if style_field:
        style_on_load(context, dest, style_field)
    return dest


def draw_preview(feedback, scene: str, path: str, **kwargs) -> str | None:
    """Draw preview3d.<scene> to path in a child process; a picture that fails is a warning, not a failed run."""
    if not path:
        return None
    feedback.pushInfo(tr("Drawing the 3D picture…"))
    try:
        return render.draw(scene, path, is_canceled=feedback.isCanceled, **kwargs)
    except UrbanTwinError as exc:
        feedback.reportError(tr("No 3D picture: {}").format(translated_error(exc)), False)
        return None
