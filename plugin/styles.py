"""Styles applied to result layers when Processing loads them."""
from __future__ import annotations

from qgis.core import (QgsGraduatedSymbolRenderer, QgsProcessingContext,
                       QgsProcessingLayerPostProcessorInterface, QgsStyle)

try:  # the class moved in 3.26; the old name stays for 3.22
    from qgis.core import QgsClassificationPrettyBreaks as _Breaks
except ImportError:  # pragma: no cover
    _Breaks = None

_POST_PROCESSORS = []  # Processing keeps only a pointer: the objects must outlive the run


class GraduatedStyle(QgsProcessingLayerPostProcessorInterface):
    """A graduated fill on one numeric field."""

    def __init__(self, field: str, ramp: str = "Viridis", classes: int = 6):
        super().__init__()
        self.field, self.ramp, self.classes = field, ramp, classes

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 - QGIS's name
        """Classify the layer when it is loaded."""
        if layer is None or layer.fields().indexOf(self.field) < 0:
            return
        apply_graduated(layer, self.field, self.ramp, self.classes)


def apply_graduated(layer, field: str, ramp: str = "Viridis", classes: int = 6) -> None:
    """Give a vector layer a graduated renderer with pretty breaks on field."""
    renderer = QgsGraduatedSymbolRenderer(field)
    color_ramp = QgsStyle.defaultStyle().colorRamp(ramp)
    if color_ramp is not None:
        renderer.setSourceColorRamp(color_ramp)
    if _Breaks is not None:
        renderer.setClassificationMethod(_Breaks())
    renderer.updateClasses(layer, classes)
    layer.setRenderer(renderer)
    layer.triggerRepaint()


def style_on_load(context: QgsProcessingContext, dest_id: str, field: str) -> None:
    """Ask Processing to style the layer dest_id by field when it loads it into the project."""
    if not context.willLoadLayerOnCompletion(dest_id):
        return
    processor = GraduatedStyle(field)
    _POST_PROCESSORS.append(processor)
    context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(processor)
