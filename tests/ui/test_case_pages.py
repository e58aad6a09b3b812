"""The paged R-4 and R-5 lists (issue 13) show exactly the lines the full lists showed:
the same ids in the same order, names, status (by the one rule of services.cases),
decision and dates, on a small demo built here with the clock pinned; a save updates
its row with the same builder; the placement picker never holds every placement."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QSettings, Qt

from rejnistvo.clock import FixedClock
from rejnistvo.rules.text import fold
from rejnistvo.services import cases
from rejnistvo.services.placement_search import DEFAULT_LIMIT
from rejnistvo.services.r4_cases import list_cases
from rejnistvo.store import list_records, open_db
from rejnistvo.store.demo import fill_demo
from rejnistvo.ui.bus import Bus
from rejnistvo.ui.context import AppContext
from rejnistvo.ui.interaction import FakeInteraction
from rejnistvo.ui.views.r4_view import STATUS_NAMES as R4_NAMES
from rejnistvo.ui.views.r4_view import R4View
from rejnistvo.ui.views.r5_view import NEW_REPORT_NAMES, R5View
from rejnistvo.ui.views.r5_view import STATUS_NAMES as R5_NAMES

DAY = date(2026, 11, 30)
#: the demo's day, and days on which reports fall due (awaiting → overdue)
DAYS = [DAY, DAY + timedelta(days=45), DAY + timedelta(days=400)]


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("pages") / "demo.sqlite3"
    db = open_db(path)
    fill_demo(db, scale=300, today=DAY)
    db.close()
    return path


@pytest.fixture
def make_ctx(qapp, demo_path, tmp_path):
    """A context over a copy of the demo (a save must not change the module's file)."""
    from rejnistvo.store.backup import backup_to

    opened = []

    def make(day: date) -> AppContext:
        path = tmp_path / "demo.sqlite3"
        backup_to(demo_path, path)
        db = open_db(path)
        opened.append(db)
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        return AppContext(
            db=db,
            db_path=path,
            settings=settings,
            interaction=FakeInteraction(),
            bus=Bus(),
            clock=FixedClock(day),
        )

    yield make
    for db in opened:
        db.close()


def _old_r4_lines(view: R4View) -> list[dict]:
    """The R-4 list as it was built before paging: every case typed, then its line."""
    return [
        {
            "id": case.id,
            "case_no": case.proposal.case_no,
            "child_name": case.child_name,
            "carer_name": case.carer_name,
            "status": case.status,
            "status_name": view.tr(R4_NAMES[case.status]),
            "decision": case.decision_text,
        }
        for case in list_cases(view.ctx.db)
    ]


def _old_r5_lines(view: R5View, today: date) -> list[dict]:
    """The R-5 list as it was built before paging: every increase, the statuses of all."""
    statuses = cases.r5_statuses(view.ctx.db, today)
    # a new report asked for after one was received is due on its own day (m021)
    asked_again = {
        r["increase_id"] for r in list_records(view.ctx.db, "r5_reports") if r["asked_again_on"]
    }
    lines = []
    for row in list_records(view.ctx.db, "board_increases"):
        status = statuses.get(row["id"], "awaiting_report")
        lines.append(
            {
                "id": row["id"],
                "version": row.get("version") or 1,
                "placement_id": row["placement_id"],
                "child_name": row.get("child_name") or "",
                "carer_name": row.get("carer_name") or "",
                "percent": row["percent"],
                "from_date": row["from_date"],
                "to_date": row["to_date"],
                "report_due": cases.r5_report_due(
                    row["from_date"],
                    row["to_date"],
                    row.get("report_requested_on"),
                    row["id"] in asked_again,
                ),
                "status": status,
                "decision_no": row.get("decision_no"),
                "asked_again": row["id"] in asked_again,
                "status_name": view.tr(
                    (NEW_REPORT_NAMES if row["id"] in asked_again else {}).get(status)
                    or R5_NAMES[status]
                ),
            }
        )
    return lines


def _shown(view) -> list[list[str]]:
    model = view.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


@pytest.mark.parametrize("day", DAYS)
def test_paged_r4_lines_are_the_old_full_list(qtbot, make_ctx, day):
    view = R4View(make_ctx(day))
    qtbot.addWidget(view)
    view.refresh()
    assert view.model.is_paged()
    old = _old_r4_lines(view)
    assert len(old) > 20
    assert len({line["status"] for line in old}) >= 3  # the demo has cases at many steps
    paged = [{k: v for k, v in line.items() if k != "version"} for line in view.model.rows()]
    assert paged == old
    # the search texts are what the search box promises: case number, child, carer
    expected = [
        fold(" ".join([line["case_no"] or "", line["child_name"], line["carer_name"]]))
        for line in old
    ]
    assert view.model.search_texts() == expected


@pytest.mark.parametrize("day", DAYS)
def test_paged_r5_lines_are_the_old_full_list(qtbot, make_ctx, day):
    view = R5View(make_ctx(day))
    qtbot.addWidget(view)
    view.refresh()
    assert view.model.is_paged()
    old = _old_r5_lines(view, day)
    assert len(old) > 20
    assert view.model.rows() == old
    assert view.model.search_texts() == [
        fold(f"{line['child_name']} {line['carer_name']}") for line in old
    ]


def test_r5_statuses_change_with_the_day_as_before(qtbot, make_ctx):
    """Over the days the statuses differ (awaiting → overdue) and still agree."""
    seen = set()
    ctx = make_ctx(DAY)
    for day in DAYS:
        ctx.clock = FixedClock(day)
        view = R5View(ctx)
        qtbot.addWidget(view)
        view.refresh()
        seen |= {line["status"] for line in view.model.rows()}
    assert {"awaiting_report", "overdue"} <= seen
    assert len(seen) >= 4


def test_only_painted_lines_are_read(qtbot, make_ctx):
    view = R4View(make_ctx(DAY))
    qtbot.addWidget(view)
    model = view.model
    model.PAGE_BEFORE, model.PAGE_AFTER = 5, 20  # pages smaller than the small demo
    view.refresh()
    model.index(0, 0).data()
    read = [r for r in model._rows if r is not None]  # noqa: SLF001  # the model's pages
    assert 0 < len(read) < model.rowCount()  # the widths' sample and a page, not all


def test_the_shown_texts_are_the_same_after_a_save(qtbot, make_ctx):
    """A save updates its row with the builder the pages use: same texts as a reread."""
    ctx = make_ctx(DAY)
    view = R4View(ctx)
    qtbot.addWidget(view)
    view.refresh()
    case_id = next(line["id"] for line in _old_r4_lines(view) if line["status"] == "prepared")
    view.open_record("r4", case_id)
    view.rationale_edit.setPlainText("Otrok potrebuje stalen nadzor tudi ponoči.")
    assert view.save()
    row = view.model.find_row("id", case_id)
    after_save = [view.model.index(row, c).data() for c in range(view.model.columnCount())]
    fresh = R4View(ctx)
    qtbot.addWidget(fresh)
    fresh.refresh()
    assert _shown(fresh)[fresh.model.find_row("id", case_id)] == after_save


def test_picker_holds_few_placements_and_finds_by_typing(qtbot, make_ctx):
    ctx = make_ctx(DAY)
    view = R5View(ctx)
    qtbot.addWidget(view)
    view.show()
    # The popup opens only for a box that has the focus, which a window has only once it
    # is active: on a loaded machine the activation came after the typing (a timeout).
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.refresh()
    combo = view.placement_combo
    assert combo.count() <= 2  # the blank choice (and the chosen placement), not 300
    # a placement by id: shown and chosen (the loaded case's placement)
    wanted = list_records(ctx.db, "placements", columns=("id", "contract_no"))[7]
    combo.setCurrentIndex(combo.findData(wanted["id"]))
    assert combo.currentData() == wanted["id"]
    assert wanted["child_name"] in combo.currentText()
    # typing part of a child's name offers the service's matches; Down + Enter chooses
    other = list_records(ctx.db, "placements", columns=("id", "contract_no"))[42]
    fragment = other["child_name"].split()[-1][:5]
    combo.lineEdit().setFocus()
    qtbot.waitUntil(combo.lineEdit().hasFocus)
    combo.lineEdit().selectAll()  # typing replaces the chosen label
    qtbot.keyClicks(combo.lineEdit(), fragment)
    popup = combo.completer().popup()
    offered = combo.offered  # what the popup offers: the service's matches

    def values() -> list:
        return [
            offered.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(offered.rowCount())
        ]

    def labels() -> list[str]:
        return [offered.index(r, 0).data() for r in range(offered.rowCount())]

    qtbot.waitUntil(lambda: popup.isVisible() and other["id"] in values())
    assert 0 < len(labels()) <= DEFAULT_LIMIT == combo.limit
    # every match holds the typed text, case and č/š/ž aside
    assert all(fold(fragment) in fold(label) for label in labels())
    target = values().index(other["id"])
    for _ in range(target + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert combo.currentData() == other["id"]
    assert view.has_unsaved_changes()
    # the blank choice, the chosen placement and the last matches: never all 300
    assert combo.count() <= 2 + combo.limit < len(list_records(ctx.db, "placements"))
    # the arrow (F4, Alt+Down): the first placements, to narrow by typing
    qtbot.keyClick(combo, Qt.Key.Key_F4)
    qtbot.waitUntil(popup.isVisible)
    assert offered.rowCount() == DEFAULT_LIMIT
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert combo.currentData() == other["id"]
