"""Datoteka → Odpri drugo zbirko … / Nova zbirka …, and the file remembered for the
next start.

A caseworker who never saw a terminal points the installed program at the centre's
file (e.g. on a shared drive) or starts a new one here; ``--db`` was the only way.

Switching builds a **new main window** around the new file and then closes the old
window and its file, rather than rebuilding the screens in place: every screen, model,
timer and bus connection of the old file goes with its window and its context, so
nothing made for one file can read from or write into the other. The new window takes
the old one's size and splitters (saved to the settings first) and is shown before the
old one closes (the program ends when its last window closes).

The chosen file is opened exactly as at start (``app.open_database``: every check of
``open_db`` — held by another window, not a database, newer schema, read-only file or
folder, a 0-byte file asked about —, the daily backup and the checks beside); when it is
refused nothing has changed: the old window keeps its file and the message says why.
Unsaved edits are asked about first, with the question of closing the window
(``MainWindow.settle_unsaved``). Opening is not a change of the data, so, as the store
does at every open, nothing goes into the change log; the switch is written to the
program's log (``rejnistvo.log``).

The file is remembered in the window's settings (``REMEMBERED_KEY``) and opened at the
next start (``ui/remembered_database.py``, small: the start imports it only when a file
is remembered). Imported only from the menu items' slot.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from rejnistvo.ui.remembered_database import REMEMBERED_KEY, same_file

if TYPE_CHECKING:
    from rejnistvo.ui.main_window import MainWindow

__all__ = ["REMEMBERED_KEY", "new_database", "open_for_work", "open_other", "switch_to"]

log = logging.getLogger("rejnistvo.ui")

SUFFIX = ".sqlite3"


def _tr(text: str) -> str:
    return QCoreApplication.translate("OpenDatabase", text)


def file_filter() -> str:
    return _tr("Podatkovna zbirka (*.sqlite3);;Vse datoteke (*)")


# -- the menu items ------------------------------------------------------------------
def open_other(window: MainWindow) -> MainWindow | None:
    """Datoteka → Odpri drugo zbirko …: the new window, or None (cancelled, refused)."""
    ctx = window.ctx
    # the dialog starts in the open file's folder (a shared drive's, usually), not in
    # whatever folder the program was started from
    answer = ctx.interaction.choose_open_path(
        _tr("Odpri drugo zbirko"), file_filter(), directory=str(Path(ctx.db_path).parent)
    )
    if not answer:
        return None
    path = Path(answer).absolute()
    if same_file(path, Path(ctx.db_path)) and getattr(ctx.db, "viewing", None) is not None:
        return open_for_work(window)  # the file looked at: now for work, if it is free
    if same_file(path, Path(ctx.db_path)):
        ctx.interaction.info(
            _tr("Odpri drugo zbirko"),
            _tr("Zbirka »{0}« je že odprta v tem oknu.").format(ctx.db_path),
        )
        return None
    return switch_to(window, path)


def open_for_work(window: MainWindow) -> MainWindow | None:
    """Datoteka → Odpri za delo (or the status bar's button) in a window that only looks
    at a file another window holds: once that one has closed it, the file opens for work
    in a new window, as Odpri drugo zbirko does; while it is still held, said who has it."""
    from rejnistvo.store.lock import holder_of

    ctx = window.ctx
    holder = holder_of(Path(ctx.db_path))
    if holder is not None:
        ctx.interaction.info(
            _tr("Odpri za delo"),
            _tr(
                "Zbirko »{0}« ima za delo še vedno odprto {1}. Ko jo zapre, poskusite znova; "
                "do takrat jo lahko le pregledujete (Datoteka → Osveži pokaže njegove "
                "shranjene spremembe)."
            ).format(ctx.db_path, holder or _tr("drug program")),
        )
        return None
    return switch_to(window, Path(ctx.db_path))


def new_database(window: MainWindow) -> MainWindow | None:
    """Datoteka → Nova zbirka …: a new, empty file (the schema's steps run), never over
    an existing file; asked again with what was typed until the name is usable."""
    ctx = window.ctx
    title = _tr("Nova zbirka")
    suggested = str(Path(ctx.db_path).parent / _tr("nova-zbirka.sqlite3"))
    while True:
        # No overwrite question from the dialog: an existing file is refused below.
        answer = ctx.interaction.choose_save_path(
            title, file_filter(), suggested, confirm_overwrite=False
        )
        if not answer:
            return None
        target = Path(answer).absolute()
        if not target.suffix:
            target = target.with_suffix(SUFFIX)
        problem = new_file_problem(target)
        if problem is None:
            break
        ctx.interaction.error(title, problem)
        suggested = str(target)
    return switch_to(window, target, new=True)


def new_file_problem(target: Path) -> str | None:
    """Why a new database cannot be made at ``target``; None when it can."""
    if target.exists() or target.is_symlink():
        return _tr(
            "Datoteka »{0}« že obstaja. Nova zbirka se nikoli ne zapiše čez obstoječo "
            "datoteko: izberite drugo ime. (Obstoječo zbirko odprete z Datoteka → Odpri "
            "drugo zbirko …)"
        ).format(target)
    if not target.parent.is_dir():
        return _tr("Mapa »{0}« ne obstaja. Izberite obstoječo mapo.").format(target.parent)
    if not os.access(target.parent, os.W_OK):
        return _tr("V mapo »{0}« ne morete pisati. Izberite drugo mapo.").format(target.parent)
    return None


# -- the switch ----------------------------------------------------------------------
def switch_to(window: MainWindow, path: Path, *, new: bool = False) -> MainWindow | None:
    """Open ``path`` and move the work to a new window around it; the old window and
    its file close. None when the user kept unsaved edits or the file was refused (then
    the old window and its file are as they were, the message said why)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from rejnistvo.store import StoreError
    from rejnistvo.ui import app

    ctx = window.ctx
    title = _tr("Nove zbirke ni mogoče ustvariti") if new else _tr("Zbirke ni mogoče odpreti")

    def refused(message: str) -> None:
        kept = _tr("{0}\n\nOdprta ostaja dosedanja zbirka »{1}«.")
        ctx.interaction.error(title, kept.format(message, ctx.db_path))

    if not new and not path.exists():  # opening another never makes a file
        refused(_tr("Podatkovna zbirka »{0}« ne obstaja.").format(path))
        return None
    if not window.settle_unsaved():
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        database, opened = app.open_database(
            str(path),
            False,
            replace_empty=_asks_about_empty(ctx.interaction),
            view_offer=None if new else app.offers_view(ctx.interaction, _tr("Prekliči")),
        )
    except StoreError as error:
        QApplication.restoreOverrideCursor()
        refused(getattr(error, "message", str(error)))
        return None
    QApplication.restoreOverrideCursor()
    log.info("database switched from %s to %s%s", ctx.db_path, opened, " (new)" if new else "")
    new_window = _window_around(window, database, opened)
    ctx.settings.setValue(REMEMBERED_KEY, str(opened))
    ctx.settings.sync()
    _close_old(window)
    # (which file is open: the title and the status bar's "Baza: …" of the new window;
    # a passing status message would be wiped by its first screen's building)
    warnings = list(getattr(database, "warnings", None) or [])
    if warnings:  # as at start: said once; a restored copy is asked about
        new_window.ctx.interaction.info(_tr("Opozorilo ob odpiranju baze"), "\n\n".join(warnings))
        new_window.database_menu().offer_restored_copy()
    return new_window


def _window_around(window: MainWindow, database: Any, path: Path) -> MainWindow:
    from PySide6.QtWidgets import QApplication

    from rejnistvo.ui import app
    from rejnistvo.ui.bus import Bus
    from rejnistvo.ui.context import AppContext
    from rejnistvo.ui.interaction import QtInteraction

    old = window.ctx
    window._save_layout()  # the new window restores this size and splitters
    ctx = AppContext(
        db=database,
        db_path=path,
        settings=old.settings,
        interaction=old.interaction,
        bus=Bus(),
        clock=old.clock,
    )
    new_window = type(window)(ctx, screens=tuple(window._screens))
    if isinstance(old.interaction, app.DialogsWhenAsked | QtInteraction):
        # the program's dialogs: parented to the window that asks (tests keep their fake)
        ctx.interaction = app.DialogsWhenAsked(new_window)
    app.watch_checks(ctx, new_window)  # the checks beside start after its first paint
    qt_app = QApplication.instance()
    if qt_app is not None:
        # app.main closes the file it opened at exit; this one is closed here
        qt_app.aboutToQuit.connect(lambda: _close_database(ctx))
    if window.isMaximized():
        new_window.showMaximized()
    else:
        new_window.show()
    new_window.raise_()
    new_window.activateWindow()
    return new_window


def _close_old(window: MainWindow) -> None:
    """The old window goes (nothing unsaved is left: settled before, its layout saved),
    then its file. Hidden, not closed: its closing would ask and save all over again,
    and a refusal there would leave a window without a file."""
    from PySide6.QtCore import QTimer

    ctx = window.ctx
    window.hide()
    # its timers (the checks beside, a screen's slices) must not run on a closed file
    # before the window is deleted
    for timer in window.findChildren(QTimer):
        timer.stop()
    window.deleteLater()
    _close_database(ctx)


def _close_database(ctx: Any) -> None:
    database, ctx.db = ctx.db, None
    if database is None:
        return
    try:
        database.close()
    except Exception:  # noqa: BLE001 - letting a file go must not raise at the user
        log.exception("closing the database %s", getattr(ctx, "db_path", ""))


def _asks_about_empty(interaction: Any) -> Callable[[Path], bool]:
    """The start's question about a 0-byte file, asked without the wait cursor."""

    def ask(path: Path) -> bool:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        QApplication.restoreOverrideCursor()
        try:
            return bool(
                interaction.confirm(
                    _tr("Prazna datoteka"),
                    _tr(
                        "Datoteka »{0}« je prazna (0 bajtov). Naj program v njej ustvari "
                        "novo, prazno podatkovno zbirko?"
                    ).format(path),
                )
            )
        finally:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    return ask
