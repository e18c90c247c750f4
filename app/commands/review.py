"""``mingjing review FOLDER|FILES… [--json] [-o 审核意见.docx] [--table 汇总表.docx]``: 审核."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

NAME = "review"
HELP = "审核一个单位的全部材料：字数、缺项、错漏、政治表述、相互雷同（材料本身不会改动）"
_EPILOG = (
    "JSON 输出：{\"reports\": [{\"file\", \"author\", \"template\", \"chars\", \"findings\": {kind: 数量}, …}], "
    "\"pairs\": [{\"a\", \"b\", \"similarity\", \"shared\": [{\"a\", \"b\", \"similarity\"}]}]}；"
    "similarity 为两份中较短一份的句子在另一份中出现（相同或近似）的比例。"
    "无法读取的文件也占一行，\"error\" 说明原因。多数材料共有的句子（通知原文、套话）不计入雷同。"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = HELP
    parser.epilog = _EPILOG
    parser.add_argument("inputs", nargs="+", type=Path, help="文件夹或文件（.docx/.txt；.doc/.wps 会提示另存）")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.add_argument("-o", "--output", type=Path, help="导出审核意见（.docx）")
    parser.add_argument("--table", type=Path, help="另外导出汇总表（.docx）")
    parser.add_argument("--title", default="", help="审核意见的标题")


def run(args: argparse.Namespace) -> int:
    from app.commands._common import fail, load_services
    from app.core.check import load_check_config
    from app.core.review import gather_reports, review
    from app.core.storage.files import SaveError

    missing = [p for p in args.inputs if not p.exists()]
    if missing:
        return fail(f"找不到“{missing[0]}”。")
    if not gather_reports(args.inputs):
        return fail("所选文件夹里没有 .docx/.txt 材料。")
    services = load_services(with_segmenter=False, uses_templates=True)
    result = review(args.inputs, services.templates, services.classifier,
                    load_check_config(services.user_dir), [p.text for p in services.phrasebank.phrases])
    for path, writer in ((args.output, "opinion"), (args.table, "summary")):
        if path is None:
            continue
        from app.core.review.opinion_docx import write_opinion, write_summary

        path = path if path.suffix.lower() == ".docx" else path.with_suffix(".docx")
        try:
            if writer == "opinion":
                write_opinion(result, path, args.title)
            else:
                write_summary(result, path)
        except SaveError as exc:
            return fail(str(exc))
        print(f"已导出：{path}", file=sys.stderr)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 0
    _print_human(result)
    return 0


def _print_human(result) -> None:
    from app.core.review.opinion import summary_rows

    for row, summary in zip(result.reports, summary_rows(result), strict=True):
        if row.error:
            print(f"{row.name}：{row.error}")
            continue
        cells = summary.cells
        print(f"{cells[0]}. {row.name}  作者：{cells[2]}  模板：{cells[3]}  字数：{cells[4]}  "
              f"缺少方面：{cells[5]}  无措施 {cells[6]}  无事例 {cells[7]}  错漏 {cells[8]}  表述 {cells[9]}  "
              f"最高雷同 {cells[10]}  素材库 {cells[11]}")
    top = result.comparison.pairs[:10]
    if top:
        print("\n雷同最高的材料：")
        for pair in top:
            a, b = result.reports[pair.a], result.reports[pair.b]
            print(f"  {pair.similarity:.0%}  {a.name} ↔ {b.name}（{len(pair.shared)} 句）")
