"""Run every benchmark, in this process and fresh child processes; the table and the JSON."""

from __future__ import annotations

import math
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# key, label, goal (None: no goal of its own), unit, where the goal comes from
GOALS: tuple[tuple[str, str, float | None, str, str], ...] = (
    ("startup_to_window_ms", "启动到主窗口显示（5 次中位数）", None, "ms",
     "≤ 0.2 × novelWriter（tests/perf/peer_novelwriter.py）"),
    ("suggestions_ready_ms", "启动到素材推荐就绪（jieba 排序）", 600, "ms", "issue 4"),
    ("first_run_suggestions_ready_ms", "首次运行到素材推荐就绪（随程序预建缓存）", 1500, "ms", "issue 18"),
    ("first_run_no_shipped_cache_ms", "首次运行到素材推荐就绪（无预建缓存，源码运行）", None, "ms",
     "for comparison (issue 18: 2.6–5.2 s before)"),
    ("max_ui_stall_ms", "启动后 3 秒内最长界面卡顿", 50, "ms", "issue 4"),
    ("keystroke_p50_ms_30k", "3 万字文稿按键 p50", 2, "ms", "issue 3"),
    ("keystroke_p99_ms_30k", "3 万字文稿按键 p99", 16, "ms", "one 60 Hz frame"),
    ("suggest_p99_ms_10k", "1 万条素材推荐 p99", 16, "ms", "issue 4"),
    ("suggest_p99_ms_100k", "10 万条素材推荐 p99", 30, "ms", "issue 4"),
    ("export_ms_30k", "3 万字导出 .docx", 150, "ms", "issue 5"),
    ("check_ms_30k", "3 万字校对+结构检查", 200, "ms", "issue 6 (校对)"),
    ("check_recheck_ms_30k", "3 万字改一段后重新校对+结构检查", None, "ms", "issue 6"),
    ("proofread_ms_30k", "3 万字校对（含音近形近字）", 200, "ms", "issue 16"),
    ("proofread_ms_300k", "30 万字校对", None, "ms", "issue 16: linear"),
    ("proofread_ms_1m", "100 万字校对", None, "ms", "issue 16: linear"),
    ("proofread_recheck_ms_30k", "3 万字改一段后重新校对", None, "ms", "issue 16"),
    ("lexicon_build_ms", "校对词库构建（后台线程）", None, "ms", "issue 16"),
    ("rss_mb_10k", "1 万条素材+3 万字文稿内存（推荐就绪时）", 200, "MB", "issue 19"),
    ("rss_lexicon_peak_mb_10k", "同上，校对词库建好后的峰值", 200, "MB", "issue 19"),
    ("rss_lexicon_mb_10k", "同上，校对词库建好后的常驻内存", 200, "MB", "issue 19"),
    ("review_ms_40", "审核 40 份×5000 字", 10_000, "ms", "issue 20"),
    ("review_ms_200", "审核 200 份×5000 字（快速模式不测）", None, "ms", "issue 20: report the time"),
)


@dataclass
class Plan:
    """How much to run: ``quick`` keeps CI fast (fewer repeats, same measurements)."""

    quick: bool

    @property
    def startup_runs(self) -> int:
        return 5

    @property
    def session_runs(self) -> int:
        return 1 if self.quick else 3

    @property
    def strokes(self) -> int:
        return 100 if self.quick else 300

    @property
    def queries(self) -> int:
        return 100 if self.quick else 500

    @property
    def repeats(self) -> int:
        return 3 if self.quick else 7


def machine() -> dict[str, object]:
    memory = None
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            memory = int(info.readline().split()[1]) // 1024
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "memory_mb": memory, "python": platform.python_version(),
            "platform": platform.platform(), "qpa": os.environ.get("QT_QPA_PLATFORM", "")}


def run_all(quick: bool = False, progress: Callable[[str], None] = lambda _: None) -> dict:
    """Every figure; ``details`` holds the raw runs behind each one."""
    from app.bench import documents, editing, engine, startup
    from app.bench.texts import report_text

    plan = Plan(quick)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    results: dict[str, object] = {}
    details: dict[str, object] = {"machine": machine(), "quick": quick}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mingjing-bench-") as tmp:
        sandbox = startup.Sandbox(Path(tmp))
        progress("启动时间……")
        runs = startup.measure_startup(sandbox, plan.startup_runs)
        results["startup_to_window_ms"] = statistics.median(runs)
        details["startup_to_window_ms"] = runs
        progress("启动后 3 秒……")
        sessions = startup.measure_session(sandbox, plan.session_runs)
        results["suggestions_ready_ms"] = _median(s.get("suggestions_ready_ms") for s in sessions)
        results["max_ui_stall_ms"] = _median(s.get("stall_ms") for s in sessions)
        details["sessions"] = sessions
        progress("首次运行……")
        first = startup.measure_first_run(Path(tmp) / "first-run", 1 if quick else 3)
        results["first_run_suggestions_ready_ms"] = _median(first["shipped"])
        results["first_run_no_shipped_cache_ms"] = _median(first["none"])
        details["first_run"] = first
        progress("内存……")
        rss = startup.measure_rss(sandbox)
        results["rss_mb_10k"] = _median(rss["rss_mb"])
        results["rss_lexicon_peak_mb_10k"] = _median(rss["rss_peak_mb"])
        results["rss_lexicon_mb_10k"] = _median(rss["rss_lexicon_mb"])
        details["rss"] = rss

        progress("按键……")
        text = report_text()
        keys = editing.measure_keystrokes(text, strokes=plan.strokes)
        results["keystroke_p50_ms_30k"] = keys["keystroke_body_p50_ms"]
        results["keystroke_p99_ms_30k"] = keys["keystroke_body_p99_ms"]
        details["keystroke"] = keys
        details["recognition"] = editing.measure_recognition(text, runs=plan.repeats)

        progress("素材推荐……")
        from app.core.services import Services

        services = Services.load(Path(tmp) / "engine-home")
        services.load_in_background()
        rows = engine.bench_suggest(services, (10_000, 100_000), queries=plan.queries)
        results["suggest_p99_ms_10k"] = rows[0]["p99_ms"]
        results["suggest_p99_ms_100k"] = rows[1]["p99_ms"]
        details["suggest"] = rows

        progress("导出与检查……")
        export = documents.measure_export(plan.repeats)
        results["export_ms_30k"] = export["median_ms"]
        details["export"] = export
        services.lexicon = None
        started_lexicon = time.perf_counter()
        lexicon = services.build_lexicon()
        results["lexicon_build_ms"] = (time.perf_counter() - started_lexicon) * 1000
        check = documents.measure_check(plan.repeats, text, lexicon)
        results["check_ms_30k"] = check["median_ms"]
        results["check_recheck_ms_30k"] = check["recheck_median_ms"]
        details["check"] = check

        progress("审核材料……")
        from app.bench.review import measure_review

        reviews = [measure_review(40)] + ([] if quick else [measure_review(200)])
        results["review_ms_40"] = reviews[0]["ms"]
        results["review_ms_200"] = reviews[1]["ms"] if len(reviews) > 1 else float("nan")
        details["review"] = reviews
        progress("校对规模……")
        scaling = documents.measure_proofread_scaling(lexicon, runs=plan.repeats)
        for key, row in zip(("proofread_ms_30k", "proofread_ms_300k", "proofread_ms_1m"),
                            scaling["rows"], strict=True):
            results[key] = row["median_ms"]
        results["proofread_recheck_ms_30k"] = scaling["warm_recheck_ms"]
        details["proofread_scaling"] = scaling
    details["seconds"] = time.perf_counter() - started
    return {**{k: _round(v) for k, v in results.items()}, "goals": goal_table(), "details": details}


def goal_table() -> dict[str, dict[str, object]]:
    return {key: {"goal": goal, "unit": unit, "source": source}
            for key, _, goal, unit, source in GOALS}


def _median(values) -> float:
    clean = [v for v in values if v is not None and not math.isnan(v)]
    return statistics.median(clean) if clean else float("nan")


def _round(value: object) -> object:
    return round(value, 2) if isinstance(value, float) else value


def format_table(result: dict) -> str:
    """The figures with their goals, one line each (✓ met, ✗ missed, – no own goal)."""
    lines = [f"{'指标':<34}{'实测':>10}  {'目标':<12}  来源"]
    for key, label, goal, unit, source in GOALS:
        value = result.get(key)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            shown, mark = "—", "?"
        else:
            shown = f"{value:.1f} {unit}"
            mark = "–" if goal is None else ("✓" if value <= goal else "✗")
        target = f"≤ {goal:g} {unit}" if goal is not None else "见来源"
        lines.append(f"{mark} {label:<32}{shown:>10}  {target:<12}  {source}  [{key}]")
    d = result.get("details", {})
    m = d.get("machine", {})
    lines.append(f"机器：{m.get('cpus')} 核，{m.get('memory_mb')} MB 内存，Python {m.get('python')}，"
                 f"QT_QPA_PLATFORM={m.get('qpa')}；用时 {d.get('seconds', 0):.0f} 秒"
                 + ("（快速模式）" if d.get("quick") else ""))
    return "\n".join(lines)
