"""Pedestrian wind by CFD with OpenFOAM (ESI v1912 as Debian packages it, or the user's own installation).

A case is written from the massing in a frame aligned with the wind (x downwind, y across, z up; the centre
of the extent at the origin):
- the buildings as an STL surface (`constant/triSurface/buildings.stl`), their bases sunk below the ground;
- a blockMesh domain sized by the AIJ guideline (Tominaga et al. 2008): 5H upstream of the buildings, 15H
  downstream, 5H to each side and 6H high (H the tallest building), its cells graded towards the ground;
- snappyHexMesh refinement in a box over the extent, near the ground, and at the building surfaces;
- the inflow of Richards & Hoxey (1993) (`atmBoundaryLayerInlet*`) over the same roughness length as the
  diagnostic model, and a rough ground (`nutkAtmRoughWallFunction`);
- steady RANS (`simpleFoam`, standard k-epsilon), run on all cores with `decomposePar` + `mpirun` (and a host
  file for a cluster), progress from the iterations, residuals in the log, and a cancel that stops MPI.
The folder is kept: an engineer opens it in ParaView (`case.foam`). The speed at pedestrian height is sampled
from the cell centres into a north-up raster.
"""
from __future__ import annotations

import json
import math
import os
import queue
import re
import shlex
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import numpy as np
import shapely

from .errors import QT_TRANSLATE_NOOP, UrbanTwinError
from .massing import Massing, grid_for
from .raster import Raster
from .wind import PedestrianWind

KAPPA, CMU = 0.41, 0.09
DEFAULT_BASHRC = "/usr/share/openfoam/etc/bashrc"
INSTALL_HINT = "sudo apt-get install openfoam"
HEADER = "FoamFile\n{{\n    version 2.0;\n    format ascii;\n    class {cls};\n    object {name};\n}}\n"


@dataclass
class CfdSettings:
    """The numbers of a CFD run."""

    direction_deg: float          # where the wind blows from, clockwise from grid north
    speed: float = 5.0            # reference speed (m/s) at
    height: float = 10.0          # reference height (m)
    z0: float = 0.5               # roughness length of the ground (m), as the diagnostic model's
    cell: float = 2.0             # the cells near the buildings and the ground in the extent (m)
    iterations: int = 1500        # at most; the run stops earlier when the residuals fall below tolerance
    cores: int = 0                # MPI ranks; 0: every core of this machine
    hosts: str | None = None      # an MPI host file, for a cluster
    bashrc: str = DEFAULT_BASHRC  # OpenFOAM's environment
    tolerance: float = 1e-4       # of the initial residuals, for convergence


@dataclass
class CaseFrame:
    """How a case's wind frame sits in the world, and its inflow; kept in the case folder as `urbantwin.json`."""

    centre: tuple[float, float]
    downwind: tuple[float, float]
    epsg: int
    speed: float
    height: float
    z0: float
    cells: dict = field(default_factory=dict)  # sizes of the mesh (background, fine, levels)

    def to_frame(self, xy: np.ndarray) -> np.ndarray:
        """World points (n, 2) in the wind frame."""
        d = np.asarray(self.downwind)
        shifted = np.asarray(xy, dtype=float) - np.asarray(self.centre)
        return np.column_stack((shifted @ d, shifted @ np.array([-d[1], d[0]])))

    def inflow(self, z) -> np.ndarray:
        """The log-law inflow speed at heights z (m)."""
        ustar = KAPPA * self.speed / math.log((self.height + self.z0) / self.z0)
        return ustar / KAPPA * np.log((np.asarray(z, dtype=float) + self.z0) / self.z0)


# --- environment ----------------------------------------------------------------------------------------------

def environment(bashrc: str = DEFAULT_BASHRC) -> dict:
    """The process environment with OpenFOAM's bashrc sourced; a message saying how to install OpenFOAM when
    it is missing."""
    if not os.path.isfile(bashrc):
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "OpenFOAM was not found ({} is missing): install it (on Debian or Ubuntu: {}), or give "
                        "the path of its etc/bashrc"), bashrc, INSTALL_HINT)
    out = subprocess.run(["bash", "-c", f". {shlex.quote(bashrc)} >/dev/null 2>&1; env -0"], capture_output=True,
                         check=False)
    env = dict(item.split("=", 1) for item in out.stdout.decode(errors="replace").split("\0") if "=" in item)
    if shutil.which("simpleFoam", path=env.get("PATH")) is None:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "OpenFOAM's simpleFoam is not on the PATH after {}: install OpenFOAM (on Debian or "
                        "Ubuntu: {}), or give the path of its etc/bashrc"), bashrc, INSTALL_HINT)
    if os.geteuid() == 0:  # Open MPI refuses root without these
        env.update(OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    return env


# --- case writer ------------------------------------------------------------------------------------------------

def _grading(length: float, first: float, growth: float = 1.15) -> tuple[int, float]:
    """Cells and blockMesh's expansion ratio (last over first) for `length` from cells of `first`, growing."""
    n, total, size = 0, 0.0, first
    while total < length:
        total, size, n = total + size, size * growth, n + 1
    return n, growth ** (n - 1)


def stl_text(massing: Massing, frame: CaseFrame, sink: float) -> str:
    """The buildings, in the wind frame, as an ASCII STL solid; their bases `sink` m below the ground."""
    from .mesh import massing_mesh
    mesh = massing_mesh(massing).triangulate()
    points = np.asarray(mesh.points, dtype=float)
    xyz = np.column_stack((frame.to_frame(points[:, :2]), np.where(points[:, 2] <= 0.0, -sink, points[:, 2])))
    triangles = np.asarray(mesh.faces).reshape(-1, 4)[:, 1:]
    lines = ["solid buildings"]
    for a, b, c in xyz[triangles]:
        n = np.cross(b - a, c - a)
        n = n / (np.linalg.norm(n) or 1.0)
        lines += [f"facet normal {n[0]:.6g} {n[1]:.6g} {n[2]:.6g}", " outer loop",
                  *(f"  vertex {p[0]:.6f} {p[1]:.6f} {p[2]:.6f}" for p in (a, b, c)), " endloop", "endfacet"]
    return "\n".join(lines + ["endsolid buildings", ""])


def _dict(name: str, body: str, cls: str = "dictionary") -> str:
    """An OpenFOAM dictionary file."""
    return HEADER.format(cls=cls, name=name) + body


def write_case(massing: Massing, folder: str, settings: CfdSettings,
               extent: tuple[float, float, float, float]) -> CaseFrame:
    """Write an OpenFOAM case for the buildings that touch `extent` (world xmin, ymin, xmax, ymax) into folder."""
    if not (settings.speed > 0 and settings.height > 0 and settings.z0 > 0 and settings.cell > 0):
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the reference speed and height must be positive"))
    box = shapely.box(*extent)
    chosen = massing.select(shapely.intersects(massing.footprints, box))
    if len(chosen) == 0:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "there are no buildings"))
    theta = math.radians(settings.direction_deg)
    frame = CaseFrame(((extent[0] + extent[2]) / 2, (extent[1] + extent[3]) / 2),
                      (-math.sin(theta), -math.cos(theta)), massing.epsg, settings.speed, settings.height,
                      settings.z0)
    tall = float(chosen.height.max())
    corners = np.vstack([shapely.get_coordinates(chosen.footprints),
                         shapely.get_coordinates(box.exterior)])
    local = frame.to_frame(corners)
    (bx0, by0), (bx1, by1) = local.min(axis=0), local.max(axis=0)
    x0, x1, y0, y1, top = bx0 - 5 * tall, bx1 + 15 * tall, by0 - 5 * tall, by1 + 5 * tall, 6 * tall
    levels = 2
    base = settings.cell * 2 ** levels
    nx, ny = max(1, math.ceil((x1 - x0) / base)), max(1, math.ceil((y1 - y0) / base))
    nz, grading = _grading(top, base / 2)
    inside = frame.to_frame(np.array(extent).reshape(2, 2))
    fine = (*np.minimum(inside[0], inside[1]), *np.maximum(inside[0], inside[1]))  # the extent, in the frame
    frame.cells = {"background": base, "fine": settings.cell, "levels": levels, "blocks": [nx, ny, nz],
                   "domain": [x0, x1, y0, y1, 0.0, top], "tallest": tall}
    files = {
        "constant/triSurface/buildings.stl": stl_text(chosen, frame, sink=base),
        "system/blockMeshDict": _dict("blockMeshDict", _block_mesh(x0, x1, y0, y1, top, nx, ny, nz, grading)),
        "system/snappyHexMeshDict": _dict("snappyHexMeshDict", _snappy(
            levels, (x0 + 0.5 * tall + 0.0123, 0.5 * (y0 + y1) + 0.0321, 0.5 * top + 0.0217),
            (fine[0] - tall, fine[1] - tall, -base, fine[2] + 2 * tall, fine[3] + tall, 1.5 * tall))),
        "system/controlDict": _dict("controlDict", _control(settings.iterations)),
        "system/fvSchemes": _dict("fvSchemes", FV_SCHEMES),
        "system/fvSolution": _dict("fvSolution", _solution(settings.tolerance)),
        "system/decomposeParDict": _dict("decomposeParDict", _decompose(max(1, _cores(settings)))),
        "constant/transportProperties": _dict("transportProperties", "transportModel Newtonian;\nnu 1.5e-05;\n"),
        "constant/turbulenceProperties": _dict("turbulenceProperties",
                                               "simulationType RAS;\nRAS\n{\n    RASModel kEpsilon;\n"
                                               "    turbulence on;\n    printCoeffs off;\n}\n"),
        **{f"0/{name}": text for name, text in _fields(frame).items()},
        "case.foam": "",
        "urbantwin.json": json.dumps(asdict(frame), indent=1),
    }
    for path, text in files.items():
        os.makedirs(os.path.dirname(os.path.join(folder, path)), exist_ok=True)
        with open(os.path.join(folder, path), "w", encoding="utf-8") as out:
            out.write(text)
    return frame


def _cores(settings: CfdSettings) -> int:
    """MPI ranks: as set, or every core of this machine."""
    return settings.cores or os.cpu_count() or 1


def _block_mesh(x0, x1, y0, y1, top, nx, ny, nz, grading) -> str:
    """One graded block: inlet at x0, outlet at x1, symmetry sides and top, the ground at z = 0."""
    v = [(x0, y0, 0), (x1, y0, 0), (x1, y1, 0), (x0, y1, 0), (x0, y0, top), (x1, y0, top), (x1, y1, top),
         (x0, y1, top)]
    vertices = "\n".join(f"    ({x:.4f} {y:.4f} {z:.4f})" for x, y, z in v)
    return (f"convertToMeters 1;\nvertices\n(\n{vertices}\n);\n"
            f"blocks\n(\n    hex (0 1 2 3 4 5 6 7) ({nx} {ny} {nz}) simpleGrading (1 1 {grading:.6g})\n);\n"
            "edges ();\nboundary\n(\n"
            "    inlet { type patch; faces ((0 4 7 3)); }\n"
            "    outlet { type patch; faces ((1 2 6 5)); }\n"
            "    ground { type wall; faces ((0 3 2 1)); }\n"
            "    top { type symmetry; faces ((4 5 6 7)); }\n"
            "    sides { type symmetry; faces ((0 1 5 4) (3 7 6 2)); }\n);\nmergePatchPairs ();\n")


def _snappy(levels: int, inside: tuple, box: tuple) -> str:
    """Castellate and snap (no layers): the buildings and a box over the extent down to the fine cells."""
    return f"""castellatedMesh true;
snap true;
addLayers false;
geometry
{{
    buildings.stl {{ type triSurfaceMesh; name buildings; }}
    fine {{ type searchableBox; min ({box[0]:.3f} {box[1]:.3f} {box[2]:.3f});
           max ({box[3]:.3f} {box[4]:.3f} {box[5]:.3f}); }}
}}
castellatedMeshControls
{{
    maxLocalCells 20000000;
    maxGlobalCells 100000000;
    minRefinementCells 0;
    nCellsBetweenLevels 3;
    features ();
    refinementSurfaces {{ buildings {{ level ({levels} {levels}); patchInfo {{ type wall; }} }} }}
    resolveFeatureAngle 30;
    refinementRegions {{ fine {{ mode inside; levels ((1e15 {levels})); }} }}
    locationInMesh ({inside[0]:.4f} {inside[1]:.4f} {inside[2]:.4f});
    allowFreeStandingZoneFaces true;
}}
snapControls
{{
    nSmoothPatch 3;
    tolerance 2.0;
    nSolveIter 50;
    nRelaxIter 5;
    nFeatureSnapIter 10;
    implicitFeatureSnap true;
    explicitFeatureSnap false;
    multiRegionFeatureSnap false;
}}
addLayersControls
{{
    relativeSizes true;
    layers {{}}
    expansionRatio 1.0;
    finalLayerThickness 0.3;
    minThickness 0.1;
    nGrow 0;
    featureAngle 60;
    nRelaxIter 3;
    nSmoothSurfaceNormals 1;
    nSmoothNormals 3;
    nSmoothThickness 10;
    maxFaceThicknessRatio 0.5;
    maxThicknessToMedialRatio 0.3;
    minMedialAxisAngle 90;
    nBufferCellsNoExtrude 0;
    nLayerIter 50;
}}
meshQualityControls
{{
    maxNonOrtho 65;
    maxBoundarySkewness 20;
    maxInternalSkewness 4;
    maxConcave 80;
    minVol 1e-13;
    minTetQuality 1e-15;
    minArea -1;
    minTwist 0.02;
    minDeterminant 0.001;
    minFaceWeight 0.05;
    minVolRatio 0.01;
    minTriangleTwist -1;
    nSmoothScale 4;
    errorReduction 0.75;
}}
mergeTolerance 1e-6;
"""


def _control(iterations: int) -> str:
    """Steady simpleFoam, written every 100 iterations (only the latest kept: a long run can be looked at in
    ParaView while it runs), at the end and where it converges."""
    return (f'application simpleFoam;\nlibs ("libatmosphericModels.so");\nstartFrom latestTime;\nstartTime 0;\n'
            f"stopAt endTime;\nendTime {iterations};\ndeltaT 1;\nwriteControl timeStep;\n"
            f"writeInterval {min(iterations, 100)};\n"
            "purgeWrite 1;\nwriteFormat ascii;\nwritePrecision 7;\nwriteCompression off;\ntimeFormat general;\n"
            "timePrecision 6;\nrunTimeModifiable false;\n")


FV_SCHEMES = """ddtSchemes { default steadyState; }
gradSchemes { default Gauss linear; grad(U) cellLimited Gauss linear 1; }
divSchemes
{
    default none;
    div(phi,U) bounded Gauss linearUpwind grad(U);
    div(phi,k) bounded Gauss upwind;
    div(phi,epsilon) bounded Gauss upwind;
    div((nuEff*dev2(T(grad(U))))) Gauss linear;
}
laplacianSchemes { default Gauss linear limited corrected 0.5; }
interpolationSchemes { default linear; }
snGradSchemes { default limited corrected 0.5; }
wallDist { method meshWave; }
"""


def _solution(tolerance: float) -> str:
    """GAMG for p, Gauss-Seidel for the rest; SIMPLE under-relaxed, stopping at `tolerance`."""
    return f"""solvers
{{
    p {{ solver GAMG; smoother GaussSeidel; tolerance 1e-7; relTol 0.1; }}
    "(U|k|epsilon)" {{ solver smoothSolver; smoother symGaussSeidel; tolerance 1e-8; relTol 0.1; }}
}}
SIMPLE
{{
    nNonOrthogonalCorrectors 0;
    consistent false;
    residualControl {{ p {tolerance:g}; U {tolerance:g}; "(k|epsilon)" {tolerance:g}; }}
}}
relaxationFactors {{ fields {{ p 0.3; }} equations {{ U 0.7; "(k|epsilon)" 0.7; }} }}
"""


def _decompose(cores: int) -> str:
    """Slabs along the wind (no external partitioner needed)."""
    return (f"numberOfSubdomains {cores};\nmethod hierarchical;\n"
            f"hierarchicalCoeffs\n{{\n    n ({cores} 1 1);\n    order xyz;\n}}\n")


def _fields(frame: CaseFrame) -> dict[str, str]:
    """0/U, p, k, epsilon, nut: the Richards & Hoxey inflow, a rough ground and smooth buildings."""
    abl = (f"flowDir (1 0 0); zDir (0 0 1); Uref {frame.speed:g}; Zref {frame.height:g}; "
           f"z0 uniform {frame.z0:g}; zGround uniform 0;")
    ustar = KAPPA * frame.speed / math.log((frame.height + frame.z0) / frame.z0)
    k0, eps0 = ustar ** 2 / math.sqrt(CMU), ustar ** 3 / (KAPPA * (frame.height + frame.z0))

    def field(name, cls, dims, internal, inlet, outlet, ground, buildings) -> str:
        body = (f"dimensions {dims};\ninternalField uniform {internal};\nboundaryField\n{{\n"
                f"    inlet {{ {inlet} }}\n    outlet {{ {outlet} }}\n    ground {{ {ground} }}\n"
                f"    buildings {{ {buildings} }}\n    top {{ type symmetry; }}\n    sides {{ type symmetry; }}\n}}\n")
        return _dict(name, body, cls)

    wall_k = f"type kqRWallFunction; value uniform {k0:.6g};"
    wall_eps = f"type epsilonWallFunction; value uniform {eps0:.6g};"
    return {
        "U": field("U", "volVectorField", "[0 1 -1 0 0 0 0]", f"({frame.speed:g} 0 0)",
                   f"type atmBoundaryLayerInletVelocity; {abl} value uniform ({frame.speed:g} 0 0);",
                   "type inletOutlet; inletValue uniform (0 0 0); value uniform (0 0 0);",
                   "type noSlip;", "type noSlip;"),
        "p": field("p", "volScalarField", "[0 2 -2 0 0 0 0]", "0", "type zeroGradient;",
                   "type fixedValue; value uniform 0;", "type zeroGradient;", "type zeroGradient;"),
        "k": field("k", "volScalarField", "[0 2 -2 0 0 0 0]", f"{k0:.6g}",
                   f"type atmBoundaryLayerInletK; {abl} value uniform {k0:.6g};",
                   f"type inletOutlet; inletValue uniform {k0:.6g}; value uniform {k0:.6g};", wall_k, wall_k),
        "epsilon": field("epsilon", "volScalarField", "[0 2 -3 0 0 0 0]", f"{eps0:.6g}",
                         f"type atmBoundaryLayerInletEpsilon; {abl} value uniform {eps0:.6g};",
                         f"type inletOutlet; inletValue uniform {eps0:.6g}; value uniform {eps0:.6g};",
                         wall_eps, wall_eps),
        "nut": field("nut", "volScalarField", "[0 2 -1 0 0 0 0]", "0", "type calculated; value uniform 0;",
                     "type calculated; value uniform 0;",
                     f"type nutkAtmRoughWallFunction; z0 uniform {frame.z0:g}; value uniform 0;",
                     "type nutkWallFunction; value uniform 0;"),
    }


# --- runner -----------------------------------------------------------------------------------------------------

ITERATION = re.compile(r"^Time = (\d+)")
RESIDUAL = re.compile(r"Solving for (\w+), Initial residual = ([0-9.eE+-]+|nan|-?inf)")


def _stream(command: list[str], folder: str, env: dict, log: str, is_canceled, on_line=None) -> int:
    """Run one OpenFOAM command in folder, its output into log (and on_line), checking for cancel every 0.2 s;
    the whole process group (mpirun's ranks too) is stopped on cancel."""
    with open(os.path.join(folder, log), "w", encoding="utf-8") as out, subprocess.Popen(
            command, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            errors="replace", start_new_session=True) as proc:
        lines: queue.Queue = queue.Queue()

        def read() -> None:
            for text in proc.stdout or ():
                lines.put(text)
            lines.put(None)
        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        while True:
            if is_canceled is not None and is_canceled():
                _stop(proc)
                raise InterruptedError("the CFD run canceled")
            try:
                line = lines.get(timeout=0.2)
            except queue.Empty:
                continue
            if line is None:
                break
            out.write(line)
            if on_line is not None:
                on_line(line)
        return proc.wait()


def _stop(proc: subprocess.Popen) -> None:
    """Terminate a process group, then kill it if it lingers."""
    for sig, wait in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _tail(folder: str, log: str, lines: int = 6) -> str:
    """The last lines of a log that are not blank."""
    try:
        with open(os.path.join(folder, log), encoding="utf-8", errors="replace") as f:
            text = [x.rstrip() for x in f if x.strip()]
    except OSError:
        return ""
    return " | ".join(text[-lines:])


def _step(name: str, command: list[str], folder: str, env: dict, is_canceled, on_line=None) -> None:
    """One meshing or set-up command; a message naming its log when it fails."""
    code = _stream(command, folder, env, f"log.{name}", is_canceled, on_line)
    if code != 0:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "OpenFOAM's {} failed (see {}): {}"), name, os.path.join(folder, f"log.{name}"),
            _tail(folder, f"log.{name}"))


def mesh(folder: str, env: dict, is_canceled=None, progress: Callable[[float, str], None] | None = None) -> int:
    """blockMesh, snappyHexMesh and checkMesh; the number of cells. A message when the mesh fails."""
    report = progress or (lambda percent, text: None)
    report(1.0, "blockMesh")
    _step("blockMesh", ["blockMesh"], folder, env, is_canceled)
    report(3.0, "snappyHexMesh")
    _step("snappyHexMesh", ["snappyHexMesh", "-overwrite"], folder, env, is_canceled)
    report(12.0, "checkMesh")
    _step("checkMesh", ["checkMesh"], folder, env, is_canceled)
    with open(os.path.join(folder, "log.checkMesh"), encoding="utf-8", errors="replace") as f:
        text = f.read()
    if "Mesh OK." not in text:
        failed = [x.strip() for x in text.splitlines() if x.strip().startswith("***")]
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "the CFD mesh failed its checks (see {}): {}"), os.path.join(folder, "log.checkMesh"),
            "; ".join(failed[:4]))
    cells = re.search(r"^\s*cells:\s+(\d+)", text, re.M)
    return int(cells.group(1)) if cells else 0


def _clear_results(folder: str) -> None:
    """Remove what an earlier run left in a case folder (its pieces per core and its result times), so that the
    mesher and the solver start from the new case: with `startFrom latestTime` an old result time (and its mesh)
    would be taken up, the new buildings not meshed and nothing solved."""
    for stale in os.listdir(folder):
        path = os.path.join(folder, stale)
        result_time = re.fullmatch(r"[0-9.eE+-]+", stale) and float(stale) > 0
        if os.path.isdir(path) and (stale.startswith("processor") or result_time):
            shutil.rmtree(path)


def solve(folder: str, env: dict, settings: CfdSettings, is_canceled=None,
          progress: Callable[[float, str], None] | None = None) -> int:
    """decomposePar, simpleFoam on every core (mpirun, a host file where given), reconstructPar and the cell
    centres. Progress 15-95 % from the iterations; a message when the run diverges. Returns the
    number of iterations run."""
    report = progress or (lambda percent, text: None)
    cores = _cores(settings)
    iteration = [0]
    residuals: dict[str, float] = {}

    def on_line(line: str) -> None:
        match = ITERATION.match(line)
        if match:
            iteration[0] = int(match.group(1))
            said = " ".join(f"{k} {v:.1e}" for k, v in residuals.items())
            report(15.0 + 80.0 * iteration[0] / settings.iterations, f"iteration {iteration[0]}: {said}")
        for name, value in RESIDUAL.findall(line):
            residuals[name] = float(value)

    _clear_results(folder)       # what an earlier run left: decomposePar must split the new mesh's fields
    if cores > 1:
        _step("decomposePar", ["decomposePar", "-force"], folder, env, is_canceled)
        mpi = ["mpirun", "-np", str(cores)] + (["--hostfile", settings.hosts] if settings.hosts else [])
        command = mpi + ["simpleFoam", "-parallel"]
    else:
        command = ["simpleFoam"]
    code = _stream(command, folder, env, "log.simpleFoam", is_canceled, on_line)
    worst = max(residuals.values(), default=0.0)
    if code != 0 or not math.isfinite(worst) or worst > 1.0:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "the CFD run diverged at iteration {} (see {}): try smaller cells near the buildings or "
                        "fewer, simpler buildings"), iteration[0], os.path.join(folder, "log.simpleFoam"))
    if cores > 1:
        _step("reconstructPar", ["reconstructPar", "-latestTime"], folder, env, is_canceled)
    _step("writeCellCentres", ["postProcess", "-func", "writeCellCentres", "-latestTime"], folder, env,
          is_canceled)
    report(97.0, "sampled")
    return iteration[0]


def run_case(massing: Massing, folder: str, settings: CfdSettings, extent: tuple[float, float, float, float],
             is_canceled=None, progress: Callable[[float, str], None] | None = None) -> CaseFrame:
    """Write, mesh and solve a case in folder (kept for ParaView); its frame, with the cells and the time."""
    env = environment(settings.bashrc)
    start = time.perf_counter()
    if os.path.isdir(folder):
        _clear_results(folder)   # before meshing: snappyHexMesh too starts from the latest time's mesh
    frame = write_case(massing, folder, settings, extent)
    frame.cells["cells"] = mesh(folder, env, is_canceled, progress)
    meshed = time.perf_counter()
    iterations = solve(folder, env, settings, is_canceled, progress)
    frame.cells.update(iterations=iterations, mesh_seconds=meshed - start,
                       solve_seconds=time.perf_counter() - meshed, cores=_cores(settings))
    with open(os.path.join(folder, "urbantwin.json"), "w", encoding="utf-8") as out:
        json.dump(asdict(frame), out, indent=1)
    return frame


# --- results ----------------------------------------------------------------------------------------------------

def read_field(path: str) -> np.ndarray:
    """The internal field of an ASCII OpenFOAM field file: (n,) scalars or (n, 3) vectors."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    match = re.search(r"internalField\s+nonuniform\s+List<(\w+)>\s*(\d+)\s*\(", text)
    if match is None:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "{} holds no field OpenFOAM wrote in ASCII"), path)
    count, width = int(match.group(2)), 3 if match.group(1) == "vector" else 1
    # the first count * width numbers after the list's opening bracket (short lists stand on one line)
    tokens = text[match.end():].replace("(", " ").replace(")", " ").split(maxsplit=count * width)
    numbers = np.array(tokens[:count * width], dtype=float)
    return numbers.reshape(count, 3) if width == 3 else numbers


def latest_time(folder: str) -> str:
    """The newest time folder holding results (not 0)."""
    times = [d for d in os.listdir(folder) if re.fullmatch(r"[0-9.eE+-]+", d) and float(d) > 0
             and os.path.isdir(os.path.join(folder, d))]
    if not times:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the CFD case {} has no results"), folder)
    return max(times, key=float)


def read_frame(folder: str) -> CaseFrame:
    """A case's frame from its `urbantwin.json`."""
    with open(os.path.join(folder, "urbantwin.json"), encoding="utf-8") as f:
        data = json.load(f)
    return CaseFrame(tuple(data["centre"]), tuple(data["downwind"]), data["epsg"], data["speed"], data["height"],
                     data["z0"], data.get("cells", {}))


def sample_field(centres: np.ndarray, velocity: np.ndarray, frame: CaseFrame, height: float, cell: float,
                 extent: tuple[float, float, float, float], massing: Massing | None = None) -> PedestrianWind:
    """The velocity of the cell whose centre is nearest each raster cell's centre at `height` (wind frame),
    as a north-up raster over extent; NaN inside a building taller than `height` and outside the domain."""
    from scipy.spatial import cKDTree
    x0, y0, rows, cols = grid_for(extent, cell)
    grid = Raster(np.empty((rows, cols)), float(x0), float(y0), cell, frame.epsg)
    xs, ys = np.meshgrid(*grid.cell_centres())
    world = np.column_stack((xs.ravel(), ys.ravel()))
    local = frame.to_frame(world)
    tree = cKDTree(centres)
    _, nearest = tree.query(np.column_stack((local, np.full(len(local), height))))
    u = velocity[nearest]
    d = np.asarray(frame.downwind)
    across = np.array([-d[1], d[0]])
    east, north = u[:, 0] * d[0] + u[:, 1] * across[0], u[:, 0] * d[1] + u[:, 1] * across[1]
    speed = np.hypot(east, north)
    x_lo, x_hi, y_lo, y_hi = frame.cells.get("domain", (-np.inf, np.inf, -np.inf, np.inf))[:4]
    blocked = (local[:, 0] < x_lo) | (local[:, 0] > x_hi) | (local[:, 1] < y_lo) | (local[:, 1] > y_hi)
    if massing is not None:
        tall = massing.select(massing.height > height)
        blocked |= shapely.contains_xy(shapely.union_all(tall.footprints), world[:, 0], world[:, 1])
    speed = np.where(blocked, np.nan, speed).reshape(rows, cols)
    towards = np.where(blocked, np.nan, np.degrees(np.arctan2(east, north)) % 360.0).reshape(rows, cols)
    return PedestrianWind(grid.like(speed), grid.like(speed / float(frame.inflow(height))), grid.like(towards), height)


def check_covers(frame: CaseFrame, extent: tuple[float, float, float, float], folder: str) -> None:
    """A message when the case's domain does not hold the whole extent (outside it there is no CFD result)."""
    x_lo, x_hi, y_lo, y_hi = frame.cells["domain"][:4]
    xmin, ymin, xmax, ymax = extent
    local = frame.to_frame(np.array([[xmin, ymin], [xmax, ymin], [xmax, ymax], [xmin, ymax]]))
    if not ((local[:, 0] >= x_lo).all() and (local[:, 0] <= x_hi).all() and (local[:, 1] >= y_lo).all()
            and (local[:, 1] <= y_hi).all()):
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "the CFD case {} does not cover the whole extent ({:.0f}, {:.0f} – {:.0f}, {:.0f}): run it "
                        "over this extent, or choose an extent inside its domain"), folder, xmin, ymin, xmax, ymax)


def sample_case(folder: str, height: float, cell: float, extent: tuple[float, float, float, float],
                massing: Massing | None = None) -> PedestrianWind:
    """The solved case's wind at pedestrian height as north-up rasters."""
    frame = read_frame(folder)
    time_dir = os.path.join(folder, latest_time(folder))
    return sample_field(read_field(os.path.join(time_dir, "C")), read_field(os.path.join(time_dir, "U")), frame,
                        height, cell, extent, massing)
