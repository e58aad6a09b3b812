"""Izplačila: recording how an overpayment was settled, and exporting the shown run
(PDF, XLSX, CSV, SEPA) with progress and Prekliči. Functions of the screen (``view`` is
the ``PaymentsView``), apart so that the screen stays about showing the run."""

from __future__ import annotations

from typing import Any

from rejnistvo.rules.errors import RuleError
from rejnistvo.rules.periods import parse_month

EXPORTS = {
    "pdf": ("PDF", "PDF (*.pdf)"),
    "xlsx": ("XLSX", "Excel (*.xlsx)"),
    "csv": ("CSV", "CSV (*.csv)"),
    "sepa": ("SEPA", "SEPA pain.001 (*.xml)"),
}


def settle_selected(view: Any) -> bool:
    """Record how the selected overpayment was settled: a month of offset or a refund."""
    from rejnistvo.services.payment_run import settle_overpayment
    from rejnistvo.ui.views.payments_view import sentence

    rows = view.over_table.selectionModel().selectedRows()
    proxy = view.over_table.model()
    if not rows or view.run is None:
        view.ctx.interaction.error(
            view.tr("Poravnava preplačila"), view.tr("Izberite preplačilo v seznamu.")
        )
        return False
    record = proxy.row_record(rows[0].row())  # type: ignore[attr-defined]
    answer = ""
    while True:  # a refused month is asked for again with what was typed
        answer = view.ctx.interaction.ask_text(
            view.tr("Poravnava preplačila"),
            view.tr(
                "Mesec, v katerem je bilo preplačilo poračunano (LLLL-MM), ali prazno, če je "
                "rejnik pozvan k vračilu:"
            ),
            text=answer,
        )
        if answer is None:
            return False
        try:
            offset = parse_month(answer, "offset_month") if answer.strip() else None
            if not _confirm_settlement(view, record, offset):
                return False
            settle_overpayment(
                view.ctx.db,
                record["line_id"],
                "offset" if offset else "refund",
                offset,
                "",
                view.ctx.clock,
            )
        except RuleError as exc:
            view.ctx.interaction.error(view.tr("Poravnava ni vpisana"), sentence(exc.message))
            if getattr(exc, "field", "") != "offset_month":
                return False
            continue
        view.select_after_load(view.over_table, record["line_id"])
        view.ctx.bus.records_changed.emit("payment_runs")  # the month is read again
        return True


def _confirm_settlement(view: Any, record: Any, offset: Any) -> bool:
    """What will be recorded, said before it is: a settlement cannot be changed and keeps
    its month from being reopened, and an empty answer (a mistyped Enter) meant a refund."""
    from rejnistvo.rules.money import format_amount
    from rejnistvo.rules.periods import month_name

    how = (
        view.tr("poračunano z izplačilom za {0}").format(month_name(offset))
        if offset
        else view.tr("rejnik je pozvan k vračilu")
    )
    return bool(
        view.ctx.interaction.confirm(
            view.tr("Poravnava preplačila"),
            view.tr(
                "Preplačilo {0} € ({1}, {2}, za {3}): {4}. Vpisane poravnave ni mogoče "
                "spremeniti in meseca, v katerem je bilo preplačilo ugotovljeno, potem ni "
                "mogoče ponovno odpreti. Vpišem?"
            ).format(
                format_amount(record["left"]),
                record["carer"],
                record["child"],
                month_name(record["for_month"]),
                how,
            ),
        )
    )


def export_run(view: Any, fmt: str) -> bool:
    """Write the shown run as PDF, XLSX, CSV or SEPA, with progress and Prekliči."""
    from rejnistvo.services import payment_exports as exports
    from rejnistvo.ui.interaction import ask_save_file, error_message
    from rejnistvo.ui.progress import run_reporting

    run = view.run
    if run is None:
        return False
    suffix = ".xml" if fmt == "sepa" else f".{fmt}"
    # a name that says what it is, in Slovenian, as the other screens' documents have
    name = f"izplačilo rejnin {run.month:%Y-%m}{' SEPA' if fmt == 'sepa' else ''}{suffix}"
    path = ask_save_file(view.ctx, "payment_run", name, view.tr("Izvoz izplačila"), EXPORTS[fmt][1])
    if path is None:
        return False
    today = view.today()
    writers = {
        "csv": lambda p: exports.write_csv(run, path, p),
        "xlsx": lambda p: exports.write_xlsx(run, path, p),
        "pdf": lambda p: exports.write_pdf(run, path, today, p),
        "sepa": lambda p: exports.write_sepa_for(view.ctx.db, run, path, today, p),
    }
    try:
        _result, cancelled = run_reporting(view, view.tr("Izvažam izplačilo …"), writers[fmt])
    except exports.ExportCancelled:
        cancelled = True
    except (RuleError, OSError) as exc:
        view.ctx.interaction.error(view.tr("Izplačilo ni izvoženo"), error_message(exc))
        return False
    if cancelled and not path.exists():
        view.ctx.bus.status_message.emit(view.tr("Izvoz je preklican; datoteke ni."))
        return False
    view.ctx.bus.status_message.emit(view.tr("Izplačilo je shranjeno v {0}.").format(path))
    return True
