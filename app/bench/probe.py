"""Start-up probe, installed into a measured process as ``sitecustomize``.

This file is copied into a temp folder that goes first on the child's ``PYTHONPATH`` (as
``sitecustomize.py``), so Python runs it before the measured app's own code. It imports only
the standard library until the app itself imports its Qt binding, so it works unchanged for
明镜 (PySide6) and for a foreign app such as novelWriter (PyQt6), neither of which is modified.

When ``PySide6.QtWidgets`` or ``PyQt6.QtWidgets`` is first imported, its ``QApplication`` is
replaced by a subclass that installs an application-wide event filter. The first time any
visible ``QMainWindow``'s native window is exposed (``QEvent.Expose`` with
``QWindow.isExposed()``), the probe writes ``exposed <time.monotonic()>`` to the file named by
``MINGJING_PROBE_OUT``. The parent reads ``time.monotonic()`` just before it starts the
process; both are the system-wide ``CLOCK_MONOTONIC``, so the difference is process start →
main window exposed, measured identically for any Qt app.

Then, unless ``MINGJING_PROBE_STAY_S`` is set, the process ends at once (``os._exit``: nothing
after the exposure is measured, and neither app gets to write settings on quit). With it set,
a 1 ms precise timer records the worst event-loop gap until that many seconds after process
start (``stall_ms``), ``MINGJING_PROBE_HOOK`` (``module:function``) is called with the window
and a ``report(key, value)`` callable, and the process ends when the time is up (or when the
hook reports ``done``).

Internet sockets are refused in the measured process (an audit hook), so a benchmark can
never reach the network.
"""

import os
import sys
import time

_OUT = os.environ.get("MINGJING_PROBE_OUT", "")
_START = float(os.environ.get("MINGJING_PROBE_T0", "0") or 0)
_STAY_S = float(os.environ.get("MINGJING_PROBE_STAY_S", "0") or 0)
_HOOK = os.environ.get("MINGJING_PROBE_HOOK", "")
_BINDINGS = ("PySide6.QtWidgets", "PyQt6.QtWidgets")


def _report(key, value):
    with open(_OUT, "a", encoding="utf-8") as out:
        out.write(f"{key} {value}\n")


def _no_network(event, args):
    if event in ("socket.connect", "socket.bind", "socket.sendto"):
        family = getattr(args[0], "family", None)
        if family is not None and int(family) in (2, 10):  # AF_INET, AF_INET6
            raise OSError(f"benchmark probe: network use refused ({event})")
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex"):
        raise OSError(f"benchmark probe: network use refused ({event})")


def refuse_network():
    """Refuse internet sockets in this process from now on (for the bench command)."""
    sys.addaudithook(_no_network)


def _patch(widgets):
    binding = widgets.__name__.split(".")[0]
    core = __import__(f"{binding}.QtCore", fromlist=["QObject"])
    gui = __import__(f"{binding}.QtGui", fromlist=["QWindow"])
    QObject, QEvent, QTimer, Qt = core.QObject, core.QEvent, core.QTimer, core.Qt
    QWindow, QMainWindow, Base = gui.QWindow, widgets.QMainWindow, widgets.QApplication

    class Watcher(QObject):
        def __init__(self, app):
            super().__init__()
            self.app = app
            self.done = False
            self.worst = 0.0
            self.last = 0.0
            self.timer = None

        def eventFilter(self, obj, event):
            if (not self.done and event.type() == QEvent.Type.Expose
                    and isinstance(obj, QWindow) and obj.isExposed()):
                window = next((w for w in self.app.topLevelWidgets()
                               if isinstance(w, QMainWindow) and w.isVisible()
                               and w.windowHandle() is not None
                               and w.windowHandle().isExposed()), None)
                if window is not None:
                    self.done = True
                    _report("exposed", time.monotonic())
                    if _STAY_S <= 0:
                        sys.stdout.flush()
                        sys.stderr.flush()
                        os._exit(0)
                    QTimer.singleShot(0, lambda: self.stay(window))
            return False

        def stay(self, window):
            self.last = time.monotonic()
            self.timer = QTimer(self)
            self.timer.setTimerType(Qt.TimerType.PreciseTimer)
            self.timer.setInterval(1)
            self.timer.timeout.connect(self.tick)
            self.timer.start()
            if _HOOK:
                module, _, name = _HOOK.partition(":")
                getattr(__import__(module, fromlist=[name]), name)(window, self.hook_report)

        def hook_report(self, key, value):
            """What the hook reports; ``done`` ends the process early."""
            _report(key, value)
            if key == "done":
                self.finish(time.monotonic())

        def tick(self):
            now = time.monotonic()
            if now - self.last > self.worst:
                self.worst, self.worst_at = now - self.last, now
            self.last = now
            if now - _START >= _STAY_S:
                self.finish(now)

        def finish(self, now):
            _report("stall_ms", self.worst * 1000)
            if getattr(self, "worst_at", None) is not None:
                _report("stall_end_t", self.worst_at)  # when the worst gap ended
            _report("end", now)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)

    class ProbedApplication(Base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._mingjing_probe = Watcher(self)
            self.installEventFilter(self._mingjing_probe)

    ProbedApplication.__name__ = ProbedApplication.__qualname__ = "QApplication"
    widgets.QApplication = ProbedApplication


class _Finder:
    """Patches the Qt binding's QtWidgets right after it is first imported."""

    def find_spec(self, name, path=None, target=None):
        if name not in _BINDINGS:
            return None
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return None
        loader = spec.loader
        original = loader.exec_module

        def exec_module(module):
            original(module)
            _patch(module)

        loader.exec_module = exec_module
        return spec


if _OUT:
    sys.addaudithook(_no_network)
    sys.meta_path.insert(0, _Finder())
