"""SEPA: a carer without an IBAN whose lines come to 0,00 (an arrears line of nothing, an
overpayment offset in full) gets no transfer, so the missing account does not stop the
centre's bank file; a carer who is to be paid still does (QA18 found the export refused
for the 0,00 line)."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from _payment_fixtures import CENTRE_IBAN, IBANS

from rejnistvo.rules.errors import InputError
from rejnistvo.services import payment_exports as exports


def _line(carer: str, iban: str | None, total: str, contract: str = "1220-1") -> SimpleNamespace:
    return SimpleNamespace(carer=carer, iban=iban, contract=contract, total=Decimal(total))


def _run(*lines: SimpleNamespace) -> SimpleNamespace:
    return SimpleNamespace(month=date(2026, 10, 1), paid_lines=lambda: list(lines))


def test_a_carer_paid_nothing_needs_no_iban() -> None:
    run = _run(_line("Rejnica A", IBANS[0], "460.00"), _line("Rejnik B", None, "0.00", "1220-2"))
    transfers = exports.sepa_transfers(run, CENTRE_IBAN, "CSD Test")
    assert [(t["name"], t["amount"]) for t in transfers] == [("Rejnica A", 46000)]


def test_lines_summing_to_nothing_need_no_iban() -> None:
    run = _run(_line("Rejnik B", "SI56 0000", "12.50"), _line("Rejnik B", "SI56 0000", "-12.50"))
    assert exports.sepa_transfers(run, CENTRE_IBAN, "CSD Test") == []


def test_a_carer_to_be_paid_without_iban_is_still_named() -> None:
    run = _run(_line("Rejnik B", None, "0.00"), _line("Rejnica C", "SI56 0000", "10.00"))
    with pytest.raises(InputError) as caught:
        exports.sepa_transfers(run, CENTRE_IBAN, "CSD Test")
    assert "Rejnica C" in caught.value.message
    assert "Rejnik B" not in caught.value.message
