"""Check a built one-folder bundle: what must be in it is, what must not is not.

``python packaging/check_bundle.py dist/mingjing`` prints what is missing or left over and a
``BUNDLE {json}`` line (size, file count), and exits 1 on any problem.  On Linux it also asks
``ldd`` whether every bundled library and plugin finds the libraries it links to.
Standard library only, so it runs with any Python.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Relative to the contents folder (sys._MEIPASS).  Globs must match at least one file.
REQUIRED = [
    "resources/templates/*.toml", "resources/topics.toml", "resources/jieba_userdict.txt",
    "resources/check/*", "resources/icons/mingjing-256.png", "phrasebank/*.jsonl",
    "jieba/dict.txt", "docx/templates/default.docx", "docx/templates/default-footer.xml",
    "docx/templates/default-header.xml", "docx/templates/default-styles.xml",
    "docx/parts/hdrftr.py", "pypinyin/pinyin_dict.json", "pypinyin/phrases_dict.json",
    "rapidfuzz/*", "PySide6/Qt*", "PySide6/**/platforms/*offscreen*",
]
LINUX_REQUIRED = ["PySide6/**/platforms/libqxcb.so", "PySide6/**/platforminputcontexts/*ibus*"]
WINDOWS_REQUIRED = ["PySide6/**/platforms/qwindows.dll"]
# Nothing may match these.
FORBIDDEN = [
    "jieba/lac_small", "jieba/analyse", "jieba/posseg", "tkinter", "_tkinter*", "tcl*", "tk*",
    "**/*WebEngine*", "**/*Qt6Quick*", "**/*Qt6Qml*", "**/*Qt63D*", "**/*Multimedia*",
    "**/*Qt6Network*", "**/qml", "**/translations/qtbase_de.qm", "setuptools", "pkg_resources",
]


def contents_dir(bundle: Path) -> Path:
    inner = bundle / "_internal"
    return inner if inner.is_dir() else bundle


def problems_in(bundle: Path) -> list[str]:
    root = contents_dir(bundle)
    required = REQUIRED + (WINDOWS_REQUIRED if sys.platform == "win32" else LINUX_REQUIRED)
    found = [f"缺少 {pattern}" for pattern in required if not any(root.glob(pattern))]
    found += [f"不应打包 {path.relative_to(root)}"
              for pattern in FORBIDDEN for path in root.glob(pattern)]
    executable = bundle / ("mingjing.exe" if sys.platform == "win32" else "mingjing")
    if not executable.is_file():
        found.append(f"缺少 {executable.name}")
    if sys.platform.startswith("linux"):
        found += unresolved_libraries(root)
    return found


def unresolved_libraries(root: Path) -> list[str]:
    """Bundled ELF files that link to a library found neither in the bundle nor the system."""
    env = dict(os.environ, LD_LIBRARY_PATH=str(root))
    out = []
    for path in sorted(root.rglob("*.so*")):
        if path.is_symlink() or not path.is_file():
            continue
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env,
                                check=False)
        missing = [line.split()[0] for line in result.stdout.splitlines() if "not found" in line]
        if missing:
            out.append(f"{path.relative_to(root)} 找不到 {', '.join(missing)}")
    return out


def figures(bundle: Path) -> dict[str, float | int]:
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    return {"size_mb": round(size / 1024 / 1024, 1), "files": len(files)}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("用法：python packaging/check_bundle.py dist/mingjing", file=sys.stderr)
        return 2
    bundle = Path(argv[0])
    problems = problems_in(bundle)
    for problem in problems:
        print(f"  ✗ {problem}")
    summary = figures(bundle)
    print("BUNDLE " + json.dumps({**summary, "problems": len(problems)}))
    print(f"==> {bundle}：{summary['size_mb']} MB，{summary['files']} 个文件"
          + ("，检查通过" if not problems else f"，{len(problems)} 个问题"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
