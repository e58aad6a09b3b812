"""Each page of the register PDF says which of how many it is (»Stran 2 od 3«), as every
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
        assert f"Stran {number} od {len(pages)}" in page.extract_text()
