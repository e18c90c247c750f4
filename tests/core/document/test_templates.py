"""Templates: the four shipped ones, new documents, and broken user templates."""

from __future__ import annotations

import datetime as dt

from app.core.document.templates import load_templates, new_document
from app.core.model import Role
from app.core.paths import templates_dir

FIVE_2025 = ["带头强化政治忠诚、提高政治能力", "带头固本培元、增强党性", "带头敬畏人民、敬畏组织、敬畏法纪",
             "带头干事创业、担当作为", "带头坚决扛起管党治党责任"]
SHIPPED = {
    "minzhu-2025": "2025年度民主生活会（五个带头）", "minzhu-2024": "2024年度民主生活会（四个带头）",
    "minzhu-2026": "2026年度民主生活会（待按通知修改）", "zhuti-2023": "2023年度主题教育专题民主生活会（六个方面）",
    "liudai-2022": "2022年度民主生活会（六个带头）", "xunshi-zhenggai": "巡视整改专题民主生活会",
    "xuncha-zhenggai": "巡察整改专题民主生活会（按反馈意见）", "yian-cugai": "以案促改专题民主生活会（典型案例剖析）",
    "banzi-2025": "领导班子对照检查材料（2025年度）", "zuzhi-dangyuan-2025": "2025年度组织生活会（普通党员，六大纪律）",
    "zuzhi-dangyuan-2024": "2024年度组织生活会（普通党员，党纪学习教育）",
    "zuzhi-shenghuo": "2023年度组织生活会（党员个人，四个检视）", "zuzhi-zhibu": "组织生活会（支部班子对照检查）",
    "xianghu-piping": "相互批评意见（每位班子成员一节）",
}


def test_shipped_templates_load_without_errors():
    library = load_templates(templates_dir())
    assert library.errors == []
    assert {t.id: t.name for t in library.templates} == SHIPPED
    assert library.default().id == "minzhu-2025"
    liudai = library.get("liudai-2022")
    assert liudai.problem_aspects()[0].title == (
        "带头深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”方面")
    assert [a.title for a in library.get("minzhu-2024").problem_aspects()] == [
        "带头严守政治纪律和政治规矩，维护党的团结统一", "带头增强党性、严守纪律、砥砺作风",
        "带头在遵规守纪、清正廉洁前提下勇于担责、敢于创新", "带头履行全面从严治党政治责任"]
    assert "巩固深化党纪学习教育成果" in library.get("minzhu-2024").theme


def test_2025_is_the_default_with_five_aspects_theme_and_optional_sections():
    template = load_templates(templates_dir()).default()
    assert template.year == 2025 and [a.title for a in template.problem_aspects()] == FIVE_2025
    assert template.theme.startswith("深入学习贯彻习近平新时代中国特色社会主义思想，全面贯彻落实党的二十届四中全会精神，"
                                     "以打攻坚战、持久战的决心和恒心，锲而不舍落实中央八项规定精神，推进作风建设常态化长效化")
    assert [s.title for s in template.optional_sections()] == [
        "上年度民主生活会整改落实情况", "深入贯彻中央八项规定精神学习教育整改整治情况", "反面典型案例剖析"]
    assert template.title_choices == ("2025年度民主生活会个人发言提纲", "2025年度民主生活会个人对照检查材料",
                                      "2025年度民主生活会对照检查发言材料")
    assert template.target_chars == (2500, 6000)
    plain = new_document(template, dt.date(2026, 12, 20))
    assert [p.text for p in plain.paragraphs if p.role is Role.H1] == [
        "一、对照检查的问题", "二、问题产生的原因", "三、努力方向和整改措施"]
    assert [p.text for p in plain.paragraphs if p.role is Role.H2] == [
        f"（{n}）{t}" for n, t in zip("一二三四五", FIVE_2025, strict=True)]
    full = new_document(template, dt.date(2026, 12, 20), title="2025年度民主生活会对照检查发言材料",
                        optional=["上年度民主生活会整改落实情况", "反面典型案例剖析"])
    assert full.paragraphs[0].text == "2025年度民主生活会对照检查发言材料"
    assert [p.text for p in full.paragraphs if p.role is Role.H1] == [
        "一、上年度民主生活会整改落实情况", "二、反面典型案例剖析", "三、对照检查的问题", "四、问题产生的原因",
        "五、努力方向和整改措施"]


def test_optional_sections_keep_their_own_part_in_the_outline(services):
    """A 通报 section (整改落实情况, 案例剖析) is neither a problem nor a measure."""
    from app.core.document.outline import build_outline
    from app.core.document.pairing import problems_and_measures

    template = load_templates(templates_dir()).default()
    doc = new_document(template, optional=[s.title for s in template.optional_sections()])
    paragraphs = list(doc.paragraphs)
    at = next(i for i, p in enumerate(paragraphs) if p.text.endswith("整改落实情况")) + 1
    paragraphs[at] = type(paragraphs[at])(Role.BODY, "一是建立整改台账，逐项销号。二是对账盘点，完成整改12项。")
    outline = build_outline(paragraphs, services.classifier, template)
    parts = [(n.title, n.part) for n in outline.sections if n.kind == "section"]
    assert parts[:3] == [("上年度民主生活会整改落实情况", "通报"), ("深入贯彻中央八项规定精神学习教育整改整治情况", "通报"),
                         ("反面典型案例剖析", "通报")]
    assert [n.part for n in outline.sections if n.kind == "section"][3:] == ["问题", "原因", "措施"]
    _, measures = problems_and_measures(outline, paragraphs, services.classifier)
    assert not any("台账" in m.full for m in measures)


def test_every_template_defines_parts_aspects_and_length():
    library = load_templates(templates_dir())
    for template in library.templates:
        parts = [s.part for s in template.sections]
        if "批评" in parts:  # 相互批评意见: an opening, then one section per colleague
            assert parts == ["开头", "批评"] and "{同志}" in template.sections[1].title
            continue
        assert parts[0] == "开头" and parts[-1] == "结尾" and {"问题", "原因", "措施"} <= set(parts)
        assert template.problem_aspects() and all(a.topics for a in template.problem_aspects())
        assert template.target_chars[0] < template.target_chars[1]
        assert len(template.title_choices) >= 2, template.id
        doc = new_document(template)
        assert len([p for p in doc.paragraphs if p.role is Role.H2]) == len(template.problem_aspects())
    individual = [t for t in library.templates if t.meeting == "民主生活会" and "班子" not in t.name]
    assert len(individual) == 8 and {t.target_chars for t in individual} == {(2500, 6000)}
    members = [t for t in library.templates if t.audience == "member"]
    assert {t.id for t in members} == {"zuzhi-dangyuan-2024", "zuzhi-dangyuan-2025", "zuzhi-shenghuo"}
    assert {t.target_chars for t in members} == {(1000, 2500)}
    assert library.get("banzi-2025").target_chars == (5000, 10000)


def test_member_templates_check_against_the_six_disciplines():
    library = load_templates(templates_dir())
    for tid in ("zuzhi-dangyuan-2024", "zuzhi-dangyuan-2025"):
        titles = [a.title for a in library.get(tid).problem_aspects()]
        assert titles == ["理论学习方面", "政治纪律方面", "组织纪律方面", "廉洁纪律方面", "群众纪律方面", "工作纪律方面",
                          "生活纪律方面", "党员意识方面", "作用发挥方面"]


def test_2026_is_pending_with_the_2025_aspects_and_follows_a_users_2025(tmp_path):
    library = load_templates(templates_dir())
    pending = library.get("minzhu-2026")
    assert pending.pending and pending.year == 2026 and "待按通知修改" in pending.name
    assert [a.title for a in pending.problem_aspects()] == FIVE_2025
    assert library.get("yian-cugai").problem_aspects() == library.get("minzhu-2025").problem_aspects()
    # a user's own copy of 2025 (the notice worded differently) is what the borrowers use
    own = (templates_dir() / "minzhu_2025.toml").read_text(encoding="utf-8").replace(
        "带头固本培元、增强党性", "带头固本培元、增强党性方面")
    (tmp_path / "mine.toml").write_text(own, encoding="utf-8")
    library = load_templates(templates_dir(), tmp_path)
    assert library.get("banzi-2025").problem_aspects()[1].title == "带头固本培元、增强党性方面"


def test_aspects_from_an_unknown_template_is_reported(tmp_path):
    (tmp_path / "bad.toml").write_text(
        'id = "b"\nname = "借用"\ntitle = "标题"\n\n[[sections]]\ntitle = "问题"\npart = "问题"\n'
        'aspects_from = "no-such"\n', encoding="utf-8")
    library = load_templates(templates_dir(), tmp_path)
    assert library.get("b") is None
    error = next(e for e in library.errors if e.path.endswith("bad.toml"))
    assert error.line == 8 and "no-such" in error.reason


def test_broken_user_template_is_reported_with_line_and_skipped(tmp_path):
    user = tmp_path / "templates"
    user.mkdir()
    (user / "syntax.toml").write_text('id = "x"\nname = \n', encoding="utf-8")
    (user / "schema.toml").write_text(
        'id = "y"\nname = "我的模板"\ntitle = "标题"\n\n[[sections]]\ntitle = "问题"\npart = "问题"\n'
        'aspects = [\n  { title = "甲方面", topics = ["不存在的主题"] },\n]\n', encoding="utf-8")
    library = load_templates(templates_dir(), user)
    assert len(library.templates) == len(SHIPPED)
    errors = {e.path.rsplit("/", 1)[-1]: e for e in library.errors}
    assert errors["syntax.toml"].line == 2
    assert errors["schema.toml"].line == 9 and "不存在的主题" in errors["schema.toml"].reason
    (user / "length.toml").write_text(
        'id = "z"\nname = "长度"\ntitle = "标题"\ntarget_chars = [6000, 3000]\n\n'
        '[[sections]]\ntitle = "问题"\npart = "问题"\n', encoding="utf-8")
    library = load_templates(templates_dir(), user)
    length = next(e for e in library.errors if e.path.endswith("length.toml"))
    assert length.line == 4 and "target_chars" in length.reason
