"""Start a Qt app as a fresh process with the start-up probe and read what it reported.

Used for 明镜 (``python -m app``) and, by ``tests/perf/peer_novelwriter.py``, for novelWriter:
the same probe, the same clock, the same definition of "main window exposed".
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

PROBE_SOURCE = Path(__file__).with_name("probe.py")


class LaunchError(RuntimeError):
    """The measured process ended without reporting an exposed main window."""


@dataclass
class ProbeResult:
    startup_ms: float
    values: dict[str, float] = field(default_factory=dict)


def probe_dir(folder: Path) -> Path:
    """A folder holding the probe as ``sitecustomize.py`` (and ``mingjing_probe_hooks``), to
    put first on PYTHONPATH."""
    target = folder / "probe"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PROBE_SOURCE, target / "sitecustomize.py")
    shutil.copyfile(PROBE_SOURCE.with_name("probe_hooks.py"), target / "mingjing_probe_hooks.py")
    return target


def private_env(home: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """An environment whose HOME and XDG folders are all inside ``home`` (nothing written
    elsewhere), with Qt's platform plugin defaulting to offscreen."""
    env = dict(os.environ if base is None else base)
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        path = home / name.lower()
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def launch(argv: list[str], env: dict[str, str], probe: Path, *, stay_s: float = 0.0,
           hook: str = "", cwd: Path | None = None, timeout: float = 60.0) -> ProbeResult:
    """Run ``argv`` once; process start → main window exposed, plus anything the probe (or
    its hook) reported while staying ``stay_s`` seconds after process start."""
    fd, out_name = tempfile.mkstemp(prefix="probe-", suffix=".txt", dir=probe.parent)
    os.close(fd)
    out = Path(out_name)
    child_env = dict(env)
    child_env["PYTHONPATH"] = os.pathsep.join(
        [str(probe)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    child_env["MINGJING_PROBE_OUT"] = str(out)
    child_env["MINGJING_PROBE_STAY_S"] = str(stay_s)
    child_env["MINGJING_PROBE_HOOK"] = hook
    started = time.monotonic()
    child_env["MINGJING_PROBE_T0"] = repr(started)
    try:
        proc = subprocess.run(argv, env=child_env, cwd=cwd, stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              timeout=timeout + stay_s)
        values: dict[str, float] = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition(" ")
            values[key] = float(value)
    finally:
        out.unlink(missing_ok=True)
    if "exposed" not in values:
        tail = proc.stderr.decode("utf-8", "replace")[-2000:]
        raise LaunchError(f"{argv[0]} exited with {proc.returncode} before its main window "
                          f"was exposed:\n{tail}")
    for key in [k for k in values if k.endswith("_t") or k in ("exposed", "end")]:
        values[key.removesuffix("_t") + "_ms"] = (values.pop(key) - started) * 1000
    return ProbeResult(values.pop("exposed_ms"), values)
