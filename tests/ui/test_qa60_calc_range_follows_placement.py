"""QA60: Izračun kept its months after the placement's period was changed elsewhere. A
placement from 15. 11. 2026 (months offered: november–december 2026) whose start was moved
to 10. 12. 2026 on Namestitve still showed november, a month outside the placement; one
whose start was moved back to 1. 9. 2026 missed september and october.

Now the months the program offered follow the placement's new period (as if it were chosen
again); months the clerk typed stay while they lie inside the placement, are trimmed to it
when they reach outside, and give way to the offered ones when none is left."""

from __future__ import annotations

from datetime import date

import pytest
from _fixtures_b import b_ctx, b_db, show_view  # noqa: F401 (fixtures)
from test_calc_view import pin_rates

from rejnistvo.clock import FixedClock
from rejnistvo.rules.periods import Period
from rejnistvo.store import get_record, save_record
from rejnistvo.ui.views.calc_view import CalcView


def _move_start(ctx, start: date) -> None:
    """The placement's contract from ``start``, open, saved as Namestitve saves it."""
    placement = get_record(ctx.db, "placements", ctx.db.b_ids["placement"])
    placement["periods"][0]["from_date"] = start
    save_record(ctx.db, "placements", placement)
    ctx.bus.records_changed.emit("placement")


def _view(qtbot, ctx) -> CalcView:
    pin_rates(ctx.db)
    ctx.clock = FixedClock(date(2026, 12, 5))
    _move_start(ctx, date(2026, 11, 15))
    view = show_view(qtbot, CalcView(ctx))
    view.show_placement(ctx.db.b_ids["placement"])
    return view


def _months(view) -> list[date]:
    return [payment.month for payment in view.sheet_payments]


def test_offered_months_follow_a_later_start(qtbot, b_ctx):  # noqa: F811
    view = _view(qtbot, b_ctx)
    assert view.sheet_range.value() == Period(date(2026, 11, 1), date(2026, 12, 31))
    _move_start(b_ctx, date(2026, 12, 10))
    assert view.sheet_range.value() == Period(date(2026, 12, 1), date(2026, 12, 31))
    assert _months(view) == [date(2026, 12, 1)]
    assert view.sheet_payments[0].days_placed == 22


def test_offered_months_follow_an_earlier_start(qtbot, b_ctx):  # noqa: F811
    view = _view(qtbot, b_ctx)
    _move_start(b_ctx, date(2026, 9, 1))
    assert view.sheet_range.value() == Period(date(2026, 9, 1), date(2026, 12, 31))
    assert len(_months(view)) == 4


@pytest.mark.parametrize(
    ("typed", "start", "shown"),
    [
        # inside the changed placement: the clerk's months stay
        ("1. 12. 2026", date(2026, 9, 1), Period(date(2026, 12, 1), date(2026, 12, 31))),
        # reaching outside: trimmed to the placement
        ("1. 11. 2026", date(2026, 12, 10), Period(date(2026, 12, 1), date(2026, 12, 31))),
    ],
)
def test_months_the_clerk_typed(qtbot, b_ctx, typed, start, shown):  # noqa: F811
    view = _view(qtbot, b_ctx)
    view.sheet_range.start_edit.edit.setText(typed)
    view.sheet_range.end_edit.edit.setText("31. 12. 2026")
    assert view.compute_sheet()
    _move_start(b_ctx, start)
    assert view.sheet_range.value() == shown
    assert _months(view)[0] == shown.start


def test_typed_months_wholly_outside_give_way(qtbot, b_ctx):  # noqa: F811
    view = _view(qtbot, b_ctx)
    view.sheet_range.start_edit.edit.setText("1. 11. 2026")
    view.sheet_range.end_edit.edit.setText("30. 11. 2026")
    assert view.compute_sheet()
    _move_start(b_ctx, date(2026, 12, 10))
    assert view.sheet_range.value() == Period(date(2026, 12, 1), date(2026, 12, 31))


def test_an_unchanged_placement_keeps_the_typed_months(qtbot, b_ctx):  # noqa: F811
    view = _view(qtbot, b_ctx)
    view.sheet_range.start_edit.edit.setText("1. 1. 2026")
    view.sheet_range.end_edit.edit.setText("31. 12. 2026")
    assert view.compute_sheet()
    b_ctx.bus.records_changed.emit("r5")  # another change, not the placement's period
    assert view.sheet_range.value() == Period(date(2026, 1, 1), date(2026, 12, 31))
