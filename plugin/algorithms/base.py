"""What every Urban Twin algorithm shares: naming, help, icon, and turning analysis errors into messages."""
from __future__ import annotations

import os
from contextlib import contextmanager

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtGui import QIcon

from ...analyses.errors import UrbanTwinError
from ..i18n import tr

ICON = os.path.join(os.path.dirname(__file__), "..", "..", "resources", "icons", "urban_twin.svg")


class UrbanTwinAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses set NAME, DISPLAY, GROUP, HELP and implement the Processing methods."""

    NAME = ""
    DISPLAY = ""
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
        raise QgsProcessingException(str(exc)) from None
    except InterruptedError:
        raise QgsProcessingException(tr("Canceled.")) from None
