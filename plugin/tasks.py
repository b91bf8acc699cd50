"""Long jobs off the UI thread: QgsTask subclasses whose run() touches no widget."""
from __future__ import annotations

from typing import Callable

from qgis.core import QgsTask

from .i18n import translated_error


class FunctionTask(QgsTask):
    """Run a function in the background, then call on_done(result, error_text) on the main thread."""

    def __init__(self, description: str, function: Callable[[], object],
                 on_done: Callable[[object, str | None], None]):
        super().__init__(description, QgsTask.CanCancel)
        self.function, self.on_done = function, on_done
        self.result, self.error = None, None

    def run(self) -> bool:
        """Worker thread: call the function, keep its result or error text."""
        try:
            self.result = self.function()
            return True
        except Exception as exc:  # noqa: BLE001 - reported to the user in finished()
            self.error = translated_error(exc)
            return False

    def finished(self, ok: bool) -> None:
        """Main thread: report."""
        self.on_done(self.result, None if ok else (self.error or "canceled"))


class AlgorithmRun:
    """A Processing algorithm run as a background task with progress and cancel; on_done(ok, results) after.

    The task only points at the algorithm, context and feedback: this object keeps them alive until the run
    has ended and on_done has been called.
    """

    def __init__(self, algorithm_id: str, parameters: dict, on_done: Callable[[bool, dict], None],
                 on_progress: Callable[[float], None] | None = None):
        from qgis.core import (
            QgsApplication,
            QgsProcessingAlgRunnerTask,
            QgsProcessingContext,
            QgsProcessingFeedback,
            QgsProject,
        )
        self.algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
        self.parameters = parameters
        self.context, self.feedback = QgsProcessingContext(), QgsProcessingFeedback()
        self.context.setProject(QgsProject.instance())
        if on_progress is not None:
            self.feedback.progressChanged.connect(on_progress)
        self.task = QgsProcessingAlgRunnerTask(self.algorithm, parameters, self.context, self.feedback)
        self.task.executed.connect(lambda ok, results: on_done(ok, results))
        QgsApplication.taskManager().addTask(self.task)

    def cancel(self) -> None:
        """Ask the algorithm to stop (it checks within seconds)."""
        self.feedback.cancel()
