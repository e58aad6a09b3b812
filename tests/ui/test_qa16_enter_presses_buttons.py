"""Keyboard alone: Enter on a focused button of Koordinator (the steps, Paketi, Evidenca's
exports) and of R-4 (Označi kot poslano, Popravi sklep …) presses it, as on Izračun and
Izplačila. Before, Tab reached »Sprejmi predlog« and Enter did nothing: only Space."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_ctx, b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from test_ui_coordinator_r4 import screens  # noqa: F401 (fixtures)

from rejnistvo.store import get_record
from rejnistvo.ui.views.coordinator_view import CoordinatorView


def test_every_step_and_package_button_takes_enter(qtbot, b_ctx):  # noqa: F811
    view = show_view(qtbot, CoordinatorView(b_ctx))
    view.tabs.setCurrentIndex(1)
    view.tabs.setCurrentIndex(2)
    buttons = [
        view.received_button,
        view.accept_button,
        view.commission_button,
        view.decide_button,
        view.return_button,
        view.export_proposal_button,
        view.import_resolution_button,
        view.import_proposal_button,
        view.export_resolution_button,
        *view.export_buttons.values(),
    ]
    assert all(button.autoDefault() for button in buttons)


def test_enter_on_sprejmi_predlog_accepts(qtbot, screens):  # noqa: F811
    r4, coordinator = screens
    assert r4.send_button.autoDefault() and r4.correct_button.autoDefault()
    case_id = r4.case_id
    row = coordinator.cases_model.find_row("id", case_id)
    coordinator.cases_table.selectRow(
        coordinator.cases_proxy.mapFromSource(coordinator.cases_model.index(row, 0)).row()
    )
    coordinator.step_date.set_value(date(2026, 3, 5))
    coordinator.accept_button.setFocus()
    qtbot.keyClick(coordinator.accept_button, Qt.Key.Key_Return)
    assert get_record(coordinator.ctx.db, "r4_cases", case_id)["accepted_on"] == date(2026, 3, 5)
