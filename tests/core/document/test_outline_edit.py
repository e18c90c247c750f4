"""Moving, deleting, renaming and adding points and sections from the outline."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.document.grammar import cn_to_int
from app.core.document.numbering import match_heading, recognize_text
from app.core.document.outline import build_outline, detect_template
from app.core.document.outline_edit import (
    RestructureError,
    add_point,
    delete_node,
    move_node,
    rename_node,
)
from app.core.formats.reader import read_document

# A short report with block and inline points and a closing paragraph.
DRAFT = (Path(__file__).resolve().parents[3] / "tests" / "data" / "outline_draft.txt").read_text(encoding="utf-8")


@pytest.fixture
def doc(services):
    paragraphs = recognize_text(DRAFT)
    template = detect_template(paragraphs, services.templates)

    def rebuild(paras):
        return build_outline(paras, services.classifier, template)

    return paragraphs, rebuild


def _node(outline, label):
    return next(n for n in outline.walk() if f"{n.number}{n.title}".startswith(label))


def _texts(change):
    return [p.text for p in change.paragraphs]


def test_move_an_aspect_up_renumbers_the_aspects(doc):
    paras, rebuild = doc
    outline = rebuild(paras)
    problems = _node(outline, "一、")
    change = move_node(paras, outline, _node(outline, "（三）"), problems, 0, rebuild)
    texts = _texts(change)
    assert [t for t in texts if t.startswith("（")] == ["（一）能力本领方面", "（二）理论学习方面", "（三）政治素质方面"]
    assert texts[texts.index("（一）能力本领方面") + 1] == "一是本领恐慌。"
    assert change.paragraphs[change.focus[0]].text == "（一）能力本领方面"
    assert sorted(texts) != sorted(p.text for p in paras)  # numbers changed …
    assert len(texts) == len(paras)  # … but no paragraph came or went


def test_move_a_point_paragraph_renumbers_its_siblings(doc):
    paras, rebuild = doc
    outline = rebuild(paras)
    theory = _node(outline, "（一）")
    change = move_node(paras, outline, _node(outline, "三是钻研不深"), theory, 0, rebuild)
    texts = _texts(change)
    start = texts.index("（一）理论学习方面")
    assert texts[start + 1:start + 4] == ["一是钻研不深。满足于浅尝辄止。", "二是学得不系统。理论学习碎片化。",
                                          "三是学用脱节。联系实际不够。"]


def test_move_an_inline_point_stays_inline(doc):
    paras, rebuild = doc
    outline = rebuild(paras)
    politics = _node(outline, "（二）")
    change = move_node(paras, outline, _node(outline, "三是执行不力"), politics, 0, rebuild)
    assert "一是执行不力。二是站位不高。三是判断不准。" in _texts(change)
    change = move_node(paras, outline, _node(outline, "一是站位不高"), politics, 3, rebuild)
    assert "一是判断不准。二是执行不力。三是站位不高。" in _texts(change)


def test_move_a_point_to_another_aspect_renumbers_both(doc):
    paras, rebuild = doc
    outline = rebuild(paras)
    change = move_node(paras, outline, _node(outline, "一是学得不系统"), _node(outline, "（三）"), 1, rebuild)
    texts = _texts(change)
    assert texts[texts.index("（一）理论学习方面") + 1].startswith("一是学用脱节")
    assert texts[texts.index("（三）能力本领方面") + 1:][:2] == ["一是本领恐慌。", "二是学得不系统。理论学习碎片化。"]


def test_move_between_levels_is_refused(doc):
    paras, rebuild = doc
    outline = rebuild(paras)
    with pytest.raises(RestructureError, match="同一级"):
        move_node(paras, outline, _node(outline, "（一）"), None, 0, rebuild)
    with pytest.raises(RestructureError, match="自己"):
        move_node(paras, outline, _node(outline, "一、"), _node(outline, "（一）"), 0, rebuild)
    with pytest.raises(RestructureError, match="结尾"):
        move_node(paras, outline, outline.sections[-1], None, 0, rebuild)


def test_delete_an_aspect_renumbers_the_rest(doc):
    paras, rebuild = doc
    outline = rebuild(paras)
    change = delete_node(paras, outline, _node(outline, "（一）"), rebuild)
    texts = _texts(change)
    assert [t for t in texts if t.startswith("（")] == ["（一）政治素质方面", "（二）能力本领方面"]
    assert not any("学得不系统" in t for t in texts)


def test_delete_an_inline_point(doc):
    paras, rebuild = doc
    outline = rebuild(paras)
    change = delete_node(paras, outline, _node(outline, "二是判断不准"), rebuild)
    assert "一是站位不高。二是执行不力。" in _texts(change)


def test_rename_keeps_the_number_and_the_body(doc):
    paras, rebuild = doc
    outline = rebuild(paras)
    change = rename_node(paras, _node(outline, "（一）"), "理论武装方面")
    assert "（一）理论武装方面" in _texts(change)
    change = rename_node(paras, _node(outline, "二是学用脱节"), "学用结合不紧")
    assert "二是学用结合不紧。联系实际不够。" in _texts(change)


def test_add_point_after_a_point_renumbers_the_following(doc):
    paras, rebuild = doc
    outline = rebuild(paras)
    change = add_point(paras, outline, _node(outline, "一是学得不系统"), rebuild)
    texts = _texts(change)
    start = texts.index("（一）理论学习方面")
    assert [t[:2] for t in texts[start + 1:start + 5]] == ["一是", "二是", "三是", "四是"]
    assert texts[start + 2] == "二是" and change.focus == (start + 2, 2)
    change = add_point(paras, outline, _node(outline, "（三）"), rebuild)
    texts = _texts(change)
    assert texts[texts.index("（三）能力本领方面") + 2] == "二是"


def _numbering_in_sequence(outline) -> bool:
    for node in [None, *outline.walk()]:
        children = outline.sections if node is None else node.children
        sections = [c for c in children if c.kind == "section"]
        points = [c for c in children if c.kind == "point" and c.number[-1] in "是要"]
        if [match_heading(f"{c.number}x").value for c in sections] != list(range(1, len(sections) + 1)):
            return False
        if [cn_to_int(c.number[:-1]) for c in points] != list(range(1, len(points) + 1)):
            return False
    return True


def _chars_without_numbers(paragraphs) -> Counter:
    return Counter(ch for p in paragraphs for ch in p.text if ch not in "一二三四五六七八九十()（）、 \u3000")


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_move_keeps_all_text_and_numbers_in_sequence(services, corpus, data):
    path = data.draw(st.sampled_from(corpus))
    paras = read_document(path).paragraphs
    template = detect_template(paras, services.templates)

    def rebuild(p):
        return build_outline(p, services.classifier, template)

    outline = rebuild(paras)
    assert _numbering_in_sequence(outline)
    movable = [n for n in outline.walk() if n.kind in ("section", "point")]
    node = data.draw(st.sampled_from(movable))
    if node.kind == "point":
        targets = [n for n in outline.walk() if n.kind == "section"]
    else:
        targets = [n for n in outline.walk() if n.kind == "section" and n.level == node.level - 1] or [None]
    parent = data.draw(st.sampled_from(targets))
    row = data.draw(st.integers(0, 12))
    try:
        change = move_node(paras, outline, node, parent, row, rebuild)
    except RestructureError:
        return
    assert _chars_without_numbers(change.paragraphs) == _chars_without_numbers(paras)
    assert _numbering_in_sequence(rebuild(change.paragraphs))


def test_a_heading_typed_with_its_body_in_one_paragraph(services):
    """（一）理论学习方面。一是……二是…… in one paragraph: title, points, rename and moves keep the body."""
    from app.core.model import Paragraph, Role

    paras = [Paragraph(Role.H1, "一、检视的问题"), Paragraph(Role.H2, "（一）理论学习方面。一是学得不深。二是用得不活。"),
             Paragraph(Role.H2, "（二）政治素质方面"), Paragraph(Role.BODY, "一是站位不高。")]

    def rebuild(p):
        return build_outline(p, services.classifier)

    outline = rebuild(paras)
    aspect = outline.sections[0].children[0]
    assert aspect.title == "理论学习方面"
    assert [(p.number, p.title) for p in aspect.children] == [("一是", "学得不深"), ("二是", "用得不活")]
    assert _texts(rename_node(paras, aspect, "理论武装方面"))[1] == "（一）理论武装方面。一是学得不深。二是用得不活。"
    assert _texts(rename_node(paras, aspect.children[0], "学得太浅"))[1] == "（一）理论学习方面。一是学得太浅。二是用得不活。"
    moved = _texts(move_node(paras, outline, aspect.children[1], outline.sections[0].children[1], 1, rebuild))
    assert moved[1:] == ["（一）理论学习方面。一是学得不深。", "（二）政治素质方面", "一是站位不高。", "二是用得不活。"]
    assert _texts(move_node(paras, outline, aspect.children[1], aspect, 0, rebuild))[1] == (
        "（一）理论学习方面。一是用得不活。二是学得不深。")
    assert _texts(delete_node(paras, outline, aspect.children[0], rebuild))[1] == "（一）理论学习方面。一是用得不活。"


def test_rename_a_point_keeps_its_colon(services):
    from app.core.model import Paragraph, Role

    paras = [Paragraph(Role.H1, "一、检视的问题"), Paragraph(Role.BODY, "一是：学得不深。")]
    outline = build_outline(paras, services.classifier)
    point = outline.sections[0].children[0]
    assert point.title == "学得不深"
    assert _texts(rename_node(paras, point, "学得太浅")) == ["一、检视的问题", "一是：学得太浅。"]


def test_renumbering_keeps_the_writers_separator(services):
    """2、 is renumbered as 1、 (not 1.), 2． as 1．, （二）、 keeps its 、: only the numeral changes."""
    text = ("某某同志对照检查材料\n一、检视的问题\n（一）理论学习方面\n1、学得不系统。理论学习碎片化。\n"
            "2、学用脱节。联系实际不够。\n3、钻研不深。满足于浅尝辄止。\n（二）、政治素质方面\n1．站位不高。\n"
            "2．判断不准。\n（三）、能力本领方面\n本领恐慌，不适应新形势。\n二、整改措施\n一是加强学习。\n")
    paras = recognize_text(text)
    template = detect_template(paras, services.templates)

    def rebuild(p):
        return build_outline(p, services.classifier, template)

    outline = rebuild(paras)
    theory = _node(outline, "（一）")
    texts = _texts(move_node(paras, outline, _node(outline, "3.钻研不深"), theory, 0, rebuild))
    assert [t for t in texts if t[0].isdigit()] == ["1、钻研不深。", "2、学得不系统。", "3、学用脱节。",
                                                    "1．站位不高。", "2．判断不准。"]
    politics = _node(outline, "（二）")
    texts = _texts(move_node(paras, outline, _node(outline, "2.判断不准"), politics, 0, rebuild))
    assert [t for t in texts if t[0].isdigit()][3:] == ["1．判断不准。", "2．站位不高。"]
    problems = _node(outline, "一、")
    texts = _texts(move_node(paras, outline, _node(outline, "（三）"), problems, 0, rebuild))
    assert [t for t in texts if t.startswith("（")] == ["（一）、能力本领方面", "（二）理论学习方面", "（三）、政治素质方面"]
