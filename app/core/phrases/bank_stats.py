"""How formulaic and how safe a set of phrases is: the figures ``phrasebank stats`` prints.

督导组 criticise 对照检查材料 that hedge (以“有时”“个别”淡化问题), that stack “不够” and that
name no concrete case.  These figures keep the shipped bank honest on each count:

- share of 问题 phrases that contain 不够 (goal ≤ 50 %) and 有时 (goal ≤ 15 %);
- share of 问题要点 that carry a {具体事例}/{时间}/{数量} slot (goal ≥ 50 %);
- 原因 lead sentences repeated verbatim in more than one file (goal 0), since a six-aspect
  draft would otherwise get the same cause twice;
- phrases whose wording admits a breach (``safety.unsafe_reasons``; goal 0).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.core.phrases.phrasebank import Phrase, strip_ordinal
from app.core.phrases.safety import unsafe_reasons

SLOT_FIELDS = ("具体事例", "时间", "数量")
HEDGE = "有时"
FORMULA = "不够"
GOALS = {"formula": 0.5, "hedge": 0.15, "slots": 0.5}


@dataclass
class FormulaStats:
    problems: int = 0
    formula: int = 0  # 问题 phrases containing 不够
    hedged: int = 0  # 问题 phrases containing 有时
    points: int = 0  # 问题要点
    slotted: int = 0  # 问题要点 with a {具体事例}/{时间}/{数量} slot
    repeated_cause_leads: dict[str, list[str]] = field(default_factory=dict)
    unsafe: dict[str, list[str]] = field(default_factory=dict)

    @property
    def formula_share(self) -> float:
        return self.formula / self.problems if self.problems else 0.0

    @property
    def hedge_share(self) -> float:
        return self.hedged / self.problems if self.problems else 0.0

    @property
    def slot_share(self) -> float:
        return self.slotted / self.points if self.points else 0.0

    def failures(self) -> list[str]:
        """The goals these figures miss, in Chinese ([] when all are met)."""
        found = []
        if self.formula_share > GOALS["formula"]:
            found.append(f"含“不够”的问题素材占 {self.formula_share:.0%}，应不超过 50%")
        if self.hedge_share > GOALS["hedge"]:
            found.append(f"含“有时”的问题素材占 {self.hedge_share:.0%}，应不超过 15%")
        if self.slot_share < GOALS["slots"]:
            found.append(f"带具体事例/时间/数量占位的问题要点占 {self.slot_share:.0%}，应不少于 50%")
        if self.repeated_cause_leads:
            found.append(f"{len(self.repeated_cause_leads)} 个原因领句在不同文件中逐字重复")
        if self.unsafe:
            found.append(f"{len(self.unsafe)} 条素材的措辞像是承认违纪")
        return found

    def to_json(self) -> dict:
        return {
            "problems": self.problems, "with_不够": self.formula, "with_有时": self.hedged,
            "share_不够": round(self.formula_share, 3), "share_有时": round(self.hedge_share, 3),
            "problem_points": self.points, "points_with_slot": self.slotted,
            "share_slots": round(self.slot_share, 3),
            "repeated_cause_leads": self.repeated_cause_leads, "unsafe": self.unsafe,
        }


def cause_lead(text: str) -> str:
    """The lead of a 原因 phrase: its first sentence without the ordinal (二是…)."""
    return strip_ordinal(text).split("。", 1)[0].strip("。；")


def formula_stats(phrases: Iterable[Phrase], origin: dict[str, str] | None = None) -> FormulaStats:
    """Figures over ``phrases``; ``origin`` maps a phrase id to its file (else its id prefix)."""
    stats = FormulaStats()
    leads: dict[str, set[str]] = defaultdict(set)
    lead_ids: dict[str, list[str]] = defaultdict(list)
    for phrase in phrases:
        reasons = unsafe_reasons(phrase.text)
        if reasons:
            stats.unsafe[phrase.id] = reasons
        if phrase.part == "问题":
            stats.problems += 1
            stats.formula += FORMULA in phrase.text
            stats.hedged += HEDGE in phrase.text
            if phrase.size == "要点":
                stats.points += 1
                stats.slotted += any(name in SLOT_FIELDS for name in phrase.fields)
        elif phrase.part == "原因":
            lead = cause_lead(phrase.text)
            source = (origin or {}).get(phrase.id) or phrase.id.split("-", 1)[0]
            leads[lead].add(source)
            lead_ids[lead].append(phrase.id)
    stats.repeated_cause_leads = {lead: lead_ids[lead] for lead, files in leads.items()
                                  if len(files) > 1}
    return stats
