"""Enable the plugin in a QGIS profile's QGIS3.ini ([PythonPlugins] name=true), as QGIS itself would.

Run by `make deploy`: python3 -m urban_twin.plugin.profile_settings PATH/QGIS3.ini urban_twin
"""
import os
import sys

from qgis.PyQt.QtCore import QSettings


def enable_plugin(ini: str, name: str) -> None:
    """Set [PythonPlugins] name=true in a QGIS settings file, creating it if needed."""
    os.makedirs(os.path.dirname(ini), exist_ok=True)
    settings = QSettings(ini, QSettings.Format.IniFormat)
    settings.setValue(f"PythonPlugins/{name}", True)
    settings.sync()
    if settings.status() != QSettings.Status.NoError:
        raise OSError(f"could not write {ini}")


if __name__ == "__main__":
    enable_plugin(sys.argv[1], sys.argv[2])
