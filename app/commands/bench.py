"""``mingjing bench [--json] [--quick]``: every benchmark, with its goal (for developers)."""

from __future__ import annotations

import argparse
import json
import sys

NAME = "bench"
HELP = "性能基准：启动、卡顿、按键、推荐、导出、检查、内存（开发者用）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (HELP + "。全部在临时文件夹中运行，不联网；只报告实测数字，"
                          "未达目标不影响退出码。")
    parser.add_argument("--json", action="store_true", help="输出 JSON（数字，除注明外单位为毫秒）")
    parser.add_argument("--quick", action="store_true", help="快速模式：重复次数更少（CI 用）")


def run(args: argparse.Namespace) -> int:
    try:
        from app.bench.probe import refuse_network
        from app.bench.runner import format_table, run_all
    except ImportError:  # the installed app leaves the benchmarks out (packaging/mingjing.spec)
        print("错误：性能基准只在源码中提供，安装版不含。", file=sys.stderr)
        return 2

    refuse_network()
    result = run_all(args.quick, progress=lambda step: print(step, file=sys.stderr, flush=True))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(format_table(result))
    return 0
