"""Build the caches shipped with 明镜 (jieba prefix dictionary, phrase tokens, pinyin readings)
into resources/cache/, so that a first run needs no building (issue 18).

    python packaging/build_caches.py [OUT_DIR]

The build scripts run it before PyInstaller; mingjing.spec ships resources/ as a whole.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> int:
    from app.core.services import build_shipped_caches

    out = Path(argv[0]) if argv else ROOT / "resources" / "cache"
    made = build_shipped_caches(out)
    for path in made:
        print(f"{path}  {path.stat().st_size // 1024} KB")
    return 0 if len(made) == 3 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
