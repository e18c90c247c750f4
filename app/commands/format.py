"""``mingjing format INPUT -o OUT.docx [--template T] [--rectification]``: 一键排版."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

NAME = "format"
HELP = "一键排版：把 .txt/.docx 材料排成公文格式的 Word 文档（或导出整改清单）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", type=Path, help=".txt 或 .docx 文件（不会被改动）")
    parser.add_argument("-o", "--output", type=Path,
                        help="输出的 .docx 文件（默认：原文件名加“_排版”或“_整改清单”）")
    parser.add_argument("--template", help="模板编号或名称（默认按标题自动识别）")
    parser.add_argument("--rectification", action="store_true", help="导出整改清单（横向表格）")
    parser.add_argument("--bold-lead", action="store_true", help="“一是……。”等句首加粗")
    parser.add_argument("--fallback-fonts", action="store_true",
                        help="使用常见字体（仿宋/楷体/黑体/宋体），供没有 GB2312 字体的电脑")
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def run(args: argparse.Namespace) -> int:
    from app.commands._common import load_template_library
    from app.core.errors import FormatError
    from app.core.formats.export_options import ExportOptions
    from app.core.formats.reformat import format_file
    from app.core.topics import TopicClassifier

    options = ExportOptions.fallback() if args.fallback_fonts else ExportOptions()
    if args.bold_lead:
        options = ExportOptions(**{**options.__dict__, "bold_lead": True})
    library = load_template_library()
    try:
        result = format_file(args.input, args.output, library, TopicClassifier.load(),
                             template_name=args.template, rectification=args.rectification,
                             options=options)
    except FormatError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    elif result.rows is not None:
        print(f"已导出整改清单：{result.output}（{result.rows} 个问题，"
              f"{result.unmatched} 个未找到对应措施，请手工补充）")
    else:
        template = f"，模板：{result.template}" if result.template else ""
        print(f"已排版：{result.output}（{result.paragraphs} 段，{result.headings} 个标题，"
              f"{result.chars} 字{template}）")
    return 0
