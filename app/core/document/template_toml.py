"""Writing a template as TOML (a template made from the notice, a pack entry), and a new
user template from a notice.

TOML basic strings accept JSON's escapes, so ``json.dumps`` quotes every value safely.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path

from app.core.document.notice import Notice, NoticeAspect
from app.core.document.templates import REPORT_PART, Aspect, Template, TemplateSection

TITLE_KINDS = ("个人发言提纲", "个人对照检查材料", "对照检查发言材料")


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def template_to_toml(template: Template, comment: str = "") -> str:
    """The TOML text ``load_templates`` reads back as ``template`` (borrowed aspects written out)."""
    lines = [f"# {line}" for line in (comment or template.name).splitlines()]
    lines += [f"id = {_q(template.id)}", f"name = {_q(template.name)}", f"title = {_q(template.title)}"]
    if template.titles:
        lines.append("titles = [" + ", ".join(_q(t) for t in template.titles) + "]")
    if template.year is not None:
        lines.append(f"year = {template.year}")
    if template.default:
        lines.append("default = true")
    if template.pending:
        lines.append("pending = true")
    if template.audience != "cadre":
        lines.append(f"audience = {_q(template.audience)}")
    if template.detect_title:
        lines.append(f"detect_title = {_q(template.detect_title)}")
    lines.append(f"target_chars = [{template.target_chars[0]}, {template.target_chars[1]}]")
    if template.theme:
        lines.append(f"theme = {_q(template.theme)}")
    if template.description:
        lines.append(f"description = {_q(template.description)}")
    for section in template.sections:
        lines += ["", "[[sections]]"]
        if section.title:
            lines.append(f"title = {_q(section.title)}")
        lines.append(f"part = {_q(section.part)}")
        if section.optional:
            lines.append("optional = true")
        if section.checked:
            lines.append("checked = true")
        if section.aspects:
            lines.append("aspects = [")
            lines += [f"  {{ title = {_q(a.title)}, topics = [{', '.join(_q(t) for t in a.topics)}] }},"
                      for a in section.aspects]
            lines.append("]")
    return "\n".join(lines) + "\n"


def template_id_for(name: str, prefix: str = "notice") -> str:
    """A stable ASCII id for a user template named ``name``."""
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    year = re.search(r"20\d\d", name)
    return f"{prefix}-{year.group(0)}-{digest}" if year else f"{prefix}-{digest}"


def default_name(notice: Notice) -> str:
    meeting = notice.meeting or "民主生活会"
    year = f"{notice.year}年度" if notice.year else ""
    return f"{year}{meeting}（按通知）"


def title_choices(notice: Notice) -> tuple[str, ...]:
    meeting = notice.meeting or "民主生活会"
    year = f"{notice.year}年度" if notice.year else ""
    kinds = TITLE_KINDS if meeting == "民主生活会" else (TITLE_KINDS[1], TITLE_KINDS[0], TITLE_KINDS[2])
    return tuple(f"{year}{meeting}{kind}" for kind in kinds)


def template_from_notice(notice: Notice, aspects: Sequence[NoticeAspect] | None = None, *,
                         name: str = "", template_id: str = "", default: bool = False,
                         target: tuple[int, int] | None = None) -> Template:
    """A user template for the notice's meeting: its aspects, theme, year and report sections."""
    aspects = list(notice.aspects if aspects is None else aspects)
    if not aspects:
        raise ValueError("no aspects")
    name = name or default_name(notice)
    member = notice.meeting == "组织生活会"
    titles = title_choices(notice)
    sections = [TemplateSection("", "开头")]
    sections += [TemplateSection(title, REPORT_PART, optional=True, checked=True) for title in notice.reports]
    sections += [
        TemplateSection("对照检查的问题", "问题", tuple(Aspect(a.title, tuple(a.topics)) for a in aspects)),
        TemplateSection("问题产生的原因", "原因"),
        TemplateSection("努力方向和整改措施", "措施"),
        TemplateSection("", "结尾"),
    ]
    return Template(
        id=template_id or template_id_for(name), name=name, title=titles[0], titles=titles[1:],
        sections=tuple(sections), target_chars=target or ((1000, 2500) if member else (2500, 6000)),
        default=default, year=notice.year, theme=notice.theme,
        audience="member" if member else "cadre", detect_title="组织生活会" if member else "",
        description="按上级通知新建。", pending=False)


def save_user_template(template: Template, folder: Path) -> Path:
    """Write ``template`` as ``<id>.toml`` in the user's templates folder (atomically)."""
    from app.core.storage.files import atomic_write_bytes

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{template.id}.toml"
    atomic_write_bytes(path, template_to_toml(template).encode("utf-8"))
    return path
