"""The window's bank file (SEPA, pain.001) of a payment run (SPEC 3.6), made for every
carer who has a valid IBAN: one carer without an account no longer blocks every foster
family's payment. Those left out are named with their amounts before the file is made,
the file's carers are recorded (m022) with the left out in the change log, and once
their IBAN is entered a supplementary file pays only those no file of the month has
paid yet — nobody is paid twice by a second file of the same month.

``run --format sepa`` keeps its documented behaviour (``payment_exports.check_sepa_for``:
the whole file refused, naming the carers without an IBAN).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from rejnistvo.atomic_write import write_output
from rejnistvo.clock import Clock
from rejnistvo.printing.formats import fmt_amount, fmt_count
from rejnistvo.rules.errors import InputError
from rejnistvo.rules.money import ZERO
from rejnistvo.rules.periods import format_date, month_name
from rejnistvo.rules.plural import plural
from rejnistvo.rules.text import sort_fold
from rejnistvo.services import payment_exports as exports
from rejnistvo.services.payment_run import PaymentRun
from rejnistvo.store.audit import acting_user, write_audit
from rejnistvo.store.ledger import sepa_files as ledger_sepa

#: how many of those left out a question names; the rest are counted
NAMED_LEFT_OUT = 10

NO_IBAN = "ni IBAN"
INVALID_IBAN = "neveljaven IBAN"


@dataclass(frozen=True)
class LeftOut:
    """A carer to be paid whom the file leaves out: no account, or not a valid IBAN."""

    name: str  # as the run names the carer (a shared name with the contract)
    carer_id: int | None
    contract: str
    amount: Decimal
    reason: str  # NO_IBAN or INVALID_IBAN


@dataclass(frozen=True)
class PaidMore:
    """A transfer the month's files paid more than the month pays now (the month was
    reopened and closed again with less): the bank cannot take it back by itself."""

    name: str
    contract: str
    paid: Decimal  # what the month's files paid
    now: Decimal  # what the month pays now

    @property
    def difference(self) -> Decimal:
        return self.paid - self.now


@dataclass(frozen=True)
class SepaPlan:
    """What a bank file of the run would pay (``transfers``, sepaxml's payments, and
    ``paid``, who each is: carer id, name, contract, amount), whom it leaves out, and the
    files of the month made before."""

    month: date
    transfers: tuple[dict[str, Any], ...]
    paid: tuple[tuple[int | None, str, str, Decimal], ...]
    left_out: tuple[LeftOut, ...]
    earlier: tuple[ledger_sepa.SepaFile, ...]
    only_left_out: bool = False
    #: transfers left out of a supplementary file: an earlier file of the month has them
    in_earlier: tuple[Decimal, ...] = field(default=())
    #: (carer id, contract) of ``paid`` that are a difference: a file of the month paid
    #: them less than the month pays now (reopened and closed again with more)
    differences: tuple[tuple[int | None, str], ...] = field(default=())
    #: what the month's files paid more than the month pays now
    paid_more: tuple[PaidMore, ...] = field(default=())

    @property
    def total(self) -> Decimal:
        return sum((amount for *_, amount in self.paid), ZERO)

    @property
    def left_out_total(self) -> Decimal:
        return sum((x.amount for x in self.left_out), ZERO)


def _paid_key(carer_id: int | None, name: str, contract: str) -> tuple[object, str]:
    """Who a transfer paid, across files: the carer's id (a renamed carer is the same
    carer) and the contract; a line without a carer id by its name."""
    return (carer_id if carer_id is not None else name, contract)


def sepa_plan(db: Any, run: PaymentRun, only_left_out: bool = False) -> SepaPlan:
    """The bank file of `run`: every carer to be paid who has a valid IBAN (the ledger's,
    or for a closed month without one, the carer's account now). ``only_left_out``: only
    those no earlier file of the month has (a supplementary file). Refused when the centre's
    name or IBAN (the payer) is missing from the settings, and in a read-only view: each
    file is recorded in the database (so that nobody is paid twice), which it cannot be."""
    from rejnistvo.store.connection import refuse_if_read_only

    refuse_if_read_only(
        db,
        "Datoteke SEPA ni mogoče izvoziti, ker program vsako zapiše v zbirko (da nihče ne "
        "bi bil plačan dvakrat). Izvoz v CSV, preglednico in PDF deluje.",
    )
    exports.check_payer(*exports.payer_settings(db))
    groups = exports.sepa_groups(run, exports.run_accounts_now(db, run))
    named = exports.carer_names(groups)
    earlier = tuple(ledger_sepa.sepa_files(db, run.month))
    # what the month's files paid each carer and contract (a supplementary file): a month
    # reopened and closed again may pay more now (the difference is paid) or less (said)
    done: dict[tuple[object, str], Decimal] = {}
    done_names: dict[tuple[object, str], str] = {}
    if only_left_out:
        for carer_id, name, contract, amount in ledger_sepa.paid_in_sepa_files(db, run.month):
            key = _paid_key(carer_id, name, contract)
            done[key] = done.get(key, ZERO) + amount
            done_names[key] = name
    now: dict[tuple[object, str], Decimal] = {}
    for group in groups:
        key = _paid_key(group.line.carer_id, group.carer, group.contract)
        now[key] = now.get(key, ZERO) + max(group.amount, ZERO)
    transfers: list[dict[str, Any]] = []
    paid: list[tuple[int | None, str, str, Decimal]] = []
    left_out: list[LeftOut] = []
    in_earlier: list[Decimal] = []
    differences: list[tuple[int | None, str]] = []
    counted: set[tuple[object, str]] = set()
    for group in groups:
        if group.amount <= 0:
            continue  # nothing to pay (a 0,00 arrears line, an offset overpayment)
        carer_id = group.line.carer_id
        key = _paid_key(carer_id, group.carer, group.contract)
        if key in done:
            grown = now[key] - done[key]
            if grown <= 0 or key in counted:
                in_earlier.append(group.amount)
                continue
            counted.add(key)  # the difference once, on the carer's first transfer
            group = group._replace(amount=grown)
            differences.append((carer_id, group.contract))
        if not group.usable:
            reason = INVALID_IBAN if group.typed else NO_IBAN
            left_out.append(
                LeftOut(named[group.number], carer_id, group.contract, group.amount, reason)
            )
        else:
            transfers.append(exports.transfer(run, group))
            paid.append((carer_id, group.carer, group.contract, group.amount))
    # a carer's contracts together, the carers by name (the run orders by unit first)
    left_out.sort(key=lambda x: (sort_fold(x.name), x.carer_id or 0, x.contract))
    names = {_paid_key(g.line.carer_id, g.carer, g.contract): named[g.number] for g in groups}
    paid_more = sorted(
        (
            PaidMore(names.get(key, done_names[key]), key[1], amount, now.get(key, ZERO))
            for key, amount in done.items()
            if now.get(key, ZERO) < amount
        ),
        key=lambda x: (sort_fold(x.name), x.contract),
    )
    return SepaPlan(
        run.month, tuple(transfers), tuple(paid), tuple(left_out), earlier, only_left_out,
        tuple(in_earlier), tuple(differences), tuple(paid_more),
    )  # fmt: skip


def _eur(amount: Decimal) -> str:
    return f"{fmt_amount(amount)} €"


def _transfers(count: int) -> str:
    return f"{fmt_count(count)} {plural(count, 'nakazilo')}"


def transfers_text(plan: SepaPlan) -> str:
    """»2 nakazili, skupaj 2.255,30 €«: what the planned file pays."""
    return f"{_transfers(len(plan.transfers))}, skupaj {_eur(plan.total)}"


def file_name_part(plan: SepaPlan) -> str:
    """What a later file of the month adds to the suggested name, so that it does not
    replace an earlier one: »dodatna« (»dodatna 2« …) or »celotna znova«."""
    if not plan.only_left_out:
        return "celotna znova"
    extra = sum(1 for earlier in plan.earlier if earlier.only_left_out)
    return "dodatna" + (f" {extra + 1}" if extra else "")


def left_out_summary(plan: SepaPlan) -> str:
    """»3 rejniki (6 nakazil), skupaj 6.973,88 €«: a carer of several contracts is one
    carer (the run's warning counts carers) with a transfer each."""
    carers = len({x.carer_id if x.carer_id is not None else x.name for x in plan.left_out})
    text = f"{fmt_count(carers)} {plural(carers, 'rejnik')}"
    if len(plan.left_out) != carers:
        text += f" ({_transfers(len(plan.left_out))})"
    return f"{text}, skupaj {_eur(plan.left_out_total)}"


def _who(name: str, contract: str) -> str:
    """»– Mateja Horvat, pogodba 1220-296/2024«: a line's start in a question's list."""
    return f"– {name}" + (f", pogodba {contract}" if contract else "")


def _named_lines(lines: Iterable[str]) -> list[str]:
    """The first ``NAMED_LEFT_OUT`` lines, then »… in še 7.« for the rest."""
    every = list(lines)
    named = every[:NAMED_LEFT_OUT]
    if len(every) > NAMED_LEFT_OUT:
        named.append(f"… in še {fmt_count(len(every) - NAMED_LEFT_OUT)}.")
    return named


def left_out_text(plan: SepaPlan) -> str:
    """Whom the file leaves out, by name, contract and amount, and why, with their total
    (the first ``NAMED_LEFT_OUT`` named, the rest counted); "" when nobody is."""
    if not plan.left_out:
        return ""
    rows = _named_lines(
        f"{_who(x.name, x.contract)}: {_eur(x.amount)} ({x.reason})" for x in plan.left_out
    )
    return (
        f"V datoteki ne bo rejnikov brez veljavnega IBAN: {left_out_summary(plan)}.\n"
        + "\n".join(rows)
        + "\n\n"
        "V PDF, XLSX in CSV ostanejo vsi. Ko jim IBAN vpišete (Rejniki), izvoz SEPA za "
        f"{month_name(plan.month)} ponudi dodatno datoteko samo z izpuščenimi."
    )


def differences_text(plan: SepaPlan) -> str:
    """The transfers of a supplementary file that are a difference (the month reopened and
    closed again pays more than its files paid), one a line; "" when none is."""
    if not plan.differences:
        return ""
    # a rate entered late grows every transfer: the first named, the rest counted
    rows = _named_lines(
        f"{_who(name, contract)}: razlika {_eur(amount)}"
        for carer_id, name, contract, amount in plan.paid
        if (carer_id, contract) in plan.differences
    )
    return (
        "Mesec je bil po prejšnji datoteki ponovno odprt in znova zaključen z višjim zneskom; "
        "datoteka plača le razliko do zdaj izplačanega:\n" + "\n".join(rows)
    )


def paid_more_text(plan: SepaPlan) -> str:
    """The transfers the month's files paid more than the month pays now, one a line,
    with what to do; "" when none is."""
    if not plan.paid_more:
        return ""
    rows = _named_lines(
        f"{_who(x.name, x.contract)}: plačano {_eur(x.paid)}, zdaj {_eur(x.now)} "
        f"(preveč {_eur(x.difference)})"
        for x in plan.paid_more
    )
    return (
        "Prejšnje datoteke so plačale več, kot mesec plača zdaj (mesec je bil ponovno odprt "
        "in znova zaključen z nižjim zneskom). Poračun te razlike ne prinese in datoteka "
        "SEPA je ne odšteje: uredite jo z rejnikom (vračilo) ali z banko.\n" + "\n".join(rows)
    )


def plan_question(plan: SepaPlan) -> str:
    """What the file pays and whom it leaves out, asked before it is written."""
    kind = "Dodatna datoteka SEPA" if plan.only_left_out else "Datoteka SEPA"
    text = f"{kind} za {month_name(plan.month)}: {transfers_text(plan)}."
    for part in (differences_text(plan), paid_more_text(plan)):
        if part:
            text += "\n\n" + part
    if plan.left_out:
        text += "\n\n" + left_out_text(plan) + "\n\nIzvozim datoteko brez njih?"
    else:
        text += "\n\nIzvozim datoteko?"
    return text


def earlier_text(plan: SepaPlan) -> str:
    """The files of the month made before, one a line: when, by whom, count and total."""
    rows = []
    for earlier in plan.earlier:
        made = date.fromisoformat(earlier.made_at[:10])
        kind = "dodatna datoteka" if earlier.only_left_out else "datoteka"
        rows.append(
            f"– {kind} {format_date(made)} ({earlier.made_by}): "
            f"{_transfers(earlier.transfer_count)}, {_eur(earlier.total)}"
        )
    return f"Za {month_name(plan.month)} je datoteka SEPA že izvožena:\n" + "\n".join(rows)


def earlier_files_notice(db: Any, month: date) -> str | None:
    """What ``run --format sepa`` says beside the whole file it writes when the window
    has made a file of the month already (None when not): sent both, the bank pays twice."""
    try:
        earlier = ledger_sepa.sepa_files(db, month)
    except sqlite3.OperationalError:  # a file read as it is, before step m022
        return None
    if not earlier:
        return None
    plan = SepaPlan(month, (), (), (), tuple(earlier))
    return (
        earlier_text(plan).replace("\n", " ")
        + ". Ta datoteka vsebuje vsa nakazila meseca: banki je ne pošljite poleg prejšnjih, "
        "sicer bodo rejniki plačani dvakrat."
    )


def write_sepa_file(
    db: Any,
    run: PaymentRun,
    plan: SepaPlan,
    path: str | os.PathLike[str],
    day: date,
    clock: Clock,
    progress: exports.Progress | None = None,
) -> Path:
    """Write the planned bank file, to be executed on ``sepa_execution_date(day)``, and
    record it — its transfers (m022) and, in the change log, whom it left out — in one
    transaction with the file's writing: a file not written is not recorded."""
    if not plan.transfers:
        raise InputError(
            "sepa",
            "v datoteki SEPA ne bi bilo nobenega nakazila"
            + (": vsi rejniki z veljavnim IBAN so že v datoteki tega meseca." if plan.earlier
               else " (nihče od rejnikov nima veljavnega IBAN).")
            + " Datoteka ni zapisana.",
        )  # fmt: skip
    centre_iban, centre_name = exports.payer_settings(db)
    executed = exports.sepa_execution_date(day)
    steps = exports.Steps(progress, len(plan.transfers) + 2)
    # the long part (sepaxml's check against the schema) before the transaction
    xml = exports.sepa_bytes(
        centre_iban, centre_name, executed, plan.transfers, plan.total, steps, progress
    )
    with db.atomic():
        file_id = ledger_sepa.insert_sepa_file(
            db, plan.month, clock.now().isoformat(timespec="seconds"), acting_user(db),
            executed, plan.only_left_out, plan.paid,
        )  # fmt: skip
        write_audit(
            db, "sepa_files", file_id, "insert", None,
            {
                "transfer_count": len(plan.transfers),
                "sepa_total": f"{fmt_amount(plan.total)} EUR",
                "execution_date": executed,
                "only_left_out": plan.only_left_out,
                "left_out": [
                    f"{x.name}, {x.contract}: {fmt_amount(x.amount)} EUR ({x.reason})"
                    for x in plan.left_out
                ],
            },
        )  # fmt: skip

        def write(temporary: Path) -> None:
            temporary.write_bytes(xml)
            steps.step()

        # written inside: a file that cannot be written leaves no record of it
        return write_output(path, write)
