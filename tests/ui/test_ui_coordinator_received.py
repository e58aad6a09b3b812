"""Coordinator screen: the date of receipt, and exports with progress and cancel."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QProgressDialog

from rejnistvo.store import get_record
from rejnistvo.ui.views.coordinator_view import CoordinatorView


def make_view(qtbot, ctx):
    view = CoordinatorView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    return view


def select_first(view, predicate):
    for index in range(view.subgroup_combo.count()):
        view.subgroup_combo.setCurrentIndex(index)
        for row in range(view.cases_proxy.rowCount()):
            record = view.cases_proxy.row_record(row)
            if predicate(record):
                view.cases_table.selectRow(row)
                return record
    return None


def test_received_date_recorded_and_shown(qtbot, ctx):
    view = make_view(qtbot, ctx)
    record = select_first(view, lambda r: r["sent_on"] and not r["accepted"])
    assert record is not None, "the demo has a sent proposal not yet accepted"
    case_id, sent = record["id"], record["sent_on"]
    assert view.received_button.isEnabled()

    # before the day it was sent: refused beside the date field, the typed date stays
    view.step_date.setText("1. 1. 2000")
    assert not view.record_received()
    assert "pred datumom pošiljanja" in view.step_date.error_text()
    assert view.step_date.text() == "1. 1. 2000"
    stored_before = get_record(ctx.db, "r4_cases", case_id)["received_on"]
    assert stored_before is None or stored_before >= sent

    # not a date at all: the field says so
    view.step_date.setText("31. 2. 2026")
    assert not view.record_received()
    assert "ne obstaja" in view.step_date.error_text()

    on = sent + timedelta(days=1)
    view.step_date.set_value(on)
    assert view.record_received()
    assert get_record(ctx.db, "r4_cases", case_id)["received_on"] == on
    row = view.cases_model.find_row("id", case_id)
    shown = view.cases_model.row_record(row)
    assert shown["received_on"] == on
    column = view.cases_model.column_index("received_on")
    assert view.cases_model.index(row, column).data() == f"{on.day}. {on.month}. {on.year}"
    assert "prejeto " + f"{on.day}. {on.month}. {on.year}" in view.case_info.text()


def _register_ready(view):
    view.tabs.setCurrentIndex(1)  # the register is read when its tab is first shown
    for index in range(view.subgroup_combo.count()):
        view.subgroup_combo.setCurrentIndex(index)
        if view.register_proxy.rowCount():
            return True
    return False


def test_register_export_with_progress(qtbot, ctx, interaction, tmp_path, monkeypatch):
    view = make_view(qtbot, ctx)
    assert _register_ready(view)
    seen = []
    original = QProgressDialog.setValue

    def spy(self, value):
        seen.append((value, self.maximum()))
        original(self, value)

    monkeypatch.setattr(QProgressDialog, "setValue", spy)
    out = tmp_path / "evidenca.pdf"
    interaction.answers.append(str(out))
    assert view.export_register("pdf")
    assert out.exists() and out.read_bytes().startswith(b"%PDF")
    assert seen and seen[0][0] == 0 and seen[-1][0] == seen[-1][1]


def test_register_export_cancelled_leaves_no_file(qtbot, ctx, interaction, tmp_path, monkeypatch):
    view = make_view(qtbot, ctx)
    assert _register_ready(view)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    messages = []
    ctx.bus.status_message.connect(messages.append)
    folder = tmp_path / "izvoz"
    folder.mkdir()
    for fmt in ("csv", "xlsx", "pdf"):
        interaction.answers.append(str(folder / f"evidenca.{fmt}"))
        assert not view.export_register(fmt)
    assert list(folder.iterdir()) == []
    assert "preklican" in messages[-1]


def test_package_export_cancelled_changes_nothing(qtbot, ctx, interaction, tmp_path, monkeypatch):
    view = make_view(qtbot, ctx)
    view.tabs.setCurrentIndex(2)  # Paketi: its list is read when the tab is first shown
    row = next(
        r
        for r in range(view.all_cases_proxy.rowCount())
        if view.all_cases_proxy.row_record(r)["state"] == "pripravljeno"
    )
    view.all_cases_table.selectRow(row)
    case_id = view.all_cases_proxy.row_record(row)["id"]
    before = get_record(ctx.db, "r4_cases", case_id)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    folder = tmp_path / "izvoz"
    folder.mkdir()
    interaction.answers += [str(folder / "p.rejpaket"), "dolgo-geslo-1234"]
    assert not view.export_package("proposal")
    assert list(folder.iterdir()) == []
    assert get_record(ctx.db, "r4_cases", case_id) == before
