"""``mingjing similarity DRAFT OTHER… [--json]``: 雷同比对 against other drafts and the phrasebank."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

NAME = "similarity"
HELP = "雷同比对：与其他文稿（文件或文件夹）及素材库比较"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = HELP
    parser.epilog = ("OTHER 可以是 .docx/.txt 文件或文件夹（含子文件夹）。相似度 ≥ 0.9 视为照搬，"
                     "≥ 0.7 视为近似照搬。JSON 中 start/end 为句子在草稿全文中的字符偏移（同 check）。")
    parser.add_argument("draft", type=Path, help="要比对的文稿")
    parser.add_argument("others", type=Path, nargs="*", help="其他文稿或文件夹")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.add_argument("--no-phrasebank", action="store_true", help="不与素材库比较")
    parser.add_argument("--all", action="store_true", help="列出每一句（默认只列近似照搬的句子）")


def run(args: argparse.Namespace) -> int:
    from app.core.check.similarity import (
        NEAR_COPY,
        SimilarityIndex,
        compare,
        phrasebank_text,
    )
    from app.core.check.source import read_check_input, read_sources
    from app.core.errors import DocumentReadError

    try:
        draft = read_check_input(args.draft)
    except DocumentReadError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    index = SimilarityIndex()
    sources, skipped = read_sources(args.others, exclude=args.draft)
    for name, text in sources:
        index.add(name, text)
    if not args.no_phrasebank:
        from app.core.paths import phrasebank_dir
        from app.core.phrases.phrasebank import load_phrasebank

        index.add("素材库", phrasebank_text(load_phrasebank(phrasebank_dir()).phrases))
    for reason in skipped:
        print(f"已跳过：{reason}", file=sys.stderr)
    if len(index.names) == 0:
        print("错误：没有可比较的文稿。", file=sys.stderr)
        return 2
    report = compare(draft.text, index)
    if args.json:
        data = report.to_json()
        if not args.all:
            data["sentences"] = [s for s in data["sentences"] if s["similarity"] >= NEAR_COPY]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"“{args.draft.name}”与 {len(index.names)} 个来源比对，共 {report.total_chars} 字：")
    print(f"  照搬 {report.copied_share:.0%}，照搬或近似照搬 {report.near_share:.0%}")
    for share in report.sources:
        print(f"  来源“{share.name}”：照搬 {share.copied:.0%}，近似照搬 {share.near:.0%}")
    shown = [m for m in report.sentences if args.all or m.similarity >= NEAR_COPY]
    for m in shown:
        where = f"“{m.source}”：{m.source_text}" if m.source else "无相似句"
        print(f"\n[{m.similarity:.0%}] {m.sentence.text}\n    ← {where}")
    return 0
