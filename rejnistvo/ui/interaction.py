"""Questions to the user behind one interface, so tests answer them without dialogs.

Views call ``ctx.interaction.confirm(...)`` etc.; the program injects
:class:`QtInteraction`, tests inject :class:`FakeInteraction` with scripted answers.
"""

from __future__ import annotations

from collections import deque
from enum import Enum
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class Choice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Interaction(Protocol):
    def confirm(self, title: str, text: str) -> bool: ...

    def ask_save_discard_cancel(self, title: str, text: str) -> Choice: ...

    def choose_save_path(self, title: str, filter: str, suggested: str) -> str | None: ...

    def choose_open_path(self, title: str, filter: str) -> str | None: ...

    def ask_text(self, title: str, label: str, password: bool = False) -> str | None: ...

    def info(self, title: str, text: str) -> None: ...

    def error(self, title: str, text: str) -> None: ...


def _tr(text: str) -> str:
    return QCoreApplication.translate("Interaction", text)


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
    """A message with a Slovenian "V redu" button (Qt's own catalogue leaves the
    platform's standard "OK" untranslated)."""
    box = QMessageBox(icon, title, text, parent=parent)
    box.addButton(_tr("V redu"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


class QtInteraction:
    """Real dialogs, parented to the main window once it exists."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def confirm(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self.parent)
        yes = box.addButton(_tr("Da"), QMessageBox.ButtonRole.YesRole)
        box.addButton(_tr("Ne"), QMessageBox.ButtonRole.NoRole)
        box.exec()
        return box.clickedButton() is yes

    def ask_save_discard_cancel(self, title: str, text: str) -> Choice:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.parent)
        save = box.addButton(_tr("Shrani"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(_tr("Zavrzi"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(_tr("Prekliči"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save:
            return Choice.SAVE
        if clicked is discard:
            return Choice.DISCARD
        return Choice.CANCEL

    def choose_save_path(self, title: str, filter: str, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, title, suggested, filter)
        return path or None

    def choose_open_path(self, title: str, filter: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.parent, title, "", filter)
        return path or None

    def ask_text(self, title: str, label: str, password: bool = False) -> str | None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        mode = QLineEdit.EchoMode.Password if password else QLineEdit.EchoMode.Normal
        text, ok = QInputDialog.getText(self.parent, title, label, mode)
        return text if ok else None

    def info(self, title: str, text: str) -> None:
        message_box(self.parent, QMessageBox.Icon.Information, title, text)

    def error(self, title: str, text: str) -> None:
        message_box(self.parent, QMessageBox.Icon.Warning, title, text)


class FakeInteraction:
    """Scripted answers for tests; records every question asked.

    ``answers`` is a queue of return values consumed in order by confirm,
    ask_save_discard_cancel, choose_*_path and ask_text; when empty, the defaults are
    used (confirm → True, save/discard/cancel → CANCEL, paths/text → None).
    """

    def __init__(self, answers: list[object] | None = None) -> None:
        self.answers: deque[object] = deque(answers or [])
        self.asked: list[tuple[str, str, str]] = []

    def _next(self, default: object) -> object:
        return self.answers.popleft() if self.answers else default

    def confirm(self, title: str, text: str) -> bool:
        self.asked.append(("confirm", title, text))
        return bool(self._next(True))

    def ask_save_discard_cancel(self, title: str, text: str) -> Choice:
        self.asked.append(("save_discard_cancel", title, text))
        answer = self._next(Choice.CANCEL)
        assert isinstance(answer, Choice)
        return answer

    def choose_save_path(self, title: str, filter: str, suggested: str) -> str | None:
        self.asked.append(("save_path", title, suggested))
        return self._next(None)  # type: ignore[return-value]

    def choose_open_path(self, title: str, filter: str) -> str | None:
        self.asked.append(("open_path", title, filter))
        return self._next(None)  # type: ignore[return-value]

    def ask_text(self, title: str, label: str, password: bool = False) -> str | None:
        self.asked.append(("text", title, label))
        return self._next(None)  # type: ignore[return-value]

    def info(self, title: str, text: str) -> None:
        self.asked.append(("info", title, text))

    def error(self, title: str, text: str) -> None:
        self.asked.append(("error", title, text))

    @property
    def errors(self) -> list[str]:
        return [text for kind, _title, text in self.asked if kind == "error"]
