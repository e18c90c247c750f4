"""Which shipped phrases a template's writer should see first.

Phrases carry plain-text tags (``phrasebank/*.jsonl`` → ``"tags"``):

- ``audience:member``: written for an ordinary 党员 without 分管领域 or 班子 (a teacher, an
  engineer, a retiree); shown first when the template's ``audience`` is ``"member"``.
- ``meeting:组织生活会`` / ``meeting:民主生活会``: openings and closings that name the meeting;
  the ones naming the draft's own kind of meeting are shown first.
- ``cause:root``: one of the few cross-cutting 原因 (理想信念、党性修养、宗旨意识、纪律规矩、
  政绩观) a writer uses for the whole report; first in a cadre's 原因 section (a member's
  own roots carry both tags and come first with the rest of the member's phrases).
"""

from __future__ import annotations

from app.core.document.templates import Template

MEMBER = "audience:member"
ORG_MEETING = "meeting:组织生活会"
LEADERSHIP_MEETING = "meeting:民主生活会"
CAUSE_ROOT = "cause:root"


def meeting_of(template: Template | None) -> str:
    """组织生活会 or 民主生活会, from the template's name and title."""
    if template is not None and ("组织生活会" in template.name or "组织生活会" in template.title):
        return "组织生活会"
    return "民主生活会"


def is_member_template(template: Template | None) -> bool:
    """A template for an ordinary 党员: ``audience = "member"``, or (for templates written
    before that key existed) a name that says 党员个人 / 普通党员."""
    if template is None:
        return False
    return template.audience == "member" or any(
        word in template.name for word in ("党员个人", "普通党员"))


def preferred_tags(template: Template | None) -> frozenset[str]:
    """The tags whose phrases rank first for a draft made from ``template`` (and, spelled
    ``-tag``, those that rank last): a cadre's draft, or one with no template, keeps the
    ordinary member's phrases below its own."""
    if template is None:
        return frozenset({"-" + MEMBER})
    tags = {ORG_MEETING if meeting_of(template) == "组织生活会" else LEADERSHIP_MEETING}
    # the member's own few roots carry audience:member; the cadre's carry cause:root alone
    tags |= {MEMBER} if is_member_template(template) else {"-" + MEMBER, CAUSE_ROOT}
    return frozenset(tags)
