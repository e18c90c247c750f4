"""Evaluate 校对 on planted slips and on clean text.

Run from the repository root::

    .venv/bin/python -m tests.tools.proof_eval            # figures
    .venv/bin/python -m tests.tools.proof_eval --verbose  # plus every miss and false alarm
    .venv/bin/python -m tests.tools.proof_eval --split-bank  # plus (d), below

(a) ``tests/data/proof/slips_*.txt``: sentences written for this set, one planted slip each,
marked ``[wrong|right]``.  A slip is *found* when a finding overlaps it (for a missing
character: touches its place) and *corrected* when applying that finding's suggestion gives
the right sentence.  Lines are split in two halves by position (even lines: the half the
thresholds were tuned on; odd lines: held out), and recall is printed for both.

(b) Clean text: the corpus of real reports (``../shared/corpus``; never copied here), the
texts in ``tests/data/proof/clean_*.txt``, the corrected slip sentences, and the shipped
phrases (reported apart, since they are also the checker's in-domain word knowledge).
Every proofreading finding on clean text is a false alarm, except numbering and
placeholder findings on isolated phrases (“二是…”, ``{单位}``) and the real errors listed,
with a reason each, in ``tests/data/proof/known_errors.tsv``.

(c) Held out (``tests/data/proof/heldout/``, written 2026-12-07 before the function-character
and count changes were made and never tuned on): per category (同音, 形近, 虚词, 的地得, 成套表述,
重复, 标点, 过时提法) planted slips ``slips_<category>.txt`` and clean near-miss sentences
``clean_<category>.txt``.  Every rule counts (the wrong-form table too).  Per category: recall,
precision (findings on the slip / all findings on that category's slip and clean sentences)
and false alarms (findings on its clean sentences, or elsewhere in its slip sentences).
``heldout2`` and ``heldout3`` are later sets of the same format (see their headers).

(d) ``--split-bank``: false alarms on the odd half of the shipped phrases, checked with a lexicon
built from the even half only (the phrases are otherwise the lexicon's own text).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.core.check import load_check_config, proofread
from app.core.check.config import CheckConfig
from app.core.check.findings import Finding
from app.core.text import count_cjk

DATA = ROOT / "tests" / "data" / "proof"
_MARK_RE = re.compile(r"\[([^|\]]*)\|([^\]]*)\]")
# *_fresh: written after the rules and thresholds were fixed, never used to tune them.
KINDS = ("confusable", "dedide", "runon", "formulation", "space", "function", "doubled", "dedide_noun",
         "confusable_fresh", "dedide_fresh")
# Findings that isolated phrases legitimately produce.
_PHRASE_KINDS_IGNORED = ("numbering", "placeholder")


def corpus_dir() -> Path:
    shared = ROOT.parent / "shared" / "corpus"
    return shared if shared.is_dir() else ROOT / "tests" / "data" / "corpus"


@dataclass
class Slip:
    kind: str
    line: int  # position in its file (0-based, comments skipped): even = tuning half
    text: str  # the sentence with the slip
    start: int
    end: int
    right_text: str  # the corrected sentence

    @property
    def tuning(self) -> bool:
        return self.line % 2 == 0


def load_slips(folder: Path = DATA) -> list[Slip]:
    slips = []
    for path in sorted(folder.glob("slips_*.txt")):
        kind = path.stem.removeprefix("slips_")
        number = 0
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.strip() or raw.startswith("#"):
                continue
            line = raw.replace("\\t", "\t")
            m = _MARK_RE.search(line)
            if m is None:
                raise ValueError(f"{path.name}: no [wrong|right] in {raw!r}")
            wrong, right = m.group(1), m.group(2)
            text = line[:m.start()] + wrong + line[m.end():]
            fixed = line[:m.start()] + right + line[m.end():]
            slips.append(Slip(kind, number, text, m.start(), m.start() + len(wrong), fixed))
            number += 1
    return slips


@cache
def eval_config() -> CheckConfig:
    """The shipped check data plus the lexicon the window builds (jieba + phrasebank)."""
    from app.core.check.lexicon import lexicon_from_segmenter
    from app.core.phrases.segment import Segmenter

    segmenter = Segmenter(cache_dir=Path(tempfile.gettempdir()) / "mingjing-proof-eval")
    segmenter.load(pause=lambda: None)
    config = load_check_config()
    config.lexicon = lexicon_from_segmenter(segmenter, phrase_texts())
    return config


@cache
def phrase_texts() -> tuple[str, ...]:
    from app.core.paths import phrasebank_dir
    from app.core.phrases.phrasebank import load_phrasebank

    return tuple(p.text for p in load_phrasebank(phrasebank_dir()).phrases)


def _hits(slip: Slip, findings: list[Finding]) -> list[Finding]:
    if slip.start == slip.end:
        return [f for f in findings if f.start <= slip.start <= f.end]
    return [f for f in findings if f.start < slip.end and slip.start < f.end]


def _corrects(slip: Slip, finding: Finding) -> bool:
    if finding.suggestion is None:
        return False
    fixed = slip.text[:finding.start] + finding.suggestion + slip.text[finding.end:]
    return fixed == slip.right_text


@dataclass
class SlipResult:
    slip: Slip
    found: bool
    corrected: bool
    in_table: bool
    findings: list[Finding]


def run_slips(config: CheckConfig) -> list[SlipResult]:
    results = []
    for slip in load_slips():
        findings = proofread(slip.text, config)
        hits = _hits(slip, findings)
        in_table = any(f.kind == "wrong_form" for f in hits)
        results.append(SlipResult(slip, bool(hits), any(_corrects(slip, f) for f in hits),
                                  in_table, hits))
    return results


@dataclass
class CleanResult:
    name: str
    chars: int
    alarms: list[tuple[str, Finding]]  # (context, finding)

    @property
    def per_10k(self) -> float:
        return 10_000 * len(self.alarms) / self.chars if self.chars else 0.0


def _context(text: str, f: Finding) -> str:
    return text[max(0, f.start - 8):f.end + 8].replace("\n", "⏎")


@cache
def known_errors() -> tuple[tuple[str, str], ...]:
    """(kind, snippet) of real errors in the clean texts (tests/data/proof/known_errors.tsv)."""
    rows = []
    for line in (DATA / "known_errors.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, snippet, _reason = line.split("\t")
            rows.append((kind, snippet))
    return tuple(rows)


def _alarms(text: str, config: CheckConfig, ignored: tuple[str, ...] = ()) -> list[tuple[str, Finding]]:
    """Findings on clean text that are not annotated as real errors."""
    alarms = []
    for f in proofread(text, config):
        if f.kind in ignored:
            continue
        near = text[max(0, f.start - 12):f.end + 12]
        if any(kind == f.kind and snippet in near and (f.text in snippet or snippet in f.text)
               for kind, snippet in known_errors()):
            continue
        alarms.append((_context(text, f), f))
    return alarms


def run_clean(config: CheckConfig) -> list[CleanResult]:
    results = []
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(corpus_dir().glob("*.txt"))]
    corpus = CleanResult("语料（真实材料）", 0, [])
    for _name, text in texts:
        corpus.chars += count_cjk(text)
        corpus.alarms += _alarms(text, config)
    results.append(corpus)
    own = CleanResult("自写正文", 0, [])
    for path in sorted(DATA.glob("clean_*.txt")):
        text = path.read_text(encoding="utf-8")
        own.chars += count_cjk(text)
        own.alarms += _alarms(text, config)
    for slip in load_slips():
        own.chars += count_cjk(slip.right_text)
        own.alarms += _alarms(slip.right_text, config, _PHRASE_KINDS_IGNORED)
    results.append(own)
    bank = CleanResult("内置素材", 0, [])
    for text in phrase_texts():
        bank.chars += count_cjk(text)
        bank.alarms += _alarms(text, config, _PHRASE_KINDS_IGNORED)
    results.append(bank)
    return results


HELD_OUT = DATA / "heldout"
# Written after every change of 2026-12-08 was made, measured once, never tuned on.
HELD_OUT_2 = DATA / "heldout2"
# Written 2026-12-08 02:10 before the word-level confusion check: measured before and after, never tuned on.
HELD_OUT_3 = DATA / "heldout3"
HELD_OUT_NAMES = {"sound": "同音音近", "shape": "形近", "function": "虚词常用字", "dedide": "的地得",
                  "formulation": "成套表述", "repeat": "重复字词", "punct": "标点", "current": "过时提法"}


@dataclass
class HeldOutResult:
    kind: str
    slips: int = 0
    found: int = 0
    corrected: int = 0
    true_findings: int = 0
    clean_sentences: int = 0
    alarms: list[tuple[str, Finding]] = field(default_factory=list)  # (sentence, finding)
    misses: list[Slip] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.slips if self.slips else 0.0

    @property
    def precision(self) -> float:
        total = self.true_findings + len(self.alarms)
        return self.true_findings / total if total else 1.0


def held_out_found(held: dict[str, dict]) -> int:
    return sum(round(h["recall"] * h["slips"]) for h in held.values())


def _clean_lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


def run_held_out(config: CheckConfig, folder: Path = HELD_OUT) -> dict[str, HeldOutResult]:
    """Part (c): recall, precision and false alarms per category of a held-out set."""
    results = {kind: HeldOutResult(kind) for kind in HELD_OUT_NAMES}
    for slip in load_slips(folder):
        r = results.setdefault(slip.kind, HeldOutResult(slip.kind))
        findings = proofread(slip.text, config)
        hits = _hits(slip, findings)
        r.slips += 1
        r.found += bool(hits)
        r.corrected += any(_corrects(slip, f) for f in hits)
        r.true_findings += len(hits)
        if not hits:
            r.misses.append(slip)
        r.alarms += [(slip.text, f) for f in findings if f not in hits]
    for kind, r in results.items():
        for line in _clean_lines(folder / f"clean_{kind}.txt"):
            r.clean_sentences += 1
            r.alarms += [(line, f) for f in proofread(line, config)]
    return results


def evaluate(config: CheckConfig | None = None) -> dict:
    """Figures as a dict (used by tests/core/check/test_proof_eval.py)."""
    config = config or eval_config()
    slips = run_slips(config)
    clean = run_clean(config)
    figures: dict = {"recall": {}, "corrected": {}, "recall_tuning": {}, "recall_held_out": {},
                     "slips": {}, "in_table": sum(r.in_table for r in slips)}
    for kind in KINDS:
        rows = [r for r in slips if r.slip.kind == kind and not r.in_table]
        if not rows:
            continue
        figures["slips"][kind] = len(rows)
        figures["recall"][kind] = sum(r.found for r in rows) / len(rows)
        figures["corrected"][kind] = sum(r.corrected for r in rows) / len(rows)
        tune = [r for r in rows if r.slip.tuning]
        held = [r for r in rows if not r.slip.tuning]
        figures["recall_tuning"][kind] = sum(r.found for r in tune) / max(1, len(tune))
        figures["recall_held_out"][kind] = sum(r.found for r in held) / max(1, len(held))
    chars = sum(c.chars for c in clean)
    alarms = sum(len(c.alarms) for c in clean)
    held_chars = sum(c.chars for c in clean[:2])
    held_alarms = sum(len(c.alarms) for c in clean[:2])
    figures["clean"] = {c.name: (c.chars, len(c.alarms), c.per_10k) for c in clean}
    figures["clean_chars"] = chars
    figures["false_alarms_per_10k"] = 10_000 * alarms / chars
    figures["false_alarms_per_10k_held_out"] = 10_000 * held_alarms / held_chars
    figures["_slips"] = slips
    figures["_clean"] = clean
    for key, folder in (("held_out", HELD_OUT), ("held_out_2", HELD_OUT_2), ("held_out_3", HELD_OUT_3)):
        held = run_held_out(config, folder)
        figures[key] = {k: {"slips": r.slips, "recall": r.recall, "corrected": r.corrected / max(1, r.slips),
                            "precision": r.precision, "false_alarms": len(r.alarms),
                            "clean": r.clean_sentences} for k, r in held.items()}
        figures["_" + key] = held
    return figures


def split_bank_alarms(verbose: bool = False) -> tuple[int, int]:
    """(characters, false alarms) on the odd half of the shipped phrases checked with a lexicon
    built from the even half only: the phrases are otherwise the checker's own in-domain word
    knowledge, so this is the fairer count of false alarms on text it has never seen."""
    from app.core.check.lexicon import lexicon_from_segmenter
    from app.core.phrases.segment import Segmenter

    segmenter = Segmenter(cache_dir=Path(tempfile.gettempdir()) / "mingjing-proof-eval")
    segmenter.load(pause=lambda: None)
    texts = phrase_texts()
    config = load_check_config()
    config.lexicon = lexicon_from_segmenter(segmenter, texts[0::2])
    chars, alarms = 0, 0
    for text in texts[1::2]:
        chars += count_cjk(text)
        for context, f in _alarms(text, config, _PHRASE_KINDS_IGNORED):
            alarms += 1
            if verbose:
                print(f"  [{f.kind}] {context}  “{f.text}”→{f.suggestion}")
    return chars, alarms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list misses and false alarms")
    parser.add_argument("--split-bank", action="store_true",
                        help="also count false alarms on half of the phrases with a lexicon from the other half")
    args = parser.parse_args(argv)
    figures = evaluate()
    print("(a) 植入错误的句子：检出率（调参一半 / 留出一半 / 全部），改对率")
    for kind, n in figures["slips"].items():
        print(f"  {kind:12s} {n:4d} 句  {figures['recall_tuning'][kind]:6.1%} / "
              f"{figures['recall_held_out'][kind]:6.1%} / {figures['recall'][kind]:6.1%}   "
              f"改对 {figures['corrected'][kind]:6.1%}")
    print(f"  （错误写法已在错别字表中、不计入的：{figures['in_table']} 句）")
    print("(b) 无错正文：误报")
    for name, (chars, alarms, per) in figures["clean"].items():
        print(f"  {name:10s} {chars:7d} 字  {alarms:4d} 处  {per:5.2f} / 万字")
    print(f"  合计 {figures['clean_chars']} 字：{figures['false_alarms_per_10k']:.2f} / 万字；"
          f"不含内置素材：{figures['false_alarms_per_10k_held_out']:.2f} / 万字")
    for key, title in (("held_out", "(c) 留出评测集"), ("held_out_2", "(c2) 第二留出集（改动完成后新写）"),
                       ("held_out_3", "(c3) 第三留出集（词级同音检查之前写）")):
        print(f"{title}（按类别）：检出率、改对率、准确率（检出中真错的比例）、误报（无错句及错句其余位置）")
        held = figures[key]
        for kind, h in held.items():
            print(f"  {HELD_OUT_NAMES.get(kind, kind):8s} 错句 {h['slips']:3d}  无错句 {h['clean']:3d}  "
                  f"检出 {h['recall']:6.1%}  改对 {h['corrected']:6.1%}  准确 {h['precision']:6.1%}  "
                  f"误报 {h['false_alarms']:2d}")
        slips_total = sum(h["slips"] for h in held.values())
        found_total = held_out_found(held)
        print(f"  合计 错句 {slips_total}，检出 {found_total}（{found_total / max(1, slips_total):.1%}），"
              f"无错句 {sum(h['clean'] for h in held.values())}，误报 {sum(h['false_alarms'] for h in held.values())}")
    if args.split_bank:
        chars, alarms = split_bank_alarms(args.verbose)
        print(f"(d) 内置素材一半作词汇、另一半作无错正文：{chars} 字，误报 {alarms} 处"
              f"（{10_000 * alarms / max(1, chars):.2f} / 万字）")
    if args.verbose:
        for key in ("_held_out", "_held_out_2", "_held_out_3"):
            print(f"\n{key} 漏检：")
            for r in figures[key].values():
                for slip in r.misses:
                    print(f"  [{r.kind}] {slip.text}  → {slip.right_text}")
            print(f"\n{key} 误报：")
            for r in figures[key].values():
                for sentence, f in r.alarms:
                    print(f"  [{r.kind}] {sentence}  [{f.kind}] “{f.text}”→{f.suggestion}")
        print("\n漏检：")
        for r in figures["_slips"]:
            if not r.found and not r.in_table:
                print(f"  [{r.slip.kind}] {r.slip.text}  → {r.slip.right_text[r.slip.start:r.slip.start + 12]}")
        print("\n检出但未改对：")
        for r in figures["_slips"]:
            if r.found and not r.corrected and not r.in_table:
                print(f"  [{r.slip.kind}] {r.slip.text}  {[(f.text, f.suggestion) for f in r.findings]}")
        print("\n误报：")
        for c in figures["_clean"]:
            for context, f in c.alarms:
                print(f"  {c.name} [{f.kind}] {context}  “{f.text}”→{f.suggestion}  {f.message[:40]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
