"""Fixtures of the window tests: a temporary demo database and a context around it.

No autouse fixture builds the main window: the tests that need it ask for it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from rejnistvo.clock import FixedClock  # noqa: E402
from rejnistvo.ui.bus import Bus  # noqa: E402
from rejnistvo.ui.context import AppContext  # noqa: E402
from rejnistvo.ui.interaction import FakeInteraction  # noqa: E402

TODAY = date(2026, 3, 2)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory, own_rates):
    """One demo file per test session; each test copies it (filling it is slow)."""
    from rejnistvo.store import open_db

    path = tmp_path_factory.mktemp("demo") / "template.sqlite3"
    db = open_db(path)
    from rejnistvo.store.demo import fill_demo

    fill_demo(db, today=TODAY)
    own_rates(db)
    db.close()
    return path


@pytest.fixture
def db_path(tmp_path, demo_template):
    from rejnistvo.store.backup import backup_to

    path = tmp_path / "rejnistvo.sqlite3"
    backup_to(demo_template, path)
    return path


@pytest.fixture
def db(db_path):
    from rejnistvo.store import open_db

    database = open_db(db_path)
    yield database
    database.close()


@pytest.fixture
def settings(tmp_path):
    s = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    yield s
    s.sync()


@pytest.fixture
def interaction():
    return FakeInteraction()


@pytest.fixture
def ctx(qapp, db, db_path, settings, interaction):
    # The demo's own day: every "today" of the screens is pinned, never the machine's.
    return AppContext(
        db=db,
        db_path=db_path,
        settings=settings,
        interaction=interaction,
        bus=Bus(),
        clock=FixedClock(TODAY),
    )


@pytest.fixture
def shown_window(qtbot, ctx):
    """The main window on the smallest screen the program is made for (1024×700), shown,
    its first screen up."""
    from rejnistvo.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitUntil(lambda: window.current_view() is not None)
    return window


@pytest.fixture
def qtbot(qtbot):
    """pytest-qt's bot, holding the widgets given to ``addWidget`` until it has closed them.

    pytest-qt keeps them by weak reference only, so a shown screen that only a reference
    cycle kept alive was deleted by whichever garbage collection came next — inside
    another widget's paint or a model's ``data()`` it took the process down (a segfault
    that came and went with the allocations of the code around it). Held here, such a
    widget lives until pytest-qt closes it after the test (its teardown runs before this
    fixture's).

    Then what pytest-qt closed is deleted here, at the end of its own test: its
    ``deleteLater`` waits for an event loop, and the next one was a later test's
    ``qtbot.wait`` — a window whose closing a screen had refused (unsaved changes) was
    torn down in the middle of another test, its signals firing into that test."""
    from PySide6.QtCore import QCoreApplication, QEvent

    kept: list[object] = []
    add = qtbot.addWidget

    def add_and_keep(widget, *, before_close_func=None):
        add(widget, before_close_func=before_close_func)
        kept.append(widget)

    qtbot.addWidget = qtbot.add_widget = add_and_keep
    yield qtbot
    kept.clear()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
