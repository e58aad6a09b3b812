"""A field's red reason gets its style sheet when it is first shown, not when it is made
(issue 13: an editor makes 20-30 of them, nearly all never shown); shown, it looks
exactly as a label styled from the start, and a field's own reason is red."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from rejnistvo.ui.widgets import DateEdit, FieldError

RED = "color: #b00020;"


class StyledFromTheStart(QLabel):
    """FieldError as it was made before: the same label, its style sheet set at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("fieldError")
        self.setStyleSheet(RED)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def show_error(self, message: str) -> None:
        self.setText(message[:1].upper() + message[1:])
        self.show()


def _shown(qtbot, label_class) -> list:
    """Pictures of a reason in a small form: shown, hidden, shown again."""
    top = QWidget()
    qtbot.addWidget(top)
    layout = QVBoxLayout(top)
    label = label_class(top)
    layout.addWidget(label)
    layout.addWidget(QLabel("spodaj", top))
    top.resize(300, 160)
    top.show()
    qtbot.waitExposed(top)
    pictures = []
    label.show_error("datum »32. 1. 2026« ne obstaja; vpišite ga kot 2. 3. 2026.")
    qtbot.wait(1)
    pictures.append(top.grab().toImage())
    label.hide()
    label.show_error("polje je obvezno.")
    qtbot.wait(1)
    pictures.append(top.grab().toImage())
    return pictures


def test_a_reason_is_made_without_a_style_sheet_and_red_once_shown(qtbot):
    error = FieldError()
    qtbot.addWidget(error)
    assert error.styleSheet() == ""
    assert error.isHidden()
    error.show_error("datum ni pravilen.")
    assert error.styleSheet() == RED
    assert error.text() == "Datum ni pravilen."
    error.clear_error()
    assert error.isHidden() and error.styleSheet() == RED


def test_a_reason_shown_by_setVisible_is_red_too(qtbot):
    error = FieldError()
    qtbot.addWidget(error)
    error.setVisible(True)
    assert error.styleSheet() == RED


def test_a_shown_reason_looks_as_one_styled_from_the_start(qtbot):
    assert _shown(qtbot, FieldError) == _shown(qtbot, StyledFromTheStart)


def test_a_fields_reason_is_red_after_a_wrong_date(qtbot):
    field = DateEdit("datum")
    qtbot.addWidget(field)
    field.show()
    assert field.error_label.styleSheet() == ""
    field.edit.setText("32. 1. 2026")
    assert field.check()[0] is False
    assert field.error_label.isVisible()
    assert field.error_label.styleSheet() == RED


class NoticeStyledFromTheStart(QLabel):
    """R-4's notice as it was made before: its style sheet set at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from rejnistvo.ui.views.r4_editor import DIFFERENCE_STYLE

        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(DIFFERENCE_STYLE)
        self.hide()


def _notice_shown(qtbot, label_class) -> list:
    top = QWidget()
    qtbot.addWidget(top)
    layout = QVBoxLayout(top)
    label = label_class(top)
    label.setWordWrap(True)
    label.hide()
    layout.addWidget(label)
    layout.addWidget(QLabel("spodaj", top))
    top.resize(320, 160)
    top.show()
    qtbot.waitExposed(top)
    label.setText("Sklep se razlikuje od predloga: predlagano 25 %, odločeno 50 %.")
    label.show()
    qtbot.wait(1)
    return [top.grab().toImage()]


def test_r4_notices_are_styled_once_shown_and_look_as_before(qtbot):
    from rejnistvo.ui.views.r4_editor import DIFFERENCE_STYLE, NoticeLabel

    notice = NoticeLabel()
    qtbot.addWidget(notice)
    assert notice.styleSheet() == ""
    notice.show()
    assert notice.styleSheet() == DIFFERENCE_STYLE
    assert _notice_shown(qtbot, NoticeLabel) == _notice_shown(qtbot, NoticeStyledFromTheStart)
