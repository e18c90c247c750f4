"""The safety check every phrase of an imported pack must pass.

``check_pack_phrases`` is the hook the pack reader calls: it returns, for each phrase that
must not be imported, its index and a Chinese reason.  The red-flag check of the phrase
work (phrases that admit a disciplinary breach: 收受, 违规, 未如实报告, 变通执行 …) is to be
wired in here; until then only the few unmistakable admissions below are refused.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Unmistakable admissions of a breach in the first person.  The full red-flag list belongs to
# the phrasebank check (tests/tools/check_phrases.py); wire it in here when it is in app/core.
_ADMISSIONS = re.compile(r"(?:本人|我)[^。；]{0,12}(?:收受|违规(?:收受|使用|发放|报销|操办)|弄虚作假|未如实报告)")


def check_pack_phrases(texts: Sequence[str]) -> list[tuple[int, str]]:
    """(index, reason) of each phrase that must not be imported from a pack."""
    problems = []
    for index, text in enumerate(texts):
        if _ADMISSIONS.search(text):
            problems.append((index, "写成了违纪事实的自认（对照检查只写思想、作风、能力上的不足）"))
    return problems
