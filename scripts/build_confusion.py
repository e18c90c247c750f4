"""Regenerate ``resources/check/confusion_sound.txt`` (音近字) and ``pos_words.txt``.

Sound-alikes: every character of jieba's dictionary that occurs in a word of frequency
>= ``MIN_FREQ``, grouped by its pinyin with tone from pypinyin (all readings of a
heteronym).  Parts of speech: verbs and adjectives of jieba's dictionary (its third
column), for the 的/地/得 rule.  Run from the repository root:
``python scripts/build_confusion.py``.  Look-alikes (confusion_shape.txt) come from
pycorrector's same_stroke.txt, see resources/check/NOTICE.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from pypinyin import Style, pinyin

from app.core.phrases.segment import _dict_path, import_jieba

MIN_FREQ = 20
POS_MIN_FREQ = 30
READING_SHARE = 0.1
# Verbs of the register that jieba tags as nouns or prepositions (领会 n, 关心 n, 对照 p).
REGISTER_VERBS = [
    "领会", "关心", "汇报", "对照", "理解", "贯彻", "把握", "领悟", "思考",
    "谋划", "研究", "调研", "督促", "指导", "监督", "沟通", "协调", "学习",
    "检视", "剖析", "查摆", "整改", "回应", "解决", "宣传", "推动", "推进",
    "执行", "落实", "部署", "开展", "传达", "跟进", "跟踪", "研判", "排查",
    "反思", "总结", "交流", "联系", "服务", "走访", "接待", "处理", "办理",
    "审核", "把关", "引导", "教育", "管理", "培养", "提醒", "约谈", "教育",
    "检查", "考核", "评估", "统筹", "衔接", "配合", "支持", "参与", "关注",
    "重视", "维护", "坚持", "运用", "转化",
]
OUT = Path(__file__).resolve().parents[1] / "resources" / "check"


def main() -> None:
    jieba = import_jieba()
    chars: set[str] = set()
    words: list[tuple[str, int]] = []
    verbs: dict[str, int] = {}
    adjectives: dict[str, int] = {}
    tags: dict[str, str] = {}
    with open(_dict_path(jieba.Tokenizer()), encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) < 3:
                continue
            word, freq, tag = parts[0], int(parts[1]), parts[2]
            if freq >= MIN_FREQ and all("\u4e00" <= c <= "\u9fff" for c in word):
                chars.update(word)
                words.append((word, freq))
            if freq >= POS_MIN_FREQ and len(word) <= 4:
                if tag in ("v", "vd", "vi", "vn"):
                    verbs[word] = freq
                    tags[word] = "vn" if tag == "vn" else "v"
                elif tag in ("a", "ad", "an", "z"):
                    adjectives[word] = freq
    # A character's readings are those it has inside words (pypinyin's phrase readings),
    # weighted by word frequency; readings under READING_SHARE of its uses are dropped.
    uses: dict[str, Counter[str]] = defaultdict(Counter)
    for word, freq in words:
        readings = pinyin(word, style=Style.TONE3, neutral_tone_with_five=True)
        if len(readings) != len(word):
            continue
        for char, reading in zip(word, readings, strict=True):
            uses[char][reading[0]] += freq
    groups: dict[str, set[str]] = defaultdict(set)
    for char in sorted(chars):
        counted = uses.get(char)
        if not counted:
            continue
        total = sum(counted.values())
        for reading, count in counted.items():
            if count >= READING_SHARE * total:
                groups[reading].add(char)
    lines = ["# 明镜·校对：同音字组（拼音带调号数字，5 为轻声），由 scripts/build_confusion.py 从 pypinyin（MIT）生成。",
             "# 每行：拼音<Tab>汉字。"]
    lines += [f"{key}\t{''.join(sorted(group))}" for key, group in sorted(groups.items())
              ]
    (OUT / "confusion_sound.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pos = ["# 明镜·校对：动词（v）、名动词（vn）与形容词（a），取自 jieba 词典（MIT）的词性列，供“的地得”规则使用。",
           "# 每行：词<Tab>词性。由 scripts/build_confusion.py 生成。"]
    for word in REGISTER_VERBS:
        tags.setdefault(word, "v")
        verbs.setdefault(word, 0)
    pos += [f"{w}\t{tags[w]}" for w in sorted(verbs)] + [f"{w}\ta" for w in sorted(adjectives)
                                                 if w not in verbs]
    (OUT / "pos_words.txt").write_text("\n".join(pos) + "\n", encoding="utf-8")
    print(len(chars), "characters,", len(groups), "readings,", len(verbs), "verbs,",
          len(adjectives), "adjectives")


if __name__ == "__main__":
    main()
