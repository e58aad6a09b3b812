"""Validated fields and the FieldError pattern.

Every field is a small composite: the input itself and, under it, a red
:class:`FieldError` label with the Slovenian reason (hidden while there is none). A
field's ``value()`` returns the parsed value or raises ``InputError``; ``check()`` does
the same but shows the reason and returns ``None``. Nothing ever clears what the user
typed: an error only adds the red text.

:class:`FormValidator` runs the checks of a whole form and says whether it may be saved::

    v = FormValidator()
    name = v.check(self.name_edit)          # value or None, error shown beside the field
    if v.ok: ...save...
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.money import parse_amount
from rejnistvo.rules.periods import Period, joined, span_text
from rejnistvo.rules.typed_values import EARLIEST_YEAR, parse_date_text  # noqa: F401 (here before)
from rejnistvo.ui.format import format_amount, format_date


def parse_amount_text(text: str, field: str = "znesek") -> Decimal | None:
    """Slovenian "1.234,56" or "1234,56", or "1234.56" → Decimal; "" → None.

    With a comma present, dots are thousands separators; without one, a dot is the
    decimal point (how amounts are pasted from other programs)."""
    allowed = (
        "Dovoljen je nenegativen znesek z največ dvema decimalkama; decimalke loči vejica, "
        "tisočice pika, npr. 1.234,56."
    )
    raw = text.strip().replace(" ", "").replace("\u00a0", "").replace("€", "")
    if not raw:
        return None
    if "," in raw and raw.rfind(".") > raw.rfind(","):  # 1,234.56: the English way round
        raise InputError(
            field,
            f"»{text.strip()}« ni znesek v slovenskem zapisu: decimalke loči vejica, "
            "tisočice pika, npr. 1.234,56.",
        )
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    if not re.fullmatch(r"-?[0-9]*(\.[0-9]*)?", raw) or raw in {".", "-", "-."}:
        raise InputError(field, f"»{text.strip()}« ni znesek. {allowed}")
    # The one parser of amounts (size guard, two decimals, no NaN): a 27-digit amount is
    # a message here, never an InvalidOperation.
    try:
        return parse_amount(raw, field)
    except InputError as error:
        raise InputError(field, f"{error.message.split('. ')[0]}. {allowed}") from None


class FieldError(QLabel):
    """The red reason under a field; hidden when there is nothing wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("fieldError")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt name)
        # Red from its first showing: a style sheet costs ~0.2 ms per label to build and
        # polish, and an editor has 20-30 of these, nearly all never shown.
        if visible and not self.styleSheet():
            from rejnistvo.ui.palette import ERROR, set_text_style

            set_text_style(self, ERROR)
        super().setVisible(visible)

    @Slot(str)  # connected to a picker's »pending« signal: no slot added at first opening
    def show_error(self, message: str) -> None:
        if not message:  # nothing wrong (a signal that carries "" for that)
            self.clear_error()
            return
        # Messages from the rules start in lower case after the field name; the label
        # stands alone, so start it with a capital.
        self.setText(message[:1].upper() + message[1:])
        self.show()
        self._tell_owner(self.text())

    def clear_error(self) -> None:
        had = bool(self.text())
        self.clear()
        self.hide()
        if had:
            self._tell_owner("")

    def _tell_owner(self, reason: str) -> None:
        """A screen reader hears the red reason: it is the field's description while shown."""
        owner = self.parentWidget()
        if isinstance(owner, ValidatedField):
            owner.describe_reason(reason)

    def has_error(self) -> bool:
        return bool(self.text())


def spoken_title(text: str) -> str:
    """A form row's title as a screen reader should say it: without the ``&`` of its
    shortcut, the closing colon or markup (»&Datum rojstva:« → »Datum rojstva«)."""
    text = re.sub(r"<[^>]*>", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.strip().rstrip(":").strip()


def row_title(widget: QWidget, _inner: bool = False) -> str:
    """The visible title of ``widget``'s row when no label names it as its buddy: the
    label a ``QFormLayout`` holds beside it or beside the row of widgets it opens
    (``addRow(label, field)`` with a label made first, and ``addRow(text, layout)``, set
    no buddy), or a label just before it in a row of widgets; "" if none."""
    parent = widget.parentWidget()
    layout = parent.layout() if parent is not None else None
    # (layout, the title of the form row the layout is the field of)
    layouts: list[tuple[Any, str]] = [(layout, "")] if layout is not None else []
    while layouts:
        layout, row = layouts.pop()
        if isinstance(layout, QFormLayout):
            label = layout.labelForField(widget)
            if isinstance(label, QLabel) and label.text():
                return spoken_title(label.text())
        index = layout.indexOf(widget)
        if index >= 0 and isinstance(layout, QGridLayout):
            # a table of fields: the title at the start of its row and the one at the top
            # of its column (»Osnovna oskrbnina: Novo«; »Prej«, »Potem« above two boxes)
            row_at, column, _rows, _columns = layout.getItemPosition(index)
            titles = []
            for r, c in ((row_at, 0), (0, column)):
                item = layout.itemAtPosition(r, c) if (r, c) != (row_at, column) else None
                label = item.widget() if item is not None else None
                if isinstance(label, QLabel) and label.buddy() is None and _words(label.text()):
                    titles.append(spoken_title(label.text()))
            if titles:
                return ": ".join(titles)
        if index >= 0:
            before = [layout.itemAt(i).widget() for i in range(index)]
            if (
                isinstance(layout, QHBoxLayout)  # a label above may be a note, not a title
                and before
                and isinstance(before[-1], QLabel)
                and before[-1].buddy() is None
            ):
                return spoken_title(before[-1].text())
            takes_focus = [
                w for w in before if w is not None and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            ]
            if takes_focus:
                return ""
            # the first input of a container (a table with its buttons) that is itself a
            # form row's field
            if row or _inner or parent is None or parent.isWindow():
                return row
            return row_title(parent, _inner=True)
        for i in range(layout.count()):
            inner = layout.itemAt(i).layout()
            if inner is not None:
                title = row
                if isinstance(layout, QFormLayout):
                    label = layout.labelForField(inner)
                    if isinstance(label, QLabel) and label.text():
                        title = spoken_title(label.text())
                layouts.append((inner, title))
    return ""


def group_title(widget: QWidget, tabs: bool = False) -> str:
    """The title of the group box ``widget`` is in (a row of a list of periods), with
    ``tabs`` also of the tab page it sits on, whichever is nearer; "" if none."""
    from PySide6.QtWidgets import QGroupBox, QStackedWidget, QTabWidget

    child: QWidget = widget
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QGroupBox) and parent.title():
            return spoken_title(parent.title())
        pages = parent.parentWidget()
        if tabs and isinstance(parent, QStackedWidget) and isinstance(pages, QTabWidget):
            index = pages.indexOf(child)
            if index >= 0 and pages.tabText(index):
                return spoken_title(pages.tabText(index))
        child, parent = parent, pages
    return ""


def _words(text: str) -> bool:
    """A title, not a figure or a dash (»—« in a table of amounts)."""
    return re.search(r"[^\W\d_]{2}", text) is not None


def title_label(widget: QWidget) -> QLabel | None:
    """The label whose buddy ``widget`` is (Qt names the widget after it), if any."""
    parent = widget.parentWidget()
    if parent is None:
        return None
    for child in parent.children():
        if isinstance(child, QLabel) and child.buddy() is widget:
            return child
    return None


def announce(widget: QWidget, text: str) -> None:
    """Have a screen reader say ``text`` now (a reason that appeared under a field)."""
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    if text and QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))


def reveal(widget: QWidget) -> None:
    """Put the cursor in ``widget`` (when it takes one) and scroll every scroll area
    around it so that it is seen: a refused save puts the cursor in the wrong field, and
    ``setFocus`` alone left it out of sight when the editor was scrolled elsewhere."""
    if widget.focusPolicy() != Qt.FocusPolicy.NoFocus or widget.focusProxy() is not None:
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
    into_sight(widget)


def into_sight(widget: QWidget) -> None:
    """Scroll every scroll area around ``widget`` so that it is seen."""
    from PySide6.QtWidgets import QScrollArea

    ancestor = widget.parentWidget()
    while ancestor is not None:
        if isinstance(ancestor, QScrollArea) and ancestor.widget() is not None:
            if ancestor.widget().isAncestorOf(widget):
                ancestor.ensureWidgetVisible(widget, 10, 30)
        ancestor = ancestor.parentWidget()


def reveal_first_error(root: QWidget) -> bool:
    """Reveal the first red reason shown under ``root`` (its field, when it is one's);
    False when none is shown."""
    for label in root.findChildren(FieldError):
        if label.has_error() and label.isVisibleTo(root):
            owner = label.parentWidget()
            reveal(owner if isinstance(owner, ValidatedField) else label)
            return True
    return False


class ValidatedField(QWidget):
    """Base of the fields: an input row above a FieldError. Subclasses fill ``row``."""

    edited = Signal()

    def __init__(self, field: str, parent: QWidget | None = None, required: bool = False) -> None:
        super().__init__(parent)
        self.field = field
        self.required = required
        #: what to say when a required field is empty (default: "Polje je obvezno.")
        self.required_message = ""
        self._extra_checks: list[Callable[[Any], str | None]] = []
        # a reason given from outside the field (a save's cross-field or service check)
        # stands until the text is edited: leaving the field unchanged must not clear it
        self._reason_from_outside = False
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(2)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self._column.addLayout(self.row)
        # The red reason is made when first needed: a hidden label takes no room in the
        # layout, and an editor has 20-30 fields of which nearly none ever shows one (each
        # label made from Python cost ~0.1 ms of PySide signal set-up and polishing).
        self._error_label: FieldError | None = None
        #: the name screen readers say for the inputs (the row title beside the field)
        self._spoken_name = ""
        #: checked by an outer field that moves the reason under itself (no announcement)
        self._probed = False
        #: the reason last announced ("" once it went)
        self._said = ""

    @property
    def error_label(self) -> FieldError:
        if self._error_label is None:
            self._error_label = FieldError(self)
            self._column.addWidget(self._error_label)
        return self._error_label

    def _has_error(self) -> bool:
        return self._error_label is not None and self._error_label.has_error()

    def retranslate(self) -> None:
        """Set the field's own texts (placeholders, labels) through self.tr."""

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._spoken_name = ""  # the row's title is said anew at the next showing
        super().changeEvent(event)

    # -- what a screen reader says ------------------------------------------------------
    # The row's title (a QLabel whose buddy is this composite: QFormLayout.addRow makes
    # it) names the composite, but the cursor is in the QLineEdit/QComboBox inside it,
    # which Qt names only from a label of its own: Narrator, NVDA and Orca said »urejanje«
    # and nothing else. At each showing the title is handed to the inputs inside.
    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.name_from_title()
        super().showEvent(event)

    def name_from_title(self) -> None:
        """Name the inputs inside after the field's own accessible name, else the title
        of its form row; a field inside another field is named by that one."""
        name = self.accessibleName()
        if not name and not isinstance(self.parentWidget(), ValidatedField):
            label = title_label(self)
            name = spoken_title(label.text()) if label is not None else row_title(self)
            name = name or group_title(self)
        if name and name != self._spoken_name:
            self.set_spoken_name(name)

    def set_spoken_name(self, name: str) -> None:
        """The inputs' accessible names; subclasses with more than one input name each."""
        self._spoken_name = name
        for widget in self.spoken_inputs():
            widget.setAccessibleName(name)

    def spoken_inputs(self) -> list[QWidget]:
        """The widgets inside that take the keyboard's focus (they are what is announced)."""
        proxy = self.focusProxy()
        while proxy is not None and proxy.focusProxy() is not None:
            proxy = proxy.focusProxy()
        return [proxy] if proxy is not None else []

    def describe_reason(self, reason: str) -> None:
        """The red reason is the inputs' accessible description while it is shown, and is
        announced as it appears (it was only seen)."""
        for widget in self.spoken_inputs():
            if widget.accessibleDescription() != reason:
                widget.setAccessibleDescription(reason)
        if reason == self._said or self._probed:
            # the same reason checked again as the user types: said once; a part checked
            # by the field it belongs to: that field says the reason
            return
        self._said = reason
        if not reason:
            return
        # named: a refused save announces each field's reason in turn
        announce(self, f"{self._spoken_name}: {reason}" if self._spoken_name and reason else reason)

    # Subclasses implement _parse() -> value (None when empty) raising InputError.
    def _parse(self) -> Any:
        raise NotImplementedError

    def add_check(self, check: Callable[[Any], str | None]) -> None:
        """An extra rule: returns a Slovenian reason, or None when the value is fine."""
        self._extra_checks.append(check)

    def value(self) -> Any:
        value = self._parse()
        if value is None and self.required:
            raise InputError(self.field, self.required_message or self.tr("Polje je obvezno."))
        if value is not None:
            for check in self._extra_checks:
                reason = check(value)
                if reason:
                    raise InputError(self.field, reason)
        return value

    def check(self) -> tuple[bool, Any]:
        """(ok, value); shows or clears the reason beside the field."""
        try:
            value = self.value()
        except InputError as exc:
            self.error_label.show_error(exc.message)
            return False, None
        self.clear_error()
        return True, value

    def show_error(self, message: str) -> None:
        self.error_label.show_error(message)
        self._reason_from_outside = bool(message)

    def clear_error(self) -> None:
        self._reason_from_outside = False
        if self._error_label is not None:
            self._error_label.clear_error()

    def error_text(self) -> str:
        return self._error_label.text() if self._error_label is not None else ""


class _LineField(ValidatedField):
    def __init__(self, field: str, parent: QWidget | None = None, required: bool = False) -> None:
        super().__init__(field, parent, required)
        self.edit = QLineEdit(self)
        self.row.addWidget(self.edit)
        self.edit.textEdited.connect(self._on_edited)
        self.setFocusProxy(self.edit)

    def spoken_inputs(self) -> list[QWidget]:
        return [self.edit]

    @Slot(str)
    def _on_edited(self, _text: str) -> None:
        # Once a reason is shown, re-check as the user types so it goes away when fixed.
        self._reason_from_outside = False
        if self._has_error():
            self.check()
        self.edited.emit()

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt style)
        self.edit.setText(text)
        # A loaded value shows its beginning (Qt leaves the cursor, and the view, at the
        # end: a long source showed only its last words).
        self.edit.setCursorPosition(0)
        self.clear_error()


class TextEdit(_LineField):
    """Plain text; optional ``required``."""

    def _parse(self) -> str | None:
        text = self.edit.text().strip()
        return text or None

    def set_value(self, value: str | None) -> None:
        self.setText(value or "")


class EmsoEdit(_LineField):
    """EMŠO checked as typed (rules.emso.check_emso); ``birth_date_found`` on success.

    ``today``: the owner's day (its window's clock), asked at each check: a birth date
    after it is refused."""

    birth_date_found = Signal(object)  # datetime.date

    def __init__(
        self,
        field: str,
        parent: QWidget | None,
        *,
        today: Callable[[], date],
        required: bool = False,
    ) -> None:
        super().__init__(field, parent, required)
        self.today = today
        self.edit.setMaxLength(13)
        self.edit.textEdited.connect(self._check_as_typed)
        self.retranslate()

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(self.tr("13 števk"))

    @Slot(str)
    def _check_as_typed(self, text: str) -> None:
        digits = text.strip()
        if not digits:
            self.clear_error()
            return
        if len(digits) < 13 and digits.isdigit():
            # Still typing: do not shout after the first digit.
            self.clear_error()
            return
        ok, info = self._check_full()
        if ok and info is not None:
            self.birth_date_found.emit(info.birth_date)

    def _check_full(self) -> tuple[bool, Any]:
        from rejnistvo.rules.emso import check_emso

        try:
            info = check_emso(self.edit.text().strip(), self.field, today=self.today())
        except InputError as exc:
            self.error_label.show_error(exc.message)
            return False, None
        self.clear_error()
        return True, info

    def _parse(self) -> str | None:
        from rejnistvo.rules.emso import check_emso

        text = self.edit.text().strip()
        if not text:
            return None
        check_emso(text, self.field, today=self.today())
        return text

    def set_value(self, value: str | None) -> None:
        self.setText(value or "")


def _owners_today(widget: QWidget) -> date | None:
    """The day of the clock of the window (or dialog's owner) `widget` sits in: the
    nearest parent with the application's context (``ctx.clock``); None if there is none."""
    owner: QWidget | None = widget
    while owner is not None:
        clock = getattr(getattr(owner, "ctx", None), "clock", None)
        if clock is not None:
            return clock.today()
        owner = owner.parentWidget()
    return None


class DateEdit(_LineField):
    """A date typed as "2. 3. 2026" (or picked from the calendar); empty allowed unless
    ``required``. ``value()`` → date | None."""

    def __init__(
        self, field: str = "datum", parent: QWidget | None = None, required: bool = False
    ) -> None:
        super().__init__(field, parent, required)
        self.edit.setMaximumWidth(130)
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # The calendar is made when its menu first opens: a screen has a dozen date
        # fields and a calendar costs more to build than the rest of the field.
        self._calendar: QCalendarWidget | None = None
        menu = QMenu(self.button)
        menu.aboutToShow.connect(self._show_calendar)
        self.button.setMenu(menu)
        self.row.addWidget(self.button)
        self.row.addStretch(1)
        self.edit.editingFinished.connect(self._reformat)
        # Alt+↓ or F4 in the field opens the calendar, as in a combo box: the ▾ button
        # was the keyboard's only way, one more Tab away
        self.edit.installEventFilter(self)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self.button.isEnabled()
            and (
                event.key() == Qt.Key.Key_F4
                or (
                    event.key() == Qt.Key.Key_Down
                    and event.modifiers() == Qt.KeyboardModifier.AltModifier
                )
            )
        ):
            self.button.showMenu()
            return True
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(self.tr("d. m. llll"))
        self.button.setToolTip(self.tr("Izberi datum v koledarju"))
        self._name_button()

    def set_spoken_name(self, name: str) -> None:
        super().set_spoken_name(name)
        self._name_button()

    def _name_button(self) -> None:
        # »▾« alone was said as »trikotnik« or nothing
        tip = self.tr("Izberi datum v koledarju")
        self.button.setAccessibleName(f"{self._spoken_name}: {tip}" if self._spoken_name else tip)

    def set_read_only(self, read_only: bool) -> None:
        """A date that is shown, not typed: its calendar button is off too (it picked a
        date into a read-only field and was one more Tab stop that did nothing)."""
        self.edit.setReadOnly(read_only)
        self.button.setEnabled(not read_only)

    @property
    def calendar(self) -> QCalendarWidget:
        if self._calendar is None:
            menu = self.button.menu()
            self._calendar = QCalendarWidget()
            self._calendar.setGridVisible(True)
            # Digits typed into the calendar opened Qt's inline date editor, which showed
            # »0. -2147483648. 2026« in the Slovenian format; a date is typed in the field.
            self._calendar.setDateEditEnabled(False)
            action = QWidgetAction(menu)
            action.setDefaultWidget(self._calendar)
            menu.addAction(action)
            self._calendar.clicked.connect(self._picked)
            # Enter on the day chosen with the arrow keys (the keyboard's click)
            self._calendar.activated.connect(self._picked)
            self._calendar.currentPageChanged.connect(self._mark_holidays)
        return self._calendar

    @Slot(int, int)
    def _mark_holidays(self, year: int, month: int) -> None:
        """Public holidays of the shown page in the weekend's red, with a tooltip: only
        Saturdays and Sundays were red, so 25. 12. or 1. 1. looked like working days
        although a deadline on them moves to the next working day (ZUP 101)."""
        from rejnistvo.rules.workdays import is_holiday
        from rejnistvo.ui.palette import WEEKEND, cell_colour

        calendar = self.calendar
        # Qt's fixed red read at 3.3 : 1 on a dark theme's days: the theme's of now
        weekend = cell_colour(WEEKEND)
        for weekday in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            shown_red = calendar.weekdayTextFormat(weekday)
            if shown_red.foreground().color() != weekend:
                shown_red.setForeground(weekend)
                calendar.setWeekdayTextFormat(weekday, shown_red)
        red = QTextCharFormat(calendar.weekdayTextFormat(Qt.DayOfWeek.Sunday))
        red.setToolTip(self.tr("Praznik – dela prost dan"))
        shown = QDate(year, month, 1)
        day = shown.addMonths(-1)
        while day < shown.addMonths(2):  # the page shows the edges of both neighbours
            if is_holiday(date(day.year(), day.month(), day.day())):
                calendar.setDateTextFormat(day, red)
            day = day.addDays(1)

    @Slot()
    def _show_calendar(self) -> None:
        """The menu opens on the date in the field (when it is one)."""
        calendar = self.calendar
        try:
            value = parse_date_text(self.edit.text(), self.field)
        except InputError:
            value = None
        if value is None:
            # an empty field opens on the window's day, not the machine's (Qt's default)
            value = _owners_today(self)
        if value is not None:
            calendar.setSelectedDate(QDate(value.year, value.month, value.day))
        self._mark_holidays(calendar.yearShown(), calendar.monthShown())
        # The menu keeps the keyboard unless the calendar takes it once shown: the arrow
        # keys and Enter did nothing, so the calendar was for the mouse only.
        QTimer.singleShot(0, calendar, calendar.setFocus)

    @Slot(QDate)
    def _picked(self, qdate: QDate) -> None:
        if self.edit.isReadOnly():
            self.button.menu().hide()
            return
        picked = date(qdate.year(), qdate.month(), qdate.day())
        try:
            shown = parse_date_text(self.edit.text(), self.field)
        except InputError:
            shown = None
        self.set_value(picked)
        self.button.menu().hide()
        if picked != shown:  # the day already in the field, picked again, is no edit
            self.edited.emit()

    @Slot()
    def _reformat(self) -> None:
        """After typing, show the date the program understood (only when valid)."""
        try:
            value = parse_date_text(self.edit.text(), self.field)
        except InputError as exc:
            self.error_label.show_error(exc.message)
            return
        if value is not None:
            self.edit.setText(format_date(value))
        if not self._reason_from_outside:  # »ne ujema z EMŠO« stays until the date is edited
            self.check()

    def _parse(self) -> date | None:
        return parse_date_text(self.edit.text(), self.field)

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value) if value else "")


class AmountEdit(_LineField):
    """An amount in euros: Decimal, ≥ 0, at most two decimals; Slovenian comma accepted."""

    def __init__(
        self, field: str = "znesek", parent: QWidget | None = None, required: bool = False
    ) -> None:
        super().__init__(field, parent, required)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.edit.setMaximumWidth(140)
        self.row.addWidget(QLabel("€", self))
        self.row.addStretch(1)
        self.edit.editingFinished.connect(self._reformat)
        self.retranslate()

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(self.tr("0,00"))

    @Slot()
    def _reformat(self) -> None:
        try:
            value = parse_amount_text(self.edit.text(), self.field)
        except InputError as exc:
            self.error_label.show_error(exc.message)
            return
        if value is not None:
            self.edit.setText(format_amount(value))
        if not self._reason_from_outside:  # »ne ujema z EMŠO« stays until the date is edited
            self.check()

    def _parse(self) -> Decimal | None:
        return parse_amount_text(self.edit.text(), self.field)

    def set_value(self, value: Decimal | None) -> None:
        self.setText(format_amount(value) if value is not None else "")


class PeriodEdit(ValidatedField):
    """Od … do … (do may be empty = open unless ``open_allowed`` is False); end ≥ start;
    optionally inside the placement periods given by ``set_outer``."""

    def __init__(
        self,
        field: str = "obdobje",
        parent: QWidget | None = None,
        required: bool = False,
        open_allowed: bool = True,
    ) -> None:
        super().__init__(field, parent, required)
        self.open_allowed = open_allowed
        self._outer: Sequence[Period] | None = None
        self._keep: Period | None = None
        self.from_label = QLabel(self)
        self.start_edit = DateEdit(f"{field}.od", self, required=False)
        self.to_label = QLabel(self)
        self.end_edit = DateEdit(f"{field}.do", self, required=False)
        for w in (self.from_label, self.start_edit, self.to_label, self.end_edit):
            self.row.addWidget(w)
        self.row.addStretch(1)
        self.start_edit.edited.connect(self.edited)
        self.end_edit.edited.connect(self.edited)
        self.edited.connect(self._recheck)
        self.setFocusProxy(self.start_edit)
        self.retranslate()

    def retranslate(self) -> None:
        self.from_label.setText(self.tr("od"))
        self.to_label.setText(self.tr("do"))

    def set_spoken_name(self, name: str) -> None:
        self._spoken_name = name
        self.start_edit.set_spoken_name(f"{name}, {self.tr('od')}")
        self.end_edit.set_spoken_name(f"{name}, {self.tr('do')}")

    def spoken_inputs(self) -> list[QWidget]:
        return [self.start_edit.edit, self.end_edit.edit]

    def set_outer(self, periods: Sequence[Period] | None, keep: Period | None = None) -> None:
        """The placement's periods: the value must lie inside them. ``keep`` is the period
        as already recorded: it stays valid when the placement later ends early (only
        placed days count, SPEC 6); a new or changed period must lie inside."""
        self._outer = periods
        self._keep = keep

    def _parse(self) -> Period | None:
        start = self.start_edit.value()
        end = self.end_edit.value()
        if start is None and end is None:
            return None
        if start is None:
            raise InputError(self.field, self.tr("Manjka začetek obdobja (od)."))
        if end is None and not self.open_allowed:
            raise InputError(
                self.field, self.tr("Manjka konec obdobja (do); to obdobje mora biti zaprto.")
            )
        if end is not None and end < start:
            raise InputError(
                self.field,
                self.tr(
                    "Konec obdobja ({0}) je pred začetkom ({1}); konec mora biti na dan začetka ali pozneje."
                ).format(format_date(end), format_date(start)),
            )
        period = Period(start, end)
        if self._outer is not None and period != self._keep and not period.within(self._outer):
            # the contract and its adjoining annexes as one stretch, an open end in words
            # (QA57: »1. 9. 2026–31. 10. 2026, 1. 11. 2026–…« for days placed without a gap)
            shown = ", ".join(span_text(p) for p in joined(self._outer))
            raise InputError(
                self.field,
                self.tr(
                    "Obdobje mora biti v času namestitve ({0}); skrajšajte ga ali najprej "
                    "vnesite aneks k pogodbi."
                ).format(shown or "—"),
            )
        return period

    def check(self) -> tuple[bool, Any]:
        # A date's own reason goes under the pair and names the date: under the date it
        # squeezed into the date's width, pushed »od« down and did not say which (QA16).
        for edit, name in (
            (self.start_edit, self.tr("Začetek obdobja (od)")),
            (self.end_edit, self.tr("Konec obdobja (do)")),
        ):
            edit._probed = True  # the pair says the reason, once (a screen reader heard it twice)
            try:
                ok, _ = edit.check()
            finally:
                edit._probed = False
            if not ok:
                reason = edit.error_text()
                edit.clear_error()
                if reason[1:2].islower():
                    reason = reason[:1].lower() + reason[1:]
                self.show_error(f"{name}: {reason}")
                return False, None
        return super().check()

    @Slot()
    def _recheck(self) -> None:
        # as a line field does once its reason shows: it goes away when the date is fixed
        if self._has_error():
            self.check()

    def set_value(self, period: Period | None) -> None:
        self.start_edit.set_value(period.start if period else None)
        self.end_edit.set_value(period.end if period else None)
        self.clear_error()


class FormValidator:
    """Collects the errors of a form. Never clears what was typed."""

    def __init__(self) -> None:
        self.errors: list[tuple[QWidget, str]] = []
        #: a field whose reason is shown apart from it (a table's rows: under the table
        #: and its buttons, out of sight when only the table is revealed)
        self.reasons: dict[QWidget, FieldError] = {}

    def check(self, field: ValidatedField) -> Any:
        ok, value = field.check()
        if not ok:
            self.errors.append((field, field.error_text()))
        return value

    def add_error(self, field: ValidatedField, message: str) -> None:
        """A cross-field rule failed: show the reason beside ``field``."""
        field.show_error(message)
        self.errors.append((field, message))

    @property
    def ok(self) -> bool:
        return not self.errors

    def focus_first(self) -> None:
        if self.errors:
            first = self.errors[0][0]
            reveal(first)
            reason = self.reasons.get(first)
            if reason is not None:
                # once the reason just shown is laid out (the events its show posted)
                QTimer.singleShot(0, reason, lambda: into_sight(reason))

    def summary(self) -> str:
        return "\n".join(msg for _w, msg in self.errors)
