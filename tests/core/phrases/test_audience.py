"""Phrases tagged for the draft's template come first: an ordinary member's phrases for a
member's 组织生活会, 组织生活会 openings for any 组织生活会, the cross-cutting causes."""

from __future__ import annotations

import pytest

from app.core.document.templates import Template, load_templates
from app.core.phrases.audience import (
    CAUSE_ROOT,
    MEMBER,
    ORG_MEETING,
    meeting_of,
    preferred_tags,
)

MEMBER_TOML = """id = "dangyuan-test"
name = "组织生活会（普通党员）"
title = "组织生活会个人对照检查材料"
audience = "member"
target_chars = [1000, 2500]

[[sections]]
part = "开头"

[[sections]]
title = "检视的问题"
part = "问题"
aspects = [{ title = "理论学习方面", topics = ["理论学习"] }]

[[sections]]
title = "产生问题的原因"
part = "原因"

[[sections]]
title = "整改措施"
part = "措施"

[[sections]]
part = "结尾"
"""


@pytest.fixture
def member_template(tmp_path) -> Template:
    (tmp_path / "member.toml").write_text(MEMBER_TOML, encoding="utf-8")
    library = load_templates(tmp_path)
    assert library.errors == []
    return library.templates[0]


def _cadre(services) -> Template:
    template = services.templates.default()
    assert template.audience == "cadre" and meeting_of(template) == "民主生活会"
    return template


def test_template_reads_its_audience(member_template, services):
    assert member_template.audience == "member"
    assert all(t.audience in ("cadre", "member") for t in services.templates.templates)


def test_an_old_members_template_without_the_key_is_still_a_members(services):
    import dataclasses

    old = dataclasses.replace(_cadre(services), name="组织生活会（党员个人，四个检视）",
                              title="组织生活会个人对照检查材料")
    assert old.audience == "cadre" and preferred_tags(old) == {MEMBER, ORG_MEETING}


def test_preferred_tags_follow_the_template(member_template, services):
    assert preferred_tags(member_template) == {MEMBER, ORG_MEETING}
    cadre = preferred_tags(_cadre(services))
    assert cadre == {"-" + MEMBER, CAUSE_ROOT, "meeting:民主生活会"}
    assert preferred_tags(None) == frozenset({"-" + MEMBER})


@pytest.mark.parametrize("part", ["问题", "原因", "措施"])
@pytest.mark.parametrize("topic", ["理论学习", "组织生活/党性修养", "宗旨意识/群众工作"])
def test_member_phrases_come_first_for_a_member_template(services, member_template, part, topic):
    index = services.index
    found = index.suggest(part, [topic], limit=40, prefer=preferred_tags(member_template))
    members = [s for s in found if MEMBER in s.phrase.tags]
    assert len(members) >= 3, (part, topic)
    head = found[:len(members)]
    assert all(MEMBER in s.phrase.tags for s in head), [s.phrase.id for s in head]
    # a cadre's draft keeps them below its own phrases
    cadre = index.suggest(part, [topic], limit=300, prefer=preferred_tags(_cadre(services)))
    flags = [MEMBER in s.phrase.tags for s in cadre if not s.used]
    assert flags == sorted(flags), "member phrases must all come after the cadre's"


def test_member_phrases_first_even_when_context_favours_others(services, member_template):
    context = "对{分管领域}班子成员的理论学习督促不够"
    found = services.index.suggest("问题", ["理论学习"], context=context, limit=10,
                                   prefer=preferred_tags(member_template))
    assert MEMBER in found[0].phrase.tags


def test_organisation_meeting_openings_come_first(services, member_template):
    index = services.index
    found = index.suggest("开头", [], limit=12, prefer=preferred_tags(member_template))
    assert all("组织生活会" in s.phrase.text or ORG_MEETING in s.phrase.tags for s in found[:8])
    assert not any("民主生活会" in s.phrase.text for s in found[:8])
    closings = index.suggest("结尾", [], limit=6, prefer=preferred_tags(member_template))
    assert ORG_MEETING in closings[0].phrase.tags
    # a 民主生活会 template gets 民主生活会 openings first, never the 组织生活会 ones
    cadre = index.suggest("开头", [], limit=8, prefer=preferred_tags(_cadre(services)))
    assert not any("组织生活会" in s.phrase.text for s in cadre)


def test_cross_cutting_causes_come_first_in_a_cause_section(services):
    found = services.index.suggest("原因", [], limit=5, prefer=preferred_tags(_cadre(services)))
    roots = [s.phrase for s in found if CAUSE_ROOT in s.phrase.tags]
    assert len(roots) == 5 and not any(MEMBER in p.tags for p in roots)
    assert {t for p in roots for t in p.topics[:1]} >= {"政治素质", "组织生活/党性修养",
                                                        "宗旨意识/群众工作", "廉洁自律", "政绩观"}


def test_used_phrases_still_sink_below_preferred_ones(services, member_template):
    prefer = preferred_tags(member_template)
    first = services.index.suggest("措施", ["理论学习"], limit=30, prefer=prefer)[0].phrase
    again = services.index.suggest("措施", ["理论学习"], used={first.id}, limit=300, prefer=prefer)
    assert again[0].phrase.id != first.id
    assert next(s for s in again if s.phrase.id == first.id).used
