"""结构检查 and its pairing give exactly the findings and pairs of the golden
(tests/data/expected/structure_golden.json, ``python -m tests.tools.structure_golden``): its
speed-ups must not change what it reports."""

from __future__ import annotations

import json

from tests.tools.structure_golden import GOLDEN, compute, differences


def test_structure_findings_and_pairs_match_the_golden():
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    actual = json.loads(json.dumps(compute()))
    assert differences(expected, actual) == []
    assert sum(len(v["findings"]) if isinstance(v["findings"], list) else v["findings"]["len"]
               for v in actual.values()) > 1000  # the long drafts are in it
