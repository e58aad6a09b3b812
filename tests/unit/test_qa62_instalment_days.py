"""QA62: a refund »as received« may put two or all of its instalments on one day — a
typed deadline three days after the call gave seven instalments all due 13. 7. 2026, and
two instalments spread over a weekend both moved onto Monday. SPEC 3.4 sets these default
days (call + ⌈k × span / n⌉, each moved to the next working day; the user edits them), so
the days stay; the plan now says which instalments share a day and what gives each its
own: edited days, a later deadline (the earliest with room named) or the lump sum."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from rejnistvo.rules.months import Adjustment
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import Rate, RateTable
from rejnistvo.rules.refund import (
    Instalment,
    instalment_due_dates,
    latest_refund_deadline,
    refund_plan,
    same_day_notes,
    working_days_after,
)
from rejnistvo.rules.workdays import is_working_day

D = date
RATES = RateTable([Rate(D(2025, 11, 1), Decimal("638.00"), Decimal("460.00"), "test")])
OPEN = [Period(D(2025, 6, 1))]


def _plan(start, call, deadline=None):
    increase = Adjustment(50, Period(start, D(2026, 12, 31)))
    return refund_plan(increase, OPEN, RATES, call, None, deadline, "as_received")


def _notes(plan, call):
    return same_day_notes(plan.instalments, call, plan.deadline, plan.latest_deadline)


def test_seven_instalments_on_one_day_name_the_earliest_deadline_with_room():
    call = D(2026, 7, 10)  # a Friday; seven months received
    plan = _plan(D(2026, 1, 1), call, deadline=D(2026, 7, 13))
    assert [i.due for i in plan.instalments] == [D(2026, 7, 13)] * 7  # SPEC 3.4's days
    assert _notes(plan, call) == [
        "Obroki 1, 2, 3, 4, 5, 6 in 7 zapadejo isti dan, 13. 7. 2026.",
        "Delovnih dni od 11. 7. 2026 do roka 13. 7. 2026 je le 1, obrokov pa 7: za vsak obrok "
        "svoj delovni dan izberite rok najmanj 21. 7. 2026 (najpozneje 18. 1. 2027) ali "
        "vračilo v enkratnem znesku.",
    ]
    later = _plan(D(2026, 1, 1), call, deadline=D(2026, 7, 21))
    dues = [i.due for i in later.instalments]
    if len(set(dues)) < len(dues):  # SPEC's days still meet: the clerk may edit them
        assert _notes(later, call)[-1].startswith("Vsakemu lahko določite svoj delovni dan")


def test_two_instalments_moved_onto_one_monday_can_be_edited_apart():
    # 29–30 June and 1 July paid; call Thursday 2 July; the latest deadline 5 July (Sunday)
    # moves to Monday 6 July; SPEC's spread: 4 July (Saturday → Monday) and 6 July
    call = D(2026, 7, 2)
    plan = _plan(D(2026, 6, 29), call)
    assert [i.due for i in plan.instalments] == [D(2026, 7, 6), D(2026, 7, 6)]
    assert _notes(plan, call) == [
        "Obroka 1 in 2 zapadeta isti dan, 6. 7. 2026.",
        "Vsakemu lahko določite svoj delovni dan: popravite datume obrokov (po vrsti, od "
        "3. 7. 2026 do roka 6. 7. 2026).",
    ]


def test_when_even_the_latest_deadline_has_no_room_the_lump_sum_is_said():
    # 30 Sep and 1 Oct paid (two months); call Friday 2 Oct; the latest deadline 4 Oct
    # (Sunday) → Monday 5 Oct: one working day for two instalments
    call = D(2026, 10, 2)
    plan = _plan(D(2026, 9, 30), call)
    assert _notes(plan, call)[-1] == (
        "Delovnih dni od 3. 10. 2026 do roka 5. 10. 2026 je le 1, obrokov pa 2; tudi do "
        "najpozneje dovoljenega roka (5. 10. 2026) jih je le 1. Če obroki ne smejo zapasti "
        "isti dan, izberite vračilo v enkratnem znesku."
    )


def test_distinct_days_and_paid_instalments_say_nothing():
    call = D(2026, 7, 10)
    plan = _plan(D(2026, 1, 1), call)  # monthly on the 18th, back from 18 Jan 2027
    assert len({i.due for i in plan.instalments}) == 7 and _notes(plan, call) == []
    paid = [Instalment(D(2026, 7, 13), Decimal("1.00"), D(2026, 7, 13))] * 2
    assert same_day_notes(paid, call, D(2026, 7, 13), D(2027, 1, 18)) == []


@settings(max_examples=300, deadline=None)
@given(
    call=st.dates(min_value=D(2025, 1, 1), max_value=D(2030, 12, 31)),
    span=st.integers(1, 400),
    count=st.integers(1, 40),
    extra=st.integers(0, 60),
)
def test_a_note_exactly_when_days_are_shared_and_its_advice_holds(call, span, count, extra):
    deadline = latest_refund_deadline(call, span)  # a working day, as refund_plan has it
    latest = latest_refund_deadline(call, span + extra)
    dues = instalment_due_dates(count, call, deadline)
    # SPEC 3.4: in order, working days after the call, none past the deadline, the last on it
    assert all(a <= b for a, b in zip(dues, dues[1:], strict=False))
    assert all(call < d <= deadline and is_working_day(d) for d in dues)
    assert dues[-1] == deadline
    plan = [Instalment(d, Decimal("1.00")) for d in dues]
    notes = same_day_notes(plan, call, deadline, latest)
    assert bool(notes) == (len(set(dues)) < len(dues))
    if not notes:
        return
    room = working_days_after(call, count, deadline)
    fit = working_days_after(call, count, latest)
    if len(room) >= count:  # the advice to edit: there are as many working days
        assert notes[-1].startswith("Vsakemu lahko določite svoj delovni dan")
        assert all(call < d <= deadline for d in room) and len(set(room)) == count
    elif len(fit) >= count:  # the deadline named has room, and is allowed
        assert fit[-1] <= latest and f"najmanj {fit[-1].day}. " in notes[-1]
        assert len(working_days_after(call, count, fit[-1])) == count
        assert len(working_days_after(call, count, fit[-1] - timedelta(days=1))) < count
    else:
        assert notes[-1].endswith("izberite vračilo v enkratnem znesku.")
