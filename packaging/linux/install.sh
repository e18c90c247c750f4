#!/usr/bin/env bash
# 把明镜安装到当前用户（无需 root）：程序复制到 ~/.local/opt/mingjing，
# 菜单项写到 ~/.local/share/applications，图标写到 ~/.local/share/icons，
# 命令 ~/.local/bin/mingjing。重复运行即升级；加 --uninstall 卸载。
# 用户数据（设置、素材库、自动保存，在 ~/.local/share/mingjing）安装和卸载都不动。
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
target="${MINGJING_PREFIX:-$HOME/.local/opt}/mingjing"
bin="$HOME/.local/bin"

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$target" "$data/applications/mingjing.desktop" "$bin/mingjing"
  rm -f "$data"/icons/hicolor/*/apps/mingjing.png
  echo "已卸载明镜。用户数据（设置、素材库、自动保存）保留在 $data/mingjing。"
  exit 0
fi
[ -x "$here/mingjing" ] || { echo "请在解压后的 mingjing 文件夹里运行本脚本。" >&2; exit 1; }

echo "安装到 $target"
rm -rf "$target.new"
mkdir -p "$(dirname "$target")" "$target.new"
cp -a "$here/." "$target.new/"
rm -rf "$target"
mv "$target.new" "$target"

mkdir -p "$bin" "$data/applications"
ln -sf "$target/mingjing" "$bin/mingjing"
for png in "$target"/_internal/resources/icons/mingjing-*.png; do
  size="$(basename "$png" .png)"; size="${size#mingjing-}"
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$data/icons/hicolor/${size}x${size}/apps/mingjing.png"
done
sed "s|^Exec=.*|Exec=\"$target/mingjing\" %f|" "$target/mingjing.desktop" \
  > "$data/applications/mingjing.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
echo "完成：在应用菜单的“办公”中找到“明镜”，或在终端运行 mingjing。"
