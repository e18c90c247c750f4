"""的/地/得 by grammar, not by fixed strings.

- 得 links a verb to its complement of degree or result: 学得不深, 抓得不实, 做得还不够,
  讲得多、做得少.  So 的/地 between a verb (jieba's part-of-speech list) and such a
  complement is flagged.
- 地 links an adverbial to its verb: 认真地学习, 扎实地推进, 扎扎实实地抓.  So 的/得 between
  an adverbial (a curated list of manner words, reduplicated AABB forms, X性) and a verb is
  flagged, unless the phrase is a noun phrase (进行深入的调研, 认真的学习态度).
- Words that contain the characters are left alone (目的地, 的确, 有的放矢, 得到, 取得, 落地).
"""

from __future__ import annotations

import re

from app.core.check.findings import Finding

# Degree/result complements that follow 得 (the 得 itself is what we check).
_COMPLEMENT_RE = re.compile(
    r"(?:还|仍|也|都|就|却|总|始终|一直)?"
    r"(?:不够|不太|不很|不大|不是很|不甚|不到位|不彻底|不扎实|不充分|不及时|不经常|不具体|不精准"
    r"|不系统|不全面|不深入|不深刻|不明显|不理想|不规范|不严格|不细致|不准确|不平衡|不深|不实|不细"
    r"|不严|不紧|不透|不准|不好|不力|不快|不全|不高|不牢|不硬|不长|不远|不宽|不广|不足够"
    r"|很(?![多少])|太(?![多少])|过于|较为|较(?![多少])|比较|十分|非常|特别|相当|有些|有点|远远|更加"
    r"|越来越|不错)"
    r"|(?:快|慢|早|晚|好|紧|松|严|实|深|细|准|透|宽|窄)(?=[，。、；！？,;!?]|$)"
)
# Single-character verbs that take 得 complements (multi-character verbs come from jieba's tags).
_ONE_CHAR_VERBS = frozenset("做抓学想管查改讲写干看听说走跟记填用推盯悟读谈讲议办研判守控防带提定压找挖摆")
# Manner words that stand before a verb with 地.
_ADVERBIALS = frozenset([
    "认真", "扎实", "深入", "积极", "主动", "严格", "切实", "全面", "系统",
    "深刻", "自觉", "坚决", "有效", "持续", "不断", "及时", "科学", "客观",
    "准确", "彻底", "努力", "全力", "大胆", "虚心", "如实", "坚定", "牢牢",
    "充分", "广泛", "稳步", "逐步", "迅速", "果断", "真正", "务实", "精准",
    "有序", "稳妥", "扎实有效", "认真细致", "深入细致", "实事求是", "创造性", "创新性",
    "开创性", "系统性", "针对性", "建设性", "全方位", "全过程", "历史性", "前瞻性",
    "高效", "依法", "依规", "从严", "严肃", "坚定不移", "毫不动摇", "不折不扣",
    "旗帜鲜明", "理直气壮", "一以贯之", "持之以恒", "锲而不舍", "久久为功", "实事求是",
    "设身处地", "尽心尽力",
])
_AABB_RE = re.compile(r"([\u4e00-\u9fff])\1([\u4e00-\u9fff])\2$")
# A verb taking a noun object before "ADJ 的 V": 进行深入的调研 is a noun phrase.
_NOMINAL_BEFORE = ("进行", "开展了", "作了", "做了", "作出", "做出", "给予", "加以", "予以", "得到",
                   "受到", "展开", "有", "是", "缺乏", "缺少", "需要", "没有", "经过", "通过", "一次",
                   "一番", "了")
_NOMINAL_VERBS = ("进行", "开展", "作出", "做出", "给予", "加以", "予以", "得到", "受到", "展开",
                  "缺乏", "缺少", "需要", "没有", "经过", "通过", "接受", "欢迎", "保持", "形成")
# What stands before an adverbial of manner: a modal, an adverb, a subject pronoun or the
# start of a clause (要认真地学习, 我们认真地…, ，扎实地推进).  After a noun it is an
# attributive instead (行动自觉的转化).
_CLAUSE_OPENERS = frozenset("要应须需能会将就都也还更再并而去来们我他她你正终直均皆，。；：”“（ \n\t\u3000")
# Heads after "ADJ 的 V" that make a noun phrase: 认真的学习态度.
# (Heads that are as often objects — 加强作风建设, 提升能力 — are not listed.)
_NOUN_HEADS = ("态度", "精神", "习惯", "风气", "氛围", "成果", "成效", "效果", "方式", "方法", "报告",
               "过程", "结果", "生活", "的")
# A verb phrase may open with a coverb: 主动地向组织汇报, 自觉地把自己摆进去, 实实在在地为群众办实事.
_COVERBS = frozenset("把向为对从与同按以用将给跟")
# Words in which 得 follows its first character and is not a particle.
_DE_WORDS = frozenset([
    "得到", "得以", "得出", "得益", "得失", "得力", "得当", "得分", "得罪",
    "得知", "得逞", "得手", "得体", "得意", "得利", "得宜", "得很", "得人心",
])
# Words in which 地 is not a particle (the character before it, or after it).
_DI_BEFORE = frozenset("落实就各基阵土本当外异属天余境园腹高洼田场用耕绿湿山陆领产源在据")
_DI_AFTER = frozenset("方区位域步带面球理形质段块产下上图震点标铁税级市委")


def _verb_before(text: str, i: int, pos: dict[str, str]) -> int:
    """Length of the verb (or predicate adjective: 落实 is tagged a) ending at ``i`` (0 if
    none): the longest of 4..2 characters in the list, else a one-character verb."""
    for size in (4, 3, 2):
        if i - size >= 0 and text[i - size:i] in pos:
            return size
    return 1 if i >= 1 and text[i - 1] in _ONE_CHAR_VERBS else 0


def _adverbial_before(text: str, i: int) -> int:
    for size in (4, 3, 2):
        if i - size < 0:
            continue
        word = text[i - size:i]
        if word in _ADVERBIALS or (size == 4 and (_AABB_RE.match(word) or (
                word[:2] in _ADVERBIALS and word[2:] in _ADVERBIALS))):  # 积极主动, 严格认真
            return size
    return 0


def _verb_after(text: str, i: int, pos: dict[str, str]) -> int:
    for size in (4, 3, 2):
        if pos.get(text[i:i + size]) in ("v", "vn"):
            return size
    if i < len(text) and text[i] in _COVERBS:
        return 1
    # 抓好, 学透: a one-character verb only with a result complement after it.
    if i < len(text) and text[i] in _ONE_CHAR_VERBS and text[i + 1:i + 2] in _RESULT:
        return 1
    return 0


_RESULT = frozenset("好实细透深起出了着过住牢紧")


def check_dedide(text: str, pos: dict[str, str]) -> list[Finding]:
    findings: list[Finding] = []
    if not pos:
        return findings
    for m in re.finditer("[的地得]", text):
        i = m.start()
        ch = text[i]
        finding = _complement(text, i, ch, pos) if ch in "的地" else None
        if finding is None and ch in "的得":
            finding = _adverbial(text, i, ch, pos)
        if finding is None and ch == "得":
            finding = _attributive(text, i, pos)
        if finding is not None:
            findings.append(finding)
    return findings


def _complement(text: str, i: int, ch: str, pos: dict[str, str]) -> Finding | None:
    """的/地 after a verb and before a degree complement -> 得."""
    if ch == "地" and (text[i - 1:i] in _DI_BEFORE or text[i + 1:i + 2] in _DI_AFTER):
        return None
    if ch == "的" and text[i - 2:i] in ("明显", "凸显", "彰显", "突显"):
        return None
    size = _verb_before(text, i, pos)
    if ch == "的" and not size and text[i - 1:i] == "显":  # 显的简单 -> 显得简单
        if not (_COMPLEMENT_RE.match(text, i + 1) or pos.get(text[i + 1:i + 3]) == "a"
                or pos.get(text[i + 1:i + 5]) == "a"):
            return None
        size = 1
    elif not size or not _COMPLEMENT_RE.match(text, i + 1):
        return None
    if text[i - size - 1:i - size] in ("的", "之", "所"):  # 所做的 is a noun phrase
        return None
    start = i - size
    return Finding("dedide", f"动词“{text[start:i]}”后接补语，应用“得”：“{text[start:i]}得”。",
                   start, i + 1, text[start:i + 1], text[start:i] + "得")


def _adverbial(text: str, i: int, ch: str, pos: dict[str, str]) -> Finding | None:
    """的/得 between an adverbial and its verb -> 地."""
    if ch == "得" and text[i:i + 2] in _DE_WORDS:
        return None
    size = _adverbial_before(text, i)
    if not size:
        return None
    start = i - size
    verb = _verb_after(text, i + 1, pos)
    if not verb:
        return None
    after = text[i + 1 + verb:]
    before = text[max(0, start - 8):start]
    if ch == "的" and (after.startswith(_NOUN_HEADS) or before.endswith(_NOMINAL_BEFORE)
                       or any(v in before for v in _NOMINAL_VERBS)
                       or (start and text[start - 1] not in _CLAUSE_OPENERS)):
        return None
    return Finding("dedide", f"“{text[start:i]}”修饰动词“{text[i + 1:i + 1 + verb]}”，应用“地”。",
                   start, i + 1, text[start:i + 1], text[start:i] + "地")


# Nouns that head an attributive phrase and are never a complement of 得: 反映强烈得问题 → 的.
_HEAD_NOUNS = frozenset([
    "问题", "事情", "经验", "任务", "矛盾", "作用", "风险", "隐患", "情况", "意见", "建议", "要求",
    "目标", "成绩", "成效", "做法", "事项", "责任", "举措", "措施", "办法", "短板", "差距", "不足",
    "地方", "方面", "领域", "环节", "现象", "苗头", "腐败", "矛盾", "困难", "诉求", "期盼", "工作",
])
# Words ending in 得 (取得, 值得, 心得, 来得及 …): the 得 is no particle.
_DE_ENDINGS = frozenset([
    "心得", "难得", "所得", "应得", "自得", "了得", "不得", "免得", "省得", "舍得", "晓得", "懂得",
    "记得", "值得", "觉得", "使得", "显得", "获得", "取得", "赢得", "博得", "落得", "求得", "习得",
    "非得", "总得", "只得", "就得", "还得", "也得", "都得", "才得", "可得", "见得", "来得", "过得",
    "算得", "须得", "必得", "识得", "赚得", "换得", "换得", "谋得", "抢得", "夺得",
])


def _attributive(text: str, i: int, pos: dict[str, str]) -> Finding | None:
    """得 between a predicate and the noun it describes -> 的 (群众关心得事情)."""
    if text[i - 1:i + 1] in _DE_ENDINGS or text[i - 1:i + 1] in pos or text[i + 1:i + 3] not in _HEAD_NOUNS:
        return None
    size = next((k for k in (4, 3, 2) if i - k >= 0 and pos.get(text[i - k:i]) in ("v", "vn", "a")), 0)
    if not size:
        return None
    start = i - size
    return Finding("dedide", f"“{text[i + 1:i + 3]}”前是定语，应用“的”：“{text[start:i]}的”。",
                   start, i + 1, text[start:i + 1], text[start:i] + "的")
