#!/bin/sh
# Adds Rejništvo to the desktop's application menu for this user only (no root needed).
# Run it from the unpacked folder: ./namesti-bliznjico.sh
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
APPS="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
ICONS="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps"
mkdir -p "$APPS" "$ICONS"
cp "$HERE/rejnistvo.png" "$ICONS/rejnistvo.png"
sed -e "s|^Exec=.*|Exec=\"$HERE/Rejnistvo\"|" -e "s|^Icon=.*|Icon=$ICONS/rejnistvo.png|" \
    "$HERE/rejnistvo.desktop" > "$APPS/rejnistvo.desktop"
echo "Rejništvo je dodan v meni programov ($APPS/rejnistvo.desktop)."
