"""The application-level signal bus: views talk to each other only through it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Bus(QObject):
    """One per application, held by the context.

    * ``records_changed(kind)`` — a view stored records of ``kind`` ("carer", "child",
      "placement", "r4", "r5", "rate", "settings", …); other views reload.
    * ``open_case(kind, id)`` — show this record (the main window switches to the view
      whose ``open_record`` accepts it).
    * ``status_message(text)`` — a short message for the status bar.
    * ``status_withdrawn(text)`` — that message no longer holds (a refused save whose
      record was discarded, stored or left): gone from the status bar if still shown.
    """

    records_changed = Signal(str)
    open_case = Signal(str, int)
    status_message = Signal(str)
    status_withdrawn = Signal(str)
