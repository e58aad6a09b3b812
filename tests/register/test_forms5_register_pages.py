"""Each page of the register PDF says which of how many it is (»stran 2 od 3«), as every
printed form does, so a page missing from a bundle is noticed."""

from pypdf import PdfReader

from rejnistvo.register.export import write_register
from tests.register.test_forms5_register_fonts import _row


def test_every_page_names_its_number_and_the_count(tmp_path):
    rows = [_row(seq) for seq in range(1, 60)]
    path = write_register(rows, "pdf", tmp_path / "evidenca.pdf", subgroup=3, year=2026)
    pages = PdfReader(path).pages
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert f"stran {number} od {len(pages)}" in page.extract_text()


def test_the_register_says_it_is_slovenian_as_the_forms_do(tmp_path):
    # a screen reader or a PDF/A check reads the document's language from the catalogue
    path = write_register([_row(1)], "pdf", tmp_path / "evidenca.pdf", subgroup=3, year=2026)
    reader = PdfReader(path)
    assert reader.trailer["/Root"].get("/Lang") == "sl-SI"
    assert reader.metadata.title == "Evidenca obravnavanih primerov R-4 – podskupina 3, leto 2026"
