"""What every check reports: a finding with an exact span and, where possible, a fix."""

from __future__ import annotations

from dataclasses import asdict, dataclass

# kind -> label shown to the user (the kind itself is the stable, machine-readable id).
KIND_LABELS: dict[str, str] = {
    "bracket": "括号",
    "quote": "引号",
    "halfwidth": "半角标点",
    "pause": "顿号",
    "repeat": "重复字词",
    "wrong_form": "错别字",
    "formulation": "政治表述",
    "numbering": "序号",
    "placeholder": "占位符",
    "hidden_control": "隐藏控制符",
    "confusable": "疑似错字",
    "dedide": "的地得",
    "runon": "缺少句号",
    "space": "多余空白",
    "structure_aspect": "缺少方面",
    "structure_measure": "措施未对应",
    "structure_cause": "原因未对应",
    "structure_length": "篇幅",
    "structure_example": "缺少实例",
}


@dataclass(frozen=True)
class Finding:
    """One problem at ``text[start:end]`` of the checked text.

    ``suggestion`` replaces exactly that span; ``None`` when there is no mechanical fix.
    """

    kind: str
    message: str
    start: int
    end: int
    text: str
    suggestion: str | None = None

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def to_json(self) -> dict:
        return asdict(self)

    def shifted(self, offset: int) -> Finding:
        return Finding(self.kind, self.message, self.start + offset, self.end + offset,
                       self.text, self.suggestion)


def finding_key(text: str, finding: Finding, context: int = 8) -> tuple[str, str, str]:
    """Identity of a finding that survives edits elsewhere (used for 忽略一次)."""
    before = text[max(0, finding.start - context):finding.start]
    after = text[finding.end:finding.end + context]
    return finding.kind, finding.text, before + "\0" + after


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """By position; exact duplicates (same kind, span and message) dropped."""
    seen: set[tuple[str, int, int, str]] = set()
    result = []
    for f in sorted(findings, key=lambda f: (f.start, f.end, f.kind)):
        key = (f.kind, f.start, f.end, f.message)
        if key not in seen:
            seen.add(key)
            result.append(f)
    return result


def line_spans(text: str):
    """(offset, line) for every line of ``text`` split on newlines only."""
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1
