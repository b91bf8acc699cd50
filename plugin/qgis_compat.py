"""Differences between QGIS 3.22 (Qt 5) and later QGIS (Qt 6), in one place."""
from __future__ import annotations

from qgis.core import Qgis, QgsField

# QGIS 3.38 takes QMetaType.Type for field types; older QGIS only QVariant.Type (gone in Qt 6).
if Qgis.QGIS_VERSION_INT >= 33800:
    from qgis.PyQt.QtCore import QMetaType as _Types

    _TYPES = {"int": _Types.Type.LongLong, "float": _Types.Type.Double, "str": _Types.Type.QString,
              "bool": _Types.Type.Bool}
else:
    from qgis.PyQt.QtCore import QVariant as _Types

    _TYPES = {"int": _Types.LongLong, "float": _Types.Double, "str": _Types.String, "bool": _Types.Bool}


def make_field(name: str, kind: str) -> QgsField:
    """A field of kind 'int', 'float', 'str' or 'bool'."""
    return QgsField(name, _TYPES[kind])
