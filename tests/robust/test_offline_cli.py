"""No network, for every CLI command and for a whole GUI start, in real subprocesses.

``netguard/sitecustomize.py`` is put on the subprocess's PYTHONPATH; it installs an audit
hook before anything is imported, and ends the process with exit code 97 at the first
internet socket, connect, bind or name lookup.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.commands import COMMAND_MODULES
from tests.conftest import CORPUS, ROOT

GUARD_DIR = Path(__file__).resolve().parent / "netguard"
GUARD_EXIT = 97

# command -> sample arguments ({corpus}: a real report .txt, {tmp}: an empty folder).
# Every command in COMMAND_MODULES must have a row: a new command without one fails below.
SAMPLE_ARGS: dict[str, list[list[str]]] = {
    "outline": [["{corpus}"], ["{corpus}", "--json"]],
    "check": [["{corpus}"], ["{corpus}", "--json"]],
    "similarity": [["{corpus}", "{corpus_dir}", "--json"]],
    "suggest": [["--part", "问题", "--topic", "理论学习", "--context", "学习不够深入", "--json"]],
    "classify": [["理论学习不够系统，满足于读原文、记笔记。", "--json"]],
    "phrasebank": [["stats", "--json"], ["import", "{corpus}", "--json"]],
    "format": [["{corpus}", "-o", "{tmp}/out.docx"], ["{corpus}", "--rectification", "-o", "{tmp}/list.docx"]],
    # The whole bench takes ~40 s, so .ci/run runs it (--quick) after the suite; its measured
    # child processes refuse internet sockets themselves (tests/perf/test_probe.py).
    "bench": [["--help"]],
    "review": [["{corpus_dir}", "--json", "-o", "{tmp}/审核意见.docx"]],
    "template": [["from-notice", "tests/data/notices/yishi_inline_2025.txt", "--json"], ["list", "--json"]],
    "pack": [["export", "-o", "{tmp}/p.mjpack", "--template", "minzhu-2025", "--no-library"],
             ["import", "{tmp}/p.mjpack", "--on-clash", "rename"], ["list", "--json"]],
}


def _run(args: list[str], home: Path, **env) -> subprocess.CompletedProcess:
    environment = dict(os.environ, MINGJING_HOME=str(home), QT_QPA_PLATFORM="offscreen",
                       PYTHONPATH=os.pathsep.join([str(GUARD_DIR), str(ROOT)]), **env)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=environment, capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=False)


def test_the_guard_stops_a_subprocess_that_connects(tmp_path):
    probe = _run(["-c", "import socket; socket.create_connection(('127.0.0.1', 9), timeout=1)"],
                 tmp_path)
    assert probe.returncode == GUARD_EXIT and "NETWORK-GUARD" in probe.stderr
    lookup = _run(["-c", "import socket; socket.getaddrinfo('example.com', 80)"], tmp_path)
    assert lookup.returncode == GUARD_EXIT
    assert _run(["-c", "import socket; socket.socketpair()"], tmp_path).returncode == 0


def test_every_cli_command_has_sample_arguments():
    missing = [name for name in COMMAND_MODULES if name not in SAMPLE_ARGS]
    assert not missing, f"add sample arguments for {missing} to SAMPLE_ARGS in {__file__}"


@pytest.mark.parametrize("name", COMMAND_MODULES)
def test_cli_command_opens_no_network(name, tmp_path):
    for sample in SAMPLE_ARGS.get(name, []):
        args = [a.format(corpus=CORPUS[0], corpus_dir=CORPUS[0].parent, tmp=tmp_path) for a in sample]
        result = _run(["-m", "app", name, *args], tmp_path / "home")
        assert "NETWORK-GUARD" not in result.stderr, result.stderr
        assert result.returncode in (0, 1), (name, args, result.returncode, result.stderr[-2000:])


def test_help_and_version_open_no_network(tmp_path):
    for args in (["--help"], ["--version"]):
        result = _run(["-m", "app", *args], tmp_path)
        assert result.returncode == 0, result.stderr


def test_gui_start_opens_no_network(tmp_path):
    result = _run(["-m", "app"], tmp_path, MINGJING_STARTUP_PROBE="1")
    assert "NETWORK-GUARD" not in result.stderr, result.stderr
    assert result.returncode == 0 and "WINDOW_SHOWN True" in result.stdout
