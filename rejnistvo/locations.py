"""Where the program keeps the user's data, logs, settings and caches.

Normally the platform's user folders (platformdirs, application "Rejnistvo"): on Windows
``%LOCALAPPDATA%\\Rejnistvo``, on Linux ``~/.local/share/Rejnistvo`` (data),
``~/.local/state/Rejnistvo/log`` (logs), ``~/.config/Rejnistvo`` (settings).

Portable mode (``--portable``, or a folder ``Rejnistvo-podatki`` already next to the
program) keeps everything in ``Rejnistvo-podatki`` next to the executable, so the program
and its data travel together on a USB stick. Qt-free: the window and the CLI share it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

APP_NAME = "Rejnistvo"
PORTABLE_FOLDER = "Rejnistvo-podatki"
DB_FILE_NAME = "rejnistvo.sqlite3"
#: read by rejnistvo.config_dir (audit keys, crash leftovers; the same name is kept there)
CONFIG_ENV = "REJNISTVO_CONFIG_DIR"
#: printing.font_cache reads it (the same name, kept here so locations needs no reportlab)
CACHE_ENV = "REJNISTVO_CACHE_DIR"


class Locations(NamedTuple):
    """The program's folders. (A named tuple, not a frozen dataclass: every command but
    the computing ones reads them before its handler runs, and `dataclasses` imports
    `inspect` with `dis` and `tokenize` and builds the class's methods from source text:
    19 M machine instructions of a `print r4` process, 4 %.)"""

    data: Path
    logs: Path
    config: Path
    cache: Path
    portable: bool = False

    @property
    def database(self) -> Path:
        return self.data / DB_FILE_NAME


def program_dir() -> Path:
    """The folder of the executable: the bundle's folder when frozen (PyInstaller),
    else the folder of the started script (main.py, or the rejnistvo-okno launcher)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(sys.argv[0] or ".").resolve().parent


def user_locations() -> Locations:
    import platformdirs

    return Locations(
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
    )


def portable_locations(base: Path | None = None) -> Locations:
    root = (base or program_dir()) / PORTABLE_FOLDER
    return Locations(
        data=root / "podatki",
        logs=root / "dnevnik",
        config=root / "nastavitve",
        cache=root / "predpomnilnik",
        portable=True,
    )


def choose_locations(portable: bool, base: Path | None = None) -> Locations:
    """Portable when asked, or when a portable data folder is already next to the program
    (a clerk who double-clicks the program on the stick keeps using the stick's data)."""
    if portable or ((base or program_dir()) / PORTABLE_FOLDER).is_dir():
        return portable_locations(base)
    return user_locations()


def apply(locations: Locations) -> None:
    """Point the store's installation folder at the chosen settings folder (portable
    mode only: otherwise the store keeps its own platformdirs default)."""
    if locations.portable:
        os.environ[CONFIG_ENV] = str(locations.config)
        # the parsed fonts of printing.font_cache stay in the portable folder too
        os.environ[CACHE_ENV] = str(locations.cache)
