"""Nastavitve → Dnevnik sprememb: newest first, filter, date range, details, chain check."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from rejnistvo.store import save_record
from rejnistvo.ui.views.settings_view import SettingsView


def _open(qtbot, ctx):
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.tabs.setCurrentWidget(view.audit_tab)  # loads the log
    return view, view.audit_tab


def test_newest_first_limited_and_more(qtbot, ctx):
    view, tab = _open(qtbot, ctx)
    total = ctx.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert tab.model.rowCount() == min(total, tab.page_size)
    ids = [tab.model.row_record(i)["id"] for i in range(tab.model.rowCount())]
    assert ids == sorted(ids, reverse=True) and ids[0] == total
    tab.page_size = 5
    tab.reload()
    assert tab.model.rowCount() == 5 and tab.btn_more.isEnabled()
    tab.load_more()
    assert tab.model.rowCount() == 10
    assert "najnovejših" in tab.count_label.text()


def test_filter_and_details(qtbot, ctx):
    ctx.user_name = "Maja Kos"  # the name set on this computer
    carer = save_record(ctx.db, "carers", {"name": "Zofka Žnidaršič"})
    save_record(ctx.db, "carers", {"id": carer, "address": "Kranj 1"})
    view, tab = _open(qtbot, ctx)
    qtbot.keyClicks(tab.search, "Kranj 1")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=2000)
    row = tab.model.row_record(0)
    assert row["record_id"] == carer and row["action_label"] == "sprememba"
    assert row["user_name"] == "Maja Kos" and row["changes"] == "naslov"
    assert tab.proxy.index(0, 4).data() == "Rejniki"
    dialog = tab.show_details(0)
    qtbot.addWidget(dialog)
    assert "naslov: —" in dialog.before.toPlainText()  # Slovenian names, no JSON
    assert "address" not in dialog.before.toPlainText()
    assert "naslov: Kranj 1" in dialog.after.toPlainText()
    assert "Žnidaršič" in dialog.after.toPlainText()
    dialog.close()


def test_double_click_opens_details(qtbot, ctx):
    view, tab = _open(qtbot, ctx)
    view.show()
    qtbot.waitExposed(view)
    index = tab.proxy.index(0, 1)
    rect = tab.table.visualRect(index)
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    # an item view opens on a double click that follows a press on the same row
    QTest.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.dialog is not None and tab.dialog.isVisible()
    tab.dialog.close()


def test_date_range_validated_beside_field_and_kept(qtbot, ctx):
    view, tab = _open(qtbot, ctx)
    today = datetime.now(UTC).date()
    shown = tab.model.rowCount()
    tab.date_from.set_value(today + timedelta(days=1))
    tab.reload()
    assert tab.model.rowCount() == 0
    tab.date_from.set_value(today)
    tab.date_to.set_value(today - timedelta(days=3))
    tab.reload()
    assert "pred začetkom" in tab.date_to.error_text()
    tab.date_to.setText("32. 1. 2026")
    tab.reload()
    assert tab.date_to.error_text() and tab.date_to.text() == "32. 1. 2026"
    tab.date_to.set_value(today)
    tab.reload()
    assert tab.model.rowCount() == shown


def test_verify_chain_ok_then_broken(qtbot, ctx, interaction):
    view, tab = _open(qtbot, ctx)
    assert tab.verify_chain() == []
    assert "cela" in tab.verify_result.text()
    assert interaction.asked[-1][0] == "info"
    # someone drops the protection and edits a row outside the program
    ctx.db.execute("DROP TRIGGER audit_log_no_update")
    ctx.db.execute("UPDATE audit_log SET user_name = 'vsiljivec' WHERE id = 1")
    problems = tab.verify_chain()
    assert any("audit_log_no_update" in p for p in problems)
    assert any("vrstica 1" in p for p in problems)
    assert "NI cela" in tab.verify_result.text()
    assert interaction.errors


def test_audit_model_passes_modeltester(qtbot, qtmodeltester, ctx):
    view, tab = _open(qtbot, ctx)
    tab.page_size = 50
    tab.reload()
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)
