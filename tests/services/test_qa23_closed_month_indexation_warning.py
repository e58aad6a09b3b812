"""Izplačila, a month closed before the 1 March indexation was entered: opened later, it
still said in orange »Uskladitev zneskov od 1. 3. 2026 ni vnesena … Dodajte znesek v
Nastavitve → Zneski rejnine«, though the row had been added since (and its arrears paid):
a clerk who did as told was refused, the row being there. The closed month still shows
what was paid and that the indexation was missing then, and now says it was entered
later, with no call to add it (found by QA23)."""

from datetime import date

from _payment_fixtures import D

from rejnistvo.clock import FixedClock
from rejnistvo.rules.rates import WHERE_TO_ADD
from rejnistvo.services import payment_run as service
from rejnistvo.services import rates as rate_service

SEP = D("2026-09-01")


def test_a_closed_month_says_the_missing_indexation_was_entered_later(run_db, clock):
    closed = service.close_month(run_db, SEP, clock)
    assert closed.warnings[0].startswith("Uskladitev zneskov od 1. 3. 2026 ni vnesena")
    assert service.payment_run(run_db, SEP, clock).warnings == closed.warnings  # still missing

    rate_service.add_rate(run_db, "2026-03-01", "655.23", "472.42", "test: 2026")
    (warning,) = service.payment_run(run_db, SEP, clock).warnings
    assert warning == (
        "Ob zaključku uskladitev zneskov od 1. 3. 2026 še ni bila vnesena: mesec september "
        "2026 je izračunan z zneski, ki veljajo od 1. 11. 2025 (oskrbnina 638,00 EUR, "
        "plačilo dela 460,00 EUR). Vnesena je bila pozneje; razliko prinese poračun."
    )
    assert WHERE_TO_ADD not in warning


def test_only_the_indexation_entered_since_is_said_so(run_db, own_rates):
    later = FixedClock(date(2028, 4, 10))
    own_rates(
        run_db,
        rates=[
            {"valid_from": "2025-11-01", "board": "638.00", "fee": "460.00", "source": "t"},
            {"valid_from": "2026-03-01", "board": "655.23", "fee": "472.42", "source": "t"},
        ],
    )
    for month in ("2026-09", "2026-10", "2026-11", "2026-12"):
        service.close_month(run_db, D(f"{month}-01"), later)
    months = [D(f"{y}-{m:02d}-01") for y in (2027, 2028) for m in range(1, 13)][:15]
    for month in months:
        service.close_month(run_db, month, later)
    march_2028 = D("2028-03-01")
    assert len(service.payment_run(run_db, march_2028, later).warnings) == 2
    rate_service.add_rate(run_db, "2027-03-01", "670.00", "480.00", "test: 2027")
    first, second = service.payment_run(run_db, march_2028, later).warnings
    assert first.startswith("Ob zaključku uskladitev zneskov od 1. 3. 2027 še ni bila vnesena")
    assert second.startswith("Uskladitev zneskov od 1. 3. 2028 ni vnesena")
    assert second.endswith(WHERE_TO_ADD)  # still missing: still asked for
