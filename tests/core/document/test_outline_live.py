"""The live outline: typing keeps the tree (no rebuild per keystroke) and it always equals a rebuild."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.document.numbering import recognize_text, role_for_text
from app.core.document.outline import LiveOutline, build_outline, detect_template
from app.core.model import Paragraph, Role

START = ("某某同志对照检查材料\n根据要求，报告如下。\n一、检视的问题\n（一）理论学习方面\n一是学得不深。二是用得不活。\n"
         "（二）政治\n首先，站位不高。\n其次，敏锐性不强。\n二、原因\n一是放松学习。\n三、整改措施\n（一）加强学习\n"
         "坚持读原著。\n以上，恳请批评指正。")


def _typed(paragraphs, index, text):
    """``paragraphs`` with paragraph ``index`` now reading ``text`` (roles as the editor gives them)."""
    out = list(paragraphs)
    role = out[index].role if out[index].role in (Role.TITLE, Role.META) else role_for_text(text)
    out[index] = Paragraph(role, text)
    return out


def _fresh(services, paragraphs, template):
    return build_outline(paragraphs, services.classifier, template)


def _same(live_outline, fresh):
    assert live_outline.to_json() == fresh.to_json()
    assert live_outline.total_chars == fresh.total_chars
    assert [(n.start, n.stop) for n in live_outline.walk()] == [(n.start, n.stop) for n in fresh.walk()]


def test_typing_in_a_heading_keeps_the_tree_and_updates_title_and_topics(services):
    paragraphs = recognize_text(START)
    template = detect_template(paragraphs, services.templates)
    live = LiveOutline(services.classifier)
    live.update(paragraphs, template)
    builds = live.full_builds
    politics = next(i for i, p in enumerate(paragraphs) if p.text == "（二）政治")
    for typed in ("（二）政治素", "（二）政治素质", "（二）政治素质方", "（二）政治素质方面"):
        paragraphs = _typed(paragraphs, politics, typed)
        outline = live.update(paragraphs, template)
        _same(outline, _fresh(services, paragraphs, template))
    assert live.full_builds == builds  # four keystrokes, no rebuild
    aspect = outline.sections[1].children[1]
    assert (aspect.title, aspect.topics) == ("政治素质方面", ["政治素质"])
    assert [p.topics for p in aspect.children] == [["政治素质"], ["政治素质"]]
    # typing into a 一、 heading can change its part: 二、原因 → 二、原因分析 keeps it, the tree follows
    cause = next(i for i, p in enumerate(paragraphs) if p.text == "二、原因")
    paragraphs = _typed(paragraphs, cause, "二、原因分析")
    _same(live.update(paragraphs, template), _fresh(services, paragraphs, template))
    # typing the first sentence of a point retitles the point
    point = next(i for i, p in enumerate(paragraphs) if p.text == "坚持读原著。")
    paragraphs = _typed(paragraphs, point - 1, "（一）加强理论学习")
    paragraphs = _typed(paragraphs, point, "一是坚持读原著。")
    live.update(paragraphs, template)
    builds = live.full_builds
    paragraphs = _typed(paragraphs, point, "一是坚持每周读原著。")
    outline = live.update(paragraphs, template)
    assert live.full_builds == builds
    assert outline.sections[3].children[0].children[0].title == "坚持每周读原著"
    # and typing in the title line changes the outline's title (used for 另存为's file name)
    paragraphs = _typed(paragraphs, 0, "张三同志对照检查材料")
    assert live.update(paragraphs, template).title == "张三同志对照检查材料"
    assert live.full_builds == builds


_EDITS = st.lists(st.tuples(st.integers(0, 13), st.sampled_from(
    ["学", "。", "方面", "一是", "。二是", "（三）", "三、", "以上", "批评指正", "今后", "其次，", "", "DEL", "DEL"])),
    max_size=30)


@settings(max_examples=150, deadline=None)
@given(_EDITS)
def test_live_outline_always_equals_a_rebuild(services, edits):
    paragraphs = recognize_text(START)
    template = detect_template(paragraphs, services.templates)
    live = LiveOutline(services.classifier)
    live.update(paragraphs, template)
    for index, what in edits:
        index = min(index, len(paragraphs) - 1)
        text = paragraphs[index].text
        text = text[:-1] if what == "DEL" else (what + text if what.endswith(("、", "）")) else text + what)
        paragraphs = _typed(paragraphs, index, text)
        _same(live.update(paragraphs, template), _fresh(services, paragraphs, template))
