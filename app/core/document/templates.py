"""Report templates: data files that give a new document its shape.

Each template is a TOML file (shipped in ``resources/templates/``, or the user's own in
the user data dir).  A broken file is reported with its line and skipped.
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from app.core.document.grammar import canonical_number
from app.core.errors import LoadError, MingjingError
from app.core.model import Document, Paragraph, Role
from app.core.text import char_bigrams, overlap
from app.core.topics import CANONICAL_TOPICS, PARTS, UNNUMBERED_PARTS, Part

_T = TypeVar("_T")

META_PLACEHOLDER = "×××（单位及职务）"


@dataclass(frozen=True)
class Aspect:
    title: str
    topics: tuple[str, ...]

    @cached_property
    def grams(self) -> frozenset[str]:
        """The title's fingerprint for matching headings (aspect_bigrams), computed once."""
        return aspect_bigrams(self.title)


@dataclass(frozen=True)
class TemplateSection:
    title: str
    part: str
    aspects: tuple[Aspect, ...] = ()


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    title: str
    sections: tuple[TemplateSection, ...]
    target_chars: tuple[int, int] = (3000, 6000)
    default: bool = False
    source: str = ""

    def problem_aspects(self) -> tuple[Aspect, ...]:
        return tuple(a for s in self.sections if s.part == Part.PROBLEM for a in s.aspects)


@dataclass
class TemplateLibrary:
    templates: list[Template] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)

    def get(self, template_id: str | None) -> Template | None:
        return next((t for t in self.templates if t.id == template_id), None)

    def default(self) -> Template:
        return next((t for t in self.templates if t.default), self.templates[0])

    def error_report(self) -> str:
        """What went wrong with the skipped template files, for the user ('' when nothing)."""
        if not self.errors:
            return ""
        lines = [f"{e.path} 第 {e.line} 行：{e.reason}" for e in self.errors]
        return "以下模板文件有错误，已跳过（其余模板照常可用）：\n" + "\n".join(lines)


class _InvalidError(MingjingError):
    def __init__(self, reason: str, needle: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.needle = needle


def _line_of(text: str, needle: str) -> int:
    if needle:
        for number, line in enumerate(text.splitlines(), 1):
            if needle in line:
                return number
    return 1


def _require(table: dict, key: str, kind: type[_T], where: str) -> _T:
    value = table.get(key)
    if not isinstance(value, kind) or value in ("", []):
        raise _InvalidError(f"{where}缺少“{key}”或格式不对", key)
    return value


def _parse(data: dict) -> Template:
    sections = []
    for raw in _require(data, "sections", list, "模板"):
        if not isinstance(raw, dict):
            raise _InvalidError("sections 的每一项应是一个表", "sections")
        part = str(_require(raw, "part", str, "章节"))
        if part not in PARTS or part == Part.TRANSITION:
            raise _InvalidError(f"章节的 part “{part}”不是 开头/问题/原因/措施/结尾 之一", part)
        # 开头 and 结尾 are unnumbered paragraphs; the other parts are numbered headings
        title = str(raw.get("title", "")) if part in UNNUMBERED_PARTS else str(
            _require(raw, "title", str, f"“{part}”章节"))
        aspects = []
        raw_aspects = raw.get("aspects", [])
        if not isinstance(raw_aspects, list):
            raise _InvalidError("aspects 应是一个列表，如 [{ title = \"…方面\", topics = [\"理论学习\"] }]", "aspects")
        for asp in raw_aspects:
            if not isinstance(asp, dict):
                raise _InvalidError("aspects 的每一项应写成 { title = \"…\", topics = [\"…\"] }", "aspects")
            a_title = str(_require(asp, "title", str, "方面"))
            topics = _require(asp, "topics", list, f"方面“{a_title}”")
            bad = [t for t in topics if t not in CANONICAL_TOPICS]
            if bad:
                raise _InvalidError(f"方面“{a_title}”的主题“{bad[0]}”不是规范主题", str(bad[0]))
            aspects.append(Aspect(a_title, tuple(topics)))
        sections.append(TemplateSection(title, part, tuple(aspects)))
    target = data.get("target_chars", [3000, 6000])
    if (not isinstance(target, list) or len(target) != 2 or not all(isinstance(n, int) for n in target)
            or not 0 < target[0] < target[1]):
        raise _InvalidError("target_chars 应是两个递增的正整数，如 [3000, 6000]", "target_chars")
    low, high = target
    return Template(
        id=str(_require(data, "id", str, "模板")),
        name=str(_require(data, "name", str, "模板")),
        title=str(_require(data, "title", str, "模板")),
        sections=tuple(sections),
        target_chars=(int(low), int(high)),
        default=bool(data.get("default", False)),
    )


# Words that any aspect heading may carry (对照…方面突出问题, 带头…方面存在的差距, 意识形态工作):
# they say nothing about which aspect a heading is, yet as bigrams they made 其他方面 look
# like 理论学习方面 and 意识形态工作 like 工作作风.  Longest first.
_GENERIC_WORDS = ("不到位", "方面", "问题", "存在", "对照", "突出", "情况", "带头", "不够", "不足",
                  "差距", "检视", "工作")
_GENERIC_RE = re.compile("|".join(_GENERIC_WORDS))


def aspect_bigrams(text: str) -> frozenset[str]:
    """Character bigrams of ``text`` with the generic words cut out (none spans a cut)."""
    grams: set[str] = set()
    for piece in _GENERIC_RE.split(text):
        if sum(1 for c in piece if c.isalnum()) >= 2:
            grams |= char_bigrams(piece)
    return frozenset(grams)


# How well a written aspect heading fits a template aspect (0..1): the overlap of their
# aspect_bigrams (why bigrams and not jieba tokens: docs/decisions.md, "Aspect matching").
ASPECT_MATCH = 0.3  # the least fit for a heading to count as that aspect


def best_fit(aspects: tuple[Aspect, ...], heading: str | frozenset[str]) -> tuple[float, Aspect | None]:
    """The best fit of ``heading`` (text or its aspect_bigrams) to an aspect, and that aspect."""
    grams = aspect_bigrams(heading) if isinstance(heading, str) else heading
    best, best_score = None, 0.0
    for aspect in aspects:
        score = overlap(grams, aspect.grams)
        if best is None or score > best_score:
            best, best_score = aspect, score
    return best_score, best


def match_aspect(aspects: tuple[Aspect, ...], heading: str) -> Aspect | None:
    """The template aspect closest to a written heading, or None when none is close."""
    score, best = best_fit(aspects, heading)
    return best if score >= ASPECT_MATCH else None


def load_templates(*folders: Path) -> TemplateLibrary:
    """All valid templates from ``folders``; later folders override earlier ids."""
    library = TemplateLibrary()
    by_id: dict[str, Template] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                text = path.read_text(encoding="utf-8-sig")
                template = _parse(tomllib.loads(text))
            except tomllib.TOMLDecodeError as exc:
                line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
                detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
                library.errors.append(LoadError(
                    str(path), line, f"TOML 格式错误，请检查这一行的等号、引号和括号（{detail}）"))
                continue
            except UnicodeDecodeError:
                library.errors.append(LoadError(str(path), 1, "文件不是 UTF-8 编码，请用 UTF-8 另存"))
                continue
            except _InvalidError as exc:
                library.errors.append(LoadError(str(path), _line_of(text, exc.needle), exc.reason))
                continue
            except (OSError, ValueError, TypeError) as exc:
                library.errors.append(LoadError(str(path), 1, f"无法读取：{exc}"))
                continue
            by_id[template.id] = Template(**{**template.__dict__, "source": str(path)})
    library.templates = list(by_id.values())
    return library


def _line_from_message(message: str) -> int:
    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else 1


def new_document(template: Template, today: _dt.date | None = None) -> Document:
    """A fresh draft: title, name and date lines, and the template's headings."""
    today = today or _dt.date.today()
    paras = [
        Paragraph(Role.TITLE, template.title),
        Paragraph(Role.META, META_PLACEHOLDER),
        Paragraph(Role.META, f"{today.year}年{today.month}月{today.day}日"),
        Paragraph(Role.BODY, ""),
    ]
    numbered = [s for s in template.sections if s.part not in UNNUMBERED_PARTS]
    for i, section in enumerate(numbered, 1):
        paras.append(Paragraph(Role.H1, canonical_number(1, i) + section.title))
        if not section.aspects:
            paras.append(Paragraph(Role.BODY, ""))
        for j, aspect in enumerate(section.aspects, 1):
            paras.append(Paragraph(Role.H2, canonical_number(2, j) + aspect.title))
            paras.append(Paragraph(Role.BODY, ""))
    if any(s.part == Part.CLOSING for s in template.sections):
        paras.append(Paragraph(Role.BODY, ""))  # room for the closing paragraph
    return Document(paras, template.id)
