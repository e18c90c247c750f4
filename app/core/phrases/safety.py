"""Red flags: wording that admits a disciplinary breach instead of naming a shortcoming.

A 对照检查材料 is read by the 纪委 and the 组织部.  It names shortcomings in thinking, style
and ability ("学习不够系统", "调研走马观花"); it never confesses conduct that meets the
definition of a violation under the 纪律处分条例, the 八项规定, the 保密 or 统计 rules
("收了老乡送的土特产", "数据就高不就低", "用微信传内部材料").  ``unsafe_reasons`` finds such
admissions so that the shipped bank, a user's imported phrases and an imported pack can be
checked by the same rules.

Each rule is a pattern for the admission and, optionally, the words that make it safe when
they precede it in the same clause: a measure (坚决杜绝违规吃喝, 不收受礼品礼金), a duty of
oversight over others (查处违规问题), or a study of a case (剖析典型案例中的收受问题).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that, earlier in the same clause, turn a red-flag term into a rule, a refusal or
# the subject of oversight rather than a confession.
_GUARD = (r"杜绝|防止|防范|严防|严禁|禁止|不得|不准|不搞|不打|不收|不拿|不吃|不接受|不参加|不出入"
          r"|不违规|不超|不办|不用|不碰|不做|不说|不讲|不靠|拒绝|拒收|谢绝|抵制|远离|决不|绝不|坚决"
          r"|毫不|从不|堵住|堵塞|不能|不要|不许|不可|不会|避免|警惕|反对|纠治|纠正|整治|查处|严查|惩治|治理"
          r"|一律|排查|有无|是否|防微杜渐|整改|案例|案件|典型|通报|剖析|警示|以案|反面|认识到")
_GUARD_RE = re.compile(_GUARD)
# Words later in the same clause that make it the subject of oversight or vigilance
# (对违规发放津贴补贴等问题排查不够) rather than the writer's own conduct.
_AFTER_GUARD_RE = re.compile(r"等问题|的问题|问题线索|问题查|问题露头|等现象|的现象|的行为处理|警惕|明察暗访"
                             r"|现象|查纠|查处|排查|整治|抽查|监督|督促|治理|隐患|风险|危害|相关规定|有关规定"
                             r"|一律|开始的|结束的|重大事项记录报告|记录报告制度")
_CLAUSE_RE = re.compile(r"[，。；：！？]")


@dataclass(frozen=True)
class RedFlag:
    name: str  # what the wording admits, shown to the writer
    pattern: re.Pattern[str]
    guarded: bool = True  # a measure or refusal earlier in the clause makes it safe


def _flag(name: str, pattern: str, guarded: bool = True) -> RedFlag:
    return RedFlag(name, re.compile(pattern), guarded)


RED_FLAGS: tuple[RedFlag, ...] = (
    _flag("收受财物", r"收受|收了|收下|接受了?\S{0,6}(礼品|礼金|红包|购物卡|消费卡|土特产)"
          r"|(土特产|礼品|礼金|红包|购物卡|消费卡)\S{0,12}(推辞|退回)\S{0,6}(伤感情|不好意思|驳面子)"
          r"|(土特产|小意思)\S{0,12}(价值不大|无伤大雅|不算什么)"),
    _flag("违规行为", r"违规(吃喝|收|送|操办|兼职|经商|借贷|配备|发放|占用|接受|插手|干预|使用|报销|用车"
          r"|接待|宴请|出入|打招呼|选人|用人|决策|审批)|违反\S{0,8}(规定|纪律|制度)"),
    _flag("未如实报告", r"(未|没有|没能|未能|不)\S{0,4}如实(报告|填报|说明|反映|汇报|记录|登记)|瞒报|漏报|少报|虚报"
          r"|谎报|隐瞒|个人有关事项\S{0,16}(不够|不细|不全|不准|遗漏|出入|偏差|疏漏)"),
    _flag("变通执行", r"变通执行|搞变通|变通一下|变通处理|选择性执行|打擦边球|灵活空间|钻\S{0,4}空子"
          r"|上有政策、下有对策"),
    _flag("弄虚作假", r"弄虚作假|造假|注水|就高不就低|数据\S{0,4}(美化|拔高|凑数)|编造|虚构"),
    _flag("公款公物", r"公款|公车私用|私车公用|公物私用|私用公车"),
    _flag("超标准", r"超标准|超标|超规格|超范围|超面积|超配"),
    _flag("插手请托", r"打招呼|请托(?!者)|说情|插手|干预\S{0,6}(重大事项|工程|招投标|案件|人事)"
          r"|记录报告\S{0,10}(不够|不严|没有|未)|(没有|未|未能|没能)\S{0,6}(执行|落实|遵守)\S{0,12}记录报告"),
    _flag("违反八项规定", r"前呼后拥|陪同人员?(偏多|较多|过多)|陪同人数|用餐标准|吃请|宴请|应酬|饭局|酒局"
          r"|高档烟酒|娱乐场所|私人会所"),
    _flag("泄密", r"(微信|QQ|互联网|邮箱|网盘|即时通信)\S{0,12}(传送|传输|发送|存储|转发)\S{0,8}"
          r"(内部|涉密|敏感|秘密)|泄露|泄密|跑风漏气"),
    _flag("政治上动摇", r"(怀疑|动摇|不认同|抵触)\S{0,8}(党中央|中央|决策部署|路线)"
          r"|怀疑和动摇|产生动摇|产生怀疑|有所动摇|有所怀疑"),
    _flag("以权谋私", r"以权谋私|谋取私利|谋取利益|利益输送|吃拿卡要|索要|索取|权钱交易|优亲厚友"
          r"|大操大办|借机敛财|兼职取酬|经商办企业"),
)


def unsafe_reasons(text: str) -> list[str]:
    """What ``text`` admits that a 纪委 reader would have to act on ([] when it is safe).

    Each reason names the rule and the words, e.g. ``收受财物：“收受”``.
    """
    reasons: list[str] = []
    for flag in RED_FLAGS:
        for match in flag.pattern.finditer(text):
            if flag.guarded and _guarded(text, match.start(), match.end()):
                continue
            reasons.append(f"{flag.name}：“{match.group()}”")
            break
    return reasons


def _guarded(text: str, start: int, end: int) -> bool:
    """A refusal or rule earlier in the clause (不收受, 坚决杜绝违规…), or an oversight
    word later in it (对违规发放津贴补贴等问题排查不够)."""
    if start and text[start - 1] in "不勿莫拒":
        return True
    clause_start = max((m.end() for m in _CLAUSE_RE.finditer(text, 0, start)), default=0)
    after = _CLAUSE_RE.search(text, end)
    clause_end = after.start() if after else len(text)
    return bool(_GUARD_RE.search(text, clause_start, start)
                or _AFTER_GUARD_RE.search(text, end, clause_end))
