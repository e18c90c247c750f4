"""``mingjing phrasebank import PATH…`` / ``mingjing phrasebank stats``: the user's library."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from app.commands._common import fail, load_services

NAME = "phrasebank"
HELP = "素材库：导入往年材料、查看统计"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="{import,stats}")
    imp = sub.add_parser("import", help="导入 .docx/.txt 文件或文件夹中的往年材料")
    imp.add_argument("paths", nargs="+", type=Path, help="文件或文件夹")
    imp.add_argument("--json", action="store_true", help="输出 JSON")
    stats = sub.add_parser("stats", help="内置素材与我的素材统计")
    stats.add_argument("--json", action="store_true", help="输出 JSON")


def _import(args: argparse.Namespace) -> int:
    from app.core.phrases.classify import Classifier
    from app.core.phrases.importer import import_paths

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        return fail(f"找不到：{'、'.join(missing)}")
    services = load_services(uses_templates=True)

    def progress(done: int, total: int, name: str) -> bool:
        if name and not args.json:
            print(f"[{done + 1}/{total}] {name}", file=sys.stderr)
        return True

    report = import_paths(args.paths, services.library, (p.text for p in services.all_phrases()),
                          services.templates, Classifier(services.classifier, services.index),
                          progress)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print(report.summary())
    return 0 if report.read or not report.files else 1


def _stats(args: argparse.Namespace) -> int:
    from app.core.phrases.bank_stats import formula_stats

    services = load_services(with_segmenter=False)
    shipped = services.phrasebank.phrases
    mine = services.library.stats()
    quality = formula_stats(shipped)
    data = {
        "shipped": {"phrases": len(shipped), "errors": len(services.phrasebank.errors),
                    "by_part": dict(Counter(p.part for p in shipped)),
                    "by_topic": dict(Counter(t for p in shipped for t in p.topics[:1])),
                    "quality": quality.to_json()},
        "user": {"phrases": mine.phrases, "favourites": mine.favourites, "used": mine.used,
                 "sources": mine.sources, "by_part": mine.by_part, "by_topic": mine.by_topic},
        "library": str(services.library.path),
    }
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"内置素材 {len(shipped)} 条（格式错误 {data['shipped']['errors']} 条）")
    print("  按部分：" + "，".join(f"{k} {v}" for k, v in data["shipped"]["by_part"].items()))
    print(f"  问题素材 {quality.problems} 条：含“不够” {quality.formula_share:.0%}（目标≤50%），"
          f"含“有时” {quality.hedge_share:.0%}（目标≤15%）；问题要点 {quality.points} 条，"
          f"带具体事例/时间/数量占位 {quality.slot_share:.0%}（目标≥50%）")
    print(f"  原因领句跨文件重复 {len(quality.repeated_cause_leads)} 个；"
          f"措辞像承认违纪的素材 {len(quality.unsafe)} 条")
    for problem in quality.failures():
        print(f"  未达标：{problem}")
    print(f"我的素材 {mine.phrases} 条，来自 {mine.sources} 个来源；收藏 {mine.favourites} 条；"
          f"用过的素材 {mine.used} 条")
    if mine.by_part:
        print("  按部分：" + "，".join(f"{k} {v}" for k, v in mine.by_part.items()))
    print(f"素材库文件：{services.library.path}")
    return 0


def run(args: argparse.Namespace) -> int:
    return _import(args) if args.action == "import" else _stats(args)
