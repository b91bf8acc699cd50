"""How results look in the map: one style per kind of output, applied when the workbench adds a layer and when
Processing loads one. Legends speak in units (h, kWh/m², ratio) with round class breaks."""
from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsClassificationPrettyBreaks,
    QgsColorRampShader,
    QgsGraduatedSymbolRenderer,
    QgsPalLayerSettings,
    QgsProcessingContext,
    QgsProcessingLayerPostProcessorInterface,
    QgsRasterLayer,
    QgsRasterShader,
    QgsRendererCategory,
    QgsSingleBandPseudoColorRenderer,
    QgsStyle,
    QgsSymbol,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor

from ..analyses.barrierfree import CLASS_COLOURS
from .i18n import tr, word

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
    """Give a vector layer a graduated renderer with round (pretty) breaks on field."""
    renderer = QgsGraduatedSymbolRenderer(field)
    color_ramp = QgsStyle.defaultStyle().colorRamp(ramp)
    if color_ramp is not None:
        renderer.setSourceColorRamp(color_ramp)
    method = QgsClassificationPrettyBreaks()
    method.setLabelPrecision(0)
    renderer.setClassificationMethod(method)
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


def _label(layer: QgsVectorLayer, expression: str, size: float = 9.0, placement=None) -> None:
    """Label features with an expression, white-buffered so the text reads over any map."""
    settings = QgsPalLayerSettings()
    settings.fieldName, settings.isExpression = expression, True
    text = QgsTextFormat()
    text.setSize(size)
    text.buffer().setEnabled(True)
    text.buffer().setSize(1.0)
    settings.setFormat(text)
    if placement is not None:
        settings.placement = placement
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def _categories(layer: QgsVectorLayer, field: str, colours: dict, labels: dict, width: float | None = None,
                dashed: set | None = None) -> None:
    """A categorized renderer: one colour (and label) per value of field."""
    categories = []
    for value, colour in colours.items():
        symbol = QgsSymbol.defaultSymbol(layer.geometryType())
        symbol.setColor(QColor(colour))
        if width is not None:
            symbol.symbolLayer(0).setWidth(width)
        if dashed and value in dashed:
            symbol.symbolLayer(0).setPenStyle(2)  # Qt.DashLine, as a number for Qt 5 and 6 alike
        categories.append(QgsRendererCategory(value, symbol, labels.get(value, str(value))))
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, categories))


def style_equal_time_lines(layer: QgsVectorLayer) -> None:
    """等時間日影線: coloured by their hours (purple long, yellow short), labelled 'n h'."""
    ramp = QgsStyle.defaultStyle().colorRamp("Plasma")
    hours = sorted({float(f["hours"]) for f in layer.getFeatures()})
    colours = {h: ramp.color(i / max(len(hours) - 1, 1)).name() for i, h in enumerate(hours)}
    _categories(layer, "hours", colours, {h: f"{h:g} h" for h in hours}, width=0.6)
    _label(layer, "format_number(\"hours\", 1) || ' h'", 8, QgsPalLayerSettings.Line)


def style_regulation_lines(layer: QgsVectorLayer) -> None:
    """The site boundary, and the 5 m and 10 m lines, each its own colour and labelled with its limit."""
    names = {key: word(key) for key in ("boundary", "5m", "10m")}
    _categories(layer, "line", {"boundary": "#000000", "5m": "#1f78b4", "10m": "#e31a1c"}, names, width=0.8,
                dashed={"5m", "10m"})
    limit = tr("limit")
    _label(layer, f"CASE WHEN \"line\" = '5m' THEN '{names['5m']}: {limit} ' || format_number(\"limit_h\", 1) || ' h' "
                  f"WHEN \"line\" = '10m' THEN '{names['10m']}: {limit} ' || format_number(\"limit_h\", 1) || ' h' END",
           9, QgsPalLayerSettings.Line)


def style_verdict_points(layer: QgsVectorLayer) -> None:
    """The worst point on each line: red where it exceeds the limit, green where it complies, with the verdict."""
    _categories(layer, "complies", {tr("yes"): "#1a9850", tr("no"): "#d73027"},
                {tr("yes"): tr("complies"), tr("no"): tr("exceeds")})
    _label(layer, "\"verdict\"", 10)


def style_network(layer: QgsVectorLayer) -> None:
    """Links coloured by class, the same palette as the 3D view; the reasons on hover."""
    _categories(layer, "class", CLASS_COLOURS, {k: word(k) for k in CLASS_COLOURS}, width=0.9)
    layer.setMapTipTemplate("<b>[% \"class\" %]</b><br>[% \"reasons\" %]")
    layer.setDisplayExpression("\"reasons\"")


def style_hazards(layer: QgsVectorLayer) -> None:
    """Hazard points by kind (step, slope, width, stairs …)."""
    kinds = sorted({str(f["kind"]) for f in layer.getFeatures()})
    ramp = QgsStyle.defaultStyle().colorRamp("Set1") or QgsStyle.defaultStyle().colorRamp("Spectral")
    _categories(layer, "kind", {k: ramp.color(i / max(len(kinds) - 1, 1)).name() for i, k in enumerate(kinds)},
                {k: word(k) for k in kinds})
    layer.setMapTipTemplate("[% \"reason\" %]")


def style_raster(layer: QgsRasterLayer, breaks: list[float], ramp: str, unit: str, invert: bool = False) -> None:
    """A pseudo-colour raster in classes between the given round breaks, its legend in units ('1 – 2 h')."""
    colour_ramp = QgsStyle.defaultStyle().colorRamp(ramp)
    if invert:
        colour_ramp.invert()
    uppers = breaks[1:] + [float("inf")]
    labels = ([f"≤ {breaks[1]:g} {unit}".strip()]
              + [f"{low:g} – {high:g} {unit}".strip() for low, high in zip(breaks[1:], breaks[2:])]
              + [f"> {breaks[-1]:g} {unit}".strip()])
    items = [QgsColorRampShader.ColorRampItem(upper, colour_ramp.color(i / max(len(uppers) - 1, 1)), label)
             for i, (upper, label) in enumerate(zip(uppers, labels))]
    shader = QgsColorRampShader(breaks[0], breaks[-1])
    shader.setColorRampType(QgsColorRampShader.Discrete)
    shader.setColorRampItemList(items)
    raster_shader = QgsRasterShader()
    raster_shader.setRasterShaderFunction(shader)
    layer.setRenderer(QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, raster_shader))
    layer.setOpacity(0.85)
    layer.triggerRepaint()


def round_breaks(low: float, high: float, count: int = 6) -> list[float]:
    """Round class breaks (1, 2, 2.5 or 5 × 10ⁿ apart) covering low..high."""
    import math
    if not high > low:
        return [low, low + 1.0]
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    return [start + i * step for i in range(int(math.ceil((high - start) / step)) + 1)]


def style_result(layer, analysis: str, output: str) -> None:
    """Style one output layer of a workbench analysis as a planner reads it."""
    if isinstance(layer, QgsRasterLayer):
        stats = layer.dataProvider().bandStatistics(1)
        unit, ramp, invert = {"shadowhours": ("h", "Magma", True), "solarpotential": ("kWh/m²", "Inferno", False),
                              "pedestrianwind": ("" if output == "RATIO_OUTPUT" else "m/s", "RdBu", True)}.get(
                                  analysis, ("", "Viridis", False))
        breaks = ([0.25, 0.5, 0.75, 1.0, 1.25, 1.5] if output == "RATIO_OUTPUT"
                  else round_breaks(stats.minimumValue, stats.maximumValue))
        style_raster(layer, breaks, ramp, unit, invert)
        return
    styles = {("nichiei", "CONTOURS"): style_equal_time_lines, ("nichiei", "LINES"): style_regulation_lines,
              ("barrierhazards", "OUTPUT"): style_network, ("barrierhazards", "HAZARDS"): style_hazards,
              ("solarpotential", "ROOF_OUTPUT"): lambda lyr: apply_graduated(lyr, "kwh_m2", "Inferno"),
              ("solarpotential", "BUILDING_OUTPUT"): lambda lyr: apply_graduated(lyr, "kwh", "Greys")}
    if (analysis, output) in styles:
        styles[(analysis, output)](layer)
        layer.triggerRepaint()
