"""Wind comfort mixing solvers: chosen directions by OpenFOAM CFD (a tiny block, a coarse mesh, a few
iterations), the rest by the diagnostic model; the record says which solver gave each direction."""
from __future__ import annotations

import math
import os
import time

import geopandas as gpd
import numpy as np
import pytest
import shapely

from urban_twin.analyses import openfoam, windcomfort
from urban_twin.analyses.errors import UrbanTwinError
from urban_twin.analyses.massing import massing_from_frames

EXTENT, CELL, PED, Z0 = (-10.0, -10.0, 20.0, 20.0), 2.5, 1.5, 0.1
WEST = 12   # index of 270° among the 16 directions


def _block():
    """One 10 m cube on a plane-rectangular grid."""
    return massing_from_frames(gpd.GeoDataFrame({"gml_id": ["a"], "height": [10.0]},
                                                geometry=[shapely.box(0.0, 0.0, 10.0, 10.0)], crs=6677))


def _rose(west: float) -> windcomfort.WindRose:
    """Equal frequencies except the west's; Weibull k 2, c 4 m/s at 10 m."""
    frequency = np.ones(16)
    frequency[WEST] = west
    return windcomfort.WindRose(frequency, np.full(16, 2.0), np.full(16, 4.0), 10.0, "test")


@pytest.fixture(scope="module")
def runs(foam_env, tmp_path_factory):
    """All 16 directions diagnostic, and the same with the west by CFD (5 iterations on 2 cores)."""
    folder = str(tmp_path_factory.mktemp("cases"))
    plan = windcomfort.CfdPlan((270.0,), openfoam.CfdSettings(0.0, 5.0, iterations=5, cores=2), folder)
    seen: list[tuple[float, str]] = []
    mixed = windcomfort.direction_speeds(_block(), _rose(1.0), EXTENT, CELL, PED, Z0,
                                         progress=lambda percent, text: seen.append((percent, text)), cfd=plan)
    diagnostic = windcomfort.direction_speeds(_block(), _rose(1.0), EXTENT, CELL, PED, Z0)
    return mixed, diagnostic, plan, seen


def test_the_record_says_which_solver_gave_each_direction(runs):
    mixed, diagnostic, plan, _ = runs
    assert mixed.solvers == (windcomfort.DIAGNOSTIC,) * 12 + (windcomfort.CFD,) + (windcomfort.DIAGNOSTIC,) * 3
    assert diagnostic.solvers == (windcomfort.DIAGNOSTIC,) * 16 and diagnostic.cases == {}
    assert mixed.cases == {270.0: os.path.join(plan.folder, "from_270")}
    assert os.path.exists(os.path.join(plan.folder, "from_270", "case.foam"))   # kept for ParaView
    record = mixed.record(_rose(1.0))
    assert [r["direction"] for r in record] == [22.5 * n for n in range(16)]
    assert record[WEST]["name"] == "W" and record[WEST]["solver"] == "CFD (OpenFOAM)"
    assert record[WEST]["case_folder"].endswith("from_270") and record[WEST]["frequency"] == pytest.approx(1 / 16)
    assert {r["solver"] for i, r in enumerate(record) if i != WEST} == {"diagnostic"}
    assert all(r["case_folder"] == "" for i, r in enumerate(record) if i != WEST)


def test_only_the_cfd_direction_differs_from_the_diagnostic_run(runs):
    mixed, diagnostic, _, _ = runs
    assert mixed.speeds.shape == diagnostic.speeds.shape == (16, 12, 12)
    assert (mixed.grid.x0, mixed.grid.y0, mixed.grid.cell) == (diagnostic.grid.x0, diagnostic.grid.y0, CELL)
    others = np.arange(16) != WEST
    np.testing.assert_allclose(mixed.speeds[others], diagnostic.speeds[others], rtol=1e-12, equal_nan=True)
    finite = np.isfinite(mixed.speeds[WEST]) & np.isfinite(diagnostic.speeds[WEST])
    assert finite.sum() > 100 and np.abs(mixed.speeds[WEST] - diagnostic.speeds[WEST])[finite].max() > 0.05


def test_the_cfd_direction_is_its_speed_ratio_on_the_power_law_profile(runs):
    """Recomputed from the case by hand: the sampled speed over the log-law inflow at 1.5 m (5 m/s at 10 m over
    z0), times the power law of Counihan's exponent for z0, (1.5 / 10)^p."""
    mixed, _, plan, _ = runs
    sampled = openfoam.sample_case(os.path.join(plan.folder, "from_270"), PED, CELL, EXTENT, _block())
    log_law = 5.0 * math.log((PED + Z0) / Z0) / math.log((10.0 + Z0) / Z0)
    exponent = 0.24 + 0.096 * math.log10(Z0) + 0.016 * math.log10(Z0) ** 2
    expected = sampled.speed.values / log_law * (PED / 10.0) ** exponent
    np.testing.assert_allclose(mixed.speeds[WEST], expected, rtol=1e-9, equal_nan=True)
    assert np.isnan(mixed.speeds[WEST][4:8, 4:8]).all()          # inside the block
    assert 0.2 < np.nanmedian(mixed.speeds[WEST][:, :3]) < 1.2    # the upwind strip, per 1 m/s at 10 m


def test_the_comfort_classes_change_only_through_the_cfd_direction(runs):
    mixed, diagnostic, _, _ = runs
    # with no west wind in the rose, the mixed map is the diagnostic one
    quiet = _rose(0.0)
    np.testing.assert_array_equal(windcomfort.comfort_classes(mixed.speeds, quiet)[0],
                                  windcomfort.comfort_classes(diagnostic.speeds, quiet)[0])
    # with it, the exceedance moves by the west's term alone: f (exp(-(T / (r_cfd c))^k) - exp(-(T / (r_diag c))^k))
    rose, threshold = _rose(1.0), 4.0

    def term(ratio: np.ndarray) -> np.ndarray:
        r = np.nan_to_num(ratio, nan=0.0)
        with np.errstate(divide="ignore", over="ignore"):
            return np.where(r > 0, np.exp(-(threshold / np.maximum(r * 4.0, 1e-300)) ** 2.0), 0.0)

    change = windcomfort.exceedance(mixed.speeds, rose, threshold) - windcomfort.exceedance(diagnostic.speeds, rose,
                                                                                            threshold)
    np.testing.assert_allclose(change, (term(mixed.speeds[WEST]) - term(diagnostic.speeds[WEST])) / 16, atol=1e-12)


def test_progress_rises_through_the_cfd_band(runs):
    *_, seen = runs
    percents = [p for p, _ in seen]
    assert percents == sorted(percents) and percents[-1] == pytest.approx(100.0)
    # the west takes 30 of 45 shares of the bar, after 12 diagnostic directions
    west = [p for p, text in seen if text.startswith("W: ")]
    assert min(west) >= 100 * 12 / 45 - 1e-9 and max(west) == pytest.approx(100 * 42 / 45)
    assert any(text.startswith("W: iteration") for _, text in seen)


def test_cancel_stops_a_cfd_direction(foam_env, tmp_path):
    # tolerance 0: it never converges by itself, so only the cancel can end it; the north (first) by CFD
    plan = windcomfort.CfdPlan((0.0,), openfoam.CfdSettings(0.0, 5.0, iterations=100_000, cores=2, tolerance=0.0),
                               str(tmp_path))
    solving: list[float] = []

    def progress(_percent: float, text: str) -> None:
        if "iteration" in text and not solving:
            solving.append(time.monotonic())

    with pytest.raises(InterruptedError):
        windcomfort.direction_speeds(_block(), _rose(1.0), EXTENT, CELL, PED, Z0, progress=progress,
                                     is_canceled=lambda: bool(solving) and time.monotonic() - solving[0] > 1.0,
                                     cfd=plan)
    assert solving and time.monotonic() - solving[0] < 5.0


def test_missing_openfoam_is_said_before_any_direction_runs(tmp_path):
    settings = openfoam.CfdSettings(0.0, bashrc=str(tmp_path / "etc" / "bashrc"))
    seen: list[float] = []
    with pytest.raises(UrbanTwinError, match="apt-get install openfoam"):
        windcomfort.direction_speeds(_block(), _rose(1.0), EXTENT, CELL, PED, Z0,
                                     progress=lambda percent, text: seen.append(percent),
                                     cfd=windcomfort.CfdPlan((337.5,), settings, str(tmp_path)))
    assert seen == []


def test_a_cfd_direction_off_the_sixteen_is_refused(tmp_path):
    with pytest.raises(UrbanTwinError, match="one of the 16 directions"):
        windcomfort.CfdPlan((100.0,), openfoam.CfdSettings(0.0), str(tmp_path))


def test_a_case_that_does_not_cover_the_extent_is_refused():
    frame = openfoam.CaseFrame((0.0, 0.0), (1.0, 0.0), 6677, 5.0, 10.0, 0.1,
                               {"domain": [-50.0, 150.0, -50.0, 50.0, 0.0, 60.0]})   # from the west: x' = east
    openfoam.check_covers(frame, (-40.0, -40.0, 140.0, 40.0), "case")
    with pytest.raises(UrbanTwinError, match="does not cover the whole extent"):
        openfoam.check_covers(frame, (-40.0, -40.0, 140.0, 60.0), "case")     # 10 m beyond its side
