"""rules/overlap.py: decisions of one placement never overlap (SPEC 3.4)."""

from datetime import date

import pytest

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.overlap import (
    check_no_overlap,
    find_overlap,
    format_period,
    overlap_message,
    with_preposition,
)
from rejnistvo.rules.periods import Period

MARCH_AUGUST = Period(date(2026, 3, 1), date(2026, 8, 31))


def test_no_stored_decision_no_overlap():
    assert find_overlap([], MARCH_AUGUST) is None


def test_adjoining_extension_does_not_overlap():
    stored = [("a", MARCH_AUGUST)]
    assert find_overlap(stored, Period(date(2026, 9, 1), date(2027, 2, 28))) is None
    assert find_overlap(stored, Period(date(2025, 9, 1), date(2026, 2, 28))) is None


@pytest.mark.parametrize(
    "new",
    [
        Period(date(2026, 8, 31), date(2026, 12, 31)),  # shares the last day
        Period(date(2026, 1, 1), date(2026, 3, 1)),  # shares the first day
        Period(date(2026, 4, 1), date(2026, 4, 30)),  # inside
        Period(date(2025, 1, 1), date(2027, 1, 1)),  # around
        Period(date(2026, 5, 1)),  # open new period
    ],
)
def test_any_shared_day_overlaps(new):
    assert find_overlap([("a", MARCH_AUGUST)], new) == ("a", MARCH_AUGUST)


def test_open_stored_period_runs_forever():
    stored = [("open", Period(date(2026, 3, 1)))]
    assert find_overlap(stored, Period(date(2031, 1, 1), date(2031, 1, 31))) is not None
    assert find_overlap(stored, Period(date(2026, 1, 1), date(2026, 2, 28))) is None


def test_earliest_overlapping_decision_is_named():
    later = ("later", Period(date(2026, 9, 1), date(2026, 12, 31)))
    earlier = ("earlier", MARCH_AUGUST)
    hit = find_overlap([later, earlier], Period(date(2026, 6, 1), date(2026, 10, 1)))
    assert hit == earlier


def test_message_names_other_decision_and_period():
    text = overlap_message("zvišanjem oskrbnine 25 %", MARCH_AUGUST, "odločba 1-001/2026")
    assert text.startswith(
        "Prekriva se z zvišanjem oskrbnine 25 % od 1. 3. 2026 do 31. 8. 2026 (odločba 1-001/2026)."
    )


def test_open_period_and_voiceless_preposition():
    assert format_period(Period(date(2026, 3, 1))) == "od 1. 3. 2026 dalje"
    assert with_preposition("povišanjem plačila") == "s povišanjem plačila"
    assert with_preposition("zvišanjem plačila") == "z zvišanjem plačila"


def test_check_raises_input_error_at_field():
    stored = [(("zvišanjem plačila za delo 50 %", "sklep 2-001/2026"), MARCH_AUGUST)]
    with pytest.raises(InputError) as caught:
        check_no_overlap(stored, Period(date(2026, 8, 1), date(2026, 9, 30)), "period.from")
    assert caught.value.field == "period.from"
    assert "sklep 2-001/2026" in caught.value.message
    assert "od 1. 3. 2026 do 31. 8. 2026" in caught.value.message
    check_no_overlap(stored, Period(date(2026, 9, 1), date(2026, 9, 30)), "period.from")
