"""The editors' and fields' slots are declared with ``@Slot`` (issue 13, first opening).

PySide adds an undeclared method to its class's meta-object when a signal is first
connected to it, and rebuilds the meta-object at the next ``metaObject()`` call: building
R-4 at its first opening made 97 such registrations and 168 rebuilds, ~3.8 million
instructions (7 % of building the screen; Namestitve and R-5 ~3 million). Declared, the
slots are in the meta-object from the class's creation (the screens' modules are imported
while the user reads *Roki*), and a connection finds them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget
from shiboken6 import Shiboken
from test_ui_keyboard import window  # noqa: F401 (the main window, its first screen shown)

from rejnistvo.ui.widgets import AmountEdit, DateEdit, TextEdit
from rejnistvo.ui.widgets.fields import EmsoEdit

#: the packages whose classes must declare what they connect (the models and the list
#: tables belong to other modules)
OWN = ("rejnistvo.ui.views.", "rejnistvo.ui.widgets.")
NOT_OWN = ("rejnistvo.ui.widgets.tables", "rejnistvo.ui.widgets.payment_table")


def _added_at_connect(obj: QObject) -> list[str]:
    """The slots PySide added to ``obj``'s class when a signal was connected to it."""
    meta, declared = obj.metaObject(), type(obj).staticMetaObject
    return [
        bytes(meta.method(i).methodSignature()).decode()
        for i in range(declared.methodCount(), meta.methodCount())
    ]


def test_a_new_field_class_gets_no_slot_added_when_built(qtbot) -> None:
    # Fresh subclasses: what an earlier test connected cannot hide a registration.
    probes = [type(f"Probe{cls.__name__}", (cls,), {}) for cls in (TextEdit, DateEdit, AmountEdit)]
    top = QWidget()
    qtbot.addWidget(top)
    fields = [probe("polje", top) for probe in probes]
    emso_probe = type("ProbeEmsoEdit", (EmsoEdit,), {})
    fields.append(emso_probe("emso", top, today=lambda: date(2026, 3, 2)))
    assert fields[1].calendar is not None  # its own connections, made on first opening
    for field in fields:
        assert _added_at_connect(field) == [], type(field).__name__


def test_the_editors_get_no_slot_added_at_their_first_opening(qtbot, window) -> None:  # noqa: F811
    added: dict[str, list[str]] = {}
    for name in ("r4_view", "r5_view", "placements_view", "carers_view", "children_view"):
        window.show_screen(name)
        view = window.view(name)
        assert view is not None
        qtbot.waitUntil(lambda view=view: view.isVisible())
        for obj in [view, *view.findChildren(QObject)]:
            module = type(obj).__module__
            if not Shiboken.createdByPython(obj) or not module.startswith(OWN):
                continue
            if module.startswith(NOT_OWN):
                continue
            if slots := _added_at_connect(obj):
                added[f"{module}.{type(obj).__qualname__}"] = slots
    assert added == {}
