"""``mingjing classify TEXT``: the part and topics a sentence or point belongs to."""

from __future__ import annotations

import argparse
import json

from app.commands._common import fail, load_services

NAME = "classify"
HELP = "判断一句话或一条要点属于哪个部分、哪些主题"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", help="要判断的文字")
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def run(args: argparse.Namespace) -> int:
    from app.core.phrases.classify import Classifier

    if not args.text.strip():
        return fail("请给出要判断的文字。")
    services = load_services()
    result = Classifier(services.classifier, services.index).classify(args.text)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        print(f"部分：{result.part}")
        print(f"主题：{'、'.join(result.topics) or '（未能判断）'}")
        print(f"把握：{result.confidence:.0%}")
    return 0
