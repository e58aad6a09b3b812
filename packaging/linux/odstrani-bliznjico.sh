#!/bin/sh
# Removes what namesti-bliznjico.sh added (the menu entry and its icon), for this user.
# Run it before deleting the program's folder: ./odstrani-bliznjico.sh
# The data (~/.local/share/Rejnistvo, ~/.config/Rejnistvo …) stays where it is.
set -eu
APPS="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
ICONS="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps"
rm -f "$APPS/rejnistvo.desktop" "$ICONS/rejnistvo.png"
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database "$APPS" >/dev/null 2>&1 || true
fi
echo "Rejništvo je odstranjeno iz menija programov; podatki so ostali."
