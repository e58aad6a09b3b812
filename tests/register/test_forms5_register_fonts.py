"""The register PDF declares only fonts it embeds (SPEC 4: fonts embedded so that č, š, ž
print everywhere); a declared but absent Helvetica is left to the printer to substitute."""

from datetime import date

import pytest
from pypdf import PdfReader

from rejnistvo.register.export import write_register
from rejnistvo.register.rows import RegisterRow


def _row(seq: int) -> RegisterRow:
    return RegisterRow(
        seq=seq,
        case_id=seq,
        case_no=f"1220-{seq}/2026",
        centre="Center za socialno delo Gorenjska",
        unit="Enota Kranj",
        child="Žan Čebašek",
        carer="Špela Žagar",
        proposed_percent=25,
        received=date(2026, 10, 2),
        accepted=None,
        commission_named=None,
    )


@pytest.mark.parametrize("count", [0, 59])  # "Ni primerov."; more than one page
def test_every_font_of_every_page_is_embedded(tmp_path, count):
    rows = [_row(seq) for seq in range(1, count + 1)]
    path = write_register(rows, "pdf", tmp_path / "evidenca.pdf", subgroup=3, year=2026)
    reader = PdfReader(path)
    assert len(reader.pages) > (1 if count else 0)
    for number, page in enumerate(reader.pages, start=1):
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None, (number, str(font["/BaseFont"]))
            assert "/FontFile2" in descriptor.get_object(), (number, str(font["/BaseFont"]))
