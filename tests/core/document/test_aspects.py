"""Aspect headings worded differently from the template still find their aspect and topics."""

from __future__ import annotations

import pytest

from app.core.document.numbering import recognize_text
from app.core.document.outline import build_outline, detect_template
from app.core.document.templates import load_templates, match_aspect
from app.core.paths import templates_dir
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


def _draft(*headings: str, title: str = "对照检查材料"):
    numbers = "一二三四五六七八九十"
    return recognize_text(f"{title}\n一、检视的问题\n" + "".join(
        f"（{numbers[i]}）{h}\n一是有差距。\n" for i, h in enumerate(headings)) + "二、原因分析\n三、整改措施\n")


def test_a_half_written_draft_is_detected_as_its_template():
    """Two of six aspects typed so far (a score divided by six aspects found no template)."""
    assert detect_template(_draft("理论学习方面", "政治素质方面"), LIBRARY).id == "zhuti-2023"
    assert detect_template(_draft("在理论学习上", "廉洁自律方面存在的问题"), LIBRARY).id == "zhuti-2023"
    assert detect_template(_draft("带头发扬斗争精神方面", "带头用党的创新理论凝心铸魂方面"), LIBRARY).id == "liudai-2022"
    # three of six, loosely worded, scored 0.35 before
    assert detect_template(_draft("在理论学习上", "在能力本领上", "本领不够强", "在工作作风上"),
                           LIBRARY).id == "zhuti-2023"
    # one heading is too little; headings of two templates, or only generic ones, are none
    assert detect_template(_draft("理论学习方面"), LIBRARY) is None
    assert detect_template(_draft("理论学习方面", "带头发扬斗争精神方面"), LIBRARY) is None
    assert detect_template(_draft("其他方面", "存在的问题"), LIBRARY) is None
    # two of six plus a heading that is another template's aspect: not clearly either
    assert detect_template(_draft("理论学习方面", "政治素质方面", "带头发扬斗争精神方面"), LIBRARY) is None


def _same_and_cross_pairs():
    import itertools

    variants = [c for c in cases() if c[2]]
    same, cross = [], []
    for a, b in itertools.combinations(variants, 2):
        if a[0] == b[0] and a[2] != b[2]:
            same.append((a, b))
        elif a[0] != b[0]:
            cross.append((a, b))
    return same, cross


def test_every_pair_of_variant_headings_finds_its_own_template_and_no_other():
    """Each pair of the hand-written variants of two aspects of one template is detected as
    that template; a pair from two templates is never taken for a template that one of the
    two headings is not an aspect of (false matches between the four shipped templates)."""
    same, cross = _same_and_cross_pairs()
    wrong = [(a, b) for a, b in same if getattr(detect_template(_draft(a[1], b[1]), LIBRARY), "id", None) != a[0]]
    # 2025's 五个带头 (提高政治能力, 干事创业、担当作为) share their words with 2023's 政治素质 and
    # 担当作为: a pair that fits both templates' aspects may go to either, or to neither.
    shared = [(a, b) for a, b in wrong
              if any(t.id != a[0] and match_aspect(t.problem_aspects(), a[1]) and match_aspect(t.problem_aspects(), b[1])
                     for t in LIBRARY.detectable())]
    assert [w for w in wrong if w not in shared] == [] and len(shared) <= 3 and len(same) > 300
    for a, b in cross:
        got = detect_template(_draft(a[1], b[1]), LIBRARY)
        if got is not None:
            aspects = got.problem_aspects()
            assert match_aspect(aspects, a[1]) and match_aspect(aspects, b[1]), (a, b, got.id)


def test_every_subset_of_a_templates_aspects_is_that_template():
    import itertools

    for template in LIBRARY.templates:
        titles = [a.title for a in template.problem_aspects()]
        # a template that borrows another's aspects (2026 draft, 班子, 以案促改) is that one
        want = next(s.aspects_from for s in template.sections if s.aspects_from) if template.borrowed else template.id
        title = template.title  # 组织生活会 templates are told apart by the paper's title
        for k in range(2, len(titles) + 1):
            for subset in itertools.combinations(titles, k):
                assert detect_template(_draft(*subset, title=title), LIBRARY).id == want, subset


def test_organisation_meeting_templates_need_the_title():
    """六大纪律 headings are detected as the ordinary member's template in a 组织生活会 paper only."""
    headings = ("政治纪律方面", "组织纪律方面", "廉洁纪律方面", "工作纪律方面")
    assert detect_template(_draft(*headings, title="2025年度组织生活会个人对照检查材料"),
                           LIBRARY).id == "zuzhi-dangyuan-2025"
    assert getattr(detect_template(_draft(*headings), LIBRARY), "id", None) != "zuzhi-dangyuan-2025"


def test_a_users_copy_wins_a_partial_draft_too(tmp_path):
    shipped = (templates_dir() / "zhuti_2023.toml").read_text(encoding="utf-8")
    own = shipped.replace('id = "zhuti-2023"', 'id = "my-2023"').replace(
        'name = "2023年度主题教育专题民主生活会（六个方面）"', 'name = "我单位2023年度模板"')
    (tmp_path / "mine.toml").write_text(own, encoding="utf-8")
    library = load_templates(templates_dir(), tmp_path)
    assert detect_template(_draft("理论学习方面", "政治素质方面"), library).id == "my-2023"
