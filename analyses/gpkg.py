"""GeoPackage output of a district's layers."""
from __future__ import annotations

import geopandas as gpd

from .citymodel import District


def district_layers(district: District) -> dict[str, gpd.GeoDataFrame]:
    """The district's vector layers by name, ready to write or to turn into QGIS layers."""
    roofs = district.roofs.drop(columns=["building"])
    return {"buildings": district.buildings, "roofs": roofs, "roads": district.roads}


def write_geopackage(district: District, path: str) -> list[str]:
    """Write buildings, roofs (3D polygons) and roads into one GeoPackage; return the layer names."""
    written = []
    for name, frame in district_layers(district).items():
        if len(frame):
            frame.to_file(path, layer=name, driver="GPKG")
            written.append(name)
    return written
