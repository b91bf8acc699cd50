"""urbantwin:pedestrianwindcfd: wind at pedestrian height by CFD (OpenFOAM), for the final check."""
from __future__ import annotations

import shapely

from ...analyses import openfoam, wind
from ..i18n import QT_TRANSLATE_NOOP, tr
from .base import number_parameter, user_errors
from .cfd_parameters import add_cfd_parameters, case_folder, cfd_settings, feedback_progress
from .wind import _WindAlgorithm


class PedestrianWindCfdAlgorithm(_WindAlgorithm):
    """Speed and speed ratio at pedestrian height for one wind direction, by steady RANS CFD."""

    NAME = "pedestrianwindcfd"
    DISPLAY = QT_TRANSLATE_NOOP("@default", "Pedestrian wind (CFD, OpenFOAM)")
    HELP = QT_TRANSLATE_NOOP("@default", "Steady RANS CFD (OpenFOAM simpleFoam, standard k-epsilon) of the wind from "
                             "DIRECTION, with the same inputs and outputs as Pedestrian wind. The case is written "
                             "from the buildings (STL), in a domain sized by the AIJ guideline (5H upstream, 15H "
                             "downstream, 5H to the sides, 6H high), refined to CELL_SIZE near the buildings and "
                             "the ground over the extent, with the same inflow profile and roughness as the "
                             "diagnostic model; it runs on every core (decomposePar and mpirun; HOSTFILE for a "
                             "cluster). The case folder is kept: open case.foam in ParaView. Needs OpenFOAM "
                             "(on Debian or Ubuntu: sudo apt-get install openfoam; elsewhere give the path of its "
                             "etc/bashrc). Expect minutes to an hour per direction: see the README.")

    def initAlgorithm(self, config=None):  # noqa: N802
        """Declare the parameters (their names are public interface)."""
        self.add_wind_parameters()
        self.addParameter(number_parameter("DIRECTION", QT_TRANSLATE_NOOP("@default", "Wind direction (degrees "
                                                                          "from north, where it blows from)"),
                                           0.0, 0.0, 360.0))
        add_cfd_parameters(self)
        self.add_pedestrian_outputs()

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Write, mesh and solve the case, then sample it into the rasters, arrows and preview."""
        with user_errors():
            massing, terrain, convergence, extent, values = self.common(parameters, context, feedback)
            if terrain is not None:
                feedback.pushWarning(tr("The CFD case has flat ground: the DEM is not used"))
            direction = self.parameterAsDouble(parameters, "DIRECTION", context)
            morph = wind.morphometry(massing, shapely.box(*extent), direction)
            settings = cfd_settings(self, parameters, context, direction + convergence, values["REF_SPEED"],
                                    values["REF_HEIGHT"], morph["z0"], values["CELL_SIZE"])
            folder = case_folder(self, parameters, context, feedback)
            frame = openfoam.run_case(massing, folder, settings, extent, feedback.isCanceled,
                                      feedback_progress(feedback))
            ped = openfoam.sample_case(folder, values["PED_HEIGHT"], values["CELL_SIZE"], extent, massing)
        cells = frame.cells
        feedback.pushInfo(tr("{} cells, {} iterations on {} cores: meshing {:.0f} s, solving {:.0f} s").format(
            cells["cells"], cells["iterations"], cells["cores"], cells["mesh_seconds"], cells["solve_seconds"]))
        results = self.write_pedestrian_results(parameters, context, feedback, massing, ped, morph, direction)
        results["CASE_FOLDER"] = folder
        return results
