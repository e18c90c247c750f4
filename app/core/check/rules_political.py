"""Fixed political formulations listed with 顿号: order, completeness, wrong members."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from app.core.check.config import CheckConfig, Formulation
from app.core.check.findings import Finding

# A clause ends at these marks; inside it, members are listed with 、 (the last one
# perhaps after 和/及/与).
_CLAUSE_RE = re.compile(r"[^，。；：！？,;:!?（）()\n]+")
_LAST_JOIN_RE = re.compile(r"以及|和|及|与")
_QUOTES = "“”‘’\"'「」 \u3000"


@dataclass
class _Item:
    start: int  # offset of the item's text (quotes stripped)
    text: str
    tail: bool = False  # from the list's last part: may run on (看齐意识的自觉性和……)


@dataclass
class _Hit:
    member: int
    start: int
    end: int
    canonical: bool  # written in the canonical form
    strong: bool  # a form of 3+ characters (短形式 like 政治 only count in longer lists)


# Members are listed with 、, or as quoted terms side by side (“道路自信”“理论自信”).
_SPLIT_RE = re.compile("、|(?<=”)(?=“)")


def _parts(clause: str) -> list[tuple[int, str]]:
    parts, pos = [], 0
    for m in _SPLIT_RE.finditer(clause):
        parts.append((pos, clause[pos:m.start()]))
        pos = m.end()
    parts.append((pos, clause[pos:]))
    return parts


def _items(clause: str, base: int) -> list[_Item]:
    items = []
    parts = _parts(clause)
    for k, (at, part) in enumerate(parts):
        start = base + at
        pieces = [(start, part)]
        if k == len(parts) - 1 and k > 0:
            m = _LAST_JOIN_RE.search(part)
            if m:
                pieces = [(start, part[:m.start()]), (start + m.end(), part[m.end():])]
        for s, piece in pieces:
            lead = len(piece) - len(piece.lstrip(_QUOTES))
            text = piece.strip(_QUOTES)
            if text:
                items.append(_Item(s + lead, text, k == len(parts) - 1 and k > 0))
    return items


def _match(item: _Item, formulation: Formulation, first: bool, last: bool) -> _Hit | None:
    for index, forms in enumerate(formulation.members):
        for k, form in enumerate(forms):
            text = item.text
            if text == form:
                at = 0
            elif first and text.endswith(form):
                at = len(text) - len(form)
            elif last and text.startswith(form):
                at = 0
            else:
                continue
            return _Hit(index, item.start + at, item.start + at + len(form), k == 0, len(form) >= 3)
    return None


def check_formulations(text: str, config: CheckConfig) -> list[Finding]:
    findings: list[Finding] = check_sequences(text, config)
    by_first = _forms_by_first_char(config.formulations)
    firsts = set(by_first)
    for m in _CLAUSE_RE.finditer(text):
        clause = m.group()
        if "、" not in clause and "”“" not in clause:
            continue
        candidates = _may_list(clause, by_first, firsts)
        if not candidates:
            continue
        items = _items(clause, m.start())
        if len(items) < 2:
            continue
        for index in candidates:
            findings.extend(_check_list(text, items, config.formulations[index]))
    return findings


def _forms_by_first_char(formulations: list[Formulation]) -> dict[str, list[tuple[str, int, int]]]:
    """Every member form as (form, formulation, member), under its first character ("" for
    an empty form, which every clause contains)."""
    by_first: dict[str, list[tuple[str, int, int]]] = {}
    for f_index, f in enumerate(formulations):
        for m_index, forms in enumerate(f.members):
            for form in forms:
                by_first.setdefault(form[:1], []).append((form, f_index, m_index))
    return by_first


def _may_list(clause: str, by_first: dict[str, list[tuple[str, int, int]]], firsts: set[str]) -> list[int]:
    """Cheap test first: the formulations (in their order) with at least two members written
    somewhere in the clause.  Only forms starting with one of the clause's characters are
    looked for: trying every form of every formulation on every clause made this rule the
    slowest of 校对 (0.9-6 s at 5 MB)."""
    members: dict[int, set[int]] = {}
    for char in [*firsts.intersection(clause), *([""] if "" in firsts else [])]:  # "" is in every clause
        for form, f_index, m_index in by_first[char]:
            if form in clause:
                members.setdefault(f_index, set()).add(m_index)
    return sorted(f_index for f_index, found in members.items() if len(found) >= 2)


def _check_list(text: str, items: list[_Item], f: Formulation) -> list[Finding]:
    hits: list[_Hit] = []
    hit_items: list[int] = []
    for k, item in enumerate(items):
        hit = _match(item, f, k == 0, k == len(items) - 1 or item.tail)
        if hit is not None:
            hits.append(hit)
            hit_items.append(k)
    distinct = {h.member for h in hits}
    strong = sum(1 for h in hits if h.strong)
    if len(distinct) < 2 or (strong < 2 and len(hits) < 3):
        return []
    start, end = hits[0].start, hits[-1].end
    span = text[start:end]
    n = len(f.members)
    named = f.name in text[max(0, start - 12):start] or f.name in text[end:end + 12]
    enough = len(distinct) >= min(3, n - 1) or named
    findings = []
    order = [h.member for h in hits]
    if order != sorted(order) or len(order) != len(distinct):
        suggestion = None
        contiguous = hit_items == list(range(hit_items[0], hit_items[-1] + 1))
        if contiguous and all(h.canonical for h in hits) and len(order) == len(distinct):
            suggestion = _joined([f.members[i][0] for i in sorted(order)], _separators(text, hits))
        right = "、".join(m[0] for m in f.members)
        findings.append(Finding("formulation", f"“{f.name}”的顺序应为：{right}。", start, end,
                                span, suggestion))
    wrong = []
    if f.suffix:
        wrong = [items[k] for k in range(hit_items[0], hit_items[-1] + 2)
                 if k < len(items) and k not in hit_items and items[k].text.endswith(f.suffix)
                 and len(items[k].text) <= len(f.suffix) + 3]
    if wrong and enough and len(distinct) < n:
        for item in wrong:
            missing = "、".join(f.members[i][0] for i in range(n) if i not in distinct)
            findings.append(Finding("formulation",
                                    f"“{item.text}”不是“{f.name}”的内容，应为：{missing}。",
                                    item.start, item.start + len(item.text), item.text,
                                    missing if len(distinct) == n - 1 else None))
    elif f.complete and enough and len(distinct) < n:
        missing = "、".join(f.members[i][0] for i in range(n) if i not in distinct)
        right = "、".join(m[0] for m in f.members)
        suggestion = _joined([m[0] for m in f.members], _separators(text, hits)) \
            if all(h.canonical for h in hits) and not findings and \
            hit_items == list(range(hit_items[0], hit_items[-1] + 1)) else None
        findings.append(Finding("formulation", f"“{f.name}”不完整，缺少：{missing}（应为：{right}）。",
                                start, end, span, suggestion))
    return findings


def _separators(text: str, hits: list[_Hit]) -> list[str]:
    """What stands between the listed members as written: 、 or ”、“ or 和."""
    return [text[a.end:b.start] for a, b in itertools.pairwise(hits)]


def _joined(members: list[str], separators: list[str]) -> str:
    """``members`` listed the way the writer listed them (quotes, 和 before the last)."""
    if len(separators) != len(members) - 1:
        plain = [s for s in separators if not _LAST_JOIN_RE.search(s)] or ["、"]
        generic = max(set(plain), key=plain.count)
        last = separators[-1] if separators and _LAST_JOIN_RE.search(separators[-1]) else generic
        separators = [generic] * (len(members) - 2) + [last]
    out = members[0]
    for sep, member in zip(separators, members[1:], strict=False):
        out += sep + member
    return out


def check_sequences(text: str, config: CheckConfig) -> list[Finding]:
    """Statements written out in full whose parts come in the wrong order (两个维护)."""
    findings = []
    for seq in config.sequences:
        for k in range(1, len(seq.parts)):
            for later in re.finditer(seq.parts[k], text):
                window = text[later.end():later.end() + seq.window]
                earlier = re.search(seq.parts[k - 1], window)
                if earlier is None or "\n" in window[:earlier.start()]:
                    continue
                start, end = later.start(), later.end() + earlier.end()
                right = "，".join(seq.labels)
                findings.append(Finding("formulation", f"“{seq.name}”的顺序应为：{right}。",
                                        start, end, text[start:end], None))
    return findings
