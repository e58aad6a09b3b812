"""Roki: the list from services.deadlines on the context clock's day, in agreement with
the R-5 status of services.cases and the waiting days of Koordinator."""

from datetime import date, timedelta

from rejnistvo.clock import FixedClock
from rejnistvo.services.cases import list_cases
from rejnistvo.services.coordinator import incoming_cases
from rejnistvo.store import list_records, save_record
from rejnistvo.ui.views.deadlines_view import DeadlinesView

TODAY = date(2026, 11, 22)


def _view(qtbot, ctx) -> DeadlinesView:
    ctx.clock = FixedClock(TODAY)
    view = DeadlinesView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    return view


def _rows(view) -> list[dict]:
    return [view.model.row_record(r) for r in range(view.model.rowCount())]


def _unreported_increase(db) -> dict:
    return next(
        i
        for i in list_records(db, "board_increases")
        if not list_records(db, "r5_reports", increase_id=i["id"])
    )


def test_deadlines_list_shows_a_case_made_overdue(qtbot, ctx):
    # an increase ending in 10 days without a report: due 30 days before its end = overdue
    increase = _unreported_increase(ctx.db)
    save_record(
        ctx.db,
        "board_increases",
        {
            "id": increase["id"],
            "from_date": TODAY - timedelta(days=120),
            "to_date": TODAY + timedelta(days=10),
            "report_requested_on": None,
        },
    )
    view = _view(qtbot, ctx)
    mine = [
        r
        for r in _rows(view)
        if r["open_kind"] == "r5" and r["open_id"] == increase["id"] and r["days"] < 0
    ]
    assert mine and mine[0]["due"] == TODAY - timedelta(days=20)
    assert "zamuja" in mine[0]["kind_name"]
    # double click opens the case through the bus
    row = next(r for r in range(view.proxy.rowCount()) if view.proxy.row_record(r) is mine[0])
    with qtbot.waitSignal(ctx.bus.open_case) as blocker:
        view._open(view.proxy.index(row, 0))
    assert blocker.args == ["r5", increase["id"]]


def test_report_requested_earlier_is_overdue_on_roki_and_in_the_case_list(qtbot, ctx):
    """Issue 9: the centre asked for the report by a day now past; the period's own due
    date is months away. Roki and the `cases` status must both say overdue."""
    increase = _unreported_increase(ctx.db)
    save_record(
        ctx.db,
        "board_increases",
        {
            "id": increase["id"],
            "from_date": TODAY - timedelta(days=60),
            "to_date": TODAY + timedelta(days=200),
            "report_requested_on": TODAY - timedelta(days=3),
        },
    )
    view = _view(qtbot, ctx)
    roki = [r for r in _rows(view) if r["open_kind"] == "r5" and r["open_id"] == increase["id"]]
    assert [r["kind"] for r in roki] == ["r5_overdue"]
    assert roki[0]["due"] == TODAY - timedelta(days=3)
    status = {c.id: c.status for c in list_cases(ctx.db, TODAY) if c.kind == "r5"}
    assert status[increase["id"]] == "overdue"


def test_r4_waiting_days_are_the_same_on_roki_and_koordinator(qtbot, ctx):
    case = next(
        c
        for c in list_records(ctx.db, "r4_cases")
        if c["sent_on"] and not c["decided_on"] and c["subgroup_id"]
    )
    # Sent 50 days ago, received 45 days ago: both screens count from receipt.
    save_record(
        ctx.db,
        "r4_cases",
        {
            "id": case["id"],
            "sent_on": TODAY - timedelta(days=50),
            "received_on": TODAY - timedelta(days=45),
            "accepted_on": None,
            "commission_named_on": None,
        },
    )
    view = _view(qtbot, ctx)
    roki = [r for r in _rows(view) if r["open_kind"] == "r4" and r["open_id"] == case["id"]]
    assert roki and "45 dni" in roki[0]["what"]
    assert roki[0]["due"] == TODAY - timedelta(days=45) + timedelta(days=30)
    waiting = {c.id: c.waiting for c in incoming_cases(ctx.db, case["subgroup_id"], TODAY)}
    assert waiting[case["id"]] == 45


def test_deadlines_model_passes_qtmodeltester(qtbot, qtmodeltester, ctx):
    # The shared demo file follows the machine's date; make one reminder on TODAY.
    increase = _unreported_increase(ctx.db)
    save_record(
        ctx.db,
        "board_increases",
        {"id": increase["id"], "from_date": TODAY - timedelta(days=20), "to_date": TODAY},
    )
    view = _view(qtbot, ctx)
    assert view.model.rowCount() > 0
    qtmodeltester.check(view.model)


def test_roki_and_the_r4_list_export_to_excel_and_print(qtbot, ctx, tmp_path):
    from openpyxl import load_workbook
    from PySide6.QtCore import Qt

    from rejnistvo.ui.views.r4_view import R4View

    view = _view(qtbot, ctx)
    target = tmp_path / "roki.xlsx"
    ctx.interaction.answers.append(str(target))
    qtbot.mouseClick(view.btn_export, Qt.MouseButton.LeftButton)
    sheet = load_workbook(target).active
    assert sheet["A1"].value == "Rok" and sheet.max_row == view.proxy.rowCount() + 1
    view.print_document()
    qtbot.addWidget(view.exporter.preview)
    assert view.exporter.preview.pdf.startswith(b"%PDF")

    r4 = R4View(ctx)
    qtbot.addWidget(r4)
    r4.refresh()
    target = tmp_path / "r4.csv"
    ctx.interaction.answers.append(str(target))
    r4.list_exporter.export()
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == r4.proxy.rowCount() + 1


def test_rows_and_summary_are_the_services_list(qtbot, ctx):
    """Each row is the reminder of services.deadlines in its order, named by its kind, and
    the summary counts the late ones (the first rows: the list is earliest first)."""
    from rejnistvo.services.deadlines import list_deadlines

    view = _view(qtbot, ctx)
    deadlines = list_deadlines(ctx.db, TODAY)
    rows = _rows(view)
    assert [{k: v for k, v in r.items() if k not in ("kind_name", "id")} for r in rows] == [
        d.as_row() for d in deadlines
    ]
    assert {r["kind"]: r["kind_name"] for r in rows}.get("training") == "Usposabljanje rejnika"
    late = sum(1 for d in deadlines if d.late)
    assert late and view.summary.text() == f"Opomniki: {len(rows)}, od tega zamujeni: {late}."


def test_search_finds_by_kind_carer_and_child_without_accents(qtbot, ctx):
    """The search texts are the shown cells (kind, carer, child, detail), made after the
    list is shown; č = c as in every list."""
    view = _view(qtbot, ctx)
    rows = _rows(view)
    carer = next(r["carer"] for r in rows if any(c in r["carer"] for c in "čšžČŠŽ"))
    plain = carer.translate(str.maketrans("čšžČŠŽ", "cszCSZ")).lower()
    assert view.model.search_texts()[0]  # made on demand (all of them by the first key)
    view.search.setText(plain)
    shown = [view.proxy.row_record(r) for r in range(view.proxy.rowCount())]
    assert [r for r in rows if r["carer"] == carer] == [r for r in shown if r["carer"] == carer]
    fold = str.maketrans("čšžćđČŠŽĆĐ", "cszcdCSZCD")
    for r in shown:  # nothing else: each shown row has the name in a shown cell
        cells = f"{r['kind_name']} {r['carer']} {r['child']} {r['what']}"
        assert plain in cells.translate(fold).lower()
    view.search.setText("usposabljanje")
    shown = [view.proxy.row_record(r) for r in range(view.proxy.rowCount())]
    assert shown and all(r["kind"] == "training" for r in shown)


def test_day_phrases_are_made_once_for_every_repaint(monkeypatch):
    from rejnistvo.rules import plural
    from rejnistvo.ui.views import deadlines_view

    made = []
    real = plural.accusative_phrase

    def counted(count, noun):
        made.append(count)
        return real(count, noun)

    monkeypatch.setattr(plural, "accusative_phrase", counted)
    monkeypatch.setattr(deadlines_view, "_PHRASES", {})
    texts = [deadlines_view.days_text(d) for d in (3, -3, 3, 0, None, 1)]
    assert texts == ["čez 3 dni", "zamuja 3 dni", "čez 3 dni", "danes", "", "čez 1 dan"]
    assert made == [3, 1]  # a filter keystroke repaints the same counts again and again


def test_idle_turns_make_short_slices_of_search_texts_and_fill_them_all(qtbot, ctx, monkeypatch):
    """The first idle turn comes before the window's first paint: each turn makes and
    folds Roki's texts in short steps for half a millisecond (not 2,000-row steps for 4
    ms), and the turns still make them all, the same as the texts made at once."""
    from rejnistvo.ui.views import deadlines_view

    asked: list[int] = []
    real = deadlines_view._SearchTexts.__getitem__

    def getitem(self, index):
        found = real(self, index)
        if isinstance(index, slice):
            asked.append(len(found))
        return found

    monkeypatch.setattr(deadlines_view._SearchTexts, "__getitem__", getitem)
    monkeypatch.setattr(deadlines_view._SearchTexts, "slice_rows", 7)
    view = _view(qtbot, ctx)
    count = view.model.rowCount()
    assert count > 7 * 3
    # the idle turns, as the list's timer runs them (the first after a filter key typed
    # in an earlier list waits a moment: ui.models.table)
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert asked[0] == 7  # steps of the slice the texts ask for
    qtbot.waitUntil(lambda: sum(asked) == count, timeout=5000)
    assert max(asked) <= 7 and len(asked) >= count // 7
    made = list(view.model.search_texts())
    view.refresh()
    assert made == view.model.search_texts()  # folded at once: the same texts


def test_enter_on_a_reminder_opens_its_record(qtbot, ctx):
    from PySide6.QtCore import Qt

    view = _view(qtbot, ctx)
    view.show()
    view.table.setFocus()
    view.table.selectRow(0)
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    first = view.proxy.row_record(0)
    with qtbot.waitSignal(ctx.bus.open_case) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == [first["open_kind"], int(first["open_id"])]
    qtbot.waitExposed(view)
    rect = view.table.visualRect(view.proxy.index(0, 1))
    assert rect.isValid()
    with qtbot.waitSignal(ctx.bus.open_case) as blocker:  # and a double click, as before
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [first["open_kind"], int(first["open_id"])]
