"""3D pictures and windows drawn by PyVista in a child Python process, never in the caller's.

Why a child: the VTK wheel and QGIS both carry C++ template code of `std::regex` compiled by different GCC
versions. Inside the `qgis` and `qgis_process` executables QGIS's libraries are in the global symbol scope, so
VTK's calls bind to QGIS's copies of those weak symbols and a colour bar's label formatting frees a pointer
that was never allocated (SIGABRT/SIGSEGV, QGIS gone; see the README). In a plain Python process VTK binds to
its own copies. A child process also means that a broken graphics driver or a hostile mesh file costs a
picture and a message, never the user's session.

A scene is named by a function of `preview3d` that takes plain data (numpy arrays, geometries) and returns a
`pyvista.Plotter`; its arguments are pickled, and the child calls it and saves or shows the result. The caller
never imports PyVista.
"""
from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from typing import Callable

from .errors import QT_TRANSLATE_NOOP, UrbanTwinError

#: The package this module belongs to (`urban_twin` when deployed) and the folder that holds it.
PACKAGE = __name__.split(".")[0]
PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WINDOW_TITLE = "Urban Twin 3D"


def python_executable() -> str:
    """The Python interpreter of this process (sys.executable is QGIS itself inside QGIS on some platforms)."""
    candidates = [sys.executable, os.path.join(sys.exec_prefix, "bin", "python3"),
                  os.path.join(sys.exec_prefix, "python.exe"), shutil.which("python3") or ""]
    for candidate in candidates:
        if candidate and os.path.basename(candidate).lower().startswith("python") and os.path.isfile(candidate):
            return candidate
    raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "cannot find a Python interpreter to draw 3D pictures with"))


def has_display() -> bool:
    """Whether a window can open here (an X or Wayland display on Linux; always on Windows and macOS)."""
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def child_environment() -> dict:
    """The child's environment: this process's import path, and an off-screen OpenGL where there is no display."""
    env = dict(os.environ)
    paths = [PACKAGE_PARENT] + [p for p in sys.path if p and os.path.isdir(p)]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    env["PYTHONSAFEPATH"] = "1"  # the working folder's own .py files must not shadow the standard library
    env.pop("PYTHONHOME", None)
    if not has_display():
        env["VTK_DEFAULT_OPENGL_WINDOW"] = "vtkEGLRenderWindow"  # no X server: EGL, without X's warnings
    return env


def _job_file(scene: str, kwargs: dict, png: str | None, ready: str | None) -> str:
    handle, path = tempfile.mkstemp(prefix="urban_twin_scene_", suffix=".pickle")
    with os.fdopen(handle, "wb") as stream:
        pickle.dump({"scene": scene, "kwargs": kwargs, "png": png, "ready": ready}, stream)
    return path


def _start(job: str, log: str) -> subprocess.Popen:
    # the child's messages go to a file: a pipe nobody reads while it runs could fill and stall it
    with open(log, "wb") as stream:
        return subprocess.Popen([python_executable(), "-m", f"{PACKAGE}.analyses.render", job],
                                env=child_environment(), cwd=PACKAGE_PARENT, stdin=subprocess.DEVNULL,
                                stdout=stream, stderr=subprocess.STDOUT)


def _last_lines(log: str) -> str:
    """The child's last line of output (the error, after a traceback), for a message."""
    with open(log, encoding="utf-8", errors="replace") as stream:
        lines = [line.strip() for line in stream if line.strip()]
    return lines[-1] if lines else ""


def draw(scene: str, png: str, timeout: float = 300.0, is_canceled: Callable[[], bool] | None = None,
         **kwargs) -> str:
    """Call preview3d.<scene>(**kwargs) in a child process and save its picture to png; return png.

    Raises UrbanTwinError when the child fails or times out, InterruptedError when is_canceled() turns true.
    """
    if os.path.exists(png):
        os.remove(png)
    job = _job_file(scene, kwargs, os.path.abspath(png), None)
    log = job + ".log"
    try:
        child = _start(job, log)
        deadline = time.monotonic() + timeout
        while child.poll() is None:
            if is_canceled is not None and is_canceled():
                child.kill()
                child.wait()
                raise InterruptedError()
            if time.monotonic() > deadline:
                child.kill()
                child.wait()
                raise UrbanTwinError(QT_TRANSLATE_NOOP(
                    "@default", "the 3D picture took longer than {:.0f} s and was stopped"), timeout)
            time.sleep(0.1)
        if child.returncode != 0 or not os.path.exists(png):
            raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the 3D picture could not be drawn (exit {}): {}"),
                                 child.returncode, _last_lines(log) or "no message")
    finally:
        os.remove(job)
        os.remove(log)
    return png


class Window:
    """An interactive 3D window in its own process: ask whether it is on screen or why it failed; close it."""

    def __init__(self, scene: str, **kwargs):
        handle, self.ready_path = tempfile.mkstemp(prefix="urban_twin_window_", suffix=".ready")
        os.close(handle)
        os.remove(self.ready_path)
        self.log = self.ready_path + ".log"
        self.process = _start(_job_file(scene, kwargs, None, self.ready_path), self.log)

    def is_open(self) -> bool:
        """Whether the window is on screen now."""
        return self.process.poll() is None and os.path.exists(self.ready_path)

    def failure(self) -> str | None:
        """Why the window is not there: None while it runs, "" once the user closed it, else the child's error."""
        if self.process.poll() is None:
            return None
        return "" if self.process.returncode == 0 else _last_lines(self.log) or f"exit {self.process.returncode}"

    def close(self) -> None:
        """Close the window (end its process)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        for path in (self.ready_path, self.log):
            if os.path.exists(path):
                os.remove(path)


def _main(job_path: str) -> int:
    """The child: build the scene, save the picture or show the window until the user closes it."""
    with open(job_path, "rb") as stream:
        job = pickle.load(stream)  # written by this same package's parent process, never by a user
    if job["png"] is None:
        os.remove(job_path)
    from . import preview3d
    plotter = getattr(preview3d, job["scene"])(off_screen=job["png"] is not None, **job["kwargs"])
    if job["png"] is not None:
        plotter.screenshot(job["png"])
        plotter.close()
        return 0
    plotter.title = WINDOW_TITLE
    plotter.show(interactive_update=True, auto_close=False)
    open(job["ready"], "w").close()
    plotter.iren.interactor.Start()  # until the user closes the window
    plotter.close()
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1]))
