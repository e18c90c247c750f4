"""按通知新建: the aspect list and theme found in notices written in the shapes real ones use."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.document.notice import NoticeError, find_aspect_titles, parse_notice, read_notice
from app.core.document.template_toml import template_from_notice, template_to_toml
from app.core.document.templates import load_templates, new_document, parse_template
from app.core.model import Role
from app.core.paths import templates_dir

NOTICES = Path(__file__).resolve().parents[2] / "data" / "notices"
LIBRARY = load_templates(templates_dir())
FIVE = ["带头强化政治忠诚、提高政治能力", "带头固本培元、增强党性", "带头敬畏人民、敬畏组织、敬畏法纪",
        "带头干事创业、担当作为", "带头坚决扛起管党治党责任"]

EXPECTED = {
    # 一是……；二是…… inside one paragraph, after a cue (对照以下5个方面)
    "yishi_inline_2025.txt": FIVE,
    # （一） lines with a body each, in a notice whose 会前准备 is also a （一）（二） list
    "paren_lines_2024.txt": ["带头严守政治纪律和政治规矩，维护党的团结统一", "带头增强党性、严守纪律、砥砺作风",
                             "带头在遵规守纪、清正廉洁前提下勇于担责、敢于创新", "带头履行全面从严治党政治责任"],
    # 带头……，带头……等5个方面 in one sentence
    "daitou_paragraph_2025.txt": FIVE,
    # 1. lines (a member's 组织生活会), beside a 1. list of procedure steps
    "arabic_dot_member_2025.txt": ["理论学习方面", "政治纪律方面", "组织纪律方面", "廉洁纪律方面", "群众纪律方面",
                                   "工作纪律方面", "生活纪律方面", "党员意识方面", "作用发挥方面"],
    # 1、 lines of long aspect sentences
    "arabic_dun_2026.txt": ["带头筑牢政治忠诚，坚定拥护“两个确立”、坚决做到“两个维护”",
                            "带头树立和践行正确政绩观，坚持为人民出政绩、以实干出政绩",
                            "带头科学决策、真抓实干，推动高质量发展", "带头密切联系群众，解决群众急难愁盼问题",
                            "带头落实全面从严治党政治责任，持续深化风腐同查同治"],
    # （1） lines
    "paren_arabic_branch.txt": ["理论武装和政治引领方面", "落实组织生活制度方面", "党员教育管理监督方面",
                                "支部战斗堡垒作用发挥方面", "党风廉政建设方面"],
    # （一）……；（二）…… inside one paragraph
    "inline_paren_xunshi.txt": ["落实党的路线方针政策和党中央决策部署", "落实全面从严治党战略部署",
                                "落实新时代党的组织路线", "落实意识形态工作责任制"],
    # 主要围绕A、B、C等6个方面
    "dengfangmian_2023.txt": ["理论学习", "政治素质", "能力本领", "担当作为", "工作作风", "廉洁自律"],
    # 在……方面；在……方面
    "fangmian_semicolon.txt": ["理论学习的系统性方面", "组织生活制度落实方面", "服务群众的主动性方面", "作风纪律方面"],
    # ① lines
    "circled_2022.txt": [a.title for a in LIBRARY.get("liudai-2022").problem_aspects()],
    # 第一，……第二，…… in a 巡察 反馈意见
    "di_xuncha.txt": ["贯彻落实党的路线方针政策和上级党委决策部署有差距，推动乡村振兴重点任务不够有力",
                      "群众身边不正之风和腐败问题仍有发生，惠农资金监管存在薄弱环节",
                      "落实全面从严治党主体责任不够到位，监督执纪偏松偏软",
                      "基层党组织建设存在短板，“三会一课”制度落实不严格"],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_aspects_are_found_in_each_shape(name):
    assert find_aspect_titles((NOTICES / name).read_text(encoding="utf-8")) == EXPECTED[name]


def test_a_notice_without_an_aspect_list_has_none():
    assert find_aspect_titles((NOTICES / "no_aspects.txt").read_text(encoding="utf-8")) == []
    assert find_aspect_titles("请各单位于1月20日前报送会议方案。联系人：王××。") == []


def test_theme_year_meeting_and_reports(services):
    notice = parse_notice((NOTICES / "yishi_inline_2025.txt").read_text(encoding="utf-8"), LIBRARY,
                          services.classifier)
    assert notice.theme == LIBRARY.get("minzhu-2025").theme
    assert (notice.year, notice.meeting) == (2025, "民主生活会")
    assert notice.reports == ["上年度民主生活会整改落实情况", "深入贯彻中央八项规定精神学习教育整改整治情况",
                              "反面典型案例剖析"]
    assert [a.topics for a in notice.aspects] == [a.topics for a in LIBRARY.get("minzhu-2025").problem_aspects()]
    quoted = parse_notice((NOTICES / "daitou_paragraph_2025.txt").read_text(encoding="utf-8"))
    assert quoted.theme.startswith("深入学习贯彻习近平新时代中国特色社会主义思想，全面贯彻落实党的二十届四中全会精神")
    assert not quoted.theme.endswith("”")
    assert parse_notice((NOTICES / "dengfangmian_2023.txt").read_text(encoding="utf-8")).theme == "学思想、强党性、重实践、建新功"
    heading = parse_notice((NOTICES / "paren_lines_2024.txt").read_text(encoding="utf-8"))
    assert heading.theme == LIBRARY.get("minzhu-2024").theme


def test_new_wording_gets_topics_from_its_keywords(services):
    notice = parse_notice((NOTICES / "arabic_dun_2026.txt").read_text(encoding="utf-8"), LIBRARY, services.classifier)
    topics = {a.title.split("，")[0]: a.topics for a in notice.aspects}
    assert "政治素质" in topics["带头筑牢政治忠诚"]
    assert "宗旨意识/群众工作" in topics["带头密切联系群众"]
    assert "管党治党/主体责任" in topics["带头落实全面从严治党政治责任"]


def _shapes(titles: list[str]) -> dict[str, str]:
    cn = "一二三四五六七八九十"
    return {
        "（一） lines": "对照检查的主要内容\n" + "\n".join(f"（{cn[i]}）{t}" for i, t in enumerate(titles)),
        "一是 inline": "重点从以下方面查摆问题：" + "；".join(f"{cn[i]}是{t}" for i, t in enumerate(titles)) + "。",
        "1. lines": "重点对照以下方面检视：\n" + "\n".join(f"{i + 1}.{t}" for i, t in enumerate(titles)),
        "（1） inline": "重点对照：" + "；".join(f"（{i + 1}）{t}" for i, t in enumerate(titles)) + "。",
    }


@pytest.mark.parametrize("template", LIBRARY.templates, ids=lambda t: t.id)
def test_every_shipped_templates_aspects_round_trip(template, services):
    """A notice that lists a template's aspects gives back those titles and their topics."""
    aspects = template.problem_aspects()
    titles = [a.title for a in aspects]
    for shape, text in _shapes(titles).items():
        notice = parse_notice(text, LIBRARY, services.classifier)
        assert [a.title for a in notice.aspects] == titles, shape
        assert [a.topics for a in notice.aspects] == [a.topics for a in aspects], shape


def test_a_notice_docx_is_read(tmp_path, services):
    import docx

    document = docx.Document()
    document.add_paragraph("关于召开2025年度民主生活会的通知")
    document.add_paragraph("主题：深入学习贯彻习近平新时代中国特色社会主义思想。")
    document.add_paragraph("对照检查重点：")
    for i, title in enumerate(FIVE):
        document.add_paragraph(f"（{'一二三四五'[i]}）{title}。要深入查摆。")
    path = tmp_path / "通知.docx"
    document.save(path)
    notice = parse_notice(read_notice(path), LIBRARY, services.classifier)
    assert [a.title for a in notice.aspects] == FIVE and notice.year == 2025
    with pytest.raises(NoticeError):
        read_notice(tmp_path / "missing.docx")


def test_a_template_from_the_notice_loads_back_and_builds_a_document(tmp_path, services):
    notice = parse_notice((NOTICES / "arabic_dun_2026.txt").read_text(encoding="utf-8"), LIBRARY, services.classifier)
    template = template_from_notice(notice, default=True)
    assert template.name == "2026年度民主生活会（按通知）" and template.year == 2026
    assert template.title_choices[0] == "2026年度民主生活会个人发言提纲"
    text = template_to_toml(template)
    again = parse_template(text)
    assert again.problem_aspects() == template.problem_aspects() and again.theme == notice.theme
    assert again.default and again.target_chars == (2500, 6000)
    (tmp_path / f"{template.id}.toml").write_text(text, encoding="utf-8")
    library = load_templates(templates_dir(), tmp_path)
    assert library.default().id == template.id  # the notice's template is the new default
    doc = new_document(library.default())
    assert [p.text for p in doc.paragraphs if p.role is Role.H2][1] == (
        "（二）带头树立和践行正确政绩观，坚持为人民出政绩、以实干出政绩")
    member = parse_notice((NOTICES / "arabic_dot_member_2025.txt").read_text(encoding="utf-8"), LIBRARY)
    own = template_from_notice(member)
    assert own.audience == "member" and own.target_chars == (1000, 2500)
    assert own.title == "2025年度组织生活会个人对照检查材料"
