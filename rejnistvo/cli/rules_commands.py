"""Headless rules commands of SPEC.md section 6: `calc`, `uplift`, `refund`, `emso`.

Each handler reads JSON, refuses anything malformed or unknown with the field named
(InputError → exit 2 via the dispatcher), computes with `rejnistvo.rules` and only then
writes the answer, so bad input writes nothing.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from rejnistvo.cli.io import (
    add_input_option,
    read_json_input,
    refuse_empty_database,
    store_errors_naming,
    write_json,
)
from rejnistvo.cli.rate_advice import WHERE_TO_ADD_WITH_DB, rate_advice
from rejnistvo.rules.errors import InputError
from rejnistvo.rules.money import ZERO, parse_json_amount
from rejnistvo.rules.months import Adjustment, PartTimePlacement, check_percent, month_payments
from rejnistvo.rules.periods import (
    Period,
    check_keys,
    format_date,
    iso_month,
    month_name,
    parse_date,
    parse_month,
    parse_period,
)
from rejnistvo.rules.rates import (
    YEARS_PAST_NEWEST,
    RateTable,
    furthest_month,
    load_rate_table,
    missing_indexations,
    parse_rate_rows,
)

MAX_MONTHS = 1200  # a hundred years: enough for any placement, bounded for batch input
# periods of one list (placement, board_increases, fee_uplifts): a new annex or decision
# every month for a hundred years; 30,000 increases kept `calc` busy for 35 s
MAX_PERIODS = 1200


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    calc = subparsers.add_parser(
        "calc",
        help="mesečne rejnine ene namestitve (JSON)",
        description=(
            "Mesečne rejnine ene namestitve po mesecih (dnevi, oskrbnina, zvišanje oskrbnine, "
            "plačilo dela, skupaj) in vsote. Vhod JSON: placement (obdobja pogodbe in "
            "aneksov {from, to}, to: null pomeni odprto), months (meseci »LLLL-MM«), "
            "neobvezno board_increases in fee_uplifts ({percent: 25 ali 50, from, to}), "
            "rates ({valid_from, board, fee}; privzeto priložena tabela, z --db tabela "
            "zbirke) in part_time_fee_share (namestitev le ob koncih tedna, praznikih in "
            "počitnicah: delež plačila dela iz pogodbe, od 0 do 1)."
        ),
    )
    add_input_option(calc)
    _add_rates_db_option(calc)
    calc.set_defaults(handler=run_calc)

    uplift = subparsers.add_parser(
        "uplift",
        help="predlog zvišanja plačila dela R-4 (JSON)",
        description=(
            "Predlog zvišanja plačila dela po 30. členu pravilnika. Vhod JSON: reasons "
            "(razlogi iz 53. člena ZIRD, ključi kataloga ali besedilo; šteje le, koliko jih "
            "je) in workload (obseg dela: »moderate« zmerno ali »strong« močno povečan)."
        ),
    )
    add_input_option(uplift)
    uplift.set_defaults(handler=run_uplift)

    refund = subparsers.add_parser(
        "refund",
        help="vračilo zvišane oskrbnine R-5 (JSON)",
        description=(
            "Zvišana oskrbnina, prejeta pred dnem poziva, rok za poročilo R-5, najpoznejši "
            "dopustni rok vračila in obroki. Vhod JSON: increase ({percent, from, to}), "
            "placement (kot pri calc), call_date (dan poziva), unjustified (znesek kot "
            'besedilo, npr. "157.00", ali "all"), neobvezno deadline (rok vračila), method '
            "(»lump_sum« v enkratnem znesku ali »as_received« v posameznih zneskih, kot jih "
            "je prejel), rates in part_time_fee_share (kot pri calc: namestitev le ob koncih "
            "tedna, praznikih in počitnicah, oskrbnina in njeno zvišanje 75 %)."
        ),
    )
    add_input_option(refund)
    _add_rates_db_option(refund)  # SPEC 6: `rates` as for calc
    refund.set_defaults(handler=run_refund)

    emso = subparsers.add_parser("emso", help="preveri EMŠO (JSON: datum rojstva, spol)")
    emso.add_argument("number", metavar="EMŠO", help="enotna matična številka občana, 13 števk")
    emso.set_defaults(handler=run_emso)


def _add_rates_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="DATOTEKA", help="izračun s tabelo zneskov te podatkovne zbirke"
    )


# --- input ---------------------------------------------------------------------------


def _root(document: Any, allowed: tuple[str, ...], required: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(document, Mapping):
        raise InputError("vhod", f"pričakovan je JSON objekt s polji {', '.join(allowed)}.")
    return check_keys(document, "", allowed, required)


def _list(value: Any, field: str, what: str, allow_empty: bool = True) -> list[Any]:
    if value is None and allow_empty:
        return []
    if not isinstance(value, list) or (not allow_empty and not value):
        empty = "" if allow_empty else "neprazen "
        raise InputError(field, f"pričakovan je {empty}seznam {what}.")
    return value


def _periods(value: Any, field: str, what: str, allow_empty: bool = True) -> list[Any]:
    items = _list(value, field, what, allow_empty)
    if len(items) > MAX_PERIODS:
        raise InputError(
            field, f"{len(items)} obdobij; v enem izračunu jih je lahko največ {MAX_PERIODS}."
        )
    return items


def _placement(value: Any) -> list[Period]:
    items = _periods(value, "placement", "obdobij {from, to}", allow_empty=False)
    return [parse_period(item, f"placement[{i}]") for i, item in enumerate(items)]


def _as_json(value: Any) -> str:
    """A value from the input echoed as the JSON the user wrote (true, null, "25"), not
    as Python shows it (True, None, 25)."""
    if isinstance(value, Decimal):
        return str(value)  # a JSON number with a fraction (25.0) is read as a Decimal
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(value)


def _percent(value: Any, field: str) -> int:
    # A JSON number 25 or 50 (the rule decides); its refusal is worded with the value as
    # JSON: the rule's own echoes "25" (a string) as »25«, which reads as if 25 itself
    # were refused.
    try:
        return check_percent(value, field)
    except InputError:
        raise InputError(
            field, f"vrednost {_as_json(value)} ni dovoljena; pričakovano je število 25 ali 50."
        ) from None


def _adjustment(item: Any, field: str) -> Adjustment:
    period = parse_period(item, field, extra_keys=("percent",))
    if "percent" not in item:
        raise InputError(
            f"{field}.percent", "obvezno polje manjka; pričakovano je število 25 ali 50."
        )
    return Adjustment(_percent(item["percent"], f"{field}.percent"), period)


def _adjustments(value: Any, field: str) -> list[Adjustment]:
    items = _periods(value, field, "zvišanj {percent, from, to}")
    return [_adjustment(item, f"{field}[{i}]") for i, item in enumerate(items)]


def _rates(document: Mapping[str, Any]) -> RateTable:
    if document.get("rates") is None:
        return load_rate_table()
    return parse_rate_rows(document["rates"], "rates")


def _months(value: Any) -> list[date]:
    items = _list(value, "months", "mesecev »LLLL-MM«", allow_empty=False)
    if len(items) > MAX_MONTHS:
        raise InputError("months", f"največ {MAX_MONTHS} mesecev v enem izračunu.")
    months: list[date] = []
    for i, item in enumerate(items):
        month = parse_month(item, f"months[{i}]")
        if month in months:
            raise InputError(f"months[{i}]", "mesec se ponovi; vsak mesec navedite enkrat.")
        months.append(month)
    return months


def _months_within_reach(months: list[date], rates: RateTable) -> None:
    if not rates.rows:
        return
    newest = rates.rows[-1].valid_from
    last = furthest_month(newest)
    for i, month in enumerate(months):
        if month > last:
            raise InputError(
                f"months[{i}]",
                f"{month_name(month)} je več kot {YEARS_PAST_NEWEST} let za najnovejšimi "
                f"zneski (veljajo od {format_date(newest)}); zadnji mesec, ki ga izračun "
                f"sprejme, je {month_name(last)}. Navedite poznejše zneske v polju »rates« "
                "ali izberite zgodnejši mesec.",
            )


# --- commands ------------------------------------------------------------------------


def run_calc(args: argparse.Namespace) -> int:
    """Monthly payments of one placement (SPEC 3.1, 3.2)."""
    document = _root(
        read_json_input(args),
        ("placement", "months", "board_increases", "fee_uplifts", "rates", "part_time_fee_share"),
        ("placement", "months"),
    )
    placement = _placement(document["placement"])
    months = _months(document["months"])
    board_increases = _adjustments(document.get("board_increases"), "board_increases")
    fee_uplifts = _adjustments(document.get("fee_uplifts"), "fee_uplifts")
    part_time = _part_time(document.get("part_time_fee_share"))
    rates = _request_rates(args, document)
    _months_within_reach(months, rates)
    advice = _where_to_add(args, document)
    with rate_advice(advice):
        payments = month_payments(months, placement, rates, board_increases, fee_uplifts, part_time)
    warnings = missing_indexations(rates, max(months), advice, months=months)
    write_json(
        {
            "months": [
                {
                    "month": iso_month(p.month),
                    "days_placed": p.days_placed,
                    "board": p.board,
                    "board_increase": p.board_increase,
                    "fee": p.fee,
                    "total": p.total,
                }
                for p in payments
            ],
            "board": sum((p.board for p in payments), ZERO),
            "board_increase": sum((p.board_increase for p in payments), ZERO),
            "fee": sum((p.fee for p in payments), ZERO),
            "total": sum((p.total for p in payments), ZERO),
        }
        # SPEC 6: the key is there only when an indexation is missing.
        | ({"warnings": warnings} if warnings else {})
    )
    return 0


def _part_time(value: Any) -> PartTimePlacement | None:
    """`part_time_fee_share` (optional): the placement is on weekends, holidays and school
    holidays only (SPEC 3.2) — board 75 %, fee × this share of the contract, 0 to 1. A
    payment run's `inputs` carry it for such a placement, so that `calc` recomputes the line."""
    if value is None:
        return None
    field = "part_time_fee_share"
    allowed = "pričakovan je delež plačila dela iz pogodbe med 0 in 1, npr. »0.40«."
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise InputError(field, f"{_as_json(value)} ni delež; {allowed}")
    try:
        share = Decimal(value.strip()) if isinstance(value, str) else Decimal(value)
    except ArithmeticError:
        raise InputError(field, f"{_as_json(value)} ni delež; {allowed}") from None
    if not share.is_finite():
        raise InputError(field, f"{_as_json(value)} ni delež; {allowed}")
    if not 0 <= share <= 1:
        raise InputError(field, f"delež {_as_json(value)} ni med 0 in 1; {allowed}")
    return PartTimePlacement(share)


def _where_to_add(args: argparse.Namespace, document: Mapping[str, Any]) -> str:
    """Where a command-line user adds a missing rate (SPEC 3.1: the error says where): the
    window's settings are the place only for a database's table."""
    if getattr(args, "db", None) is not None:
        return WHERE_TO_ADD_WITH_DB
    if document.get("rates") is not None:
        return "Dodajte manjkajočo vrstico v polje »rates« zahteve."
    return "Navedite zneske v polju »rates« zahteve ali računajte s tabelo zbirke (--db ZBIRKA)."


def _request_rates(args: argparse.Namespace, document: Mapping[str, Any]) -> RateTable:
    """`--db FILE`: that file's rate table (one table for window, CLI and print); else the
    request's `rates`; else the shipped table."""
    if getattr(args, "db", None) is None:
        return _rates(document)
    if document.get("rates") is not None:
        raise InputError(
            "rates",
            "z možnostjo --db se uporabi tabela zneskov iz zbirke; polja »rates« ne navajajte.",
        )
    from rejnistvo.services.rates import rate_table
    from rejnistvo.store import open_db

    path = refuse_empty_database(args.db)
    # A reader, as `cases`: a payment is checked by hand while the window has the file open.
    with store_errors_naming("--db"), open_db(path, read_only=True) as db:
        return rate_table(db)


def run_uplift(args: argparse.Namespace) -> int:
    """The R-4 rule (SPEC 3.3): only how many reasons there are counts."""
    from rejnistvo.rules.uplift import Workload, distinct_reasons, suggest_uplift  # not for calc

    document = _root(read_json_input(args), ("reasons", "workload"), ("reasons",))
    reasons = _list(document["reasons"], "reasons", "razlogov (besedil ali ključev kataloga)")
    for i, reason in enumerate(reasons):
        if not isinstance(reason, str) or not reason.strip():
            raise InputError(
                f"reasons[{i}]", "razlog mora biti neprazno besedilo ali ključ kataloga."
            )
    raw_workload = document.get("workload")
    workload = None
    if raw_workload is not None:
        try:
            workload = Workload(raw_workload)
        except ValueError:
            raise InputError(
                "workload",
                f"{_as_json(raw_workload)} ni dovoljen obseg dela; dovoljena sta »moderate« (zmerno "
                "povečan) in »strong« (močno povečan).",
            ) from None
    # A reason repeated in another letter case or spacing is still one reason (issue 11).
    suggestion = suggest_uplift(len(distinct_reasons(reasons)), workload)
    write_json(
        {
            "eligible": suggestion.eligible,
            "percent": suggestion.percent,
            "explanation": suggestion.explanation,
        }
    )
    return 0


def run_refund(args: argparse.Namespace) -> int:
    """The R-5 money (SPEC 3.4): received, report due, refund term cap, instalments."""
    from rejnistvo.rules.refund import RefundMethod, refund_plan

    document = _root(
        read_json_input(args),
        (
            "increase",
            "placement",
            "call_date",
            "unjustified",
            "deadline",
            "method",
            "rates",
            "part_time_fee_share",
        ),
        ("increase", "placement", "call_date", "unjustified", "method"),
    )
    increase = _adjustment(document["increase"], "increase")
    if increase.period.end is None:
        raise InputError(
            "increase.to",
            "zvišanje oskrbnine je začasno (28. člen pravilnika): vnesite končni datum obdobja.",
        )
    placement = _placement(document["placement"])
    call_date = parse_date(document["call_date"], "call_date")
    raw_unjustified = document["unjustified"]
    unjustified: Decimal | None = (
        None if raw_unjustified == "all" else _unjustified(raw_unjustified)
    )
    raw_deadline = document.get("deadline")
    deadline = None if raw_deadline is None else parse_date(raw_deadline, "deadline")
    try:
        method = RefundMethod(document["method"])
    except ValueError:
        raise InputError(
            "method",
            f"{_as_json(document['method'])} ni dovoljen način vračila; dovoljena sta »lump_sum« "
            "(v enkratnem znesku) in »as_received« (v posameznih zneskih, kot jih je prejel).",
        ) from None
    # A placement on weekends and holidays only was paid 75 % of the board, its increase
    # too (SPEC 3.2), as the R-5 screen computes it; same field as calc and a run's inputs.
    part_time = _part_time(document.get("part_time_fee_share"))
    rates = _request_rates(args, document)
    advice = _where_to_add(args, document)
    with rate_advice(advice):
        plan = refund_plan(
            increase, placement, rates, call_date, unjustified, deadline, method, part_time
        )
    # SPEC 3.1: every calculation of a month after a missing 1 March indexation says so;
    # the money received was computed with the older amounts (as for calc: no key without)
    received_months = [m.month for m in plan.months]
    warnings = (
        missing_indexations(rates, max(received_months), advice, months=received_months)
        if received_months
        else []
    )
    write_json(
        {
            "received": plan.received,
            "report_due": plan.report_due,
            "latest_deadline": plan.latest_deadline,
            "deadline_moved_from": plan.deadline_moved_from,
            "refund": plan.refund,
            "months": [{"month": iso_month(m.month), "increase": m.increase} for m in plan.months],
            "instalments": [{"due": i.due, "amount": i.amount} for i in plan.instalments],
        }
        | ({"warnings": warnings} if warnings else {})
    )
    return 0


def _unjustified(value: Any) -> Decimal:
    if isinstance(value, bool):  # JSON true/false is there, just not an amount
        raise InputError(
            "unjustified",
            f"{_as_json(value)} ni znesek; pričakovan je znesek, npr. »120.00«, ali »all« za "
            "ves prejeti znesek.",
        )
    try:
        return parse_json_amount(value, "unjustified")
    except InputError as error:
        raise InputError(
            "unjustified", f"{error.message} Ali »all« za ves prejeti znesek."
        ) from None


def run_emso(args: argparse.Namespace) -> int:
    # imported here: python-stdnum is a quarter of a `calc` process's start otherwise
    from rejnistvo.clock import SystemClock
    from rejnistvo.rules.emso import check_emso

    # a command line has no what-if day: a birth date after today's is a typing error
    info = check_emso(args.number, "emso", today=SystemClock().today())
    write_json({"valid": True, "birth_date": info.birth_date, "sex": info.sex})
    return 0
