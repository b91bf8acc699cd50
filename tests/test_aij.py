"""The AIJ benchmark cases at full scale, and the hit rate q and correlation R against hand computations."""
from __future__ import annotations

import os

import numpy as np
import pytest
import shapely

from urban_twin.analyses import aij, wind
from urban_twin.analyses.errors import UrbanTwinError


@pytest.fixture(scope="module")
def cases():
    """Every case, or skip when the shared data are absent (a user's clone has no ../shared)."""
    if not os.path.exists(os.path.join(aij.DATA, "aij_caseA.csv")):
        pytest.skip(f"AIJ data not present at {aij.DATA}")
    return {case.name: case for case in aij.all_cases()}


def test_each_case_loads_at_full_scale(cases):
    assert len(cases) == 11
    a, b = cases["A"], cases["B"]
    assert (len(a.observed), len(b.observed)) == (60, 115)
    assert a.massing.height.tolist() == pytest.approx([40.0])            # b = 20 m, 2b high
    assert a.massing.footprints[0].area == pytest.approx(400.0)
    assert a.height == pytest.approx(2.5) and a.reference_height == pytest.approx(2.5)
    assert b.massing.height.tolist() == pytest.approx([32.0])            # 4b at b = 8 m
    xmin, ymin, xmax, ymax = b.massing.bounds
    assert (xmax - xmin, ymax - ymin) == pytest.approx((8.0, 32.0))        # broadside: 4b across the wind
    assert b.reference_height == pytest.approx(32.0) and b.height == pytest.approx(2.0)
    for name in ("C 0H 0°", "C 1H 22.5°", "C 2H 45°"):
        assert len(cases[name].observed) == 120
    assert len(cases["C 0H 0°"].massing) == 8 and len(cases["C 1H 0°"].massing) == 9
    assert sorted(cases["C 2H 0°"].massing.height)[-2:] == pytest.approx([20.0, 40.0])
    assert [cases[f"C 1H {a}"].direction_deg for a in ("0°", "22.5°", "45°")] == [270.0, 292.5, 315.0]
    for case in cases.values():
        assert np.isfinite(case.observed).all() and case.source.startswith("github.com/AzatSkyArchLab/sreda-wind")
        # no measured point lies inside a block
        inside = [fp.contains(shapely.Point(p)) for fp in case.massing.footprints for p in case.points]
        assert not any(inside)


def test_case_b_ratios_divide_by_the_inflow_at_building_height(cases):
    import pandas as pd
    raw = pd.read_csv(os.path.join(aij.DATA, "aij_caseB_pedestrian.csv"))
    raw = raw[raw["section"] == "pedestrian_section"]
    assert (raw["Uh"] / cases["B"].observed).to_numpy() == pytest.approx(5.133, abs=0.01)
    top = np.interp(cases["B"].reference_height, *cases["B"].inflow.T)
    assert top == pytest.approx(5.133)


def test_case_c_at_45_degrees_is_symmetric_about_the_wind(cases):
    """The direction sense from the data: at 45° the ratios mirror about y = -x, the wind from 315°."""
    case = cases["C 1H 45°"]
    lookup = {tuple(np.round(p, 3)): o for p, o in zip(case.points, case.observed)}
    mirrored = [lookup[tuple(np.round((-p[1], -p[0]), 3))] for p in case.points]
    assert np.mean(np.abs(np.array(mirrored) - case.observed)) < 0.06
    swapped = [lookup[tuple(np.round((p[1], p[0]), 3))] for p in case.points]
    assert np.mean(np.abs(np.array(swapped) - case.observed)) > 0.2


def test_hit_rate_by_hand():
    observed = np.array([1.0, 0.2, 0.5, 0.0, 0.8])
    predicted = np.array([1.2, 0.27, 0.7, 0.05, np.nan])
    # 0.2 <= 0.25: hit; 0.07 > 0.05 and > 0.06: miss; 0.2 > 0.125 and > 0.06: miss; 0.05 <= 0.06: hit; NaN: miss
    assert aij.hit_rate(observed, predicted) == pytest.approx(2 / 5)


def test_correlation_by_hand():
    o = np.array([1.0, 2.0, 3.0])
    assert aij.correlation(o, 2 * o + 1) == pytest.approx(1.0)
    assert aij.correlation(o, -o) == pytest.approx(-1.0)
    # (1, 2, 3) against (1, 3, 2): covariance 0.5 over sqrt(2 * 2) -> 0.5; the NaN point is left out
    assert aij.correlation(np.array([1.0, 2.0, 3.0, 9.0]), np.array([1.0, 3.0, 2.0, np.nan])) == pytest.approx(0.5)
    result = aij.score(o, np.array([1.0, 2.5, 3.0]))
    assert (result.q, result.n) == (pytest.approx(1.0), 3)
    with pytest.raises(ValueError):
        aij.score(o, o[:2])


def test_roughness_for_exponent_inverts_the_diagnostic_model():
    for p in (0.12, 0.17, 0.25, 0.3):
        assert wind.power_law_exponent(aij.roughness_for_exponent(p)) == pytest.approx(p, abs=1e-6)


def test_sample_takes_the_cell_or_the_nearest_open_one():
    grid = np.array([[1.0, 2.0, 3.0], [4.0, np.nan, 6.0], [7.0, 8.0, 9.0]])  # x0 = 10, y0 = 20, 2 m cells
    points = np.array([[10.5, 19.5], [15.9, 14.1], [13.0, 17.0], [30.0, 30.0]])
    got = aij.sample(grid, 10.0, 20.0, 2.0, points)
    assert got[:2].tolist() == [1.0, 9.0]
    assert got[2] == 4.0                          # a building cell: its nearest open one, the same row first
    assert np.isnan(got[3])


def test_a_missing_file_is_a_message(tmp_path):
    with pytest.raises(UrbanTwinError, match="aij_caseA.csv is missing"):
        aij.case_a(str(tmp_path))
