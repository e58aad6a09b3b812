"""QA65 (R-5 → »Zahtevaj novo poročilo…« as the manual says, the day left empty): the
dialog showed »Vpišite dan, do katerega naj rejnik poroča …« under the field without
growing, so the explanation's first line and the reason's second line were cut off
(150 px high where 164 were needed). The dialog now grows to show the reason whole; a
refusal of the service (longer) the same."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel

from rejnistvo.ui.views.r5_new_report import NewReportDialog


def _cut_labels(dialog: NewReportDialog) -> list[str]:
    return [
        label.text()[:30]
        for label in dialog.findChildren(QLabel)
        if label.isVisible()
        and label.wordWrap()
        and label.height() < label.heightForWidth(label.width())
    ]


def _dialog(qtbot, refusal: str | None) -> NewReportDialog:
    dialog = NewReportDialog(date(2026, 10, 21), None, lambda due: refusal, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_reason_of_an_empty_day_is_shown_whole(qtbot):
    dialog = _dialog(qtbot, None)
    assert _cut_labels(dialog) == []
    dialog.ask()
    qtbot.wait(10)
    assert dialog.due_edit.error_text()
    assert _cut_labels(dialog) == []
    assert dialog.height() >= dialog.layout().totalHeightForWidth(dialog.width())


def test_a_long_refusal_is_shown_whole(qtbot):
    refusal = (
        "Novo poročilo ne more biti zahtevano do dne pred prejetim poročilom; vpišite dan "
        "po 21. 10. 2026, do katerega naj rejnik poroča o porabi zvišane oskrbnine."
    )
    dialog = _dialog(qtbot, refusal)
    dialog.due_edit.set_value(date(2026, 10, 1))
    dialog.ask()
    qtbot.wait(10)
    assert dialog.isVisible()
    assert _cut_labels(dialog) == []
