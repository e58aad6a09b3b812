from datetime import date, timedelta

from rejnistvo.store import list_records, save_record
from rejnistvo.ui.views.deadlines_view import DeadlinesView


def test_deadlines_list_shows_a_case_made_overdue(qtbot, ctx):
    today = date(2026, 11, 22)
    # an increase ending in 10 days without a report: due 30 days before its end = overdue
    increase = next(
        i
        for i in list_records(ctx.db, "board_increases")
        if not list_records(ctx.db, "r5_reports", increase_id=i["id"])
    )
    save_record(
        ctx.db,
        "board_increases",
        {
            "id": increase["id"],
            "from_date": today - timedelta(days=120),
            "to_date": today + timedelta(days=10),
        },
    )
    view = DeadlinesView(ctx)
    qtbot.addWidget(view)
    view.today = lambda: today
    view.refresh()
    late = [view.model.row_record(r) for r in range(view.model.rowCount())]
    mine = [
        r
        for r in late
        if r["open_kind"] == "r5" and r["open_id"] == increase["id"] and r["days"] < 0
    ]
    assert mine and mine[0]["due"] == today - timedelta(days=20)
    assert "zamuja" in mine[0]["kind"]
    # double click opens the case through the bus
    row = next(r for r in range(view.proxy.rowCount()) if view.proxy.row_record(r) is mine[0])
    with qtbot.waitSignal(ctx.bus.open_case) as blocker:
        view._open(view.proxy.index(row, 0))
    assert blocker.args == ["r5", increase["id"]]


def test_deadlines_model_passes_qtmodeltester(qtbot, qtmodeltester, ctx):
    view = DeadlinesView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    assert view.model.rowCount() > 0
    qtmodeltester.check(view.model)
