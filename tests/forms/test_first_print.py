"""The first payment sheet or refund call a process prints does not load what it does not
need: babel's Slovenian calendar data for month names, python-stdnum for a call without
an account. The printed text is the same as with them."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_date

from rejnistvo.printing.formats import fmt_month

ROOT = Path(__file__).resolve().parents[2]


def modules_after(code: str) -> set[str]:
    """Names in sys.modules after `code` ran in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(done.stdout.split())


@pytest.mark.parametrize("year", [1, 999, 2025, 2026, 9999])
def test_month_names_are_babels(year: int) -> None:
    for month in range(1, 13):
        day = date(year, month, 1)
        assert fmt_month(day) == format_date(day, "LLLL yyyy", locale="sl_SI")


def test_month_name_without_babels_calendar_data() -> None:
    loaded = modules_after(
        "from datetime import date\n"
        "from rejnistvo.printing.formats import fmt_month\n"
        "assert fmt_month(date(2026, 3, 1)) == 'marec 2026'"
    )
    assert "babel.dates" not in loaded
    assert "babel.localedata" not in loaded


def test_refund_call_without_account_does_not_load_stdnum() -> None:
    loaded = modules_after(
        "from datetime import date\n"
        "from rejnistvo.forms.refund_call import render_refund_call_bytes\n"
        "from rejnistvo.rules.months import Adjustment\n"
        "from rejnistvo.rules.periods import Period\n"
        "from decimal import Decimal as D\n"
        "from rejnistvo.rules.rates import Rate, RateTable\n"
        "from rejnistvo.rules.refund import RefundMethod, refund_plan\n"
        "rates = RateTable([Rate(date(2025, 11, 1), D('638.00'), D('460.00'), 'ZIRD')])\n"
        "plan = refund_plan(Adjustment(25, Period(date(2026, 1, 1), date(2026, 6, 30))),"
        " [Period(date(2025, 12, 1), None)], rates, date(2026, 7, 10), None,"
        " None, RefundMethod.AS_RECEIVED)\n"
        "assert render_refund_call_bytes({}, plan).startswith(b'%PDF')"
    )
    assert "rejnistvo.forms.refund_call" in loaded
    assert "stdnum.iban" not in loaded
    assert "babel.dates" not in loaded


def test_refund_call_account_grouped_by_four() -> None:
    from rejnistvo.forms.refund_call import _account

    assert _account("SI56011006000000123") == "SI56 0110 0600 0000 123"
    assert _account("si56 1910 0000 0123 438") == "SI56 1910 0000 0123 438"
    assert _account(None) is None
    assert _account("") is None
