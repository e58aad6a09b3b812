#!/bin/sh
# Adds Rejništvo to the desktop's application menu for this user only (no root needed).
# Run it from the unpacked folder: ./namesti-bliznjico.sh
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
APPS="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
ICONS="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps"
mkdir -p "$APPS" "$ICONS"
cp "$HERE/rejnistvo.png" "$ICONS/rejnistvo.png"
# The folder may be named anything ("Moji programi", "Žiga & co"): in a quoted Exec
# argument of a .desktop file " ` $ \ are escaped with \ (and \ once more, as in any
# value), % is written %%. awk takes the values from the environment, never as a pattern.
EXEC=$(printf '%s' "$HERE/Rejnistvo" | sed -e 's/[\\"`$]/\\&/g' -e 's/\\/\\\\/g' -e 's/%/%%/g')
ICON=$(printf '%s' "$ICONS/rejnistvo.png" | sed -e 's/\\/\\\\/g')
EXEC="$EXEC" ICON="$ICON" awk '
    /^Exec=/ { print "Exec=\"" ENVIRON["EXEC"] "\""; next }
    /^Icon=/ { print "Icon=" ENVIRON["ICON"]; next }
    { print }
' "$HERE/rejnistvo.desktop" > "$APPS/rejnistvo.desktop"
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database "$APPS" >/dev/null 2>&1 || true
fi
echo "Rejništvo je dodano v meni programov ($APPS/rejnistvo.desktop)."
