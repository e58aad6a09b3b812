"""Izplačila (SPEC 3.6): run a month, close it, arrears with reasons after a backdated
rate, reopen the latest month with a reason, export — driven by the mouse."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import QSettings, Qt

from rejnistvo.clock import FixedClock
from rejnistvo.services import rates as rate_service
from rejnistvo.store import save_record
from rejnistvo.store.audit import audit_rows
from rejnistvo.ui.bus import Bus
from rejnistvo.ui.context import AppContext
from rejnistvo.ui.interaction import FakeInteraction
from rejnistvo.ui.views.payments_view import PaymentsView

TODAY = date(2026, 12, 10)


@pytest.fixture
def view(qtbot, qapp, b_db, tmp_path):  # noqa: F811
    save_record(b_db, "carers", {"id": b_db.b_ids["carer"], "iban": "SI56191000000123438"})
    with b_db.atomic():
        b_db.table("settings").upsert(
            {"key": "centre_iban", "value": "SI56020108128219338"}, pk="key"
        )
        b_db.table("settings").upsert({"key": "centre_name", "value": "CSD Gorenjska"}, pk="key")
    ctx = AppContext(
        db=b_db,
        db_path=tmp_path / "b.sqlite3",
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        interaction=FakeInteraction(),
        bus=Bus(),
        clock=FixedClock(TODAY),
    )
    return show_view(qtbot, PaymentsView(ctx))


def ready(qtbot, view) -> None:
    """The run is made on the event loop: wait until it is on screen."""
    qtbot.waitUntil(lambda: not view.is_busy(), timeout=20000)


def choose(qtbot, view, month: date) -> None:
    view.month_combo.setCurrentIndex(view.month_combo.findData(month.isoformat()))
    qtbot.mouseClick(view.compute_button, Qt.MouseButton.LeftButton)
    ready(qtbot, view)


def rows(model):
    return [model.row_record(r) for r in range(model.rowCount())]


def test_run_close_arrears_reopen_export(qtbot, view, tmp_path):
    choose(qtbot, view, date(2026, 10, 1))
    assert [r["total"] for r in rows(view.paid_model)] == [Decimal("1098.00")]
    assert "1.098,00" in view.total_label.text()
    assert view.close_button.isEnabled() and not view.reopen_button.isEnabled()
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    assert view.run.status == "closed" and "Zaključen" in view.status.text()
    assert not view.close_button.isEnabled() and view.reopen_button.isEnabled()
    choose(qtbot, view, date(2026, 11, 1))
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    assert view.run.status == "closed"

    # A backdated indexation: December's run pays October and November as arrears.
    rate_service.add_rate(view.ctx.db, "2026-03-01", "655.23", "472.42", "test: 2026")
    choose(qtbot, view, date(2026, 12, 1))
    arrears = rows(view.diff_model)
    assert [r["for_month"] for r in arrears] == [date(2026, 10, 1), date(2026, 11, 1)]
    assert all(r["total"] == Decimal("29.65") for r in arrears)
    assert all("dodan znesek od 1. 3. 2026" in r["reason"] for r in arrears)
    assert rows(view.over_model) == []
    # A closed month still shows what was paid.
    choose(qtbot, view, date(2026, 10, 1))
    assert [r["total"] for r in rows(view.paid_model)] == [Decimal("1098.00")]
    assert not view.reopen_button.isEnabled()  # only the latest closed month

    # Reopen November with a reason (asked, audited).
    choose(qtbot, view, date(2026, 11, 1))
    view.ctx.interaction.answers.append("napačno vnesen aneks")
    qtbot.mouseClick(view.reopen_button, Qt.MouseButton.LeftButton)
    ready(qtbot, view)
    assert view.run.status == "open"
    reopen = [r for r in audit_rows(view.ctx.db, "payment_runs") if r["action"] == "reopen"]
    assert reopen[-1]["after"]["reason"] == "napačno vnesen aneks"

    # Export: CSV and SEPA of the open November run.
    for fmt, name in (("csv", "n.csv"), ("sepa", "n.xml")):
        if fmt == "sepa":  # »Mesec ni zaključen … Izvozim datoteko za banko vseeno?«
            view.ctx.interaction.answers.append(True)
        view.ctx.interaction.answers.append(str(tmp_path / name))
        qtbot.mouseClick(view.export_buttons[fmt], Qt.MouseButton.LeftButton)
        assert (tmp_path / name).exists(), view.ctx.interaction.errors
    assert "Otrok" not in (tmp_path / "n.xml").read_text(encoding="utf-8")


def test_reopen_without_a_reason_is_refused_and_month_stays_closed(qtbot, view):
    choose(qtbot, view, date(2026, 10, 1))
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    view.ctx.interaction.answers.append("  ")
    qtbot.mouseClick(view.reopen_button, Qt.MouseButton.LeftButton)
    assert view.run.status == "closed"
    assert "razlog" in view.ctx.interaction.errors[-1]


def test_refused_month_shows_the_month_to_run(qtbot, view):
    choose(qtbot, view, date(2026, 10, 1))
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    months = [view.month_combo.itemData(i) for i in range(view.month_combo.count())]
    assert months == ["2026-11-01", "2026-10-01"]


def test_carer_iban_field_red_reason_and_compact_storage(qtbot, qapp, b_db, tmp_path):  # noqa: F811
    from rejnistvo.store import get_record
    from rejnistvo.ui.views.carers_view import CarersView

    ctx = AppContext(
        db=b_db,
        db_path=tmp_path / "b.sqlite3",
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        interaction=FakeInteraction(),
        bus=Bus(),
        clock=FixedClock(TODAY),
    )
    view = CarersView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    assert view.open_record("carer", b_db.b_ids["carer"])
    view.address_edit.edit.clear()
    qtbot.keyClicks(view.address_edit.edit, "Cesta 1, Kranj")
    view.iban_edit.edit.clear()
    qtbot.keyClicks(view.iban_edit.edit, "SI56 1910 0000 0123 439")  # wrong check digits
    assert view.save() is False
    assert "IBAN" in view.iban_edit.error_text()
    assert view.iban_edit.text() == "SI56 1910 0000 0123 439"  # what was typed stays
    view.iban_edit.edit.clear()
    qtbot.keyClicks(view.iban_edit.edit, "si56 1910 0000 0123 438")
    assert view.save() is True
    assert get_record(b_db, "carers", b_db.b_ids["carer"])["iban"] == "SI56191000000123438"


# -- opening without holding the window ------------------------------------------------


@pytest.fixture
def one_step_slices(monkeypatch):
    """Every slice of the loader is one step of the run, so the run is visibly under way
    between slices however quick the machine is."""
    from rejnistvo.services.payment_run import computed
    from rejnistvo.ui.views.payments_loader import RunLoader

    monkeypatch.setattr(RunLoader, "BUDGET_SECONDS", 0.0)
    monkeypatch.setattr(computed, "SLICE", 1)


def test_opening_computes_on_the_event_loop_with_a_bar_and_shows_rows_when_whole(
    qtbot, view, one_step_slices
):
    view.load_run(date(2026, 10, 1))
    assert view.is_busy() and view.run is None
    assert view.progress_bar.isVisible() and view.cancel_button.isVisible()
    assert "Računam izplačilo za oktober 2026" in view.status.text()
    assert not view.close_button.isEnabled()  # nothing to close until it is whole
    ready(qtbot, view)
    assert [r["total"] for r in rows(view.paid_model)] == [Decimal("1098.00")]
    assert not view.progress_bar.isVisible() and not view.cancel_button.isVisible()
    assert view.close_button.isEnabled() and "Odprt mesec" in view.status.text()


def test_cancel_stops_the_run_and_shows_nothing(qtbot, view, one_step_slices):
    view.load_run(date(2026, 10, 1))
    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    assert not view.is_busy() and view.run is None
    assert "preklican" in view.error.text()
    assert not view.close_button.isEnabled() and view.paid_model.rowCount() == 0
    choose(qtbot, view, date(2026, 10, 1))  # Izračunaj starts it again
    assert view.paid_model.rowCount() == 1


def test_shown_run_is_kept_until_something_is_written(qtbot, view):
    choose(qtbot, view, date(2026, 10, 1))
    shown = view.run
    view.ctx.bus.records_changed.emit("settings")  # nothing written: the run stays
    assert view.run is shown and not view.is_busy()
    # A backdated rate row written elsewhere: the next refresh computes again.
    rate_service.add_rate(view.ctx.db, "2026-03-01", "655.23", "472.42", "test: 2026")
    view.ctx.bus.records_changed.emit("rates")
    ready(qtbot, view)
    assert view.run is not shown
    assert [r["total"] for r in rows(view.paid_model)] == [Decimal("1127.65")]


def test_a_write_by_another_program_is_seen_when_the_screen_is_shown_again(qtbot, view):
    import sqlite3

    choose(qtbot, view, date(2026, 10, 1))
    view.hide()
    path = view.ctx.db.execute("PRAGMA database_list").fetchone()[2]
    other = sqlite3.connect(path)
    with other:
        other.execute("UPDATE placement_periods SET from_date = '2026-10-16'")
    other.close()
    view.show()
    ready(qtbot, view)
    (line,) = rows(view.paid_model)
    assert line["days"] == 16 and line["total"] < Decimal("1098.00")


def test_a_write_while_computing_starts_the_run_again(qtbot, view, one_step_slices):
    view.load_run(date(2026, 10, 1))
    assert view.is_busy()
    said = []  # what the screen says when the run starts again (it ends soon after)
    view.loader.restarted.connect(lambda: said.append(view.status.text()))
    rate_service.add_rate(view.ctx.db, "2026-03-01", "655.23", "472.42", "test: 2026")
    ready(qtbot, view)
    assert said and "računam znova" in said[0]
    assert view.loader.restarts >= 1
    assert [r["total"] for r in rows(view.paid_model)] == [Decimal("1127.65")]


def test_closing_shows_what_was_written_without_reading_it_again(qtbot, view):
    choose(qtbot, view, date(2026, 10, 1))
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    assert not view.is_busy()  # the refresh the close announced kept the closed run
    assert view.run.status == "closed"
    assert [r["line_id"] for r in rows(view.paid_model)] == [view.run.lines[0].line_id]


def test_settling_an_overpayment_reads_the_closed_month_again(qtbot, view):
    choose(qtbot, view, date(2026, 10, 1))
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    rate_service.add_rate(view.ctx.db, "2026-10-01", "600.00", "400.00", "test: lower")
    view.ctx.bus.records_changed.emit("rates")
    choose(qtbot, view, date(2026, 11, 1))
    assert [r["for_month"] for r in rows(view.over_model)] == [date(2026, 10, 1)]
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    assert view.settle_button.isEnabled()
    view.over_table.selectRow(0)
    view.ctx.interaction.answers.append("")  # no month: a refund call
    qtbot.mouseClick(view.settle_button, Qt.MouseButton.LeftButton)
    ready(qtbot, view)
    (line,) = rows(view.over_model)
    assert line["settled"] and "vračilom" in line["reason"]
    assert view.run.status == "closed"


def test_the_run_waits_while_the_screen_is_hidden_and_goes_on_when_shown(
    qtbot, view, one_step_slices
):
    view.load_run(date(2026, 10, 1))
    assert view.is_busy()
    view.hide()  # the user went to another screen: typing there must not wait behind it
    qtbot.wait(200)
    assert view.is_busy() and view.run is None
    view.show()
    ready(qtbot, view)
    assert [r["total"] for r in rows(view.paid_model)] == [Decimal("1098.00")]


def test_the_collector_is_off_only_while_a_run_is_under_way_on_screen(qtbot, view, one_step_slices):
    import gc

    ready(qtbot, view)  # the month shown when the screen opened
    assert gc.isenabled()
    view.load_run(date(2026, 10, 1))
    assert view.is_busy() and not gc.isenabled()
    view.hide()  # paused: the window runs with the collector on
    assert gc.isenabled()
    view.show()
    assert not gc.isenabled()
    ready(qtbot, view)
    assert gc.isenabled()
    view.load_run(date(2026, 10, 1))
    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    assert gc.isenabled()


def test_an_overpayment_undone_by_a_later_change_is_shown_beside_the_overpayments(qtbot, view):
    db = view.ctx.db
    choose(qtbot, view, date(2026, 10, 1))
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    row = rate_service.add_rate(db, "2026-10-01", "600.00", "400.00", "test: lower")
    view.ctx.bus.records_changed.emit("rates")
    choose(qtbot, view, date(2026, 11, 1))
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    rate_service.remove_rate(db, row.id, row.version)  # the lower row was a mistake
    view.ctx.bus.records_changed.emit("rates")
    choose(qtbot, view, date(2026, 12, 1))
    shown = rows(view.over_model)
    assert [r["kind"] for r in shown] == ["razveljavljeno preplačilo"]
    assert "razveljavljeno v celoti" in shown[0]["reason"]
    totals = view.total_label.text().replace("\u00a0", " ")  # its parts do not wrap inside
    assert totals.endswith("razveljavljena preplačila (se ne izplačajo): 98,00 €")
    # November was paid at the lower row, never overpaid: its arrears are paid
    assert [r["for_month"] for r in rows(view.diff_model)] == [date(2026, 11, 1)]


def test_a_month_not_begun_is_refused_before_the_question(qtbot, view):
    for month in (date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)):
        choose(qtbot, view, month)
        qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
        assert view.run.status == "closed"
    choose(qtbot, view, date(2027, 1, 1))  # the next month to close, on 10 December
    asked = len(view.ctx.interaction.asked)
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    new = view.ctx.interaction.asked[asked:]
    # no "Zaključim …?" first: the refusal alone, in the service's words
    assert [kind for kind, _title, _text in new] == ["error"]
    assert "januar 2027 se še ni začel" in new[0][2]
    assert view.run.status == "open"
