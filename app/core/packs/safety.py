"""The safety check every phrase of an imported pack must pass.

``check_pack_phrases`` is the hook the pack reader calls: it returns, for each phrase that
must not be imported, its index and a Chinese reason.  It applies the same red-flag check
as the shipped bank (``app.core.phrases.safety.unsafe_reasons``: 收受, 违规, 未如实报告,
变通执行 …) plus the first-person admissions below.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.core.phrases.safety import unsafe_reasons

# Unmistakable admissions of a breach in the first person, whatever the red flags say.
_ADMISSIONS = re.compile(r"(?:本人|我)[^。；]{0,12}(?:收受|违规(?:收受|使用|发放|报销|操办)|弄虚作假|未如实报告)")


def check_pack_phrases(texts: Sequence[str]) -> list[tuple[int, str]]:
    """(index, reason) of each phrase that must not be imported from a pack."""
    problems = []
    for index, text in enumerate(texts):
        reasons = unsafe_reasons(text)
        if reasons or _ADMISSIONS.search(text):
            why = f"（{'；'.join(reasons)}）" if reasons else ""
            problems.append((index, f"写成了违纪事实的自认{why}（对照检查只写思想、作风、能力上的不足）"))
    return problems
