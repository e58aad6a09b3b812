"""The QApplication: Slovenian translations, error handling, opening the database.

Start-up time matters (issues 5 and 13): the window opens its file and reads its first
screen before it shows; what the other screens need is imported after the first paint
(``MainWindow.preload_screens``), and the start's Qt-free modules before PySide6.
"""

from __future__ import annotations

import gc
import logging
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from rejnistvo.printing.rl_startup import defer_modules
from rejnistvo.ui.code_cache import CodeCache, cache_file, texts_executed_from

#: Standard modules the window's start imports only to bind their names: nothing before
#: its first paint calls them, so each loads when one of its names is first used
#: (``rl_startup.DeferredModule``): ``secrets`` with ``hmac`` and ``hashlib`` (sqlite-utils'
#: savepoint names, when a file is written; the audit chain's hashes), ``babel``'s package with its locale data and
#: ``pickle`` (Roki's day counts take only ``babel.plural``, which imports nothing of
#: Babel) and ``locale`` (calendar's localised names; the program's come from Babel).
WINDOW_UNUSED = ("secrets", "hmac", "hashlib", "pickle", "locale", "babel")
defer_modules(WINDOW_UNUSED)

#: the code of the texts the start runs (its dataclasses' methods), kept between starts;
#: written by main() once the first screen is built (an import for a test writes nothing)
start_code = CodeCache(cache_file("start"))

with texts_executed_from(start_code, save=False):
    # The first screen's Qt-free modules (about 130 with what they import), then PySide6.
    # (Before lean_pyside took PySide6's import hook out, every module imported after
    # PySide6 had its source read by the hook, ~0.3 ms a module: hence this order.)
    import rejnistvo.services.deadlines  # noqa: F401 - the first screen's reminders
    import rejnistvo.services.rates  # noqa: F401 - the reminders' missing indexation
    import rejnistvo.store.background_checks  # noqa: F401 - the file's checks at opening
    from rejnistvo.collector import collector_paused
    from rejnistvo.locations import Locations, choose_locations, user_locations

    # isort: split
    import rejnistvo.ui.lean_pyside  # noqa: F401 - PySide6 loaded first, the lean way

    # isort: split
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from rejnistvo.ui.context import APPLICATION, ORGANIZATION, AppContext, default_settings
    from rejnistvo.ui.first_paint import after_first_paint

log = logging.getLogger("rejnistvo.ui")


def log_dir(locations: Locations | None = None) -> Path:
    return (locations or user_locations()).logs


def setup_logging(locations: Locations | None = None) -> Path:
    """Log to rejnistvo.log in the user's (or the portable) log folder; returns its path."""
    folder = log_dir(locations)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "rejnistvo.log"
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        path = Path(tempfile.gettempdir()) / "rejnistvo.log"
        handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("rejnistvo")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def install_translators(app: QApplication, cache_dir: Path | None = None) -> list:
    """Slovenian for Qt's own strings (rejnistvo.ui.translations); keep the result alive."""
    from rejnistvo.ui.translations import install_translators as install

    if cache_dir is None:
        cache_dir = user_locations().cache
    return install(app, cache_dir)


class ErrorReporter:
    """sys.excepthook: the traceback goes to the log, the user gets a short message.

    Without ``log_path`` the log is set up (``setup_logging``) on first use of
    ``log_path``: the program does that right after the window's first paint, or the
    first error does it if it comes sooner."""

    def __init__(self, log_path: Path | None = None, locations: Locations | None = None) -> None:
        self._log_path = log_path
        self._locations = locations
        self._showing = False

    @property
    def log_path(self) -> Path:
        if self._log_path is None:
            self._log_path = setup_logging(self._locations)
        return self._log_path

    @log_path.setter
    def log_path(self, value: Path) -> None:
        self._log_path = value

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        log_path = self.log_path  # the log file must exist before the error is logged
        log.error(
            "Nepričakovana napaka:\n%s", "".join(traceback.format_exception(exc_type, exc, tb))
        )
        if issubclass(exc_type, KeyboardInterrupt):
            return
        if self._showing or QApplication.instance() is None:
            return
        self._showing = True
        try:
            from rejnistvo.resources import MissingResourceError

            if isinstance(exc, MissingResourceError):  # a damaged install: say which file
                self.show(
                    QApplication.translate("ErrorReporter", "Nepopolna namestitev"), exc.message
                )
                return
            self.show(
                QApplication.translate("ErrorReporter", "Nepričakovana napaka"),
                QApplication.translate(
                    "ErrorReporter",
                    "Prišlo je do nepričakovane napake. Vaši shranjeni podatki so varni; "
                    "zadnjega dejanja morda ni bilo mogoče dokončati.\n\n"
                    "Podrobnosti so zapisane v dnevnik:\n{0}",
                ).format(log_path),
            )
        finally:
            self._showing = False

    def show(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        from rejnistvo.ui.interaction import message_box

        message_box(None, QMessageBox.Icon.Critical, title, text)


def database_path(db: str | None, locations: Locations | None) -> Path:
    """The file the window opens: the one named, the portable one, or the user's."""
    if db:
        return Path(db)
    if locations is not None and locations.portable:
        return locations.database
    from rejnistvo.store import default_db_path

    return Path(default_db_path())


DEMO_FOLDER_PREFIX = "rejnistvo-demo-"


def open_database(
    db: str | None,
    demo: bool,
    locations: Locations | None = None,
    replace_empty: Callable[[Path], bool] | None = None,
    remembered: object = None,
    view_offer: Callable[[Any], bool] | None = None,
):
    """(database, path) — a fresh demo file in a temp folder, or the given/default file
    with the daily backup. A 0-byte file becomes a new database only if
    ``replace_empty(path)`` says yes. Raises StoreError with a Slovenian message.
    A file another window holds for work (StoreError kind "held") is opened only to look
    at (``store.connection.open_to_view``) when ``view_offer(error)`` says yes.
    ``remembered``: the file last chosen in the window, opened when ``db`` names none
    (gone or refused: the default file, told; see ui/remembered_database.py)."""
    from rejnistvo.store import StoreError, open_db
    from rejnistvo.store.connection import EmptyFileError

    if demo:
        from rejnistvo.store.demo import fill_demo

        path = Path(tempfile.mkdtemp(prefix=DEMO_FOLDER_PREFIX)) / "demo.sqlite3"
        database = open_db(path)
        fill_demo(database)
        return database, path
    if remembered and not db:
        from rejnistvo.ui.remembered_database import open_remembered

        return open_remembered(str(remembered), locations, replace_empty, view_offer)
    # absolute: the window shows where the file is, whatever folder it was started from
    path = database_path(db, locations).absolute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # e.g. --portable in a folder the user cannot write to
        from rejnistvo.atomic_write import os_error_reason

        why = os_error_reason(exc, writing=True)  # strerror is the OS's English
        hint = (
            "Za prenosni način program kopirajte v mapo, v katero lahko pišete (npr. na "
            "ključek USB), ali ga zaženite brez --portable."
            if locations is not None and locations.portable
            else "Izberite drugo mapo ali datoteko z --db."
        )
        raise StoreError(f"Mape »{path.parent}« ni mogoče ustvariti: {why}. {hint}") from exc
    try:
        # the checks beside start once the first screen is painted (watch_checks)
        database = open_db(path, daily_backup=True, checks_beside=True, start_checks=False)
    except EmptyFileError:
        if replace_empty is None or not replace_empty(path):
            raise
        database = open_db(path, daily_backup=True, replace_empty=True)
    except StoreError as error:
        if error.kind != "held" or view_offer is None or not view_offer(error):
            raise
        from rejnistvo.store.connection import open_to_view

        database = open_to_view(path, error.holder)
    return database, path


def offers_view(interaction: Any, cancel: str) -> Callable[[Any], bool]:
    """``view_offer`` of ``open_database``: the refusal of a file another window holds,
    with »Odpri samo za branje« besides ``cancel`` (»Zapri« at start, »Prekliči« at
    Datoteka → Odpri drugo zbirko)."""

    def offer(error: Any) -> bool:
        from PySide6.QtWidgets import QApplication

        restore = QApplication.overrideCursor() is not None
        if restore:
            QApplication.restoreOverrideCursor()
        try:
            return bool(
                interaction.offer(
                    QApplication.translate("App", "Zbirka je v uporabi"),
                    getattr(error, "message", str(error))
                    + "\n\n"
                    + QApplication.translate(
                        "App",
                        "Zbirko lahko odprete samo za branje: vidite vse podatke, jih "
                        "tiskate in izvažate, shraniti pa ne morete ničesar. Spremembe, ki "
                        "jih medtem shrani sodelavec, prikaže Datoteka → Osveži (F5).",
                    ),
                    QApplication.translate("App", "Odpri samo za branje"),
                    cancel,
                )
            )
        finally:
            if restore:
                from PySide6.QtCore import Qt

                QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    return offer


def watch_checks(ctx: AppContext, window, interval_ms: int = 100) -> None:
    """The checks beside the window start once it is painted (at once if it is already
    on screen); when they end, damage found stops the work on the file (nothing more is
    written, the user is told, the window closes); a failed daily backup is said once."""
    checks = getattr(ctx.db, "checks", None)
    if checks is None:
        return
    timer = QTimer(window)
    timer.setInterval(interval_ms)

    def start() -> None:
        begin = getattr(checks, "start", None)
        if begin is not None:
            begin()
        timer.start()

    def poll() -> None:
        result = checks.result(timeout=0)
        if result is None:
            return
        timer.stop()
        timer.deleteLater()
        if result.damaged:
            ctx.db.refuse_writes()
            for view in getattr(window, "built_views", list)():
                view.discard()  # nothing is saved into a damaged file on closing
            ctx.interaction.error(
                QApplication.translate("App", "Baze ni mogoče uporabljati"), result.damaged
            )
            window.close()
        elif result.warnings:
            ctx.interaction.info(
                QApplication.translate("App", "Opozorilo ob odpiranju baze"),
                "\n\n".join(result.warnings),
            )

    timer.timeout.connect(poll)
    after_first_paint(window, start)  # nothing of the first screen waits for them


class DialogsWhenAsked:
    """``ctx.interaction`` of the window: ``QtInteraction`` made when the program first
    asks the user something. Its module names the dialog classes (QMessageBox, QFileDialog
    and their enums, ~2.5 ms), which a start that asks nothing need not load before its
    first paint."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent
        self._dialogs: Any = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if self._dialogs is None:
            from rejnistvo.ui.interaction import QtInteraction

            self._dialogs = QtInteraction(self._parent)
        return getattr(self._dialogs, name)


READY_ENV = "REJNISTVO_READY_FILE"


def signal_ready() -> None:
    """Write "ready" to the file named by REJNISTVO_READY_FILE once the window is on
    screen with its database open: packaging/smoke.py times the start-up of a bundle
    from outside by waiting for it. Without the variable nothing happens."""
    import os

    target = os.environ.get(READY_ENV)
    if target:
        try:
            Path(target).write_text("ready", encoding="utf-8")
        except OSError:
            log.warning("cannot write %s", target)


def set_window_icon(app: QApplication) -> None:
    from PySide6.QtGui import QIcon

    from rejnistvo.resources import resource_path

    icon = resource_path("icons", "rejnistvo.png", must_exist=False)
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))


def settings_for(locations: Locations):
    """QSettings: the platform's place normally; an INI file in the portable folder."""
    if not locations.portable:
        return default_settings()
    from PySide6.QtCore import QSettings

    return QSettings(str(locations.config / "rejnistvo.ini"), QSettings.Format.IniFormat)


def main(
    db: str | None = None,
    demo: bool = False,
    portable: bool = False,
    locations: Locations | None = None,
) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Rejništvo")
    set_window_icon(app)
    if locations is None:
        locations = choose_locations(portable)
    if locations.portable:
        from rejnistvo.locations import apply

        apply(locations)
    # a working day's holidays from the cache folder: the first refund plan or instalment
    # table would otherwise import the holidays library's 250 countries (~160 ms)
    from rejnistvo.holiday_cache import install

    install()
    # The dialogs (QtInteraction) are set up in opener(): nothing can ask the user
    # anything before it.
    ctx = AppContext(db=None, db_path=Path(), settings=settings_for(locations), interaction=None)
    translators = install_translators(app, locations.cache)  # noqa: F841 - kept alive
    reporter = ErrorReporter(locations=locations)  # the log file is set up after the first paint
    sys.excepthook = reporter

    from rejnistvo.ui.main_window import MainWindow

    demo_folders: list[Path] = []  # the temporary folder of a --demo file, removed at exit

    def opener() -> bool:
        """Open the database once the window is on screen (checking a large file takes
        a moment; the user sees the window meanwhile)."""
        from PySide6.QtCore import Qt

        from rejnistvo.store import StoreError

        reporter.log_path  # noqa: B018 - sets up the log file now, off the first paint
        ctx.interaction = interaction = DialogsWhenAsked(window)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

        def replace_empty(path: Path) -> bool:
            QApplication.restoreOverrideCursor()
            try:
                return interaction.confirm(
                    QApplication.translate("App", "Prazna datoteka"),
                    QApplication.translate(
                        "App",
                        "Datoteka »{0}« je prazna (0 bajtov). Naj program v njej ustvari "
                        "novo, prazno podatkovno zbirko?",
                    ).format(path),
                )
            finally:
                QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

        try:
            # the file chosen in the window (Datoteka → Odpri drugo zbirko) unless --db
            remembered = ctx.settings.value("database/path") if not (db or demo) else None
            ctx.db, ctx.db_path = open_database(
                db,
                demo,
                locations,
                replace_empty,
                remembered,
                offers_view(interaction, QApplication.translate("App", "Zapri")),
            )
            if demo:
                demo_folders.append(ctx.db_path.parent)
        except StoreError as exc:
            QApplication.restoreOverrideCursor()
            interaction.error(
                QApplication.translate("App", "Baze ni mogoče odpreti"),
                getattr(exc, "message", str(exc)),
            )
            return False
        QApplication.restoreOverrideCursor()
        # Opened, but something the user should know (the daily backup failed, the
        # change log does not verify): said once, the work goes on.
        warnings = list(getattr(ctx.db, "warnings", None) or [])
        if warnings:
            interaction.info(
                QApplication.translate("App", "Opozorilo ob odpiranju baze"), "\n\n".join(warnings)
            )
            window.database_menu().offer_restored_copy()  # when the log lost its newest rows
        watch_checks(ctx, window)
        if demo:  # opened after the first paint; otherwise said once the window shows
            signal_ready()
        return True

    # What the start makes (modules, Qt wrappers, the first screen's rows) lives as long as
    # the window and makes no garbage cycles: the collector waits until it is built (its
    # passes took 14 ms of the start at 20k, 60 ms at 80k), then it is frozen, out of the
    # collector's full passes, which otherwise walk it again and again while a payment
    # run or a long list allocates (pauses of 0.2–0.5 s at 80k).
    # ... and the first screen's texts too (its module is imported by open_before_show)
    with collector_paused(), texts_executed_from(start_code):
        window = MainWindow(ctx, opener=opener)
        # A file is opened (its checks run beside) and the first screen read before the
        # window shows, so the first paint has the rows; a new demo file takes seconds to
        # fill, so then the window shows first and fills after its first paint.
        if not demo and not window.open_before_show():
            return 1
        window.show()
        gc.freeze()
    window.preload_screens()
    QTimer.singleShot(200, app, install_mnemonics)  # after the first paint
    # after it too: its socket module cost the first paint ~2 ms; nothing is unsaved yet
    QTimer.singleShot(200, app, install_ending_signals)
    if not demo:
        signal_ready()
    code = app.exec()
    if ctx.db is not None:
        try:
            ctx.db.close()
        except Exception:  # noqa: BLE001 - closing at exit must not raise at the user
            log.exception("closing the database")
    for folder in demo_folders:
        remove_demo_folder(folder)
    return code


def remove_demo_folder(folder: Path) -> None:
    """A --demo file is made in a temporary folder for this run only (README: »preizkusni
    podatki v začasni datoteki«); left behind, every demo start kept one more (~1 MB, with
    its backups)."""
    import shutil

    if not folder.name.startswith(DEMO_FOLDER_PREFIX):  # never anything the user chose
        return
    shutil.rmtree(folder, ignore_errors=True)


def install_ending_signals() -> None:
    """Logging out or »kill« closes the window as the user would, question included."""
    from rejnistvo.ui.ending_signals import EndingSignals

    app = QApplication.instance()
    if isinstance(app, QApplication):
        EndingSignals(app)


def install_mnemonics() -> None:
    """Alt shows a letter on each button on screen; Alt+letter clicks it."""
    from rejnistvo.ui.widgets import mnemonics

    app = QApplication.instance()
    if isinstance(app, QApplication):
        mnemonics.install(app)


def commands_epilog() -> str:
    """`Rejnistvo --help` names the commands without a window (SPEC 6): in the bundle the
    window's help was all there was to find, and `calc`, `print` … were not mentioned.
    Built only for --help: the cli package is not imported on the window's start."""
    from rejnistvo.cli import COMMAND_OWNERS

    return (
        "Ukazi brez okna (izračuni, obrazci PDF, izplačila, varnostna kopija): "
        "%(prog)s UKAZ …, kjer je UKAZ eden od: "
        + ", ".join(COMMAND_OWNERS)
        + ". Pomoč posameznega ukaza: %(prog)s UKAZ --help."
    )


def parse_args(argv: list[str]):
    """The window's options (main.py, rejnistvo-okno, the bundle's Rejnistvo)."""
    from rejnistvo.argparse_sl import SlovenianArgumentParser

    # prog: the name the program was started by (Rejnistvo, rejnistvo-okno, main.py)
    parser = SlovenianArgumentParser(
        description="Rejništvo – namizni program",
        epilog=commands_epilog() if {"-h", "--help"} & set(argv) else None,
    )
    parser.add_argument("--db", metavar="POT", help="datoteka z bazo (privzeto: v mapi uporabnika)")
    parser.add_argument(
        "--demo", action="store_true", help="odpri novo datoteko s preizkusnimi podatki"
    )
    parser.add_argument(
        "--portable",
        action="store_true",
        help="prenosni način: podatki, dnevnik in nastavitve v mapi Rejnistvo-podatki "
        "poleg programa (npr. na ključku USB)",
    )
    return parser.parse_args(argv)


def run(argv: list[str] | None = None) -> int:
    """One entry for the window and the CLI: ``Rejnistvo calc …`` (a first argument that
    is not an option) runs the headless CLI of SPEC 6; anything else starts the window."""
    args = list(sys.argv[1:] if argv is None else argv)
    from rejnistvo.launch import wants_cli

    if wants_cli(args):
        from rejnistvo.cli import main as cli_main

        return cli_main(args)
    options = parse_args(args)
    return main(db=options.db, demo=options.demo, portable=options.portable)
