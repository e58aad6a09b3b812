"""QA14: an overpayment for a month with no day placed any more prints 0 days beside its
factor 0 (the Dni cell was blank); a one-off payment, with no factor, keeps both blank."""

from datetime import date
from types import SimpleNamespace

from rejnistvo.forms.payment_run import _text_cells  # type: ignore[import-not-found,unused-ignore]

from rejnistvo.rules.payment_run import Amounts


def _line(kind: str, days: int, factor: str) -> SimpleNamespace:
    return SimpleNamespace(
        carer="Marija Novak", child="Luka Kovač", contract="RP-1/2026", kind=kind,
        for_month=date(2026, 6, 1), days=days, factor=factor, amounts=Amounts(),
        reason="", settlement=None,
    )  # fmt: skip


def test_days_printed_with_the_factor():
    assert _text_cells(_line("overpayment", 0, "0"))[5:7] == ["0", "0"]
    assert _text_cells(_line("month", 17, "17/30"))[5:7] == ["17", "17/30"]
    assert _text_cells(_line("one_off", 0, ""))[5:7] == ["", ""]
