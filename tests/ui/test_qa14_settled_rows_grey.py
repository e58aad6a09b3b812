"""QA14: on Izplačila → Preplačila a settled overpayment is told apart from one still
open at a glance: its row is grey (the settlement was only at the end of the reason,
elided at 1024 px, so both rows looked the same)."""

from __future__ import annotations

from _fixtures_b import b_db  # noqa: F401 (fixture)
from PySide6.QtCore import Qt
from test_payments_settle_many import overpayments_shown, settle_by_keyboard
from test_ui_payments import one_step_slices, ready, rows, view  # noqa: F401 (fixture)


def _colour(view, row):  # noqa: F811
    return view.over_model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole)


def test_a_settled_overpayment_is_grey(qtbot, view):  # noqa: F811
    overpayments_shown(qtbot, view)
    assert _colour(view, 0) is None
    view.ctx.interaction.answers.extend(["", True])  # the first: a refund call
    settle_by_keyboard(qtbot, view)
    ready(qtbot, view)
    shown = rows(view.over_model)
    assert shown[0]["settled"] and not shown[1]["settled"]
    assert _colour(view, 0) is not None
    assert _colour(view, 1) is None
    tip = view.settle_button.toolTip() + view.over_table.toolTip()
    assert "siv" in tip


def test_exports_are_greyed_while_no_run_is_shown(qtbot, view, one_step_slices):  # noqa: F811
    """Cancelled (or still computing): PDF … SEPA did nothing when clicked."""
    from datetime import date

    view.load_run(date(2026, 10, 1))
    assert not any(b.isEnabled() for b in view.export_buttons.values())
    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    assert view.run is None
    assert not any(b.isEnabled() for b in view.export_buttons.values())
    view.load_run(date(2026, 10, 1))
    ready(qtbot, view)
    assert all(b.isEnabled() for b in view.export_buttons.values())
