"""QA51: a closed month of a placement made weekend-only afterwards (board 75 % of the
rate, the fee the contract's share) came back as an overpayment whose reason said only
»spremenjena namestitev ob koncih tedna in počitnicah (delež plačila dela)«, though the
board was lower too; a changed share did not say from what to what. The reason now says
what changed: made weekend-only (with the board and the share), full-time again, or the
share from → to."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from _payment_fixtures import D

from rejnistvo.rules.payment_run import reasons
from rejnistvo.services import payment_run as service
from rejnistvo.services.placements import get_placement, save_placement

SEP, OCT = D("2026-09-01"), D("2026-10-01")
NBSP = "\u00a0"


def _september_line(run_db, clock, kind: str):
    run = service.payment_run(run_db, OCT, clock)
    ((line,),) = [[x for x in run.lines if x.kind == kind and x.for_month == SEP][:1]]
    return line


def _made_part_time(run_db, share: str | None) -> None:
    placement = get_placement(run_db, run_db.ids["A"])
    save_placement(
        run_db,
        dataclasses.replace(
            placement,
            carer_centre_id=1,
            part_time=share is not None,
            fee_share=Decimal(share) if share else None,
        ),
    )


def test_a_placement_made_weekend_only_names_the_board_and_the_share(run_db, clock):
    service.close_month(run_db, SEP, clock)
    _made_part_time(run_db, "0.40")
    line = _september_line(run_db, clock, "overpayment")
    assert line.amounts.board < 0 and line.amounts.fee < 0
    assert line.reason == (
        f"namestitev je po novem le ob koncih tedna in počitnicah (oskrbnina 75{NBSP}%, "
        f"plačilo dela 40{NBSP}% po pogodbi)"
    )
    assert "delež plačila dela)" not in line.reason


def test_a_weekend_only_placement_made_full_time_again(run_db, clock):
    _made_part_time(run_db, "0.40")
    service.close_month(run_db, SEP, clock)
    _made_part_time(run_db, None)
    line = _september_line(run_db, clock, "arrears")
    assert line.reason == (
        "namestitev ni več le ob koncih tedna in počitnicah (polna oskrbnina in plačilo dela)"
    )


def test_a_changed_share_says_from_what_to_what():
    old = {"placement": [], "rates": [], "part_time_fee_share": "0.40"}
    new = {**old, "part_time_fee_share": "0.375"}
    assert reasons(old, new, SEP) == (
        "spremenjen delež plačila dela po pogodbi (namestitev le ob koncih tedna in "
        f"počitnicah): 40{NBSP}% → 37,5{NBSP}%"
    )
