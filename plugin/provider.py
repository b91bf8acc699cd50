"""The Processing provider `urbantwin`."""
from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .algorithms.barrierfree import BarrierHazardsAlgorithm, BarrierReachAlgorithm, BarrierRouteAlgorithm
from .algorithms.base import ICON
from .algorithms.load_citygml import LoadCityGMLAlgorithm
from .algorithms.shadow import NichieiAlgorithm, ShadowHoursAlgorithm, ShadowPolygonsAlgorithm
from .algorithms.solar import SolarPotentialAlgorithm
from .algorithms.wind import PedestrianWindAlgorithm, WindComfortAlgorithm
from .algorithms.wind_cfd import PedestrianWindCfdAlgorithm
from .i18n import tr

ALGORITHMS = (LoadCityGMLAlgorithm, ShadowPolygonsAlgorithm, ShadowHoursAlgorithm, NichieiAlgorithm,
              SolarPotentialAlgorithm, BarrierHazardsAlgorithm, BarrierReachAlgorithm, BarrierRouteAlgorithm,
              PedestrianWindAlgorithm, WindComfortAlgorithm, PedestrianWindCfdAlgorithm)


class UrbanTwinProvider(QgsProcessingProvider):
    """Holds one algorithm per user task."""

    def id(self) -> str:
        """The provider id (public interface)."""
        return "urbantwin"

    def name(self) -> str:
        """The translated name."""
        return tr("Urban Twin")

    def icon(self) -> QIcon:
        """The plugin icon."""
        return QIcon(ICON)

    def loadAlgorithms(self) -> None:  # noqa: N802 - QGIS's name
        """Register every algorithm."""
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())
