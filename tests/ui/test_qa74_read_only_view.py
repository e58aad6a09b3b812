"""QA74: a second clerk opens the file a colleague's window holds, only to look at it.

The refusal at start and at Datoteka → Odpri drugo zbirko offers »Odpri samo za branje«;
the read-only window says so (title, status bar) and whose file it is, refuses every
write in words naming why, shows the colleague's later saves on Osveži (F5) and opens
the file for work once the colleague has closed it."""

from __future__ import annotations

from datetime import date

import pytest

from rejnistvo.clock import FixedClock
from rejnistvo.store import StoreError, list_records, open_db, save_record
from rejnistvo.store.connection import open_to_view
from rejnistvo.ui import app as app_module
from rejnistvo.ui.bus import Bus
from rejnistvo.ui.context import AppContext
from rejnistvo.ui.interaction import FakeInteraction
from rejnistvo.ui.main_window import MainWindow

ANA = "uporabnik ana na računalniku csd-pc1"


@pytest.fixture
def viewer(qapp, db, db_path, settings):
    """The second clerk's context: ``db`` (the colleague's window) holds the file."""
    view_db = open_to_view(db_path, ANA)
    ctx = AppContext(
        db=view_db,
        db_path=db_path,
        settings=settings,
        interaction=FakeInteraction(),
        bus=Bus(),
        clock=FixedClock(date(2026, 3, 2)),
    )
    yield ctx
    if ctx.db is not None:
        ctx.db.close()


@pytest.fixture
def window(qtbot, viewer):
    shown = MainWindow(viewer)
    qtbot.addWidget(shown)
    shown.resize(1024, 700)
    shown.show()
    qtbot.waitUntil(lambda: shown.current_view() is not None)
    return shown


def test_the_refusal_at_start_offers_read_only(db, db_path):
    asked = FakeInteraction([True])
    database, path = app_module.open_database(
        str(db_path), False, view_offer=app_module.offers_view(asked, "Zapri")
    )
    try:
        assert path == db_path and database.read_only
        assert database.viewing.startswith("uporabnik ")
        kind, title, text = asked.asked[0]
        assert (kind, title) == ("offer", "Zbirka je v uporabi")
        assert "že odprta" in text and "[Odpri samo za branje | Zapri]" in text
    finally:
        database.close()
    declined = FakeInteraction([False])
    with pytest.raises(StoreError) as refused:
        app_module.open_database(
            str(db_path), False, view_offer=app_module.offers_view(declined, "Zapri")
        )
    assert refused.value.kind == "held"


def test_the_window_says_read_only_and_whose_file_it_is(window, db_path):
    assert "samo za branje" in window.windowTitle() and ANA in window.windowTitle()
    label = window.db_label.text()
    assert str(db_path) in label and "samo za branje" in label and ANA in label
    assert window.db_label.toolTip() == label  # whole when a narrow window cuts it
    assert not window.act_save.isEnabled()
    assert not window.act_new.isEnabled()
    assert not window.act_import.isEnabled()
    assert window.act_work.isVisible() and window._work_button.isVisible()
    assert window._work_button.text() == "Odpri za delo"
    assert window.act_refresh.shortcut().toString() == "F5"


def test_a_window_for_work_offers_no_read_only_items(shown_window):
    assert shown_window.act_save.isEnabled() and not shown_window.act_work.isVisible()
    assert "samo za branje" not in shown_window.windowTitle()


def test_a_carers_save_and_delete_are_refused_naming_why(qtbot, window, viewer, db):
    view = window.show_screen("carers_view") or window.view("carers_view")
    carer = list_records(db, "carers")[0]
    assert view.open_record("carer", carer["id"])
    # what would write is grey (Nov, Shrani, Zavrzi spremembe, Izbriši)
    assert not view.btn_new.isEnabled() and not view.btn_save.isEnabled()
    assert not view.btn_delete.isEnabled() and not view.btn_discard.isEnabled()
    # the store refuses a write that gets past the locked editor (below), in words
    view.address_edit.edit.setReadOnly(False)
    qtbot.keyClicks(view.address_edit.edit, " 2")
    assert view.save() is False
    errors = viewer.interaction.errors
    assert len(errors) == 1 and "samo za branje" in errors[0] and ANA in errors[0]
    assert "Odpri za delo" in errors[0]
    assert view.address_edit.text().startswith(" 2")  # what was typed stays
    view.discard()
    view.open_record("carer", carer["id"])
    view.delete_current()  # the fake answers the question yes
    assert "samo za branje" in viewer.interaction.errors[-1]
    assert list_records(db, "carers")[0] == carer  # the colleague's file as it was


def test_a_settings_save_is_refused(window, viewer, db):
    view = window.show_screen("settings_view") or window.view("settings_view")
    tab = view.general_tab
    tab.waiting_days.setText("47")
    tab.mark()
    assert view.save() is False
    assert "samo za branje" in viewer.interaction.errors[-1]


def test_osvezi_shows_the_colleagues_later_saves(qtbot, window, db):
    view = window.show_screen("children_view") or window.view("children_view")
    before = view.proxy.rowCount()
    save_record(db, "children", {"name": "Zala Kolegičina"})
    window.act_refresh.trigger()
    assert view.proxy.rowCount() == before + 1
    assert window.statusBar().currentMessage() == "Podatki so osveženi."


def test_odpri_za_delo_waits_for_the_colleague_then_opens_for_work(qtbot, window, viewer, db):
    assert window.open_for_work() is None
    assert "še vedno odprto" in viewer.interaction.asked[-1][2]
    db.close()  # the colleague closes the program
    new = window.open_for_work()
    assert new is not None
    qtbot.addWidget(new)
    try:
        assert new.viewing() is None and not new.ctx.db.read_only
        assert "samo za branje" not in new.windowTitle()
        assert new.act_save.isEnabled() and not new.act_work.isVisible()
        save_record(new.ctx.db, "children", {"name": "Zdaj Lahko Shranim"})
    finally:
        new.close()
        new.ctx.db.close()


def test_odpri_drugo_zbirko_on_a_held_file_offers_read_only(qtbot, shown_window, tmp_path):
    held = tmp_path / "druga" / "skupna.sqlite3"
    held.parent.mkdir()
    holder = open_db(held)
    try:
        shown_window.ctx.interaction.answers.extend([str(held), True])
        new = shown_window.switch_database()
        assert new is not None
        qtbot.addWidget(new)
        try:
            assert new.viewing() is not None and "samo za branje" in new.windowTitle()
            kinds = [kind for kind, *_ in shown_window.ctx.interaction.asked]
            assert kinds == ["open_path", "offer"]
            assert "Prekliči" in shown_window.ctx.interaction.asked[1][2]
        finally:
            new.close()
            new.ctx.db.close()
    finally:
        holder.close()


def test_closing_with_typed_edits_offers_no_save(qtbot, window, viewer):
    """»Shrani« could only be refused: closing asks whether to discard them."""
    view = window.show_screen("carers_view") or window.view("carers_view")
    view.open_record("carer", list_records(viewer.db, "carers")[0]["id"])
    view.address_edit.edit.setReadOnly(False)  # past the lock (as on the R-4 screen)
    qtbot.keyClicks(view.address_edit.edit, " 2")
    viewer.interaction.answers.append(False)  # Ne: the window stays
    assert window.settle_unsaved() is False and view.has_unsaved_changes()
    kind, title, text = viewer.interaction.asked[-1]
    assert kind == "confirm" and "ni mogoče shraniti" in text and "Jih zavržem?" in text
    assert window.settle_unsaved() is True  # Da (the fake's default): discarded
    assert not view.has_unsaved_changes()


def test_the_remembered_file_held_at_start_is_offered_read_only(db, db_path):
    """A clerk who never uses --db: the file chosen last time (on the shared disk) is
    offered read-only too, not silently replaced by the default file."""
    asked = FakeInteraction([True])
    database, path = app_module.open_database(
        None, False, remembered=str(db_path), view_offer=app_module.offers_view(asked, "Zapri")
    )
    try:
        assert path == db_path and database.viewing is not None
        assert [kind for kind, *_ in asked.asked] == ["offer"]
    finally:
        database.close()


def test_a_backup_and_the_check_work_in_a_read_only_view(window, viewer, db_path, tmp_path):
    before = db_path.read_bytes()
    target = tmp_path / "kopije" / "kopija.sqlite3"
    target.parent.mkdir()
    viewer.interaction.answers.append(str(target))
    assert window.database_menu().backup() == target
    assert window.database_menu().check() == []
    assert db_path.read_bytes() == before
    copy = open_db(target)
    try:
        assert list_records(copy, "children")
    finally:
        copy.close()


def test_poslji_koordinatorju_is_refused_naming_why(window, viewer, db):
    unsent = [
        case
        for case in list_records(db, "r4_cases")
        if case.get("sent_on") is None and case.get("decided_on") is None
    ]
    assert unsent
    view = window.show_screen("r4_view") or window.view("r4_view")
    assert view.open_record("r4", unsent[0]["id"])
    assert view.send_to_coordinator() is False
    assert any("samo za branje" in text for text in viewer.interaction.errors)
    assert [c for c in list_records(db, "r4_cases") if c["id"] == unsent[0]["id"]] == [unsent[0]]


@pytest.mark.parametrize("screen", ["carers_view", "children_view", "placements_view"])
def test_nothing_can_be_typed_into_a_read_only_editor(qtbot, window, viewer, screen):
    """Typing that could never be saved is not taken: texts stay readable and copyable
    (read-only, not grey), choices, tick boxes and the editor's own buttons are grey —
    also after another record fills the editor (a part-time share it enables)."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit

    view = window.show_screen(screen) or window.view(screen)
    assert view.heading.text() == "Izberite zapis na seznamu"  # not »Nov zapis«
    table = screen.removesuffix("_view")
    assert view.open_record(view.kind, list_records(viewer.db, table)[0]["id"])
    texts = view.editor_widget.findChildren(QLineEdit)
    assert texts and all(edit.isReadOnly() for edit in texts)
    first = next(edit for edit in texts if edit.isVisible())
    before = first.text()
    qtbot.keyClicks(first, "xyz")
    assert first.text() == before and not view.has_unsaved_changes()
    inputs = view.editor_widget.findChildren(QComboBox)
    inputs += view.editor_widget.findChildren(QAbstractButton)
    assert inputs and not any(widget.isEnabled() for widget in inputs)


def test_a_window_for_work_keeps_its_editor_open_to_typing(qtbot, shown_window):
    view = shown_window.show_screen("carers_view") or shown_window.view("carers_view")
    assert view.heading.text() == "Nov zapis" and not view.name_edit.edit.isReadOnly()
    assert view.btn_discard.isEnabled()
