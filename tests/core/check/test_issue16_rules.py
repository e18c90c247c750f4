"""校对 beyond the table (issue 16): confusable characters, 的/地/得, run-together points,
current formulations and body names, tabs and full-width spaces."""

from __future__ import annotations

import pytest

from app.core.check import load_check_config, proofread
from app.core.check.confusable import check_confusables
from app.core.check.dedide import check_dedide
from app.core.check.rules_current import check_current_terms
from app.core.check.rules_points import check_run_together
from app.core.check.rules_space import check_spaces
from tests.helpers import apply_suggestions

fixed = apply_suggestions


@pytest.mark.parametrize(("text", "right"), [
    ("要认真抓好工作布署的落实。", "要认真抓好工作部署的落实。"),
    ("树立正确的政绩观和权利观。", "树立正确的政绩观和权力观。"),
    ("大力宏扬党的优良传统。", "大力弘扬党的优良传统。"),
    ("注重培养年青干部。", "注重培养年轻干部。"),
    ("推动作风建设常效化。", "推动作风建设长效化。"),
    ("始终同党中央保持高度一至。", "始终同党中央保持高度一致。"),
    ("对群众反应问题处理不及时。", "对群众反映问题处理不及时。"),
])
def test_the_issue_examples_are_caught_without_the_table(config, text, right):
    # caught by the model, not by entries of the wrong-form table (布署 was there before)
    assert not set(config.wrong_forms) & {"权利观", "宏扬", "年青干部", "常效化", "高度一至", "反应问题"}
    findings = check_confusables(text, config.lexicon)
    assert len(findings) == 1
    assert fixed(text, findings) == right


@pytest.mark.parametrize("text", [
    "超过份额的部分要退回。",
    "在深学细悟笃行方面还有差距，以学铸魂、以学增智、以学正风、以学促干。",
    "坚持见人见事见思想，时常照一照、常常省一省。",
    "每年解决一至两个党建工作难题。",
    "对作风建设抓得不紧是一个重要原因。",
    "始终做到心有所畏、言有所戒、行有所止。",
    "向中央纪委国家监委派驻纪检监察组报告。",
])
def test_correct_register_text_is_quiet(config, text):
    assert check_confusables(text, config.lexicon) == []


def test_no_lexicon_no_confusable_rule():
    assert check_confusables("工作布署", None) == []


@pytest.mark.parametrize(("text", "right"), [
    ("对党的创新理论学的不深。", "对党的创新理论学得不深。"),
    ("理论学习抓的不实。", "理论学习抓得不实。"),
    ("调查研究做的还不够深入。", "调查研究做得还不够深入。"),
    ("要认真的学习党章党规。", "要认真地学习党章党规。"),
    ("要扎实的推进整改。", "要扎实地推进整改。"),
    ("要扎扎实实的抓好落实。", "要扎扎实实地抓好落实。"),
    ("要主动的向组织汇报。", "要主动地向组织汇报。"),
    ("要认真得对照检查。", "要认真地对照检查。"),
    ("理论学习学地不够系统。", "理论学习学得不够系统。"),
])
def test_de_di_de_by_grammar(config, text, right):
    assert fixed(text, check_dedide(text, config.pos)) == right


@pytest.mark.parametrize("text", [
    "到达目的地以后的确有的放矢地开展工作。",
    "取得了很大成绩，得到群众认可，获得感明显增强。",
    "进行了深入的调研，形成了认真的学习态度。",
    "我们所做的还不够多。",
    "推动项目落地不够快。",
    "存在的不足主要有三个方面。",
    "以真诚的态度和扎实的行动回报同志们。",
])
def test_de_di_de_exceptions(config, text):
    assert check_dedide(text, config.pos) == []


def test_run_together_points():
    text = "一是学习不够深入，满足于读文件二是联系实际不够。三是转化不够。"
    findings = check_run_together(text)
    assert [(f.text, f.suggestion) for f in findings] == [("二是", "。二是")]
    assert "缺少句号" in findings[0].message
    assert fixed(text, findings) == "一是学习不够深入，满足于读文件。二是联系实际不够。三是转化不够。"


@pytest.mark.parametrize("text", [
    "一是学习不够深入。二是联系实际不够。",  # 。 before it
    "一是学习不够深入；二是联系实际不够。",
    "一是学习不够，二是联系实际不够。",  # an inline list with commas
    "学习的第二是什么？",  # no 一是 before it
    "一是一，二是二。",
])
def test_run_together_quiet(text):
    assert check_run_together(text) == []


def test_run_together_does_not_make_a_numbering_gap():
    config = load_check_config()
    text = "一是学习不够深入二是联系实际不够。三是转化不够。"
    assert [f.kind for f in proofread(text, config)] == ["runon"]


@pytest.mark.parametrize(("text", "right"), [
    ("对“两个务必”的理解停留在口头。", "对“三个务必”的理解停留在口头。"),
    ("全面建成小康社会、全面深化改革、全面依法治国、全面从严治党",
     "全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党"),
    ("始终同党中央保持高度一致。", "始终同以习近平同志为核心的党中央保持高度一致。"),
    ("认真学习习总书记重要讲话精神。", "认真学习习近平总书记重要讲话精神。"),
    ("推动十五五开好局。", "推动“十五五”开好局。"),
    ("主动向纪委监察局汇报。", "主动向纪委监委汇报。"),
    ("配合安监局检查。", "配合应急管理局检查。"),
    ("与卫计委共同推进。", "与卫生健康委共同推进。"),
    ("会同扶贫办巩固成果。", "会同乡村振兴局巩固成果。"),
    ("深刻把握“两个确立”的决定性意义。", "深刻领悟“两个确立”的决定性意义。"),
    ("认真学习二十届四中全会精神。", "认真学习党的二十届四中全会精神。"),
    ("巩固中央八项规定精神学习教育成果。", "巩固深入贯彻中央八项规定精神学习教育成果。"),
    ("开展政绩观学习教育。", "开展树立和践行正确政绩观学习教育。"),
])
def test_current_wording(text, right):
    config = load_check_config()
    assert fixed(text, check_current_terms(text, config.terms)) == right


@pytest.mark.parametrize("text", [
    "毛泽东同志在七届二中全会上提出“两个务必”。",
    "推动“十五五”开好局。",
    "原安监局的职责并入应急管理局。",
    "始终同以习近平同志为核心的党中央保持高度一致。",
    "全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党",
    "深入学习贯彻党的二十届四中全会精神，巩固拓展深入贯彻中央八项规定精神学习教育成果。",
    "巩固拓展树立和践行正确政绩观学习教育成果。",
])
def test_current_wording_quiet(text):
    config = load_check_config()
    assert [f for f in proofread(text, config) if f.kind == "formulation"] == []


@pytest.mark.parametrize(("text", "message"), [
    ("对照政治纪律、组织纪律、廉洁纪律、工作纪律、群众纪律、生活纪律逐条查摆。", "顺序"),
    ("推动学纪、明纪、知纪、守纪贯通起来。", "顺序"),
    ("按照立党为公、科学决策、为民造福、真抓实干的总要求。", "顺序"),
])
def test_new_formulations_order(text, message):
    config = load_check_config()
    findings = [f for f in proofread(text, config) if f.kind == "formulation"]
    assert len(findings) == 1 and message in findings[0].message
    assert findings[0].suggestion is not None


def test_tabs_and_full_width_spaces():
    text = "　　一是学习不够，\t存在以干代学现象，有时　满足于听汇报。"
    findings = check_spaces(text)
    assert [f.text for f in findings] == ["\t", "\u3000"]  # the leading indentation is left alone
    assert fixed(text, findings) == "　　一是学习不够，存在以干代学现象，有时满足于听汇报。"


def test_users_own_register_words_count(tmp_path):
    """A unit's own term, written in check/domain_words.txt, becomes a word for the checker."""
    from app.core.check.lexicon import build_lexicon
    from tests.tools.proof_eval import eval_config

    base = eval_config().lexicon
    text = "打造桂运乡风品牌。"
    (tmp_path / "check").mkdir()
    (tmp_path / "check" / "domain_words.txt").write_text("桂韵乡风 5000\n", encoding="utf-8")
    plain = build_lexicon(base.freq, base.total)
    own = build_lexicon(base.freq, base.total, user_dir=tmp_path)
    assert own.count("桂韵乡风") == 5000 + plain.count("桂韵乡风")
    assert check_confusables(text, plain) == []
    assert [f.suggestion for f in check_confusables(text, own)] == ["桂韵乡风"]


def test_lexicon_build_stops_when_the_window_closes():
    """Closing the window while the loader builds the lexicon ends the build at once."""
    from app.core.check.lexicon import lexicon_from_segmenter
    from tests.tools.proof_eval import eval_config, phrase_texts

    class Loaded:  # the app's Segmenter, as far as the lexicon needs it
        def dictionary(self):
            lexicon = eval_config().lexicon
            return lexicon.freq, lexicon.total

    assert lexicon_from_segmenter(Loaded(), phrase_texts(), should_stop=lambda: True) is None
    assert lexicon_from_segmenter(Loaded(), phrase_texts()[:10]) is not None
