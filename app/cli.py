"""The command line: ``python -m app`` / ``mingjing``.

With no arguments (or just a file) it opens the window; subcommands (``app/commands``) share
the engine and print human text, or JSON with ``--json``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path
from types import ModuleType

from app import __version__
from app.commands import COMMAND_MODULES


def _command(name: str) -> ModuleType:
    return importlib.import_module(f"app.commands.{name}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mingjing", description="明镜：对照检查材料写作助手")
    parser.add_argument("--version", action="version", version=f"明镜 {__version__}")
    parser.add_argument("--smoke-test", metavar="OUT.docx", type=Path,
                        help="自检：打开窗口，等素材和分词词典加载完毕，把示例文稿导出到 OUT.docx 后退出")
    sub = parser.add_subparsers(dest="command")
    for name in COMMAND_MODULES:
        module = _command(name)
        module.add_arguments(sub.add_parser(module.NAME, help=module.HELP))
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) == 2 and argv[0] == "--warm-caches":  # the first-run cache builder
        from app.core.services import warm_caches_main

        return warm_caches_main(Path(argv[1]))
    if not argv or (argv[0] not in COMMAND_MODULES and not argv[0].startswith("-")):
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
