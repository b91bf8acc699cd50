"""The wind model's multigrid solver against a reference operator assembled cell by cell."""
import numpy as np
import pytest
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from urban_twin.analyses import poisson, wind
from urban_twin.analyses.errors import UrbanTwinError


def _domain(seed: int, shape=(13, 10, 9), dx: float = 2.0) -> wind.WindDomain:
    """Random building columns on a grid with stretched levels (odd sizes, to exercise the padding)."""
    rng = np.random.default_rng(seed)
    nx, ny, nz = shape
    z_edges = np.concatenate(([0.0], np.cumsum(1.0 * 1.3 ** np.arange(nz))))
    top = np.where(rng.random((nx, ny)) < 0.3, rng.uniform(1.0, z_edges[-2], (nx, ny)), 0.0)
    zc = 0.5 * (z_edges[1:] + z_edges[:-1])
    solid = top[:, :, None] > zc[None, None, :]
    return wind.WindDomain(solid, np.full((nx, ny), -1), top, np.zeros((nx, ny)), dx, z_edges, (0.0, 0.0), 0.0, 0.0,
                           np.array([0.0, -1.0]), 6677)


def _reference(domain: wind.WindDomain) -> sp.csr_matrix:
    """The finite-volume operator, one cell and one face at a time (identity rows for solid cells)."""
    nx, ny, nz = domain.shape
    dx, dz = domain.dx, np.diff(domain.z_edges)
    zc = domain.z_centres
    fluid = ~domain.solid
    index = np.arange(nx * ny * nz).reshape(domain.shape)
    a = sp.lil_matrix((index.size, index.size))
    for i, j, k in np.ndindex(domain.shape):
        n = index[i, j, k]
        if not fluid[i, j, k]:
            a[n, n] = 1.0
            continue
        for di, dj, dk in ((1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1), (0, 0, -1)):
            ii, jj, kk = i + di, j + dj, k + dk
            if dk == 0:
                area, distance = dx * dz[k], dx
            elif 0 <= kk < nz:
                area, distance = dx * dx, abs(zc[kk] - zc[k])
            else:
                area, distance = dx * dx, dz[k] / 2
            if kk < 0:
                continue  # the ground: no flow through it
            if not (0 <= ii < nx and 0 <= jj < ny and kk < nz):
                a[n, n] += area / (distance / 2) if dk == 0 else area / distance  # lambda = 0 outside
                continue
            if fluid[ii, jj, kk]:
                a[n, n] += area / distance
                a[n, index[ii, jj, kk]] -= area / distance
    return a.tocsr()


def _apply(lv: poisson.Level, x: np.ndarray) -> np.ndarray:
    out = np.empty_like(x)
    poisson.apply(lv.gx, lv.gy, lv.gz, lv.diag, x, out)
    return out


@pytest.mark.parametrize("seed", [0, 1])
def test_operator_matches_the_reference(seed):
    domain = _domain(seed)
    x = np.random.default_rng(seed).normal(size=domain.shape)
    assert np.allclose(_apply(wind.conductances(domain), x).ravel(), _reference(domain) @ x.ravel())


def test_coarse_level_is_the_galerkin_product():
    domain = _domain(2)
    fine = wind.conductances(domain)
    nx, ny, nz = domain.shape
    # P: every open fine cell takes the value of its 2 x 2 column block's coarse cell
    i, j, k = np.nonzero(fine.fluid)
    ncx, ncy = (nx + 1) // 2, (ny + 1) // 2
    p = sp.csr_matrix((np.ones(len(i)), (np.ravel_multi_index((i, j, k), fine.shape),
                                         np.ravel_multi_index((i // 2, j // 2, k), (ncx, ncy, nz)))),
                      shape=(nx * ny * nz, ncx * ncy * nz))
    galerkin = (p.T @ _reference(domain) @ p).toarray()
    coarse = poisson.coarsen(fine)
    x = np.random.default_rng(3).normal(size=coarse.shape) * coarse.fluid
    assert np.allclose(_apply(coarse, x).ravel()[coarse.fluid.ravel()],
                       (galerkin @ x.ravel())[coarse.fluid.ravel()])


def test_preconditioner_is_symmetric():
    domain = _domain(4, shape=(40, 36, 9))
    mg = poisson.Multigrid(wind.conductances(domain))
    assert len(mg.levels) > 2
    rng = np.random.default_rng(5)
    r1, r2 = (rng.normal(size=domain.shape) * ~domain.solid for _ in range(2))
    assert np.vdot(mg.cycle(r1), r2) == pytest.approx(np.vdot(r1, mg.cycle(r2)), rel=1e-9)
    assert np.vdot(mg.cycle(r1), r1) > 0


def test_solution_matches_a_direct_solve():
    domain = _domain(6, shape=(40, 36, 9))
    fine = wind.conductances(domain)
    volume = domain.dx ** 2 * np.diff(domain.z_edges)
    b = np.random.default_rng(7).normal(size=domain.shape) * fine.fluid
    x, iterations = poisson.solve(fine, b, volume, 1e-10)
    exact = spla.spsolve(_reference(domain).tocsc(), b.ravel()).reshape(domain.shape)
    assert 0 < iterations < 40
    assert np.abs(x - exact).max() < 1e-6 * np.abs(exact).max()
    assert np.abs((b - _apply(fine, x)) / volume).max() <= 1e-10


def test_non_convergence_is_reported():
    domain = _domain(8, shape=(40, 36, 9))
    b = np.random.default_rng(9).normal(size=domain.shape) * ~domain.solid
    with pytest.raises(UrbanTwinError, match="did not converge"):
        poisson.solve(wind.conductances(domain), b, np.ones(9), 1e-14, maxiter=2)
