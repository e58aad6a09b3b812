"""Koordinator's paged lists show exactly what the whole lists showed before paging.

The reference here is the code the screen used before (issue 13): every incoming case
through ``to_row``/``RegisterRow.status``/``workflow.waiting_days``, the register's rows
through ``dataclasses.asdict``, every case through ``r4_cases.list_cases``. Each paged
list must give the same ids in the same order, the same records, the same cells on
screen and the same search texts, on the demo with a fixed clock.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date, timedelta

import pytest

from rejnistvo.register import workflow
from rejnistvo.register.queries import (
    case_members,
    register_pages,
    register_rows,
    register_years,
    select_cases,
    to_row,
)
from rejnistvo.register.rows import STATUSES
from rejnistvo.services.coordinator import incoming_case, incoming_pages, package_case_pages
from rejnistvo.services.r4_cases import list_cases
from rejnistvo.ui.models import RecordTableModel
from rejnistvo.ui.views.coordinator_view import CoordinatorView

_INCOMING = (
    "c.subgroup_id = ? AND c.returned_on IS NULL "
    "AND COALESCE(c.received_on, c.sent_on, c.accepted_on) IS NOT NULL"
)


#: what the incoming list's records hold (the columns, the colour and the steps' state)
LIST_KEYS = (
    "id",
    "version",
    "case_no",
    "child",
    "centre",
    "sent_on",
    "received_on",
    "received",
    "accepted",
    "commission_named",
    "decided",
    "status",
    "waiting",
    "overdue",
    "returned",
)


def old_incoming(db, subgroup: int, today: date) -> list[dict]:
    """The incoming list as the screen built it before paging."""
    threshold = workflow.waiting_threshold(db)
    records = select_cases(db, _INCOMING, (subgroup,))
    members = case_members(db, [r["id"] for r in records])
    rows = []
    for record in records:
        row = to_row(record, members.get(record["id"], ()))
        received = workflow.received_date(record)
        days = workflow.waiting_days(received, row.decided, today)
        rows.append(
            {
                "id": row.case_id,
                "version": int(record["version"]),
                "case_no": row.case_no,
                "child": row.child,
                "carer": row.carer,
                "centre": row.centre,
                "unit": row.unit,
                "proposed_percent": row.proposed_percent,
                "sent_on": workflow.as_date(record.get("sent_on")),
                "received_on": workflow.as_date(record.get("received_on")),
                "received": received,
                "accepted": row.accepted,
                "commission_named": row.commission_named,
                "decided": row.decided,
                # a case only sent reads »poslano« until its receipt is recorded (QA3)
                "status": "poslano"
                if row.status == "prejeto" and not record.get("received_on")
                else row.status,
                "members": ", ".join(row.members),
                "decision": row.decision_text,
                "resolution_no": row.resolution_no,
                "waiting": days,
                "overdue": days is not None and row.decided is None and days > threshold,
                "returned": row.returned,
            }
        )
    return sorted(rows, key=lambda r: (-(r["waiting"] or 0), r["id"]))


def old_register_row(row) -> dict:
    d = asdict(row)
    d.update(
        id=row.case_id,
        status=row.status,
        decision=row.decision_text,
        members=", ".join(row.members),
    )
    return d


def old_package_rows(db, names: dict[str, str]) -> list[dict]:
    return [
        {
            "id": case.id,
            "case_no": case.proposal.case_no,
            "carer_name": case.carer_name,
            "child_name": case.child_name,
            "state": names[case.status],
        }
        for case in list_cases(db)
    ]


def subgroups(db) -> list[int]:
    return [row["id"] for row in db.query("SELECT id FROM subgroups ORDER BY id")]


def assert_same_list(model: RecordTableModel, pages, old: list[dict]) -> None:
    """Ids, records, every cell, colour and search text of the paged list equal the old."""
    assert pages.ids == [r["id"] for r in old]
    fetched = {r["id"]: r for r in pages.fetch(pages.ids)}
    assert [fetched[i] for i in pages.ids] == old
    whole = RecordTableModel([(model.column_key(c), "") for c in range(model.columnCount())])
    whole._columns = list(model._columns)  # same formatters and alignment
    whole._foreground = model._foreground
    whole.set_rows(old)
    model.set_pages(pages)
    assert model.rowCount() == whole.rowCount() == len(old)
    for row in range(len(old)):
        for col in range(model.columnCount()):
            for role in (0, 9, 7):  # display, foreground, alignment
                assert model.cell(row, col, role) == whole.cell(row, col, role), (row, col, role)
    # the search looks in the names as stored (the service's texts): the centre's column
    # shows its short name (``short_centre``), its search text the whole one; so the
    # register's unit (``short_unit``)
    searched = RecordTableModel([(model.column_key(c), "") for c in range(model.columnCount())])
    searched._columns = [
        replace(c, formatter=None) if c.key in ("centre", "unit") else c for c in model._columns
    ]
    searched.set_rows(old)
    assert model.search_texts() == searched.search_texts()


@pytest.fixture
def varied(ctx):
    """The demo plus the awkward cases: received but not sent, only accepted, no number,
    received on the day it was sent, and a long wait past the threshold."""
    db, today = ctx.db, ctx.clock.today()
    cases = [r["id"] for r in db.query("SELECT id FROM r4_cases ORDER BY id")]
    with db.atomic():
        db.execute(
            "UPDATE r4_cases SET sent_on = NULL, received_on = ? WHERE id = ?",
            [(today - timedelta(days=3)).isoformat(), cases[0]],
        )
        db.execute(
            "UPDATE r4_cases SET sent_on = NULL, received_on = NULL, accepted_on = ?, "
            "case_no = NULL WHERE id = ?",
            [(today - timedelta(days=10)).isoformat(), cases[1]],
        )
        db.execute(
            "UPDATE r4_cases SET sent_on = ?, received_on = ?, accepted_on = NULL, "
            "commission_named_on = NULL, decided_on = NULL, returned_on = NULL WHERE id = ?",
            [(today - timedelta(days=90)).isoformat()] * 2 + [cases[2]],
        )
    return ctx


def test_incoming_pages_show_the_old_list(qtbot, varied):
    view = CoordinatorView(varied)
    qtbot.addWidget(view)
    today = varied.clock.today()
    seen = 0
    for subgroup in subgroups(varied.db):
        old = old_incoming(varied.db, subgroup, today)
        seen += len(old)
        # the list's records are narrow; the step panel reads the whole case when selected
        narrow = [{key: row[key] for key in LIST_KEYS} for row in old]
        assert_same_list(view.cases_model, incoming_pages(varied.db, subgroup, today), narrow)
        for row in old:
            case = incoming_case(varied.db, row["id"], today)
            assert case is not None and case.as_row() == row
    assert seen, "the demo has proposals at the coordinators"
    statuses = {
        r["status"] for s in subgroups(varied.db) for r in old_incoming(varied.db, s, today)
    }
    assert len(statuses) >= 3  # the comparison covered several steps


def test_register_pages_show_the_old_register(qtbot, varied):
    view = CoordinatorView(varied)
    qtbot.addWidget(view)
    view.tabs.setCurrentIndex(1)  # the register tab is built when first shown
    compared = 0
    for subgroup in subgroups(varied.db):
        for year in register_years(varied.db, subgroup):
            rows = register_rows(varied.db, subgroup, year)
            for status in (None, *STATUSES):
                old = [old_register_row(r) for r in rows if not status or r.status == status]
                pages = register_pages(varied.db, subgroup, year, status)
                assert_same_list(view.register_model, pages, old)
                compared += len(old)
    assert compared


def test_package_pages_show_every_case_as_before(qtbot, varied):
    view = CoordinatorView(varied)
    qtbot.addWidget(view)
    view.tabs.setCurrentIndex(2)  # Paketi is built when first shown
    names = view._state_names()
    old = old_package_rows(varied.db, names)
    assert len({r["state"] for r in old}) >= 4
    assert_same_list(view.all_cases_model, package_case_pages(varied.db, names), old)


def test_a_step_row_is_the_pages_record(qtbot, varied):
    """After a step the changed row is the record the list's pages give for it."""
    view = CoordinatorView(varied)
    qtbot.addWidget(view)
    view.refresh()
    view.tabs.setCurrentIndex(2)
    view.tabs.setCurrentIndex(0)
    today = varied.clock.today()
    for index in range(view.subgroup_combo.count()):
        view.subgroup_combo.setCurrentIndex(index)
        rows = [view.cases_proxy.row_record(r) for r in range(view.cases_proxy.rowCount())]
        record = next((r for r in rows if r["received"] and not r["accepted"]), None)
        if record is not None:
            break
    assert record is not None
    view.cases_table.selectRow(
        view.cases_proxy.mapFromSource(
            view.cases_model.index(view.cases_model.find_row("id", record["id"]), 0)
        ).row()
    )
    view.step_date.set_value(max(record["received"], today))
    view.tabs.setCurrentIndex(2)
    view.tabs.setCurrentIndex(0)
    assert view.accept_case()
    shown = view.cases_model.row_record(view.cases_model.find_row("id", record["id"]))
    pages = incoming_pages(varied.db, view._subgroup(), today)
    assert shown == pages.fetch([record["id"]])[0]
    assert shown["status"] == "sprejeto"
    names = view._state_names()
    package_row = view.all_cases_model.row_record(view.all_cases_model.find_row("id", record["id"]))
    assert package_row == package_case_pages(varied.db, names).fetch([record["id"]])[0]
    assert package_row["state"] == names["accepted"]


def test_hidden_tabs_wait_until_shown(qtbot, ctx, monkeypatch):
    """Opening the screen reads the incoming list only; the register and Paketi are built
    and read when the coordinator first looks at them, and read again after a refresh."""
    import rejnistvo.register.queries as queries
    import rejnistvo.services.coordinator as service

    calls: list[str] = []
    for module, name in ((queries, "register_pages"), (service, "package_case_pages")):
        original = getattr(module, name)

        def counted(*args, _original=original, _name=name, **kwargs):
            calls.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)
    view = CoordinatorView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    assert view._built_tabs == {0} and view._loaded_tabs == {0} and calls == []
    view.tabs.setCurrentIndex(1)
    view.tabs.setCurrentIndex(2)
    assert calls == ["register_pages", "package_case_pages"]
    assert view.status_combo.count() == 7  # "vsa" and the six statuses, in Slovenian
    assert view.status_combo.property("rejnistvoWheelGuarded")  # like the screen's others
    view.tabs.setCurrentIndex(1)
    assert calls == ["register_pages", "package_case_pages"]  # read once per refresh
    view.refresh()
    assert calls[-1] == "register_pages" and len(calls) == 3  # only the tab on screen
