"""A new R-5 report asked for after one was received (Pravilnik čl. 28/3: the child's
centre may ask for a report at any time, »ne glede na morebitno predhodno poročanje
rejnika«). One use case per function; no Qt.

* ``ask_for_new_report(db, increase_id, due_by, today, version)``: the received report
  (its date, the day it had been asked for by, its expenses, and the finding and the
  call as they stood) becomes an earlier report; the case then awaits the new one, due on
  ``due_by`` or, when that is a Saturday, Sunday or holiday, the next working day (ZUP
  101; the day stored is returned) (*Roki*, the R-5 list and ``cases`` say so). The finding and the refund stay
  where they are: they stand until the centre corrects them on the new report (a
  corrected finding keeps what the carer has already paid back). One transaction,
  audited; a stale ``version`` of the increase is refused (``StaleRecordError``).
* ``asked_again(db, increase_id)``: the day a new report was asked for, None if never;
* ``earlier_reports(db, increase_id)``: the reports received before, oldest first;
* ``finding_of_earlier_report(db, increase_id, report)``: whether the finding shown is the
  earlier report's, standing.

Refused input raises ``InputError("new_report_due", message)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rejnistvo.rules import consistency
from rejnistvo.rules.errors import InputError
from rejnistvo.rules.periods import format_date
from rejnistvo.rules.workdays import next_working_day
from rejnistvo.services.board_increases import (
    R5Report,
    load_case,
    report_from_row,
    report_record,
)
from rejnistvo.store import Database, get_record, list_records, save_record

FIELD = "new_report_due"


@dataclass(frozen=True, slots=True)
class EarlierReport:
    """A report received before the centre asked for a new one: ``report`` with the
    centre's finding as it stood that day."""

    id: int
    report: R5Report
    asked_again_on: date
    report_requested_on: date | None = None


def asked_again(db: Database, increase_id: int) -> date | None:
    """The day the centre asked for the report awaited now, after an earlier one (None:
    the report awaited or received is the first)."""
    rows = list_records(db, "r5_reports", increase_id=increase_id)
    return rows[0].get("asked_again_on") if rows else None


def earlier_reports(db: Database, increase_id: int) -> tuple[EarlierReport, ...]:
    """The reports of this increase received before a new one was asked for, oldest first."""
    found = []
    for row in list_records(db, "r5_earlier_reports", increase_id=increase_id):
        full = get_record(db, "r5_earlier_reports", row["id"])
        found.append(
            EarlierReport(
                full["id"],
                report_from_row(full),
                full["asked_again_on"],
                full.get("report_requested_on"),
            )
        )
    return tuple(found)


def finding_of_earlier_report(
    db: Database,
    increase_id: int,
    report: R5Report,
    earlier: tuple[EarlierReport, ...] | None = None,
) -> bool:
    """Whether `report`'s finding is the one made on the latest earlier report, unchanged
    since the centre asked again: it stands until the centre corrects it on the new report,
    so it is not compared with the new report's date and total (a new finding is).
    `earlier`: the case's ``earlier_reports`` when the caller has read them."""
    if report.finding_date is None:
        return False
    if earlier is None:
        earlier = earlier_reports(db, increase_id)
    if not earlier:
        return False
    last = earlier[-1].report
    return (report.finding_date, report.justified, report.unjustified) == (
        last.finding_date,
        last.justified,
        last.unjustified,
    )


def ask_for_new_report(
    db: Database, increase_id: int, due_by: date | None, today: date, version: int | None
) -> date:
    """The centre asks for a new report by `due_by` (see the module docstring). `version`:
    the increase's version the screen read (None: not checked). Returns the day stored:
    `due_by`, or the next working day when it is none (ZUP 101, as
    ``board_increases.request_on_working_day``)."""
    case = load_case(db, increase_id)
    report = case.report
    if report is None or report.report_date is None:
        raise InputError(
            FIELD,
            "poročilo R-5 še ni prejeto, zato novega ni mogoče zahtevati: rok za prvo "
            "poročilo vpišite v polje »Poročilo zahtevano do«.",
        )
    if due_by is None:
        raise InputError(
            FIELD,
            "vpišite dan, do katerega naj rejnik poroča (d. m. llll), po dnevu prejetega "
            f"poročila ({format_date(report.report_date)}).",
        )
    consistency.check_request_not_before_start(due_by, case.increase.period.start, FIELD)
    if due_by <= report.report_date:
        raise InputError(
            FIELD,
            f"novo poročilo je lahko zahtevano do dneva po prejetem poročilu "
            f"({format_date(report.report_date)}); vpišite dan od "
            f"{format_date(report.report_date + timedelta(days=1))} naprej.",
        )
    due_by = next_working_day(due_by)
    refund = case.refund
    with db.atomic():
        # first the increase, with the version the screen read: a stale screen is
        # refused before anything moves
        increase = {"id": increase_id, "report_requested_on": due_by}
        if version is not None:
            increase["version"] = version
        save_record(db, "board_increases", increase)
        save_record(
            db,
            "r5_earlier_reports",
            {
                **report_record(report),
                "increase_id": increase_id,
                "report_requested_on": case.increase.report_requested_on,
                "refund_deadline": refund.deadline if refund else None,
                "refund_method": str(refund.method) if refund else None,
                "asked_again_on": today,
            },
        )
        save_record(
            db,
            "r5_reports",
            {"id": report.id, "report_date": None, "asked_again_on": today, "expenses": []},
        )
    return due_by
