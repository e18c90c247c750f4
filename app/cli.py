"""The command line: ``python -m app`` / ``mingjing``.

With no arguments (or just a file) it opens the window; subcommands (``app/commands``) share
the engine and print human text, or JSON with ``--json``.
"""

from __future__ import annotations

import argparse
import importlib
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
    sub = parser.add_subparsers(dest="command")
    for name in COMMAND_MODULES:
        module = _command(name)
        module.add_arguments(sub.add_parser(module.NAME, help=module.HELP))
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) == 2 and argv[0] == "--warm-caches":  # the first-run cache builder
        from app.core.warmup import run_child

        return run_child(Path(argv[1]))
    if not argv or (argv[0] not in COMMAND_MODULES and not argv[0].startswith("-")):
        from app.ui.app import run_gui

        return run_gui(Path(argv[0]) if argv else None)
    args = _parser().parse_args(argv)
    if args.command:
        return _command(args.command).run(args)
    _parser().print_help()
    return 0
