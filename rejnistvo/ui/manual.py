"""Pomoč → Navodila (F1): the user manual, a Markdown file shipped under resources/help,
shown by Qt's own Markdown reader in a window beside the program.

The window is not modal (the clerk reads and works at once), opens at the section of the
shown screen (a section's anchor is its heading, written as GitHub writes it: see
:func:`heading_anchor`), finds text with Ctrl+F and closes with Esc. Nothing here reads
the database: the manual opens also while no database is open.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QRegularExpression, QUrl
from PySide6.QtGui import QKeySequence, QShortcut, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.resources import resource_path

#: the manual, under the shipped resources (resources/help/navodila.md)
MANUAL_PARTS = ("help", "navodila.md")

#: letters a search finds with or without their mark, as the program's lists do
_LETTERS = {"c": "[cčć]", "s": "[sš]", "z": "[zž]", "d": "[dđ]"}


def manual_path() -> Path:
    """The manual file (MissingResourceError, with its Slovenian message, when missing)."""
    return resource_path(*MANUAL_PARTS)


def heading_anchor(text: str) -> str:
    """A heading's anchor as GitHub makes it (so the file's links work there too): lower
    case, everything but letters, digits, spaces, hyphens and underscores dropped, spaces
    turned into hyphens — »Zvišane oskrbnine in R-5« → »zvišane-oskrbnine-in-r-5«."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def _search_pattern(text: str) -> QRegularExpression:
    """What was typed, with c, s, z, d also finding č/ć, š, ž, đ; any case."""
    pattern = "".join(_LETTERS.get(ch, re.escape(ch)) for ch in text.lower())
    return QRegularExpression(pattern, QRegularExpression.PatternOption.CaseInsensitiveOption)


class ManualWindow(QDialog):
    """The manual in its own window: a QTextBrowser with the headings as anchors, a find
    field and Zapri."""

    def __init__(self, parent: QWidget | None = None, text: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("manualWindow")
        self.setModal(False)
        self.setWindowTitle(self.tr("Navodila – Rejništvo"))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("manualText")
        self.browser.setOpenExternalLinks(True)
        self.find_edit = QLineEdit(self)
        self.find_edit.setObjectName("manualFind")
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.setPlaceholderText(self.tr("Išči v navodilih (Ctrl+F) …"))
        # what a screen reader says (the placeholder alone named nothing)
        self.find_edit.setAccessibleName(self.tr("Išči v navodilih"))
        self.browser.setAccessibleName(self.tr("Besedilo navodil"))
        from rejnistvo.ui.widgets.accessible import describe, named_when_shown

        describe(self, self.tr("Navodila za uporabo programa; Ctrl+F išče po besedilu."))
        named_when_shown(self)
        self.find_next = QPushButton(self.tr("Naprej (F3)"), self)
        self.find_previous = QPushButton(self.tr("Nazaj (Shift+F3)"), self)
        self.find_state = QLabel(self)
        self.close_button = QPushButton(self.tr("Zapri"), self)
        for button in (self.find_next, self.find_previous, self.close_button):
            button.setAutoDefault(False)  # Enter in the find field finds, never closes

        bar = QHBoxLayout()
        bar.addWidget(self.find_edit, 1)
        bar.addWidget(self.find_next)
        bar.addWidget(self.find_previous)
        bar.addWidget(self.find_state)
        bar.addStretch(0)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)

        self.find_edit.textEdited.connect(lambda _text: self.find(again=False))
        self.find_edit.returnPressed.connect(self.find)
        self.find_next.clicked.connect(self.find)
        self.find_previous.clicked.connect(lambda: self.find(backward=True))
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self._focus_find)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), self, self.find)
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.FindPrevious),
            self,
            lambda: self.find(backward=True),
        )

        self.set_text(manual_path().read_text(encoding="utf-8") if text is None else text)
        self._fit_size(parent)

    # -- the text -------------------------------------------------------------------
    def set_text(self, markdown: str) -> None:
        """Show the Markdown; each heading becomes an anchor (Qt's reader makes none)."""
        self.browser.setMarkdown(markdown)
        self._anchors: list[str] = []
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0:
                anchor = heading_anchor(block.text())
                cursor = QTextCursor(block)
                cursor.movePosition(
                    QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
                )
                mark = QTextCharFormat()
                mark.setAnchor(True)
                mark.setAnchorNames([anchor])
                cursor.mergeCharFormat(mark)
                self._anchors.append(anchor)
            block = block.next()

    def anchors(self) -> list[str]:
        """The sections' anchors, in the manual's order."""
        return list(self._anchors)

    def links(self) -> list[str]:
        """Every link of the text (its href), in order."""
        found = []
        block = self.browser.document().begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                href = fragments.fragment().charFormat().anchorHref()
                if href:
                    found.append(href)
                fragments += 1
            block = block.next()
        return found

    def open_at(self, anchor: str = "") -> None:
        """Show the window (again, in front) at a section; the top for an unknown one."""
        self.show()
        self.raise_()
        self.activateWindow()
        if anchor in self._anchors:
            # as a clicked link does: Alt+← then goes back to where the reader was
            self.browser.setSource(QUrl("#" + anchor))
            self.browser.scrollToAnchor(anchor)
        else:
            self.browser.verticalScrollBar().setValue(0)
        self.browser.setFocus()

    # -- finding --------------------------------------------------------------------
    def _focus_find(self) -> None:
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def find(self, backward: bool = False, again: bool = True) -> bool:
        """Find the find field's text from the cursor on (wrapping round); while typing
        (``again`` False) from the start of the current match, so the match grows."""
        text = self.find_edit.text()
        self.find_state.clear()
        if not text.strip():
            return False
        pattern = _search_pattern(text)
        if not again:
            cursor = self.browser.textCursor()
            cursor.setPosition(cursor.selectionStart())
            self.browser.setTextCursor(cursor)
        if self._find_once(pattern, backward):
            return True
        cursor = self.browser.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
        )
        self.browser.setTextCursor(cursor)
        if self._find_once(pattern, backward):
            return True
        self.find_state.setText(self.tr("Ni najdeno."))
        return False

    def _find_once(self, pattern: QRegularExpression, backward: bool) -> bool:
        if backward:
            return self.browser.find(pattern, QTextDocument.FindFlag.FindBackward)
        return self.browser.find(pattern)

    # -- size -----------------------------------------------------------------------
    def _fit_size(self, parent: QWidget | None) -> None:
        """About two thirds of the screen's width, most of its height: readable beside
        the program at 1024 × 700, never larger than the screen."""
        screen = (parent.screen() if parent is not None else None) or self.screen()
        area = screen.availableGeometry()
        width = min(max(area.width() * 2 // 3, 640), area.width())
        height = min(area.height() * 9 // 10, 900)
        self.resize(width, height)
