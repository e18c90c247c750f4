"""Which of the writer's words say what a point is about (issue 17).

A lead sentence such as 管党治党不够细。履行全面从严治党没有做到制度化 names its subject with
topical words (管党治党, 全面从严治党) and its verdict with generic ones (不够, 细, 没有, 做到).
BM25 alone gives a rare generic word such as 细 a high idf, so phrases about things that are
不够细 (党费, 风险防控) outranked phrases about 管党治党.  Here a query term's weight is raised
when it is one of the canonical topics' keywords and lowered when it is a generic word of
verdict, degree or frequency; and where the section has no topic of its own, the topics the
words name are a hint for the ranking.
"""

from __future__ import annotations

from app.core.topics import TopicClassifier

TOPICAL_WEIGHT = 2.0
GENERIC_WEIGHT = 0.25
MIN_TOPICAL_LEN = 2  # 学 or 党 alone says little

# Words of verdict, degree, frequency and linking that any topic's points use.
_GENERIC = """
不够 不足 不强 不深 不高 不严 不实 不细 不紧 不好 不力 不到位 到位 欠缺 差距 有待 还需 需要 仍 仍然 还 还有
有时 偶尔 时有 经常 往往 一些 有的 个别 少数 部分 方面 领域 问题 现象 情况 存在 具有 没有 做到 做好 做得
细 紧密 紧 深 实 严 好 高 强 多 少 大 小 较 比较 更加 进一步 切实 坚持 加强 强化 提升 提高 增强 持续 不断
始终 认真 积极 主动 自觉 努力 着力 推动 推进 落到 实处 工作 方面 过程 程度 水平 力度 效果 成效 要求 标准
自己 本人 我们 个人 一定 一般 主要 重要 有效 全面 深入 扎实 系统 整体 具体 实际 经验 时候 时间 同时
"""
GENERIC_WORDS = frozenset(_GENERIC.split())


def topical_words(topics: TopicClassifier | None) -> frozenset[str]:
    """The topics' keywords long enough to name a subject."""
    if topics is None:
        return frozenset()
    return frozenset(w for words in topics.keywords.values() for w in words if len(w) >= MIN_TOPICAL_LEN)


def term_weight(term: str, topical: frozenset[str]) -> float:
    """How much a query term says about the subject: topical > ordinary > generic."""
    if term in GENERIC_WORDS or len(term) == 1:
        return GENERIC_WEIGHT
    return TOPICAL_WEIGHT if term in topical else 1.0


def topic_hint(text: str, topics: TopicClassifier | None) -> dict[str, float]:
    """The topics the text's own words name, the strongest as 1.0 (empty when none)."""
    if topics is None or not text.strip():
        return {}
    scores = topics.scores(text)
    top = max(scores.values(), default=0.0)
    if top < MIN_TOPICAL_LEN ** 1.5:  # only a one-character keyword matched
        return {}
    return {topic: score / top for topic, score in scores.items()}
