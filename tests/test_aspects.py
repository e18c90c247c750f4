"""Aspect headings worded differently from the template still find their aspect and topics."""

from __future__ import annotations

import pytest

from app.core.outline import build_outline, detect_template
from app.core.paths import templates_dir
from app.core.structure import recognize_text
from app.core.templates import load_templates, match_aspect
from tests.tools.aspect_eval import cases

LIBRARY = load_templates(templates_dir())


@pytest.mark.parametrize(("template_id", "heading", "want"), cases())
def test_variant_heading_matches_its_aspect(template_id, heading, want):
    aspects = LIBRARY.get(template_id).problem_aspects()
    got = match_aspect(aspects, heading)
    assert got == (aspects[want - 1] if want else None)


def _aspect_topics(services, text):
    paragraphs = recognize_text(text)
    outline = build_outline(paragraphs, services.classifier, detect_template(paragraphs, services.templates))
    problems = next(s for s in outline.sections if s.part == "问题" and s.kind == "section")
    return outline.template.id, [(n.title, n.topics) for n in problems.children if n.kind == "section"]


def test_imported_headings_get_the_template_topics(services):
    text = ("一、存在的问题\n（一）学习贯彻党的创新理论方面\n一是学得不深。\n（二）政治站位、政治能力方面\n"
            "（三）本领不够强\n（四）敢于担当、积极作为方面\n（五）作风建设方面\n（六）遵守纪律、廉洁从政方面\n"
            "（七）落实意识形态工作责任制方面\n（八）其他方面\n二、原因分析\n三、整改措施")
    template_id, aspects = _aspect_topics(services, text)
    assert template_id == "zhuti-2023"
    assert aspects == [
        ("学习贯彻党的创新理论方面", ["理论学习"]), ("政治站位、政治能力方面", ["政治素质"]),
        ("本领不够强", ["能力本领"]), ("敢于担当、积极作为方面", ["担当作为"]), ("作风建设方面", ["工作作风"]),
        ("遵守纪律、廉洁从政方面", ["廉洁自律"]),
        # not one of the six: its own words decide (it used to be taken for 工作作风)
        ("落实意识形态工作责任制方面", ["意识形态"]),
        ("其他方面", []),
    ]


def test_organisation_meeting_headings(services):
    text = ("一、检视的问题\n（一）在学习贯彻习近平新时代中国特色社会主义思想方面\n（二）党性修养方面\n"
            "（三）在联系服务群众上\n（四）先锋模范作用发挥方面\n二、原因\n三、措施")
    template_id, aspects = _aspect_topics(services, text)
    assert template_id == "zuzhi-shenghuo"
    assert [t for _, t in aspects] == [["理论学习"], ["组织生活/党性修养", "政治素质"], ["宗旨意识/群众工作"],
                                        ["担当作为", "工作作风"]]


def test_a_users_copy_of_a_shipped_template_wins_a_tie(services, tmp_path):
    shipped = (templates_dir() / "zhuti_2023.toml").read_text(encoding="utf-8")
    own = shipped.replace('id = "zhuti-2023"', 'id = "my-2023"').replace(
        'name = "2023年度主题教育专题民主生活会（六个方面）"', 'name = "我单位2023年度模板"').replace(
        "target_chars = [3000, 6000]", "target_chars = [4000, 5000]")
    (tmp_path / "mine.toml").write_text(own, encoding="utf-8")
    library = load_templates(templates_dir(), tmp_path)
    paragraphs = recognize_text("一、检视的问题\n（一）理论学习方面\n（二）政治素质方面\n（三）能力本领方面\n"
                                "（四）担当作为方面\n（五）工作作风方面\n（六）廉洁自律方面\n二、原因\n三、措施")
    assert detect_template(paragraphs, library).id == "my-2023"
    assert detect_template(paragraphs, LIBRARY).id == "zhuti-2023"
