"""A matrix-free multigrid for the wind model's mass-consistency problem on a voxel grid.

The operator is the 7-point finite-volume Laplacian given by its face conductances (area over the distance
between the centres; zero at solid faces and at the ground; the open boundaries hold the potential at zero
half a cell outside). Multigrid suited to the grid: line relaxation along z (red-black over the columns)
absorbs the anisotropy of the stretched levels, so coarsening halves only x and y; coarse operators are
Galerkin products with piecewise-constant transfer, which on a 7-point operator stay 7-point and are just
sums of fine face conductances. One symmetric W-cycle preconditions conjugate gradients.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numba
import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from .cancel import check
from .errors import QT_TRANSLATE_NOOP, UrbanTwinError

COARSEST_COLUMNS = 256  # solve directly once a level has this few columns
GAMMA = 2               # W-cycles: piecewise-constant transfer loses too much over a V-cycle's levels
COARSE_WEIGHT = 1.4     # over-correction that offsets piecewise-constant prolongation (Braess 1995)


@dataclass
class Level:
    """One grid: face conductances gx (nx+1, ny, nz), gy (nx, ny+1, nz), gz (nx, ny, nz+1), the diagonal,
    and the open (non-solid) cells."""

    gx: np.ndarray
    gy: np.ndarray
    gz: np.ndarray
    diag: np.ndarray
    fluid: np.ndarray

    @property
    def shape(self) -> tuple[int, int, int]:
        """(nx, ny, nz)."""
        nx, ny, nz = self.fluid.shape
        return nx, ny, nz


def level(gx: np.ndarray, gy: np.ndarray, gz: np.ndarray) -> Level:
    """A level from its face conductances; a cell with no open face is inert (diagonal 1)."""
    diag = gx[:-1] + gx[1:] + gy[:, :-1] + gy[:, 1:] + gz[:, :, :-1] + gz[:, :, 1:]
    fluid = diag > 0
    diag[~fluid] = 1.0
    return Level(gx, gy, gz, diag, fluid)


def _pair_sum(a: np.ndarray, axis: int) -> np.ndarray:
    """Sum neighbouring pairs along an axis (a lone last element stays alone)."""
    n = a.shape[axis]
    if n % 2:
        pad = [(0, 0)] * a.ndim
        pad[axis] = (0, 1)
        a = np.pad(a, pad)
    shape = a.shape[:axis] + (a.shape[axis] // 2, 2) + a.shape[axis + 1:]
    return a.reshape(shape).sum(axis=axis + 1)


def coarsen(fine: Level) -> Level:
    """The Galerkin coarse level of 2 x 2 columns: each coarse face conducts what its fine faces do."""
    nx, ny, _ = fine.shape
    faces_x = np.minimum(np.arange((nx + 1) // 2 + 1) * 2, nx)
    faces_y = np.minimum(np.arange((ny + 1) // 2 + 1) * 2, ny)
    gx = _pair_sum(fine.gx[faces_x], 1)
    gy = _pair_sum(fine.gy[:, faces_y], 0)
    gz = _pair_sum(_pair_sum(fine.gz, 0), 1)
    return level(gx, gy, gz)


@numba.njit(parallel=True, cache=True)
def apply(gx, gy, gz, diag, x, out):
    """out = A x."""
    nx, ny, nz = x.shape
    for i in numba.prange(nx):
        for j in range(ny):
            for k in range(nz):
                s = diag[i, j, k] * x[i, j, k]
                if i > 0:
                    s -= gx[i, j, k] * x[i - 1, j, k]
                if i < nx - 1:
                    s -= gx[i + 1, j, k] * x[i + 1, j, k]
                if j > 0:
                    s -= gy[i, j, k] * x[i, j - 1, k]
                if j < ny - 1:
                    s -= gy[i, j + 1, k] * x[i, j + 1, k]
                if k > 0:
                    s -= gz[i, j, k] * x[i, j, k - 1]
                if k < nz - 1:
                    s -= gz[i, j, k + 1] * x[i, j, k + 1]
                out[i, j, k] = s


@numba.njit(parallel=True, cache=True)
def _relax(gx, gy, gz, diag, x, b, colour):
    """One z-line Gauss-Seidel half-sweep over the columns with (i + j) % 2 == colour."""
    nx, ny, nz = x.shape
    for i in numba.prange(nx):
        rhs = np.empty(nz)
        cp = np.empty(nz)
        for j in range((i + colour) % 2, ny, 2):
            for k in range(nz):
                s = b[i, j, k]
                if i > 0:
                    s += gx[i, j, k] * x[i - 1, j, k]
                if i < nx - 1:
                    s += gx[i + 1, j, k] * x[i + 1, j, k]
                if j > 0:
                    s += gy[i, j, k] * x[i, j - 1, k]
                if j < ny - 1:
                    s += gy[i, j + 1, k] * x[i, j + 1, k]
                rhs[k] = s
            # Thomas algorithm: sub-diagonal -gz[k], super-diagonal -gz[k + 1]
            m = diag[i, j, 0]
            cp[0] = -gz[i, j, 1] / m if nz > 1 else 0.0
            rhs[0] /= m
            for k in range(1, nz):
                a = -gz[i, j, k]
                m = diag[i, j, k] - a * cp[k - 1]
                cp[k] = -gz[i, j, k + 1] / m if k < nz - 1 else 0.0
                rhs[k] = (rhs[k] - a * rhs[k - 1]) / m
            x[i, j, nz - 1] = rhs[nz - 1]
            for k in range(nz - 2, -1, -1):
                x[i, j, k] = rhs[k] - cp[k] * x[i, j, k + 1]


@numba.njit(parallel=True, cache=True)
def _restrict(r, fluid, out):
    """out = P^T r: the sum of each 2 x 2 block's open cells."""
    nx, ny, nz = r.shape
    for ic in numba.prange(out.shape[0]):
        for jc in range(out.shape[1]):
            for k in range(nz):
                s = 0.0
                for i in range(2 * ic, min(2 * ic + 2, nx)):
                    for j in range(2 * jc, min(2 * jc + 2, ny)):
                        if fluid[i, j, k]:
                            s += r[i, j, k]
                out[ic, jc, k] = s


@numba.njit(parallel=True, cache=True)
def _prolong(e, fluid, weight, x):
    """x += weight * P e on the open cells."""
    nx, ny, nz = x.shape
    for i in numba.prange(nx):
        for j in range(ny):
            for k in range(nz):
                if fluid[i, j, k]:
                    x[i, j, k] += weight * e[i // 2, j // 2, k]


def _direct(lv: Level):
    """A sparse LU factorisation of the coarsest level's operator."""
    nx, ny, nz = lv.shape
    index = np.arange(nx * ny * nz).reshape(lv.shape)
    rows, cols, vals = [index.ravel()], [index.ravel()], [lv.diag.ravel()]
    for a, b, g in ((index[:-1], index[1:], lv.gx[1:-1]), (index[:, :-1], index[:, 1:], lv.gy[:, 1:-1]),
                    (index[:, :, :-1], index[:, :, 1:], lv.gz[:, :, 1:-1])):
        rows += [a.ravel(), b.ravel()]
        cols += [b.ravel(), a.ravel()]
        vals += [-g.ravel(), -g.ravel()]
    matrix = sp.csc_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                           shape=(index.size, index.size))
    return spla.splu(matrix)


class Multigrid:
    """The level hierarchy of one operator and its W-cycle, which checks for cancel at every level it visits."""

    def __init__(self, fine: Level, is_canceled: Callable[[], bool] | None = None):
        self.is_canceled = is_canceled
        self.levels = [fine]
        while self.levels[-1].shape[0] * self.levels[-1].shape[1] > COARSEST_COLUMNS:
            self.levels.append(coarsen(self.levels[-1]))
        self.lu = _direct(self.levels[-1])

    def cycle(self, b: np.ndarray, depth: int = 0) -> np.ndarray:
        """One symmetric W(1,1)-cycle from zero for A x = b: a symmetric positive-definite preconditioner."""
        check(self.is_canceled, "the wind solve")
        lv = self.levels[depth]
        if depth == len(self.levels) - 1:
            return self.lu.solve(b.ravel()).reshape(b.shape)
        x = np.zeros_like(b)
        args = (lv.gx, lv.gy, lv.gz, lv.diag)
        _relax(*args, x, b, 0)
        _relax(*args, x, b, 1)
        r = np.empty_like(b)
        apply(*args, x, r)
        np.subtract(b, r, out=r)
        coarse = self.levels[depth + 1]
        rc = np.empty(coarse.shape)
        for visit in range(GAMMA if depth + 2 < len(self.levels) else 1):
            if visit:
                apply(*args, x, r)
                np.subtract(b, r, out=r)
            _restrict(r, lv.fluid, rc)
            _prolong(self.cycle(rc, depth + 1), lv.fluid, COARSE_WEIGHT, x)
        check(self.is_canceled, "the wind solve")
        _relax(*args, x, b, 1)
        _relax(*args, x, b, 0)
        return x


def solve(fine: Level, b: np.ndarray, volume: np.ndarray, tolerance: float, maxiter: int = 200,
          is_canceled: Callable[[], bool] | None = None) -> tuple[np.ndarray, int]:
    """Solve A x = b by multigrid-preconditioned conjugate gradients until max |b - A x| / volume <= tolerance.

    For the wind model that is the largest remaining divergence (1/s). Returns x and the iteration count;
    InterruptedError once is_canceled() is true.
    """
    mg = Multigrid(fine, is_canceled)
    args = (fine.gx, fine.gy, fine.gz, fine.diag)
    x = np.zeros_like(b)
    r = b.copy()
    q = np.empty_like(b)
    p, rz = None, 1.0
    for iteration in range(maxiter + 1):
        np.divide(r, volume, out=q)
        if float(np.abs(q).max()) <= tolerance:
            return x, iteration
        z = mg.cycle(r)
        rz_new = float(np.vdot(r, z))
        if p is None:
            p = z
        else:
            p *= rz_new / rz
            p += z
        rz = rz_new
        apply(*args, p, q)
        alpha = rz / float(np.vdot(p, q))
        x += alpha * p
        r -= alpha * q
    raise UrbanTwinError(QT_TRANSLATE_NOOP(
        "@default", "the mass-consistency solve did not converge in {} iterations"), maxiter)
