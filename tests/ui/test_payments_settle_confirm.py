"""Izplačila: a settlement of an overpayment is confirmed with what will be recorded
(amount, carer, child, month or refund) before it is written: it cannot be changed and
keeps its month from being reopened, and an empty answer (Enter) recorded a refund."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_db  # noqa: F401 (fixture)
from PySide6.QtCore import Qt
from test_ui_payments import choose, ready, rows, view  # noqa: F401 (fixture)

from rejnistvo.services import rates as rate_service


def overpayment_shown(qtbot, view):  # noqa: F811
    choose(qtbot, view, date(2026, 10, 1))
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    rate_service.add_rate(view.ctx.db, "2026-10-01", "600.00", "400.00", "test: lower")
    view.ctx.bus.records_changed.emit("rates")
    choose(qtbot, view, date(2026, 11, 1))
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    view.over_table.selectRow(0)


def test_settlement_says_what_it_records_and_no_writes_nothing(qtbot, view):  # noqa: F811
    overpayment_shown(qtbot, view)
    asked = view.ctx.interaction.asked
    view.ctx.interaction.answers.extend(["2026-11", False])
    qtbot.mouseClick(view.settle_button, Qt.MouseButton.LeftButton)
    kind, _title, text = asked[-1]
    assert kind == "confirm" and "98,00 €" in text and "za oktober 2026" in text
    assert "poračunano z izplačilom za november 2026" in text
    assert not rows(view.over_model)[0]["settled"]
    view.over_table.selectRow(0)
    view.ctx.interaction.answers.extend(["", False])  # Enter on an empty field
    qtbot.mouseClick(view.settle_button, Qt.MouseButton.LeftButton)
    assert "rejnik je pozvan k vračilu" in asked[-1][2]
    assert not rows(view.over_model)[0]["settled"]
    view.over_table.selectRow(0)
    view.ctx.interaction.answers.extend(["2026-12", True])
    qtbot.mouseClick(view.settle_button, Qt.MouseButton.LeftButton)
    ready(qtbot, view)
    assert rows(view.over_model)[0]["settled"]


def test_a_refused_month_is_asked_again_with_what_was_typed(qtbot, view):  # noqa: F811
    overpayment_shown(qtbot, view)
    asked = view.ctx.interaction.asked
    # 2020-01 is before November, whose run found the overpayment: refused before
    # »Vpišem?« (QA10: it was asked, then refused), and asked again
    view.ctx.interaction.answers.extend(["2020-01", "2026-12", True])
    qtbot.mouseClick(view.settle_button, Qt.MouseButton.LeftButton)
    kinds = [kind for kind, _title, _text in asked]
    assert kinds[-4:] == ["text", "error", "text", "confirm"]
    errors = [text for kind, _title, text in asked if kind == "error"]
    assert errors and "ugotovljeno v izplačilu za november 2026" in errors[-1]
    questions = [label for kind, _title, label in asked if kind == "text"]
    assert len(questions) == 2 and questions[-1].endswith("[2020-01]")
    ready(qtbot, view)
    assert rows(view.over_model)[0]["settled"]


def test_a_month_that_cannot_be_reopened_is_refused_before_the_reason(qtbot, view):  # noqa: F811
    """QA10: Ponovno odpri asked for a reason, then refused the month (its overpayment
    was settled): the same check now comes first."""
    overpayment_shown(qtbot, view)
    view.ctx.interaction.answers.extend(["2026-12", True])
    qtbot.mouseClick(view.settle_button, Qt.MouseButton.LeftButton)
    ready(qtbot, view)
    asked = view.ctx.interaction.asked
    before = len(asked)
    view.ctx.interaction.answers.append("napačno zaključen mesec")
    assert not view.reopen_month()
    assert [kind for kind, _title, _text in asked[before:]] == ["error"]
    assert "meseca ni mogoče ponovno odpreti" in asked[-1][2]
    assert view.ctx.interaction.answers  # the reason was never asked for
