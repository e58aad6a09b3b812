"""Roki paints its first rows and completes the list after the first paint (issue 13):
the rows are the service's whole list in the end, in its order; until then the summary
says it is counting, and a search, a sort, a key in the list, an export or a print
completes the list at once; the row the user chose stays chosen."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from rejnistvo.clock import FixedClock
from rejnistvo.services.deadlines import list_deadlines
from rejnistvo.ui.views.deadlines_view import DeadlinesView

TODAY = date(2026, 11, 22)


def _view(qtbot, ctx, head_rows: int = 3) -> DeadlinesView:
    ctx.clock = FixedClock(TODAY)
    view = DeadlinesView(ctx)
    view.head_rows = head_rows
    qtbot.addWidget(view)
    view.refresh()
    return view


def _rows(view) -> list[tuple]:
    records = [view.model.row_record(r) for r in range(view.model.rowCount())]
    return [(r["due"], r["days"], r["kind"], r["what"], r["open_id"]) for r in records]


def _whole(ctx) -> list[tuple]:
    return [(d.due, d.days, d.kind, d.what, d.open_id) for d in list_deadlines(ctx.db, TODAY)]


def test_the_first_paint_has_the_first_rows_and_the_rest_follows(qtbot, ctx):
    whole = _whole(ctx)
    view = _view(qtbot, ctx)
    first = _rows(view)
    assert 3 <= len(first) < len(whole)  # the file has more reminders than the first rows
    assert first == whole[: len(first)]
    assert view.summary.text() == "Opomniki: štejem …" and not view.is_complete()
    view.show()  # the rest is made after the first paint, a few milliseconds an idle turn
    qtbot.waitUntil(view.is_complete, timeout=10_000)
    assert _rows(view) == whole
    late = sum(1 for d in whole if d[1] < 0)
    assert view.summary.text() == f"Opomniki: {len(whole)}, od tega zamujeni: {late}."


def test_rows_come_in_parts_and_the_chosen_row_stays(qtbot, ctx, monkeypatch):
    view = _view(qtbot, ctx)
    monkeypatch.setattr(view, "APPEND_ROWS", 2)
    monkeypatch.setattr(view, "STEP_SECONDS", 0.0)  # one step or one part an idle turn
    inserted: list[int] = []
    view.model.rowsInserted.connect(lambda _parent, first, last: inserted.append(last - first))
    view.show()
    view.table.selectRow(1)
    chosen = view.proxy.row_record(1)
    qtbot.waitUntil(view.is_complete, timeout=10_000)
    assert len(inserted) > 1 and max(inserted) <= 1  # two rows at a time
    assert _rows(view) == _whole(ctx)
    assert view.table.selectionModel().selectedRows()[0].row() == 1
    assert view.proxy.row_record(1) is chosen


def test_a_search_before_the_list_is_complete_searches_every_row(qtbot, ctx):
    whole = list_deadlines(ctx.db, TODAY)
    view = _view(qtbot, ctx)
    assert not view.is_complete()
    view.search.setText("usposabljanje")
    assert view.is_complete() and _rows(view) == _whole(ctx)
    trainings = [d for d in whole if d.kind == "training"]
    assert trainings and view.proxy.rowCount() == len(trainings)


def test_a_sort_before_the_list_is_complete_sorts_every_row(qtbot, ctx):
    def sorted_rows(head_rows: int) -> list[tuple]:
        view = _view(qtbot, ctx, head_rows)
        view.table.sortByColumn(view.model.column_index("carer"), Qt.SortOrder.DescendingOrder)
        assert view.is_complete()
        return [
            (r["carer"], r["kind"], r["open_id"], r["due"])
            for r in map(view.proxy.row_record, range(view.proxy.rowCount()))
        ]

    assert sorted_rows(3) == sorted_rows(100_000)  # as the whole list sorts
    assert len(sorted_rows(3)) == len(_whole(ctx))


def test_a_key_in_the_list_completes_it(qtbot, ctx, monkeypatch):
    view = _view(qtbot, ctx)
    monkeypatch.setattr(view, "STEP_SECONDS", 0.0)
    monkeypatch.setattr(view, "APPEND_ROWS", 1)
    view.show()
    view.table.setFocus()
    qtbot.waitUntil(lambda: view._rest is not None or view._tail is not None)  # painted
    assert not view.is_complete()
    qtbot.keyClick(view.table, Qt.Key.Key_End)
    assert view.is_complete() and view.proxy.rowCount() == len(_whole(ctx))


def test_export_and_print_take_the_whole_list(qtbot, ctx, tmp_path):
    from openpyxl import load_workbook

    view = _view(qtbot, ctx)
    target = tmp_path / "roki.xlsx"
    ctx.interaction.answers.append(str(target))
    qtbot.mouseClick(view.btn_export, Qt.MouseButton.LeftButton)
    assert load_workbook(target).active.max_row == len(_whole(ctx)) + 1
    view = _view(qtbot, ctx)
    view.print_document()
    qtbot.addWidget(view.exporter.preview)
    assert view.is_complete() and view.exporter.preview.pdf.startswith(b"%PDF")


def test_a_refresh_meanwhile_starts_again(qtbot, ctx):
    view = _view(qtbot, ctx)
    view.show()
    view.refresh()  # visible: the rest starts at once, the first one's is dropped
    qtbot.waitUntil(view.is_complete, timeout=10_000)
    assert _rows(view) == _whole(ctx)


def test_a_short_list_is_complete_at_once(qtbot, ctx):
    view = _view(qtbot, ctx, head_rows=100_000)
    assert view.is_complete() and _rows(view) == _whole(ctx)
    assert view.summary.text().startswith(f"Opomniki: {len(_whole(ctx))},")
