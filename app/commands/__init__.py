"""Command-line subcommands, one module each.

Each module defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``.
Add a new command by writing its module and listing it in ``COMMAND_MODULES``.
"""

from __future__ import annotations

COMMAND_MODULES: tuple[str, ...] = (
    "outline",
    "check",
    "similarity",
    "format",
    "suggest",
    "classify",
    "phrasebank",
    "template",
    "pack",
    "bench",
    "review",
)
