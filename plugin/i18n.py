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
    """QGIS's user interface language ('ja', 'en'): `qgis --lang`, else the options' override, else the system's."""
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


#: The words behind values the analyses write into their data (classes, kinds, lines), for legends and logs;
#: the values themselves stay as they are in the data
WORDS = {"passable": QT_TRANSLATE_NOOP("@default", "passable"), "caution": QT_TRANSLATE_NOOP("@default", "caution"),
         "impassable": QT_TRANSLATE_NOOP("@default", "impassable"), "step": QT_TRANSLATE_NOOP("@default", "step"),
         "pinch point": QT_TRANSLATE_NOOP("@default", "pinch point"),
         "stairs without an alternative": QT_TRANSLATE_NOOP("@default", "stairs without an alternative"),
         "5m": QT_TRANSLATE_NOOP("@default", "5 m line"), "10m": QT_TRANSLATE_NOOP("@default", "10 m line"),
         "boundary": QT_TRANSLATE_NOOP("@default", "Site boundary"),
         "sitting": QT_TRANSLATE_NOOP("@default", "sitting"), "standing": QT_TRANSLATE_NOOP("@default", "standing"),
         "strolling": QT_TRANSLATE_NOOP("@default", "strolling"),
         "business walking": QT_TRANSLATE_NOOP("@default", "business walking"),
         "uncomfortable": QT_TRANSLATE_NOOP("@default", "uncomfortable"),
         "unsafe (frail)": QT_TRANSLATE_NOOP("@default", "unsafe (frail)"),
         "rank 1": QT_TRANSLATE_NOOP("@default", "rank 1"), "rank 2": QT_TRANSLATE_NOOP("@default", "rank 2"),
         "rank 3": QT_TRANSLATE_NOOP("@default", "rank 3"), "rank 4": QT_TRANSLATE_NOOP("@default", "rank 4"),
         "high": QT_TRANSLATE_NOOP("@default", "high"), "good": QT_TRANSLATE_NOOP("@default", "good"),
         "unsuitable": QT_TRANSLATE_NOOP("@default", "unsuitable")}


def word(value) -> str:
    """A data value (class, kind, line) in the user's language; unknown values as they are."""
    return tr(WORDS[value]) if value in WORDS else str(value)
