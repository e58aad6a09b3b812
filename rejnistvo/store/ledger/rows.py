"""The ledger's typed rows (dataclasses; Decimal amounts, dates) and the conversions of its
texts that every part of the ledger shares.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from rejnistvo.rules.payment_run import Amounts, PlacementInputs


@dataclass(frozen=True, slots=True)
class ClosedRun:
    id: int
    month: date
    closed_on: date
    closed_at: str
    closed_by: str
    total: Decimal
    overpayments: Decimal
    line_count: int
    warnings: tuple[str, ...]


@dataclass(slots=True)
class LedgerLine:
    """A line as it was paid (names, contract and IBAN as of the closing). Read-only by
    use; not a frozen dataclass, whose ``__init__`` costs ten times a plain one's for
    24 fields (opening a closed month after a backdated rate reads 270,000 lines)."""

    id: int
    run_id: int
    kind: str
    for_month: date
    placement_id: int | None
    one_off_id: int | None
    carer_id: int | None
    carer_name: str
    child_name: str
    contract_no: str
    iban: str | None
    centre_id: int | None
    centre_name: str
    unit_id: int | None
    unit_name: str
    days: int
    factor: str
    amounts: Amounts
    reason: str
    # As stored (JSON text): a closed month of 20,000 lines opens without parsing them;
    # ``basis_data`` parses one when it is needed.
    basis: str | None

    @property
    def basis_data(self) -> dict[str, Any] | None:
        return None if self.basis is None else dict(json.loads(self.basis))


@dataclass(frozen=True, slots=True)
class PlacementSource:
    """A placement as a run needs it: who is paid, where, and what it is computed from."""

    placement_id: int
    contract_no: str
    carer_id: int
    carer_name: str
    child_name: str
    iban: str | None
    centre_id: int | None
    centre_name: str
    unit_id: int | None
    unit_name: str
    inputs: PlacementInputs


@dataclass(frozen=True, slots=True)
class OneOffSource:
    id: int
    placement_id: int | None
    carer_id: int
    carer_name: str
    child_name: str
    contract_no: str
    iban: str | None
    centre_id: int | None
    centre_name: str
    unit_id: int | None
    unit_name: str
    kind: str
    amount: Decimal
    day: date
    note: str


#: The five sums of what was paid: board, board increase, fee, fee uplift, total.
PaidFigures = tuple[Decimal, Decimal, Decimal, Decimal, Decimal]


#: What the ledger holds for one placement's month: the sums of its month, arrears and
#: overpayment lines, the id of the latest of them and the id of that line's basis (the
#: newest; None if it has none). Plain tuples: a run reads 280,000; months paid the same
#: amounts share one figures tuple (a run compares each distinct pair of payment and
#: figures once).
PaidMonth = tuple[PaidFigures, int, int | None]


def paid_amounts(paid: PaidFigures) -> Amounts:
    return Amounts(paid[0], paid[1], paid[2], paid[3], paid[4])


@dataclass(frozen=True, slots=True)
class Settlement:
    line_id: int
    method: str
    offset_month: date | None
    settled_on: date
    note: str
    recorded_by: str


def optional_date(value: str | None) -> date | None:
    """A date column that may be empty."""
    return None if value is None else date.fromisoformat(value)


def month_key(month: date) -> str:
    """A month as the ledger's columns keep it."""
    return month.isoformat()


# The five amounts come as one text (``_Shared.figures``): opening a closed month after
# a backdated rate reads 270,000 lines, and the few distinct texts are parsed once.
AMOUNTS_TEXT = "board || ' ' || board_increase || ' ' || fee || ' ' || fee_uplift || ' ' || total"


def amounts_of(text: str) -> Amounts:
    """A line's amounts from ``AMOUNTS_TEXT``."""
    return Amounts(*(Decimal(t) for t in text.split(" ")))
