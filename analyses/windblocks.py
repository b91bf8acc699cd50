"""The mass-consistency solve of a tiled wind run as one problem over the one-piece run's grid.

A tiled wind run equals the one-piece run only if both solve the same problem: the initial field of a tile's cells
is the one-piece run's (`wind.WindFrame`), but lambda, the potential that makes the flow mass-consistent, is global:
it decays over about the domain's height (three tallest buildings), farther than a tile's halo reaches. So the
one-piece grid (`wind.frame_grid`) is cut into blocks of whole columns, and lambda is solved over all of them as one
problem by two-level restricted additive Schwarz (Dryja & Widlund 1987; Cai & Sarkis 1999). Each pass corrects
lambda first on a coarse grid over the whole area (the Galerkin operator of squares of coarse columns, as the
multigrid of `poisson` aggregates), then on each block and an overlap around it, lambda held at its neighbours'
values outside; each block keeps its own cells' correction only. The passes stop when no open cell of the whole grid
has a divergence above wind.DIVERGENCE_TOLERANCE, the one-piece run's own stopping rule, so that the tiled field and
the one-piece field are solutions of one discrete problem to the same tolerance.

The blocks are tasks (run by the caller's `Mapper`, Dask in a city-scale run). The grid's arrays (solid cells, the
initial field's flux, lambda, the wind at pedestrian height) are .npy files in one folder that every task maps, each
writing its own block's cells only; lambda has two files, read and written in turn, so that a pass reads one state.
"""
from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from . import poisson, wind
from .errors import QT_TRANSLATE_NOOP, UrbanTwinError
from .tiles import WORKER_BASE_BYTES

OVERLAP = 100.0          # m: how far a block's local problem reaches past its own cells
# The coarse grid's columns are at least COARSE_CELL wide, and widened until it has at most COARSE_CELLS cells.
# Its piecewise-constant columns stand for the streets between buildings: 16 m took 28 passes at 2 m cells on the
# benchmark scene, 8 m 17 passes, 4 m 11 (measured), but the coarse solve runs in one process.
COARSE_CELL = 8.0
COARSE_CELLS = 4_000_000
LOCAL_REDUCTION = 0.1    # each solve of a pass stops at a tenth of its largest divergence: inexact, as fast (measured)
# The most cells a block's domains hold (its initial field's, its local solve's): wider blocks take fewer passes
# (2 m cells, 1.4 km: 700 m blocks 17 passes, 1,050 m blocks 14, measured) and a worker's peak grows with them.
BLOCK_CELLS = 14_000_000
MAX_PASSES = 40
#: The grid's 3-D arrays while it is solved: solid cells, the initial field's flux, lambda read and written in turn.
SOLVE_ARRAYS = (("solid", bool), ("flux", float), ("lambda0", float), ("lambda1", float))
#: Rows of the columns file: the initial field at pedestrian height (u, v), that height above the ground, inside a
#: building, its level; the adjusted field (u, v).
U0, V0, ABOVE, SOLID, LEVEL, U, V = range(7)

#: mapper(function, blocks, **arguments) -> [function(block, **arguments) for each block], in order
Mapper = Callable[..., list]


@dataclass(frozen=True)
class Block:
    """Columns [i0, i1) x [j0, j1) of the one-piece grid."""

    i0: int
    i1: int
    j0: int
    j1: int


@dataclass(frozen=True)
class Problem:
    """The one-piece grid of a tiled wind run and the folder of its arrays."""

    folder: str
    lattice: wind.Lattice
    z_edges: tuple[float, ...]
    coarsening: int          # the coarse columns are 2 ** coarsening fine columns wide

    @property
    def shape(self) -> tuple[int, int, int]:
        """(nx, ny, nz) of the whole grid."""
        return (*self.lattice.columns, len(self.z_edges) - 1)

    @property
    def edges(self) -> np.ndarray:
        """The level edges."""
        return np.asarray(self.z_edges)

    @property
    def factor(self) -> int:
        """Fine columns per coarse column, each way."""
        return 2 ** self.coarsening

    def array(self, name: str, mode: Literal["r+", "r"] = "r+") -> np.memmap:
        """One of the grid's arrays, mapped for reading and writing (mode "r": reading)."""
        return np.load(os.path.join(self.folder, name + ".npy"), mmap_mode=mode)

    def box(self, block: Block, west: int = 0, east: int = 0, south: int = 0, north: int = 0
            ) -> tuple[float, float, float, float]:
        """The wind-frame box of a block widened by columns upwind (west), downwind, and to either side."""
        lat = self.lattice
        return (lat.x0 + (block.i0 - west) * lat.dx, lat.y0 + (block.j0 - south) * lat.dx,
                lat.x0 + (block.i1 + east) * lat.dx, lat.y0 + (block.j1 + north) * lat.dx)

    def offset(self, domain: wind.WindDomain) -> tuple[int, int]:
        """Where a domain cut from this grid starts, in the grid's columns."""
        oi, oj = (domain.x0 - self.lattice.x0) / self.lattice.dx, (domain.y0 - self.lattice.y0) / self.lattice.dx
        if abs(oi - round(oi)) > 1e-6 or abs(oj - round(oj)) > 1e-6:
            raise ValueError("the domain is not on the grid's lattice")
        return int(round(oi)), int(round(oj))


def problem_over(folder: str, lattice: wind.Lattice, z_edges: np.ndarray) -> Problem:
    """The problem over lattice with its arrays in folder (`create` makes them), its coarse grid as coarse as
    COARSE_CELL and COARSE_CELLS say."""
    nx, ny = lattice.columns
    nz = len(z_edges) - 1
    coarsening = max(0, math.ceil(math.log2(COARSE_CELL / lattice.dx)))
    while math.ceil(nx / 2 ** coarsening) * math.ceil(ny / 2 ** coarsening) * nz > COARSE_CELLS:
        coarsening += 1
    return Problem(folder, lattice, tuple(float(z) for z in z_edges), coarsening)


def create(problem: Problem) -> None:
    """Make the problem's arrays in its folder, empty: solid nowhere, lambda zero."""
    os.makedirs(problem.folder, exist_ok=True)
    nx, ny, nz = problem.shape
    for name, dtype, shape in (*((name, dtype, (nx, ny, nz)) for name, dtype in SOLVE_ARRAYS),
                               ("columns", float, (7, nx, ny))):
        np.lib.format.open_memmap(os.path.join(problem.folder, name + ".npy"), mode="w+", dtype=dtype,
                                  shape=shape).flush()


def block_size(problem: Problem, reach: tuple[float, float, float], memory_bytes: float) -> float:
    """The widest blocks (m, on the coarse grid's lines) whose domains hold at most BLOCK_CELLS cells and fit in
    memory_bytes: the initial field's (the block and the buildings' reach upwind, downwind and to either side, m)
    and the local solve's (the block and its overlap all round); an error before the run if none fits."""
    nx, ny, nz = problem.shape
    dx, f = problem.lattice.dx, problem.factor
    upwind, downwind, side = (math.ceil(metres / dx) for metres in reach)
    overlap = math.ceil(OVERLAP / dx)
    cells = min(BLOCK_CELLS, (memory_bytes - WORKER_BASE_BYTES) / wind.BYTES_PER_CELL)

    def needs(columns: int) -> int:
        return nz * max((columns + upwind + downwind) * (columns + 2 * side), (columns + 2 * overlap) ** 2)

    columns = f * -(-max(nx, ny) // f)
    while columns > f and needs(columns) > cells:
        columns -= f
    if needs(columns) > cells:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "the wind solve needs {:.1f} GB for its smallest block and a worker has {:.1f} GB: use larger "
                        "cells or workers with more memory"),
            (WORKER_BASE_BYTES + needs(columns) * wind.BYTES_PER_CELL) / 1e9, memory_bytes / 1e9)
    return columns * dx


def keep_columns(problem: Problem) -> None:
    """Remove a solved problem's 3-D arrays, keeping its columns (`columns`)."""
    for name in (*(name for name, _ in SOLVE_ARRAYS), "coarse"):
        path = os.path.join(problem.folder, name + ".npy")
        if os.path.exists(path):
            os.remove(path)


def plan_blocks(problem: Problem, size: float) -> list[Block]:
    """The grid cut into the fewest blocks of at most size metres each way (at least one coarse column), as equal as
    the coarse grid's lines allow: a thin last block would cost a pass nearly a whole block's overlap."""
    nx, ny, _ = problem.shape
    f = problem.factor
    most = f * max(1, math.floor(size / problem.lattice.dx / f + 1e-9))

    def width(n: int) -> int:      # of the fewest blocks over n columns
        return f * math.ceil(math.ceil(n / f) / math.ceil(n / most))

    wi, wj = width(nx), width(ny)
    return [Block(i, min(i + wi, nx), j, min(j + wj, ny)) for i in range(0, nx, wi) for j in range(0, ny, wj)]


def store_block(problem: Problem, block: Block, field: wind.WindField, ped_height: float) -> dict:
    """Write a block's cells of a field's domain (which holds the block and a ring around it inside the grid, with
    its initial field exact there): solid cells, flux and the initial wind at pedestrian height; return the block's
    part of the coarse operator (see `coarse_operator`)."""
    domain = field.domain
    oi, oj = problem.offset(domain)
    own = (slice(block.i0 - oi, block.i1 - oi), slice(block.j0 - oj, block.j1 - oj))
    mine = (slice(block.i0, block.i1), slice(block.j0, block.j1))
    volume = _volume(problem)
    flux = np.where(~domain.solid, wind.divergence(domain, field.u, field.v, field.w) * volume, 0.0)
    _write(problem, "solid", mine, domain.solid[own])
    _write(problem, "flux", mine, flux[own])
    ped = wind.pedestrian_columns(field, ped_height)
    for row, values in ((U0, ped.u), (V0, ped.v), (ABOVE, ped.above_ground), (SOLID, ped.solid),
                        (LEVEL, field.levels(ped_height))):
        _write(problem, "columns", (row, *mine), values[own])
    operator = wind.conductances(domain)
    gx = operator.gx[block.i0 - oi:block.i1 - oi + 1, own[1]]
    gy = operator.gy[own[0], block.j0 - oj:block.j1 - oj + 1]
    level = poisson.level(gx, gy, operator.gz[own])
    coarse_volume = _aggregate(np.where(level.fluid, volume, 0.0), problem.factor)
    for _ in range(problem.coarsening):
        level = poisson.coarsen(level)
    return {"block": block, "gx": level.gx, "gy": level.gy, "gz": level.gz, "volume": coarse_volume}


def coarse_operator(problem: Problem, parts: Sequence[dict]) -> tuple[poisson.Level, np.ndarray]:
    """The Galerkin coarse level of the whole grid and its cells' open volume, from the blocks' parts (a face two
    blocks share is the same in both)."""
    nx, ny, nz = problem.shape
    f = problem.factor
    ni, nj = -(-nx // f), -(-ny // f)
    gx, gy, gz = np.zeros((ni + 1, nj, nz)), np.zeros((ni, nj + 1, nz)), np.zeros((ni, nj, nz + 1))
    volume = np.ones((ni, nj, nz))
    for part in parts:
        b = part["block"]
        i, j = b.i0 // f, b.j0 // f
        ci, cj = part["gz"].shape[:2]
        gx[i:i + ci + 1, j:j + cj] = part["gx"]
        gy[i:i + ci, j:j + cj + 1] = part["gy"]
        gz[i:i + ci, j:j + cj] = part["gz"]
        volume[i:i + ci, j:j + cj] = np.where(part["volume"] > 0, part["volume"], 1.0)
    return poisson.level(gx, gy, gz), volume


def residual(block: Block, problem: Problem, lam: str) -> tuple[np.ndarray, float]:
    """A block's residual of the whole problem at lambda (the array named lam): summed over the coarse columns,
    and its largest divergence (1/s)."""
    nx, ny, _ = problem.shape
    region = _grow(block, 1, nx, ny)
    solid, values = _read(problem, "solid", region), _read(problem, lam, region)
    r, _ = _residual(problem, block, region, solid, values)
    return _aggregate(r, problem.factor), float(np.abs(r / _volume(problem)).max(initial=0.0))


def correct(block: Block, problem: Problem, lam_in: str, lam_out: str, coarse: str, tolerance: float) -> None:
    """One pass over a block: lambda (array lam_in) plus the coarse correction (array coarse), then the local
    problem over the block and its overlap solved to tolerance (largest divergence, 1/s) with lambda held outside;
    the block's own cells written to lam_out."""
    nx, ny, _ = problem.shape
    reach = int(math.ceil(OVERLAP / problem.lattice.dx))
    local = _grow(block, reach, nx, ny)
    region = _grow(local, 1, nx, ny)
    solid, values = _read(problem, "solid", region), _read(problem, lam_in, region)
    f = problem.factor
    e = problem.array(coarse, "r")
    ci = np.arange(region.i0, region.i1) // f
    cj = np.arange(region.j0, region.j1) // f
    values += np.where(solid, 0.0, e[ci[:, None], cj[None, :]])
    r, operator = _residual(problem, local, region, solid, values)
    a, b = inner = _inner(local, region)
    sub = poisson.level(operator.gx[a.start:a.stop + 1, b].copy(), operator.gy[a, b.start:b.stop + 1].copy(),
                        operator.gz[a, b].copy())
    delta, _ = poisson.solve(sub, r, np.broadcast_to(_volume(problem), r.shape).copy(), tolerance)
    own = _inner(block, local)
    _write(problem, lam_out, (slice(block.i0, block.i1), slice(block.j0, block.j1)), values[inner][own] + delta[own])


def finish(block: Block, problem: Problem, lam: str) -> None:
    """The adjusted wind at pedestrian height on a block's columns: the initial field plus grad(lambda)."""
    nx, ny, _ = problem.shape
    region = _grow(block, 1, nx, ny)
    solid, values = _read(problem, "solid", region), _read(problem, lam, region)
    pi, pj, pk = solid.shape
    u, v, w = np.zeros((pi + 1, pj, pk)), np.zeros((pi, pj + 1, pk)), np.zeros((pi, pj, pk + 1))
    wind.add_gradient(u, v, w, values, solid, problem.lattice.dx, problem.edges)
    mine = (slice(block.i0, block.i1), slice(block.j0, block.j1))
    initial = _read(problem, "columns", Block(block.i0, block.i1, block.j0, block.j1), rows=(U0, V0, LEVEL))
    k = initial[2].astype(int)
    i, j = np.indices(k.shape)
    i, j = i + block.i0 - region.i0, j + block.j0 - region.j0
    _write(problem, "columns", (U, *mine), initial[0] + 0.5 * (u[i, j, k] + u[i + 1, j, k]))
    _write(problem, "columns", (V, *mine), initial[1] + 0.5 * (v[i, j, k] + v[i, j + 1, k]))


def solve(problem: Problem, blocks: Sequence[Block], parts: Sequence[dict], mapper: Mapper,
          tolerance: float = wind.DIVERGENCE_TOLERANCE, progress: Callable[[int, float], None] | None = None
          ) -> tuple[int, float]:
    """Solve lambda over all blocks (their parts from `store_block`) until no open cell's divergence exceeds
    tolerance, and write the adjusted wind at pedestrian height. Returns the passes made and the whole grid's
    largest divergence left (1/s)."""
    coarse, coarse_volume = coarse_operator(problem, parts)
    f = problem.factor
    current = "lambda0"
    for done in range(MAX_PASSES + 1):
        rc = np.zeros(coarse.shape)
        worst = 0.0
        for b, (part, largest) in zip(blocks, mapper(residual, blocks, problem=problem, lam=current)):
            rc[b.i0 // f:b.i0 // f + part.shape[0], b.j0 // f:b.j0 // f + part.shape[1]] = part
            worst = max(worst, largest)
        if progress:
            progress(done, worst)
        if worst <= tolerance:
            mapper(finish, blocks, problem=problem, lam=current)
            return done, worst
        if done == MAX_PASSES:
            break
        inexact = max(tolerance / 10, LOCAL_REDUCTION * worst)
        e, _ = poisson.solve(coarse, rc, coarse_volume, inexact)
        np.save(os.path.join(problem.folder, "coarse.npy"), e)
        following = "lambda1" if current == "lambda0" else "lambda0"
        mapper(correct, blocks, problem=problem, lam_in=current, lam_out=following, coarse="coarse",
               tolerance=inexact)
        current = following
    raise UrbanTwinError(QT_TRANSLATE_NOOP(
        "@default", "the tiled mass-consistency solve did not converge in {} passes"), MAX_PASSES)


def solved_share(first: float, worst: float, tolerance: float = wind.DIVERGENCE_TOLERANCE) -> float:
    """How far a solve has come (0-1): the share it has made of the orders of magnitude from its first largest
    divergence down to the tolerance (the passes reduce it about geometrically)."""
    if worst <= tolerance:
        return 1.0
    if worst >= first:
        return 0.0
    return math.log(first / worst) / math.log(first / tolerance)


def columns(problem: Problem) -> wind.Columns:
    """The adjusted wind at pedestrian height over the whole grid (mapped, read on demand)."""
    c = problem.array("columns", "r")
    return wind.Columns(c[U], c[V], c[ABOVE], c[SOLID] > 0.5)


def _volume(problem: Problem) -> np.ndarray:
    """The volume of a cell of each level (m³)."""
    return problem.lattice.dx ** 2 * np.diff(problem.edges)


def _grow(block: Block, by: int, nx: int, ny: int) -> Block:
    """A block widened by `by` columns all round, inside the grid."""
    return Block(max(block.i0 - by, 0), min(block.i1 + by, nx), max(block.j0 - by, 0), min(block.j1 + by, ny))


def _inner(block: Block, region: Block) -> tuple[slice, slice]:
    """The block's cells within the arrays of a region that holds it."""
    return (slice(block.i0 - region.i0, block.i1 - region.i0), slice(block.j0 - region.j0, block.j1 - region.j0))


def _read(problem: Problem, name: str, region: Block, rows: tuple[int, ...] | None = None) -> np.ndarray:
    """A region's values of one of the grid's arrays (of the columns file: its rows), in memory."""
    mapped = problem.array(name, "r")
    if rows is not None:
        return np.array(mapped[list(rows), region.i0:region.i1, region.j0:region.j1])
    return np.array(mapped[region.i0:region.i1, region.j0:region.j1])


def _write(problem: Problem, name: str, where: tuple, values) -> None:
    """Write values into a part of one of the grid's arrays, through to the file (other workers read it)."""
    mapped = problem.array(name)
    mapped[where] = values
    mapped.flush()


def _residual(problem: Problem, cells: Block, region: Block, solid: np.ndarray, values: np.ndarray
              ) -> tuple[np.ndarray, poisson.Level]:
    """The whole problem's residual on cells at lambda = values over region (the cells and a ring around them, with
    its solid cells): zero in cells with no open face; and the operator of region's faces."""
    operator = wind.face_conductances(solid, problem.lattice.dx, problem.edges)
    inner = _inner(cells, region)
    r = _read(problem, "flux", cells) - _apply(operator, values)[inner]
    r[~operator.fluid[inner]] = 0.0
    return r, operator


def _apply(operator: poisson.Level, x: np.ndarray) -> np.ndarray:
    """A x."""
    out = np.empty_like(x)
    poisson.apply(operator.gx, operator.gy, operator.gz, operator.diag, x, out)
    return out


def _aggregate(values: np.ndarray, factor: int) -> np.ndarray:
    """Values summed over squares of factor x factor columns (the last ones partial)."""
    nx, ny, nz = values.shape
    ni, nj = -(-nx // factor), -(-ny // factor)
    padded = np.zeros((ni * factor, nj * factor, nz))
    padded[:nx, :ny] = values
    return padded.reshape(ni, factor, nj, factor, nz).sum(axis=(1, 3))
