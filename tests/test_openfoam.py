"""OpenFOAM CFD: the case writer gives a valid case, the runner reports failures and cancels, and the sampling
of a known field into the raster is exact. The long AIJ run lives in `make bench`."""
from __future__ import annotations

import os
import stat
import time
from dataclasses import replace

import geopandas as gpd
import numpy as np
import pytest
import shapely

from urban_twin.analyses import openfoam
from urban_twin.analyses.errors import UrbanTwinError
from urban_twin.analyses.massing import massing_from_frames


def _block(x=0.0, y=0.0, side=10.0, height=10.0):
    """One block on a plane-rectangular grid."""
    return massing_from_frames(gpd.GeoDataFrame({"gml_id": ["a"], "height": [height]},
                                                geometry=[shapely.box(x, y, x + side, y + side)], crs=6677))


def test_a_tiny_block_meshes_and_runs(foam_env, tmp_path):
    """checkMesh passes on a coarse case and a few parallel iterations run; the folder stays for ParaView."""
    folder = str(tmp_path / "case")
    settings = openfoam.CfdSettings(270.0, 5.0, 10.0, 0.1, cell=2.5, iterations=5, cores=2)
    seen = []
    frame = openfoam.run_case(_block(), folder, settings, (-10.0, -10.0, 20.0, 20.0),
                              progress=lambda percent, text: seen.append(percent))
    with open(os.path.join(folder, "log.checkMesh"), encoding="utf-8") as f:
        assert "Mesh OK." in f.read()
    assert 2_000 < frame.cells["cells"] < 50_000 and frame.cells["iterations"] == 5
    x0, x1, y0, y1, _, top = frame.cells["domain"]
    assert (x0, x1, y0, y1, top) == pytest.approx((-15 - 50, 15 + 150, -15 - 50, 15 + 50, 60))  # 5H, 15H, 5H, 6H
    assert os.path.exists(os.path.join(folder, "case.foam")) and openfoam.latest_time(folder) == "5"
    assert seen == sorted(seen) and seen[-1] > 90
    result = openfoam.sample_case(folder, 1.5, 2.0, (-10.0, -10.0, 20.0, 20.0), _block())
    inside = np.isnan(result.speed.values)
    assert inside[5:10, 5:10].all() and np.isfinite(result.speed.values[:, :3]).all()   # the block, the upwind strip
    assert 0.3 < np.nanmedian(result.ratio.values[:, :3]) < 1.5
    # Run again into the same folder (the user keeps one CASE_FOLDER) with the block moved: the new block is
    # meshed and solved afresh, not the old mesh and results taken up.
    moved = _block(x=5.0)
    again = openfoam.run_case(moved, folder, replace(settings, iterations=3), (-10.0, -10.0, 20.0, 20.0))
    assert again.cells["iterations"] == 3 and openfoam.latest_time(folder) == "3"
    fresh = openfoam.run_case(moved, str(tmp_path / "fresh"), replace(settings, iterations=3),
                              (-10.0, -10.0, 20.0, 20.0))
    assert again.cells["cells"] == fresh.cells["cells"]     # the mesh a new folder gets


def test_cancel_stops_the_run(foam_env, tmp_path):
    # tolerance 0: it never converges by itself, so only the cancel can end it
    settings = openfoam.CfdSettings(270.0, 5.0, 10.0, 0.1, cell=2.5, iterations=100_000, cores=2, tolerance=0.0)
    solving: list[float] = []

    def progress(_percent: float, text: str) -> None:
        if text.startswith("iteration") and not solving:
            solving.append(time.monotonic())

    with pytest.raises(InterruptedError):
        openfoam.run_case(_block(), str(tmp_path / "case"), settings, (-10.0, -10.0, 20.0, 20.0),
                          is_canceled=lambda: bool(solving) and time.monotonic() - solving[0] > 1.0,
                          progress=progress)
    assert solving and time.monotonic() - solving[0] < 5.0   # the solver was stopped within seconds


def _fake(tmp_path, name: str, script: str) -> dict:
    """An environment whose PATH holds a stand-in OpenFOAM command."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return {**os.environ, "PATH": f"{folder}:{os.environ['PATH']}"}


def test_a_diverging_run_is_a_message(tmp_path):
    env = _fake(tmp_path, "simpleFoam", "echo 'Time = 1'\necho 'smoothSolver:  Solving for Ux, Initial residual "
                                        "= 1, Final residual = 0.1'\necho 'Time = 2'\necho 'smoothSolver:  Solving "
                                        "for Ux, Initial residual = nan, Final residual = nan'\nexit 1\n")
    settings = openfoam.CfdSettings(270.0, iterations=10, cores=1)
    with pytest.raises(UrbanTwinError, match="diverged at iteration 2"):
        openfoam.solve(str(tmp_path), env, settings)


def test_a_failed_mesh_check_is_a_message(tmp_path):
    env = _fake(tmp_path, "checkMesh", "echo ' ***High aspect ratio cells found, Max aspect ratio: 3000'\n"
                                       "echo 'Failed 1 mesh checks.'\n")
    _fake(tmp_path, "blockMesh", "exit 0\n")
    _fake(tmp_path, "snappyHexMesh", "exit 0\n")
    with pytest.raises(UrbanTwinError, match="mesh failed its checks .*High aspect ratio"):
        openfoam.mesh(str(tmp_path), env)
    env = _fake(tmp_path, "snappyHexMesh", "echo 'FOAM FATAL ERROR: cannot find locationInMesh'\nexit 1\n")
    with pytest.raises(UrbanTwinError, match="snappyHexMesh failed .*locationInMesh"):
        openfoam.mesh(str(tmp_path), env)


def test_missing_openfoam_says_how_to_install(tmp_path):
    with pytest.raises(UrbanTwinError, match="apt-get install openfoam"):
        openfoam.environment(str(tmp_path / "etc" / "bashrc"))


def test_case_writer_without_buildings_in_the_extent_refuses(tmp_path):
    with pytest.raises(UrbanTwinError, match="no buildings"):
        openfoam.write_case(_block(), str(tmp_path), openfoam.CfdSettings(0.0), (100.0, 100.0, 200.0, 200.0))


def test_sampling_a_known_field_is_exact():
    """Cell centres on a 2 m lattice in the wind frame, the wind from the north; the raster's cell centres
    fall on the lattice, so each raster cell takes exactly the value of its cell."""
    frame = openfoam.CaseFrame((100.0, 200.0), (0.0, -1.0), 6677, 5.0, 10.0, 0.1)   # from the north: x' = south
    xs, ys, zs = np.meshgrid(np.arange(-19.0, 20.0, 2.0), np.arange(-19.0, 20.0, 2.0), [0.5, 1.5, 2.5],
                             indexing="ij")
    centres = np.column_stack((xs.ravel(), ys.ravel(), zs.ravel()))
    velocity = np.column_stack((3.0 + 0.1 * centres[:, 0], 0.05 * centres[:, 1], np.zeros(len(centres))))
    extent = (90.0, 190.0, 110.0, 210.0)        # 20 m around the centre, 2 m cells
    result = openfoam.sample_field(centres, velocity, frame, 1.5, 2.0, extent, _block(104.0, 204.0, 2.0, 5.0))
    assert result.speed.shape == (10, 10) and (result.speed.x0, result.speed.y0) == (90.0, 210.0)
    # the raster cell at row r, col c: world (91 + 2c, 209 - 2r); in the wind frame x' = 200 - y, y' = x - 100
    row, col = 3, 6
    wx, wy = 91.0 + 2 * col, 209.0 - 2 * row
    local = frame.to_frame(np.array([[wx, wy]]))[0]
    u, v = 3.0 + 0.1 * local[0], 0.05 * local[1]
    assert result.speed.values[row, col] == pytest.approx(np.hypot(u, v), abs=1e-12)
    assert result.ratio.values[row, col] == pytest.approx(np.hypot(u, v) / float(frame.inflow(1.5)), abs=1e-12)
    assert local[0] == pytest.approx(200.0 - wy) and local[1] == pytest.approx(wx - 100.0)
    # air moving along +x' (south) with a small +y' (east) part: towards just east of south
    assert result.towards.values[row, col] == pytest.approx(np.degrees(np.arctan2(v, -u)) % 360.0)
    assert np.isnan(result.speed.values[2, 7])   # the block at x 104-106, y 204-206 (taller than 1.5 m)
    assert np.isfinite(result.speed.values).sum() == 100 - 1


def test_read_field_ascii(tmp_path):
    path = tmp_path / "U"
    path.write_text("FoamFile { class volVectorField; }\ndimensions [0 1 -1 0 0 0 0];\ninternalField   nonuniform "
                    "List<vector> \n3\n(\n(1 2 3)\n(4.5 -5 6e-1)\n(7 8 9)\n)\n;\nboundaryField { }\n")
    assert openfoam.read_field(str(path)).tolist() == [[1, 2, 3], [4.5, -5, 0.6], [7, 8, 9]]
    path.write_text("internalField nonuniform List<scalar> 2(0.5 1.5);\nboundaryField { a 1; }\n")
    assert openfoam.read_field(str(path)).tolist() == [0.5, 1.5]     # a short list on one line
    path.write_text("internalField uniform 0;\n")
    with pytest.raises(UrbanTwinError, match="no field"):
        openfoam.read_field(str(path))
