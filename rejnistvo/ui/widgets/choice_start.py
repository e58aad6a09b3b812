"""An editable combo box shows the start of a long choice, not its end."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QComboBox, QLineEdit


class _ChoiceStart(QObject):
    """A child of the combo box's line edit, so it goes when the line edit goes and Qt
    drops its connection: nothing reaches a line edit destroyed with its combo box."""

    def __init__(self, line: QLineEdit) -> None:
        super().__init__(line)
        self.line = line

    @Slot()
    def chosen(self) -> None:
        if not self.line.hasFocus():
            self.line.setCursorPosition(0)


def show_choice_start(combo: QComboBox) -> None:
    """QComboBox leaves its line edit's cursor after the text of the choice it sets, so
    a choice longer than the box read »enter za socialno delo Južna Primorska«: the start,
    the part that tells centres apart, was scrolled away. The cursor goes to the start
    whenever the choice changes while the user is not typing in the box; while the user
    types, it stays where the typing is. (Leaving the box: ``keyboard.settle_combo`` and
    ``choice_combo``'s focus-out, not an event filter on the combo box, which would be
    handed the focus-out of a combo box being destroyed.)"""
    line = combo.lineEdit()
    if line is not None:
        combo.currentIndexChanged.connect(_ChoiceStart(line).chosen)
