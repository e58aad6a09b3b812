"""Izplačila (QA14): the close question names the overpayments the close lists apart,
and the footer says what of them is still to recover once some are settled, instead of
their full sum as if all were owed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from _fixtures_b import b_db  # noqa: F401 (fixture)
from PySide6.QtCore import Qt
from test_payments_settle_confirm import overpayment_shown
from test_ui_payments import choose, ready, rows, view  # noqa: F401 (fixture)

from rejnistvo.rules.money import format_amount
from rejnistvo.rules.payment_run import OVERPAYMENT, Amounts
from rejnistvo.services import rates as rate_service
from rejnistvo.services.payment_run.lines import CLOSED, PaymentRun, RunLine, RunLines
from rejnistvo.ui.views.payments_table import shown_run


def test_close_question_names_the_overpayments(qtbot, view):  # noqa: F811
    choose(qtbot, view, date(2026, 10, 1))
    view.ctx.interaction.answers.append(True)
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    assert "Preplačila" not in view.ctx.interaction.asked[-1][2]  # none found: not said
    rate_service.add_rate(view.ctx.db, "2026-10-01", "600.00", "400.00", "test: lower")
    view.ctx.bus.records_changed.emit("rates")
    choose(qtbot, view, date(2026, 11, 1))
    count = len(rows(view.over_model))
    assert count and view.shown.overpaid
    view.ctx.interaction.answers.append(False)
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    kind, _title, text = view.ctx.interaction.asked[-1]
    assert kind == "confirm"
    assert (
        f"Preplačila (niso odšteta): {count}, skupaj {format_amount(view.shown.overpaid)} €" in text
    )
    assert "na zaslonu Roki" in text


def test_footer_says_what_is_left_once_settled(qtbot, view):  # noqa: F811
    overpayment_shown(qtbot, view)
    whole = format_amount(view.shown.overpaid)
    assert view.total_label.text().count("poravnan") == 0
    view.over_table.selectAll()
    view.ctx.interaction.answers.extend(["2026-12", True])
    qtbot.mouseClick(view.settle_button, Qt.MouseButton.LeftButton)
    ready(qtbot, view)
    assert all(record["settled"] for record in rows(view.over_model))
    text = view.total_label.text().replace("\u00a0", " ")
    assert f"preplačila (niso odšteta): {whole} € · vsa poravnana" in text


def _over(total: str, *, cleared: bool = False, left: str | None = None) -> RunLine:
    line = RunLine(
        OVERPAYMENT, date(2026, 10, 1), 1, 1, "Rejnica", "Otrok", "1220-A/2026", None, 1,
        "CSD", None, "", 0, "", Amounts(total=Decimal(total)), "", None,
    )  # fmt: skip
    line.cleared = cleared
    line.left = None if left is None else Decimal(left)
    return line


def test_a_closed_months_overpayments_left_to_recover():
    """Settled: nothing; part given back by a later change: what is left; else all."""
    lines = RunLines([_over("-100.00"), _over("-50.00", cleared=True),
                      _over("-40.00", left="15.00"), _over("-30.00", left="-5.00")])  # fmt: skip
    shown = shown_run(PaymentRun(date(2026, 11, 1), CLOSED, lines, ()))
    assert shown.overpaid == Decimal("220.00") and shown.overpayment_count == 4
    assert shown.left_to_recover == Decimal("115.00")


def test_what_is_left_is_a_part_of_its_own_and_the_page_stays_narrow(qtbot, view):  # noqa: F811
    overpayment_shown(qtbot, view)
    view.shown = replace(
        view.shown,
        total=Decimal("20195467.90"),
        overpaid=Decimal("848099.91"),
        left_to_recover=Decimal("848099.90"),
        undone=Decimal("123456.78"),
    )
    view._show_status()
    parts = view.total_label.text().split(" · ")
    assert parts[2] == "še neporavnano: 848.099,90 €".replace(" ", "\u00a0")
    view.layout().activate()
    assert view.minimumSizeHint().width() <= 820
