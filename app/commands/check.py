"""``mingjing check FILE [--json]``: 校对 and 结构检查 findings; exit status 1 when any."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

NAME = "check"
HELP = "校对与结构检查（有问题时退出码为 1）"
_EPILOG = (
    "JSON 输出为列表，每项含 kind、message、start、end、text、suggestion。"
    "start/end 是字符偏移（按 Unicode 字符计，左闭右开）：.txt 文件按解码后的全文计算，"
    "换行统一为 \\n；.docx 文件按段落文字以 \\n 连接后的全文计算。"
    "suggestion 为替换 text 的建议写法，没有时为 null。退出码：0 无问题，1 有问题，2 文件无法读取。"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = HELP
    parser.epilog = _EPILOG
    parser.add_argument("input", type=Path, help=".txt 或 .docx 文件")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.add_argument("--no-structure", action="store_true", help="只校对，不做结构检查")


def run_checks(path: Path, structure: bool = True):
    """(text, findings) for ``path`` with the shipped data and the user's additions."""
    from app.commands._common import load_template_library
    from app.core.check import load_check_config, proofread, sort_findings
    from app.core.check.source import read_check_input
    from app.core.check.structure_check import check_structure
    from app.core.document.outline import resolve_template
    from app.core.paths import user_data_dir
    from app.core.topics import TopicClassifier

    user_dir = user_data_dir()
    source = read_check_input(path)
    findings = proofread(source.text, load_check_config(user_dir))
    if structure:
        library = load_template_library()
        template = resolve_template(source.document, library)
        findings += check_structure(source.document.paragraphs, source.text, TopicClassifier.load(),
                                    template)
    return source.text, sort_findings(findings)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def run(args: argparse.Namespace) -> int:
    from app.core.errors import DocumentReadError

    try:
        text, findings = run_checks(args.input, not args.no_structure)
    except DocumentReadError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2))
    elif not findings:
        print(f"“{args.input.name}”未发现问题。")
    else:
        for f in findings:
            line, col = _line_col(text, f.start)
            fix = f" → 建议：“{f.suggestion}”" if f.suggestion is not None else ""
            print(f"{args.input.name}:{line}:{col}: [{f.label}] “{f.text}” {f.message}{fix}")
        print(f"共 {len(findings)} 处。")
    return 1 if findings else 0
