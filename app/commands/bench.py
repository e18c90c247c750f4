"""``mingjing bench [--json] [--quick]``: every benchmark, with its goal (for developers);
``--built dist/mingjing`` times a built app's first run instead."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

NAME = "bench"
HELP = "性能基准：启动、卡顿、按键、推荐、导出、检查、内存（开发者用）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (HELP + "。全部在临时文件夹中运行，不联网；只报告实测数字，"
                          "未达目标不影响退出码。")
    parser.add_argument("--json", action="store_true", help="输出 JSON（数字，除注明外单位为毫秒）")
    parser.add_argument("--quick", action="store_true", help="快速模式：重复次数更少（CI 用）")
    parser.add_argument("--big", action="store_true",
                        help="大文稿：3 万字、30 万字、1 MB、5 MB 的打开、校对、结构检查与界面卡顿")
    parser.add_argument("--built", metavar="文件夹", type=Path,
                        help="只测安装版（如 dist/mingjing）的首次运行：空用户文件夹到素材推荐就绪")
    parser.add_argument("--runs", type=int, default=3, help="--built 的运行次数（默认 3）")


def run(args: argparse.Namespace) -> int:
    try:
        from app.bench.probe import refuse_network
        from app.bench.runner import format_table, run_all
    except ImportError:  # the installed app leaves the benchmarks out (packaging/mingjing.spec)
        print("错误：性能基准只在源码中提供，安装版不含。", file=sys.stderr)
        return 2

    refuse_network()
    if args.built is not None:
        return _run_built(args)
    if args.big:
        from app.bench.big_documents import format_rows
        from app.bench.big_documents import run as run_big

        rows = run_big(progress=lambda step: print(step, file=sys.stderr, flush=True))
        print(json.dumps(rows, ensure_ascii=False, indent=2) if args.json else format_rows(rows))
        return 0
    result = run_all(args.quick, progress=lambda step: print(step, file=sys.stderr, flush=True))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(format_table(result))
    return 0


def _run_built(args: argparse.Namespace) -> int:
    """Exit 1 only when the built app crashes or never gets ready (a missed goal is 0)."""
    from app.bench.built import BuiltAppError, format_result, measure

    try:
        result = measure(args.built, max(1, args.runs))
    except FileNotFoundError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except BuiltAppError as exc:
        print(f"错误：安装版没有正常运行。{exc}", file=sys.stderr)
        return 1
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else format_result(result))
    return 0
