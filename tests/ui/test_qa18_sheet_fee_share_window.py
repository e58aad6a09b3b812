"""QA18: Izračun prints the stored part-time placement's fee share on its payment sheet
(the form's test: tests/forms/test_qa18_sheet_fee_share.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from _fixtures_b import b_ctx, b_db  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from test_calc_view import make_view

from rejnistvo.rules.periods import Period
from rejnistvo.store import get_record, save_record


def test_the_stored_share_reaches_the_sheet(qtbot, b_ctx):  # noqa: F811
    placement = b_ctx.db.b_ids["placement"]
    version = get_record(b_ctx.db, "placements", placement)["version"]
    save_record(
        b_ctx.db,
        "placements",
        {"id": placement, "version": version, "part_time": 1, "fee_share": "0.40"},
    )
    view = make_view(qtbot, b_ctx)
    view.show_placement(placement)
    view.sheet_range.set_value(Period(date(2026, 1, 1), date(2026, 2, 28)))
    qtbot.mouseClick(view.sheet_button, Qt.MouseButton.LeftButton)
    assert view.sheet_payments[0].fee == Decimal("184.00")
    assert view.sheet_header()["fee_share"] == Decimal("0.40")


def test_the_typed_share_reaches_the_what_if_sheet(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    view.tabs.setCurrentIndex(1)
    view.whatif_placement.rows[0].period.set_value(Period(date(2026, 1, 1), None))
    view.whatif_range.set_value(Period(date(2026, 3, 1), date(2026, 3, 31)))
    view.part_time_box.setChecked(True)
    qtbot.keyClicks(view.fee_share_edit, "40 %")
    ok, header, payments = view._whatif_document()
    assert ok and payments[0].fee == Decimal("184.00")
    assert header["fee_share"] == Decimal("0.40")
