"""The report's grammar: total numerals, and one rule for where a point begins."""

from __future__ import annotations

import pytest

from app.core.check.rules_numbering import check_numbering
from app.core.document.grammar import (
    canonical_number,
    cn_to_int,
    int_to_cn,
    lead_sentence_spans,
    point_markers,
)
from app.core.document.numbering import match_heading, recognize_text
from app.core.document.outline import build_outline
from app.core.document.outline_edit import add_point
from app.core.formats.docx_lists import format_number
from app.core.model import Paragraph, Role
from app.core.phrases.phrasebank import with_ordinal


@pytest.mark.parametrize(("value", "numeral"), [
    (0, "零"), (1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (99, "九十九"), (100, "一百"),
    (101, "一百零一"), (110, "一百一十"), (1010, "一千零一十"), (10000, "一万"), (100010, "十万零一十"),
])
def test_numerals_are_total(value, numeral):
    assert int_to_cn(value) == numeral
    assert cn_to_int(numeral) == value


def test_numerals_round_trip_far_beyond_a_hundred():
    assert all(cn_to_int(int_to_cn(v)) == v for v in range(0, 20000))
    assert cn_to_int("一十二") == 12  # written out in full
    for bad in ("", "甲", "一一", "十十", "二百百", "一百一"):
        assert cn_to_int(bad) is None, bad


def test_headings_and_ordinals_past_ninety_nine():
    assert canonical_number(1, 101) == "一百零一、" and canonical_number(2, 120) == "（一百二十）"
    heading = match_heading("一百零一、第一百零一个方面")
    assert heading is not None and (heading.level, heading.value) == (1, 101)
    assert with_ordinal("八是加强学习。", 100) == "一百是加强学习。"
    assert format_number(101, "chineseCounting") == "一百零一"


def test_the_hundredth_point_is_added_and_read_back(services):
    lines = ["一、存在的问题", "（一）理论学习方面"] + [f"{int_to_cn(i)}是第{i}条。" for i in range(1, 100)]
    paragraphs = recognize_text("\n".join(lines))

    def rebuild(paras):
        return build_outline(paras, services.classifier)

    outline = rebuild(paragraphs)
    last = outline.sections[0].children[0].children[-1]
    assert last.number == "九十九是"
    change = add_point(paragraphs, outline, last, rebuild)
    assert change.paragraphs[-1].text == "一百是"
    points = rebuild(change.paragraphs).sections[0].children[0].children
    assert [p.number for p in points[-2:]] == ["九十九是", "一百是"]


# Texts where the writers put points: after a full stop, a semicolon, a colon, at the start.
AGREEMENT = [
    "一是学习不够。二是运用不够；三是钻研不深",
    "（一）廉洁自律方面：一是要求不严。二是标准不高。",
    "主要表现在：一要提高站位。二要强化担当。",
    "一是学得不系统，二是学用脱节。",  # 二是 continues the sequence: a point even after a comma (issue 17)
    "一是学得不系统。二是学用脱节三是钻研不深。",  # 三是 run on without its full stop (issue 17)
    "坚持统一思想，统一是前提。",  # 统一是 and no sequence: no point
]


@pytest.mark.parametrize("text", AGREEMENT)
def test_outline_export_and_check_agree_on_what_a_point_is(services, text):
    heading = match_heading(text)
    paragraphs = [Paragraph(Role.H1, "一、问题")]
    paragraphs.append(Paragraph(Role.H2 if heading else Role.BODY, text))
    outline = build_outline(paragraphs, services.classifier)
    in_outline = [n.start[1] for n in outline.walk() if n.kind == "point"]
    markers = [m.start for m in point_markers(text)]
    bold = [start for start, _ in lead_sentence_spans(text)]
    assert in_outline == markers == bold
    assert check_numbering("一、问题\n" + text) == []  # the check sees the same points, in order


def test_a_colon_opens_the_first_point():
    """（六）…方面：一是…。二是… used to show 二是 in the outline without its 一是."""
    assert [m.marker for m in point_markers("（六）廉洁自律方面：一是要求不严。二是标准不高。")] == ["一是", "二是"]


def test_parts_and_node_kinds_are_enums_that_read_as_their_words(services):
    import json

    from app.core.document.outline import NodeKind
    from app.core.topics import PARTS, Part

    assert Part.PROBLEM == "问题" and f"{Part.MEASURE}部分" == "措施部分"
    assert json.dumps(list(PARTS), ensure_ascii=False) == '["开头", "问题", "原因", "措施", "结尾", "过渡", "批评"]'
    outline = build_outline(recognize_text("一、存在的问题\n一是学习不够。\n二、整改措施\n一要加强学习。"),
                            services.classifier)
    assert [(n.kind, n.part) for n in outline.walk()] == [
        (NodeKind.SECTION, Part.PROBLEM), (NodeKind.POINT, Part.PROBLEM),
        (NodeKind.SECTION, Part.MEASURE), (NodeKind.POINT, Part.MEASURE)]
    assert outline.sections[0].kind == "section"  # code that compares plain strings still works


@pytest.mark.parametrize(("number", "role"), [(lambda i: f"{i}.", Role.H3), (lambda i: f"（{i}）", Role.H4),
                                              (lambda i: int_to_cn(i) + "、", Role.H1)])
def test_a_txt_with_more_than_99_numbered_headings_reads_them_all(tmp_path, number, role):
    from app.core.formats.reader import read_document

    lines = ["关于整改问题的清单"]
    for i in range(1, 121):
        lines += [f"{number(i)}第{i}项问题", "对分管领域的风险研判不够及时，整改措施还需要进一步细化。"]
    path = tmp_path / "清单.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    headings = [p for p in read_document(path).paragraphs if p.role is role]
    assert len(headings) == 120  # the Arabic ones stopped at 99 (\d{1,2})
    assert headings[-1].text == f"{number(120)}第120项问题"
