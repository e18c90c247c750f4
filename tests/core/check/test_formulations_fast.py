"""The formulation rule's quick pre-test (forms looked up by their first character) finds
exactly what trying every form of every formulation on every clause found."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.check import load_check_config
from app.core.check.config import CheckConfig, Formulation
from app.core.check.findings import Finding
from app.core.check.rules_political import (
    _CLAUSE_RE,
    _check_list,
    _items,
    check_formulations,
    check_sequences,
)

DATA = Path(__file__).resolve().parents[2] / "data"


def reference_formulations(text: str, config: CheckConfig) -> list[Finding]:
    """The rule as it was before the pre-test was indexed (commit 5901b64)."""
    findings = check_sequences(text, config)
    for m in _CLAUSE_RE.finditer(text):
        clause = m.group()
        if "、" not in clause and "”“" not in clause:
            continue
        items = _items(clause, m.start())
        if len(items) < 2:
            continue
        for formulation in config.formulations:
            found = sum(1 for forms in formulation.members if any(form in clause for form in forms))
            if found >= 2:
                findings.extend(_check_list(text, items, formulation))
    return findings


@pytest.fixture(scope="module")
def config():
    return load_check_config()


def samples() -> list[str]:
    from app.bench.texts import report_text

    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "corpus").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((DATA / "proof").glob("*.txt"))]
    texts.append(report_text(30_000))
    texts.append("要增强政治意识、大局意识、核心意识和看齐意识；树立“道路自信”“理论自信”“文化自信”。"
                 "严守工作纪律、政治纪律、组织纪律，生活纪律和群众纪律。坚定制度自信、理论自信、道路自信。"
                 "统筹推进经济建设、政治建设、文化建设、社会建设。四个全面：全面从严治党、全面深化改革。")
    return texts


def test_same_findings_as_before_on_the_samples(config):
    total = 0
    for text in samples():
        new = check_formulations(text, config)
        assert new == reference_formulations(text, config)
        total += len(new)
    assert total >= 5  # the samples do exercise the rule


def test_same_findings_with_an_empty_member_form():
    config = CheckConfig(formulations=[
        Formulation("甲乙丙", (("甲",), ("乙", ""), ("丙",))),
        Formulation("丁戊", (("丁",), ("戊",)), complete=False),
    ])
    for text in ("甲、乙、丙。", "丙、甲。", "丁、戊、甲。", "戊、丁", "子、丑、寅。"):
        assert check_formulations(text, config) == reference_formulations(text, config)
