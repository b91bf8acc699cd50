"""The OpenFOAM parameters the CFD algorithms share: where OpenFOAM is, the MPI processes, the iterations and the
kept case folder; and the run's progress in the feedback."""
from __future__ import annotations

import tempfile
from collections.abc import Callable

from qgis.core import (
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)

from ...analyses import openfoam
from ..i18n import QT_TRANSLATE_NOOP, tr
from .base import number_parameter


def add_cfd_parameters(algorithm) -> None:
    """OPENFOAM, HOSTFILE, CORES, ITERATIONS and CASE_FOLDER."""
    # A path as text, not a file parameter: a missing OpenFOAM then gets the message saying how to install it
    algorithm.addParameter(QgsProcessingParameterString("OPENFOAM", tr("OpenFOAM's etc/bashrc"),
                                                        defaultValue=openfoam.DEFAULT_BASHRC, optional=True))
    algorithm.addParameter(QgsProcessingParameterFile("HOSTFILE", tr("MPI host file (a cluster; optional)"),
                                                      QgsProcessingParameterFile.File, optional=True))
    algorithm.addParameter(number_parameter("CORES", QT_TRANSLATE_NOOP("@default", "MPI processes (0: every core)"),
                                            0.0, 0.0, 100000.0))
    algorithm.addParameter(number_parameter("ITERATIONS", QT_TRANSLATE_NOOP("@default", "Iterations (at most)"),
                                            1500.0, 10.0, 100000.0))
    algorithm.addParameter(QgsProcessingParameterFolderDestination("CASE_FOLDER", tr("OpenFOAM case folder (kept)"),
                                                                   optional=True, createByDefault=False))


def cfd_settings(algorithm, parameters, context, direction: float, speed: float, height: float, z0: float,
                 cell: float) -> openfoam.CfdSettings:
    """The run's numbers from the OpenFOAM parameters and the wind's."""
    return openfoam.CfdSettings(
        direction, speed, height, z0, cell, algorithm.parameterAsInt(parameters, "ITERATIONS", context),
        algorithm.parameterAsInt(parameters, "CORES", context),
        algorithm.parameterAsFile(parameters, "HOSTFILE", context) or None,
        algorithm.parameterAsString(parameters, "OPENFOAM", context) or openfoam.DEFAULT_BASHRC)


def case_folder(algorithm, parameters, context, feedback) -> str:
    """CASE_FOLDER, or a new temporary folder; said in the log, as it is kept."""
    folder = (algorithm.parameterAsString(parameters, "CASE_FOLDER", context)
              or tempfile.mkdtemp(prefix="urbantwin_cfd_"))
    feedback.pushInfo(tr("OpenFOAM case: {} (kept; open case.foam in ParaView)").format(folder))
    return folder


def feedback_progress(feedback, share: float = 100.0) -> Callable[[float, str], None]:
    """A run's progress (0-100 %) and text as the feedback's, scaled to `share` % of the bar."""
    def progress(percent: float, text: str) -> None:
        feedback.setProgress(share * percent / 100.0)
        feedback.setProgressText(text)
    return progress
