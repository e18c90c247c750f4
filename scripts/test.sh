#!/usr/bin/env bash
# Set everything up, then run the whole test suite (arguments go to pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
echo "==> ruff（代码规范）"
.venv/bin/ruff check app tests scripts packaging
echo "==> basedpyright（类型检查）"
.venv/bin/basedpyright
exec .venv/bin/python -m pytest "$@"
