"""A case opened from Roki while the screen's list still had a search typed earlier
(QA54): the R-5 editor showed Dušan Petek's refund while the list, filtered by »Rok
Petek«, showed only Rok Petek's increase, chosen, so the caseworker took the one for the
other. The search that hides the opened case is cleared; its row is current and in
sight."""

from __future__ import annotations

from test_qa54_case_list_enter import r5_view_and_two_children


def test_a_case_opened_from_roki_is_shown_in_the_list(qtbot, ctx):
    view, first, other = r5_view_and_two_children(qtbot, ctx)
    view.search.setText(first["child_name"])
    assert all(view.proxy.row_record(r)["id"] != other["id"] for r in range(view.proxy.rowCount()))
    assert view.open_record("r5_refund", other["id"])
    assert view.increase_id == other["id"]
    assert view.search.text() == ""
    current = view.table.currentIndex()
    assert current.isValid() and view.proxy.row_record(current.row())["id"] == other["id"]
    # a search that shows the case stays as it is
    view.search.setText(other["child_name"])
    assert view.open_record("r5", other["id"])
    assert view.search.text() == other["child_name"]


def test_a_carer_opened_from_roki_is_shown_in_the_list(qtbot, ctx):
    from rejnistvo.ui.views.carers_view import CarersView

    view = CarersView(ctx)
    qtbot.addWidget(view)
    view.resize(820, 640)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    first, other = view.model.row_record(0), view.model.row_record(1)
    view.search.setText(first["name"])
    assert all(view.proxy.row_record(r)["id"] != other["id"] for r in range(view.proxy.rowCount()))
    assert view.open_record("carer", other["id"])
    assert view.search.text() == ""
    current = view.table.currentIndex()
    assert current.isValid() and view.proxy.row_record(current.row())["id"] == other["id"]
