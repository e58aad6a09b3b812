"""QA7 (round 12): on the 20,000-placement demo's busiest subgroup (1,120 cases) at
1024 × 700 the children's names had shrunk to two letters ("Du…"). A name now keeps a
readable width; the columns the step panel repeats (Poslano, then Center) leave the list
first and come back when it is wide enough."""

from __future__ import annotations

from _busy_case_list import KEYS, busy_case_list

from rejnistvo.ui.views.coordinator_columns import columns_to_hide, shrink_to

ELASTIC = {2: "komisija…", 6: "Ljubljana", 1: "Tjaša Kovačič"}


def _busy_list(qtbot, width: int):
    return busy_case_list(qtbot, width, "Boštjan Rozman", 1120, elastic=ELASTIC, droppable=(4, 6))


def test_a_name_stays_readable_beside_the_step_panel(qtbot):
    table, _fit = _busy_list(qtbot, 455)  # the list's width at 1024 × 700
    metrics = table.fontMetrics()
    header = table.horizontalHeader()
    assert header.sectionSize(1) >= metrics.horizontalAdvance("Tjaša Kovačič")
    assert table.isColumnHidden(4)  # Poslano: the panel says it for the chosen case
    assert header.length() <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    # the case number, the days and the date of receipt stay whole
    for column, text in ((0, "1220-6119/2026"), (3, "47"), (5, "17. 10. 2026")):
        assert metrics.horizontalAdvance(text) < header.sectionSize(column)


def test_the_left_out_columns_come_back_when_there_is_room(qtbot):
    table, _fit = _busy_list(qtbot, 455)
    table.resize(1000, 500)
    qtbot.wait(20)
    assert not any(table.isColumnHidden(c) for c in range(len(KEYS)))
    assert table.horizontalHeader().sectionSize(1) >= table.fontMetrics().horizontalAdvance(
        "Boštjan Rozman"
    )


def test_columns_leave_in_order_only_while_a_name_would_go_below_its_floor():
    natural = [105, 110, 130, 40, 86, 86, 172]
    floors = {2: 70, 6: 70, 1: 95}
    assert columns_to_hide(natural, floors, (4, 6), 700) == set()
    assert columns_to_hide(natural, floors, (4, 6), 500) == {4}
    assert columns_to_hide(natural, floors, (4, 6), 400) == {4, 6}


def test_the_state_gives_way_before_the_name():
    natural = [105, 110, 130, 40, 0, 86, 0]
    widths = shrink_to(natural, [2, 1], 420, {2: 70, 1: 95})
    assert sum(widths) == 420
    assert widths[1] == 110 and widths[2] == 79  # the name whole, the state cut
