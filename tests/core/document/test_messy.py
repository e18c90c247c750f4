"""A report typed the way people really type: every messy case of issue 3 in one file.

tests/data/messy_report.txt has a title line with stray spaces, name and date lines, a preamble,
half-width and mixed brackets, headings run into their body, aspect names worded unlike the
template, 一要/二要 and 首先/其次/最后 points, 1./1、 and （1） levels, blank lines, an empty
aspect and a closing paragraph straight after the last (bodiless) heading.
"""

from __future__ import annotations

from pathlib import Path

from app.core.document.numbering import recognize_text
from app.core.document.outline import build_outline, detect_template, span_text
from app.core.model import Role
from tests.helpers import squash_space

MESSY = (Path(__file__).resolve().parents[2] / "data" / "messy_report.txt").read_text(encoding="utf-8")


def _outline(services, text):
    paragraphs = recognize_text(text)
    return paragraphs, build_outline(paragraphs, services.classifier,
                                     detect_template(paragraphs, services.templates))


def _rows(nodes, depth=0):
    """(depth, number, title, level, part, topics, chars) of every node, top to bottom."""
    out = []
    for n in nodes:
        out.append((depth, n.number, n.title, n.level, n.part, tuple(n.topics), n.chars))
        out += _rows(n.children, depth + 1)
    return out


def test_messy_report_gives_the_right_tree(services):
    paragraphs, outline = _outline(services, MESSY)
    assert outline.title == "张三同志2023年度主题教育专题民主生活会个人对照检查材料"
    assert [(p.role, p.text) for p in paragraphs[:3]] == [
        (Role.TITLE, outline.title), (Role.META, "张三（县委副书记）"), (Role.META, "2024年1月10日")]
    assert outline.template.id == "zhuti-2023"
    theory, politics, ability, duty, style, clean = ("理论学习",), ("政治素质",), ("能力本领",), \
        ("担当作为",), ("工作作风",), ("廉洁自律",)
    assert _rows(outline.sections) == [
        (0, "", "开头", 1, "开头", (), 35),
        (0, "一、", "检视的问题", 1, "问题", (), 178),
        (1, "（一）", "对照理论学习方面突出问题", 2, "问题", theory, 40),
        (2, "一是", "学习不系统，满足于读原文", 3, "问题", theory, 13),
        (2, "二是", "运用不够，联系实际不够紧密", 3, "问题", theory, 14),
        (1, "（二）", "在政治素质方面", 2, "问题", politics, 25),
        (2, "一要", "提高政治站位", 3, "问题", politics, 8),
        (2, "二要", "增强政治敏锐性", 3, "问题", politics, 9),
        (1, "（三）", "能力本领存在的不足", 2, "问题", ability, 47),
        (2, "首先", "调查研究不深入，解决问题的能力不强", 3, "问题", ability, 18),
        (2, "其次", "学习新知识不够主动", 3, "问题", ability, 11),
        (2, "最后", "创新能力不足", 3, "问题", ability, 8),
        (1, "（四）", "担当作为方面", 2, "问题", duty, 40),
        (2, "1.", "面对矛盾绕着走", 3, "问题", duty, 7),
        (2, "2.", "攻坚克难劲头不足", 3, "问题", duty, 26),
        (3, "（1）", "遇到难题习惯于等靠要", 4, "问题", duty, 10),
        (3, "（2）", "推进工作标准不高", 4, "问题", duty, 8),
        (1, "（五）", "工作作风方面", 2, "问题", style, 7),
        (1, "（六）", "廉洁自律方面", 2, "问题", clean, 13),
        (2, "一是", "要求不严", 3, "问题", clean, 6),
        (0, "二、", "产生问题的原因分析", 1, "原因", (), 37),
        (1, "一是", "理论学习不深入", 2, "原因", theory, 9),
        (1, "二是", "党性修养有所放松", 2, "原因", ("组织生活/党性修养",), 10),
        (1, "三是", "宗旨意识淡化", 2, "原因", ("宗旨意识/群众工作",), 8),
        (0, "三、", "整改措施", 1, "措施", (), 24),
        (1, "（一）", "加强理论学习", 2, "措施", theory, 14),
        (2, "一是", "坚持读原著", 3, "措施", theory, 7),
        (1, "（二）", "锤炼党性", 2, "措施", ("组织生活/党性修养",), 5),
        (0, "", "结尾", 1, "结尾", (), 23),
    ]
    # nothing dropped: the title block plus the top-level nodes' text give back the input
    first = outline.sections[0].block
    rebuilt = "".join(p.text for p in paragraphs[:first])
    rebuilt += "".join(span_text(paragraphs, s.start, s.stop) for s in outline.sections)
    assert squash_space(rebuilt) == squash_space(MESSY)


def test_mixed_brackets_in_one_report(services):
    text = "一、检视的问题\n(一)理论学习方面\n（二)政治素质方面\n(三）能力本领方面\n（ 四 ）担当作为方面\n二、原因\n三、措施"
    _, outline = _outline(services, text)
    aspects = outline.sections[0].children
    assert [(a.number, a.title, a.level, a.topics) for a in aspects] == [
        ("（一）", "理论学习方面", 2, ["理论学习"]), ("（二）", "政治素质方面", 2, ["政治素质"]),
        ("（三）", "能力本领方面", 2, ["能力本领"]), ("（四）", "担当作为方面", 2, ["担当作为"])]


def test_heading_and_body_in_one_paragraph(services):
    paragraphs, outline = _outline(services, "一、检视的问题\n（一）理论学习方面。一是学得不深。二是用得不活。")
    assert [(p.role, p.text) for p in paragraphs[1:]] == [
        (Role.H2, "（一）理论学习方面。"), (Role.BODY, "一是学得不深。二是用得不活。")]
    aspect = outline.sections[0].children[0]
    assert aspect.title == "理论学习方面"
    assert [(p.number, p.title) for p in aspect.children] == [("一是", "学得不深"), ("二是", "用得不活")]
    assert paragraphs[aspect.children[0].block].text.startswith("一是")


def test_closing_after_the_last_section(services):
    base = "一、问题\n（一）理论学习方面\n一是学得不深。\n二、原因\n一是放松学习。\n三、整改措施\n（一）加强学习。\n"
    closing = "以上是我的对照检查，恳请同志们批评指正。"
    # straight after a heading with no body: only a closing says 批评指正
    _, outline = _outline(services, base + closing)
    assert outline.sections[-1].kind == "closing" and outline.sections[-1].chars == 18
    assert outline.sections[-2].children[-1].chars == 5  # （一）加强学习 keeps only its own heading
    # after the measure's body, with blank lines in between
    _, outline = _outline(services, base + "坚持每周读原著。\n\n\n今后，我将以此次民主生活会为新的起点。\n" + closing)
    assert outline.sections[-1].kind == "closing" and outline.sections[-1].chars == 17 + 18
    # a measure that merely mentions 今后 straight under its heading stays the measure's body
    _, outline = _outline(services, base + "今后坚持每周读原著。")
    assert outline.sections[-1].kind == "section"
    assert outline.sections[-1].children[-1].chars == 5 + 9


def test_stray_punctuation_after_numbers_and_markers(services):
    text = ("一．检视的问题\r\n（一）、理论学习方面\r\n\u3000\u3000一是：学习不够系统。二是:运用不够。\r\n"
            "（二）.政治素质方面\r\n一是站位不高；二是敏锐性不强；三是斗争精神不足。\r\n"
            "（三）能力本领方面\r\n首先，本领不强。\r\n其次：创新不够。\r\n二、原因\r\n三、措施\r\n（1）、加强学习。")
    _, outline = _outline(services, text)
    problems = outline.sections[0]
    assert (problems.number, problems.title) == ("一、", "检视的问题")
    assert [(a.number, a.title) for a in problems.children] == [
        ("（一）", "理论学习方面"), ("（二）", "政治素质方面"), ("（三）", "能力本领方面")]
    assert [[(p.number, p.title) for p in a.children] for a in problems.children] == [
        [("一是", "学习不够系统"), ("二是", "运用不够")],
        [("一是", "站位不高"), ("二是", "敏锐性不强"), ("三是", "斗争精神不足")],
        [("首先", "本领不强"), ("其次", "创新不够")]]
    assert outline.sections[-1].children[0].title == "加强学习"


def test_long_six_lead_aspect_run_into_its_body_is_split(services):
    aspect = "带头深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”方面"
    paragraphs, outline = _outline(services, f"一、对照检查的问题\n（一）{aspect}。本人能够自觉维护。一是学得不深。")
    assert [(p.role, p.text) for p in paragraphs[1:]] == [
        (Role.H2, f"（一）{aspect}。"), (Role.BODY, "本人能够自觉维护。一是学得不深。")]
    node = outline.sections[0].children[0]
    assert node.title == aspect and [(p.number, p.title) for p in node.children] == [("一是", "学得不深")]


def test_the_same_tree_from_txt_docx_and_paste(services, tmp_path):
    import docx

    from app.core.formats.reader import read_document

    source = Path(__file__).resolve().parents[2] / "data" / "messy_report.txt"
    word = docx.Document()
    for line in MESSY.splitlines():
        word.add_paragraph(line)
    word.save(tmp_path / "messy.docx")
    trees = []
    for path in (source, tmp_path / "messy.docx"):
        paragraphs = read_document(path).paragraphs
        trees.append(build_outline(paragraphs, services.classifier,
                                   detect_template(paragraphs, services.templates)).to_json())
    trees.append(_outline(services, MESSY)[1].to_json())
    assert trees[0] == trees[1] == trees[2]
