"""Izplačila → Preplačila: several overpayments selected (Shift, Ctrl, Ctrl+A) are settled
the same way at once, confirmed with their count and total; settled ones in the
selection are left as they are, and the confirmation says so. Keyboard alone."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_db  # noqa: F401 (fixture)
from PySide6.QtCore import Qt
from test_ui_payments import choose, ready, rows, view  # noqa: F401 (fixture)

from rejnistvo.rules.money import format_amount
from rejnistvo.services import rates as rate_service


def overpayments_shown(qtbot, view) -> None:  # noqa: F811
    """August to October closed, then their rate lowered: November's run, closed, has
    an overpayment for each of them."""
    for month in (8, 9, 10):
        choose(qtbot, view, date(2026, month, 1))
        qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    rate_service.add_rate(view.ctx.db, "2026-08-01", "600.00", "400.00", "test: lower")
    view.ctx.bus.records_changed.emit("rates")
    choose(qtbot, view, date(2026, 11, 1))
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    ready(qtbot, view)
    view.over_table.selectRow(0)


def settle_by_keyboard(qtbot, view) -> None:  # noqa: F811
    view.settle_button.setFocus()
    qtbot.keyClick(view.settle_button, Qt.Key.Key_Space)


def test_three_selected_are_settled_at_once(qtbot, view):  # noqa: F811
    overpayments_shown(qtbot, view)
    assert len(rows(view.over_model)) >= 3
    view.over_table.setFocus()
    view.over_table.selectRow(0)
    qtbot.keyClick(view.over_table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view.over_table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert len(view.over_table.selectionModel().selectedRows()) == 3
    total = sum(r["left"] for r in rows(view.over_model)[:3])
    asked = view.ctx.interaction.asked
    view.ctx.interaction.answers.extend(["2026-12", True])
    settle_by_keyboard(qtbot, view)
    ready(qtbot, view)
    kind, _title, text = asked[-1]
    assert kind == "confirm"
    assert f"Vpišem poravnavo za 3 preplačila, skupaj {format_amount(total)} €?" in text
    assert "Preplačila so poračunana z izplačilom za december 2026" in text
    assert "Že poravnanih" not in text
    assert [r["settled"] for r in rows(view.over_model)[:3]] == [True, True, True]


def test_settled_ones_in_the_selection_are_skipped_and_said(qtbot, view):  # noqa: F811
    overpayments_shown(qtbot, view)
    view.ctx.interaction.answers.extend(["", True])  # the first: a refund call
    settle_by_keyboard(qtbot, view)
    ready(qtbot, view)
    shown = rows(view.over_model)
    assert shown[0]["settled"] and not any(r["settled"] for r in shown[1:])
    view.over_table.setFocus()
    qtbot.keyClick(view.over_table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(view.over_table.selectionModel().selectedRows()) == len(shown)
    asked = view.ctx.interaction.asked
    view.ctx.interaction.answers.extend(["2026-12", True])
    settle_by_keyboard(qtbot, view)
    ready(qtbot, view)
    text = asked[-1][2]
    assert "Že poravnanih med izbranimi: 1" in text
    count = len(shown) - 1
    assert f"Vpišem poravnavo za {count} " in text
    assert all(r["settled"] for r in rows(view.over_model))
    # the first kept its refund call: it was left out of the batch
    assert "vračil" in rows(view.over_model)[0]["reason"]


def test_the_batch_is_written_under_the_wait_cursor(qtbot, view, monkeypatch):  # noqa: F811
    # thousands of settlements take a second or two: the window shows it is working
    from PySide6.QtWidgets import QApplication

    from rejnistvo.services import payment_run

    overpayments_shown(qtbot, view)
    seen = []

    def watched(work):
        def under_cursor(*args, **kwargs):
            cursor = QApplication.overrideCursor()
            seen.append((work.__name__, None if cursor is None else cursor.shape()))
            return work(*args, **kwargs)

        return under_cursor

    for name in ("check_settlements", "settle_overpayments"):  # imported at use
        monkeypatch.setattr(payment_run, name, watched(getattr(payment_run, name)))
    view.ctx.interaction.answers.extend(["2026-12", True])
    settle_by_keyboard(qtbot, view)
    ready(qtbot, view)
    wait = Qt.CursorShape.WaitCursor
    assert seen == [("check_settlements", wait), ("settle_overpayments", wait)]
    assert QApplication.overrideCursor() is None
