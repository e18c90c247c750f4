"""The packaged app (packaging/): smoke mode, icons, and the built Linux folder itself.

The slow test builds dist/mingjing/ with packaging/build-linux.sh (cached in
build/test-bundle/ while the sources are unchanged), checks its contents with
packaging/check_bundle.py, then starts the built executable offscreen in a network
namespace of its own (``unshare -n``: no interface but a down loopback, so no route
anywhere) under ``strace``, and fails on any IPv4/IPv6 socket it makes: a frozen app does
not read the sitecustomize network guard that tests/robust puts on PYTHONPATH.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

GUARD_DIR = ROOT / "tests" / "robust" / "netguard"
BUNDLE_CACHE = ROOT / "build" / "test-bundle"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def _smoke_line(stdout: str) -> dict:
    lines = [line for line in stdout.splitlines() if line.startswith("SMOKE ")]
    assert lines, f"no SMOKE line in:\n{stdout}"
    return json.loads(lines[-1][len("SMOKE "):])


def _check_export(path: Path, figures: dict) -> None:
    """The exported file opens in python-docx, with the template's headings and the text."""
    import docx

    paragraphs = docx.Document(str(path)).paragraphs
    styles = {p.text: p.style.name for p in paragraphs}
    assert styles.get("一、对照检查的问题") == "一级标题"  # the default template: 2025年度（五个带头）
    assert styles.get("（一）带头强化政治忠诚、提高政治能力") == "二级标题"
    from app.ui.smoke import SAMPLE_SENTENCE

    body = [p.text for p in paragraphs if p.style.name == "Normal" and p.text]
    assert figures["sample_paragraph"] in body
    assert body[0].startswith(SAMPLE_SENTENCE)  # under （一）, the first aspect
    assert len(figures["sample_paragraph"]) > len(SAMPLE_SENTENCE)  # and the phrase after it


# --- smoke mode, from the source tree -------------------------------------------------------
def _run_source(args: list[str], home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, MINGJING_HOME=str(home), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join([str(GUARD_DIR), str(ROOT)]))
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=180,
                          check=False)


def test_smoke_mode_exports_a_draft_with_a_suggested_phrase(tmp_path):
    out = tmp_path / "导出" / "自检.docx"
    result = _run_source(["--smoke-test", str(out)], tmp_path / "home")
    assert result.returncode == 0, result.stderr[-3000:]
    figures = _smoke_line(result.stdout)
    assert figures["phrases"] > 500 and figures["phrasebank_errors"] == 0
    assert figures["suggestions"] > 0 and figures["inserted_phrase"]
    assert "取消" in figures["qt_cancel_text"]
    assert figures["window_shown_ms"] <= figures["segmenter_ready_ms"] <= figures["total_ms"]
    _check_export(out, figures)


def test_smoke_mode_fails_with_a_reason_when_the_export_fails(tmp_path):
    folder = tmp_path / "已有文件夹.docx"
    folder.mkdir()
    result = _run_source(["--smoke-test", str(folder)], tmp_path / "home")
    assert result.returncode == 1
    assert "SMOKE-FAIL" in result.stderr and "保存失败" in result.stderr
    assert "SMOKE {" not in result.stdout


def test_smoke_mode_fails_on_a_start_up_warning_instead_of_waiting_for_a_click(tmp_path):
    """A warning shown from a start-up slot (here: a broken user template) must end the smoke
    run with the reason, not raise inside the slot and leave a crash dialog waiting."""
    home = tmp_path / "home"
    (home / "templates").mkdir(parents=True)
    (home / "templates" / "坏模板.toml").write_text('id = "x"\nname = \n', encoding="utf-8")
    result = _run_source(["--smoke-test", str(tmp_path / "out.docx")], home)
    assert result.returncode == 1
    assert "SMOKE-FAIL" in result.stderr and "坏模板.toml" in result.stderr


def test_smoke_mode_without_a_user_folder_leaves_no_trace(tmp_path):
    """Run on a user's machine, the check must not touch their autosaves or usage counts."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path),
               PYTHONPATH=os.pathsep.join([str(GUARD_DIR), str(ROOT)]))
    env.pop("MINGJING_HOME", None)
    env["HOME"] = str(tmp_path / "fake-home")  # platformdirs would land here
    env["XDG_DATA_HOME"] = str(tmp_path / "fake-home" / "data")
    out = tmp_path / "out.docx"
    result = subprocess.run([sys.executable, "-m", "app", "--smoke-test", str(out)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert out.is_file()
    assert not (tmp_path / "fake-home" / "data" / "mingjing").exists()
    assert not list(tmp_path.glob("mingjing-smoke-*")), "the throw-away user folder is left"


# --- the built app's input-method hook ------------------------------------------------------
@pytest.mark.parametrize(("session", "expected"), [
    ({"QT_IM_MODULE": "fcitx"}, ("ibus", "1")),
    ({"QT_IM_MODULE": "fcitx5"}, ("ibus", "1")),
    ({"XMODIFIERS": "@im=fcitx"}, ("ibus", "1")),
    ({"QT_IM_MODULE": "ibus"}, ("ibus", None)),
    ({"XMODIFIERS": "@im=ibus"}, (None, None)),
    ({"QT_IM_MODULE": "fcitx", "MINGJING_KEEP_IM": "1"}, ("fcitx", None)),
])
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux run-time hook")
def test_fcitx_sessions_type_through_the_bundled_ibus_plugin(session, expected, monkeypatch):
    import runpy

    for name in ("QT_IM_MODULE", "XMODIFIERS", "MINGJING_KEEP_IM"):
        monkeypatch.delenv(name, raising=False)  # loading the hook runs it on os.environ

    hook = runpy.run_path(str(ROOT / "packaging" / "rthooks" / "linux_input_method.py"),
                          run_name="hook")
    env = dict(session)
    hook["_use_ibus_portal_for_fcitx"](env)
    assert (env.get("QT_IM_MODULE"), env.get("IBUS_USE_PORTAL")) == expected


# --- the icon -------------------------------------------------------------------------------
def test_icon_pngs_and_ico_hold_every_size():
    from PySide6.QtGui import QImage

    for size in SIZES:
        image = QImage(str(ROOT / "resources" / "icons" / f"mingjing-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 2).alpha() == 255  # drawn, not blank
    data = (ROOT / "packaging" / "windows" / "mingjing.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(SIZES))
    seen = []
    for i in range(count):
        width, _, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert data[offset:offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + length <= len(data)
        seen.append(width or 256)
    assert seen == list(SIZES)


def test_every_window_gets_the_app_icon(qapp):
    from app.ui.icon import set_app_icon

    set_app_icon(qapp)
    sizes = {s.width() for s in qapp.windowIcon().availableSizes()}
    assert {16, 32, 256} <= sizes
    assert qapp.desktopFileName() == "mingjing"
    desktop = (ROOT / "packaging" / "linux" / "mingjing.desktop").read_text(encoding="utf-8")
    assert "Icon=mingjing" in desktop and "Name[zh_CN]=明镜" in desktop


# --- the built Linux folder -------------------------------------------------------------------
def _sources_digest() -> str:
    digest = hashlib.sha256()
    for folder in ("app", "resources", "phrasebank", "packaging"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    digest.update((ROOT / "pyproject.toml").read_bytes())
    return digest.hexdigest()


def _built_bundle() -> tuple[Path, float | None]:
    """dist/mingjing from build-linux.sh, rebuilt only when a source changed."""
    dist = BUNDLE_CACHE / "dist"
    stamp = BUNDLE_CACHE / "sources.sha256"
    want = _sources_digest()
    bundle = dist / "mingjing"
    if stamp.is_file() and stamp.read_text() == want and (bundle / "mingjing").is_file():
        return bundle, None
    shutil.rmtree(dist, ignore_errors=True)
    env = dict(os.environ, MINGJING_BUILD_PYTHON=sys.executable, MINGJING_DIST=str(dist),
               MINGJING_WORK=str(BUNDLE_CACHE / "work"))
    started = time.perf_counter()
    result = subprocess.run(["bash", str(ROOT / "packaging" / "build-linux.sh")], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=900, check=False)
    seconds = time.perf_counter() - started
    assert result.returncode == 0, (result.stdout + result.stderr)[-5000:]
    stamp.write_text(want)
    return bundle, seconds


def _isolation() -> list[str]:
    """A command prefix that gives the child a network namespace of its own, if allowed."""
    unshare = shutil.which("unshare")
    for prefix in ([unshare, "-n"], [unshare, "-r", "-n"]) if unshare else []:
        if subprocess.run([*prefix, "true"], capture_output=True, check=False).returncode == 0:
            return prefix
    return []


def _traced(command: list[str], trace: Path) -> list[str]:
    """``command`` under strace, logging every socket() and connect() of it and its threads."""
    strace = shutil.which("strace")
    if not strace:
        return command
    return [strace, "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace), *command]


def _internet_calls(trace: Path) -> list[str]:
    """The traced calls that made or used an internet (IPv4/IPv6) socket."""
    if not trace.is_file():
        return []
    return [line for line in trace.read_text().splitlines()
            if "AF_INET" in line]  # matches AF_INET6 too; unix sockets are AF_UNIX


def _run_built(command: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(command, env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=180, check=False)


@pytest.mark.skipif(not shutil.which("strace"), reason="strace is not installed")
def test_the_syscall_trace_sees_an_internet_socket(tmp_path):
    trace = tmp_path / "trace.txt"
    probe = "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).close()"
    result = _run_built(_traced([*_isolation(), sys.executable, "-c", probe], trace), {})
    assert result.returncode == 0, result.stderr
    assert _internet_calls(trace), trace.read_text()
    quiet = tmp_path / "quiet.txt"
    _run_built(_traced([sys.executable, "-c", "import socket; socket.socketpair()"], quiet), {})
    assert quiet.is_file() and _internet_calls(quiet) == []


def _startup_ms(command: list[str], env: dict) -> float:
    """Process start → the built app says its window is exposed (MINGJING_STARTUP_PROBE)."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=dict(env, MINGJING_STARTUP_PROBE="1"),
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in proc.stdout:
        if line.startswith("WINDOW_SHOWN"):
            elapsed = (time.perf_counter() - started) * 1000
            assert line.split()[1] == "True", "shown but never exposed"
            break
    else:
        raise AssertionError("the built app never reported its window")
    assert proc.wait(timeout=60) == 0
    return elapsed


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="builds the Linux folder")
def test_built_linux_folder_starts_offline_and_exports(tmp_path, capsys):
    bundle, build_seconds = _built_bundle()
    check = subprocess.run([sys.executable, str(ROOT / "packaging" / "check_bundle.py"),
                            str(bundle)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    figures_line = next(line for line in check.stdout.splitlines() if line.startswith("BUNDLE "))
    size = json.loads(figures_line[len("BUNDLE "):])

    prefix = _isolation()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "MINGJING_"))}
    env.update(QT_QPA_PLATFORM="offscreen", MINGJING_HOME=str(tmp_path / "home"))
    out = tmp_path / "导出" / "自检.docx"
    trace = tmp_path / "trace.txt"
    result = _run_built(_traced([*prefix, str(bundle / "mingjing"), "--smoke-test", str(out)],
                                trace), env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert _internet_calls(trace) == [], "the built app made internet sockets"
    figures = _smoke_line(result.stdout)
    assert figures["phrases"] > 500 and figures["phrasebank_errors"] == 0
    assert figures["suggestions"] > 0
    assert "取消" in figures["qt_cancel_text"]  # Qt's own catalogue is in the bundle and found
    _check_export(out, figures)

    command = [*prefix, str(bundle / "mingjing")]
    _startup_ms(command, env)  # warm the file cache, as a second start would be
    times = [_startup_ms(command, env) for _ in range(5)]
    # the frozen build keeps the READY hook the bench's --built timing relies on
    from app.bench.built import first_run

    ready = first_run(bundle / "mingjing", tmp_path / "first-run")
    assert ready["phrases"] > 500 and ready["suggestions_ready_ms"] >= ready["window_exposed_ms"] > 0
    with capsys.disabled():
        built = f"built in {build_seconds:.0f} s" if build_seconds else "cached build"
        isolated = "unshare " + " ".join(prefix[1:]) if prefix else "not isolated"
        traced = "socket calls traced" if trace.is_file() else "socket calls not traced (no strace)"
        print(f"\n[bench] built Linux folder: {size['size_mb']} MB, {size['files']} files "
              f"({built}); network: {isolated}, {traced}"
              f"\n[bench] built app start-up to window shown: median "
              f"{statistics.median(times):.0f} ms (runs: {', '.join(f'{t:.0f}' for t in times)})"
              f"\n[bench] built app smoke: window {figures['window_shown_ms']} ms, jieba ready "
              f"{figures['segmenter_ready_ms']} ms, export {figures['export_ms']} ms (first run)"
              f"\n[bench] built app first run to suggestions ready: "
              f"{ready['suggestions_ready_ms']:.0f} ms (python -m app bench --built)")
