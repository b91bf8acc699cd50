"""The blocks of a tiled wind run's one problem (analyses.windblocks): their size and their cut."""
import numpy as np
import pytest

from urban_twin.analyses import wind, windblocks
from urban_twin.analyses.errors import UrbanTwinError
from urban_twin.analyses.tiles import WORKER_BASE_BYTES


def _problem(tmp_path, dx: float = 2.0, columns: tuple[int, int] = (1500, 1400), top: float = 300.0):
    lattice = wind.Lattice((0.0, 0.0), (1.0, 0.0), 0.0, 0.0, dx, columns, 6677)
    return windblocks.problem_over(str(tmp_path), lattice, wind.vertical_edges(top))


def _cells(problem, size: float, reach) -> int:
    """The cells of a block's larger domain, counted directly: initial field (block and reach), local solve."""
    dx, nz = problem.lattice.dx, problem.shape[2]
    b, (up, down, side), overlap = size / dx, (np.ceil(r / dx) for r in reach), np.ceil(windblocks.OVERLAP / dx)
    return int(nz * max((b + up + down) * (b + 2 * side), (b + 2 * overlap) ** 2))


@pytest.mark.parametrize("memory_gb", [1.5, 3.0, 64.0])
def test_blocks_are_the_widest_that_fit_a_worker_on_the_coarse_lines(tmp_path, memory_gb):
    problem = _problem(tmp_path)
    reach = (250.0, 90.0, 83.0)
    size = windblocks.block_size(problem, reach, memory_gb * 1e9)
    step = problem.factor * problem.lattice.dx
    limit = min(windblocks.BLOCK_CELLS, (memory_gb * 1e9 - WORKER_BASE_BYTES) / wind.BYTES_PER_CELL)
    assert size % step == 0 and _cells(problem, size, reach) <= limit < _cells(problem, size + step, reach)
    blocks = windblocks.plan_blocks(problem, size)
    nx, ny, _ = problem.shape
    covered = np.zeros((nx, ny), int)
    for b in blocks:
        covered[b.i0:b.i1, b.j0:b.j1] += 1
    assert (covered == 1).all()                     # the blocks cut the grid, each column once


def test_a_grid_smaller_than_a_block_is_one_block(tmp_path):
    problem = _problem(tmp_path, columns=(100, 90))
    assert len(windblocks.plan_blocks(problem, windblocks.block_size(problem, (250.0, 90.0, 83.0), 8e9))) == 1


def test_a_worker_too_small_for_any_block_is_told_before_the_run(tmp_path):
    problem = _problem(tmp_path, dx=1.0, top=900.0)
    with pytest.raises(UrbanTwinError, match="smallest block"):
        windblocks.block_size(problem, (600.0, 300.0, 200.0), 0.5e9)


@pytest.mark.parametrize("nx", [1071, 1072, 1073, 1428])
def test_blocks_are_as_few_and_as_equal_as_the_coarse_lines_allow(tmp_path, nx):
    problem = _problem(tmp_path, columns=(nx, 300))
    f, most = problem.factor, 536
    starts = sorted({(b.i0, b.i1) for b in windblocks.plan_blocks(problem, most * problem.lattice.dx)})
    widths = [i1 - i0 for i0, i1 in starts]
    assert len(widths) == int(np.ceil(nx / most)) and max(widths) <= most      # the fewest that are narrow enough
    assert len(set(widths[:-1])) <= 1 and widths[0] % f == 0                  # on the coarse lines, equal...
    assert widths[0] - widths[-1] < f * len(widths)                            # ... the last short by its rounding


def test_a_solves_share_is_the_share_of_orders_of_magnitude_made_to_the_tolerance():
    assert windblocks.solved_share(1.0, 1e-3, 1e-6) == pytest.approx(0.5)
    assert windblocks.solved_share(8.0, 8.0, 1e-6) == 0.0 and windblocks.solved_share(8.0, 9.0, 1e-6) == 0.0
    assert windblocks.solved_share(8.0, 1e-6, 1e-6) == 1.0
