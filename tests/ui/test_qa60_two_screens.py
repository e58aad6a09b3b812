"""QA60, two screens on one record: a placement open on Namestitve, its carer renamed on
Rejniki (»Pia Krajnc« → »Pia Krajnc Novak«). Back on Namestitve the list said »Pia Krajnc
Novak« and the editor beside it still »Pia Krajnc (0509…)«: the editor kept the record
as first read. Now the editor shows the record as stored when it comes back; edits typed
meanwhile stay, only the carer's and child's names are read again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from rejnistvo.store import list_records


def _go(qtbot, window, screen: str):
    window.show_screen(screen)
    return window.current_view()


def _rename_carer(qtbot, window, carer_id: int, name: str) -> None:
    carers = _go(qtbot, window, "carers_view")
    carers.open_record("carer", carer_id)
    carers.name_edit.edit.selectAll()
    carers.name_edit.setFocus()
    qtbot.keyClicks(carers.name_edit.edit, name)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not carers.has_unsaved_changes()


def test_a_shown_placement_names_its_renamed_carer(qtbot, ctx, shown_window):
    window = shown_window
    placement = list_records(ctx.db, "placements")[0]
    placements = _go(qtbot, window, "placements_view")
    placements.open_record("placement", placement["id"])
    assert not placements.has_unsaved_changes()
    _rename_carer(qtbot, window, placement["carer_id"], "Novo Ime Rejnika")
    placements = _go(qtbot, window, "placements_view")
    assert placements.carer_edit.text().startswith("Novo Ime Rejnika")
    assert not placements.has_unsaved_changes()
    assert placements.current_id() == placement["id"]


def test_edits_stay_and_the_carer_is_named_anew(qtbot, ctx, shown_window):
    window = shown_window
    placement = list_records(ctx.db, "placements")[0]
    placements = _go(qtbot, window, "placements_view")
    placements.open_record("placement", placement["id"])
    placements.note_edit.setFocus()
    qtbot.keyClicks(placements.note_edit.edit, "klic rejnice")
    _rename_carer(qtbot, window, placement["carer_id"], "Novo Ime Rejnika")
    placements = _go(qtbot, window, "placements_view")
    assert placements.has_unsaved_changes()
    assert placements.note_edit.text().endswith("klic rejnice")
    assert placements.carer_edit.text().startswith("Novo Ime Rejnika")
    assert placements.carer_edit.value() == placement["carer_id"]


def test_coming_back_unchanged_reads_but_does_not_refill(qtbot, ctx, shown_window):
    window = shown_window
    placement = list_records(ctx.db, "placements")[0]
    placements = _go(qtbot, window, "placements_view")
    placements.open_record("placement", placement["id"])
    filled: list[object] = []
    fill = placements.fill_editor
    placements.fill_editor = lambda record: filled.append(record) or fill(record)
    ctx.bus.records_changed.emit("rate")  # a change that is not this placement's
    assert filled == []
