"""``mingjing outline FILE [--json]``: print the recognised section structure."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

NAME = "outline"
HELP = "打印识别出的章节结构"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", type=Path, help=".txt 或 .docx 文件")
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def load_outline(path: Path):
    """Read a .txt/.docx and build its outline with the shipped and user templates."""
    from app.commands._common import load_template_library
    from app.core.document.outline import build_outline, resolve_template
    from app.core.formats.reader import read_document
    from app.core.topics import TopicClassifier

    document = read_document(path)
    library = load_template_library()
    return build_outline(document.paragraphs, TopicClassifier.load(), resolve_template(document, library))


def _print_outline(outline) -> None:
    print(f"标题：{outline.title or '（无）'}")
    print(f"模板：{outline.template.name if outline.template else '（未识别）'}")
    for node in outline.walk():
        topics = "、".join(node.topics) or "—"
        print(f"{'  ' * (node.level - 1)}{node.number}{node.title}  [{node.part} · {topics}] {node.chars}字")


def run(args: argparse.Namespace) -> int:
    from app.core.errors import DocumentReadError

    try:
        outline = load_outline(args.input)
    except DocumentReadError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(outline.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_outline(outline)
    return 0
