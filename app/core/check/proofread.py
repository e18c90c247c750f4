"""校对: every proofreading rule over one text, minus what the user has whitelisted."""

from __future__ import annotations

from collections.abc import Callable

from app.core.check.config import CheckConfig
from app.core.check.confusable import check_confusables
from app.core.check.dedide import check_dedide
from app.core.check.findings import Finding, sort_findings
from app.core.check.rules_current import check_current_terms
from app.core.check.rules_doubled import check_doubled
from app.core.check.rules_hidden import check_bidi_controls
from app.core.check.rules_numbering import check_numbering
from app.core.check.rules_points import check_run_together
from app.core.check.rules_political import check_formulations
from app.core.check.rules_punct import (
    check_brackets,
    check_halfwidth,
    check_pause_marks,
    check_quotes,
)
from app.core.check.rules_space import check_spaces
from app.core.check.rules_words import (
    check_placeholders,
    check_repeats,
    check_wrong_forms,
)

Rule = Callable[[str, CheckConfig], list[Finding]]

RULES: dict[str, Rule] = {
    "bracket": lambda text, config: check_brackets(text),
    "quote": lambda text, config: check_quotes(text),
    "halfwidth": lambda text, config: check_halfwidth(text),
    "pause": lambda text, config: check_pause_marks(text),
    "repeat": lambda text, config: check_repeats(text),
    "wrong_form": check_wrong_forms,
    "formulation": check_formulations,
    "numbering": lambda text, config: check_numbering(text),
    "placeholder": lambda text, config: check_placeholders(text),
    "hidden_control": lambda text, config: check_bidi_controls(text),
    "current": lambda text, config: check_current_terms(text, config.terms),
    "runon": lambda text, config: check_run_together(text),
    "space": lambda text, config: check_spaces(text),
}
# Rules that defer to the table: a span the wrong-form table already reports is not
# reported again by them.
DEFERRING: dict[str, Rule] = {
    "dedide": lambda text, config: check_dedide(text, config.pos),
    "doubled": lambda text, config: check_doubled(text, config.lexicon),
    "confusable": lambda text, config: check_confusables(text, config.lexicon,
                                                         config.confusables_cached_only),
}


def proofread(text: str, config: CheckConfig) -> list[Finding]:
    """All proofreading findings in ``text``, sorted by position."""
    findings: list[Finding] = []
    for rule in RULES.values():
        findings.extend(rule(text, config))
    taken = [(f.start, f.end) for f in findings if f.kind == "wrong_form"]
    for rule in DEFERRING.values():  # in order: 的地得, doubled characters, then confusables
        new = [f for f in rule(text, config) if not any(s < f.end and f.start < e for s, e in taken)]
        findings.extend(new)
        taken += [(f.start, f.end) for f in new]
    return sort_findings(whitelisted_out(text, findings, config.whitelist))


LOCAL_WORD = 40  # whitelist words up to this long are looked up around each finding


def whitelisted_out(text: str, findings: list[Finding], whitelist: set[str]) -> list[Finding]:
    """Drop findings whose span lies inside an occurrence of a whitelisted word.

    Short words (all real ones) are found by looking up the few substrings around each
    finding, so the cost does not grow with the size of the whitelist (200,000 words made an
    11 KB report take 10 s); only longer words are searched for one by one."""
    if not whitelist:
        return findings
    lengths = sorted({len(w) for w in whitelist if len(w) <= LOCAL_WORD})
    long_words = [w for w in whitelist if len(w) > LOCAL_WORD]
    kept = []
    for finding in findings:
        if finding.text in whitelist or _covered_locally(text, finding, whitelist, lengths) \
                or any(_covers(text, word, finding) for word in long_words):
            continue
        kept.append(finding)
    return kept


def _covered_locally(text: str, finding: Finding, whitelist: set[str], lengths: list[int]) -> bool:
    span = finding.end - finding.start
    for length in lengths:
        if length < span:
            continue
        for at in range(max(0, finding.end - length), finding.start + 1):
            if text[at:at + length] in whitelist:
                return True
    return False


def _covers(text: str, word: str, finding: Finding) -> bool:
    lo = max(0, finding.end - len(word))
    at = text.find(word, lo, finding.start + len(word))
    while at >= 0:
        if at <= finding.start and finding.end <= at + len(word):
            return True
        at = text.find(word, at + 1, finding.start + len(word))
    return False
