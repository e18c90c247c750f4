"""Sentences that say nothing a reader could check: a preamble, not a problem or a measure.

A measure heading often opens with a truth everyone agrees with (对党忠诚是共产党人的政治灵魂,
实干是最好的担当), a quotation (习近平总书记强调，……) or a transition (针对上述问题，我将从以下
几方面抓好整改).  The 整改清单 and 结构检查 must not take such a sentence for the measure that
answers a problem (issue 17).
"""

from __future__ import annotations

import re

_TRUTH_RE = re.compile(
    r"^[^，。；：]{1,24}是[^，。；：]{0,24}(灵魂|根本|根基|基础|基石|前提|关键|生命线|传家宝|本色|命脉|"
    r"底色|试金石|必修课|第一位|首要|核心|要求|应有之义|保证|法宝|底气|担当|力量|源泉|标志|特征|优势)"
    r"[^，。；]{0,6}[。；！]?$")
_MOTTO_RE = re.compile(r"永远在路上|只有进行时|没有完成时|没有休止符|必须始终摆在首位|须臾不可放松")
_QUOTE_RE = re.compile(r"^(习近平)?总书记[^，。]{0,8}(强调|指出|要求|告诫|说)|^(正如|古人云|古语云|俗话说|常言道)|"
                       r"^党的[^，。]{0,12}(报告|全会)?(强调|指出|提出)")
_TRANSITION_RE = re.compile(
    r"(针对|对照)[^。]{0,24}(问题|不足|差距)[^。]{0,24}(我将|将从|从以下|认真)|以(这次|此次|本次)[^。]{0,20}为[^。]{0,6}起点|"
    r"认真抓好整改|抓好整改落实|从以下[几两三四五六七八九十]*个?方面|整改措施如下|努力方向如下|"
    r"^下一步，?我将|^今后，?我将(?!.*[，、].*[，、])")


def is_generic(sentence: str) -> bool:
    """Whether ``sentence`` is a preamble (truth, motto, quotation or transition)."""
    text = sentence.strip()
    if not text:
        return True
    return bool(_TRUTH_RE.search(text) or _QUOTE_RE.search(text) or _TRANSITION_RE.search(text)
                or (_MOTTO_RE.search(text) and len(text) <= 40))


_SENTENCE_RE = re.compile(r"[^。；！？]*[。；！？]?")


def without_generic(text: str) -> str:
    """``text`` with its generic sentences left out (the concrete rest, in order)."""
    return "".join(s for s in _SENTENCE_RE.findall(text) if s.strip() and not is_generic(s))
