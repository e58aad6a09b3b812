"""What a run warns of and the window tells before it saves a one-off payment the run
would not pay as typed: dated before the ledger began, or entered again after a paid
one was deleted."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from rejnistvo.printing.formats import fmt_amount, fmt_count
from rejnistvo.rules.iban import plausible_iban
from rejnistvo.rules.money import ZERO
from rejnistvo.rules.periods import add_months, first_of_month, format_date, month_name
from rejnistvo.services.payment_run.one_offs import one_off_lines, one_off_names
from rejnistvo.store import ledger

NAMED_PAID_OUTSIDE = 10

#: how a run's warning of carers without a usable bank account begins: worked out from
#: today's data whenever a run is shown, open or closed, and never kept with a closed
#: month (an IBAN entered after the close mends it: the bank file takes it)
NO_ACCOUNT = "Rejniki brez veljavnega IBAN"
#: (carer id, name, account, contract) of a carer a run pays money to
Payee = tuple[int | None, str, str | None, str]
#: carers named in that warning; the rest are counted
NAMED_WITHOUT_ACCOUNT = 3


def account_warning(
    payees: Iterable[Payee],
    accounts_now: Mapping[int, str] | None = None,
) -> str | None:
    """The warning of a run whose carers to be paid (`payees`: carer id, name, account and
    contract of each paid line with money) include some without a usable IBAN, or None.
    QA59: the month closed without a word and the bank file was refused only afterwards,
    naming them. A name two carers share (the demo has two »Brina Bizjak«) is told apart
    by the contract. `accounts_now`: carer id → the account entered since (a closed
    month's line keeps the account it was paid with; the bank file takes one entered
    later)."""
    seen: set[object] = set()
    names: dict[str, int] = {}
    lacking: list[tuple[str, str]] = []
    for carer_id, name, account, contract in payees:
        key = carer_id if carer_id is not None else name
        if key in seen:
            continue
        seen.add(key)
        names[name] = names.get(name, 0) + 1
        if plausible_iban(account):
            continue
        if accounts_now and carer_id is not None and plausible_iban(accounts_now.get(carer_id)):
            continue
        lacking.append((name, contract))
    if not lacking:
        return None
    named = ", ".join(
        f"{name} s pogodbo {contract}" if names[name] > 1 and contract else name
        for name, contract in lacking[:NAMED_WITHOUT_ACCOUNT]
    )
    if len(lacking) > NAMED_WITHOUT_ACCOUNT:
        named += f" in še {fmt_count(len(lacking) - NAMED_WITHOUT_ACCOUNT)}"
    return (
        f"{NO_ACCOUNT}, ki jim to izplačilo kaj izplača: {fmt_count(len(lacking))} ({named}). "
        "Datoteka SEPA za ta mesec jih izpusti (izvoz jih imenuje in vpraša), dokler jim IBAN "
        "ne vpišete v podatke rejnika (Rejniki); nato izvoz naredi dodatno datoteko samo "
        "zanje, tudi po zaključku meseca."
    )


def kept_warnings(warnings: Iterable[str]) -> tuple[str, ...]:
    """The warnings a closed month keeps: not the one of carers without an account,
    which is worked out again whenever the month is shown (``NO_ACCOUNT``)."""
    return tuple(w for w in warnings if not w.startswith(NO_ACCOUNT))


def paid_outside_warnings(db: Any, month: date, first_closed: date | None) -> list[str]:
    """Warnings for one-off payments dated before the ledger began (before the first
    closed month; with nothing closed, before `month`) that were entered or changed
    since the latest close: the run takes them as paid outside the program and never
    pays them. Historic payments are recorded on purpose (a first-placement grant is
    paid once per carer); one entered late for a month long closed is a clerk's slip
    that would cost a carer the payment. Named once, in the run after the entry, whose
    close keeps the warning."""
    window = first_closed if first_closed is not None and first_closed < month else month
    fresh = ledger.one_offs_written_since_last_close(db)
    if not fresh:
        return []
    paid = ledger.paid_one_offs(db)
    early = [
        o
        for o in ledger.one_off_sources(db, window - timedelta(days=1))
        if o.id in fresh and o.id not in paid
    ]
    if not early:
        return []
    names = one_off_names()
    # "pred" takes the instrumental, which ``month_name`` does not give: the month is
    # named in brackets instead
    start = (
        f"prvi zaključeni mesec je {month_name(first_closed)}"
        if first_closed is not None
        else f"noben mesec še ni zaključen; knjiga se začne z mesecem {month_name(month)}"
    )
    texts = [
        f"Enkratno izplačilo »{names.get(o.kind, o.kind)}« ({o.carer_name}"
        + (f", pogodba {o.contract_no}" if o.contract_no else "")
        + f") z dne {format_date(o.day)}, {fmt_amount(o.amount)} EUR, "
        f"je datirano pred začetkom knjige izplačil ({start}): program ga šteje za "
        "izplačano zunaj programa in ga ne izplača. Če ga je treba izplačati, popravite "
        "datum na mesec izplačila."
        for o in early[:NAMED_PAID_OUTSIDE]
    ]
    if len(early) > NAMED_PAID_OUTSIDE:
        texts.append(
            "Enkratna izplačila, datirana pred začetkom knjige izplačil, ki jih to opozorilo "
            f"ne našteva posebej: {len(early) - NAMED_PAID_OUTSIDE}. Tudi ta program šteje "
            "za izplačana zunaj programa."
        )
    return texts


def paid_outside_notice(db: Any, day: date) -> str | None:
    """What the window tells before it saves a one-off payment dated `day` that the
    run would take as paid outside the program (its month is before the first closed
    month), None otherwise (nothing closed: the ledger may begin with any month)."""
    first, _ = ledger.closed_range(db)
    if first is None or first_of_month(day) >= first:
        return None
    return (
        f"Datum {format_date(day)} je pred prvim zaključenim mesecem "
        f"({month_name(first)}), ko se knjiga izplačil začne. Program bo tako izplačilo "
        "štel za izplačano zunaj programa in ga ne bo izplačal. To je prav za izplačilo iz "
        "časa pred programom; če ga je treba izplačati, vpišite datum v mesecu izplačila."
    )


def reentered_one_off_notice(db: Any, payment: Any) -> str | None:
    """What the window tells before it saves one-off payment `payment` (placement_id,
    carer_id, kind, amount, date: ``services.placements.OneOffPayment``) when the next
    run would not pay it in full: a paid payment of the same placement, kind and month
    was deleted and its overpayment is open, so the new one first undoes it
    (``one_offs._reentered_give_back``; payments entered already take their part first). None
    when it is paid as any other."""
    first, last = ledger.closed_range(db)
    day: date = payment.date
    in_month = first_of_month(day)
    if first is None or last is None or not first <= in_month <= last:
        return None  # a deleted one's overpayment is of a closed month
    amount = Decimal(payment.amount)
    told: list[tuple[Decimal, date, Decimal]] = []
    extra = ledger.OneOffSource(
        0, payment.placement_id, payment.carer_id, "", "", "", None, None, "", None, "",
        payment.kind, amount, day, "",
    )  # fmt: skip
    one_off_lines(db, add_months(last, 1), first, False, extra, told)
    if not told:
        return None
    open_total = -sum((left for left, _found, _undo in told), ZERO)
    undone = sum((undo for _left, _found, undo in told), ZERO)
    found = sorted({found_in for _left, found_in, _undo in told})
    runs = " in ".join(month_name(m) for m in found)
    what = (
        f"Izplačilo bo najprej razveljavilo odprto preplačilo {fmt_amount(open_total)} EUR "
        f"izbrisanega enkratnega izplačila za {month_name(in_month)} (ugotovljeno v "
        f"izplačilu za {runs}), zato se "
    )
    if amount > undone:
        return what + f"izplača le {fmt_amount(amount - undone)} EUR."
    if open_total > undone:
        return what + (
            f"ne izplača nič; od preplačila se terja še {fmt_amount(open_total - undone)} EUR."
        )
    return what + "ne izplača nič."
