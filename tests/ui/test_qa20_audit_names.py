"""QA20: Dnevnik sprememb's details named the records a change points to by their ids
(»otrok: 12«, »namestitev: 7«, title »zapis 7«); they are named as a clerk knows them."""

from __future__ import annotations

from rejnistvo.services.audit_details import audit_entry
from rejnistvo.store import save_record
from rejnistvo.ui.views.settings_view import SettingsView


def _placement(db) -> tuple[int, int, int]:
    carer = save_record(db, "carers", {"name": "Zofka Žnidaršič"})
    child = save_record(db, "children", {"name": "Špela Čuk"})
    placement = save_record(
        db, "placements", {"carer_id": carer, "child_id": child, "contract_no": "P-17"}
    )
    return carer, child, placement


def test_the_service_names_the_records_a_change_points_to(ctx):
    carer, child, placement = _placement(ctx.db)
    last = ctx.db.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    entry = audit_entry(ctx.db, last)
    assert entry is not None and entry["record_id"] == placement
    assert entry["names"]["carer_id"] == {carer: "Zofka Žnidaršič"}
    assert entry["names"]["child_id"] == {child: "Špela Čuk"}
    assert entry["record_name"] == "Špela Čuk – Zofka Žnidaršič (pogodba P-17)"
    assert audit_entry(ctx.db, last + 1000) is None


def test_the_details_window_shows_names_not_ids(qtbot, ctx):
    carer, child, placement = _placement(ctx.db)
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.tabs.setCurrentWidget(view.audit_tab)
    tab = view.audit_tab
    qtbot.keyClicks(tab.search, "P-17")
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 1, timeout=2000)
    dialog = tab.show_details(0)
    qtbot.addWidget(dialog)
    after = dialog.after.toPlainText()
    assert "rejnik: Zofka Žnidaršič" in after
    assert "otrok: Špela Čuk" in after
    assert f"otrok: {child}" not in after and f"rejnik: {carer}" not in after
    assert "Špela Čuk – Zofka Žnidaršič" in dialog.windowTitle()
    assert f"zapis {placement}" not in dialog.windowTitle()
    dialog.close()


def test_a_record_deleted_since_keeps_its_number(qtbot, ctx):
    from rejnistvo.ui.views.audit_log_texts import pretty_json

    assert pretty_json({"child_id": 99}, {"child_id": {}}) == "otrok: 99"
    assert pretty_json({"child_id": 99}, {"child_id": {99: "Ana"}}) == "otrok: Ana"
