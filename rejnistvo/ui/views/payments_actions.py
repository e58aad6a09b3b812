"""Izplačila: closing the month shown and reopening the latest closed one, recording how
the selected overpayments were settled, and exporting the shown run (PDF, XLSX, CSV, SEPA) with
progress and Prekliči. Functions of the screen (``view`` is the ``PaymentsView``), apart
so that the screen stays about showing the run."""

from __future__ import annotations

from datetime import date
from typing import Any

from rejnistvo.rules.errors import RuleError
from rejnistvo.rules.money import format_amount
from rejnistvo.rules.payment_run import KIND_LABELS, OVERPAYMENT
from rejnistvo.rules.periods import month_name, parse_typed_month
from rejnistvo.ui.format import count_text, format_count, format_date
from rejnistvo.ui.widgets.money_text import on_screen
from rejnistvo.ui.widgets.wait_cursor import wait_cursor

#: warnings written out in the close question; the rest are counted (all stand above the table)
SHOWN_WARNINGS = 3

EXPORTS = {
    "pdf": ("PDF", "PDF (*.pdf)"),
    "xlsx": ("XLSX", "Excel (*.xlsx)"),
    "csv": ("CSV", "CSV (*.csv)"),
    "sepa": ("SEPA", "SEPA pain.001 (*.xml)"),
}


def sentence(message: str) -> str:
    """A service's message as a sentence of its own: the CLI puts the field before it
    (»--month: mesec … se še ni začel«), a message box starts it with a capital."""
    return message[:1].upper() + message[1:]


def close_month(view: Any) -> bool:
    """Zaključi mesec: write the run to the ledger (asks first)."""
    from rejnistvo.services.payment_run import RunCancelled
    from rejnistvo.services.payment_run import close_month as close
    from rejnistvo.ui.progress import run_reporting

    month = view.selected_month()
    if month is None or view.run is None or view.loader.is_busy():
        return False
    if view._shown != (view._data_stamp(), month):
        # Written since it was computed (by another program): the total the user
        # would confirm is not the one that would be paid.
        view.load_run()
        view.error.show_error(
            view.tr(
                "Podatki so se medtem spremenili; izplačilo se računa znova. Preverite "
                "ga in mesec zaključite potem."
            )
        )
        return False
    on_screen, stamp = view.run, view._shown[0] if view._shown else None
    from rejnistvo.services.payment_run import check_closable

    try:  # a month that cannot be closed is refused before the question, not after it
        check_closable(view.ctx.db, month, view.ctx.clock)
    except RuleError as exc:
        view.ctx.interaction.error(view.tr("Mesec ni zaključen"), sentence(exc.message))
        return False
    if not view.ctx.interaction.confirm(view.tr("Zaključi mesec"), _close_question(view, month)):
        return False
    try:
        run, cancelled = run_reporting(
            view,
            view.tr("Zaključujem {0} …").format(month_name(month)),
            # the run on screen is written as it is if nothing was written since
            lambda progress: close(
                view.ctx.db, month, view.ctx.clock, progress, computed=on_screen, stamp=stamp
            ),
        )
    except RunCancelled:
        view.error.show_error(view.tr("Zaključevanje je preklicano; nič ni zapisano."))
        return False
    except RuleError as exc:
        view.ctx.interaction.error(view.tr("Mesec ni zaključen"), sentence(exc.message))
        return False
    if cancelled or run is None:
        return False
    # What was written is shown as it is (no second read of 20,000 lines); its stamp
    # is taken now, so the refresh that the announcement brings keeps it.
    from rejnistvo.services.payment_run import closed_months

    view._closed = closed_months(view.ctx.db)
    # The run on screen taken over by the close: its records are the closed month's
    # (270,000 after a backdated rate were made again, ~0.5 s), and the tables keep
    # their place and selection.
    shown = view.shown.closed_as(run) if view.shown is not None else None
    view.show_run(shown or run)
    view._shown = (view._data_stamp(), month)
    view.ctx.bus.records_changed.emit("payment_runs")
    # »December 2026 je …«: a sentence begins with a capital (the month's name does not)
    view.ctx.bus.status_message.emit(
        sentence(view.tr("{0} je zaključen.").format(month_name(month)))
    )
    return True


def _close_question(view: Any, month: Any) -> str:
    """»Zaključim …?« with the sum to be paid and, when the run found any, the
    overpayments the close lists apart (QA14: the question did not mention them)."""
    shown = view.shown
    text = view.tr(
        "Zaključim {0}? Izplačilo ({1} €) se zapiše v knjigo izplačil in se ne "
        "spreminja več; poznejše spremembe se pokažejo kot poračun."
    ).format(month_name(month), format_amount(shown.total if shown else 0))
    from rejnistvo.services.payment_run import first_close_notice

    first = first_close_notice(view.ctx.db, month)
    if first:  # the ledger begins here: earlier months are never paid nor recomputed
        text += "\n\n" + first
    if shown is not None and shown.overpayment_count:
        text += "\n\n" + view.tr(
            "Preplačila (niso odšteta): {0}, skupaj {1} €. Navedena so posebej in ostanejo "
            "na zaslonu Roki, dokler ne vpišete, kako so bila poravnana."
        ).format(format_count(shown.overpayment_count), format_amount(shown.overpaid))
    from rejnistvo.services.payment_run import kept_warnings

    every = view.run.warnings if view.run is not None else ()
    warnings = kept_warnings(every)
    for account in (w for w in every if w not in warnings):
        # carers without an IBAN: the bank file is refused until it is entered (QA59:
        # said only when the SEPA export refused it, after the close); not kept
        text += "\n\n" + on_screen(account)
    if warnings:
        # the month closes with them and keeps them: read before »Da«, not after
        # »1 opozorilo«, »2 opozorili«: »Opozorila (1), … jih ohrani« was plural for one
        text += "\n\n" + view.tr("Zaključeni mesec ohrani {0} izplačila:").format(
            count_text(len(warnings), "opozorilo")
        )
        text += "\n" + on_screen("\n".join(warnings[:SHOWN_WARNINGS]))
        if len(warnings) > SHOWN_WARNINGS:
            text += "\n" + view.tr("… in še {0} (nad tabelo).").format(
                format_count(len(warnings) - SHOWN_WARNINGS)
            )
    return str(text)


def reopening_question(view: Any, month: date) -> str:
    """The reason's question, after what a reopened month means for money already sent:
    closed again and exported again, a bank file sent twice pays every carer twice (the
    program does not know whether the first was sent)."""
    return str(
        view.tr(
            # broken by hand: the input dialog's label does not wrap
            "Če ste datoteko SEPA za {0} že poslali banki, je izplačilo morda\n"
            "že izvršeno: ko mesec znova zaključite, banki ne pošljite nove\n"
            "celotne datoteke SEPA, sicer bodo rejniki plačani dvakrat.\n"
            "Poračun naslednjega meseca razlike do poslanega ne prinese:\n"
            "po ponovnem zaključku jo pokaže izvoz SEPA tega meseca (dodatna\n"
            "datoteka plača, kar je zdaj več; kar je bilo plačano preveč,\n"
            "uredite z rejnikom ali banko)."
            "\n\nRazlog za ponovno odprtje meseca {0}:"
        ).format(month_name(month))
    )


def reopen_month(view: Any) -> bool:
    """Ponovno odpri: only the latest closed month, with a reason (audited)."""
    from rejnistvo.services.payment_run import check_reopenable
    from rejnistvo.services.payment_run import reopen_month as reopen

    month = view.selected_month()
    if month is None:
        return False
    try:  # a month that cannot be reopened is refused before its reason is asked for
        check_reopenable(view.ctx.db, month)
    except RuleError as exc:
        view.ctx.interaction.error(view.tr("Mesec ni ponovno odprt"), sentence(exc.message))
        return False
    reason: str | None = ""
    while True:  # a refused reason is asked for again with what was typed
        reason = view.ctx.interaction.ask_text(
            view.tr("Ponovno odpri mesec"),
            reopening_question(view, month),
            text=reason or "",
        )
        if reason is None:
            return False
        try:
            reopen(view.ctx.db, month, reason, view.ctx.clock)
        except RuleError as exc:
            view.ctx.interaction.error(view.tr("Mesec ni ponovno odprt"), sentence(exc.message))
            if getattr(exc, "field", "") == "reason":
                continue
            return False
        break
    # The announcement refreshes this screen too: the month, open again, is computed.
    view.ctx.bus.records_changed.emit("payment_runs")
    # said as the close is (QA59: the reopening passed without a word)
    view.ctx.bus.status_message.emit(
        sentence(
            view.tr("{0} je ponovno odprt; izplačilo je izračunano po današnjih podatkih.").format(
                month_name(month)
            )
        )
    )
    # Ponovno odpri is disabled now: Qt gave the focus to the screen list on the left
    view.month_combo.setFocus()
    return True


def settle_selected(view: Any) -> bool:
    """Record how the selected overpayments were settled: a month of offset or a refund,
    the same for all of them (one transaction); settled ones in the selection are left."""
    from rejnistvo.services.payment_run import check_settlements, settle_overpayments

    selected = sorted(index.row() for index in view.over_table.selectionModel().selectedRows())
    proxy = view.over_table.model()
    records = [proxy.row_record(row) for row in selected]
    if not records or view.run is None:
        view.ctx.interaction.error(
            view.tr("Poravnava preplačila"), view.tr("Izberite preplačilo v seznamu.")
        )
        return False
    # a settled one (or a line undoing one) is left out, not refused: Ctrl+A takes them all
    open_records = [r for r in records if not r["settled"] and r["kind"] == OVERPAYMENT_LABEL]
    if not open_records:
        view.ctx.interaction.error(
            view.tr("Poravnava preplačila"),
            view.tr("Izbrana preplačila so že poravnana; izberite taka, ki še niso."),
        )
        return False
    ids = [record["line_id"] for record in open_records]
    many = len(records) > 1
    answer = ""
    while True:  # a refused month is asked for again with what was typed
        answer = view.ctx.interaction.ask_text(
            view.tr("Poravnava preplačila"),
            view.tr(
                "Mesec, v katerem so bila preplačila poračunana (npr. januar 2027), ali "
                "prazno, če so rejniki pozvani k vračilu:"
            )
            if many
            else view.tr(
                "Mesec, v katerem je bilo preplačilo poračunano (npr. januar 2027), ali "
                "prazno, če je rejnik pozvan k vračilu:"
            ),
            text=answer,
        )
        if answer is None:
            return False
        try:
            offset = parse_typed_month(answer, "offset_month") if answer.strip() else None
            method = "offset" if offset else "refund"
            # a month the save would refuse is refused before »Vpišem?«, not after it
            with wait_cursor():  # thousands of lines are read for it
                left = check_settlements(view.ctx.db, ids, method, offset)
            confirmed = (
                _confirm_batch(view, left, len(records) - len(ids), offset)
                if many
                else _confirm_settlement(view, open_records[0], offset)
            )
            if not confirmed:
                return False
            with wait_cursor():  # a batch of thousands takes a second or two
                settle_overpayments(view.ctx.db, ids, method, offset, "", view.ctx.clock)
        except RuleError as exc:
            view.ctx.interaction.error(view.tr("Poravnava ni vpisana"), sentence(exc.message))
            if getattr(exc, "field", "") != "offset_month":
                return False
            continue
        view.select_after_load(view.over_table, ids[0])
        view.ctx.bus.records_changed.emit("payment_runs")  # the month is read again
        if many:
            view.ctx.bus.status_message.emit(
                view.tr("Poravnava je vpisana za {0}.").format(count_text(len(ids), "preplačilo"))
            )
        return True


#: the kind of line a settlement is recorded for, as the table shows it
OVERPAYMENT_LABEL = KIND_LABELS[OVERPAYMENT]


def _confirm_batch(view: Any, left: dict[int, Any], skipped: int, offset: Any) -> bool:
    """Several settlements said before they are recorded: how many, the total, how,
    and how many of the selection are left out (settled already)."""
    how = (
        view.tr("Preplačila so poračunana z izplačilom za {0}.").format(month_name(offset))
        if offset
        else view.tr("Rejniki so pozvani k vračilu.")
    )
    if skipped:
        how += " " + view.tr("Že poravnanih med izbranimi: {0} (ostanejo, kot so).").format(
            format_count(skipped)
        )
    return bool(
        view.ctx.interaction.confirm(
            view.tr("Poravnava preplačil"),
            view.tr(
                "{0} Vpisanih poravnav ni mogoče spremeniti in mesecev, v katerih so bila "
                "preplačila ugotovljena, potem ni mogoče ponovno odpreti.\n\n"
                "Vpišem poravnavo za {1}, skupaj {2} €?"
            ).format(how, count_text(len(left), "preplačilo"), format_amount(sum(left.values()))),
        )
    )


def _confirm_settlement(view: Any, record: Any, offset: Any) -> bool:
    """What will be recorded, said before it is: a settlement cannot be changed and keeps
    its month from being reopened, and an empty answer (a mistyped Enter) meant a refund."""
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
    from rejnistvo.services import payment_sepa
    from rejnistvo.ui.interaction import ask_save_file, error_message
    from rejnistvo.ui.progress import run_reporting

    run = view.run
    if run is None:
        return False
    plan = None  # the bank file: whom it pays and whom it leaves out, asked before the dialog
    if fmt == "sepa":
        plan = _sepa_plan(view, run)
        if plan is None:
            return False
    suffix = ".xml" if fmt == "sepa" else f".{fmt}"
    # a name that says what it is, in Slovenian, as the other screens' documents have
    name = f"izplačilo rejnin {run.month:%Y-%m}{' SEPA' if fmt == 'sepa' else ''}{suffix}"
    if plan is not None and plan.earlier:
        # not the first file's name: its file, perhaps not sent yet, was overwritten
        name = name.replace(" SEPA", " SEPA " + payment_sepa.file_name_part(plan))
    path = ask_save_file(view.ctx, "payment_run", name, view.tr("Izvoz izplačila"), EXPORTS[fmt][1])
    if path is None:
        return False
    today = view.today()
    writers = {
        "csv": lambda p: exports.write_csv(run, path, p),
        "xlsx": lambda p: exports.write_xlsx(run, path, p),
        "pdf": lambda p: exports.write_pdf(run, path, today, p),
        "sepa": lambda p: payment_sepa.write_sepa_file(
            view.ctx.db, run, plan, path, today, view.ctx.clock, p
        ),
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
    saved = view.tr("Izplačilo je shranjeno v {0}.").format(path)
    if fmt == "sepa":  # a Saturday's export is paid on Monday: the clerk is told so
        # what the bank does first, the long path last: at 1024 px the status line cut
        # »… SEPA.xml. Banka ga izvrši 7. 12. 2026. Izpuščeni brez veljavnega IBAN: 3 r«
        executed = exports.sepa_execution_date(today)
        text = view.tr("Banka izplačilo izvrši {0}.").format(format_date(executed))
        if plan is not None and plan.left_out:
            text += " " + view.tr("Izpuščeni brez veljavnega IBAN: {0}.").format(
                payment_sepa.left_out_summary(plan)
            )
        saved = text + " " + view.tr("Datoteka je shranjena v {0}.").format(path)
    view.ctx.bus.status_message.emit(saved)
    return True


def _sepa_plan(view: Any, run: Any) -> Any:
    """The bank file to write, asked before the file dialog: the open month's notice; a
    month with a file already (only those no file has paid yet, or the whole file again,
    which pays twice whomever the bank paid from the first); whom the file leaves out
    (no valid IBAN), by name and amount. None when refused or not confirmed."""
    from rejnistvo.services import payment_exports as exports
    from rejnistvo.services import payment_sepa
    from rejnistvo.ui.interaction import error_message

    title = view.tr("Izplačilo ni izvoženo")
    try:
        with wait_cursor():  # every carer's IBAN is checked (~2 s at 20,000 placements)
            plan = payment_sepa.sepa_plan(view.ctx.db, run)
    except RuleError as exc:
        view.ctx.interaction.error(title, error_message(exc))
        return None
    notice = exports.sepa_open_month_notice(run, view.today())
    if notice is not None and not view.ctx.interaction.confirm(
        view.tr("Mesec ni zaključen"),
        notice + " " + view.tr("Izvozim datoteko za banko vseeno?"),
        risky=True,  # Enter is »Ne«: the file is made after the close
    ):
        return None
    if plan.earlier:
        earlier = on_screen(payment_sepa.earlier_text(plan))
        extra = payment_sepa.sepa_plan(view.ctx.db, run, only_left_out=True)
        # a month reopened and closed again: what grew is paid, what shrank is said
        changed = "".join(
            on_screen(part) + "\n\n"
            for part in (payment_sepa.differences_text(extra), payment_sepa.paid_more_text(extra))
            if part
        )
        if extra.transfers and view.ctx.interaction.confirm(
            view.tr("Datoteka SEPA že izvožena"),
            earlier
            + "\n\n"
            + changed
            + (
                view.tr(
                    "Izvozim dodatno datoteko samo z nakazili, ki jih prejšnje datoteke tega "
                    "meseca nimajo (izpuščeni in razlike): {0}?"
                )
                if extra.differences
                else view.tr(
                    "Izvozim dodatno datoteko samo za rejnike, ki jih prejšnje datoteke tega "
                    "meseca nimajo (samo izpuščeni): {0}?"
                )
            ).format(payment_sepa.transfers_text(extra)),
        ):
            plan = extra
        elif not view.ctx.interaction.confirm(
            view.tr("Datoteka SEPA že izvožena"),
            earlier
            + "\n\n"
            + _nothing_new(view, extra)
            + view.tr(
                "Celotna datoteka znova vsebuje tudi že izvožena nakazila: če je banka "
                "prejšnjo že izvršila, bodo ti rejniki plačani dvakrat. Izvozim celotno "
                "datoteko znova?"
            ),
            risky=True,  # Enter is »Ne«
        ):
            return None
    if not plan.transfers:
        view.ctx.interaction.error(
            title,
            view.tr(
                "V datoteki SEPA ne bi bilo nobenega nakazila: nihče od rejnikov nima "
                "veljavnega IBAN. Vpišite ga v podatke rejnika (Rejniki)."
            )
            + ("\n\n" + on_screen(payment_sepa.left_out_text(plan)) if plan.left_out else ""),
        )
        return None
    if plan.left_out and not view.ctx.interaction.confirm(
        view.tr("Rejniki brez IBAN"), on_screen(payment_sepa.plan_question(plan))
    ):
        return None
    return plan


def _nothing_new(view: Any, extra: Any) -> str:
    """Said when a supplementary file would pay nobody: every carer with an IBAN is in a
    file of the month, and whom still lacks one."""
    from rejnistvo.services import payment_sepa

    if extra.transfers:
        return ""
    text = str(view.tr("Vsi rejniki z veljavnim IBAN so že v datoteki tega meseca."))
    if extra.paid_more:  # reopened and closed again with less: the bank paid more
        text += "\n\n" + on_screen(payment_sepa.paid_more_text(extra))
    if extra.left_out:
        text += "\n\n" + on_screen(payment_sepa.left_out_text(extra))
    return text + "\n\n"
