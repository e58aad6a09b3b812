"""QA25: two reads where one does. »Zavrzi spremembe« read the record to check it was
still there and then read it again to show it; the import of a corrected proposal sent
again read the coordinator's case once more after the preview had read it (in the same
transaction). Each is read once now; what the clerk sees is unchanged."""

from __future__ import annotations

from test_qa21_discard_new import _carers


def test_discard_reads_the_record_once(qtbot, ctx, monkeypatch):
    window, view = _carers(qtbot, ctx)
    shown = view.current_id()
    name = view.name_edit.text()
    view.name_edit.setText(name + " x")
    view._dirty = True
    reads: list[int] = []
    load = view.load_record
    monkeypatch.setattr(
        view, "load_record", lambda record_id: reads.append(record_id) or load(record_id)
    )
    view._discard_clicked()
    assert reads == [shown]
    assert view.current_id() == shown and view.name_edit.text() == name
    assert not view.has_unsaved_changes()


def test_discard_of_a_record_deleted_meanwhile_clears_the_editor(qtbot, ctx):
    from rejnistvo.store import save_record

    window, view = _carers(qtbot, ctx)
    carer = save_record(ctx.db, "carers", {"name": "Bojan Šček"})
    view.refresh()
    view.open_record(view.kind, carer)
    view._dirty = True
    ctx.db.execute("DELETE FROM carers WHERE id = ?", [carer])
    view._discard_clicked()
    assert view.current_id() is None and not view.has_unsaved_changes()
