"""Helpers shared by the engine's subcommands (not a command itself)."""

from __future__ import annotations

import sys

from app.core.errors import MingjingError
from app.core.topics import CANONICAL_TOPICS, PARTS


class UsageError(MingjingError):
    """Bad command-line input, with a Chinese message."""


def resolve_topic(name: str) -> str:
    """A canonical topic from its full name or either half (宗旨意识 → 宗旨意识/群众工作)."""
    name = name.strip()
    if name in CANONICAL_TOPICS:
        return name
    hits = [t for t in CANONICAL_TOPICS if name in t.split("/") or (len(name) >= 2 and name in t)]
    if len(hits) == 1:
        return hits[0]
    raise UsageError(f"未知主题“{name}”。可用主题：{'、'.join(CANONICAL_TOPICS)}")


def resolve_part(name: str) -> str:
    if name in PARTS:
        return name
    raise UsageError(f"未知部分“{name}”。可用：{'、'.join(PARTS)}")


def fail(message: str, code: int = 2) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return code


def load_template_library():
    """Shipped and user templates; a skipped broken file is reported on stderr."""
    from app.core.document.templates import load_templates
    from app.core.paths import templates_dir, user_data_dir

    library = load_templates(templates_dir(), user_data_dir() / "templates")
    report_template_errors(library)
    return library


def report_template_errors(library) -> None:
    """Name the skipped broken template files on stderr (nothing when there are none)."""
    if library.errors:
        print(f"注意：{library.error_report()}", file=sys.stderr)


def load_services(with_segmenter: bool = True, uses_templates: bool = False):
    """The engine with the user's library; says so on stderr if the library was damaged.

    A command that uses the templates (``uses_templates``) also names broken template files.
    """
    from app.core.services import Services

    services = Services.load()
    if services.library.notice:
        print(f"注意：{services.library.notice}", file=sys.stderr)
    if uses_templates:
        report_template_errors(services.templates)
    if with_segmenter:
        services.segmenter.load()
        services.index.after_segmenter_loaded()
    return services
