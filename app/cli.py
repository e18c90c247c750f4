"""The command line: ``python -m app`` / ``mingjing``.

With no arguments (or just a file) it opens the window; subcommands (``app/commands``) share
the engine and print human text, or JSON with ``--json``.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__
from app.commands import COMMAND_MODULES

if TYPE_CHECKING:  # argparse only for subcommands: the window's start-up skips it
    import argparse
    from types import ModuleType


def _command(name: str) -> ModuleType:
    return importlib.import_module(f"app.commands.{name}")


def _parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(prog="mingjing", description="明镜：对照检查材料写作助手")
    parser.add_argument("--version", action="version", version=f"明镜 {__version__}")
    parser.add_argument("--smoke-test", metavar="OUT.docx", type=Path,
                        help="自检：打开窗口，等素材和分词词典加载完毕，把示例文稿导出到 OUT.docx 后退出")
    sub = parser.add_subparsers(dest="command")
    for name in COMMAND_MODULES:
        module = _command(name)
        module.add_arguments(sub.add_parser(module.NAME, help=module.HELP))
    return parser


def _looks_like_document(arg: str) -> bool:
    """``mingjing 报告.docx`` opens the window on a file; anything else that is not a
    subcommand is a typo, not a file name."""
    path = Path(arg)
    return path.suffix.lower() in (".docx", ".txt") or path.exists()


def _unknown_command(name: str) -> int:
    print(f"错误：没有“{name}”这个命令。\n"
          f"可用的命令：{'、'.join(COMMAND_MODULES)}。\n"
          "用 mingjing --help 查看说明；打开窗口请直接运行 mingjing，或 mingjing 文件.docx。",
          file=sys.stderr)
    return 2


def _no_display() -> str | None:
    """Why no window can be shown here (Linux without X or Wayland), in one line."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return None  # offscreen, vnc, …: Qt needs no display
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return ("没有图形界面（未设置 DISPLAY 或 WAYLAND_DISPLAY），无法打开明镜窗口。"
            "请在桌面环境中运行；命令行功能见 mingjing --help。")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) == 2 and argv[0] == "--warm-caches":  # the first-run cache builder
        from app.core.services import warm_caches_main

        return warm_caches_main(Path(argv[1]))
    if not argv or (argv[0] not in COMMAND_MODULES and not argv[0].startswith("-")):
        if argv and (len(argv) > 1 or not _looks_like_document(argv[0])):
            return _unknown_command(argv[0])
        problem = _no_display()
        if problem:
            print(f"错误：{problem}", file=sys.stderr)
            return 2
        from app.ui.app import run_gui

        return run_gui(Path(argv[0]) if argv else None)
    args = _parser().parse_args(argv)
    if args.smoke_test:
        from app.ui.smoke import run_smoke

        return run_smoke(args.smoke_test)
    if args.command:
        try:
            return _command(args.command).run(args)
        except BrokenPipeError:
            # `mingjing similarity … | head`: the reader left; no traceback (Python docs'
            # recipe: point stdout at devnull so the exit flush does not fail again).
            if sys.stdout is not None:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
    _parser().print_help()
    return 0
