"""Translations: tr() for every user-visible string, and the translator for QGIS's locale."""
from __future__ import annotations

import os

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

CONTEXT = "@default"  # where pylupdate5 files a bare tr("…")
I18N_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "i18n")


def tr(text: str) -> str:
    """Translate a user-visible string in the plugin's one context."""
    return QCoreApplication.translate(CONTEXT, text)


def locale_name() -> str:
    """QGIS's user interface language, e.g. 'ja' or 'en': `qgis --lang`, else the options' override, else the system's."""
    application = QgsApplication.instance()
    chosen = application.translation() if application is not None else ""
    if chosen and chosen != "C":
        return chosen[:2]
    override = QgsSettings().value("locale/overrideFlag", False, type=bool)
    name = QgsSettings().value("locale/userLocale", "", type=str) if override else ""
    return (name or QLocale.system().name())[:2]


def install_translator(locale: str | None = None) -> QTranslator | None:
    """Load i18n/urban_twin_<locale>.qm into the application; None when there is no such file."""
    path = os.path.join(I18N_DIR, f"urban_twin_{locale or locale_name()}.qm")
    if not os.path.isfile(path):
        return None
    translator = QTranslator()
    if not translator.load(path):
        return None
    QgsApplication.installTranslator(translator)
    return translator


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name pylupdate5 looks for
    """Mark a string for translation where it is defined; tr() translates it where it is shown."""
    return text


def translated_error(error: BaseException) -> str:
    """An error's message for the user, in their language where the message has a translation."""
    template, values = getattr(error, "template", str(error)), getattr(error, "values", ())
    return tr(template).format(*values) if values else tr(template)
