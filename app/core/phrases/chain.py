"""The chain a reader checks, offered while writing: problem -> cause -> measure (issue 17).

- ``for_problems``: for each problem already written (in order), the cause or measure phrases
  that best answer it -- the phrase panel's "对应问题" group.  A problem taken from the
  phrasebank brings its own pair first: the bank numbers its phrases so that problem n of a
  topic (llxx-wt-001) is answered by cause n (llxx-yy-001) and measure n (llxx-cs-001).
- ``draft_measures``: the paragraphs of a 措施 section drafted from the problems, one per
  aspect or one per problem, from the best phrases, fields left to fill.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.core.document.grammar import int_to_cn
from app.core.document.outline import Outline
from app.core.document.pairing import Item, problems_and_measures
from app.core.model import Paragraph
from app.core.phrases.phrasebank import Phrase, strip_ordinal, used_phrase_ids, with_ordinal
from app.core.phrases.ranking import PhraseIndex, Suggestion
from app.core.topics import TopicClassifier

PER_PROBLEM = 2
_PART_CODE = {"问题": "wt", "原因": "yy", "措施": "cs"}


@dataclass(frozen=True)
class ChainEntry:
    """One problem of the draft and the phrases that answer it."""

    label: str  # 问题1：学习的系统性不够
    problem: Item
    suggestions: tuple[Suggestion, ...]


def paired_id(phrase_id: str, part: str) -> str | None:
    """The id of the bank's ``part`` phrase paired with a problem phrase (llxx-wt-001 -> llxx-cs-001)."""
    code = _PART_CODE.get(part)
    if code is None or "-wt-" not in phrase_id:
        return None
    return phrase_id.replace("-wt-", f"-{code}-", 1)


def written_problems(outline: Outline, paragraphs: Sequence[Paragraph],
                     classifier: TopicClassifier | None) -> list[Item]:
    """The problems of the draft, in order (as the 整改清单 lists them)."""
    return problems_and_measures(outline, paragraphs, classifier)[0]


def _label(index: int, problem: Item, width: int = 18) -> str:
    text = problem.text.rstrip("。；")
    return f"问题{index}：{text[:width]}{'…' if len(text) > width else ''}"


def for_problems(index: PhraseIndex, problems: Sequence[Item], part: str,
                 used: frozenset[str] | set[str] = frozenset(), per_problem: int = PER_PROBLEM,
                 boosts=None) -> list[ChainEntry]:
    """For each problem (in order), the ``part`` phrases (原因 or 措施) that answer it best.

    A phrase is listed under the first problem it answers best only; the bank's own pair of
    a problem phrase comes first.
    """
    phrases = index.phrases
    problem_phrases = [p for p in phrases if p.part == "问题"]
    listed: set[str] = set()
    entries = []
    for number, problem in enumerate(problems, 1):
        picks: list[Suggestion] = []
        for source in sorted(used_phrase_ids(problem.full, problem_phrases)):
            pair = paired_id(source, part)
            phrase = index.by_id(pair) if pair else None
            if phrase is not None and phrase.id not in listed:
                picks.append(Suggestion(phrase, 9.0, phrase.id in used))
                listed.add(phrase.id)
        found = index.suggest(part, problem.topics, problem.text + " " + problem.full[:60], used,
                              limit=per_problem + len(listed), boosts=boosts)
        for suggestion in found:
            if len(picks) >= per_problem:
                break
            if suggestion.phrase.id in listed or suggestion.used:
                continue
            picks.append(suggestion)
            listed.add(suggestion.phrase.id)
        entries.append(ChainEntry(_label(number, problem), problem, tuple(picks)))
    return entries


def _measure_text(phrase: Phrase, ordinal: int) -> str:
    text = phrase.text
    if text[:3].strip() and strip_ordinal(text) != text:
        return with_ordinal(text, ordinal)
    return f"{int_to_cn(ordinal)}是{text}" if 0 < ordinal < 100 else text


def draft_measures(index: PhraseIndex, outline: Outline, problems: Sequence[Item], per: str = "aspect",
                   used: frozenset[str] | set[str] = frozenset(), first: int = 1) -> list[str]:
    """Measure paragraphs for ``problems``: one per aspect (the problems under one heading,
    in order) or one per problem (``per="problem"``), each the best measure phrase not yet
    used, numbered from ``first`` (一是, 二是…), its fields ({单位}) left for the user."""
    parent: dict[int, int] = {}
    for node in outline.walk():
        for child in node.children:
            parent[id(child)] = id(node)
    groups: dict[int, list[Item]] = {}
    for number, problem in enumerate(problems):
        groups.setdefault(_group_key(problem, number, per, parent), []).append(problem)
    taken = set(used)
    paragraphs = []
    for group in groups.values():
        topics = [t for p in group for t in p.topics]
        pick = entry_pick(index, group, topics, " ".join(p.text for p in group), taken)
        if pick is None:
            continue
        taken.add(pick.id)
        paragraphs.append(_measure_text(pick, first + len(paragraphs)))
    return paragraphs


def _group_key(problem: Item, number: int, per: str, parent: dict[int, int]) -> int:
    """A point belongs to its aspect; an aspect written without points is its own."""
    node = problem.node
    if per == "problem" or node is None:
        return number
    return parent.get(id(node), id(node)) if node.kind == "point" else id(node)


def entry_pick(index: PhraseIndex, group: Sequence[Item], topics: list[str], context: str,
               taken: set[str]) -> Phrase | None:
    """The bank's pair of a problem phrase in ``group`` if any, else the best measure phrase."""
    problem_phrases = [p for p in index.phrases if p.part == "问题"]
    for problem in group:
        for source in sorted(used_phrase_ids(problem.full, problem_phrases)):
            pair = paired_id(source, "措施")
            phrase = index.by_id(pair) if pair else None
            if phrase is not None and phrase.id not in taken:
                return phrase
    ordered = list(dict.fromkeys(topics))
    for suggestion in index.suggest("措施", ordered, context, frozenset(taken), limit=10):
        if suggestion.phrase.id not in taken and suggestion.phrase.size == "要点":
            return suggestion.phrase
    found = index.suggest("措施", ordered, context, frozenset(taken), limit=5)
    return next((s.phrase for s in found if s.phrase.id not in taken), None)
