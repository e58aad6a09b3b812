"""Koordinator's step panel: what the coordinator typed, kept across a reload of the list.

A reload comes after a step refused as stale (the case is shown as it is now) or after
another screen saved (the bus). The panel is rebuilt from the stored case, so the chosen
members, outcome, percent, period and rationale were reset to the rule's suggestion and a
second click on *Zapiši odločitev* recorded that instead. Only values for a box that is
still open for input are put back: a case decided meanwhile shows its stored decision."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class TypedPanel:
    case_id: Any
    members: tuple[Any, ...]
    increase: bool
    percent: Any
    period: tuple[str, str]
    rationale: str


def typed_panel(view: Any) -> TypedPanel | None:
    """The panel's inputs for the case shown (None: no case)."""
    if view._case is None:
        return None
    period = view.decision_period
    return TypedPanel(
        case_id=view._case["id"],
        members=tuple(c.currentData() for c in view.member_combos),
        increase=view.increase_radio.isChecked(),
        percent=view.percent_combo.currentData(),
        period=(period.start_edit.edit.text(), period.end_edit.edit.text()),
        rationale=view.rationale_edit.toPlainText(),
    )


def restore_panel(view: Any, typed: TypedPanel | None) -> None:
    """Put the inputs back if the same case is shown again and its box is still open."""
    if typed is None or view._case is None or view._case["id"] != typed.case_id:
        return
    if view.commission_box.isEnabled():
        for combo, member in zip(view.member_combos, typed.members, strict=True):
            index = combo.findData(member)
            if member is not None and index >= 0:
                combo.setCurrentIndex(index)
    if view.decision_box.isEnabled():
        (view.increase_radio if typed.increase else view.no_increase_radio).setChecked(True)
        index = view.percent_combo.findData(typed.percent)
        if index >= 0:
            view.percent_combo.setCurrentIndex(index)
        view.decision_period.start_edit.edit.setText(typed.period[0])
        view.decision_period.end_edit.edit.setText(typed.period[1])
        view.rationale_edit.setPlainText(typed.rationale)
