"""Dnevnik sprememb speaks Slovenian for every change the program logs (round 8, QA3):
a month's close showed the table »payment_runs«, the action »close« and its fields as
»drugo polje«; a renamed carer listed »drugo polje« beside the name (the sort key)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rejnistvo.store import save_record
from rejnistvo.store.audit import write_audit
from rejnistvo.ui.views.audit_log_tab import pretty_json
from rejnistvo.ui.views.audit_log_texts import pretty_value
from rejnistvo.ui.views.settings_view import SettingsView


def _rows(qtbot, ctx) -> list[dict]:
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.tabs.setCurrentWidget(view.audit_tab)
    tab = view.audit_tab
    tab.page_size = 10
    tab.reload()
    return [tab.model.row_record(i) for i in range(tab.model.rowCount())]


def test_month_close_reopen_settlement_and_restore_read_in_slovenian(qtbot, ctx):
    with ctx.db.atomic():
        write_audit(
            ctx.db,
            "payment_runs",
            1,
            "close",
            None,
            {
                "month": "2026-02",
                "total": Decimal("1098.00"),
                "overpayments": 0,
                "lines": 1,
                "closed_by": "Maja",
                "closed_on": date(2026, 3, 2),
            },
        )
        write_audit(
            ctx.db,
            "payment_runs",
            1,
            "reopen",
            {"month": "2026-02", "closed_by": "Maja", "closed_on": date(2026, 3, 2)},
            {"reason": "napačna vrstica", "reopened_by": "Maja"},
        )
        write_audit(
            ctx.db,
            "overpayment_settlements",
            1,
            "insert",
            None,
            {
                "line_id": 5,
                "method": "offset",
                "offset_month": "2026-04",
                "note": None,
                "amount": Decimal("12.00"),
            },
        )
        write_audit(
            ctx.db, "audit_log", None, "accept_restored_copy", {"last_id": 3}, {"last_id": 9}
        )
    rows = _rows(qtbot, ctx)[:4]
    assert [r["table_label"] for r in rows] == [
        "Dnevnik sprememb",
        "Poravnave preplačil",
        "Mesečna izplačila",
        "Mesečna izplačila",
    ]
    assert [r["action_label"] for r in rows] == [
        "sprejeta obnovljena baza",
        "nov zapis",
        "ponovno odprt mesec",
        "zaključek meseca",
    ]
    for row in rows:
        assert "drugo polje" not in row["changes"], row
        assert row["changes"], row


def test_renamed_carer_lists_the_name_not_its_sort_key(qtbot, ctx):
    carer = save_record(ctx.db, "carers", {"name": "Zofka Novak", "address": "Kranj 1"})
    save_record(ctx.db, "carers", {"id": carer, "name": "Zofka Žnidaršič"})
    newest = _rows(qtbot, ctx)[0]
    assert newest["table_label"] == "Rejniki"
    assert "ime" in newest["changes"].lower()
    assert "drugo polje" not in newest["changes"], newest["changes"]
    assert "drugo polje" not in pretty_json({"name": "Zofka", "surname_key": "znidarsic"})


def test_a_member_named_by_its_candidate_is_not_named_twice():
    """»kandidat Boštjan Žnidaršič, ime Boštjan Žnidaršič« in a commission's members (QA20);
    a name written otherwise than the candidate's keeps both."""
    members = [
        {"position": 1, "name": "Boštjan Žnidaršič", "candidate_id": 3},
        {"position": 2, "name": "A. Novak", "candidate_id": 4},
    ]
    names = {"candidate_id": {3: "Boštjan Žnidaršič", 4: "Ana Novak"}}
    assert pretty_value(members, names).splitlines() == [
        "  • mesto 1, ime Boštjan Žnidaršič",
        "  • mesto 2, ime A. Novak, kandidat Ana Novak",
    ]
