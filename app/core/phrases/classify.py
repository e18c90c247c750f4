"""Classify a sentence or point to (part, topics): for ``classify`` and the importer.

Signals, added up: cue words typical of each part (问题 says 不够/不足, 原因 says
放松/根源/认识不足, 措施 says 坚持/切实/进一步) and a lead sentence that opens with a verb
of action; topic keywords (``resources/topics.toml``, the lead sentence counting twice);
a naive-Bayes word model of the bank's own tagged phrases (``WordModel``); and the votes
of the nearest phrases in the bank (BM25 over the whole index).

Measured (tests/core/phrases/test_library.py): corpus points part 88%, topic top-1 61% against
the heading they were filed under (most topic misses are points filed under another aspect's
heading).  Corpus part was 93% before the 2026 bank: its 问题 phrases say 不够 less and 有时 never,
while real reports still do, so the word model learns a little less from those words.  On the
220 labelled points of tests/data/classify_points.tsv (labels from what a point says;
``python -m tests.tools.classify_eval``): part 95.9% (92.3% before the lead-sentence
cause/problem cues and the aspect prior; 93.2% from the text alone), topic 95.0%.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from app.core.document.grammar import CN_NUMERAL, POINT_SUFFIXES
from app.core.phrases.phrasebank import Phrase
from app.core.phrases.ranking import PhraseIndex
from app.core.topics import CANONICAL_TOPICS, MAIN_PARTS, Part, TopicClassifier

_CUES: dict[str, tuple[str, ...]] = {
    Part.PROBLEM: ("不够", "不足", "不强", "不深", "不到位", "不高", "不多", "不实", "不细", "不严",
            "欠缺", "差距", "缺乏", "薄弱", "有时", "偶尔", "存在", "满足于", "习惯于", "停留在",
            "有待", "仍有", "还有", "不善于", "不敢", "不愿", "偏少", "较少", "不紧", "问题"),
    Part.CAUSE: ("原因", "根源", "根子", "根本", "究其", "深层次", "放松", "松懈", "淡化", "弱化",
            "忽视", "主观", "客观", "导致", "造成", "滋生", "思想上", "认识上", "没有真正",
            "从思想", "剖析", "归根结底", "缺少", "认识不足", "认识不到位", "体悟不深",
            "理解不深", "有所淡化", "有所弱化", "有所放松", "有所松懈", "思想根源", "说到底",
            "归根到底", "在于", "惯性", "心态", "观念", "片面认为", "错误认识", "思想深处"),
    Part.MEASURE: ("坚持", "切实", "着力", "进一步", "持续", "努力", "自觉", "带头", "坚决", "推动",
            "提升", "确保", "做到", "始终", "牢固树立", "下功夫", "把", "以", "要", "将",
            "强化", "加强", "深入", "树牢", "整改", "今后"),
}
# A problem's lead sentence ends on a shortfall; a measure's opens with a verb of action.
_PROBLEM_LEAD_RE = re.compile(r"(不够|不足|不到位|不强|不深|不高|不实|不严|不紧|不好|不力|"
                              r"不牢|不到底|不透|不准|不及时|不规范|不明显|不彻底|偏少|较少|不多|"
                              r"有待\S{0,4}|还需\S{0,4}|需\S{0,4}加强|欠缺|薄弱|严峻|差距|偏差|"
                              r"问题|现象|情况)[^，,]{0,6}$")
# A cause names where a shortfall comes from: these in the lead sentence outweigh its 不够.
_CAUSE_LEAD_RE = re.compile(r"根源|原因|究其|根子|说到底|归根|深层次|思想深处|片面认为|错误认识|"
                            r"主观上|思想上|认识上|在作怪|在作祟|存在[^，,]{0,8}(思想|心态|心理)")
# ……解决“两张皮”问题 ends on 问题 but is a measure's aim, not a shortfall.
_REMEDY_RE = re.compile(r"(解决|破解|纠治|整治|纠正|克服|防止|杜绝|力戒)[^，,]*(问题|现象|情况)[^，,]{0,6}$")
# A cause written like a problem (理论学习不够扎实。主观上……放松了……) explains itself below.
_CAUSE_BODY_RE = re.compile(r"主观上|客观上|思想上|根源|根子|导致|究其|放松了|忽视了|淡化了|认识不足|"
                            r"认识不到位|认识不够|没有真正|有所放松|有所淡化|有所弱化|有所减弱|不自觉地")
CAUSE_BODY_HITS = 2
ASPECT_PART_VOTE = 1.0  # filed under a template's problem aspect: a 问题, unless the words say otherwise
ASPECT_TOPIC_WEIGHT = 0.5  # the aspect's topic keywords, next to the point's own
_MEASURE_LEAD_RE = re.compile(rf"^(?:{CN_NUMERAL})?[{POINT_SUFFIXES}]?(坚持|加强|强化|提升|增强|深化|持续|始终|着力|"
                              r"切实|坚决|牢固|树牢|带头|筑牢|锤炼|勇于|敢于|聚焦|推动|把|"
                              r"激发|树立|严格|认真|积极|主动|自觉|建立|健全|完善|严守|践行|弘扬|"
                              r"发扬|保持|扛起|压实|推进|提高|改进|大兴|多到|对标|不断|全力|从严)")
_SENTENCE_RE = re.compile(r"[。；;！？!?]")
NEIGHBOURS = 8
LEAD_WEIGHT = 1
LEAD_BONUS = 3.0
MEASURE_LEAD_VOTE = 1.0  # a lead sentence that opens with a verb of action (强化/坚持…) is a measure
NB_ALPHA = 0.5  # Laplace smoothing of the word model
NB_TEMPER = 0.7  # log-likelihoods divided by (word count) ** this: long points stay calibrated
NB_PART_WEIGHT = 1.5
NB_TOPIC_WEIGHT = 1.0
LEAD_TOPIC_WEIGHT = 1.0  # topic keywords of the lead sentence (一是……。) count once more


@dataclass(frozen=True)
class Classification:
    part: str
    topics: list[str]
    confidence: float

    def to_json(self) -> dict:
        return {"part": self.part, "topics": self.topics, "confidence": round(self.confidence, 3)}


def _is_problem_lead(lead: str) -> bool:
    return bool(_PROBLEM_LEAD_RE.search(lead)) and not _REMEDY_RE.search(lead)


def lead_part(text: str) -> str | None:
    """The part the lead sentence alone says: a cause cue, a shortfall, or a verb of action."""
    lead = _SENTENCE_RE.split(text.strip(), maxsplit=1)[0]
    if _CAUSE_LEAD_RE.search(lead):
        return "原因"
    if _is_problem_lead(lead):
        return "原因" if len(_CAUSE_BODY_RE.findall(text)) >= CAUSE_BODY_HITS else "问题"
    if _MEASURE_LEAD_RE.search(lead):
        return "措施"
    return None


def _cue_scores(text: str) -> dict[str, float]:
    """Cue hits per part; the lead sentence (一是……) counts double."""
    lead = _SENTENCE_RE.split(text, maxsplit=1)[0]
    scores = {}
    for part, cues in _CUES.items():
        score = 0.0
        for cue in cues:
            weight = 1.0 if len(cue) > 1 else 0.3
            score += weight * (text.count(cue) + LEAD_WEIGHT * lead.count(cue))
        scores[part] = score
    problem_lead = _is_problem_lead(lead)
    if _CAUSE_LEAD_RE.search(lead):
        scores[Part.CAUSE] += LEAD_BONUS
    elif problem_lead:
        scores[Part.PROBLEM] += LEAD_BONUS
    if _MEASURE_LEAD_RE.search(lead) and not problem_lead:
        scores[Part.MEASURE] += LEAD_BONUS
    return scores


class WordModel:
    """Multinomial naive Bayes over the words of the bank's tagged phrases.

    The bank's 原因 phrases say 认识不足 and 思想上 as often as its 问题 phrases say 不够, so
    fixed cue words alone mistake most causes for problems; the words the bank's own
    phrases use for each label carry that difference.
    """

    def __init__(self, labelled: list[tuple[list[str], str]], alpha: float = NB_ALPHA) -> None:
        self.labels = sorted({label for _, label in labelled})
        counts: dict[str, Counter[str]] = {label: Counter() for label in self.labels}
        docs: Counter[str] = Counter()
        for words, label in labelled:
            counts[label].update(words)
            docs[label] += 1
        vocab = set().union(*counts.values()) if counts else set()
        size = len(vocab) or 1
        total_docs = sum(docs.values()) or 1
        self._prior = {lb: math.log(docs[lb] / total_docs) for lb in self.labels}
        self._log: dict[str, dict[str, float]] = {}
        self._unseen: dict[str, float] = {}
        for label in self.labels:
            total = sum(counts[label].values()) + alpha * size
            self._log[label] = {w: math.log((c + alpha) / total) for w, c in counts[label].items()}
            self._unseen[label] = math.log(alpha / total)
        self._vocab = vocab

    def probabilities(self, words: list[str]) -> dict[str, float]:
        words = [w for w in words if w in self._vocab]
        if not words or not self.labels:
            return {}
        scale = len(words) ** NB_TEMPER
        logs = {lb: self._prior[lb] + sum(self._log[lb].get(w, self._unseen[lb]) for w in words)
                / scale for lb in self.labels}
        top = max(logs.values())
        exp = {lb: math.exp(v - top) for lb, v in logs.items()}
        total = sum(exp.values())
        return {lb: v / total for lb, v in exp.items()}


class Classifier:
    def __init__(self, topics: TopicClassifier, index: PhraseIndex | None = None) -> None:
        self.topics = topics
        self.index = index
        self._models: tuple[object, WordModel, WordModel] | None = None

    def _words(self, text: str) -> list[str]:
        if self.index is None:
            return []
        cached = self.index.tokens.get(text)
        return cached if cached is not None else self.index.segmenter.tokens(text)

    def _word_models(self) -> tuple[WordModel, WordModel] | None:
        """Part and topic models of the index's current phrases (rebuilt when it changes)."""
        if self.index is None:
            return None
        state = self.index.state
        if self._models is None or self._models[0] is not state:
            body = [(self._words(p.text), p) for p in state.phrases
                    if p.part in MAIN_PARTS and p.topics]
            parts = WordModel([(w, p.part) for w, p in body])
            topics = WordModel([(w, p.topics[0]) for w, p in body])
            self._models = (state, parts, topics)
        return self._models[1], self._models[2]

    def _neighbours(self, text: str) -> list[tuple[float, Phrase]]:
        if self.index is None:
            return []
        return [(score, phrase) for score, phrase in self.index.nearest(text, NEIGHBOURS)
                if score > 0.2]

    def classify(self, text: str, parts: tuple[str, ...] = MAIN_PARTS, aspect: str = "") -> Classification:
        """Best part (among ``parts``) and ranked topics of ``text``, with a 0..1 confidence.

        ``aspect``: the template aspect (heading) the point sits under, when there is one.
        """
        text = text.strip()
        if not text:
            return Classification(parts[0], [], 0.0)
        part_score: defaultdict[str, float] = defaultdict(float)
        first = _SENTENCE_RE.split(text, maxsplit=1)[0]
        if Part.MEASURE in parts and _MEASURE_LEAD_RE.search(first) and not _is_problem_lead(first):
            part_score[Part.MEASURE] += MEASURE_LEAD_VOTE
        if aspect and Part.PROBLEM in parts:
            part_score[Part.PROBLEM] += ASPECT_PART_VOTE
        cues = _cue_scores(text)
        cue_total = sum(cues[p] for p in parts if p in cues) or 1.0
        for p in parts:
            part_score[p] += cues.get(p, 0.0) / cue_total
        topic_score: defaultdict[str, float] = defaultdict(float)
        keyword: defaultdict[str, float] = defaultdict(float, self.topics.scores(text))
        lead = _SENTENCE_RE.split(text, maxsplit=1)[0]
        if LEAD_TOPIC_WEIGHT and lead != text:
            for topic, score in self.topics.scores(lead).items():
                keyword[topic] += LEAD_TOPIC_WEIGHT * score
        if aspect:
            for topic, score in self.topics.scores(aspect).items():
                keyword[topic] += ASPECT_TOPIC_WEIGHT * score
        top_kw = max(keyword.values(), default=0.0) or 1.0
        for topic, score in keyword.items():
            topic_score[topic] += score / top_kw
        models = self._word_models()
        if models is not None:
            words = self._words(text)
            for p, prob in models[0].probabilities(words).items():
                if p in parts:
                    part_score[p] += NB_PART_WEIGHT * prob
            for topic, prob in models[1].probabilities(words).items():
                topic_score[topic] += NB_TOPIC_WEIGHT * prob
        neighbours = self._neighbours(text)
        total = sum(s for s, _ in neighbours) or 1.0
        for score, phrase in neighbours:
            if phrase.part in parts:
                part_score[phrase.part] += score / total
            for rank, topic in enumerate(phrase.topics):
                topic_score[topic] += 0.8 * score / total / (rank + 1)
        ranked_parts = sorted(parts, key=lambda p: (-part_score[p], parts.index(p)))
        best = ranked_parts[0]
        spread = sum(part_score.values()) or 1.0
        confidence = part_score[best] / spread if part_score[best] else 0.0
        ranked_topics = sorted((t for t in topic_score if topic_score[t] > 0),
                               key=lambda t: (-topic_score[t], CANONICAL_TOPICS.index(t)))
        if ranked_topics:
            lead = topic_score[ranked_topics[0]]
            ranked_topics = [t for t in ranked_topics if topic_score[t] >= 0.5 * lead][:3]
        return Classification(best, ranked_topics, confidence)
