"""Questions to the user behind one interface, so tests answer them without dialogs.

Views call ``ctx.interaction.confirm(...)`` etc.; the program injects
:class:`QtInteraction`, tests inject :class:`FakeInteraction` with scripted answers.
"""

from __future__ import annotations

from collections import deque
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QFileDialog,
    QGridLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QWidget,
)

if TYPE_CHECKING:
    from rejnistvo.ui.context import AppContext


class Choice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Interaction(Protocol):
    def confirm(self, title: str, text: str, risky: bool = False) -> bool: ...

    def ask_save_discard_cancel(self, title: str, text: str) -> Choice: ...

    def choose_save_path(
        self, title: str, filter: str, suggested: str, confirm_overwrite: bool = True
    ) -> str | None: ...

    def choose_open_path(self, title: str, filter: str, directory: str = "") -> str | None: ...

    def ask_text(
        self, title: str, label: str, password: bool = False, text: str = ""
    ) -> str | None: ...

    def info(self, title: str, text: str) -> None: ...

    def error(self, title: str, text: str) -> None: ...

    def offer(self, title: str, text: str, action: str, cancel: str) -> bool: ...


def _tr(text: str) -> str:
    return QCoreApplication.translate("Interaction", text)


#: the least lines of a message kept in sight when it scrolls
LEAST_LINES = 5


class MessageBox(QMessageBox):
    """A QMessageBox that never reaches below the screen: a text taller than the screen
    leaves (QA63: *Bližnjice na tipkovnici* at 150 % on a 1366 × 768 laptop, 512 pixels
    of screen, put its »V redu« below the screen's edge; a window manager pushes its title
    bar above the top instead) scrolls in its place, and the buttons stay in sight."""

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        # its title and text for a screen reader, before Qt tells it of the box (an alert)
        from rejnistvo.ui.widgets.accessible import name_dialog

        name_dialog(self)
        super().showEvent(event)  # Qt sizes the box to its text here
        scroll_text_taller_than_screen(self)


def scroll_text_taller_than_screen(box: QMessageBox) -> bool:
    """Put ``box``'s text into a scroll area when the box is taller than its screen's
    free area (title bar included); True when it did."""
    screen = box.screen()
    label = box.findChild(QLabel, "qt_msgbox_label")
    grid = box.layout()
    if screen is None or label is None or not isinstance(grid, QGridLayout):
        return False
    area = screen.availableGeometry()
    # the title bar and frame a window manager adds (none before the box is mapped)
    frame = max(box.frameGeometry().height() - box.height(), 2 * box.fontMetrics().height())
    room = area.height() - frame
    if box.height() <= room or isinstance(label.parentWidget(), QScrollArea):
        return False
    row, column, rows, columns = grid.getItemPosition(grid.indexOf(label))
    width, height = label.width(), label.height()
    grid.removeWidget(label)
    scroll = QScrollArea(box)
    scroll.setObjectName("messageScroll")
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(label)
    scroll.setMinimumWidth(width + scroll.verticalScrollBar().sizeHint().width())
    least = LEAST_LINES * label.fontMetrics().lineSpacing()
    grid.addWidget(scroll, row, column, rows, columns)
    over, wanted = box.height() - room, height
    for _attempt in range(3):  # the box around the scroll area may differ by a few pixels
        wanted = max(wanted - over, least)
        scroll.setFixedHeight(wanted)
        # Qt sizes the box again on the layout's request
        grid.activate()
        QCoreApplication.sendPostedEvents(box, QEvent.Type.LayoutRequest)
        over = box.height() - room
        if over <= 0 or wanted == least:
            break
    box.move(box.x(), max(area.top(), min(box.y(), area.bottom() + 1 - frame - box.height())))
    return True


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
    """A message with a Slovenian "V redu" button (Qt's own catalogue leaves the
    platform's standard "OK" untranslated). The text starts with a capital: a rule's
    message starts in lower case so that the CLI can put its field before it
    (»--month: mesec …«), and the box shows it as a sentence of its own."""
    box = MessageBox(icon, title, text[:1].upper() + text[1:], parent=parent)
    box.addButton(_tr("V redu"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def question_box(
    parent: QWidget | None, title: str, text: str, risky: bool = False
) -> tuple[QMessageBox, QAbstractButton]:
    """A Da/Ne question and its Da button. Esc answers Ne; Enter answers Da, or Ne when
    the question is ``risky`` (a warning about a doubtful save: one Enter, pressed to
    get on, must not save a duplicate)."""
    icon = QMessageBox.Icon.Warning if risky else QMessageBox.Icon.Question
    box = MessageBox(icon, title, text, parent=parent)
    yes = box.addButton(_tr("Da"), QMessageBox.ButtonRole.YesRole)
    no = box.addButton(_tr("Ne"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no if risky else yes)
    box.setEscapeButton(no)
    return box, yes


def _chosen(dialog: QFileDialog) -> str | None:
    """The file chosen in ``dialog`` (None: cancelled)."""
    if not dialog.exec():
        return None
    files = dialog.selectedFiles()
    return files[0] if files else None


class QtInteraction:
    """Real dialogs, parented to the main window once it exists."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def confirm(self, title: str, text: str, risky: bool = False) -> bool:
        """Da or Ne; ``risky``: the question warns that the save may be a mistake (the
        same EMŠO twice, a child placed twice …), so Enter answers Ne."""
        box, yes = question_box(self.parent, title, text, risky)
        box.exec()
        return box.clickedButton() is yes

    def ask_save_discard_cancel(self, title: str, text: str) -> Choice:
        box = MessageBox(QMessageBox.Icon.Warning, title, text, parent=self.parent)
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

    def choose_save_path(
        self, title: str, filter: str, suggested: str, confirm_overwrite: bool = True
    ) -> str | None:
        from rejnistvo.ui.file_dialogs import file_dialog

        dialog = file_dialog(self.parent, title, suggested, filter)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, not confirm_overwrite)
        return _chosen(dialog)

    def choose_open_path(self, title: str, filter: str, directory: str = "") -> str | None:
        from rejnistvo.ui.file_dialogs import file_dialog

        dialog = file_dialog(self.parent, title, directory, filter)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        return _chosen(dialog)

    def ask_text(
        self, title: str, label: str, password: bool = False, text: str = ""
    ) -> str | None:
        """What the user types (None: cancelled); ``text``: what the field starts with
        (asked again after a refusal, what was typed stays)."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        from rejnistvo.ui.widgets.accessible import named_when_shown

        # Qt's getText, with the dialog named for a screen reader when it shows
        dialog = named_when_shown(QInputDialog(self.parent))
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextEchoMode(
            QLineEdit.EchoMode.Password if password else QLineEdit.EchoMode.Normal
        )
        dialog.setTextValue(text)
        try:
            return dialog.textValue() if dialog.exec() else None
        finally:
            dialog.deleteLater()

    def info(self, title: str, text: str) -> None:
        message_box(self.parent, QMessageBox.Icon.Information, title, text)

    def offer(self, title: str, text: str, action: str, cancel: str) -> bool:
        """A refusal that offers one way on (»Odpri samo za branje«) besides ``cancel``
        (»Zapri«, »Prekliči«); True when the user took it. Esc and Enter: ``cancel``."""
        box = MessageBox(QMessageBox.Icon.Warning, title, text, parent=self.parent)
        take = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        leave = box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(leave)
        box.setEscapeButton(leave)
        box.exec()
        return box.clickedButton() is take

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
        #: the titles of the questions asked as ``risky`` (Enter would answer Ne)
        self.risky: list[str] = []

    def _next(self, default: object) -> object:
        return self.answers.popleft() if self.answers else default

    def confirm(self, title: str, text: str, risky: bool = False) -> bool:
        self.asked.append(("confirm", title, text))
        if risky:
            self.risky.append(title)
        return bool(self._next(True))

    def ask_save_discard_cancel(self, title: str, text: str) -> Choice:
        self.asked.append(("save_discard_cancel", title, text))
        answer = self._next(Choice.CANCEL)
        assert isinstance(answer, Choice)
        return answer

    def choose_save_path(
        self, title: str, filter: str, suggested: str, confirm_overwrite: bool = True
    ) -> str | None:
        self.asked.append(("save_path", title, suggested))
        return self._next(None)  # type: ignore[return-value]

    def choose_open_path(self, title: str, filter: str, directory: str = "") -> str | None:
        self.asked.append(("open_path", title, filter))
        return self._next(None)  # type: ignore[return-value]

    def ask_text(
        self, title: str, label: str, password: bool = False, text: str = ""
    ) -> str | None:
        self.asked.append(("text", title, label + (f" [{text}]" if text else "")))
        return self._next(None)  # type: ignore[return-value]

    def info(self, title: str, text: str) -> None:
        self.asked.append(("info", title, text))

    def offer(self, title: str, text: str, action: str, cancel: str) -> bool:
        self.asked.append(("offer", title, f"{text} [{action} | {cancel}]"))
        return bool(self._next(False))

    def error(self, title: str, text: str) -> None:
        self.asked.append(("error", title, text))

    @property
    def errors(self) -> list[str]:
        return [text for kind, _title, text in self.asked if kind == "error"]


# -- files ---------------------------------------------------------------------------
def offers_reload(interaction: Interaction, title: str, stale_message: str) -> bool:
    """A save refused because another screen changed the record since it was read: says
    who changed what (``StaleRecordError.message``) and asks whether to load the stored
    record. True: load it (what was typed is dropped); False: what was typed stays.
    Enter answers Ne: one Enter, pressed to get on, threw the typed text away (QA54)."""
    return interaction.confirm(
        title,
        stale_message
        + "\n\n"
        + _tr("Naložim shranjeno različico? (Da: vaši vnosi se zavržejo. Ne: ostanejo.)"),
        risky=True,
    )


def documents_folder() -> Path:
    """The user's Documents folder (the home folder where there is none)."""
    from PySide6.QtCore import QStandardPaths

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


def ask_save_file(
    ctx: AppContext,
    kind: str,
    file_name: str,
    title: str,
    filter: str,
    suffixes: tuple[str, ...] = (),
) -> Path | None:
    """Ask where to write a file and return the path, or None when the user cancelled.

    The dialog opens in the folder last used for this ``kind`` of file ("r4", "export",
    "payment_sheet" …), else in Documents, with ``file_name`` suggested (say what the file
    is: "R-4 1220-14-2026 Čuk.pdf"). The suffix of ``file_name`` is added when the user
    leaves it out (or gives one not among ``suffixes``, e.g. (".xlsx", ".csv")). An existing file is replaced only after the user says so."""
    settings_key = f"files/{kind}"
    remembered = ctx.settings.value(settings_key, "")
    folder = Path(str(remembered)) if remembered else documents_folder()
    if not folder.is_dir():
        folder = documents_folder()
    suffix = Path(file_name).suffix
    answer = ctx.interaction.choose_save_path(
        title, filter, str(folder / file_name), confirm_overwrite=False
    )
    if not answer:
        return None
    target = Path(answer)
    allowed = {x.lower() for x in suffixes} | {suffix.lower()}
    if suffix and target.suffix.lower() not in allowed:
        target = target.with_name(target.name + suffix)
    if target.exists() and not ctx.interaction.confirm(
        _tr("Datoteka že obstaja"),
        _tr("Datoteka »{0}« že obstaja. Jo želite zamenjati z novo?").format(target.name),
        risky=True,
    ):
        return None
    ctx.settings.setValue(settings_key, str(target.parent))
    return target


# What the operating system says in English, as a Slovenian clerk needs to hear it.
def os_error_text(error: BaseException) -> str:
    """An OSError in Slovenian ("Operation not permitted." → "dejanje ni dovoljeno …"), in
    the words of ``atomic_write.os_error_reason`` (the CLI and the store use the same)."""
    from rejnistvo.atomic_write import os_error_reason

    return os_error_reason(error, writing=True)


def error_message(error: BaseException) -> str:
    """What the user reads for an error a screen caught: the rule's or the store's own
    Slovenian ``message``; an OS error in Slovenian with the file it concerns; never the
    English text of Python or the OS (``str(OSError)`` is "[Errno 13] Permission denied")."""
    message = getattr(error, "message", None)
    if isinstance(message, str) and message:
        return message
    if isinstance(error, OSError):
        from rejnistvo.atomic_write import os_error_reason

        if error.filename:
            return _tr("Napaka pri delu z datoteko »{0}«: {1}.").format(
                error.filename, os_error_reason(error)
            )
        return _tr("Napaka pri delu z datoteko: {0}.").format(os_error_reason(error))
    return _tr("Notranja napaka programa ({0}).").format(type(error).__name__)


def write_file(ctx: AppContext, target: Path, data: bytes) -> bool:
    """Write ``data`` to ``target`` whole or not at all; on failure tell the user in
    Slovenian what went wrong and return False."""
    from rejnistvo.printing import write_atomic

    try:
        write_atomic(target, data)
    except OSError as error:
        ctx.interaction.error(
            _tr("Shranjevanje ni uspelo"),
            _tr("Datoteke »{0}« ni bilo mogoče zapisati: {1}. Izberite drugo mapo ali ime.").format(
                target, os_error_text(error)
            ),
        )
        return False
    return True
