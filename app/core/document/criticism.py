"""相互批评意见: the document each member prepares for every other member of the 班子.

One section per colleague (``一、对张三同志（分管副局长）的批评意见``) after a short opening
line; the sections are made from the colleagues the user lists, so the template
(``resources/templates/xianghu_piping.toml``) only gives the title, the opening and the
heading pattern.  ``colleague_sections`` finds the sections again in any document, ours or
pasted, for the 表扬式批评 check and the 审核.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from app.core.document.numbering import canonical_number
from app.core.document.templates import META_PLACEHOLDER, Template
from app.core.model import Document, Paragraph, Role

CRITICISM_PART = "批评"
TEMPLATE_ID = "xianghu-piping"
COLLEAGUE_FIELD = "{同志}"
# The title options: what the paper is called in this year's notice.
TITLE_KINDS: tuple[str, ...] = ("相互批评意见", "相互批评发言提纲", "自我批评和相互批评发言提纲")
DEFAULT_OPENING = (
    "按照民主生活会有关要求，本着“团结—批评—团结”的原则，会前我与班子成员逐一谈心谈话，"
    "结合平时工作中的观察，对班子成员提出以下批评意见，不妥之处请同志们指正。"
)
# Topics a criticism is offered by, in the phrase panel, with the canonical topic each maps to
# (the phrasebank tags phrases with canonical topics only).
CRITICISM_TOPICS: dict[str, str] = {
    "理论学习": "理论学习",
    "政治素质": "政治素质",
    "担当作为": "担当作为",
    "工作作风": "工作作风",
    "廉洁自律": "廉洁自律",
    "班子团结": "组织生活/党性修养",
    "能力本领": "能力本领",
    "群众工作": "宗旨意识/群众工作",
    "管党治党": "管党治党/主体责任",
}
_TITLE_RE = re.compile(r"批评(?:意见|发言提纲|提纲|发言材料)|相互批评")
_SPLIT_RE = re.compile(r"[，,、；;\s]+")
# A post on its own (分管副局长, 办公室主任 …): no name to put before 同志.
_POST_WORDS = ("书记", "局长", "主任", "部长", "厅长", "处长", "科长", "县长", "市长", "区长", "镇长",
               "乡长", "院长", "校长", "主席", "经理", "董事长", "组长", "委员", "秘书长", "总监", "站长",
               "所长", "队长", "行长", "关长", "检察长", "庭长", "领导", "成员")
# 对张三同志（分管副局长）的批评意见 / 对分管副局长的批评意见 / 张三同志： / 对张三同志：
_COLLEAGUE_HEADING_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,3}[、.．])?\s*"
    r"(?:对|给|致)?\s*(?P<who>[^，。；：:]{1,24}?)(?:同志)?(?:[（(][^）)]{1,20}[）)])?"
    r"(?:的)?(?:批评意见|意见建议|批评和建议|批评|意见)?\s*[：:]?\s*$")


@dataclass(frozen=True)
class Colleague:
    """One member to criticise: a name and position, or just a post (分管副局长)."""

    name: str = ""
    position: str = ""

    @property
    def label(self) -> str:
        if self.name and self.position:
            return f"{self.name}同志（{self.position}）"
        if self.name:
            return f"{self.name}同志"
        return self.position or "×××同志"


def parse_colleague(line: str) -> Colleague | None:
    """``张三 分管副局长`` / ``张三，分管副局长`` / ``张三（分管副局长）`` / ``分管副局长`` / ``张三``."""
    line = line.strip().replace("（", " ").replace("(", " ").replace("）", "").replace(")", "")
    line = line.replace("同志", " ")
    words = [w for w in _SPLIT_RE.split(line) if w]
    if not words:
        return None
    if len(words) == 1:
        word = words[0]
        if word.endswith(_POST_WORDS) and len(word) > 3:
            return Colleague("", word)
        return Colleague(word, "")
    return Colleague(words[0], "".join(words[1:]))


def parse_colleagues(text: str) -> list[Colleague]:
    """One colleague per line; blank lines skipped."""
    found = [parse_colleague(line) for line in text.splitlines()]
    return [c for c in found if c is not None]


def cycle_year(today: _dt.date) -> int:
    """The 年度 a meeting is held for: December 2026 and January 2027 both write for 2026."""
    return today.year if today.month >= 6 else today.year - 1


def criticism_title(kind: str = TITLE_KINDS[0], today: _dt.date | None = None) -> str:
    today = today or _dt.date.today()
    kind = kind if kind in TITLE_KINDS else TITLE_KINDS[0]
    return f"{cycle_year(today)}年度民主生活会{kind}"


def colleague_heading(template: Template | None, colleague: Colleague) -> str:
    """The section title for one colleague, from the template's 批评 section pattern."""
    pattern = "对{同志}的批评意见"
    if template is not None:
        section = next((s for s in template.sections if s.part == CRITICISM_PART), None)
        if section is not None and COLLEAGUE_FIELD in section.title:
            pattern = section.title
    return pattern.replace(COLLEAGUE_FIELD, colleague.label)


def criticism_document(colleagues: list[Colleague], template: Template | None = None,
                       title_kind: str = TITLE_KINDS[0], today: _dt.date | None = None,
                       opening: str = DEFAULT_OPENING) -> Document:
    """Title block, the opening line, then ``一、对…的批评意见`` with an empty point per colleague."""
    today = today or _dt.date.today()
    paras = [
        Paragraph(Role.TITLE, criticism_title(title_kind, today)),
        Paragraph(Role.META, META_PLACEHOLDER),
        Paragraph(Role.META, f"{today.year}年{today.month}月{today.day}日"),
        Paragraph(Role.BODY, opening),
    ]
    for index, colleague in enumerate(colleagues or [Colleague()], 1):
        paras.append(Paragraph(Role.H1, canonical_number(1, index) + colleague_heading(template, colleague)))
        paras.append(Paragraph(Role.BODY, ""))
    return Document(paras, template.id if template else TEMPLATE_ID)


def is_criticism_title(title: str) -> bool:
    return bool(_TITLE_RE.search(title or ""))


def is_criticism_document(document: Document) -> bool:
    if document.template_id == TEMPLATE_ID:
        return True
    first = next((p.text.strip() for p in document.paragraphs if p.text.strip()), "")
    looks_like_title = len(first) <= 40 and not first.endswith(("。", "；", "："))
    return is_criticism_title(document.title or (first if looks_like_title else ""))


@dataclass
class ColleagueSection:
    """One colleague's section: the heading paragraph and the body paragraphs under it."""

    who: str
    heading: int  # paragraph index of the heading
    body: list[int]  # paragraph indexes of the text addressed to this colleague


def colleague_of_heading(text: str) -> str | None:
    """Whom a heading addresses (张三同志 / 分管副局长), or None when it is no colleague heading."""
    text = text.strip()
    if not text or len(text) > 40 or "。" in text:
        return None
    m = _COLLEAGUE_HEADING_RE.match(text)
    if not m:
        return None
    who = m.group("who").strip()
    addressed = ("同志" in text or text.lstrip("一二三四五六七八九十、（）()0123456789.． ").startswith(("对", "给"))
                 or who.endswith(_POST_WORDS))
    if not addressed or not who or is_criticism_title(who):
        return None
    return who


def colleague_sections(paragraphs: list[Paragraph]) -> list[ColleagueSection]:
    """The sections addressed to colleagues: headings (any level) or short lead lines ``对张三同志：``."""
    sections: list[ColleagueSection] = []
    for index, para in enumerate(paragraphs):
        if para.role in (Role.TITLE, Role.META):
            continue
        who = colleague_of_heading(para.text) if (para.role.is_heading or len(para.text) <= 40) else None
        if who is not None:
            sections.append(ColleagueSection(who, index, []))
        elif sections and para.text.strip():
            sections[-1].body.append(index)
    return sections
