"""QA26: an empty file's Roki said »Ni rokov … Vse je urejeno.« and nothing about where
a new centre starts. While the centre's name, its IBAN or the first carer are missing,
Roki now says what to enter first, with a button (reached by Tab) that opens Nastavitve
→ Splošno at the missing field; the line is gone once they are entered."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt

from rejnistvo.clock import FixedClock
from rejnistvo.services.first_steps import first_steps
from rejnistvo.services.settings import load_general, save_general
from rejnistvo.store import open_db, save_record
from rejnistvo.ui.bus import Bus
from rejnistvo.ui.context import AppContext
from rejnistvo.ui.interaction import FakeInteraction
from rejnistvo.ui.views.deadlines_view import DeadlinesView


@pytest.fixture
def empty_ctx(qapp, tmp_path):
    db = open_db(tmp_path / "nova.sqlite3")
    yield AppContext(
        db=db,
        db_path=tmp_path / "nova.sqlite3",
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        interaction=FakeInteraction(),
        bus=Bus(),
        clock=FixedClock(date(2026, 12, 4)),
    )
    db.close()


def _view(qtbot, ctx) -> DeadlinesView:
    view = DeadlinesView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    return view


def _fill_centre(db, name: str = "CSD Gorenjska", iban: str = "") -> None:
    import dataclasses

    general = load_general(db, "Referentka")
    save_general(db, dataclasses.replace(general, centre_name=name, centre_iban=iban))


def test_an_empty_file_says_what_to_enter_first(qtbot, empty_ctx):
    view = _view(qtbot, empty_ctx)
    text = view.first_steps.text()
    assert view.first_steps.isVisible() and view.btn_first_settings.isVisible()
    assert text.startswith("Prvi koraki: 1. v Nastavitvah → Splošno vpišite ime centra in IBAN")
    assert "2. pod Rejniki vpišite prvega rejnika (Nov zapis, Ctrl+N)." in text
    assert "Vse je urejeno" not in view.summary.text()
    assert view.btn_first_settings.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_the_button_opens_general_settings_at_the_missing_field(qtbot, empty_ctx):
    from rejnistvo.ui.main_window import MainWindow

    _fill_centre(empty_ctx.db)  # the name only: the IBAN is what is missing
    window = MainWindow(empty_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.current_view() is not None)
    roki = window.current_view()
    assert "IBAN centra" in roki.first_steps.text() and "ime centra" not in roki.first_steps.text()
    qtbot.mouseClick(roki.btn_first_settings, Qt.MouseButton.LeftButton)
    settings = window.current_view()
    assert settings.tabs.currentWidget() is settings.general_tab
    qtbot.waitUntil(lambda: settings.general_tab.centre_iban.edit.hasFocus())


def test_the_line_is_gone_once_the_centre_and_a_carer_are_entered(qtbot, empty_ctx):
    db = empty_ctx.db
    view = _view(qtbot, empty_ctx)
    _fill_centre(db, iban="SI56191000000123438")
    view.refresh()
    assert view.first_steps.isVisible() and not view.btn_first_settings.isVisible()
    assert view.first_steps.text() == (
        "Prvi koraki: 1. pod Rejniki vpišite prvega rejnika (Nov zapis, Ctrl+N)."
    )
    centre = save_record(db, "centres", {"code": "KR", "name": "CSD Kranj", "seat": "Kranj"})
    save_record(db, "carers", {"name": "Ana Novak", "centre_id": centre, "address": "Cesta 1"})
    assert not first_steps(db)
    view.refresh()
    assert view.first_steps is None or not view.first_steps.isVisible()
    assert view.btn_first_settings is None or not view.btn_first_settings.isVisible()
    assert view.summary.text() == "Ni rokov, ki bi se iztekali. Vse je urejeno."


def test_the_demo_file_has_no_first_steps(qtbot, ctx):
    view = _view(qtbot, ctx)
    assert view.first_steps is None  # not even made: a file in use never needs it
