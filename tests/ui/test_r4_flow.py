"""R-4 predlogi: a whole case from the proposal to the printed PDF, the live rule, and
the checks that keep what was typed."""

from __future__ import annotations

from datetime import date

import pytest
from _fixtures_b import CANDIDATES, b_ctx, b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt

from rejnistvo.clock import FixedClock
from rejnistvo.store import get_record, list_records
from rejnistvo.ui.views.r4_view import R4View


def make_view(qtbot, ctx) -> R4View:
    ctx.clock = FixedClock(TODAY)  # the suite gives the same answers on any machine date
    return show_view(qtbot, R4View(ctx))


TODAY = date(2026, 3, 2)


def check_reason(view: R4View, row: int) -> None:
    view.reason_list.item(row).setCheckState(Qt.CheckState.Checked)


def type_period(qtbot, period_edit, start: str, end: str) -> None:
    qtbot.keyClicks(period_edit.start_edit.edit, start)
    qtbot.keyClicks(period_edit.end_edit.edit, end)


def fill_proposal(qtbot, view: R4View, ctx) -> None:
    view.new_record()
    view.placement_combo.setCurrentIndex(view.placement_combo.findData(ctx.db.b_ids["placement"]))
    qtbot.keyClicks(view.case_no_edit.edit, "1220-14/2026")
    check_reason(view, 0)
    qtbot.mouseClick(view.workload_moderate, Qt.MouseButton.LeftButton)
    view.proposed_percent.setCurrentIndex(view.proposed_percent.findData(25))
    type_period(qtbot, view.period_edit, "1. 4. 2026", "31. 3. 2027")
    qtbot.keyClicks(view.rationale_edit, "Otrok potrebuje stalen nadzor.")
    view.step_edits["prepared_on"].set_value(None)
    qtbot.keyClicks(view.step_edits["prepared_on"].edit, "2. 3. 2026")


def test_suggestion_follows_reasons_and_workload_live(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    assert "ni upravičeno" in view.suggestion_label.text()
    check_reason(view, 0)
    assert "navedite obseg dela" in view.suggestion_label.text().lower()
    qtbot.mouseClick(view.workload_moderate, Qt.MouseButton.LeftButton)
    assert "25 %" in view.suggestion_label.text()
    assert "zmerno" in view.suggestion_label.text()
    assert view.proposed_percent.currentData() == 25  # the proposal follows the rule …
    qtbot.mouseClick(view.workload_strong, Qt.MouseButton.LeftButton)
    assert "50 %" in view.suggestion_label.text()
    assert view.proposed_percent.currentData() == 50
    qtbot.mouseClick(view.workload_moderate, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(view.free_reason, "Otrok ima dietni rezim")  # a second, free-text reason
    assert "50 %" in view.suggestion_label.text()
    assert view.reason_count() == 2
    view.proposed_percent.setCurrentIndex(view.proposed_percent.findData(25))
    qtbot.mouseClick(view.workload_strong, Qt.MouseButton.LeftButton)
    assert view.proposed_percent.currentData() == 25  # … until the user picks it


def _coordinator_decides(db, case_id: int, percent: int = 25, rationale: str = "") -> str:
    """The coordinator's steps, as Koordinator takes them (services.coordinator)."""
    from rejnistvo.services import coordinator
    from rejnistvo.services.coordinator import Decision

    def version() -> int:
        return get_record(db, "r4_cases", case_id)["version"]

    coordinator.accept(db, case_id, version(), date(2026, 3, 5))
    ids = [c.id for c in coordinator.candidates(db, 3, date(2026, 3, 10))[:3]]
    coordinator.name_commission(db, case_id, version(), ids, date(2026, 3, 10))
    number = coordinator.decide(
        db,
        case_id,
        version(),
        Decision("increase", percent, date(2026, 4, 1), date(2027, 3, 31), rationale),
        date(2026, 3, 20),
    )
    coordinator.mark_returned(db, case_id, version(), date(2026, 3, 23))
    return number


def test_whole_case_from_proposal_to_printed_pdf(qtbot, b_ctx, tmp_path):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_proposal(qtbot, view, b_ctx)
    view.subgroup_combo.setCurrentIndex(view.subgroup_combo.findData(3))
    assert view.has_unsaved_changes()
    with qtbot.waitSignal(b_ctx.bus.records_changed) as blocker:
        assert view.save() is True
    assert blocker.args == ["r4"]
    assert not view.has_unsaved_changes()
    stored = get_record(b_ctx.db, "r4_cases", view.case_id)
    assert stored["proposed_percent"] == 25
    assert stored["period_from"] == date(2026, 4, 1)
    assert stored["workload"] == "moderate"
    assert [r["reason_key"] for r in stored["reasons"]] == [
        view.reason_list.item(0).data(Qt.ItemDataRole.UserRole)
    ]

    # Sent from this screen (its one workflow step), then the coordinator's steps; a day
    # later than the proposal, so the clock moves on (no step is written ahead of today).
    b_ctx.clock = FixedClock(date(2026, 3, 31))
    qtbot.keyClicks(view.step_edits["sent_on"].edit, "3. 3. 2026")
    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)
    assert get_record(b_ctx.db, "r4_cases", view.case_id)["sent_on"] == date(2026, 3, 3)
    assert view.step_edits["sent_on"].edit.isReadOnly()
    number = _coordinator_decides(b_ctx.db, view.case_id)
    b_ctx.bus.records_changed.emit("r4")  # as Koordinator announces its steps
    assert view.step_edits["returned_on"].text() == "23. 3. 2026"
    assert view.resolution_no_edit.text() == number
    row = view.model.find_row("id", view.case_id)
    assert view.model.row_record(row)["status"] == "returned"
    # A decided case is read-only here.
    assert not view.proposal_box.isEnabled() and not view.save_button.isEnabled()
    assert view.correct_button.isEnabled()

    # Print: the PDF is made from the stored case and shown in the preview.
    view.print_document()
    assert b_ctx.interaction.errors == []
    assert view.last_document.startswith(b"%PDF")
    import io

    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(view.last_document)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Luka Otrok" in text and number in text
    preview = view.preview
    qtbot.addWidget(preview)
    if preview.document is not None:
        assert preview.page_count() >= 1
    target = tmp_path / "r4"
    b_ctx.interaction.answers.append(str(target))
    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "r4.pdf").read_bytes() == view.last_document


def test_correction_of_a_decision_needs_a_reason_and_is_audited(qtbot, b_ctx):  # noqa: F811
    from rejnistvo.store.audit import audit_rows

    view = make_view(qtbot, b_ctx)
    fill_proposal(qtbot, view, b_ctx)
    view.subgroup_combo.setCurrentIndex(view.subgroup_combo.findData(3))
    assert view.save()
    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)
    _coordinator_decides(b_ctx.db, view.case_id)
    view.load(view.case_id)
    assert not view.decision_percent.isEnabled()

    qtbot.mouseClick(view.correct_button, Qt.MouseButton.LeftButton)
    assert view.correcting and view.decision_percent.isEnabled()
    view.decision_percent.setCurrentIndex(view.decision_percent.findData(50))  # rule says 25 %
    assert view.difference_label.isVisibleTo(view)
    assert view.save() is False  # no reason given
    assert "razlog" in view.correction_reason_error.text().lower()
    qtbot.keyClicks(view.correction_reason, "Tipkarska napaka v sklepu, velja 50 %.")
    assert view.save() is False  # departs from the rule: the decision's rationale is needed
    assert "obrazložitev" in view.decision_rationale_error.text()
    assert view.decision_percent.currentData() == 50  # nothing typed was lost
    qtbot.keyClicks(view.decision_rationale, "Komisija je ocenila mocno povecan obseg.")
    assert view.save() is True
    stored = get_record(b_ctx.db, "r4_cases", view.case_id)
    assert stored["decision_percent"] == 50
    last = audit_rows(b_ctx.db, "r4_cases", view.case_id)[-1]
    assert last["action"] == "correction"
    assert last["after"]["reason"] == "Tipkarska napaka v sklepu, velja 50 %."
    assert last["before"]["decision_percent"] == 25
    assert not view.correcting and not view.decision_percent.isEnabled()


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("1. 1. 2025", "31. 12. 2025", "v času namestitve"),
        ("1. 5. 2026", "1. 4. 2026", "pred začetkom"),
        ("31. 2. 2026", "1. 4. 2026", "ne obstaja"),
    ],
)
def test_wrong_period_shows_its_reason_and_keeps_text(qtbot, b_ctx, start, end, expected):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_proposal(qtbot, view, b_ctx)
    view.period_edit.set_value(None)
    type_period(qtbot, view.period_edit, start, end)
    assert view.save() is False
    shown = " ".join(
        w.error_text()
        for w in (view.period_edit, view.period_edit.start_edit, view.period_edit.end_edit)
    )
    assert expected in shown
    assert view.period_edit.start_edit.text() == start
    assert view.period_edit.end_edit.text() == end
    assert list_records(b_ctx.db, "r4_cases") == []


def test_sending_is_not_before_preparing_and_later_steps_are_not_typed(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_proposal(qtbot, view, b_ctx)  # prepared 2. 3. 2026
    view.subgroup_combo.setCurrentIndex(view.subgroup_combo.findData(3))
    qtbot.keyClicks(view.step_edits["sent_on"].edit, "1. 3. 2026")
    assert view.send_to_coordinator() is False
    assert "pred datumom priprave" in view.step_edits["sent_on"].error_text()
    assert view.step_edits["sent_on"].text() == "1. 3. 2026"
    assert get_record(b_ctx.db, "r4_cases", view.case_id)["sent_on"] is None
    for column in ("accepted_on", "commission_named_on", "decided_on", "returned_on"):
        assert view.step_edits[column].edit.isReadOnly()
    assert not view.resolution_no_edit.isEnabled()
    assert not any(combo.isEnabled() for combo in view.member_combos)


def test_case_list_filters_and_passes_modeltester(qtbot, qtmodeltester, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_proposal(qtbot, view, b_ctx)
    assert view.save()
    view.refresh()
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    assert view.proxy.rowCount() == 1
    qtbot.keyClicks(view.search, "luka")
    assert view.proxy.rowCount() == 1
    qtbot.keyClicks(view.search, "xyz")
    assert view.proxy.rowCount() == 0


def test_leaving_unsaved_edits_asks_and_cancel_keeps_them(qtbot, b_ctx):  # noqa: F811
    from rejnistvo.ui.interaction import Choice

    view = make_view(qtbot, b_ctx)
    fill_proposal(qtbot, view, b_ctx)
    b_ctx.interaction.answers.append(Choice.CANCEL)
    view.new_record()
    assert view.case_no_edit.text() == "1220-14/2026"
    assert b_ctx.interaction.asked[-1][0] == "save_discard_cancel"


def _sample_pdf() -> bytes:
    from rejnistvo.forms import render_form

    return render_form("r4", {"case_no": "1/2026"})


def test_preview_prints_every_page_and_saves(qtbot, b_ctx, tmp_path):  # noqa: F811
    import io

    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from rejnistvo.ui import documents

    pdf = _sample_pdf()
    dialog = documents.show_document(b_ctx, pdf, "Obrazec R-4", "r4.pdf")
    qtbot.addWidget(dialog)
    if not documents.HAVE_QTPDF:
        pytest.skip("QtPdf is not installed")
    assert dialog.page_count() == len(PdfReader(io.BytesIO(pdf)).pages) >= 1
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer) is True
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == dialog.page_count()

    # Cancelled file dialog: nothing written; a folder that cannot be written: a message.
    assert dialog.save_as() is False
    b_ctx.interaction.answers.append(str(tmp_path / "missing" / "r4.pdf"))
    assert dialog.save_as() is False
    assert "ni bilo mogoče zapisati" in b_ctx.interaction.errors[-1]


def test_period_outside_placement_is_shown_when_typed(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    view.new_record()
    view.placement_combo.setCurrentIndex(view.placement_model.index_of(b_ctx.db.b_ids["placement"]))
    qtbot.keyClicks(view.period_edit.start_edit.edit, "1. 1. 2025")
    qtbot.keyClicks(view.period_edit.end_edit.edit, "31. 3. 2025")
    qtbot.keyClick(view.period_edit.end_edit.edit, Qt.Key.Key_Return)
    assert "v času namestitve" in view.period_edit.error_text()
    assert view.period_edit.start_edit.text() == "1. 1. 2025"


def test_typed_reasons_stay_separate_reasons_after_save_and_reload(qtbot, b_ctx):  # noqa: F811
    """Two reasons typed by hand are two reasons (čl. 30/2: 50 %), also after the case is
    saved and opened again: saving must never merge them into one."""
    view = make_view(qtbot, b_ctx)
    fill_proposal(qtbot, view, b_ctx)
    check_reason(view, 0)
    view.reason_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    qtbot.keyClicks(view.free_reason, "dietna prehrana; nocno bedenje")
    assert view.reason_count() == 2
    assert "50 %" in view.suggestion_label.text()
    view.proposed_percent.setCurrentIndex(view.proposed_percent.findData(50))
    assert view.save() is True
    stored = get_record(b_ctx.db, "r4_cases", view.case_id)
    assert [r["text"] for r in stored["reasons"]] == ["dietna prehrana", "nocno bedenje"]

    view.open_record("r4", view.case_id)
    assert view.reason_count() == 2
    assert view.save() is True
    again = get_record(b_ctx.db, "r4_cases", view.case_id)
    assert [r["text"] for r in again["reasons"]] == ["dietna prehrana", "nocno bedenje"]
