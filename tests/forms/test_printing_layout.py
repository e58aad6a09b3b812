"""Shared table helper: what a table without a header row looks like."""

from rejnistvo.printing import FRAME_WIDTH, LANDSCAPE_FRAME_WIDTH, table
from rejnistvo.printing.document import MARGIN_LEFT, MARGIN_RIGHT, PAGE_SIZE


def test_table_without_header_rows_is_not_grey():
    plain = table([["a", "b"], ["c", "d"]], [50, 50], header_rows=0)
    assert not [c for c in plain._bkgrndcmds if c[0] == "BACKGROUND"]
    headed = table([["a", "b"], ["c", "d"]], [50, 50])
    assert [c[1:3] for c in headed._bkgrndcmds if c[0] == "BACKGROUND"] == [((0, 0), (-1, 0))]


def test_frame_widths_leave_the_frame_padding():
    # platypus keeps 6 pt inside each margin: a full-width table stays inside the margins
    assert FRAME_WIDTH == PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT - 12
    assert LANDSCAPE_FRAME_WIDTH == PAGE_SIZE[1] - MARGIN_LEFT - MARGIN_RIGHT - 12
