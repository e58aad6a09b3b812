"""Amounts in force, effective-dated (SPEC 3.1). Amounts are data: `resources/rates.json`,
editable in Nastavitve → Zneski rejnine; the program never extrapolates a missing year."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import MAXYEAR, date
from decimal import Decimal
from pathlib import Path

from rejnistvo.rules.effective import EffectiveTable, load_resource_json, parse_dated_rows
from rejnistvo.rules.errors import InputError, MissingRateError
from rejnistvo.rules.money import format_amount, round2, to_cents
from rejnistvo.rules.periods import format_date, last_of_month, month_name

WHERE_TO_ADD = "Dodajte znesek v Nastavitve → Zneski rejnine."


@dataclass(frozen=True, slots=True)
class Rate:
    """Monthly base board (oskrbnina) and base fee (plačilo dela) in force from `valid_from`."""

    valid_from: date
    board: Decimal
    fee: Decimal
    source: str = ""
    # Integer cents, kept alongside so month arithmetic stays exact and quick.
    board_cents: int = field(init=False, repr=False, compare=False)
    fee_cents: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.valid_from, date):
            raise InputError("rates.valid_from", "vsak znesek potrebuje datum začetka veljavnosti.")
        for name in ("board", "fee"):
            value = getattr(self, name)
            if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
                raise InputError(f"rates.{name}", f"»{value}« ni nenegativen znesek v evrih.")
            try:
                object.__setattr__(self, f"{name}_cents", to_cents(value))
            except ValueError:
                raise InputError(
                    f"rates.{name}",
                    f"znesek {value} (velja od {format_date(self.valid_from)}) ima več kot "
                    "dve decimalki.",
                ) from None


class RateTable(EffectiveTable[Rate]):
    """Rates sorted by `valid_from`; each is in force until the next one starts."""

    field = "rates"
    what = "zneska"

    def rate_on(self, day: date) -> Rate:
        """The rate in force on `day`; MissingRateError naming the month if there is none."""
        index = self.index_on(day.toordinal())
        if index < 0:
            raise missing_rate(day)
        return self.rows[index]


#: what a month without a rate lacks (MissingRateError.lacks)
RATE_LACKS = "zneska oskrbnine in plačila dela"


def missing_rate(day: date) -> MissingRateError:
    return MissingRateError(
        "rates",
        f"za mesec {month_name(day)} ni vnesenega {RATE_LACKS}; izračun ni mogoč.",
        advice=WHERE_TO_ADD,
        month=day.replace(day=1),
        lacks=RATE_LACKS,
    )


# Transfers, foster families' payments among them, are indexed every year on 1 March (ZUTPG).
INDEXATION_MONTH = 3

#: how far past the newest amounts the program reaches: ten yearly indexations not
#: entered (»9999-12« answered with 7,974 warnings, one per missing 1 March, SPEC 3.1;
#: »1. 3. 2062« typed for 2026 silenced every missing indexation till then)
YEARS_PAST_NEWEST = 10


def furthest_month(newest: date, last_year: int = MAXYEAR) -> date:
    """The last month reached from amounts starting on `newest`: December of the
    ``YEARS_PAST_NEWEST``-th year after, no later than December of `last_year` (a row in
    the calendar's last years reaches its end, not past it)."""
    return date(min(newest.year + YEARS_PAST_NEWEST, last_year), 12, 1)


#: how a missing indexation's warning begins, up to its 1 March (``missing_indexations``)
MISSING_INDEXATION = "Uskladitev zneskov od "
_NOT_ENTERED = " ni vnesena"


def as_closed(warnings: Iterable[str], rates: RateTable, month: date) -> list[str]:
    """A closed month's warnings as they were when it was closed, except that one on a
    missing indexation entered since says so (»Ob zaključku … še ni bila vnesena …
    Vnesena je bila pozneje«) instead of asking for it: a clerk who added it as told was
    refused, the row being there. One still missing is asked for as before (SPEC 3.1)."""
    still = {line.partition(":")[0] for line in missing_indexations(rates, month)}
    shown = []
    for warning in warnings:
        head, _, rest = warning.partition(":")
        if (
            head.startswith(MISSING_INDEXATION)
            and head.endswith(_NOT_ENTERED)
            and warning.endswith(WHERE_TO_ADD)
            and head not in still
        ):
            march = head[len(MISSING_INDEXATION) : -len(_NOT_ENTERED)]
            paid_with = rest[: -len(WHERE_TO_ADD)].rstrip()
            warning = (
                f"Ob zaključku uskladitev zneskov od {march} še ni bila vnesena:{paid_with} "
                "Vnesena je bila pozneje; razliko prinese poračun."
            )
        shown.append(warning)
    return shown


def next_indexation_day(rates: RateTable) -> date | None:
    """The first 1 March after the newest row's `valid_from`: the indexation the table
    waits for (missing once it has come, SPEC 3.1); None for an empty table."""
    if not rates.rows:
        return None
    year = _first_indexation_year(rates.rows[-1].valid_from)
    return date(year, INDEXATION_MONTH, 1) if year <= date.max.year else None


def _first_indexation_year(day: date) -> int:
    """The year of the first 1 March after `day` (10000 after a day of 9999)."""
    return day.year if day < date(day.year, INDEXATION_MONTH, 1) else day.year + 1


def missing_indexations(
    rates: RateTable,
    month: date,
    advice: str = WHERE_TO_ADD,
    months: Iterable[date] | None = None,
) -> list[str]:
    """Slovenian warning lines, one per 1 March whose indexation is not entered (SPEC 3.1).

    A month that ends on or after a 1 March later than the newest row's `valid_from` is
    still computed with the newest row's amounts — the program never extrapolates — but
    every calculation of it says which indexations are missing. `month` is any day of
    the (last) month. An empty table gives no lines: such a month is a MissingRateError
    anyway. ``advice``: the closing sentence on where to add the amounts (the CLI gives
    its own). ``months``: every month of a calculation over several; each line then
    names the ones it concerns (»meseca marec 2026 – april 2026 sta izračunana«), not
    only the last one (March was computed with the old amounts as well); months that do
    not follow one another are named one by one (»meseca marec 2027 in marec 2028«),
    never as a span that would claim the months between.
    """
    if not rates.rows:
        return []
    newest = rates.rows[-1]
    end = last_of_month(month)
    # `month` is always among them (the last): every line names at least that one
    computed = sorted({end.replace(day=1), *(m.replace(day=1) for m in months or ())})
    year = _first_indexation_year(newest.valid_from)
    lines = []
    # The year bound first: past 9999 there is no 1 March to compare (date() would raise).
    while year <= end.year and date(year, INDEXATION_MONTH, 1) <= end:
        march = date(year, INDEXATION_MONTH, 1)
        concerned = [m for m in computed if march <= last_of_month(m) <= end]
        lines.append(
            f"{MISSING_INDEXATION}{format_date(march)}{_NOT_ENTERED}: {_months_computed(concerned)} "
            f"z zneski, ki veljajo od {format_date(newest.valid_from)} "
            f"(oskrbnina {format_amount(newest.board)} EUR, plačilo dela "
            f"{format_amount(newest.fee)} EUR). {advice}"
        )
        year += 1
    return lines


def _months_computed(months: list[date]) -> str:
    """»mesec marec 2026 je izračunan«, »meseca marec 2026 – april 2026 sta izračunana«,
    »meseci … so izračunani«: a span when the months follow one another, else each named.
    Slovenian has a dual: two months "sta izračunana", three or more "so izračunani"."""
    first, last = months[0], months[-1]
    following = (last.year - first.year) * 12 + last.month - first.month + 1 == len(months)
    if len(months) == 1:
        return f"mesec {month_name(first)} je izračunan"
    if following:
        named = f"{month_name(first)} – {month_name(last)}"
    else:
        names = [month_name(m) for m in months]
        named = f"{', '.join(names[:-1])} in {names[-1]}"
    if len(months) == 2:
        return f"meseca {named} sta izračunana"
    return f"meseci {named} so izračunani"


def indexed(amount: Decimal, percent: Decimal) -> Decimal:
    """`amount × (1 + percent/100)`, half-up to the cent (SPEC 3.1 indexation)."""
    return round2(amount * (1 + percent / 100))


MAX_INDEX_PERCENT = Decimal(100)


def parse_percent(value: object, field: str = "percent") -> Decimal:
    """A published indexation percentage: `2.7`, `2,7` or `"2.7 %"`; above 0, at most
    100, at most two decimals. Never a float (it has already lost digits)."""
    allowed = "Vpišite objavljeni odstotek uskladitve, večji od 0 in največ 100, npr. »2,7«."
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        percent = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().removesuffix("%").strip().replace(",", ".")
        if not text or any(c not in "0123456789.-+" for c in text):
            raise InputError(field, f"»{value.strip()}« ni odstotek. {allowed}")
        try:
            percent = Decimal(text)
        except ArithmeticError:
            raise InputError(field, f"»{value.strip()}« ni odstotek. {allowed}") from None
    else:
        raise InputError(field, f"manjka odstotek. {allowed}")
    if not percent.is_finite() or not 0 < percent <= MAX_INDEX_PERCENT:
        raise InputError(field, f"odstotek »{value}« ni dovoljen. {allowed}")
    if percent != percent.quantize(Decimal("0.01")):
        raise InputError(field, f"odstotek ima več kot dve decimalki. {allowed}")
    return percent


def parse_rate_rows(obj: object, field: str = "rates") -> RateTable:
    """Rates from JSON: `[{"valid_from", "board", "fee", "source"?}, …]`."""
    return RateTable(
        parse_dated_rows(
            obj,
            field,
            ("board", "fee"),
            lambda day, amounts, source: Rate(day, amounts["board"], amounts["fee"], source),
        )  # fmt: skip
    )


def load_rate_table(path: Path | str | None = None) -> RateTable:
    """The shipped (or given) rate table file, `resources/rates.json` by default."""
    return parse_rate_rows(load_resource_json(path, "rates.json"), "rates")
