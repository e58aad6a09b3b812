"""Long work in steps (a batch of prints, a large export) behind a cancellable progress
dialog. The work itself stays in plain functions; this only calls them one by one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")


def _named(dialog: QProgressDialog) -> QProgressDialog:
    """Named by its label for a screen reader once it shows (after 400 ms of work)."""
    from rejnistvo.ui.widgets.accessible import named_when_shown

    named_when_shown(dialog)
    return dialog


def run_with_progress(
    parent: QWidget | None,
    label: str,
    items: Sequence[T],
    step: Callable[[T], object],
    describe: Callable[[T], str] | None = None,
) -> tuple[int, bool]:
    """Call ``step(item)`` for each item with a progress dialog ("Prekliči" stops before
    the next item). Returns (how many were done, whether the user cancelled)."""
    dialog = _named(
        QProgressDialog(
            label, QCoreApplication.translate("Progress", "Prekliči"), 0, len(items), parent
        )
    )
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)  # short work finishes without a dialog flashing up
    done = 0
    try:
        for item in items:
            if dialog.wasCanceled():
                return done, True
            if describe is not None:
                dialog.setLabelText(f"{label}\n{describe(item)}")
            step(item)
            done += 1
            dialog.setValue(done)
            QCoreApplication.processEvents()
        return done, dialog.wasCanceled()
    finally:
        dialog.close()
        dialog.deleteLater()


def run_reporting(
    parent: QWidget | None,
    label: str,
    work: Callable[[Callable[[int, int], bool]], T],
) -> tuple[T | None, bool]:
    """Run one long call that reports its own progress: ``work(progress)`` gets a
    ``progress(done, total) -> bool`` callback (False once the user pressed "Prekliči",
    so the work stops). Returns (the work's result, whether the user cancelled); a
    cancelled work's exception of choice is the caller's to catch."""
    dialog = _named(
        QProgressDialog(label, QCoreApplication.translate("Progress", "Prekliči"), 0, 0, parent)
    )
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)

    def progress(done: int, total: int) -> bool:
        if dialog.maximum() != total:
            dialog.setMaximum(total)
        dialog.setValue(min(done, total))
        QCoreApplication.processEvents()
        return not dialog.wasCanceled()

    try:
        result = work(progress)
        return result, dialog.wasCanceled()
    finally:
        dialog.close()
        dialog.deleteLater()
