"""The payment run written out (SPEC 3.6): CSV and XLSX for the accounting office, the
PDF list (``rejnistvo.forms.payment_run``) and a SEPA credit transfer (pain.001.001.03,
made and validated against its schema by the ``sepaxml`` package).

Every writer goes to a temporary file first and renames it at the end, so an error or a
cancel never leaves half a file under the name the user chose. ``progress(done, total)``
returning False cancels (``ExportCancelled``).
"""

from __future__ import annotations

import csv
import logging
import os
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from rejnistvo.atomic_write import write_output
from rejnistvo.rules.errors import InputError
from rejnistvo.rules.iban import check_iban
from rejnistvo.rules.money import ZERO
from rejnistvo.rules.payment_run import KIND_LABELS
from rejnistvo.rules.periods import format_date, iso_month, month_name
from rejnistvo.rules.workdays import next_working_day
from rejnistvo.services.payment_run import CLOSED, PaymentRun, RunLine
from rejnistvo.spreadsheet_text import csv_text
from rejnistvo.xlsx_rows import append_as_typed

FORMATS = ("json", "csv", "xlsx", "pdf", "sepa")
Progress = Callable[[int, int], bool]
#: what a long call hands back (``_asking_meanwhile``)
T = TypeVar("T")

COLUMNS = (
    "Center", "Enota", "Rejnik/ica", "IBAN", "Otrok", "Pogodba", "Vrsta", "Za mesec", "Dni",
    "Faktor", "Oskrbnina", "Zvišanje oskrbnine", "Plačilo dela", "Zvišanje plačila dela",
    "Skupaj", "Razlog",
)  # fmt: skip
_AMOUNT_COLUMNS = range(10, 15)


class ExportCancelled(Exception):
    """The progress callback asked to stop; no file was written."""


class _Steps:
    def __init__(self, progress: Progress | None, total: int, every: int = 200) -> None:
        self.progress, self.total, self.every, self.done = progress, max(total, 1), every, 0

    def step(self, count: int = 1) -> None:
        before = self.done
        self.done = min(self.done + count, self.total)
        if self.done == self.total or self.done // self.every != before // self.every:
            self.ask()

    def ask(self) -> None:
        if self.progress is not None and self.progress(self.done, self.total) is False:
            raise ExportCancelled()


#: the steps of a writer, for a service that writes with them (``payment_sepa``)
Steps = _Steps


#: The heading of the overpayments a later change gave back (SPEC 3.6; m014).
UNDONE_HEADING = (
    "RAZVELJAVLJENA PREPLAČILA (poznejša sprememba jih je vrnila; se ne izplačajo in ne terjajo)"
)


def _row(line: RunLine) -> list[Any]:
    a = line.amounts
    reason = line.reason + (f" ({line.settlement})" if line.settlement else "")
    return [
        line.centre, line.unit, line.carer, line.iban or "", line.child, line.contract,
        KIND_LABELS[line.kind], iso_month(line.for_month), line.days, line.factor, a.board,
        a.board_increase, a.fee, a.fee_uplift, a.total, reason,
    ]  # fmt: skip


def _comma(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def write_csv(
    run: PaymentRun, path: str | os.PathLike[str], progress: Progress | None = None
) -> Path:
    """UTF-8 with BOM and `;`, decimal comma: what Slovenian Excel opens with a double click.
    Paid lines first, then the overpayments under their own heading, then the totals."""
    steps = _Steps(progress, len(run.lines))

    def write(temporary: Path) -> None:
        steps.ask()
        with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow([f"Izplačilo za {month_name(run.month)}", _status(run)])
            writer.writerow(COLUMNS)
            for line in run.paid_lines():
                writer.writerow(_csv_cells(_row(line)))
                steps.step()
            writer.writerow(["SKUPAJ ZA IZPLAČILO", *[""] * 13, _comma(run.total)])
            if run.overpayment_lines():
                writer.writerow([])
                writer.writerow(["PREPLAČILA (niso odšteta od izplačila)"])
                for line in run.overpayment_lines():
                    writer.writerow(_csv_cells(_row(line)))
                    steps.step()
                writer.writerow(["SKUPAJ PREPLAČILA", *[""] * 13, _comma(-run.overpayments)])
            undone = run.undone_lines()
            if undone:
                writer.writerow([])
                writer.writerow([UNDONE_HEADING])
                for line in undone:
                    writer.writerow(_csv_cells(_row(line)))
                    steps.step()
                writer.writerow(["SKUPAJ RAZVELJAVLJENO", *[""] * 13, _comma(run.undone)])
            for warning in run.warnings:
                writer.writerow([f"Opozorilo: {warning}"])

    return write_output(path, write)


def _csv_cells(cells: list[Any]) -> list[Any]:
    return [_comma(c) if isinstance(c, Decimal) else csv_text(c) for c in cells]


def _saved(workbook: Any) -> bytes:
    import io

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _status(run: PaymentRun) -> str:
    if run.closed_on is None:
        return "odprt mesec (predlog izplačila)"
    return f"zaključeno {format_date(run.closed_on)}, {run.closed_by}"


def write_xlsx(
    run: PaymentRun, path: str | os.PathLike[str], progress: Progress | None = None
) -> Path:
    """Sheet "Izplačilo" (paid lines and totals per unit), sheet "Preplačila"."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    steps = _Steps(progress, 2 * len(run.lines) or 1)
    steps.ask()
    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.title = "Izplačilo"

    def fill(ws: Any, lines: Sequence[RunLine], total_label: str, total: Decimal) -> None:
        append_as_typed(ws, [f"Izplačilo za {month_name(run.month)} – {_status(run)}"])
        ws.append(list(COLUMNS))
        for cell in ws[2]:
            cell.font = Font(bold=True)
        for line in lines:
            append_as_typed(ws, _row(line))
            steps.step()
        ws.append([total_label, *[None] * 13, total])
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        for col in _AMOUNT_COLUMNS:
            for (cell,) in ws.iter_rows(min_row=3, min_col=col + 1, max_col=col + 1):
                cell.number_format = "#,##0.00"
        for letter, width in zip("ABCDEFGHIJKLMNOP", (22, 22, 24, 26, 22, 16, 12, 10, 6, 7,
                                                     11, 11, 11, 11, 12, 60), strict=True):  # fmt: skip
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "A3"

    fill(sheet, run.paid_lines(), "SKUPAJ ZA IZPLAČILO", run.total)
    sheet.append([])
    for level, label in (("unit", "Skupaj po enotah"), ("centre", "Skupaj po centrih")):
        sheet.append([label])
        for name, amount in run.totals_by(level):
            append_as_typed(sheet, [name, *[None] * 13, amount])
            sheet.cell(sheet.max_row, 15).number_format = "#,##0.00"  # as every amount
    over = workbook.create_sheet("Preplačila")
    fill(over, run.overpayment_lines(), "SKUPAJ PREPLAČILA", -run.overpayments)
    undone = run.undone_lines()
    if undone:
        fill(workbook.create_sheet("Razveljavljena preplačila"), undone, "SKUPAJ RAZVELJAVLJENO",
             run.undone)  # fmt: skip
    if run.warnings:
        notes = workbook.create_sheet("Opozorila")
        for warning in run.warnings:
            append_as_typed(notes, [warning])
    workbook.properties.title = f"Izplačilo {iso_month(run.month)}"
    workbook.properties.created = datetime(2000, 1, 1)

    # ~4 s for the 20k demo's 18,065 rows, in one call: asked meanwhile (QA14), into
    # memory, so that a save abandoned by Prekliči leaves no file behind
    data = _asking_meanwhile(lambda: _saved(workbook), progress)

    def write(temporary: Path) -> None:
        temporary.write_bytes(data)
        steps.step(steps.total)

    return write_output(path, write)


def write_pdf(
    run: PaymentRun,
    path: str | os.PathLike[str],
    printed_on: date,
    progress: Progress | None = None,
) -> Path:
    # The checkout's forms/ folder imports as rejnistvo.forms (a finder in rejnistvo/__init__).
    from rejnistvo.forms.payment_run import (  # type: ignore[import-not-found,unused-ignore]
        render_payment_run,
    )

    steps = _Steps(progress, 2)
    steps.ask()
    # ~25 s for the 18,065 lines of the 20k demo, in one call: asked meanwhile (QA14)
    data = _asking_meanwhile(lambda: render_payment_run(run, printed_on), progress)
    steps.step()

    def write(temporary: Path) -> None:
        temporary.write_bytes(data)
        steps.step()

    return write_output(path, write)


# --------------------------------------------------------------------------- SEPA


def remittance(run_month: date, line: RunLine) -> str:
    """Month and contract number — never the child's name (SPEC 3.6)."""
    if line.contract:
        return f"Rejnina {iso_month(run_month)}, pogodba {line.contract}"
    return f"Enkratno izplacilo {iso_month(run_month)}"


class SepaGroup(NamedTuple):
    """One carer's transfer for one contract: its lines summed (``sepa_groups``)."""

    iban: str  # compacted; "" when the carer has no usable account
    carer: str
    contract: str
    amount: Decimal
    line: RunLine  # the first of its lines (the carer's id, the remittance)
    number: int  # its place among the run's groups: the transfer's end-to-end number
    typed: bool  # an account is written but is not a valid IBAN

    @property
    def usable(self) -> bool:
        return bool(self.iban)


def sepa_groups(run: PaymentRun, accounts: Mapping[int, str] | None = None) -> list[SepaGroup]:
    """The run's paid lines summed per carer and contract, in the run's order, each with
    the account to pay it to, or "" when there is no usable one. ``accounts``: carer id →
    the account to use where a line has none usable (``run_accounts_now``)."""
    groups: dict[tuple[str, str, str], Decimal] = {}
    names: dict[tuple[str, str, str], RunLine] = {}
    typed: set[tuple[str, str, str]] = set()
    for line in run.paid_lines():
        iban = _usable_iban(line.iban)
        now = accounts.get(line.carer_id) if accounts and line.carer_id is not None else None
        if not iban:
            iban = _usable_iban(now)
        key = (iban or (line.iban or ""), line.carer, line.contract)
        if not iban and (line.iban or now):
            typed.add(key)
        groups[key] = groups.get(key, ZERO) + line.total
        names.setdefault(key, line)
    return [
        SepaGroup(
            key[0] if _usable_iban(key[0]) else "",
            key[1],
            key[2],
            amount,
            names[key],
            index,
            key in typed,
        )  # fmt: skip
        for index, (key, amount) in enumerate(groups.items(), start=1)
    ]


def carer_names(groups: Sequence[SepaGroup]) -> dict[int, str]:
    """How each group's carer is named: a name two carers share is told apart by the
    contract (as the run's warning), »Ana Novak s pogodbo 1220-14/2024«."""
    carers_named: dict[str, set[object]] = {}
    for group in groups:
        carers_named.setdefault(group.carer, set()).add(
            getattr(group.line, "carer_id", None) or group.carer
        )
    return {
        group.number: (
            f"{group.carer} s pogodbo {group.contract}"
            if len(carers_named.get(group.carer, ())) > 1 and group.contract
            else group.carer
        )
        for group in groups
    }


def transfer(run: PaymentRun, group: SepaGroup) -> dict[str, Any]:
    """The group as sepaxml's payment."""
    return {
        "name": group.carer,
        "IBAN": group.iban,
        "amount": int(group.amount * 100),
        "description": remittance(run.month, group.line),
        "endtoend_id": f"REJ{run.month:%Y%m}-{group.number:06d}",
    }


def check_payer(centre_iban: str, centre_name: str) -> None:
    """The centre's name and IBAN (the payer) are in the settings and the IBAN is valid."""
    if not centre_name.strip():
        raise InputError("centre_name", "v Nastavitvah vpišite ime centra (plačnika) za SEPA.")
    if not centre_iban.strip():
        raise InputError("centre_iban", "v Nastavitvah vpišite IBAN centra (plačnika) za SEPA.")
    check_iban(centre_iban, "centre_iban")


def sepa_transfers(
    run: PaymentRun,
    centre_iban: str,
    centre_name: str,
    accounts: Mapping[int, str] | None = None,
) -> list[dict[str, Any]]:
    """One transfer per carer and contract (its month, arrears and one-off lines summed);
    refused with the names when a carer's or the centre's IBAN is missing or invalid
    (the whole file: ``run --format sepa``; the window leaves such carers out instead,
    ``services.payment_sepa``). ``accounts``: carer id → the account to use where a line
    has none usable (``run_accounts_now``)."""
    check_payer(centre_iban, centre_name)
    # Summed per carer and contract before any IBAN is asked for: a carer whose lines
    # come to nothing (a 0,00 arrears line, an offset overpayment) gets no transfer, so
    # a missing account must not stop the centre's whole bank file.
    groups = sepa_groups(run, accounts)
    named = carer_names(groups)
    missing: list[str] = []
    for group in groups:
        who = named[group.number]
        if not group.usable and group.amount > 0 and who not in missing:
            missing.append(who)
    if missing:
        shown = ", ".join(missing[:5]) + (f" in še {len(missing) - 5}" if len(missing) > 5 else "")
        raise InputError(
            "iban",
            f"rejniki brez veljavnega IBAN: {shown}. Vpišite IBAN v podatke rejnika "
            "(Rejniki), nato ponovite izvoz.",
        )
    return [transfer(run, group) for group in groups if group.amount > 0]


def _usable_iban(value: str | None) -> str:
    """The account compacted, or "" when there is none or it is not a valid IBAN."""
    if not value:
        return ""
    try:
        return check_iban(value, "iban") or ""
    except InputError:
        return ""


def write_sepa(
    run: PaymentRun,
    path: str | os.PathLike[str],
    centre_iban: str,
    centre_name: str,
    execution_date: date,
    progress: Progress | None = None,
    accounts: Mapping[int, str] | None = None,
    transfers: Sequence[dict[str, Any]] | None = None,
) -> Path:
    """pain.001.001.03 via sepaxml, validated against its schema on export; its control
    sum equals the run's total (checked before the file is written). ``transfers``: the
    run's ``sepa_transfers`` when the caller has them (``check_sepa_for``), not made again."""
    if transfers is None:
        transfers = sepa_transfers(run, centre_iban, centre_name, accounts)
    steps = _Steps(progress, len(transfers) + 2)
    xml = sepa_bytes(
        centre_iban, centre_name, execution_date, transfers, run.total, steps, progress
    )

    def write(temporary: Path) -> None:
        temporary.write_bytes(xml)
        steps.step()

    return write_output(path, write)


def sepa_bytes(
    centre_iban: str,
    centre_name: str,
    execution_date: date,
    transfers: Sequence[dict[str, Any]],
    expected: Decimal,
    steps: Steps,
    progress: Progress | None,
) -> bytes:
    """The bank file's XML, checked against the pain.001 schema and its control sum
    against `expected` (the run's total, or what a file leaving carers out pays)."""
    from sepaxml import SepaTransfer

    steps.ask()
    sepa = SepaTransfer(
        {
            "name": centre_name.strip(),
            "IBAN": check_iban(centre_iban, "centre_iban"),
            "batch": True,
            "currency": "EUR",
        },
        schema="pain.001.001.03",
    )
    for payment in transfers:
        sepa.add_payment({**payment, "execution_date": execution_date})
        steps.step()
    try:
        xml: bytes = _asking_meanwhile(lambda: sepa.export(validate=True), progress)
    except ExportCancelled:
        raise
    except Exception:  # noqa: BLE001 - sepaxml raises plain exceptions
        # its words are English and about XML; they go to the log for whoever looks
        logging.getLogger(__name__).exception("sepaxml refused the bank file")
        raise InputError(
            "sepa",
            "datoteka SEPA ni veljavna po shemi pain.001 in ni zapisana; podrobnosti so v "
            "dnevniku programa (rejnistvo.log).",
        ) from None
    match = re.search(rb"<GrpHdr>.*?<CtrlSum>([0-9.]+)</CtrlSum>", xml, re.S)
    control = Decimal(match.group(1).decode()) if match else None
    if control != expected:
        raise InputError(
            "sepa",
            f"kontrolna vsota datoteke SEPA ({control}) se ne ujema s skupnim zneskom "
            f"izplačila ({expected}); datoteka ni zapisana.",
        )
    steps.step()
    return xml


#: how often the window is asked (and Prekliči read) while sepaxml checks the file
_ASK_EVERY = 0.1


def _asking_meanwhile(work: Callable[[], T], progress: Progress | None) -> T:
    """``work()`` — one long call with no step of its own: sepaxml's export and its check
    against the pain.001 schema (~10 s for the 18,000 transfers of the 20k demo), the run's
    PDF (~25 s), the XLSX's save (~4 s) — in a thread, the progress asked meanwhile as busy (total 0): the window
    stayed frozen with Prekliči dead (QA14). Prekliči stops waiting (ExportCancelled);
    the abandoned call ends on its own, its file unwritten."""
    if progress is None:
        return work()
    import threading
    import time

    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = work()
        except BaseException as error:  # noqa: BLE001 - handed to the caller's thread
            outcome["error"] = error

    thread = threading.Thread(target=run, name="export", daemon=True)
    thread.start()
    # sleeps, not a timed join: under a frozen clock (faketime) a join's timeout never
    # passes, and the window would wait for the whole call again
    while thread.is_alive():
        for _ in range(5):
            time.sleep(_ASK_EVERY / 5)
            if not thread.is_alive():
                break
        if progress(0, 0) is False:
            raise ExportCancelled()
    if "error" in outcome:
        raise outcome["error"]
    result: T = outcome["result"]
    return result


def payer_settings(db: Any) -> tuple[str, str]:
    """The centre's IBAN and name from the settings (`centre_iban`, `centre_name`)."""
    from rejnistvo.store import get_setting

    return get_setting(db, "centre_iban") or "", get_setting(db, "centre_name") or ""


def run_accounts_now(db: Any, run: PaymentRun) -> dict[int, str]:
    """A closed month's carers without a usable account in the ledger, with their account
    as it is now: a month closed before a carer's IBAN was entered could never be sent
    to the bank (the export asked again and again for the IBAN entered since). An
    account the ledger holds stays as paid. An open month's lines are today's already."""
    from rejnistvo.services.payment_run.closed import accounts_now

    if run.status != CLOSED:
        return {}
    # a carer deleted since is left out: named as lacking an account
    return accounts_now(
        db, {x.carer_id for x in run.paid_lines() if x.carer_id and not _usable_iban(x.iban)}
    )


def check_sepa_for(db: Any, run: PaymentRun) -> list[dict[str, Any]]:
    """What the bank file needs — the centre's name and IBAN from the settings, an IBAN
    for every carer to be paid — checked before the user is asked where to save it
    (the file dialog came first, and its answer was then refused). Returns the transfers,
    which ``write_sepa_for`` takes for this run instead of checking it again (every
    carer's IBAN, ~2 s at 20,000 placements)."""
    return sepa_transfers(run, *payer_settings(db), run_accounts_now(db, run))


def sepa_open_month_notice(run: PaymentRun, today: date) -> str | None:
    """What to say before the bank file of a month not closed (QA51: January's file was
    made on 5 December and the status line said only when the bank pays it): the run is a
    proposal that may still change, so what the bank pays and what closing records in the
    ledger could differ. None for a closed month."""
    if run.status == CLOSED:
        return None
    month = month_name(run.month)
    if run.month > today.replace(day=1):
        return (
            f"Izplačilo za {month} je predlog: mesec se še ni začel in ni zaključen. "
            "Do zaključka se lahko še spremeni (namestitve, zneski), knjiga izplačil pa bi "
            "ob zaključku zapisala drugačne zneske, kot jih je nakazala banka. Datoteko za "
            "banko izvozite po zaključku meseca."
        )
    return (
        f"Izplačilo za {month} še ni zaključeno: je predlog in se do zaključka lahko "
        "spremeni, knjiga izplačil pa bi ob zaključku zapisala drugačne zneske, kot jih je "
        "nakazala banka. Datoteko za banko izvozite po zaključku meseca (Zaključi mesec)."
    )


def sepa_execution_date(day: date) -> date:
    """The day the bank file asks the bank to pay on: the export's `day` when it is a
    working day, else the next one. No bank executes a transfer on a Saturday, Sunday or
    Slovenian public holiday; a file asking for one was sent back or paid late."""
    return next_working_day(day)


def write_sepa_for(
    db: Any,
    run: PaymentRun,
    path: str | os.PathLike[str],
    day: date,
    progress: Progress | None = None,
    transfers: Sequence[dict[str, Any]] | None = None,
) -> Path:
    """`write_sepa` with the centre's IBAN and name from the settings (`centre_iban`,
    `centre_name`, Nastavitve), to be executed on `sepa_execution_date(day)`.
    ``transfers``: what ``check_sepa_for`` returned for this run (its lines), if called."""
    accounts = run_accounts_now(db, run) if transfers is None else None
    return write_sepa(
        run, path, *payer_settings(db), sepa_execution_date(day), progress, accounts, transfers
    )
