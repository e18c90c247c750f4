"""Templates: the four shipped ones, new documents, and broken user templates."""

from __future__ import annotations

import datetime as dt

from app.core.document.templates import load_templates, new_document
from app.core.model import Role
from app.core.paths import templates_dir


def test_shipped_templates_load_without_errors():
    library = load_templates(templates_dir())
    assert library.errors == []
    names = {t.name for t in library.templates}
    assert {"2023年度主题教育专题民主生活会（六个方面）", "2022年度民主生活会（六个带头）",
            "巡视整改专题民主生活会", "组织生活会（党员个人，四个检视）"} <= names
    assert library.default().id == "zhuti-2023"
    liudai = library.get("liudai-2022")
    assert liudai.problem_aspects()[0].title == (
        "带头深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”方面")


def test_default_template_makes_the_six_aspect_document():
    template = load_templates(templates_dir()).default()
    doc = new_document(template, dt.date(2026, 11, 22))
    headings = [(p.role, p.text) for p in doc.paragraphs if p.role.is_heading]
    assert headings == [
        (Role.H1, "一、检视的问题"), (Role.H2, "（一）理论学习方面"), (Role.H2, "（二）政治素质方面"),
        (Role.H2, "（三）能力本领方面"), (Role.H2, "（四）担当作为方面"), (Role.H2, "（五）工作作风方面"),
        (Role.H2, "（六）廉洁自律方面"), (Role.H1, "二、产生问题的原因分析"), (Role.H1, "三、整改措施")]
    assert doc.paragraphs[0] .role is Role.TITLE
    assert doc.paragraphs[0].text == "2023年度主题教育专题民主生活会个人对照检查材料"
    assert doc.paragraphs[2].text == "2026年11月22日"
    assert [s.part for s in template.sections] == ["开头", "问题", "原因", "措施", "结尾"]
    assert template.target_chars == (3000, 6000)
    # room to write the opening after the date line, and the closing after the measures
    assert (doc.paragraphs[3].role, doc.paragraphs[3].text) == (Role.BODY, "")
    assert doc.paragraphs[-3].text == "三、整改措施" and doc.paragraphs[-1].text == ""


def test_every_template_defines_parts_aspects_and_length():
    for template in load_templates(templates_dir()).templates:
        parts = [s.part for s in template.sections]
        if "批评" in parts:  # 相互批评意见: an opening, then one section per colleague
            assert parts == ["开头", "批评"] and "{同志}" in template.sections[1].title
            continue
        assert parts[0] == "开头" and parts[-1] == "结尾" and {"问题", "原因", "措施"} <= set(parts)
        assert template.problem_aspects() and all(a.topics for a in template.problem_aspects())
        assert template.target_chars[0] < template.target_chars[1]


def test_broken_user_template_is_reported_with_line_and_skipped(tmp_path):
    user = tmp_path / "templates"
    user.mkdir()
    (user / "syntax.toml").write_text('id = "x"\nname = \n', encoding="utf-8")
    (user / "schema.toml").write_text(
        'id = "y"\nname = "我的模板"\ntitle = "标题"\n\n[[sections]]\ntitle = "问题"\npart = "问题"\n'
        'aspects = [\n  { title = "甲方面", topics = ["不存在的主题"] },\n]\n', encoding="utf-8")
    library = load_templates(templates_dir(), user)
    assert len(library.templates) == 5  # the four reports and 相互批评意见
    errors = {e.path.rsplit("/", 1)[-1]: e for e in library.errors}
    assert errors["syntax.toml"].line == 2
    assert errors["schema.toml"].line == 9 and "不存在的主题" in errors["schema.toml"].reason
    (user / "length.toml").write_text(
        'id = "z"\nname = "长度"\ntitle = "标题"\ntarget_chars = [6000, 3000]\n\n'
        '[[sections]]\ntitle = "问题"\npart = "问题"\n', encoding="utf-8")
    library = load_templates(templates_dir(), user)
    length = next(e for e in library.errors if e.path.endswith("length.toml"))
    assert length.line == 4 and "target_chars" in length.reason
