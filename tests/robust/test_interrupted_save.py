"""A save killed at any moment leaves the old file or the new one, whole (SIGKILL)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from app.core.formats.docx_io import read_docx, write_docx
from app.core.model import Document, Paragraph, Role
from app.core.storage.files import backup_path
from tests.conftest import ROOT

FAULTS = {"injected": 0}


def _docx(tmp_path, name: str, text: str, repeat: int = 1) -> bytes:
    path = tmp_path / name
    paragraphs = [Paragraph(Role.TITLE, name)] + [Paragraph(Role.BODY, f"{text}{i}")
                                                   for i in range(repeat)]
    write_docx(Document(paragraphs, None), path, backup=False)
    return path.read_bytes()


def _child(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.robust.save_child", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


@pytest.mark.parametrize("point, expect", [
    ("write", "old"), ("fsync", "old"), ("backup", "old"), ("replace", "old"), ("after", "new"),
])
def test_kill_at_each_step_of_a_save(tmp_path, point, expect):
    target = tmp_path / "报告.docx"
    old = _docx(tmp_path, "old.docx", "旧版正文", 50)
    new = _docx(tmp_path, "new.docx", "新版正文", 400)
    target.write_bytes(old)
    (tmp_path / "incoming").write_bytes(new)
    child = _child(point, str(target), str(tmp_path / "incoming"))
    out, err = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL, (out, err)
    FAULTS["injected"] += 1
    assert target.read_bytes() == (old if expect == "old" else new)
    assert read_docx(target).paragraphs  # and Word-readable
    if point in ("replace", "after"):
        assert backup_path(target).read_bytes() == old


@pytest.mark.slow
def test_kill_at_random_moments_while_saving(tmp_path, capsys):
    runs = int(os.environ.get("MINGJING_SAVE_KILLS", "25"))
    target = tmp_path / "报告.docx"
    a = _docx(tmp_path, "a.docx", "甲版正文", 300)
    b = _docx(tmp_path, "b.docx", "乙版正文", 900)
    target.write_bytes(a)
    rng = random.Random(11)
    seen = set()
    for _ in range(runs):
        child = _child("loop", str(target), str(tmp_path / "a.docx"), str(tmp_path / "b.docx"))
        assert child.stdout.readline().strip() == "LOOPING"
        time.sleep(rng.uniform(0.0, 0.25))
        child.kill()
        child.wait(timeout=10)
        FAULTS["injected"] += 1
        current = target.read_bytes()
        assert current in (a, b), "a killed save left a damaged file"
        seen.add(current == a)
        if backup_path(target).exists():
            assert backup_path(target).read_bytes() in (a, b)
    with capsys.disabled():
        print(f"\n[robust] saves killed at random moments: {runs}; every time the file was "
              f"whole ({'both versions' if len(seen) == 2 else 'one version'} seen); "
              f"faults injected in this module so far: {FAULTS['injected']}")
