"""The phrasebank: shipped phrases from ``phrasebank/*.jsonl``, validated on load.

One JSON object per line, so a bad entry is reported as file:line and skipped while the
rest of the file loads.  Lines that are blank or start with ``#`` are ignored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from app.core.document.grammar import LEADING_ORDINAL_RE, point_marker
from app.core.errors import LoadError
from app.core.topics import CANONICAL_TOPICS, PARTS

SIZES = ("要点", "句式")
FIELD_RE = re.compile(r"\{([^{}\s]{1,12})\}")
_KEYS = {"id", "text", "part", "topics", "size", "tags"}


@dataclass(frozen=True, slots=True)  # slots: no per-instance dict (10k+ phrases, issue 19)
class Phrase:
    id: str
    text: str
    part: str
    topics: tuple[str, ...]
    size: str = "句式"
    tags: tuple[str, ...] = ()
    source: str = "内置"

    @property
    def fields(self) -> list[str]:
        return FIELD_RE.findall(self.text)


@dataclass
class Phrasebank:
    phrases: list[Phrase] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)


def _validate(entry: object) -> Phrase:
    if not isinstance(entry, dict):
        raise ValueError("每行应是一个 JSON 对象")
    unknown = set(entry) - _KEYS
    if unknown:
        raise ValueError(f"未知字段 {', '.join(sorted(unknown))}")
    for key in ("id", "text", "part"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise ValueError(f"缺少“{key}”或不是文字")
    if entry["part"] not in PARTS:
        raise ValueError(f"part “{entry['part']}”不是 {'/'.join(PARTS)} 之一")
    topics = entry.get("topics", [])
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        raise ValueError("topics 应是文字列表")
    bad = [t for t in topics if t not in CANONICAL_TOPICS]
    if bad:
        raise ValueError(f"主题“{bad[0]}”不是规范主题")
    size = entry.get("size", "句式")
    if size not in SIZES:
        raise ValueError(f"size “{size}”不是 要点/句式 之一")
    tags = entry.get("tags", [])
    if not isinstance(tags, list):
        raise ValueError("tags 应是文字列表")
    return Phrase(entry["id"], entry["text"].strip(), entry["part"], tuple(topics), size,
                  tuple(str(t) for t in tags))


def load_phrasebank(*folders: Path) -> Phrasebank:
    """Every valid phrase in ``folders``; bad lines and duplicate ids become errors."""
    bank = Phrasebank()
    seen: set[str] = set()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.jsonl")):
            try:
                lines = path.read_text(encoding="utf-8-sig").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                bank.errors.append(LoadError(str(path), 1, f"无法读取：{exc}"))
                continue
            for number, line in enumerate(lines, 1):
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                try:
                    phrase = _validate(json.loads(line))
                except json.JSONDecodeError as exc:
                    bank.errors.append(LoadError(str(path), number, f"JSON 格式错误：{exc.msg}"))
                    continue
                except RecursionError:
                    bank.errors.append(LoadError(str(path), number, "JSON 嵌套过深，无法读取"))
                    continue
                except ValueError as exc:
                    bank.errors.append(LoadError(str(path), number, str(exc)))
                    continue
                if phrase.id in seen:
                    bank.errors.append(LoadError(str(path), number, f"id “{phrase.id}”重复"))
                    continue
                seen.add(phrase.id)
                bank.phrases.append(phrase)
    return bank


def used_probe(text: str, probe: int = 16) -> str:
    """The words that show a phrase is in a draft: the start of its longest stretch without
    a {字段} (a field early in the phrase must not hide it), the ordinal left out; "" when
    no stretch is long enough to tell."""
    pieces = FIELD_RE.split(LEADING_ORDINAL_RE.sub("", text, count=1))
    longest = max(pieces, key=len, default="")
    return longest[:probe] if len(longest) >= 8 else ""


def used_phrase_ids(document_text: str, phrases: list[Phrase], probe: int = 16) -> set[str]:
    """Phrases whose words already appear in the draft (fields filled in or not)."""
    used = set()
    for phrase in phrases:
        head = used_probe(phrase.text, probe)
        if head and head in document_text:
            used.add(phrase.id)
    return used


def is_point(text: str) -> bool:
    """A whole point opens with its ordinal (一是/二要…)."""
    return bool(LEADING_ORDINAL_RE.match(text))


def strip_ordinal(text: str) -> str:
    return LEADING_ORDINAL_RE.sub("", text, count=1)


def with_ordinal(text: str, number: int) -> str:
    """``八是……`` → ``二是……`` for a point inserted as the second of its section."""
    m = LEADING_ORDINAL_RE.match(text)
    if not m or number < 1:
        return text
    return point_marker(number, m.group(2)) + text[m.end():]
