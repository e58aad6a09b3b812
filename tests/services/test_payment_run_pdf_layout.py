"""The payment run PDF as a person reads it: column widths from the content, a contract
number or an amount never broken, long names wrapped inside their cell, headings that do
not repeat their label (SPEC 3.6 Output)."""

import re

from _payment_fixtures import D
from rejnistvo.forms import payment_run as form
from reportlab.pdfbase.pdfmetrics import stringWidth

from rejnistvo.printing import LANDSCAPE_FRAME_WIDTH
from rejnistvo.printing.fonts import SANS, SERIF_BOLD
from rejnistvo.printing.formats import fmt_amount
from rejnistvo.services import payment_exports as exports
from rejnistvo.services import payment_run as service
from rejnistvo.store import get_record, save_record

OCT = D("2026-10-01")
LONG_NAME = "Marija Terezija Kovačič Zupančič Hribernik Novak Potočnik"


def _row(contract: str = "1220-112/2024", reason: str = "") -> list[str]:
    return [
        "Neža Vidmar", "Gašper Zupan", contract, "poračun", "december 2026", "31", "1",
        "655,23", "0,00", "472,42", "0,00", "1.127,65", reason,
    ]  # fmt: skip


def test_widths_fit_the_widest_contract_and_total_and_fill_the_frame():
    widths = form.column_widths([_row("1220-12345/2024")], ["1.234.567,89"])
    assert widths[2] > stringWidth("1220-12345/2024", SANS, form.BODY_SIZE) + 2 * form.PADDING
    assert widths[11] > stringWidth("1.234.567,89", SERIF_BOLD, form.TOTAL_SIZE) + 6
    month = stringWidth("december 2026", SANS, form.BODY_SIZE)
    assert widths[4] > month + 2 * form.PADDING
    assert abs(sum(widths) - LANDSCAPE_FRAME_WIDTH) < 1


def test_a_wider_contract_number_widens_its_column():
    narrow = form.column_widths([_row("1-1/2026")], ["1,00"])
    wide = form.column_widths([_row("1220-123456789/2026")], ["1,00"])
    assert wide[2] > narrow[2]


def test_headings_do_not_repeat_their_label():
    assert form.short_name("Enota Novo mesto", "Enota") == "Novo mesto"
    assert form.short_name("Novo mesto", "Enota") == "Novo mesto"
    assert form.short_name("Enota", "Enota") == "Enota"
    centre = "Center za socialno delo Dolenjska in Bela krajina"
    assert form.short_name(centre, form.CENTRE_LABEL) == "Dolenjska in Bela krajina"


def test_pdf_keeps_contract_numbers_and_totals_whole_and_wraps_long_names(run_db, clock, tmp_path):
    from pypdf import PdfReader

    carer_id = get_record(run_db, "placements", run_db.ids["A"])["carer_id"]
    save_record(run_db, "carers", {"id": carer_id, "name": LONG_NAME})
    run = service.payment_run(run_db, OCT, clock)
    out = exports.write_pdf(run, tmp_path / "run.pdf", clock.today())
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    for line in run.paid_lines():
        assert line.contract in text
    lines = text.splitlines()
    assert fmt_amount(run.total) in text
    for line in run.paid_lines():  # every amount on one text line, none broken
        assert fmt_amount(line.total) in lines or any(fmt_amount(line.total) in x for x in lines)
    assert not [x for x in lines if re.fullmatch(r"\d{1,3}(\.\d{3})*,\d", x)]
    assert "Enota: Enota" not in text and "enota Enota" not in text
    # the long name wraps inside its cell: its words are there, split over lines
    assert LONG_NAME not in text and all(word in text for word in LONG_NAME.split())


def test_both_signatures_on_one_page(run_db, clock, tmp_path):
    from pypdf import PdfReader

    run = service.payment_run(run_db, OCT, clock)
    out = exports.write_pdf(run, tmp_path / "run.pdf", clock.today())
    pages = [p.extract_text() for p in PdfReader(out).pages]
    assert [("Pripravil/a" in p, "Odobril/a" in p) for p in pages if "/a:" in p] == [(True, True)]


def test_names_take_one_line_up_to_a_limit_and_the_reason_the_rest():
    short = form.column_widths([_row(reason="dodan znesek od 1. 12. 2026")], ["1,00"])
    long = form.column_widths([[LONG_NAME, *_row()[1:]]], ["1,00"])
    assert short[0] < long[0] <= form.NAME_MAX
    assert short[12] > long[12] >= form.TEXT_MIN[12] - 0.01


def test_a_wrapped_reason_never_splits_a_date():
    assert (
        form.keep_dates_whole("dodan znesek od 1. 11. 2026") == "dodan znesek od 1.\xa011.\xa02026"
    )
