"""The main window: navigation on the left, the current screen on the right.

Screens are modules in ``rejnistvo/ui/views`` (see ``views/base.py`` for the contract),
listed in ``SCREENS`` in navigation order. Each screen is built the first time it is shown, so the window appears quickly
even on a large database.

Before the first paint this module touches only the Qt classes the window needs: not
Qt's ``Qt`` namespace (building its enums costs ~15 ms), not the views, not the
dialogs (issue 5).
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, QTimer
from PySide6.QtGui import QAction, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QStyle,
    QWidget,
)

if TYPE_CHECKING:
    from types import ModuleType

    from PySide6.QtGui import QCloseEvent

    from rejnistvo.ui.code_cache import CodeCache
    from rejnistvo.ui.context import AppContext
    from rejnistvo.ui.database_menu import DatabaseMenu
    from rejnistvo.ui.manual import ManualWindow
    from rejnistvo.ui.spreadsheet_import import SpreadsheetImport
    from rejnistvo.ui.views.base import View

log = logging.getLogger("rejnistvo.ui")

# (module under rejnistvo.ui.views, record kinds it opens)
SCREENS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("deadlines_view", ()),
    ("carers_view", ("carer",)),
    ("children_view", ("child",)),
    ("placements_view", ("placement",)),
    ("r4_view", ("r4",)),
    ("r5_view", ("r5", "r5_refund")),
    ("calc_view", ()),
    ("payments_view", ("payments",)),
    ("coordinator_view", ("coordinator",)),
    ("settings_view", ("subgroup", "settings")),
)

VIEWS_PACKAGE = "rejnistvo.ui.views"


# Qt::AlignCenter as the plain int QPainter.drawText takes: spelling it
# Qt.AlignmentFlag.AlignCenter would build the whole Qt namespace before the first paint.
_ALIGN_CENTER = 0x0084


class _Pending(QWidget):
    """The page of a screen not built yet: "Nalagam …" in the middle (painted by hand,
    see _ALIGN_CENTER); after its first paint it calls on_painted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = self.tr("Nalagam …")
        self.on_painted = None

    def text(self) -> str:
        return self._text

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)  # pen and font are the widget's own
        painter.drawText(self.rect(), _ALIGN_CENTER, self._text)
        painter.end()
        callback, self.on_painted = self.on_painted, None
        if callback is not None:
            QTimer.singleShot(0, callback)


#: the code of the texts the screens' modules run (their dataclasses' methods), kept
#: between starts (``ui/code_cache``): made at the first screen's import
_screens_code: CodeCache | None = None


#: the list of screens' width, and the narrowest it can be dragged to, at the usual font
NAV_WIDTH = 200
NAV_MIN_WIDTH = 170

#: the height a title bar and frame take, allowed for before the window has them (Windows
#: 10 and 11 draw a 31-pixel title bar at any scale, in Qt's device-independent pixels)
TITLE_BAR = 32


def import_screen(module: str) -> ModuleType:
    """A screen's module, imported with its dataclasses' and named tuples' texts compiled
    as before (R-4's and R-5's modules compile ~40-55 such texts, 10-15 ms, at each
    start's first opening or preloading); the kept code is written when it grew."""
    from rejnistvo.ui.code_cache import CodeCache, cache_file, texts_executed_from

    global _screens_code
    if _screens_code is None:
        _screens_code = CodeCache(cache_file("screens"))
    with texts_executed_from(_screens_code):
        return importlib.import_module(module)


def _guard_wheel(view: QWidget) -> None:
    from rejnistvo.ui.widgets.keyboard import guard_wheel

    guard_wheel(view)


class MainWindow(QMainWindow):
    def __init__(
        self,
        ctx: AppContext,
        screens=SCREENS,
        parent: QWidget | None = None,
        opener: Callable[[], bool] | None = None,
    ) -> None:
        """``opener``: called once to open the database into ``ctx`` — by
        ``open_before_show``, or else after the window is first painted (so a window that
        must wait for its file shows at once); returns False when it could not, and the
        window then closes. Without it, ``ctx.db`` must be open already."""
        super().__init__(parent)
        self.ctx = ctx
        self._opener = opener
        self._screens = list(screens)
        self._views: dict[str, View] = {}
        self._placeholders: dict[str, QWidget] = {}
        self._database_menu: DatabaseMenu | None = None
        self._spreadsheet_import: SpreadsheetImport | None = None
        self._manual: ManualWindow | None = None
        self._focus_kept = False
        # the focused widget is named for a screen reader once the first screen is (after
        # its paint): before, the naming module would only slow the start
        self._screen_named = False

        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setMinimumWidth(NAV_MIN_WIDTH)
        # Roomy rows without a style sheet (the style sheet engine costs ~20 ms at start).
        self.nav.setSpacing(2)
        self._nav_row_height = self.nav.fontMetrics().height() + 14
        self.stack = QStackedWidget(self)
        for name, _kinds in self._screens:
            item = QListWidgetItem(self.nav)  # row i is self._screens[i]
            item.setSizeHint(QSize(0, self._nav_row_height))
            placeholder = _Pending(self.stack)
            self._placeholders[name] = placeholder
            self.stack.addWidget(placeholder)
        # No arguments: QSplitter(self) would make the overload check build the Qt namespace.
        self.splitter = QSplitter()  # horizontal, Qt's default; parented by setCentralWidget
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([NAV_WIDTH, 1000])
        self.setCentralWidget(self.splitter)

        self.db_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.db_label)
        self._make_actions()

        self.nav.currentRowChanged.connect(self._show_row)
        ctx.bus.status_message.connect(self._status)
        ctx.bus.status_withdrawn.connect(self._withdraw_status)
        ctx.bus.open_case.connect(self.open_case)

        self.retranslate()
        self._restore_layout()
        if self._screens:
            self.nav.setCurrentRow(0)

    # -- building ---------------------------------------------------------------------
    def _make_actions(self) -> None:
        # setShortcuts(StandardKey): every platform binding, and unlike setShortcut it
        # does not make the overload check build the Qt namespace before the first paint.
        self.act_new = QAction(self)
        self.act_new.setShortcuts(QKeySequence.StandardKey.New)
        self.act_new.triggered.connect(lambda: self._route("new_record"))
        self.act_save = QAction(self)
        self.act_save.setShortcuts(QKeySequence.StandardKey.Save)
        self.act_save.triggered.connect(self._save_current)
        self.act_print = QAction(self)
        self.act_print.setShortcuts(QKeySequence.StandardKey.Print)
        self.act_print.triggered.connect(lambda: self._route("print_document"))
        self.act_find = QAction(self)
        self.act_find.setShortcuts(QKeySequence.StandardKey.Find)
        self.act_find.triggered.connect(lambda: self._route("focus_search"))
        self.act_quit = QAction(self)
        # Ctrl+Q everywhere: Windows binds no key to StandardKey.Quit, so the README's
        # Ctrl+Q did nothing there
        self.act_quit.setShortcuts([QKeySequence("Ctrl+Q")])
        self.act_quit.triggered.connect(self.close)
        # The database items: their handlers (database_menu.py) are imported on first use.
        self.act_open_db = QAction(self)
        self.act_open_db.setShortcuts(QKeySequence.StandardKey.Open)
        self.act_open_db.triggered.connect(lambda: self.switch_database())
        self.act_new_db = QAction(self)
        self.act_new_db.triggered.connect(lambda: self.switch_database(new=True))
        self.act_backup = QAction(self)
        self.act_backup.triggered.connect(lambda: self.database_menu().backup())
        self.act_check = QAction(self)
        self.act_check.triggered.connect(lambda: self.database_menu().check())
        self.act_backups_folder = QAction(self)
        self.act_backups_folder.triggered.connect(lambda: self.database_menu().open_backups())
        # Osveži (F5): read the file again (a colleague's saves, in a read-only view)
        self.act_refresh = QAction(self)
        self.act_refresh.setShortcuts([QKeySequence("F5")])
        self.act_refresh.triggered.connect(self.refresh_all)
        # Odpri za delo: a read-only view opens the file for work once it is free
        self.act_work = QAction(self)
        self.act_work.triggered.connect(lambda: self.open_for_work())
        # Uvozi iz preglednice … / Predloga za uvoz … (ui/spreadsheet_import.py, on first use)
        self.act_import = QAction(self)
        self.act_import.triggered.connect(lambda: self.spreadsheet_import().import_file())
        self.act_import_template = QAction(self)
        self.act_import_template.triggered.connect(
            lambda: self.spreadsheet_import().save_template()
        )
        self.act_about = QAction(self)
        self.act_about.triggered.connect(lambda: self.database_menu().about())
        self.act_shortcuts = QAction(self)
        self.act_shortcuts.triggered.connect(self.show_shortcuts)
        # F1 (the platform's help key): the manual at the shown screen's section
        self.act_manual = QAction(self)
        self.act_manual.setShortcuts(QKeySequence.StandardKey.HelpContents)
        self.act_manual.triggered.connect(lambda: self.show_manual())
        self.file_menu = self.menuBar().addMenu("")
        for action in (self.act_open_db, self.act_new_db, self.act_work, self.act_refresh):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        for action in (self.act_new, self.act_save, self.act_print, self.act_find):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        for action in (self.act_import, self.act_import_template):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        for action in (self.act_backup, self.act_check, self.act_backups_folder):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_quit)
        self._make_screen_actions()  # Pogled before Pomoč: help is the last menu
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.act_manual)
        self.help_menu.addAction(self.act_shortcuts)
        self.help_menu.addAction(self.act_about)

    def _make_screen_actions(self) -> None:
        """Ctrl+1 … Ctrl+9 (and Ctrl+0 for a tenth) open the screens in the list's
        order; listed in the Pogled menu so a user can find them."""
        self.view_menu = self.menuBar().addMenu("")
        self.screen_actions: list[QAction] = []
        keys = [f"Ctrl+{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 0)]
        for row, (name, _kinds) in enumerate(self._screens[: len(keys)]):
            action = QAction(self)
            action.setShortcuts([QKeySequence(keys[row])])
            action.triggered.connect(lambda _checked=False, n=name: self._go_to(n))
            self.view_menu.addAction(action)
            self.screen_actions.append(action)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A screen that removes or rebuilds the widget with the keyboard must not leave
        the keyboard nowhere (Ctrl+1…9 and every shortcut need a focus): put it back
        into the screen, or the list of screens."""
        # (also when a progress dialog that held the keyboard has just closed)
        if new is not None and new.window() is self:
            self._last_focus = new
        if new is not None and self._screen_named and not new.accessibleName():
            # what a screen built later (a tab, a page) made: named before the screen
            # reader asks (Qt announces the focus after this signal)
            from rejnistvo.ui.widgets.accessible import name_if_unnamed

            view = self.current_view()
            window = new.window()
            name_if_unnamed(
                new,
                view.title() if window is self and view is not None else window.windowTitle(),
            )
        if new is None and (self.isActiveWindow() or QApplication.activeWindow() is None):
            QTimer.singleShot(0, self, self._refocus)  # never after the window is gone

    def _refocus(self) -> None:
        if QApplication.focusWidget() is not None or not self.isVisible():
            return
        if QApplication.activeWindow() is None:
            self.activateWindow()
        elif not self.isActiveWindow():
            return
        # A question box that closed (X11 gives the window back its activation later):
        # the keyboard goes back to the field it came from, not to the screen's first.
        import shiboken6  # loaded with PySide6 already

        last = getattr(self, "_last_focus", None)
        if last is not None and shiboken6.isValid(last) and last.isVisible() and last.isEnabled():
            last.setFocus()
            return
        self._focus_screen()

    def _go_to(self, name: str) -> None:
        """Show a screen and put the keyboard into it (its first field or list)."""
        self.show_screen(name)
        self._focus_screen()

    def _focus_screen(self) -> None:
        """The keyboard into the current screen's first field or list."""
        page = self.stack.currentWidget()
        if page is not None:
            page.setFocus()
            page.focusNextChild()
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            # a screen with nothing to type in yet: the keyboard stays in the window
            self.nav.setFocus()

    def show_shortcuts(self) -> None:
        """Pomoč → Bližnjice na tipkovnici: read from the menus' and the screen's actions."""
        from rejnistvo.ui.shortcuts_help import shortcuts_text

        view = self.current_view()
        title = view.title() if view is not None else ""
        text = shortcuts_text((self.file_menu, self.view_menu, self.help_menu), view, title)
        self.ctx.interaction.info(self.tr("Bližnjice na tipkovnici"), text)

    def show_manual(self) -> ManualWindow | None:
        """Pomoč → Navodila (F1): the manual beside the window, at the section of the shown
        screen (its heading is the screen's name); None when the manual is missing."""
        from rejnistvo.resources import MissingResourceError
        from rejnistvo.ui.manual import ManualWindow, heading_anchor

        if self._manual is None:
            try:
                self._manual = ManualWindow(self)
            except MissingResourceError as error:
                self.ctx.interaction.error(self.tr("Navodila"), error.message)
                return None
        row = self.nav.currentRow()
        title = self.nav.item(row).text() if row >= 0 else ""
        self._manual.open_at(heading_anchor(title) if title else "")
        return self._manual

    def database_menu(self) -> DatabaseMenu:
        """The handlers of the database and About items, built on first use."""
        if self._database_menu is None:
            from rejnistvo.ui.database_menu import DatabaseMenu

            self._database_menu = DatabaseMenu(self.ctx, self, status=self._status)
        return self._database_menu

    def spreadsheet_import(self) -> SpreadsheetImport:
        """The handlers of Uvozi iz preglednice … and Predloga za uvoz …, built on first use."""
        if self._spreadsheet_import is None:
            from rejnistvo.ui.spreadsheet_import import SpreadsheetImport

            self._spreadsheet_import = SpreadsheetImport(self.ctx, self, status=self._status)
        return self._spreadsheet_import

    def viewing(self) -> str | None:
        """Who has the file for work while this window only looks at it (None: this
        window has it for work; see ``store.connection.open_to_view``)."""
        return getattr(self.ctx.db, "viewing", None)

    def refresh_all(self) -> None:
        """Datoteka → Osveži (F5): the shown screen reads the file again, the others
        when next shown (a colleague's saves beside a read-only view)."""
        if self.ctx.db is None:
            return
        current = self.current_view()
        for view in self._views.values():
            if view is current:
                if view.has_unsaved_changes():
                    view.mark_stale()  # what was typed stays; read again when shown
                else:
                    view.refresh()
            else:
                view.mark_stale()
        self._status(self.tr("Podatki so osveženi."))

    def open_for_work(self) -> MainWindow | None:
        """Datoteka → Odpri za delo (a read-only view): the file for work once the window
        that holds it has closed it (ui/open_database.py)."""
        from rejnistvo.ui import open_database

        return open_database.open_for_work(self)

    def _show_read_only(self) -> None:
        """A read-only view: what would write is off; the status bar offers the work."""
        viewing = self.viewing()
        for action in (self.act_save, self.act_new, self.act_import):
            action.setEnabled(viewing is None)
        self.act_work.setVisible(viewing is not None)
        button = getattr(self, "_work_button", None)
        if viewing is not None and button is None:
            from PySide6.QtWidgets import QPushButton

            button = self._work_button = QPushButton(self)
            button.clicked.connect(lambda: self.open_for_work())
            self.statusBar().addPermanentWidget(button)
        if button is not None:
            button.setText(self.tr("Odpri za delo"))
            button.setVisible(viewing is not None)

    def switch_database(self, new: bool = False) -> MainWindow | None:
        """Datoteka → Odpri drugo zbirko / Nova zbirka: the window around the other file
        (this one then closes), or None (ui/open_database.py, imported on first use)."""
        from rejnistvo.ui import open_database

        return open_database.new_database(self) if new else open_database.open_other(self)

    def retranslate(self) -> None:
        if self.ctx.db is None:
            self.setWindowTitle(self.tr("Rejništvo"))
            self.db_label.setText(self.tr("Odpiram bazo …"))
        else:
            # The program's name last: Qt appends the display name to a title that does
            # not end with it ("Rejništvo – x.sqlite3 — Rejništvo" on Linux).
            viewing = self.viewing()
            if viewing is None:
                self.setWindowTitle(self.tr("{0} – Rejništvo").format(self.ctx.db_path.name))
                self.db_label.setText(self.tr("Baza: {0}").format(self.ctx.db_path))
            else:
                who = viewing or self.tr("drug program")
                self.setWindowTitle(
                    self.tr("{0} – samo za branje ({1}) – Rejništvo").format(
                        self.ctx.db_path.name, who
                    )
                )
                self.db_label.setText(
                    self.tr("Baza: {0} – samo za branje, za delo jo ima odprto {1}").format(
                        self.ctx.db_path, who
                    )
                )
            # whole when a narrow window cuts it (a long path on a shared disk)
            self.db_label.setToolTip(self.db_label.text())
        self.file_menu.setTitle(self.tr("&Datoteka"))
        self.act_open_db.setText(self.tr("Odpri &drugo zbirko …"))
        self.act_new_db.setText(self.tr("Nova &zbirka …"))
        self.act_new.setText(self.tr("&Nov zapis"))
        self.act_save.setText(self.tr("&Shrani"))
        self.act_print.setText(self.tr("Na&tisni …"))
        self.act_find.setText(self.tr("&Išči"))
        self.act_import.setText(self.tr("&Uvozi iz preglednice …"))
        self.act_import_template.setText(self.tr("&Predloga za uvoz …"))
        self.act_backup.setText(self.tr("&Varnostna kopija …"))
        self.act_check.setText(self.tr("Preveri &bazo"))
        self.act_backups_folder.setText(self.tr("&Odpri varnostne kopije"))
        self.act_refresh.setText(self.tr("Osve&ži"))
        self.act_work.setText(self.tr("Odpri za d&elo"))
        self._show_read_only()
        self.act_quit.setText(self.tr("Iz&hod"))  # Alt+D, I is »Išči«
        self.help_menu.setTitle(self.tr("&Pomoč"))
        self.act_about.setText(self.tr("&O programu"))
        self.act_shortcuts.setText(self.tr("&Bližnjice na tipkovnici"))
        self.act_manual.setText(self.tr("&Navodila"))
        # a screen reader said only »seznam« for the list of screens
        self.nav.setAccessibleName(self.tr("Zasloni"))
        titles = self._titles()
        for row, (name, _kinds) in enumerate(self._screens):
            self.nav.item(row).setText(titles.get(name, name))
        self._fit_nav_to_names()
        self.view_menu.setTitle(self.tr("Po&gled"))  # Alt+P is Pomoč
        for row, action in enumerate(self.screen_actions):
            name = self._screens[row][0]
            action.setText(titles.get(name, name))
            self.nav.item(row).setToolTip(
                action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            )

    def _fit_nav_to_names(self) -> None:
        """The list of screens as wide as its longest name when a larger font needs more
        than its usual width (QA63: at 12 pt — Windows' larger text, a desktop's font size —
        it read »Zvišane oskrbnine in …«); at the usual font it keeps NAV_WIDTH and its
        NAV_MIN_WIDTH."""
        nav = self.nav
        metrics = nav.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(nav.item(row).text()) for row in range(nav.count())),
            default=0,
        )
        style = nav.style()
        # the item's text margins, the list's spacing and frame, a vertical scroll bar
        margins = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, nav) + 1)
        scroll_bar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, nav)
        needed = widest + margins + 2 * nav.spacing() + 2 * nav.frameWidth() + scroll_bar
        nav.setMinimumWidth(needed if needed > NAV_WIDTH else NAV_MIN_WIDTH)

    def _titles(self) -> dict[str, str]:
        # Names here as well as in each view's title(): the list is shown before the
        # screens are built.
        return {
            "deadlines_view": self.tr("Roki"),
            "carers_view": self.tr("Rejniki"),
            "children_view": self.tr("Otroci"),
            "placements_view": self.tr("Namestitve"),
            "r4_view": self.tr("R-4 predlogi"),
            "r5_view": self.tr("Zvišane oskrbnine in R-5"),
            "calc_view": self.tr("Izračun"),
            "payments_view": self.tr("Izplačila"),
            "coordinator_view": self.tr("Koordinator"),
            "settings_view": self.tr("Nastavitve"),
        }

    # -- screens ------------------------------------------------------------------------
    def screen_names(self) -> list[str]:
        return [name for name, _ in self._screens]

    def view(self, name: str) -> View | None:
        """The view of a screen, built on first use (None if it could not be built)."""
        if name in self._views:
            return self._views[name]
        # Set up with the first screen, after the first paint (it needs Qt's namespace).
        if not self._focus_kept:
            self._focus_kept = True
            app = QApplication.instance()
            if isinstance(app, QApplication):
                app.focusChanged.connect(self._focus_changed)
        index = self.screen_names().index(name)
        try:
            module = import_screen(f"{VIEWS_PACKAGE}.{name}")
            view_class = module.VIEW_CLASS
            view = view_class(self.ctx)
        except Exception:  # noqa: BLE001 - one broken screen must not take the window down
            from PySide6.QtCore import Qt

            log.exception("screen %s could not be built", name)
            label = QLabel(
                self.tr("Tega zaslona ni bilo mogoče odpreti. Podrobnosti so v dnevniku.")
            )
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._replace_page(index, label)
            return None
        self._views[name] = view
        self._replace_page(index, self._scrolling_page(view))
        return view

    def _scrolling_page(self, view: QWidget) -> QWidget:
        """The screen inside a frameless scroll area: a screen that cannot shrink to a
        laptop's width scrolls instead of widening the window (issue 12)."""
        from PySide6.QtWidgets import QFrame, QScrollArea

        page = QScrollArea(self.stack)
        page.setObjectName(f"{view.objectName() or type(view).__name__}Page")
        page.setFrameShape(QFrame.Shape.NoFrame)
        page.setWidgetResizable(True)
        page.setWidget(view)
        page.setFocusProxy(view)
        return page

    def _replace_page(self, index: int, widget: QWidget) -> None:
        old = self.stack.widget(index)
        self.stack.insertWidget(index, widget)
        self.stack.removeWidget(old)
        old.deleteLater()

    def built_views(self) -> list[View]:
        return list(self._views.values())

    def current_view(self) -> View | None:
        widget = self.stack.currentWidget()
        inner = getattr(widget, "widget", None)  # the scroll area around a built screen
        if callable(inner):
            widget = inner()
        # the built views are exactly the View pages (saves importing views.base early)
        return next((view for view in self._views.values() if view is widget), None)

    def show_screen(self, name: str) -> View | None:
        row = self.screen_names().index(name)
        self.nav.setCurrentRow(row)
        return self._views.get(name)

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        if not self.isVisible() and self.screen_names()[row] not in self._views:
            # Before the window is on screen, only show the placeholder: it builds the
            # screen once it has been painted, so the window appears at once even on a
            # large database.
            page = self.stack.widget(row)
            self.stack.setCurrentIndex(row)
            if isinstance(page, _Pending):
                page.on_painted = self._first_paint
            return
        if self._opener is not None:
            return  # the database is not open yet; _first_paint shows the screen
        self._build_and_show(row)

    def open_before_show(self) -> bool:
        """Open the database and build the first screen now, before the window is shown:
        its first paint is then the screen with its rows (issue 13), not "Nalagam …".
        False when the database could not be opened (the opener has said why)."""
        opener, self._opener = self._opener, None
        if opener is not None:
            if not opener():
                return False
            self.retranslate()
        row = self.nav.currentRow()
        if row >= 0:
            self._build_and_show(row)  # the screen reads its rows when the window shows
        return True

    def preload_screens(self, delay_ms: int = 250) -> None:
        """Import the other screens' modules while the user reads the first one, one per
        turn of the event loop (a module at a time holds the window for ~20–60 ms): the
        first opening of a screen then builds it without importing it (issue 13)."""
        pending = [
            f"{VIEWS_PACKAGE}.{name}" for name, _kinds in self._screens if name not in self._views
        ]

        def next_one() -> None:
            while pending and pending[0] in sys.modules:
                pending.pop(0)
            if not pending or not self.isVisible():
                return
            try:
                import_screen(pending.pop(0))
            except Exception:  # noqa: BLE001 - the screen's own opening will say what is wrong
                log.exception("preloading a screen")
            QTimer.singleShot(20, self, next_one)  # not after the window is gone

        QTimer.singleShot(delay_ms, self, next_one)

    def _first_paint(self) -> None:
        if self._opener is not None:
            opener, self._opener = self._opener, None
            if not opener():
                self.close()
                return
            self.retranslate()
        row = self.nav.currentRow()
        if row >= 0:
            self._build_and_show(row)

    def _build_and_show(self, row: int) -> None:
        name = self._screens[row][0]
        view = self.view(name)
        self.stack.setCurrentIndex(row)
        if view is not None:
            self.statusBar().clearMessage()
            # Unfocused combos and spin boxes of the screen ignore the wheel (again on
            # each visit: a screen may have made new ones). A screen built before the
            # window shows is guarded after the first paint: no wheel reaches it sooner,
            # and the guard's module (~2 ms with the widget classes it names) waits.
            from rejnistvo.ui.first_paint import after_first_paint

            after_first_paint(self, lambda: self._after_shown(view))

    def _after_shown(self, view: View) -> None:
        _guard_wheel(view)
        # search boxes and tables that no row title names get their visible words as the
        # name a screen reader says (again on each visit: for what is built later). After
        # the paint: the naming module and QAccessible's enums cost the first screen ~7 ms
        # (43 M instructions of the start, bench_start_ab), and a screen reader asks once
        # the window is there.
        from rejnistvo.ui.widgets.accessible import name_unnamed

        name_unnamed(view, view.title())
        self._screen_named = True
        # the desktop's light or dark theme changed while the program runs: the colours
        # follow (palette.follow_theme; connected once, after the first paint)
        from rejnistvo.ui.palette import follow_theme

        follow_theme()

    def _route(self, method: str) -> None:
        view = self.current_view()
        if view is not None:
            getattr(view, method)()

    def _save_current(self) -> None:
        view = self.current_view()
        if view is None:
            return
        from rejnistvo.ui.open_cell import commit_open_cell

        commit_open_cell()
        if not view.has_unsaved_changes():
            # »Shranjeno.« for a save that stored nothing had the clerk believe a change
            # typed elsewhere (another screen, a closed record) was kept
            self._status(self.tr("Ni sprememb za shranjevanje."))
        else:
            self.statusBar().clearMessage()
            # a screen that says what its save did (»Ni sprememb …« for a record typed
            # back as it was) keeps its words
            if view.save() and not self.statusBar().currentMessage():
                self._status(self.tr("Shranjeno."))

    def _status(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def _withdraw_status(self, text: str) -> None:
        """A message that no longer holds goes; one said since stays."""
        if self.statusBar().currentMessage() == text:
            self.statusBar().clearMessage()

    def open_case(self, kind: str, record_id: int) -> None:
        for name, kinds in self._screens:
            if kind in kinds:
                self.show_screen(name)
                view = self.view(name)
                if view is not None and view.open_record(kind, record_id):
                    return
        self._status(self.tr("Za ta zapis ni zaslona."))

    # -- closing and layout -------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self._opener = None
        if not self.settle_unsaved():
            event.ignore()
            return
        self._save_layout()
        event.accept()

    def has_unsaved_changes(self) -> bool:
        return any(view.has_unsaved_changes() for view in self._views.values())

    def settle_unsaved(self) -> bool:
        """Each screen with unsaved changes asks Shrani / Zavrzi / Prekliči (closing the
        window, opening another file); False when the user cancelled or a save failed."""
        from rejnistvo.ui.interaction import Choice
        from rejnistvo.ui.open_cell import commit_open_cell

        commit_open_cell()
        for name, view in self._views.items():
            if not view.has_unsaved_changes():
                continue
            self.show_screen(name)
            if self.viewing() is not None:
                # a read-only view: »Shrani« could only be refused, so it is not offered
                if not self.ctx.interaction.confirm(
                    self.tr("Neshranjene spremembe"),
                    self.tr(
                        "Na zaslonu »{0}« so spremembe, ki jih ni mogoče shraniti, ker je "
                        "zbirka odprta samo za branje. Jih zavržem?"
                    ).format(view.title()),
                ):
                    return False
                view.discard()
                continue
            choice = self.ctx.interaction.ask_save_discard_cancel(
                self.tr("Neshranjene spremembe"),
                self.tr("Na zaslonu »{0}« so neshranjene spremembe. Jih želite shraniti?").format(
                    view.title()
                ),
            )
            if choice is Choice.CANCEL or (choice is Choice.SAVE and not view.save()):
                return False
            if choice is Choice.DISCARD:
                view.discard()
        return True

    def _save_layout(self) -> None:
        s = self.ctx.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        for view in self._views.values():
            for splitter in view.findChildren(QSplitter):
                if splitter.objectName():
                    s.setValue(f"splitters/{splitter.objectName()}", splitter.saveState())

    def fit_to_screen(self) -> None:
        """A size saved on a larger monitor never exceeds this one: shrink the window to
        the screen's available area and move it back onto it."""
        screen = self.screen()
        if screen is None:
            return
        area = screen.availableGeometry()
        frame = self.frameGeometry()
        extra_w = max(frame.width() - self.width(), 0)
        extra_h = max(frame.height() - self.height(), 0)
        if not extra_h and not self.isVisible():
            # Not shown yet, so no frame yet: the title bar comes with the first show, and a
            # window as tall as the free area had its bottom (the status bar, a screen's
            # Shrani) under the taskbar (QA63: the first start on a 1366 × 768 laptop)
            extra_h = TITLE_BAR
        width = min(self.width(), area.width() - extra_w)
        height = min(self.height(), area.height() - extra_h)
        if (width, height) != (self.width(), self.height()):
            if self.isMaximized() or self.isFullScreen():
                return
            self.resize(width, height)
        x = min(max(self.x(), area.left()), area.right() - width - extra_w + 1)
        y = min(max(self.y(), area.top()), area.bottom() - height - extra_h + 1)
        if (x, y) != (self.x(), self.y()):
            self.move(x, y)

    def _restore_layout(self) -> None:
        s = self.ctx.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        self.fit_to_screen()
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = s.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
