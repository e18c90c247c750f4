"""LibreOffice as the real client: .docx -> PDF, and what poppler reads back from the PDF.

Debian has no 仿宋_GB2312 and friends, so a generated fontconfig file maps the Chinese font
names of the export to free fonts, each to a different one, so that the PDF shows which
role got which font.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Chinese font name -> (free family, bold?)
FONT_ALIASES = {
    "仿宋_GB2312": ("Noto Serif CJK SC", False),
    "仿宋": ("Noto Serif CJK SC", False),
    "宋体": ("Noto Serif CJK SC", False),
    "方正小标宋简体": ("Noto Serif CJK SC", True),
    "黑体": ("Noto Sans CJK SC", False),
    "楷体_GB2312": ("AR PL UKai CN", False),
    "楷体": ("AR PL UKai CN", False),
}
# What pdffonts then names: role -> part of the embedded font name
PDF_FONT_OF = {
    "body": "NotoSerifCJK", "title": "NotoSerifCJK", "h1": "NotoSansCJK", "h2": "UKai",
}
TOOLS = ("soffice", "pdftotext", "pdffonts", "pdfinfo")


def missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


def write_fonts_conf(folder: Path) -> Path:
    rules = []
    for name, (family, bold) in FONT_ALIASES.items():
        weight = ('<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>'
                  if bold else "")
        rules.append(
            f'<match target="pattern"><test name="family"><string>{name}</string></test>'
            f'<edit name="family" mode="assign" binding="strong"><string>{family}</string></edit>'
            f"{weight}</match>")
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        + "\n".join(rules) + "\n</fontconfig>\n", encoding="utf-8")
    return conf


def convert(files: list[Path], out_dir: Path, work: Path, target: str = "pdf") -> None:
    """Convert ``files`` with one headless soffice run and a private profile."""
    out_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, FONTCONFIG_FILE=str(write_fonts_conf(work)), HOME=str(work))
    env.pop("DISPLAY", None)
    profile = (work / "lo-profile").as_uri()
    cmd = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
           "--convert-to", target, "--outdir", str(out_dir), *map(str, files)]
    subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=300)


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=60).stdout


def page_count(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))


def page_size(pdf: Path) -> tuple[float, float]:
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", _run("pdfinfo", str(pdf)))
    return float(m.group(1)), float(m.group(2))


def fonts(pdf: Path) -> list[str]:
    lines = _run("pdffonts", str(pdf)).splitlines()[2:]
    return [line.split()[0].split("+")[-1] for line in lines if line.strip()]


def raw_text(pdf: Path) -> str:
    """Text in content-stream order (table cells whole, not interleaved by line)."""
    return _run("pdftotext", "-raw", str(pdf), "-")


def layout_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    pages = []
    if first:
        pages += ["-f", str(first)]
    if last:
        pages += ["-l", str(last)]
    return _run("pdftotext", "-layout", *pages, str(pdf), "-")


@dataclass
class Word:
    page: int
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


def words(pdf: Path) -> list[Word]:
    html = _run("pdftotext", "-bbox", str(pdf), "-")
    found = []
    for page_no, page in enumerate(html.split("<page ")[1:], 1):
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                             r"([^<]*)</word>", page):
            found.append(Word(page_no, *map(float, m.groups()[:4]), m.group(5)))
    return found


PAGE_NUMBER_LINE = re.compile(r"^\s*—\s*\d+\s*—\s*$")


def body_lines(page_text: str) -> list[str]:
    """Text lines of one page, page number line left out."""
    return [ln for ln in page_text.splitlines() if ln.strip() and not PAGE_NUMBER_LINE.match(ln)]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
