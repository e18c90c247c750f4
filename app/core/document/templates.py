"""Report templates: data files that give a new document its shape.

Each template is a TOML file (shipped in ``resources/templates/``, or the user's own in
the user data dir).  A broken file is reported with its line and skipped.
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from app.core.document.grammar import canonical_number
from app.core.errors import LoadError, MingjingError, TemplateError
from app.core.formats.limits import TEMPLATE_BYTES, read_capped
from app.core.model import Document, Paragraph, Role
from app.core.text import char_bigrams, overlap
from app.core.topics import CANONICAL_TOPICS, PARTS, UNNUMBERED_PARTS, Part

_T = TypeVar("_T")

META_PLACEHOLDER = "×××（单位及职务）"
# A numbered section that reports what was done (上年度整改落实情况, 学习教育整改整治情况,
# 反面典型案例剖析): neither problems nor measures, so the checks and the 整改清单 leave it alone.
REPORT_PART = "通报"
SECTION_PARTS = (*(p for p in PARTS if p != Part.TRANSITION), REPORT_PART)
AUDIENCES = ("cadre", "member")
PENDING_MARK = "待按通知修改"
MEETINGS = ("民主生活会", "组织生活会")


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
    optional: bool = False  # offered in 新建 with a check box
    checked: bool = False  # an optional section's box starts ticked
    aspects_from: str = ""  # the id of the template whose problem aspects this one uses


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    title: str
    sections: tuple[TemplateSection, ...]
    target_chars: tuple[int, int] = (3000, 6000)
    default: bool = False
    source: str = ""
    year: int | None = None
    theme: str = ""
    titles: tuple[str, ...] = ()  # the title choices (对照检查材料 / 个人发言提纲 / …), ``title`` first
    audience: str = "cadre"  # "cadre" (领导干部) or "member" (普通党员)
    description: str = ""
    pending: bool = False  # 待按通知修改: a draft of this year's aspects until the notice is entered
    detect_title: str = ""  # detected only in a document whose title has this word (组织生活会)

    def problem_aspects(self) -> tuple[Aspect, ...]:
        return tuple(a for s in self.sections if s.part == Part.PROBLEM for a in s.aspects)

    @property
    def title_choices(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.title, *self.titles)))

    @property
    def meeting(self) -> str:
        """民主生活会 or 组织生活会, from its title ('' when it names neither)."""
        return next((m for m in MEETINGS if m in self.title), "")

    @property
    def borrowed(self) -> bool:
        """Whether its aspects are another template's (not told apart from it by detection)."""
        return any(s.aspects_from for s in self.sections)

    def optional_sections(self) -> tuple[TemplateSection, ...]:
        return tuple(s for s in self.sections if s.optional)


@dataclass
class TemplateLibrary:
    templates: list[Template] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    folders: tuple[Path, ...] = ()

    def get(self, template_id: str | None) -> Template | None:
        return next((t for t in self.templates if t.id == template_id), None)

    def default(self) -> Template:
        """The last template marked default: a user's own (loaded after the shipped ones) wins."""
        marked = [t for t in self.templates if t.default]
        return marked[-1] if marked else self.templates[0]

    def detectable(self, title: str = "") -> list[Template]:
        """Templates that ``detect_template`` may choose for a document titled ``title``: those
        with aspects of their own, and a ``detect_title`` template only when the title has its
        word (the 六大纪律 headings of a 组织生活会 share words with every cadre template)."""
        named = [m for m in MEETINGS if m in title]
        return [t for t in self.templates if t.problem_aspects() and not t.borrowed
                and (not t.detect_title or t.detect_title in title)
                and (not named or t.meeting in ("", *named))]

    def reload(self) -> None:
        """Read the folders again (after a template was saved or a pack imported)."""
        fresh = load_templates(*self.folders)
        self.templates, self.errors = fresh.templates, fresh.errors

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


def _parse_aspects(raw: dict) -> tuple[Aspect, ...]:
    aspects = []
    raw_aspects = raw.get("aspects", [])
    if not isinstance(raw_aspects, list):
        raise _InvalidError("aspects 应是一个列表，如 [{ title = \"…方面\", topics = [\"理论学习\"] }]", "aspects")
    for asp in raw_aspects:
        if not isinstance(asp, dict):
            raise _InvalidError("aspects 的每一项应写成 { title = \"…\", topics = [\"…\"] }", "aspects")
        a_title = str(_require(asp, "title", str, "方面"))
        topics = asp.get("topics")  # may be empty: the outline then reads the heading's own words
        if not isinstance(topics, list):
            raise _InvalidError(f"方面“{a_title}”缺少“topics”或格式不对", a_title)
        bad = [t for t in topics if t not in CANONICAL_TOPICS]
        if bad:
            raise _InvalidError(f"方面“{a_title}”的主题“{bad[0]}”不是规范主题", str(bad[0]))
        aspects.append(Aspect(a_title, tuple(topics)))
    return tuple(aspects)


def _parse_section(raw: object) -> TemplateSection:
    if not isinstance(raw, dict):
        raise _InvalidError("sections 的每一项应是一个表", "sections")
    part = str(_require(raw, "part", str, "章节"))
    if part not in SECTION_PARTS:
        raise _InvalidError(f"章节的 part “{part}”不是 {'/'.join(SECTION_PARTS)} 之一", part)
    # 开头 and 结尾 are unnumbered paragraphs; the other parts are numbered headings
    title = str(raw.get("title", "")) if part in UNNUMBERED_PARTS else str(
        _require(raw, "title", str, f"“{part}”章节"))
    aspects = _parse_aspects(raw)
    borrow = raw.get("aspects_from", "")
    if not isinstance(borrow, str) or (borrow and (aspects or part != Part.PROBLEM)):
        raise _InvalidError("aspects_from 只能用在没有 aspects 的“问题”章节，写成 aspects_from = \"模板id\"",
                            "aspects_from")
    optional = raw.get("optional", False)
    checked = raw.get("checked", False)
    if not isinstance(optional, bool) or not isinstance(checked, bool):
        raise _InvalidError("optional 和 checked 应写成 true 或 false", "optional")
    return TemplateSection(title, part, aspects, optional, checked, borrow)


def _parse(data: dict) -> Template:
    sections = tuple(_parse_section(raw) for raw in _require(data, "sections", list, "模板"))
    target = data.get("target_chars", [3000, 6000])
    if (not isinstance(target, list) or len(target) != 2 or not all(isinstance(n, int) for n in target)
            or not 0 < target[0] < target[1]):
        raise _InvalidError("target_chars 应是两个递增的正整数，如 [3000, 6000]", "target_chars")
    low, high = target
    year = data.get("year")
    if year is not None and (not isinstance(year, int) or not 1921 <= year <= 2200):
        raise _InvalidError("year 应是四位数的年份，如 year = 2025", "year")
    titles = data.get("titles", [])
    if not isinstance(titles, list) or not all(isinstance(t, str) and t.strip() for t in titles):
        raise _InvalidError("titles 应是标题文字的列表，如 [\"…个人对照检查材料\", \"…个人发言提纲\"]", "titles")
    audience = data.get("audience", "cadre")
    if audience not in AUDIENCES:
        raise _InvalidError("audience 应是 \"cadre\"（领导干部）或 \"member\"（普通党员）", "audience")
    for key in ("theme", "description", "detect_title"):
        if not isinstance(data.get(key, ""), str):
            raise _InvalidError(f"{key} 应是一段文字", key)
    return Template(
        id=str(_require(data, "id", str, "模板")),
        name=str(_require(data, "name", str, "模板")),
        title=str(_require(data, "title", str, "模板")),
        sections=sections,
        target_chars=(int(low), int(high)),
        default=bool(data.get("default", False)),
        year=year,
        theme=str(data.get("theme", "")).strip(),
        titles=tuple(t.strip() for t in titles),
        audience=str(audience),
        description=str(data.get("description", "")).strip(),
        pending=bool(data.get("pending", False)),
        detect_title=str(data.get("detect_title", "")).strip(),
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
    best, best_key = None, (0.0, 0.0)
    for aspect in aspects:
        # on equal overlap, the aspect whose own words the heading covers most (工作纪律 is
        # 工作纪律方面, not 政治纪律方面, though 纪律 is all that is left of both)
        key = (overlap(grams, aspect.grams), len(grams & aspect.grams) / (len(grams | aspect.grams) or 1))
        if best is None or key > best_key:
            best, best_key = aspect, key
    return best_key[0], best


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
            text = ""
            try:
                text = read_capped(path, TEMPLATE_BYTES, "模板文件").decode("utf-8-sig")
                template = parse_template(text)
            except TemplateError as exc:
                library.errors.append(LoadError(str(path), exc.line, exc.reason))
                continue
            except UnicodeDecodeError:
                library.errors.append(LoadError(str(path), 1, "文件不是 UTF-8 编码，请用 UTF-8 另存"))
                continue
            except (OSError, ValueError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
                library.errors.append(LoadError(str(path), 1, f"无法读取：{reason}"))
                continue
            by_id[template.id] = replace(template, source=str(path))
    library.templates = [t for t in (_lend_aspects(t, by_id, library) for t in by_id.values()) if t]
    library.folders = tuple(folders)
    return library


MAX_KEY_DOTS = 32  # a real template's keys have one or two dots


def _refuse_deep_keys(text: str) -> None:
    """A dotted key thousands of levels deep costs tomllib minutes and gigabytes."""
    for line in text.splitlines():
        key = line if line.lstrip().startswith("[") else line.split("=", 1)[0]
        if key.count(".") > MAX_KEY_DOTS:
            raise RecursionError


def _lend_aspects(template: Template, by_id: dict[str, Template], library: TemplateLibrary) -> Template | None:
    """``template`` with each ``aspects_from`` section given that template's problem aspects."""
    if not template.borrowed:
        return template
    sections = []
    for section in template.sections:
        if section.aspects_from:
            lender = by_id.get(section.aspects_from)
            if lender is None or lender.borrowed or not lender.problem_aspects():
                text = Path(template.source).read_text(encoding="utf-8-sig") if template.source else ""
                library.errors.append(LoadError(template.source, _line_of(text, "aspects_from"),
                                                f"aspects_from 指向的模板“{section.aspects_from}”不存在或没有自己的方面"))
                return None
            section = replace(section, aspects=lender.problem_aspects())
        sections.append(section)
    return replace(template, sections=tuple(sections))


def parse_template(text: str) -> Template:
    """A template from TOML text (a user's file, a pack entry), or ``TemplateError``.

    ``aspects_from`` is not resolved here (that needs the library: ``load_templates``).
    """
    try:
        _refuse_deep_keys(text)
        return _parse(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise TemplateError(line, f"TOML 格式错误，请检查这一行的等号、引号和括号（{detail}）") from None
    except _InvalidError as exc:
        raise TemplateError(_line_of(text, exc.needle), exc.reason) from None
    except (RecursionError, MemoryError):
        raise TemplateError(1, "嵌套层级过深或内容过大，不像是模板文件，已跳过") from None
    except (ValueError, TypeError) as exc:
        raise TemplateError(1, f"无法读取：{exc}") from None


def _line_from_message(message: str) -> int:
    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else 1


def included_sections(template: Template, optional: Iterable[str] | None = None) -> list[TemplateSection]:
    """The template's sections for a new document: every required one, and of the optional
    ones those titled in ``optional`` (None: those whose box starts ticked)."""
    chosen = None if optional is None else set(optional)
    return [s for s in template.sections
            if not s.optional or (s.checked if chosen is None else s.title in chosen)]


def new_document(template: Template, today: _dt.date | None = None, *, title: str | None = None,
                 optional: Iterable[str] | None = None) -> Document:
    """A fresh draft: title, name and date lines, and the template's headings.

    ``title`` is one of the template's title choices (default: its first); ``optional`` the
    titles of the optional sections to include (see ``included_sections``).
    """
    today = today or _dt.date.today()
    paras = [
        Paragraph(Role.TITLE, title or template.title),
        Paragraph(Role.META, META_PLACEHOLDER),
        Paragraph(Role.META, f"{today.year}年{today.month}月{today.day}日"),
        Paragraph(Role.BODY, ""),
    ]
    sections = included_sections(template, optional)
    numbered = [s for s in sections if s.part not in UNNUMBERED_PARTS]
    for i, section in enumerate(numbered, 1):
        paras.append(Paragraph(Role.H1, canonical_number(1, i) + section.title))
        if not section.aspects:
            paras.append(Paragraph(Role.BODY, ""))
        for j, aspect in enumerate(section.aspects, 1):
            paras.append(Paragraph(Role.H2, canonical_number(2, j) + aspect.title))
            paras.append(Paragraph(Role.BODY, ""))
    if any(s.part == Part.CLOSING for s in sections):
        paras.append(Paragraph(Role.BODY, ""))  # room for the closing paragraph
    return Document(paras, template.id)
