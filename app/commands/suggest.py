"""``mingjing suggest``: ranked phrases for a section and the text around the cursor."""

from __future__ import annotations

import argparse
import json

from app.commands._common import (
    UsageError,
    fail,
    load_services,
    resolve_part,
    resolve_topic,
)

NAME = "suggest"
HELP = "按部分、主题和上下文推荐素材"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--part", default="问题", help="部分：开头/问题/原因/措施/结尾/过渡（默认 问题）")
    parser.add_argument("--topic", action="append", default=[], help="主题，可重复，如 理论学习")
    parser.add_argument("--context", default="", help="光标所在段落及标题的文字")
    parser.add_argument("--query", default="", help="搜索：词语、拼音或拼音首字母（如 llxx）")
    parser.add_argument("--all", action="store_true", help="在全部素材中搜索")
    parser.add_argument("--limit", type=int, default=10, help="最多几条（默认 10）")
    parser.add_argument("--template", default="", metavar="ID",
                        help="按该模板的对象排序（如普通党员的组织生活会模板，党员素材在前）")
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def run(args: argparse.Namespace) -> int:
    from app.core.phrases.audience import preferred_tags

    try:
        part = resolve_part(args.part)
        topics = [resolve_topic(t) for t in args.topic]
    except UsageError as exc:
        return fail(str(exc))
    if args.limit < 1:
        return fail("--limit 应为正整数。")
    services = load_services(with_segmenter=bool(args.context.strip()),
                             uses_templates=bool(args.template))
    template = services.templates.get(args.template) if args.template else None
    if args.template and template is None:
        ids = "、".join(t.id for t in services.templates.templates)
        return fail(f"找不到模板“{args.template}”。可用模板：{ids}")
    found = services.index.suggest(part, topics, args.context, limit=args.limit, query=args.query,
                                   whole_bank=args.all, boosts=services.boosts(),
                                   prefer=preferred_tags(template))
    if args.json:
        print(json.dumps([{"id": s.phrase.id, "text": s.phrase.text, "part": s.phrase.part,
                           "topics": list(s.phrase.topics), "score": s.score,
                           "source": s.phrase.source} for s in found],
                         ensure_ascii=False, indent=2))
        return 0
    if not found:
        print("没有找到匹配的素材。")
    for rank, s in enumerate(found, 1):
        tags = f"{s.phrase.part} · {'、'.join(s.phrase.topics) or '通用'} · {s.phrase.source}"
        print(f"{rank}. [{s.score:.2f}] {s.phrase.text}\n   （{tags}，id {s.phrase.id}）")
    return 0
