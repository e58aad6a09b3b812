"""Names for screen readers (Narrator, NVDA, Orca) of the widgets no row title names.

Qt names a field from the ``QLabel`` whose buddy it is (``QFormLayout.addRow(text,
field)`` makes that label; the validated fields hand the title to their inputs, see
``fields.ValidatedField.name_from_title``) and a button from its text. What has neither —
a search box with only a placeholder, a table, a list — was announced as »urejanje« or
»tabela« and nothing more. :func:`name_unnamed` gives those the words the clerk sees: the
placeholder without its shortcut, the title of the group box or tab the table is in, else
the screen's title. A name set by hand (``setAccessibleName``) is never replaced.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAccessible, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from rejnistvo.ui.widgets.fields import (
    ValidatedField,
    group_title,
    row_title,
    spoken_title,
    title_label,
)


def spoken_name(widget: QWidget) -> str:
    """What a screen reader says as ``widget``'s name."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def placeholder_name(text: str) -> str:
    """»Išči po otroku ali rejniku (Ctrl+F) …« → »Išči po otroku ali rejniku«."""
    text = re.sub(r"\s*\((Ctrl|Alt|Shift)\+[^)]*\)", "", text)
    return text.replace("…", "").strip()


def cell_title(widget: QWidget, view: QAbstractItemView) -> str:
    """The column's header of the table cell ``widget`` is the editor of (»Vrsta«)."""
    index = view.indexAt(widget.geometry().center())
    model = view.model()
    if not index.isValid() or model is None:
        return ""
    header = model.headerData(index.column(), Qt.Orientation.Horizontal)
    return spoken_title(str(header)) if header else ""


def _takes_focus(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None


def name_unnamed(root: QWidget, title: str) -> None:
    """Name the fields, search boxes, tables and lists under ``root`` that nothing names
    (``title``: the screen's or dialog's own, for a table in no titled box); a tab built
    when first shown is named when it comes to the front."""
    for widget in root.findChildren(QWidget):
        if isinstance(widget, ValidatedField):
            widget.name_from_title()  # its row's title may have come after its showing
        else:
            name_if_unnamed(widget, title)
    for tabs in root.findChildren(QTabWidget):
        if not tabs.property("namesTabs"):
            tabs.setProperty("namesTabs", True)
            tabs.currentChanged.connect(
                lambda index, t=tabs: (
                    name_unnamed(t.widget(index), title) if t.widget(index) is not None else None
                )
            )


def name_if_unnamed(widget: QWidget, title: str) -> None:
    """Give ``widget`` the words the clerk sees for it as its name when it takes the
    keyboard and nothing names it: its row's title, else its placeholder (a search box),
    else for a table or list the title of its box or tab, or ``title``."""
    owner = widget.parentWidget()
    if isinstance(owner, ValidatedField):
        owner.name_from_title()
        return
    if (
        not isinstance(widget, (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractScrollArea))
        or widget.accessibleName()
        or not _takes_focus(widget)
        or isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox, ValidatedField))
    ):
        return
    label = title_label(widget)
    if label is not None:
        # Qt names it after its buddy label itself, but with the colon (»Podskupina:«)
        name = spoken_title(label.text())
    elif isinstance(widget, QAbstractScrollArea) and not isinstance(
        widget, QTextEdit | QPlainTextEdit
    ):
        name = row_title(widget) or group_title(widget, tabs=True) or title
    elif isinstance(owner, QWidget) and isinstance(owner.parentWidget(), QAbstractItemView):
        name = cell_title(widget, owner.parentWidget())
    else:
        name = row_title(widget)
        if not name and isinstance(widget, QLineEdit):
            name = placeholder_name(widget.placeholderText())
        name = name or group_title(widget)
        if isinstance(widget, QTextEdit | QPlainTextEdit):
            name = name or title  # the manual's text: the window's title
    if name:
        widget.setAccessibleName(name)


# -- dialogs --------------------------------------------------------------------------------
# A dialog was named only once something in it took the keyboard (MainWindow._focus_changed):
# a screen reader that announces a window when it appears said »pogovorno okno« and nothing
# of the question. Each dialog the program opens is named when shown (``named_when_shown``):
# its title as the name, what it asks or says as the description, its fields as above.

#: a dialog's description given by hand (``describe``), kept over the one found in it
_DESCRIPTION = "spokenDescription"
#: the name ``name_dialog`` gave, replaced when the title changes (a name set by hand stays)
_NAMED = "spokenDialogName"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Accessible", text)


def plain_text(text: str) -> str:
    """A label's text as a screen reader should say it: rich text without its tags."""
    from PySide6 import QtGui  # Qt's mightBeRichText is QtGui's

    if QtGui.Qt.mightBeRichText(text):
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def describe(dialog: QWidget, text: str) -> None:
    """Give ``dialog`` the description a screen reader says after its name."""
    dialog.setProperty(_DESCRIPTION, text)


def dialog_description(dialog: QWidget) -> str:
    """What ``dialog`` says or asks, in words: a message's text, a progress's or a typed
    answer's label, what a file dialog is for, else the first explanation in it."""
    own = dialog.property(_DESCRIPTION)
    if own:
        return str(own)
    if isinstance(dialog, QMessageBox):
        text = "\n".join(t for t in (dialog.text(), dialog.informativeText()) if t)
    elif isinstance(dialog, QProgressDialog | QInputDialog):
        text = dialog.labelText()
    elif isinstance(dialog, QFileDialog):
        if dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave:
            text = _tr("Izberite mapo in vpišite ime datoteke, ki jo želite shraniti.")
        else:
            text = _tr("Izberite datoteko, ki jo želite odpreti.")
    else:
        text = next(
            (
                label.text()
                for label in dialog.findChildren(QLabel)
                if label.wordWrap() and label.text() and label.isVisibleTo(dialog)
            ),
            "",
        )
    return plain_text(text)


def name_dialog(dialog: QWidget) -> None:
    """Name ``dialog`` (its title; a progress without one: its label's first line),
    describe it, and name its fields, search boxes and tables (``name_unnamed``)."""
    description = dialog_description(dialog)
    title = dialog.windowTitle().strip() or description.split("\n")[0]
    if title and dialog.accessibleName() in ("", dialog.property(_NAMED)):
        dialog.setAccessibleName(title)
        dialog.setProperty(_NAMED, title)
    if description and description != title:
        dialog.setAccessibleDescription(description)
    name_unnamed(dialog, title)


class _NameWhenShown(QObject):
    """Names its dialog each time it is shown, before Qt tells the screen reader."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            name_dialog(watched)
        return False


def named_when_shown(dialog: QWidget) -> QWidget:
    """``dialog`` named and described whenever it is shown (``name_dialog``); returned."""
    if dialog.findChild(_NameWhenShown) is None:
        dialog.installEventFilter(_NameWhenShown(dialog))
    return dialog
