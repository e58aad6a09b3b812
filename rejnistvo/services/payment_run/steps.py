"""A run made a slice at a time (``RunSteps``): driving the steps to the end, the
collector paused while a slice is computed, a reader's steps as run steps."""

from __future__ import annotations

from collections.abc import Generator
from typing import TypeVar

from rejnistvo.collector import collector_paused
from rejnistvo.services.payment_run.lines import PaymentRun, Progress, RunCancelled

#: The run a slice at a time: yields (done, total) between slices; returns the run.
RunSteps = Generator[tuple[int, int], None, "PaymentRun"]


def paused_steps(steps: RunSteps) -> RunSteps:
    """``steps`` with the collector paused while each slice is computed and on again
    (if it was) whenever the caller has control between slices."""
    try:
        while True:
            with collector_paused():
                try:
                    step = next(steps)
                except StopIteration as stop:
                    run: PaymentRun = stop.value
                    return run
            yield step
    finally:
        steps.close()


def drive(steps: RunSteps, progress: Progress | None = None) -> PaymentRun:
    """Run ``steps`` to the end, reporting each slice; ``RunCancelled`` when the progress
    callback returns False. The collector stays paused throughout (``rejnistvo.collector``)."""
    with collector_paused():
        while True:
            try:
                done, total = next(steps)
            except StopIteration as stop:
                run: PaymentRun = stop.value
                if progress is not None and progress(len(run.lines), len(run.lines)) is False:
                    raise RunCancelled() from None
                return run
            if progress is not None and progress(done, total) is False:
                steps.close()
                raise RunCancelled()


_Read = TypeVar("_Read")


def reading(
    steps: Generator[None, None, _Read], done: int = 0
) -> Generator[tuple[int, int], None, _Read]:
    """A reader's steps as run steps: `done` of `done` (nothing computed yet: 0 of unknown)."""
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            read: _Read = stop.value
            return read
        yield done, done
