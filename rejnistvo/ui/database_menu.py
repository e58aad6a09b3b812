"""What the Datoteka and Pomoč menus do with the database file itself: a backup to a
chosen file, the check of SPEC 5 (integrity and audit chain), the backups folder and
the About box.

Imported only when the user first picks one of these menu items, so none of it costs
anything before the window's first paint (see main_window.py).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

import rejnistvo
from rejnistvo.resources import resource_path
from rejnistvo.store import StoreError, check_db
from rejnistvo.store.background_checks import problem_summary
from rejnistvo.store.backup import backup_to, backups_dir
from rejnistvo.ui.format import format_count
from rejnistvo.ui.widgets.wait_cursor import wait_cursor

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from rejnistvo.ui.context import AppContext

# A check can list every altered audit row; a message box shows this many, then a count.
MAX_SHOWN_PROBLEMS = 15


def _open_folder_with_desktop(folder: Path) -> bool:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class DatabaseMenu(QObject):
    """The handlers behind the menu items; questions go through ``ctx.interaction``.

    ``open_folder`` is the seam for the file manager (tests replace it): it gets the
    folder and returns whether the desktop could open it."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        status: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.status = status or (lambda _text: None)
        self.open_folder: Callable[[Path], bool] = _open_folder_with_desktop

    # -- Varnostna kopija … -----------------------------------------------------------
    def suggested_backup_path(self, today: date | None = None) -> str:
        name = f"rejnistvo-{(today or self.ctx.clock.today()):%Y-%m-%d}.sqlite3"
        folder = self.ctx.settings.value("backup/folder", "")
        if not folder or not Path(str(folder)).is_dir():
            from rejnistvo.ui.interaction import documents_folder

            folder = str(documents_folder())
            if not Path(folder).is_dir():
                folder = str(Path.home())  # no Documents: not the program's working folder
        return str(Path(str(folder)) / name)

    def backup(self) -> Path | None:
        """Ask for a file and copy the open database into it; the copy's path, or None."""
        if self.ctx.db is None:
            return None
        title = self.tr("Varnostna kopija")
        suggested = self.suggested_backup_path()
        while True:
            answer = self.ctx.interaction.choose_save_path(
                self.tr("Varnostna kopija baze"),
                self.tr("Podatkovna zbirka (*.sqlite3);;Vse datoteke (*)"),
                suggested,
            )
            if not answer:
                return None
            target = Path(answer)
            if not target.suffix:
                target = target.with_suffix(".sqlite3")
            problem = self._target_problem(target)
            if problem is None:
                try:
                    with wait_cursor():
                        backup_to(self.ctx.db, target)
                except StoreError as error:
                    problem = self._backup_error(target, error)
            if problem is None:
                break
            self.ctx.interaction.error(self.tr("Varnostna kopija ni narejena"), problem)
            # Asked again with what was typed: the user fixes the path, not types it anew.
            suggested = str(target)
        self.ctx.settings.setValue("backup/folder", str(target.parent))
        self.status(self.tr("Varnostna kopija je shranjena: {0}").format(target))
        self.ctx.interaction.info(
            title,
            self.tr(
                "Varnostna kopija baze je shranjena v\n{0}\n\n"
                "Hranite jo na varnem: vsebuje osebne podatke otrok in rejnikov."
            ).format(target),
        )
        return target

    def _target_problem(self, target: Path) -> str | None:
        """A short reason the copy cannot go to ``target``, found before writing."""
        db_path = Path(self.ctx.db_path)
        try:
            # the file itself, its -wal/-shm/-journal and its .lock: replacing any loses
            # data (another file whose name begins the same, "….kopija", is only a copy)
            companions = {db_path.name + end for end in ("", "-wal", "-shm", "-journal", ".lock")}
            same = target.parent.resolve() == db_path.parent.resolve() and target.name in companions
        except OSError:
            same = False
        if same:
            return self.tr(
                "Kopije ne morete zapisati čez odprto bazo. Izberite drugo ime ali mapo."
            )
        folder = target.parent
        if not folder.is_dir():
            return self.tr("Mapa »{0}« ne obstaja. Izberite drugo mapo.").format(folder)
        if not os.access(folder, os.W_OK):
            return self.tr("V mapo »{0}« ne morete pisati. Izberite drugo mapo.").format(folder)
        try:
            free = shutil.disk_usage(folder).free
        except OSError:
            return None  # the copy itself will say what is wrong
        if free < self._database_size():
            return self._disk_full(folder)
        return None

    def _database_size(self) -> int:
        """The file and its write-ahead log: what a copy needs at most."""
        total = 0
        for suffix in ("", "-wal"):
            try:
                total += Path(f"{self.ctx.db_path}{suffix}").stat().st_size
            except OSError:
                continue
        return total

    def _disk_full(self, folder: Path) -> str:
        return self.tr(
            "Na disku z mapo »{0}« ni dovolj prostora za kopijo. Sprostite prostor ali "
            "izberite drug disk."
        ).format(folder)

    def _backup_error(self, target: Path, error: StoreError) -> str:
        # The store words its errors for the open database ("sprememba ni bila
        # shranjena"); for a copy the user needs to hear where it went wrong.
        if error.kind == "disk_full":
            return self._disk_full(target.parent)
        if error.kind in ("cannot_open", "read_only"):
            return self.tr("V mapo »{0}« ne morete pisati. Izberite drugo mapo.").format(
                target.parent
            )
        return error.message

    # -- Preveri bazo -----------------------------------------------------------------
    def check(self) -> list[str] | None:
        """Check the file (integrity, schema, audit chain) and show the result."""
        if self.ctx.db is None:
            return None
        with wait_cursor():
            problems = check_db(self.ctx.db_path)
        title = self.tr("Preverjanje baze")
        if not problems:
            self.status(self.tr("Baza je v redu."))
            self.ctx.interaction.info(
                title,
                self.tr(
                    "Baza {0} je v redu: celovitost datoteke je brezhibna, shema je "
                    "posodobljena, dnevnik sprememb ni bil spremenjen."
                ).format(self.ctx.db_path),
            )
            return problems
        if all(getattr(p, "kind", "") in ("unreadable", "not_ours") for p in problems):
            # nothing in the file was checked: it may be healthy, so no »obvestite
            # skrbnika« and no restored copy to accept (as `check` answers 2, not 1)
            self.status(self.tr("Baze ni bilo mogoče preveriti."))
            self.ctx.interaction.info(
                title,
                self.tr(
                    "Baze {0} ni bilo mogoče preveriti:\n\n{1}\n\nTo ne pomeni, da je "
                    "poškodovana. Poskusite znova, ko datoteke ne uporablja drug program."
                ).format(self.ctx.db_path, "\n".join(f"• {p}" for p in problems)),
            )
            return problems
        shown = "\n".join(f"• {problem_summary(p)}" for p in problems[:MAX_SHOWN_PROBLEMS])
        more = len(problems) - MAX_SHOWN_PROBLEMS
        if more > 0:
            # "vseh težav: N" agrees with any N (Slovenian plural has four forms)
            shown += "\n" + self.tr("… (vseh težav: {0})").format(format_count(len(problems)))
        self.status(self.tr("Baza ima težave: {0}.").format(format_count(len(problems))))
        self.ctx.interaction.error(
            title,
            self.tr(
                "V bazi {0} so težave:\n\n{1}\n\nNe popravljajte je sami: obvestite "
                "skrbnika. Varnostne kopije so v mapi »backups« (Datoteka → Odpri "
                "varnostne kopije)."
            ).format(self.ctx.db_path, shown),
        )
        self.offer_restored_copy()
        return problems

    # -- a restored older copy --------------------------------------------------------
    def offer_restored_copy(self) -> bool:
        """When the change log no longer reaches the rows this computer knew, ask whether
        the user restored an older backup and, if so, accept it (services.restored_copy).
        True when accepted."""
        from rejnistvo.services.restored_copy import accept_restored_copy, restored_copy

        db = self.ctx.db
        if db is None or getattr(db, "read_only", False):
            return False
        found = restored_copy(db)
        if found is None:
            return False
        title = self.tr("Obnovljena varnostna kopija?")
        if not self.ctx.interaction.confirm(
            title,
            self.tr(
                "Dnevnik sprememb v tej bazi se ne nadaljuje tam, kjer ga je ta računalnik "
                "nazadnje videl (znana vrstica {0}, v bazi je zadnja vrstica {1}). Tako je, "
                "če je bila baza obnovljena iz starejše varnostne kopije: spremembe, vpisane "
                "po tej kopiji, v njej niso več.\n\n"
                "Ste bazo obnovili sami in jo sprejmete kot veljavno? Program bo to zapisal "
                "v dnevnik sprememb in naredil njeno varnostno kopijo; starejše kopije "
                "ostanejo v mapi »backups«. Če baze niste obnavljali, izberite »Ne« in "
                "obvestite skrbnika."
            ).format(found.known_id, found.last_id),
        ):
            return False
        try:
            with wait_cursor():
                backup = accept_restored_copy(db)
        except StoreError as error:
            self.ctx.interaction.error(title, getattr(error, "message", str(error)))
            return False
        self.status(self.tr("Obnovljena baza je sprejeta."))
        self.ctx.interaction.info(
            title,
            self.tr(
                "Obnovljena baza je sprejeta in zapisana v dnevnik sprememb. Njena "
                "varnostna kopija: {0}"
            ).format(backup),
        )
        return True

    # -- Odpri varnostne kopije -------------------------------------------------------
    def open_backups(self) -> bool:
        if self.ctx.db is None:
            return False
        folder = backups_dir(Path(self.ctx.db_path))
        if not folder.is_dir():
            self.ctx.interaction.info(
                self.tr("Varnostne kopije"),
                self.tr(
                    "Varnostnih kopij še ni. Program jih dela ob zagonu (največ eno na dan) "
                    "v mapo\n{0}"
                ).format(folder),
            )
            return False
        if self.open_folder(folder):
            return True
        self.ctx.interaction.error(
            self.tr("Varnostne kopije"),
            self.tr("Mape ni bilo mogoče odpreti. Varnostne kopije so v mapi\n{0}").format(folder),
        )
        return False

    # -- O programu -------------------------------------------------------------------
    def schema_version(self) -> str:
        if self.ctx.db is None:
            return self.tr("ni znana")
        from rejnistvo.store import schema

        applied = [m.name for m in schema.migrations.applied(self.ctx.db)]
        if not applied:
            return self.tr("ni znana")
        # The number of steps only: the steps' names are the developers' words.
        return str(len(applied))

    def about_text(self) -> str:
        database = str(self.ctx.db_path) if self.ctx.db is not None else self.tr("ni odprta")
        return self.tr(
            "Rejništvo, različica {version}\n"
            "Evidenca rejnikov, otrok in namestitev, obračun rejnin, vloge R-1, predlogi R-4 "
            "in poročila R-5 za centre za socialno delo.\n\n"
            "Baza: {db}\n"
            "Različica sheme baze: {schema}\n\n"
            "Pravna podlaga:\n"
            "• Pravilnik o pogojih in postopkih za izvajanje rejniške dejavnosti, "
            "kakor ga je spremenil Uradni list RS, št. 78/2025\n"
            "• Zakon o izvajanju rejniške dejavnosti (ZIRD), kakor ga je spremenil "
            "Uradni list RS, št. 41/2025\n\n"
            "Pisave v natisnjenih dokumentih: DejaVu (prosta licenca Bitstream Vera, "
            "spremembe DejaVu so javna last); besedilo licence je v\n{licence}"
        ).format(
            version=rejnistvo.__version__,
            db=database,
            schema=self.schema_version(),
            licence=resource_path("fonts", "LICENSE-DejaVu.txt"),
        )

    def about(self) -> str:
        text = self.about_text()
        self.ctx.interaction.info(self.tr("O programu Rejništvo"), text)
        return text
