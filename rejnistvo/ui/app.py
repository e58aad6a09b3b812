"""The QApplication: Slovenian translations, error handling, opening the database."""

from __future__ import annotations

import logging
import sys
import tempfile
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from rejnistvo.ui.context import APPLICATION, ORGANIZATION, AppContext, default_settings
from rejnistvo.ui.interaction import QtInteraction, message_box

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


def install_translators(app: QApplication) -> list[QTranslator]:
    """Qt's own Slovenian catalogues, so standard dialogs and buttons speak Slovenian."""
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
    """sys.excepthook: the traceback goes to the log, the user gets a short message."""

    def __init__(self, log_path: Path) -> None:
        self.log_path = log_path
        self._showing = False

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
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
                ).format(self.log_path),
            )
        finally:
            self._showing = False

    def show(self, title: str, text: str) -> None:
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
    log_path = setup_logging()
    sys.excepthook = ErrorReporter(log_path)

    from rejnistvo.ui.main_window import MainWindow

    interaction = QtInteraction()
    ctx = AppContext(db=None, db_path=Path(), settings=default_settings(), interaction=interaction)

    def opener() -> bool:
        """Open the database once the window is on screen (checking a large file takes
        a moment; the user sees the window meanwhile)."""
        from rejnistvo.store import StoreError

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
    interaction.parent = window
    window.show()
    code = app.exec()
    if ctx.db is not None:
        try:
            ctx.db.close()
        except Exception:  # noqa: BLE001 - closing at exit must not raise at the user
            log.exception("closing the database")
    return code
