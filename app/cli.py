"""The command line: ``python -m app`` / ``mingjing``.

With no arguments (or just a file) it opens the window; subcommands share the engine
and print human text, or JSON with ``--json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app import __version__

SUBCOMMANDS = ("outline",)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mingjing", description="明镜：对照检查材料写作助手")
    parser.add_argument("--version", action="version", version=f"明镜 {__version__}")
    sub = parser.add_subparsers(dest="command")
    outline = sub.add_parser("outline", help="打印识别出的章节结构")
    outline.add_argument("input", type=Path, help=".txt 或 .docx 文件")
    outline.add_argument("--json", action="store_true", help="输出 JSON")
    return parser


def _load_outline(path: Path):
    from app.core.outline import build_outline, resolve_template
    from app.core.paths import templates_dir, user_data_dir
    from app.core.reader import read_document
    from app.core.templates import load_templates
    from app.core.topics import TopicClassifier

    document = read_document(path)
    library = load_templates(templates_dir(), user_data_dir() / "templates")
    return build_outline(document.paragraphs, TopicClassifier.load(), resolve_template(document, library))


def _print_outline(outline) -> None:
    print(f"标题：{outline.title or '（无）'}")
    print(f"模板：{outline.template.name if outline.template else '（未识别）'}")
    for node in outline.walk():
        topics = "、".join(node.topics) or "—"
        print(f"{'  ' * (node.level - 1)}{node.number}{node.title}  [{node.part} · {topics}] {node.chars}字")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in SUBCOMMANDS and not argv[0].startswith("-")):
        from app.ui.app import run_gui

        return run_gui(Path(argv[0]) if argv else None)
    args = _parser().parse_args(argv)
    if args.command == "outline":
        from app.core.docx_io import DocumentReadError

        try:
            outline = _load_outline(args.input)
        except DocumentReadError as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return 2
        if args.json:
            print(json.dumps(outline.to_json(), ensure_ascii=False, indent=2))
        else:
            _print_outline(outline)
        return 0
    _parser().print_help()
    return 0
