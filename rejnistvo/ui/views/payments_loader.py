"""Izplačila: a payment run made a slice at a time on the event loop, so the window
keeps painting and answering while 20,000 placements are computed (or a closed month
of 20,000 lines is read).

The service gives the work as a generator (``services.payment_run.run_steps``); this
calls it for a few milliseconds at a time. Before each slice it compares the file's
``data_stamp``: if anything was written meanwhile (a save on another screen, another
program), the half-made run would mix old and new data, so it starts again."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from rejnistvo.rules.errors import RuleError

Steps = Generator[tuple[int, int], None, Any]


class RunLoader(QObject):
    """Drives one run at a time: ``progressed(done, total)`` after each slice,
    ``restarted()`` when a write made it start again,
    ``finished(run, stamp)`` with the data stamp it was made from, ``failed(error)``
    with the service's ``RuleError`` (its Slovenian message is for the user)."""

    progressed = Signal(int, int)
    restarted = Signal()
    finished = Signal(object, object)
    failed = Signal(object)

    #: one slice's share of a frame or two: the window answers within ~30 ms
    BUDGET_SECONDS = 0.02

    def __init__(self, stamp: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stamp = stamp
        self._make: Callable[[], Steps] | None = None
        self._steps: Steps | None = None
        self._started: object = None
        self.restarts = 0
        self._paused = False
        self._holding = False  # the cyclic collector is off for this run
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)

    def start(self, make: Callable[[], Steps]) -> None:
        """Begin a new run (any run under way is dropped); its slices follow on the
        event loop."""
        self.cancel()
        self._make = make
        self.restarts = 0
        self._begin()
        if not self._paused:
            self._hold_collector()
            self._timer.start()  # the screen paints its empty tables and bar first

    def _begin(self) -> None:
        assert self._make is not None
        self._started = self._stamp()
        self._steps = self._make()

    def cancel(self) -> None:
        self._timer.stop()
        if self._steps is not None:
            self._steps.close()
        self._steps = None
        self._make = None
        self._release_collector()

    def _hold_collector(self) -> None:
        """The cyclic collector off while a run is under way on screen: the run makes no
        cycles (services.payment_run) but keeps a million objects alive, and a full pass
        landing between two slices held the window for over a second."""
        if not self._holding and gc.isenabled():
            gc.disable()
            self._holding = True

    def _release_collector(self) -> None:
        if self._holding:
            self._holding = False
            gc.enable()

    def is_busy(self) -> bool:
        return self._steps is not None

    def pause(self) -> None:
        """No slices while the screen is not shown: typing on another screen must not
        wait behind the run (issue 13: a keystroke in one frame). ``resume`` goes on."""
        self._paused = True
        self._timer.stop()
        self._release_collector()

    def resume(self) -> None:
        self._paused = False
        if self._steps is not None:
            self._hold_collector()
            self._timer.start()

    def _slice(self) -> None:
        if self._steps is None:
            return
        if self._stamp() != self._started:
            # Written meanwhile: what was made so far may be out of date.
            self._steps.close()
            self.restarts += 1
            self._begin()
            self.restarted.emit()
        deadline = time.perf_counter() + self.BUDGET_SECONDS
        done = total = 0
        try:
            while True:
                done, total = next(self._steps)
                if time.perf_counter() >= deadline:
                    break
        except StopIteration as stop:
            self._steps = None
            self._make = None
            self._release_collector()
            self.finished.emit(stop.value, self._started)
            return
        except RuleError as error:
            self._steps = None
            self._make = None
            self._release_collector()
            self.failed.emit(error)
            return
        self.progressed.emit(done, total)
        if not self._paused:
            self._timer.start()
