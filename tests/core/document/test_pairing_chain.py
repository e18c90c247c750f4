"""Problem -> cause -> measure as a 督导组 reads it (issue 17): the figures of
``python -m tests.tools.pairing_eval`` and what the 整改清单 and 结构检查 make of them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from app.core.check.structure_check import check_structure
from app.core.document.generic import is_generic
from app.core.document.outline import build_outline, resolve_template
from app.core.document.pairing import problems_and_measures
from app.core.formats.rectification import TO_FILL, build_rows, rectification_bytes
from tests.helpers import text_input
from tests.tools.pairing_eval import evaluate, report

REPORT_A = Path(__file__).resolve().parents[2] / "data" / "pairing" / "report_a.txt"


def test_pairing_figures(capsys):
    score = evaluate()
    with capsys.disabled():
        print("\n[accuracy] pairing_eval: " + report(score))
    assert not score.count_mismatch
    assert score.problems >= 40
    assert score.measure_right / score.problems >= 0.85  # before issue 17: 41/51 (80.4 %); now 45/51
    assert score.generic_offered == 0
    assert score.cause_labelled >= 16 and score.cause_right / score.cause_labelled >= 0.75


@pytest.mark.parametrize("sentence", [
    "对党忠诚是共产党人的政治灵魂。", "旗帜鲜明讲政治是马克思主义政党的根本要求。", "实干是最好的担当。",
    "全面从严治党永远在路上。", "习近平总书记强调，全面从严治党永远在路上。",
    "针对存在的突出问题及其产生的原因，我将从以下几方面认真抓好整改落实。",
    "我将以这次民主生活会为新起点，认真抓好整改。",
])
def test_preamble_sentences_are_generic(sentence):
    assert is_generic(sentence)


@pytest.mark.parametrize("sentence", [
    "坚持每天学习一小时，每月精读一本原著。", "持之以恒强化理论武装", "强化理论学习，坚定理想信念。",
    "对上级决策部署建立落实台账，每月调度一次。", "理论学习是我的薄弱环节。",
])
def test_concrete_sentences_are_not(sentence):
    assert not is_generic(sentence)


def _rows(text, services):
    source = text_input(text)
    paragraphs = source.document.paragraphs
    template = resolve_template(source.document, services.templates)
    outline = build_outline(paragraphs, services.classifier, template)
    return source, template, outline, build_rows(outline, paragraphs, services.classifier)


def test_generic_paragraphs_are_never_the_measure(services):
    text = ("对照检查材料\n一、检视的问题\n（一）理论学习方面\n一是理论学习不够系统。\n"
            "（二）政治素质方面\n一是政治站位不够高。\n（三）廉洁自律方面\n一是对身边人管得不严。\n"
            "（四）工作作风方面\n一是调查研究不深入。\n二、整改措施\n对党忠诚是共产党人的政治灵魂。\n"
            "习近平总书记强调，全面从严治党永远在路上。\n坚持每周集中学习半天，系统研读原著。\n")
    *_, rows = _rows(text, services)
    assert [r.measure for r in rows] == ["坚持每周集中学习半天，系统研读原著。", TO_FILL, TO_FILL, TO_FILL]


def test_an_empty_template_heading_is_no_row_and_each_row_is_a_real_problem(services):
    _, _, _outline, rows = _rows(REPORT_A.read_text(encoding="utf-8"), services)
    assert len(rows) == 10
    assert not any("整改整治情况" in r.problem for r in rows)
    measures = [r.measure.split("：")[0].split("。")[0] for r in rows]
    assert measures == ["持续强化理论武装", "不断提高政治能力", "严肃党内政治生活", "严肃党内政治生活",
                        "践行为民宗旨", "严守廉洁底线", "勇于担当作为", "勇于担当作为", "扛牢管党治党责任",
                        "扛牢管党治党责任"]
    assert not any("政治灵魂" in r.measure or "根本要求" in r.measure for r in rows)


def test_a_long_row_may_break_across_pages(services):
    import docx
    from docx.oxml.ns import qn

    _, _, _, rows = _rows(REPORT_A.read_text(encoding="utf-8"), services)
    rows[0].measure = "坚持跟进学习。" * 30
    table = docx.Document(io.BytesIO(rectification_bytes(rows, "整改清单"))).tables[0]
    splits = [tr._tr.trPr is None or tr._tr.trPr.find(qn("w:cantSplit")) is None for tr in table.rows[1:]]
    assert splits[0] is True  # the long row
    assert splits[-1] is False  # a short row stays together


def test_the_check_reports_a_problem_without_a_cause(services):
    text = ("对照检查材料\n一、检视的问题\n（一）理论学习方面\n一是理论学习不够系统。\n"
            "（二）廉洁自律方面\n一是对身边人管得不严。\n二、原因分析\n一是理论学习有所放松，把学习当成软任务。\n"
            "三、整改措施\n一是坚持每周集中学习半天。二是管好身边人，严守廉洁自律底线。\n")
    source = text_input(text)
    template = resolve_template(source.document, services.templates)
    findings = check_structure(source.document.paragraphs, source.text, services.classifier, template)
    causes = [f.message for f in findings if f.kind == "structure_cause"]
    assert causes == ["问题“一是对身边人管得不严”在原因分析中找不到对应的原因。"]
    assert not [f for f in findings if f.kind == "structure_measure"]


def test_problems_and_measures_leave_out_bodiless_aspects(services):
    text = "对照检查材料\n一、检视的问题\n（一）理论学习方面\n（二）政治素质方面\n一是站位不高。\n二、整改措施\n一是提高站位。"
    source, _template, outline, _ = _rows(text, services)
    problems, _measures = problems_and_measures(outline, source.document.paragraphs, services.classifier)
    assert [p.text for p in problems] == ["站位不高。"]


def test_the_command_line_counts_the_rows_to_fill(corpus, tmp_path, capsys):
    from app.cli import main

    source = next(p for p in corpus if p.name.startswith("003_"))
    assert main(["format", str(source), "--rectification", "-o", str(tmp_path / "清单.docx")]) == 0
    out = capsys.readouterr().out
    table = __import__("docx").Document(str(tmp_path / "清单.docx")).tables[0]
    to_fill = sum(row.cells[2].text == TO_FILL for row in table.rows[1:])
    assert to_fill and f"{to_fill} 个未找到对应措施" in out
