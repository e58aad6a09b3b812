"""The QApplication: Slovenian translations, error handling, opening the database.

Start-up time matters (issue 5): before the window's first paint only what the window
needs is imported; Qt's ``Qt`` namespace (~15 ms to build its enums), the dialogs,
platformdirs and the store are imported after it.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication

from rejnistvo.ui.context import APPLICATION, ORGANIZATION, AppContext, default_settings

log = logging.getLogger("rejnistvo.ui")


def log_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir(APPLICATION, appauthor=False))


def setup_logging() -> Path:
    """Log to rejnistvo.log in the user's log folder; returns the file's path."""
    folder = log_dir()
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


def install_translators(app: QApplication) -> list:
    """Qt's own Slovenian catalogues, so standard dialogs and buttons speak Slovenian."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(QLocale.Language.Slovenian, QLocale.Country.Slovenia))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name in ("qtbase_sl", "qt_sl"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(translator)
    return loaded


class ErrorReporter:
    """sys.excepthook: the traceback goes to the log, the user gets a short message.

    Without ``log_path`` the log is set up (``setup_logging``) on first use of
    ``log_path``: the program does that right after the window's first paint, or the
    first error does it if it comes sooner."""

    def __init__(self, log_path: Path | None = None) -> None:
        self._log_path = log_path
        self._showing = False

    @property
    def log_path(self) -> Path:
        if self._log_path is None:
            self._log_path = setup_logging()
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


def open_database(db: str | None, demo: bool):
    """(database, path) — a fresh demo file in a temp folder, or the given/default file
    with the daily backup. Raises StoreError with a Slovenian message."""
    from rejnistvo.store import default_db_path, open_db

    if demo:
        from rejnistvo.store.demo import fill_demo

        path = Path(tempfile.mkdtemp(prefix="rejnistvo-demo-")) / "demo.sqlite3"
        database = open_db(path)
        fill_demo(database)
        return database, path
    path = Path(db) if db else Path(default_db_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        database = open_db(path, daily_backup=True)
    except TypeError:  # a store without the daily backup option
        database = open_db(path)
    return database, path


def main(db: str | None = None, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Rejništvo")
    translators = install_translators(app)  # noqa: F841 - kept alive for the app's life
    reporter = ErrorReporter()  # the log file is set up after the first paint
    sys.excepthook = reporter

    from rejnistvo.ui.main_window import MainWindow

    # The dialogs (QtInteraction) are set up after the first paint, in opener(): no
    # screen is built and nothing can ask the user anything before it.
    ctx = AppContext(db=None, db_path=Path(), settings=default_settings(), interaction=None)

    def opener() -> bool:
        """Open the database once the window is on screen (checking a large file takes
        a moment; the user sees the window meanwhile)."""
        from PySide6.QtCore import Qt

        from rejnistvo.store import StoreError
        from rejnistvo.ui.interaction import QtInteraction

        reporter.log_path  # noqa: B018 - sets up the log file now, off the first paint
        ctx.interaction = interaction = QtInteraction(window)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            ctx.db, ctx.db_path = open_database(db, demo)
        except StoreError as exc:
            QApplication.restoreOverrideCursor()
            interaction.error(
                QApplication.translate("App", "Baze ni mogoče odpreti"),
                getattr(exc, "message", str(exc)),
            )
            return False
        QApplication.restoreOverrideCursor()
        return True

    window = MainWindow(ctx, opener=opener)
    window.show()
    code = app.exec()
    if ctx.db is not None:
        try:
            ctx.db.close()
        except Exception:  # noqa: BLE001 - closing at exit must not raise at the user
            log.exception("closing the database")
    return code
