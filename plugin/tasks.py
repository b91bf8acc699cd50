"""Long jobs off the UI thread: QgsTask subclasses whose run() touches no widget."""
from __future__ import annotations

from typing import Callable

from qgis.core import QgsTask


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
            self.error = str(exc)
            return False

    def finished(self, ok: bool) -> None:
        """Main thread: report."""
        self.on_done(self.result, None if ok else (self.error or "canceled"))
