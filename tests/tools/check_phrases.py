"""Check the shipped phrasebank: schema, sizes, formulations, coverage, near-copies.

Run from the repository root::

    .venv/bin/python tests/tools/check_phrases.py            # whole bank
    .venv/bin/python tests/tools/check_phrases.py --ids kt- llxx-  # report only these ids

It prints load errors, per-phrase problems (length, half-width punctuation, fields, ordinals,
formulations), counts per (part, topic, size) against the coverage goals, near-duplicate pairs
inside one cell and overlaps with the real reports in the corpus.  Exit status 1 when there is
any error; a coverage shortfall only fails with ``--strict``.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.core.document.grammar import LEADING_ORDINAL_RE
from app.core.phrases.phrasebank import FIELD_RE, Phrase, load_phrasebank
from app.core.text import count_cjk
from app.core.topics import CANONICAL_TOPICS
from tests.helpers import bigram_similarity

SIX = CANONICAL_TOPICS[:6]
OTHER_TOPICS = CANONICAL_TOPICS[6:]
BODY_PARTS = ("问题", "原因", "措施")
FRAME_PARTS = ("开头", "结尾", "过渡")
GOAL_SIX, GOAL_OTHER, GOAL_FRAME = 40, 15, 60
POINT_MIN, POINT_MAX, CLAUSE_MAX = 80, 250, 60  # 字 as Word counts them: every character
LEAD_MAX = 40  # a point's lead sentence (up to the first 。) stays short
RUN = 14  # no shared run of this many characters with a corpus file
SIMILAR = 0.5  # bigram_similarity at or above this is a near-copy
# A whole phrase is compared with every corpus sentence of at least LONG_SENTENCE 字, and
# each sentence of a phrase with every corpus sentence of similar length (at least
# SHORT_SENTENCE 字): so a copied lead sentence is caught, while a set phrase such as
# 严肃党内政治生活 never makes a point "similar" to a long sentence that happens to use it.
LONG_SENTENCE, SHORT_SENTENCE = 15, 8

ID_RE = re.compile(r"^(?:[a-z]+-)?(wt|yy|cs|kt|jw|gd)-\d{3}$")  # 开头/结尾/过渡: kt-001
ID_PART = {"wt": "问题", "yy": "原因", "cs": "措施", "kt": "开头", "jw": "结尾", "gd": "过渡"}
HALF_WIDTH_RE = re.compile(r"[,;:()?!\"']")
SENTENCE_SPLIT_RE = re.compile(r"[。！？\n]+")
# Numbering is structure, not wording: 一、 （一） 一是 are dropped before comparing.
NUMBERING_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、是要]|[（(][一二三四五六七八九十]{1,3}[）)])")
DOUBLED_RE = re.compile(r"([，。、；：“”（）])\1|的的|了了")
ORDERED_LISTS = {
    "四个意识": ("政治意识", "大局意识", "核心意识", "看齐意识"),
    "四个自信": ("道路自信", "理论自信", "制度自信", "文化自信"),
}
# Fixed formulations and titles every report must spell the same way; they are masked
# before the corpus checks, which would otherwise forbid naming them at all.
FIXED_TERMS = tuple(sorted((
    "习近平新时代中国特色社会主义思想", "以习近平同志为核心的党中央", "坚持以人民为中心的发展思想",
    "党中央的核心、全党的核心地位", "中央八项规定及其实施细则精神", "学思想、强党性、重实践、建新功",
    "以学铸魂、以学增智、以学正风、以学促干", "政治意识、大局意识、核心意识、看齐意识",
    "道路自信、理论自信、制度自信、文化自信", "《关于新形势下党内政治生活的若干准则》",
    "党的二十大精神", "党的二十届三中全会精神", "《中国共产党章程》", "《中国共产党党内监督条例》", "《中国共产党纪律处分条例》",
    "《习近平谈治国理政》", "《习近平新时代中国特色社会主义思想学习纲要》",
), key=len, reverse=True))
FIXED_FORMS = (
    # (pattern that must be followed by, required continuation)
    ("习近平新时代", "习近平新时代中国特色社会主义思想"),
    ("中央八项规定", None),
)


def default_corpus_dir() -> Path:
    shared = ROOT.parent / "shared" / "corpus"
    return shared if shared.is_dir() else ROOT / "tests" / "data" / "corpus"


def phrase_problems(phrase: Phrase) -> list[str]:
    """What is wrong with one phrase on its own."""
    text = phrase.text
    problems = []
    match = ID_RE.match(phrase.id)
    if not match:
        problems.append("id 不符合 [前缀-]<wt|yy|cs|kt|jw|gd>-NNN")
    elif ID_PART[match.group(1)] != phrase.part:
        problems.append(f"id 段“{match.group(1)}”与 part“{phrase.part}”不符")
    if phrase.part in BODY_PARTS and not phrase.topics:
        problems.append("问题/原因/措施 缺少 topics")
    if phrase.part == "开头" and phrase.topics:
        problems.append("开头 的 topics 应为空")
    size = len(text)
    if phrase.size == "要点" and not POINT_MIN <= size <= POINT_MAX:
        problems.append(f"要点 {size} 字，应为 {POINT_MIN}–{POINT_MAX} 字")
    if phrase.size == "句式" and size > CLAUSE_MAX:
        problems.append(f"句式 {size} 字，应不超过 {CLAUSE_MAX} 字")
    if phrase.part in BODY_PARTS:
        if phrase.size == "要点":
            if not LEADING_ORDINAL_RE.match(text):
                problems.append("要点 应以“一是/二是……”开头")
            lead, dot, rest = text.partition("。")
            if not dot or not rest or len(lead) > LEAD_MAX:
                problems.append("要点 应先有一句简短的领句（以。结束）再展开")
        elif LEADING_ORDINAL_RE.match(text):
            problems.append("句式 不应以序号开头")
    if re.search(r"\s", text):
        problems.append("含空白字符")
    if HALF_WIDTH_RE.search(text):
        problems.append(f"含半角标点“{HALF_WIDTH_RE.search(text).group()}”")
    stripped = FIELD_RE.sub("", text)
    if "{" in stripped or "}" in stripped:
        problems.append("占位符格式错误（应为 {名称}，1–12 字，无空格）")
    if DOUBLED_RE.search(text):
        problems.append(f"重复字符“{DOUBLED_RE.search(text).group()}”")
    if text.count("“") != text.count("”") or text.count("（") != text.count("）"):
        problems.append("引号或括号不成对")
    if text.count("《") != text.count("》"):
        problems.append("书名号不成对")
    if not text.endswith(("。", "！", "；", "：", "”", "）")) and phrase.size == "要点":
        problems.append("要点 应以句号结束")
    for name, order in ORDERED_LISTS.items():
        found = [item for item in order if item in text]
        if len(found) >= 2:
            positions = [text.index(item) for item in found]
            if positions != sorted(positions):
                problems.append(f"{name} 的次序应为 {'、'.join(order)}")
    for head, whole in FIXED_FORMS:
        if whole and head in text and text.count(head) != text.count(whole):
            problems.append(f"固定表述应为“{whole}”")
    return problems


def sentences_of(text: str, shortest: int) -> list[str]:
    """Sentences of ``text`` without their numbering, at least ``shortest`` 字 long."""
    found = []
    for sentence in SENTENCE_SPLIT_RE.split(mask_fixed_terms(text)):
        sentence = NUMBERING_RE.sub("", sentence.strip())
        if count_cjk(sentence) >= shortest:
            found.append(sentence)
    return found


def comparable(a: str, b: str) -> bool:
    """Sentences of similar length (a short set phrase inside a long sentence is no copy)."""
    la, lb = count_cjk(a), count_cjk(b)
    return max(la, lb) <= 1.5 * min(la, lb)


def mask_fixed_terms(text: str) -> str:
    for term in FIXED_TERMS:
        text = text.replace(term, "■")
    return text


def corpus_runs(texts: list[str]) -> set[str]:
    runs = set()
    for text in texts:
        for line in mask_fixed_terms(text).splitlines():
            runs.update(line[i:i + RUN] for i in range(len(line) - RUN + 1))
    return runs


def corpus_overlaps(phrase: Phrase, runs: set[str], sentences: list[str]) -> list[str]:
    found = []
    text = phrase.text
    masked = mask_fixed_terms(text)
    shared = next((masked[i:i + RUN] for i in range(len(masked) - RUN + 1)
                   if masked[i:i + RUN] in runs), None)
    if shared:
        found.append(f"与语料共有 {RUN} 字片段“{shared}”")
    plain = NUMBERING_RE.sub("", masked)
    pairs = [(plain, s) for s in sentences if count_cjk(s) >= LONG_SENTENCE]
    pairs += [(own, s) for own in sentences_of(text, SHORT_SENTENCE) for s in sentences
              if comparable(own, s)]
    score, own, best = max(((bigram_similarity(a, b), a, b) for a, b in pairs), default=(0, "", ""))
    if score >= SIMILAR:
        found.append(f"与语料句相似度 {score:.2f}：“{own[:30]}”~“{best[:30]}”")
    return found


def cell_of(phrase: Phrase) -> tuple[str, str]:
    """(part, primary topic); 开头/结尾/过渡 are one cell each."""
    if phrase.part in FRAME_PARTS:
        return phrase.part, ""
    return phrase.part, phrase.topics[0] if phrase.topics else ""


def goal_of(cell: tuple[str, str]) -> int:
    part, topic = cell
    if part in FRAME_PARTS:
        return GOAL_FRAME
    return GOAL_SIX if topic in SIX else GOAL_OTHER


def near_duplicates(phrases: list[Phrase]) -> list[tuple[float, Phrase, Phrase]]:
    cells: dict[tuple[str, str], list[Phrase]] = defaultdict(list)
    for phrase in phrases:
        cells[cell_of(phrase)].append(phrase)
    pairs = []
    for members in cells.values():
        for a, b in itertools.combinations(members, 2):
            score = bigram_similarity(a.text, b.text)
            if score >= SIMILAR:
                pairs.append((score, a, b))
    return sorted(pairs, key=lambda item: -item[0])


def print_counts(phrases: list[Phrase]) -> list[str]:
    """Print the coverage table; return the cells below their goal."""
    counts = Counter((cell_of(p), p.size) for p in phrases)
    short = []
    print("\n== 覆盖（按首个主题） ==")
    print(f"{'部分':<4} {'主题':<12} {'要点':>4} {'句式':>4} {'合计':>4} {'目标':>4}")
    cells = [(part, topic) for topic in CANONICAL_TOPICS for part in BODY_PARTS]
    cells += [(part, "") for part in FRAME_PARTS]
    for cell in cells:
        points, clauses = counts[(cell, "要点")], counts[(cell, "句式")]
        total, goal = points + clauses, goal_of(cell)
        mark = "" if total >= goal else "  ← 不足"
        if total < goal:
            short.append(f"{cell[0]}·{cell[1] or '—'} {total}/{goal}")
        share = f"{points / total:.0%}" if total else "-"
        print(f"{cell[0]:<4} {cell[1] or '—':<12} {points:>4} {clauses:>4} {total:>4} {goal:>4}"
              f"  要点占{share}{mark}")
    print(f"共 {len(phrases)} 条")
    return short


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bank", type=Path, default=ROOT / "phrasebank")
    parser.add_argument("--corpus", type=Path, default=default_corpus_dir())
    parser.add_argument("--ids", nargs="*", default=[],
                        help="only report problems of phrases whose id starts with these")
    parser.add_argument("--strict", action="store_true", help="coverage shortfall is an error")
    args = parser.parse_args(argv)

    bank = load_phrasebank(args.bank)
    mine = [p for p in bank.phrases if not args.ids or p.id.startswith(tuple(args.ids))]
    errors = 0

    print("== 载入错误 ==")
    for error in bank.errors:
        print(f"{error.path}:{error.line}: {error.reason}")
        errors += 1

    print("\n== 单条检查 ==")
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))]
    if not texts:
        print(f"找不到语料：{args.corpus}")
        return 1
    runs = corpus_runs(texts)
    sentences = [s for text in texts for s in sentences_of(text, SHORT_SENTENCE)]
    seen_text: dict[str, str] = {}
    for phrase in mine:
        problems = phrase_problems(phrase) + corpus_overlaps(phrase, runs, sentences)
        if phrase.text in seen_text:
            problems.append(f"与 {seen_text[phrase.text]} 文字完全相同")
        seen_text.setdefault(phrase.text, phrase.id)
        for problem in problems:
            print(f"{phrase.id}: {problem}")
        errors += len(problems)

    print(f"\n== 同一格内近似重复（相似度 ≥ {SIMILAR}） ==")
    wanted = {p.id for p in mine}
    for score, a, b in near_duplicates(bank.phrases):
        if a.id in wanted or b.id in wanted:
            print(f"{score:.2f} {a.id} ~ {b.id}\n     {a.text[:50]}\n     {b.text[:50]}")
            errors += 1

    short = print_counts(bank.phrases)
    fields = Counter(name for p in mine for name in p.fields)
    print("占位符：" + "，".join(f"{{{k}}}×{v}" for k, v in fields.most_common()))
    if short:
        print("未达目标：" + "；".join(short))
        if args.strict:
            errors += len(short)
    print(f"\n检查了 {len(mine)} 条，问题 {errors} 个")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
