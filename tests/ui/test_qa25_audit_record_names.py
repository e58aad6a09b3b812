"""QA25: Dnevnik sprememb's »Zapis« column showed a record's number (»7«) while the
details window named it; a clerk looking for what changed had to open row after row. The
column now names the record (a child, a carer, a placement by its child and carer, an
R-4 case by its number, a one-off payment by its carer and day, a rate row by its first
day, a closed month by the month …), read once per page and table, not once per row; a record
deleted since is named from its last snapshot, a record without a name keeps its number."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from rejnistvo.services.audit_details import audit_page
from rejnistvo.store import delete_record, save_record, set_setting
from rejnistvo.store.audit import write_audit


def _placement(db) -> tuple[int, int, int]:
    carer = save_record(db, "carers", {"name": "Zofka Žnidaršič"})
    child = save_record(db, "children", {"name": "Špela Čuk"})
    placement = save_record(
        db, "placements", {"carer_id": carer, "child_id": child, "contract_no": "P-17"}
    )
    return carer, child, placement


def test_the_page_names_each_row_s_record(ctx):
    carer, child, placement = _placement(ctx.db)
    gone = save_record(ctx.db, "carers", {"name": "Bojan Šček"})
    delete_record(ctx.db, "carers", gone)
    set_setting(ctx.db, "waiting_days_threshold", "31")
    rows, _ = audit_page(ctx.db, limit=6)
    by_table = [(row["table_name"], row["record_name"]) for row in rows]
    assert ("placements", "Špela Čuk – Zofka Žnidaršič (pogodba P-17)") in by_table
    assert ("children", "Špela Čuk") in by_table
    assert ("carers", "Zofka Žnidaršič") in by_table
    # deleted since: its name from what the log kept of it, on its insert and delete
    assert by_table.count(("carers", "Bojan Šček")) == 2


def test_one_query_per_table_of_a_page_not_one_per_row(ctx):
    rows, _ = audit_page(ctx.db, limit=5)
    for i in range(40):
        save_record(ctx.db, "carers", {"name": f"Rejnik {i}"})
        save_record(ctx.db, "children", {"name": f"Otrok {i}"})
    statements: list[str] = []
    raw: sqlite3.Connection = ctx.db.conn
    raw.set_trace_callback(statements.append)
    try:
        rows, _ = audit_page(ctx.db, limit=80)
    finally:
        raw.set_trace_callback(None)
    assert {row["record_name"] for row in rows} >= {"Rejnik 0", "Otrok 39"}
    assert len(statements) <= 3, statements  # the page, the carers' and children's names


def test_the_column_shows_names_and_the_number_only_without_one(qtbot, ctx):
    from rejnistvo.ui.views.settings_view import SettingsView

    carer, _, placement = _placement(ctx.db)
    payment = save_record(
        ctx.db,
        "one_off_payments",
        {"carer_id": carer, "kind": "primary_school", "amount": "460.00", "date": "2026-03-02"},
    )
    with ctx.db.atomic():  # a table whose rows have no name
        write_audit(ctx.db, "overpayment_settlements", 4321, "insert", None, {"method": "offset"})
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.tabs.setCurrentWidget(view.audit_tab)
    tab = view.audit_tab
    tab.reload()
    column = next(
        c
        for c in range(tab.model.columnCount())
        if tab.model.headerData(c, Qt.Orientation.Horizontal) == "Zapis"
    )
    shown = {
        tab.proxy.index(row, column).data(): tab.proxy.row_record(row)
        for row in range(min(tab.proxy.rowCount(), 10))
    }
    assert "Špela Čuk – Zofka Žnidaršič (pogodba P-17)" in shown
    assert str(placement) not in shown
    assert shown["Zofka Žnidaršič, 2. 3. 2026"]["id"] and str(payment) not in shown
    assert shown["4321"]["table_name"] == "overpayment_settlements"  # no name: its number


def test_rate_rows_months_and_r5_records_are_named(ctx):
    from rejnistvo.store.record_names import names_of

    increase, report = ctx.db.execute(
        "SELECT increase_id, id FROM r5_reports ORDER BY id LIMIT 1"
    ).fetchone()
    placement = names_of(ctx.db, "board_increases", [increase])[increase]
    assert names_of(ctx.db, "r5_reports", [report]) == {report: placement}
    rate = save_record(
        ctx.db,
        "rates",
        {"valid_from": "2031-03-01", "board": "700.00", "fee": "500.00", "source": "test"},
    )
    assert names_of(ctx.db, "rates", [rate]) == {rate: "od 1. 3. 2031"}
