"""Izplačila at a laptop's 1024 × 700 (QA6: the ledger's fourteen columns scrolled
sideways): what a caseworker checks is in view, the amounts whole; the centre, the unit
and the IBAN are shown from the header's menu, and the choice is kept."""

from __future__ import annotations

from _laptop_window import laptop_window
from PySide6.QtCore import Qt

from rejnistvo.ui.views.payments_columns import fitted
from rejnistvo.ui.views.payments_view import PaymentsView

AMOUNTS = ("board", "board_increase", "fee", "fee_uplift", "total")


def _shown(table, model) -> list[str]:
    header = table.horizontalHeader()
    return [
        model.column_key(c) for c in range(model.columnCount()) if not header.isSectionHidden(c)
    ]


def _whole(table, model, keys) -> bool:
    """Every row's text of the shown columns among `keys` fits its column (not elided)."""
    metrics, header = table.fontMetrics(), table.horizontalHeader()
    proxy = table.model()
    for column in range(model.columnCount()):
        if model.column_key(column) not in keys or header.isSectionHidden(column):
            continue
        for row in range(min(proxy.rowCount(), 40)):
            text = proxy.index(row, column).data(Qt.ItemDataRole.DisplayRole) or ""
            if metrics.horizontalAdvance(text) + 6 > header.sectionSize(column):
                return False
    return True


def test_the_columns_a_caseworker_checks_are_in_view_at_1024(qtbot, ctx):
    window = laptop_window(qtbot, ctx)
    view = window.show_screen("payments_view")
    qtbot.waitUntil(lambda: not view.is_busy() and view.run is not None, timeout=20000)
    view.tabs.setCurrentIndex(1)
    qtbot.wait(20)
    assert view.paid_model.rowCount() and view.diff_model.rowCount()  # the demo's arrears
    for table, model, keys in (
        (view.paid_table, view.paid_model, [
            "place", "carer", "child", "contract", "days", "factor", *AMOUNTS[:4], "total",
            "kind"]),
        (view.diff_table, view.diff_model, [
            "place", "carer", "child", "contract", "for_month", "total", "board", "fee",
            "reason"]),
    ):  # fmt: skip
        table.parentWidget().show()
        assert _shown(table, model) == keys
        assert table.horizontalHeader().length() <= table.viewport().width()
        assert table.horizontalScrollBar().maximum() == 0
        assert _whole(table, model, AMOUNTS + ("contract", "days", "factor", "for_month"))
    # a cut text is whole in its tooltip; a short header says what it means
    reason = [view.diff_model.column_key(c) for c in range(14)].index("reason")
    index = view.diff_table.model().index(0, reason)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data(Qt.ItemDataRole.DisplayRole)
    tip = view.paid_table.model().headerData(
        7, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert tip.startswith("Od tega zvišanje oskrbnine.") and "Desni klik" in tip


def test_a_hidden_column_is_shown_from_the_headers_menu_and_kept(qtbot, ctx):
    window = laptop_window(qtbot, ctx)
    view = window.show_screen("payments_view")
    qtbot.waitUntil(lambda: not view.is_busy() and view.run is not None, timeout=20000)
    columns = view.line_columns["paid"]
    actions = {action.text(): action for action in columns.menu().actions()}
    assert not actions["IBAN"].isChecked() and actions["Skupaj"].isChecked()
    actions["IBAN"].trigger()
    assert _shown(view.paid_table, view.paid_model)[-1] == "iban"
    assert _whole(view.paid_table, view.paid_model, AMOUNTS)  # the names gave way
    again = PaymentsView(ctx)  # the next start: the same settings
    qtbot.addWidget(again)
    assert "iban" in _shown(again.paid_table, again.paid_model)
    assert "iban" not in _shown(again.diff_table, again.diff_model)  # kept by table


def test_the_names_give_way_after_the_reason_and_the_amounts_never():
    keys = ["carer", "child", "contract", "total", "kind", "reason"]
    natural = [100, 100, 120, 70, 110, 400]
    assert fitted(natural, keys, 900) == [100, 100, 120, 70, 110, 400]  # 900 = 900
    # the reason first, down to its narrowest, then the kind, then the names
    assert fitted(natural, keys, 700) == [100, 100, 120, 70, 110, 200]
    assert fitted(natural, keys, 600) == [100, 100, 120, 70, 60, 150]
    assert fitted(natural, keys, 550) == [82, 72, 120, 70, 56, 150]
    # nothing below the narrowest: the contract and the amounts keep their widths
    assert fitted(natural, keys, 300)[2:4] == [120, 70]
    # room left goes to the reason, else to the names
    assert fitted(natural, keys, 1000)[-1] == 500
    assert fitted([100, 100, 70], ["carer", "child", "total"], 311) == [121, 120, 70]


def test_the_overpayments_tab_fits_at_1024_with_its_reason_elided(qtbot, ctx):
    """QA10/BULK13: on *Preplačila* Razlog stood behind a sideways scroll bar (the tab's
    layout took 22 px and the kind, cut to »prepl…«, took its place)."""
    window = laptop_window(qtbot, ctx)
    view = window.show_screen("payments_view")
    qtbot.waitUntil(lambda: not view.is_busy() and view.run is not None, timeout=20000)
    view.tabs.setCurrentIndex(2)
    qtbot.wait(20)
    table = view.over_table
    assert _shown(table, view.over_model) == [
        "place", "carer", "child", "contract", "for_month", "total", "board", "fee", "reason"
    ]  # fmt: skip
    assert table.horizontalHeader().length() <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    assert table.width() == view.tabs.currentWidget().width()  # no margins of its own
