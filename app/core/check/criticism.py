"""表扬式批评 and 空泛批评: the two faults 督导组 find in 相互批评意见 year after year.

- ``praise_criticism``: praise in disguise.  Not a list of the usual examples but the shapes
  they take: a virtue pushed one degree too far (太拼, 要求过严, 过于谦虚, 标准定得太高), the
  cost of that virtue to the criticised person himself (不注意休息, 顾不上家, 带病坚持工作),
  wishes for his health, the hedge that announces it (如果说有什么不足的话), and praise
  standing where the criticism should be (值得学习, 继续保持).
- ``vague_criticism``: a criticism that names no conduct: no occasion, time, number, place,
  example or quoted words, only an appraisal (不够深入, 有待加强); and one sentence used for
  several colleagues alike.

Every finding says why and how to make the criticism concrete.  Measured by
``python -m tests.tools.criticism_eval`` on ``tests/data/criticism_eval.jsonl``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from app.core.check.findings import Finding
from app.core.check.source import locate_paragraphs
from app.core.document.criticism import colleague_sections
from app.core.model import Paragraph, Role

PRAISE, VAGUE = "praise_criticism", "vague_criticism"

# --- praise in disguise -------------------------------------------------------------------
_TOO = r"(?:太|过于|过分|过度|特别|格外|一味|实在|总是太|有些过|有点过|近乎)"
# Virtues: what a colleague is praised for when he is "criticised" for having too much of it.
_VIRTUE = (r"(?:拼命?|投入|敬业|勤奋|勤勉|认真|较真|严格|严谨|细致|细心|心细|仔细|执着|专注|负责|尽责|操心|操劳|"
           r"辛苦|劳累|忙碌?|谦虚|低调|谦让|谦和|随和|宽厚|宽容|厚道|实在|老实|善良|节俭|朴素|简朴|热心|热情|"
           r"追求完美|完美|精益求精|要强|好强|自律|能吃苦|吃苦|看重工作|注重细节|追求细节|好说话|谨慎|"
           r"能干|肯干|实干|踏实|扎实|干练|果断|坚持原则|讲原则|正直|耿直|直爽|坦率|爱岗|忘我|无私|奉献|"
           r"关心|照顾|体贴|替.{1,4}着想|追求卓越|高标准|严要求|守规矩|清廉|廉洁)")
# Standards, demands and effort said to be too high, too strict, too much.
_DEMAND = (r"(?:要求|标准|把关|管理|管得|抓得|工作|干劲|劲头|责任心|事业心|热情|精力|节奏|心思|"
           r"定得|卡得|盯得|追求|自我要求|自律)")
_DEMAND_TOO = r"(?:太|过于|过分|过|特别|非常|十分|很|偏|近乎)(?:高|严|细|紧|足|强|快|投入|拼|认真|较真|苛刻|满)"
# The cost of a virtue to the criticised himself: his rest, health and family.
_SELF_COST = (r"不注意(?:休息|身体|劳逸结合|锻炼)|(?:注意|保重|爱惜|关心|保护好?)(?:一下)?(?:自己的?)?身体|"
              r"劳逸结合|多(?:注意)?休息|(?:注意|适当)休息|休息(?:不够|太少|得少|时间少)|放慢(?:工作)?节奏|"
              r"加班(?:到|加点)?(?:深夜|很晚|半夜)|熬夜|连轴转|超负荷|带病(?:坚持)?(?:工作|上班)?|废寝忘食|"
              r"以(?:单位|办公室|岗位)为家|顾不上(?:家|家庭|家里|休息|孩子|家人|吃饭|体检|自己)|"
              r"(?:对|给)(?:家庭|家人|孩子|家里)(?:照顾|陪伴|关心|亏欠)|陪(?:伴)?家人|对家庭有(?:些|所)?亏欠|"
              r"身体(?:透支|吃不消|会吃不消)|人都瘦了|牺牲(?:了)?(?:很多|大量)?(?:休息|节假日|周末|个人)|"
              r"(?:节假日|周末|假期|春节)(?:也|都|基本都|常常|经常)?(?:在|加班|不休息|没休息|难得休息)|"
              r"(?:晚上|夜里|深夜)(?:也|常常|经常)?(?:在办公室|加班)|忙得|不知疲倦|从不(?:给自己)?(?:放假|休息|请假)|"
              r"(?:生病|病了)(?:也|还)?不肯?(?:请假|休息)|一个人扛|揽在自己身上|冲在最前|抢着干|"
              r"(?:从不|从来不)计较|不计较个人|(?:把|将)(?:功劳|荣誉|机会)(?:都)?让给|委屈了?自己|"
              r"对自己(?:太|过于|有时)?(?:太狠|狠)|事必躬亲|事无巨细|大事小事都|什么事都(?:亲自|要|想|替)")
# The hedge that announces praise, and praise where the criticism should be.
_HEDGE = (r"如果说有.{0,6}(?:不足|缺点|问题|意见|毛病)|要说(?:有)?(?:什么)?(?:缺点|不足|毛病)|唯一的(?:缺点|不足)|"
          r"美中不足|(?:最大的|你的)(?:不足|缺点|毛病)(?:就是|是)(?:太|过于|工作)|"
          r"值得.{0,6}学习|学习的榜样|树立了榜样|继续保持|再接再厉|发扬光大|为了工作|为工作着想|恨铁不成钢|"
          r"主要是想把工作|出发点是好的|都是为了")
# Directness and haste excused by zeal.
_ZEAL = (r"(?:说话|批评人|批评)[^，。；]{0,3}(?:太|过于)?(?:直|不留情面|不给面子)|性子(?:有点|有些|比较)?急|"
         r"脾气(?:有点|有些|比较)?急|工作节奏太快|(?:我们|大家)[^，。；]{0,6}跟不上")
# 改得太细, 抓得过紧, 考虑得太周全: any doing, done too well.
_DONE_TOO = r"[\u4e00-\u9fff]得(?:太|过于|过|特别)(?:细|严|紧|高|认真|较真|周全|周到|仔细|用心|投入)"
# All of oneself given to the work: 全部精力都放在工作上, 心思全扑在工作上.
_ALL_IN = r"(?:全部|全|都|一门心思)[^，。；]{0,4}(?:放|扑|用|花|倾注|投入)[^，。；]{0,2}(?:在)?(?:了)?工作"
_PRAISE_RES = (
    ("virtue", re.compile(_TOO + r"(?:了|于)?" + _VIRTUE)),
    ("demand", re.compile(_DEMAND + r"[^，。；]{0,4}?" + _DEMAND_TOO + "|" + _DONE_TOO)),
    ("all_in", re.compile(_ALL_IN)),
    ("self_cost", re.compile(_SELF_COST)),
    ("hedge", re.compile(_HEDGE)),
    ("zeal", re.compile(_ZEAL)),
)
_TURN_RE = re.compile(r"但是?|不过|然而|可是|只是")
# Harm done to others or to the work: then a strict or direct manner is a real criticism.
_HARM_RE = re.compile(r"挫伤|打击|伤害|抵触|有顾虑|不敢|下不来台|心里有想法|有意见|引起|导致|造成|延误|耽误|"
                      r"被退回|被通报|被投诉|出现了?(?:差错|问题|偏差)|影响了")
_PRAISE_REASON = {
    "virtue": "把优点说成缺点（“{m}”），是表扬式批评",
    "demand": "批评的是“要求高、抓得紧”（“{m}”），实为表扬",
    "self_cost": "批评的是对方为工作付出的代价（“{m}”），是对个人的关心而非对工作的批评",
    "hedge": "“{m}”一句把批评变成了称赞",
    "all_in": "批评的是对方一心扑在工作上（“{m}”），实为表扬",
    "zeal": "把工作急、说话直归于为了工作（“{m}”），是表扬式批评",
}
PRAISE_ADVICE = ("建议改为对方工作中的具体不足：在哪件事、什么场合、做了或没做什么、造成了什么影响，"
                 "再提一条“建议/希望……”。")

# --- concrete conduct ---------------------------------------------------------------------
_CONCRETE_RES = (
    re.compile(r"\d"),
    re.compile(r"[一二三四五六七八九十两几半]+(?:次|个|件|项|名|人|户|家|场|篇|期|批|天|周|年|月|条|份|种|页|"
               r"盒|处|遍|多小时|小时|分钟|多月|周|轮|位|级|起)"),
    re.compile(r"[今去前上下本]年|上半年|下半年|[一二三四五六七八九十]+月|上个?月|本月|上季度|今年|去年|"
               r"年初|年中|年底|年末|汛期|春节|节前|当时|那次|那天|有一次|一次|上次|此前|曾经?|至今|到现在|"
               r"过去了|期间"),
    re.compile(r"比如|例如|譬如|如在|像[^，。]{1,12}这样|以[^，。]{1,12}为例|\{具体事例\}"),
    re.compile(r"(?:参加|出席|主持|召开|组织|陪同|带队)[^，。；]{1,20}(?:时|期间)"),
    re.compile(r"会上|会议上|座谈会|调度会|推进会|协调会|汇报时|讨论时|检查时|调研时|接访时|验收时|宣讲时|讲课时|"
               r"签(?:发|批|字)|审定|批示|批转|请假|搁置|照签|转发|退回|通报|投诉|上访|当众|当场|训斥|念稿|照着稿"),
    re.compile(r"“[^”]{1,20}”"),  # words quoted as said or written
    re.compile(r"[\u4e00-\u9fff]{1,6}(?:村|镇|乡|街道|社区|园区|企业|公司|车间|工地|项目|县|科室|支部)"),
)
_GENERIC_RE = re.compile(r"不够|不足|欠缺|有待|还需|需要|进一步|差距|不强|不高|不深|不到位|不严格|淡化|"
                         r"还可以|可以再|更加|加强|提高|提升|增强|改进|存在|有时")
VAGUE_ADVICE = ("建议写明具体事例：哪次会议、哪项工作、什么时间，对方做了或没做什么，"
                "再提出有针对性的“建议/希望……”。")
MIN_CRITICISM_CHARS = 6
_SENTENCE_RE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_POINT_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[是要、]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,3}[、.．])")
_ADVICE_RE = re.compile(r"^(?:建议|希望|望|请|恳请|今后|下一步)")


@dataclass(frozen=True)
class Verdict:
    kind: str | None  # PRAISE, VAGUE or None
    why: str = ""
    span: tuple[int, int] = (0, 0)  # what to underline, relative to the judged text


def praise_match(text: str) -> tuple[str, re.Match] | None:
    """The first praise-in-disguise shape in ``text`` (None when there is none)."""
    hits = []
    for name, pattern in _PRAISE_RES:
        m = pattern.search(text)
        if m:
            hits.append((m.start(), name, m))
    if not hits:
        return None
    _, name, m = min(hits, key=lambda h: h[0])
    turn = _TURN_RE.search(text, m.end())
    if turn and name != "hedge":  # 你工作能力很强，但…: praise as a preface to a real criticism
        rest = text[turn.end():]
        if is_concrete(rest) and not any(p.search(rest) for _, p in _PRAISE_RES):
            return None
    if name in ("demand", "zeal", "virtue") and _HARM_RE.search(text) and is_concrete(text):
        return None  # strict or blunt to others, with the harm it did: a real criticism
    return name, m


# 在……中/上/时: an occasion, unless it is only 在工作中 or 在思想上.
_SCENE_RE = re.compile(r"在([^，。；]{1,24}?)(?:的)?(?:时|中|上|里|期间|过程中|前|后|之际)")
_GENERIC_SCENE_RE = re.compile(r"推动|推进|开展|日常|实际|具体|平时|今后|以后|各项|分管|本职|自身|个人|"
                               r"工作|思想|行动|学习|生活|党建|担当作为|作风|方面|领域|问题|过程")


def is_concrete(text: str) -> bool:
    """Does the criticism name conduct: an occasion, a time, a number, an example, quoted words?"""
    if any(r.search(text) for r in _CONCRETE_RES):
        return True
    return any(_GENERIC_SCENE_RE.sub("", m.group(1)).strip() for m in _SCENE_RE.finditer(text))


def judge(text: str) -> Verdict:
    """One criticism (a point or a sentence): praise in disguise, vague, or fine."""
    body = _POINT_RE.sub("", text).strip()
    found = praise_match(body)
    offset = len(text) - len(text.lstrip()) + (len(text.strip()) - len(body))
    if found:
        name, m = found
        why = _PRAISE_REASON[name].format(m=m.group(0))
        return Verdict(PRAISE, why, (offset + m.start(), offset + m.end()))
    if sum(1 for c in body if "\u4e00" <= c <= "\u9fff") < MIN_CRITICISM_CHARS:
        return Verdict(None)
    if not is_concrete(body):
        generic = _GENERIC_RE.search(body)
        why = (f"只有“{generic.group(0)}”一类的评价，没有写出具体言行" if generic
               else "没有写出具体的言行、场合或事例")
        return Verdict(VAGUE, why, (offset, offset + len(body)))
    return Verdict(None)


def _units(text: str) -> list[tuple[int, int]]:
    """Spans of the criticisms in a paragraph: a point (一是……) with its sentences, or a sentence.

    A sentence that only gives advice (建议……/希望……) belongs to the criticism before it.
    """
    spans: list[tuple[int, int]] = []
    for m in _SENTENCE_RE.finditer(text):
        start, end = m.start(), m.end()
        piece = text[start:end].strip()
        if not piece:
            continue
        if spans and (_ADVICE_RE.match(piece) or (not _POINT_RE.match(piece) and _continues(text, spans[-1]))):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _continues(text: str, span: tuple[int, int]) -> bool:
    """A point (一是……) runs on over the following sentences until the next point."""
    return bool(_POINT_RE.match(text[span[0]:span[1]].lstrip()))


def _normalise(sentence: str, names: Sequence[str]) -> str:
    for name in names:
        if name:
            sentence = sentence.replace(name, "")
    return re.sub(r"[^\u4e00-\u9fff]", "", _POINT_RE.sub("", sentence))


def check_criticism(paragraphs: Sequence[Paragraph], text: str) -> list[Finding]:
    """Findings for a 相互批评意见: offsets into ``text`` (the paragraphs joined as read)."""
    offsets = locate_paragraphs(text, paragraphs)
    sections = colleague_sections(list(paragraphs))
    if sections:
        targets = [(s.who, i) for s in sections for i in s.body]
    else:  # no colleague headings: judge every body paragraph after the title block
        targets = [("", i) for i, p in enumerate(paragraphs)
                   if p.role is Role.BODY and p.text.strip()]
    findings: list[Finding] = []
    seen: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    names = [who for who, _ in targets]
    for who, index in targets:
        para_text = paragraphs[index].text
        base = offsets[index] if index < len(offsets) else 0
        if text[base:base + len(para_text)] != para_text:
            continue
        for start, end in _units(para_text):
            unit = para_text[start:end]
            verdict = judge(unit)
            if verdict.kind == PRAISE:
                a, b = verdict.span
                findings.append(Finding(PRAISE, f"{verdict.why}。{PRAISE_ADVICE}",
                                        base + start + a, base + start + b, unit[a:b]))
            elif verdict.kind == VAGUE:
                a, b = verdict.span
                findings.append(Finding(VAGUE, f"批评意见空泛：{verdict.why}。{VAGUE_ADVICE}",
                                        base + start + a, base + start + b, unit[a:b]))
            for sm in _SENTENCE_RE.finditer(unit):
                key = _normalise(sm.group(), names)
                if len(key) >= 8:
                    seen[key].append((who, base + start + sm.start(), base + start + sm.end()))
    for occurrences in seen.values():
        people = {who for who, _, _ in occurrences}
        if len(people) < 2:
            continue
        listed = "、".join(sorted(people))
        for _who, start, end in occurrences:
            findings.append(Finding(VAGUE, f"对 {listed} 用了同一句批评，千人一面。"
                                    "建议针对每位同志分管的领域和平时的具体表现分别写。",
                                    start, end, text[start:end]))
    return findings


def structure_findings(paragraphs: Sequence[Paragraph], text: str, classifier, template) -> list[Finding]:
    """结构检查 for the window: a 相互批评意见 gets this check, a report the usual one."""
    from app.core.check.structure_check import check_structure
    from app.core.document.criticism import TEMPLATE_ID, is_criticism_title

    title = next((p.text for p in paragraphs if p.role is Role.TITLE), "")
    if (template is not None and template.id == TEMPLATE_ID) or is_criticism_title(title):
        return check_criticism(paragraphs, text)
    return check_structure(paragraphs, text, classifier, template)
