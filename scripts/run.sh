#!/usr/bin/env bash
# Set everything up, then open the 明镜 window (any arguments are passed on: a file to open).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = Linux ]; then
  if command -v xvfb-run >/dev/null 2>&1; then
    echo "没有检测到图形桌面，明镜将在虚拟屏幕（Xvfb）中运行。"
    exec xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python -m app "$@"
  fi
fi
exec .venv/bin/python -m app "$@"
