"""jieba is imported without setuptools' pkg_resources (about 50–90 ms of its load)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

CHILD = """
import sys
from pathlib import Path
from app.core.phrases.segment import Segmenter
seg = Segmenter(cache_dir=Path(sys.argv[1]))
seg.load()
print("pkg_resources" in sys.modules, "|".join(seg.tokens("坚决做到两个维护，增强四个意识")))
"""


def test_segmenter_loads_jieba_without_pkg_resources(tmp_path):
    result = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=True)
    loaded, tokens = result.stdout.split()
    assert loaded == "False"
    # jieba still finds its own data files (dictionary, HMM tables) and our user dictionary.
    assert "两个维护" in tokens.split("|") and "四个意识" in tokens.split("|")
