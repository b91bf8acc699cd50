"""Broken buildings where they enter the analyses: each skipped with its reason, repaired by the stated rule,
or refused with a sentence that names what is wrong; never a silent wrong number nor a traceback."""
from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from urban_twin.analyses import citygml, intake, sun
from urban_twin.analyses.errors import UrbanTwinError
from urban_twin.analyses.massing import massing_from_frames
from urban_twin.analyses.place import Place
from urban_twin.analyses.shadow import shadow_polygons

EPSG = 6677
X0, Y0 = -8000.0, -35000.0
BOW_TIE = shapely.Polygon([(X0, Y0), (X0 + 20, Y0 + 20), (X0 + 20, Y0), (X0, Y0 + 20)])  # a 20 m square's corners
INFINITE = shapely.Polygon([(X0, Y0), (X0 + 10, Y0), (np.inf, np.inf)])
NAN = shapely.Polygon([(X0, Y0), (X0 + 10, Y0), (np.nan, Y0 + 10)])


def _box(i: int, size: float = 10.0) -> shapely.Polygon:
    return shapely.box(X0 + 30 * i, Y0, X0 + 30 * i + size, Y0 + size)


def _frame(geometries, heights) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"gml_id": [f"b{i}" for i in range(len(heights))], "height": heights},
                            geometry=list(geometries), crs=EPSG)


def _noon() -> pd.Timestamp:
    _, lon = Place.at(EPSG, X0, Y0).lat_lon
    return sun.solar_to_clock(dt.date(2026, 12, 22), [12.0], lon)[0]


def test_each_broken_building_is_skipped_with_its_reason():
    frame = _frame([_box(0), None, shapely.Polygon(), INFINITE, NAN, _box(5), _box(6), _box(7), _box(8), _box(9)],
                   [10, 10, 10, 10, 10, -30, 0, "", 10_000, np.nan])
    massing = massing_from_frames(frame)
    assert massing.ids.tolist() == ["b0"]
    assert massing.intake.used == 1
    assert massing.intake.skipped.set_index("id")["reason"].to_dict() == {
        "b1": intake.NO_GEOMETRY, "b2": intake.EMPTY, "b3": intake.NOT_FINITE, "b4": intake.NOT_FINITE,
        "b5": intake.NOT_POSITIVE, "b6": intake.NOT_POSITIVE, "b7": intake.NO_HEIGHT, "b8": intake.TOO_TALL,
        "b9": intake.NO_HEIGHT}
    assert massing.intake.summary().startswith("1 used, 9 skipped (a vertex at infinity or NaN: 2; ")


def test_a_bow_tie_is_made_valid_and_counted():
    assert BOW_TIE.area == pytest.approx(0.0)  # what GEOS makes of the crossing outline as it is
    massing = massing_from_frames(_frame([BOW_TIE, _box(2)], [10.0, 10.0]))
    assert shapely.area(massing.footprints[0]) == pytest.approx(200.0)  # the two triangles the outline encloses
    assert massing.intake.repaired == ["b0"] and massing.intake.used == 2


def test_all_empty_geometries_say_so():
    with pytest.raises(UrbanTwinError, match="none of the 3 buildings has a usable geometry: 3 empty or NULL, 0 "):
        massing_from_frames(_frame([shapely.Polygon(), shapely.Polygon(), None], [10.0, 20.0, 30.0]))


def test_no_usable_height_says_which():
    with pytest.raises(UrbanTwinError, match=r"no building has a usable 'height' \(a number above 0 and at most 700 "
                                             r"m\): 1 have none, 2 are zero or negative, 1 are higher"):
        massing_from_frames(_frame([_box(i) for i in range(4)], [np.nan, -30.0, 0.0, 10_000.0]))


def test_negative_and_absurd_heights_cast_no_shadow():
    heights = [-10.0 if i % 2 else 12.0 for i in range(25)] + [10_000.0]
    massing = massing_from_frames(_frame([_box(i) for i in range(26)], heights))
    per_building, union = shadow_polygons(massing, _noon())
    assert len(per_building) == 13 and len(massing.intake.skipped) == 13
    assert per_building["shadow_length"].max() < 40.0  # 12 m at the solstice noon: about 20 m, not 44 km


def test_broken_vertices_do_not_reach_geos():
    massing = massing_from_frames(_frame([INFINITE, NAN, _box(3)], [10.0, 10.0, 10.0]))
    per_building, union = shadow_polygons(massing, _noon())
    assert per_building["building_id"].tolist() == ["b2"]
    assert np.isfinite(shapely.get_coordinates(union.geometry.values)).all()


def test_roofs_with_a_vertex_at_infinity_are_left_out_and_counted():
    roof = shapely.Polygon([(X0, Y0, 10), (X0 + 10, Y0, 10), (X0 + 10, Y0 + 10, np.inf)])
    roofs = gpd.GeoDataFrame({"building_id": ["b0", "b0"]}, geometry=[roof, shapely.Polygon(
        [(X0, Y0, 10), (X0 + 10, Y0, 10), (X0 + 10, Y0 + 10, 12)])], crs=EPSG)
    massing = massing_from_frames(_frame([_box(0)], [12.0]), roofs)
    assert len(massing.roofs) == 1 and massing.intake.roofs_skipped == 1


def test_the_reader_and_the_analyses_share_one_height_rule():
    assert citygml.MAX_HEIGHT_M is intake.MAX_HEIGHT_M == 700.0
    assert intake.plausible_height(np.array([700.0, 700.1, 0.0, np.nan])).tolist() == [True, False, False, False]
