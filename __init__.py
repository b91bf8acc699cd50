"""Urban Twin Workbench: QGIS entry point."""


def classFactory(iface):  # noqa: N802 - QGIS's name
    """Return the plugin; its dependencies' folder goes on sys.path first so qgis_process finds them too."""
    from .plugin.deps import add_deps_to_path
    add_deps_to_path()
    from .plugin.plugin import UrbanTwinPlugin
    return UrbanTwinPlugin(iface)
