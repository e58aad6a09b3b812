"""A closed month exactly as it was paid, read from the ledger a page at a time, each
overpayment with how it was settled or given back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from rejnistvo.printing.formats import fmt_amount
from rejnistvo.rules.iban import plausible_iban
from rejnistvo.rules.money import ZERO
from rejnistvo.rules.payment_run import OVERPAYMENT, PAID_KINDS, Amounts
from rejnistvo.rules.periods import format_date, month_name
from rejnistvo.rules.rates import as_closed
from rejnistvo.services.payment_run.lines import CLOSED, PaymentRun, RunLine, RunLines
from rejnistvo.services.payment_run.notices import Payee, account_warning, kept_warnings
from rejnistvo.services.payment_run.steps import RunSteps
from rejnistvo.services.rates import rate_table
from rejnistvo.store import ledger

#: Closed lines read between two yields of ``run_steps`` (see ``computed.SLICE``).
PAGE = 250


def closed_steps(db: Any, run: ledger.ClosedRun, with_basis: bool) -> RunSteps:
    """A closed month exactly as paid, read from the ledger a page at a time."""
    lines: list[RunLine] = []
    for page in ledger.run_line_pages(db, run.id, _closed_line, PAGE, with_basis):
        over = [line for line in page if line.kind == OVERPAYMENT]
        if over:
            ids = [line.line_id for line in over if line.line_id]
            done = ledger.settlements(db, ids)
            undone = ledger.undoings_of(db, ids)
            for line in over:
                given = undone.get(line.line_id or 0, [])
                texts = [undoing_text(*u) for u in given]
                if line.line_id in done:
                    texts.append(settlement_text(done[line.line_id]))
                line.settlement = "; ".join(texts)
                if given:
                    line.left = -line.amounts.total - sum((u[1] for u in given), ZERO)
                line.cleared = line.line_id in done or (line.left is not None and line.left <= 0)
        lines += page
        yield len(lines), run.line_count
    warnings = as_closed(kept_warnings(run.warnings), rate_table(db), run.month)
    no_account = account_warning(_payees(lines), _accounts_now(db, lines))
    if no_account is not None:
        warnings.insert(0, no_account)
    return PaymentRun(
        run.month,
        CLOSED,
        RunLines(lines),
        tuple(warnings),
        run.closed_on,
        run.closed_by,
    )


def _payees(lines: list[RunLine]) -> Iterator[Payee]:
    """(carer id, name, account, contract) of each line the month paid money with."""
    for line in lines:
        if line.kind in PAID_KINDS and line.amounts.total > 0:
            yield line.carer_id, line.carer, line.iban, line.contract


def _accounts_now(db: Any, lines: list[RunLine]) -> dict[int, str]:
    """The accounts entered since the close of the carers the month paid without one
    (the bank file takes them: ``payment_exports.run_accounts_now``)."""
    return accounts_now(
        db,
        {
            line.carer_id
            for line in lines
            if line.carer_id is not None
            and line.kind in PAID_KINDS
            and not plausible_iban(line.iban)
        },
    )


def accounts_now(db: Any, carer_ids: set[int]) -> dict[int, str]:
    """The accounts the carers `carer_ids` have now (those without one, or deleted since,
    left out): one read of the carers' accounts, none when no carer is asked about."""
    from rejnistvo.store.reads import read_tuples

    if not carer_ids:
        return {}
    return {
        carer_id: account
        for carer_id, account in read_tuples(
            db, "SELECT id, iban FROM carers WHERE iban IS NOT NULL AND iban != ''"
        )
        if carer_id in carer_ids
    }


def undoing_text(run_month: date, amount: Decimal, closes: bool) -> str:
    """How much of an overpayment a later run gave back (m014), in words."""
    whole = "v celoti" if closes else f"za {fmt_amount(amount)} EUR"
    return f"s poznejšo spremembo razveljavljeno {whole} v izplačilu za {month_name(run_month)}"


def settlement_text(s: ledger.Settlement | None) -> str:
    if s is None:
        return ""
    if s.method == "offset" and s.offset_month is not None:
        text = f"poračunano z izplačilom za {month_name(s.offset_month)}"
    else:
        text = "poravnano z vračilom (poziv k vračilu)"
    return f"{text}, vpisano {format_date(s.settled_on)}" + (f" – {s.note}" if s.note else "")


def _closed_line(
    line_id: int,
    run_id: int,
    kind: str,
    for_month: date,
    placement_id: int | None,
    one_off_id: int | None,
    carer_id: int | None,
    carer: str,
    child: str,
    contract: str,
    iban: str | None,
    centre_id: int | None,
    centre: str,
    unit_id: int | None,
    unit: str,
    days: int,
    factor: str,
    amounts: Amounts,
    reason: str,
    line_basis: str | None,
) -> RunLine:
    """A closed month's line from the ledger's fields (``ledger.LedgerLine``'s order),
    made straight into a run line."""
    return RunLine(
        kind, for_month, placement_id, carer_id, carer, child, contract, iban, centre_id,
        centre, unit_id, unit, days, factor, amounts, reason, line_basis, one_off_id, line_id,
    )  # fmt: skip
