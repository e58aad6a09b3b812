"""The file last chosen in the window (Datoteka → Odpri drugo zbirko / Nova zbirka,
``ui/open_database.py``), opened at the next start unless ``--db`` or ``--demo`` names
another (``app.open_database(..., remembered=...)``).

A remembered file that is gone or refused opens the default file, with a first warning
(shown as the start shows the open's warnings) that says which file and why. The setting
is kept: a shared drive that was not connected yet is tried again at the next start.

Small and Qt-light on purpose: the start imports it whenever a file is remembered.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from rejnistvo.locations import Locations

log = logging.getLogger("rejnistvo.ui")

#: the QSettings key of the chosen file (app.main reads it at start)
REMEMBERED_KEY = "database/path"


def _tr(text: str) -> str:
    return QCoreApplication.translate("OpenDatabase", text)


def same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)  # another name, a link or a hard link too
    except OSError:
        return False


def open_remembered(
    remembered: str,
    locations: Locations | None = None,
    replace_empty: Callable[[Path], bool] | None = None,
    view_offer: Callable[[Any], bool] | None = None,
) -> tuple[Any, Path]:
    """(database, path) of the remembered file; when it is gone or refused, the default
    file with a first warning that says which file and why (shown as the start shows
    the open's warnings). The default file refused too: its StoreError, as at start."""
    from rejnistvo.store import StoreError
    from rejnistvo.ui import app

    path = Path(remembered)
    default = app.database_path(None, locations).absolute()
    opened: tuple[Any, Path]
    if same_file(path, default) or path.absolute() == default:
        opened = app.open_database(None, False, locations, replace_empty)
        return opened
    if path.is_file():
        try:
            opened = app.open_database(
                str(path), False, locations, replace_empty, view_offer=view_offer
            )
            return opened
        except StoreError as error:
            why = _tr("Zbirke »{0}«, ki je bila odprta ob zadnjem delu, ni mogoče odpreti: {1}")
            reason = why.format(path, getattr(error, "message", str(error)))
    else:
        reason = _tr(
            "Zbirke »{0}«, ki je bila odprta ob zadnjem delu, ni več na njenem mestu "
            "(datoteka je bila premaknjena ali izbrisana ali pa omrežni disk oziroma "
            "ključek USB ni priključen)."
        ).format(path)
    log.warning("remembered database %s not opened; the default one instead", path)
    database, fallback = app.open_database(None, False, locations, replace_empty)
    database.warnings.insert(
        0,
        reason
        + "\n\n"
        + _tr(
            "Odprta je privzeta zbirka »{0}«. Ko je vaša zbirka spet dosegljiva, zaženite "
            "program znova ali jo odprite z Datoteka → Odpri drugo zbirko …"
        ).format(fallback),
    )
    return database, fallback
