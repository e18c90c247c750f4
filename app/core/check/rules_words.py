"""Words: wrong forms from the curated table, doubled words, leftover placeholders."""

from __future__ import annotations

import re

from app.core.check.config import CheckConfig
from app.core.check.findings import Finding
from app.core.text import finditer_in_pieces

BOUNDARY_FREQ = 100  # both words of a boundary reading are at least this common in jieba


def across_boundary(text: str, i: int, wrong: str, freq) -> bool:
    """Does ``wrong`` at ``i`` straddle two common words (超过|份额, 全部|份额, 来自|已有)?

    Needs a word on the left that ends inside the form and starts before it, and a word on
    the right that starts there and ends after it; then the table's wrong form is not there.
    """
    n = len(wrong)
    for k in range(1, n):
        cut = i + k
        left = any(freq.get(text[s:cut], 0) >= BOUNDARY_FREQ for s in range(max(0, i - 3), i))
        if left and any(freq.get(text[cut:e], 0) >= BOUNDARY_FREQ
                        for e in range(i + n + 1, min(len(text), i + n + 3) + 1)):
            return True
    return False


def _index(config: CheckConfig) -> dict[str, tuple[list[int], dict[str, tuple]]]:
    """Per first character: the distinct lengths (longest first) and the forms by text.

    Matching then costs a few dictionary lookups per position, however many forms share a
    first character (a user table of 200,000 forms starting with 的 made 1 MB take 136 s)."""
    if config._lookup is None:
        table: dict[str, tuple[list[int], dict[str, tuple]]] = {}
        for first, forms in config.forms_by_first_char().items():
            table[first] = (sorted({len(f.wrong) for f in forms}, reverse=True),
                            {f.wrong: (f, _exception_groups(f)) for f in forms})
        config._lookup = table
    return config._lookup


def check_wrong_forms(text: str, config: CheckConfig) -> list[Finding]:
    """Every occurrence of a table entry (longest match first, exceptions honoured; with
    jieba's dictionary loaded, not where the form straddles two words)."""
    table = _index(config)
    freq = config.lexicon.freq if config.lexicon is not None else None
    findings = []
    i, n = 0, len(text)
    while i < n:
        entry = table.get(text[i])
        hit = None
        if entry:
            lengths, forms = entry
            for length in lengths:
                found = forms.get(text[i:i + length])
                if found is not None and not _in_exception(text, i, found[1]) \
                        and not (freq is not None and across_boundary(text, i, found[0].wrong, freq)):
                    hit = found[0]
                    break
        if hit is None:
            i += 1
            continue
        end = i + len(hit.wrong)
        findings.append(Finding("wrong_form", f"“{_inner(hit.wrong)}”应为“{_inner(hit.right)}”。",
                                i, end, hit.wrong, hit.right))
        i = end
    return findings


def _inner(text: str) -> str:
    """Quotes inside a quoted form become single quotes (“增强‘四个自信’”)."""
    return text.replace("“", "‘").replace("”", "’")


def _in_exception(text: str, i: int, groups: dict[tuple[int, int], frozenset[str]]) -> bool:
    """Is the match at ``i`` part of one of the form's exceptions (坚苦 in 坚苦卓绝)?  The
    exceptions are grouped by where the form sits in them and their length, so a form with
    50,000 exceptions costs a few lookups, not 50,000 comparisons."""
    return any(i - at >= 0 and text[i - at:i - at + length] in words
               for (at, length), words in groups.items())


def _exception_groups(form) -> dict[tuple[int, int], frozenset[str]]:
    groups: dict[tuple[int, int], set[str]] = {}
    for exc in form.exceptions:
        at = exc.find(form.wrong)
        while at >= 0:
            groups.setdefault((at, len(exc)), set()).add(exc)
            at = exc.find(form.wrong, at + 1)
    return {key: frozenset(words) for key, words in groups.items()}


# --- doubled characters and words ------------------------------------------------------
# Function characters that never double in standard writing, except in the contexts below.
DOUBLE_CHARS = "的了是在和与及把被对于将从向并而也都就又这那我其之以为得"
_DOUBLE_RE = re.compile(rf"([{DOUBLE_CHARS}])\1")
# A doubled character is fine when it ends a word on the left or starts one on the right
# (为了|了解, 存在|在于) or is part of a fixed form (的的确确, 不了了之, 是是非非).
_LEFT_TEXT = (
    "目的 有的 为了 除了 到了 罢了 算了 现在 存在 正在 实在 所在 内在 外在 自在 潜在 好在 "
    "参与 给与 赋与 面对 针对 应对 相对 核对 比对 反对 绝对 作对 配对 以及 涉及 普及 危及 "
    "波及 来及 顾及 触及 提及 成就 造就 迁就 将就 合并 兼并 吞并 因而 然而 从而 进而 继而 "
    "反而 故而 作为 认为 因为 成为 行为 称为 视为 以为 分为 作为 更为 较为 极为 最为 "
    "可以 所以 予以 加以 难以 得以 足以 借以 用以 据以 "
    "获得 取得 懂得 记得 觉得 值得 晓得 舍得 使得 显得 总之 即将 必将 "
    "服从 自从 无从 遵从 顺从 盲从 侍从 听从 适从 "
    "自我"
)
_LEFT_WORDS = frozenset(_LEFT_TEXT.split())
_RIGHT_TEXT = (
    "了解 了结 了却 了然 了如 了之 了得 了不 在于 是否 是非 和谐 和平 和睦 和气 及时 及早 "
    "及其 对照 对标 对表 对象 对接 对待 对策 对比 对话 于是 并且 并非 并不 并重 并举 而且 "
    "而是 而言 也是 都是 就是 这是 以及 以来 以上 以下 以后 以前 为民 为了 为人 为主 "
    "得到 得以 得益 得失 得力 从严 从紧 从实 从小 从未 从来 从而 从事 从中 将来 将其 "
    "其实 其中 其他 其余 之后 之前 之间 之一 之中 之所以 被动 与其 与会 与时 我们 我国 "
    "我省 我市 我县 我区 我党 把握 把关 向前 向上 向往 向心 在场 在职 在岗 在编 在建 "
    "在线 在任 在册 在座 在校 在读 在案 在逃 在押 在望 在即 在意 在乎 在内 在外"
)
_RIGHT_WORDS = frozenset(_RIGHT_TEXT.split())
# Terms that start with the doubled character: 对“对党忠诚”的理解.
_RIGHT_TERMS = ("对党忠诚", "对标对表", "在线", "是非曲直")
_WHOLE_OK = ("的的确确", "不了了之", "是是非非", "一了了之", "以及及时")
_ABAB_RE = re.compile(r"([\u4e00-\u9fff]{2,4})\1")
# 一级一级, 一户一户, 一代一代: "one by one" repeats any measure word.
_MEASURE_OK = re.compile(r"^[一两每][\u4e00-\u9fff]$")


def _in_quotes(text: str, at: int) -> bool:
    """Inside “…” on its line: a quoted saying (以“再研究研究”推脱) repeats on purpose."""
    line_start = text.rfind("\n", 0, at) + 1
    before = text[line_start:at]
    return before.count("“") > before.count("”")


def check_repeats(text: str) -> list[Finding]:
    findings = []
    for m in finditer_in_pieces(_DOUBLE_RE, text):  # (a long draft: no long GIL hold)
        i = m.start()
        ch = m.group(1)
        if any(text.startswith(w, i - w.index(ch + ch)) for w in _WHOLE_OK if ch + ch in w):
            continue
        if text[i - 1:i + 1] in _LEFT_WORDS or text[i + 1:i + 3] in _RIGHT_WORDS:
            continue
        if any(text.startswith(w, i + 1) for w in _RIGHT_TERMS):
            continue
        findings.append(Finding("repeat", f"“{ch}”字重复。", i, i + 2, ch + ch, ch))
    for m in finditer_in_pieces(_ABAB_RE, text):
        word = m.group(1)
        if _MEASURE_OK.match(word) or len(set(word)) == 1 or _in_quotes(text, m.start()):
            continue
        findings.append(Finding("repeat", f"“{word}”重复出现。", m.start(), m.end(),
                                m.group(), word))
    return findings


# --- placeholders --------------------------------------------------------------------------
_PLACEHOLDER_RE = re.compile(
    r"[×✕╳]{2,}"  # ×× / ×××
    r"|(?<![A-Za-z])(?:[Xx]{2,}|[ＸＸｘ]{2,})(?![A-Za-z])"  # XX / xx
    r"|[*＊]+"  # * used for a name left out
    r"|[□■]+"
    r"|\{[^{}\n]{1,12}\}|｛[^｛｝\n]{1,12}｝"  # {单位} phrase fields
    r"|【[^【】\n]{0,12}(?:待|补|填|略|请|此处|插入|TODO)[^【】\n]{0,12}】|【\s*】"
)


def check_placeholders(text: str) -> list[Finding]:
    findings = []
    for m in _PLACEHOLDER_RE.finditer(text):
        found = m.group()
        findings.append(Finding("placeholder", f"“{found}”像是没有替换的占位符，请填写实际内容。",
                                m.start(), m.end(), found))
    return findings
