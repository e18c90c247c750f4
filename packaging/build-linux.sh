#!/usr/bin/env bash
# Build the one-folder Linux version of 明镜: dist/mingjing/ (start it with dist/mingjing/mingjing).
#
#   bash packaging/build-linux.sh            # build environment in build/venv, then PyInstaller
#   bash packaging/build-linux.sh --tar      # also pack dist/mingjing-<version>-linux-x86_64.tar.gz
#   bash packaging/build-linux.sh --smoke    # then run the built app once (--smoke-test, offscreen)
#
# Environment:
#   MINGJING_BUILD_PYTHON  use this Python (which must have ".[build]" installed) instead of
#                          creating build/venv — the test suite passes its own .venv here
#   MINGJING_DIST          output folder (default: dist)
#   MINGJING_WORK          PyInstaller's work folder (default: build/pyinstaller)
#   MINGJING_LEAN=0        build without the exclusions in mingjing.spec (to compare sizes)
# The built folder runs on x86-64 Linux with a glibc at least as new as the build machine's:
# build on the oldest distribution you need to support (see packaging/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

TAR=0
SMOKE=0
for arg in "$@"; do
  case "$arg" in
    --tar) TAR=1 ;;
    --smoke) SMOKE=1 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "未知参数：$arg（可用 --tar、--smoke）" >&2; exit 2 ;;
  esac
done

DIST="${MINGJING_DIST:-dist}"
WORK="${MINGJING_WORK:-build/pyinstaller}"

PY="${MINGJING_BUILD_PYTHON:-}"
if [ -z "$PY" ]; then
  base=""
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then base="$candidate"; break; fi
  done
  [ -n "$base" ] || { echo "需要 Python 3.11 或更高版本，但没有找到 python3。" >&2; exit 1; }
  if [ ! -x build/venv/bin/python ]; then
    echo "==> 创建打包用虚拟环境 build/venv"
    "$base" -m venv build/venv
  fi
  stamp=build/venv/.mingjing-build-installed
  want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "==> 安装依赖和 PyInstaller"
    build/venv/bin/python -m pip install -q --upgrade pip >/dev/null
    build/venv/bin/python -m pip install -q ".[build]"
    echo "$want" > "$stamp"
  fi
  PY=build/venv/bin/python
fi
"$PY" -c "import PyInstaller" 2>/dev/null || {
  echo "$PY 里没有 PyInstaller：请先运行 $PY -m pip install '.[build]'" >&2; exit 1; }

version="$("$PY" -c 'import app; print(app.__version__)')"
echo "==> 预建缓存（jieba 词典、素材分词、拼音）→ resources/cache/"
"$PY" packaging/build_caches.py
echo "==> PyInstaller：明镜 $version → $DIST/mingjing/"
started=$(date +%s)
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" --workpath "$WORK" \
  packaging/mingjing.spec
cp packaging/linux/mingjing.desktop packaging/linux/install.sh "$DIST/mingjing/"
chmod +x "$DIST/mingjing/install.sh"
"$PY" packaging/check_bundle.py "$DIST/mingjing"
echo "==> 用时 $(( $(date +%s) - started )) 秒"

if [ "$SMOKE" = 1 ]; then
  echo "==> 自检（--smoke-test，离屏）"
  out="$(mktemp -d)"
  QT_QPA_PLATFORM=offscreen "$DIST/mingjing/mingjing" --smoke-test "$out/自检.docx"
  rm -rf "$out"
fi
if [ "$TAR" = 1 ]; then
  archive="$DIST/mingjing-$version-linux-x86_64.tar.gz"
  tar -C "$DIST" -czf "$archive" mingjing
  echo "==> 已打包 $archive（$(du -m "$archive" | cut -f1) MB）"
fi
