"""The faster forms of 结构检查's text tests answer exactly as the plain ones did."""

from __future__ import annotations

import random
import re

from app.core.check.structure_check import _CONCRETE_RES, has_concrete_example
from app.core.text import cjk_text, count_cjk

_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# the place pattern as first written: up to eight characters, then the ending
_PLACE_RE = re.compile(r"[\u4e00-\u9fff]{1,8}(?:村|镇|乡|街道|社区|园区|企业|公司|学校|医院|工地|项目|现场)")
_PIECES = ["村", "镇", "街道", "社区", "公司", "项目", "红星", "我", "在", "调研", "，", "。", "3", "a",
           " ", "\u3000", "㐀", "豈", "😀", "\n", "学习不够", "工", "地"]


def _texts(count: int) -> list[str]:
    rng = random.Random(11)
    return ["", "村", "红星村", "，村", "a村"] + [
        "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 10))) for _ in range(count)]


def test_count_cjk_and_cjk_text_are_the_characters_found_one_by_one():
    for text in _texts(3000):
        assert count_cjk(text) == len(_CJK_RE.findall(text)), text
        assert cjk_text(text) == "".join(_CJK_RE.findall(text)), text


def test_place_found_as_by_the_first_pattern():
    place = _CONCRETE_RES[3]
    found = 0
    for text in _texts(3000):
        assert bool(place.search(text)) == bool(_PLACE_RE.search(text)), text
        found += bool(_PLACE_RE.search(text))
    assert found > 500
    assert has_concrete_example("今年以来我到红星村调研")
    assert not has_concrete_example("，村")


def test_cjk_prefix_counts_count_character_by_character():
    from app.core.text import cjk_prefix_counts, is_cjk

    for text in [*_texts(2000), "\ud800学", "\x00学", "😀学"]:
        expected = [0]
        for ch in text:
            expected.append(expected[-1] + is_cjk(ch))
        assert cjk_prefix_counts(text) == tuple(expected), text


def test_big_tables_are_let_go_an_entry_at_a_time():
    """CPython frees what a container holds in one call that keeps the GIL: at 5 MB the
    outline, the pairing's items and a block's wording tables, dropped at a return, held it
    50-90 ms (the window frozen while 结构检查 ran on its worker); emptied entry by entry
    beforehand, the longest hold was 30 ms (a probe thread timing its own sleeps)."""
    from app.core.check.structure_check import let_go
    from app.core.document import pairing

    a, b = [object() for _ in range(5)], [[1], [2]]
    let_go(a, b)
    assert a == [] and b == []
    wording = pairing._Wording([], [])
    wording._dicts[(0, 0)] = {"甲乙": 1.0}
    wording._postings = ({"甲乙": [0]}, {"乙丙": [1]}, {"甲乙", "乙丙"})
    wording.lead.append(({}, []))
    wording.let_go()
    assert wording.lead == [] and wording.full == [] and wording._dicts == {}
    assert wording._postings is None
