"""The register PDF does not repeat a column's label in its cells (the heading says it)."""

from rejnistvo.register.export import pdf_cell_text


def test_centre_and_unit_cells_drop_the_repeated_label():
    assert pdf_cell_text("centre", "Center za socialno delo Ljubljana") == "Ljubljana"
    assert pdf_cell_text("unit", "Enota Ljubljana Moste-Polje") == "Ljubljana Moste-Polje"
    assert pdf_cell_text("unit", "Enota") == "Enota"
    assert pdf_cell_text("child", "Enota Novak") == "Enota Novak"
    assert pdf_cell_text("centre", "Zavod za rejništvo") == "Zavod za rejništvo"


def test_case_number_and_hyphenated_centre_are_not_cut_mid_word(tmp_path):
    # A four-digit case number split as "1220-2785/20 | 26" or a centre as "Primorsko-notran |
    # jska" is what a coordinator saw in the 20k demo's register; a hyphenated name may break
    # after its own hyphen, nothing may break inside a word.
    from dataclasses import replace
    from datetime import date

    from pypdf import PdfReader

    from rejnistvo.register.export import write_register
    from rejnistvo.register.rows import RegisterRow

    row = RegisterRow(
        seq=1,
        case_id=1,
        case_no="1220-2785/2026",
        centre="Center za socialno delo Primorsko-notranjska",
        unit="Enota Ilirska Bistrica",
        child="Žan Majcen",
        carer="Pia Medved",
        proposed_percent=50,
        received=date(2026, 10, 2),
        accepted=date(2026, 10, 9),
        commission_named=date(2026, 10, 11),
        members=("Mateja Štefanič", "Anja Kos", "Brina Golob"),
        decided=date(2026, 10, 20),
        outcome="increase",
        decided_percent=50,
        period_from=date(2027, 1, 1),
        period_to=date(2027, 12, 31),
        resolution_no="3-269/2026",
        returned=date(2026, 10, 28),
    )
    rows = [row, replace(row, seq=2, centre="Center za socialno delo Savinjsko-Šaleška")]
    path = write_register(rows, "pdf", tmp_path / "evidenca.pdf", subgroup=3, year=2026)
    lines = [line.strip() for line in PdfReader(path).pages[0].extract_text().splitlines()]
    text = "\n".join(lines)
    assert "1220-2785/2026" in text
    assert "3-269/2026" in text
    for hyphenated in ("Primorsko-notranjska", "Savinjsko-Šaleška"):
        whole_or_at_hyphen = hyphenated.replace("-", "-\n", 1)
        assert hyphenated in text or whole_or_at_hyphen in text, hyphenated


def test_a_date_inside_the_decision_is_not_broken_over_two_lines(tmp_path):
    from datetime import date

    from pypdf import PdfReader

    from rejnistvo.register.export import pdf_cell_text, write_register
    from rejnistvo.register.rows import RegisterRow

    assert pdf_cell_text("decision", "ZVIŠA za 50 % (1. 1. 2027 – 31. 12. 2027)") == (
        "ZVIŠA za 50 % (1.\u00a01.\u00a02027 – 31.\u00a012.\u00a02027)"
    )
    row = RegisterRow(
        seq=1,
        case_id=1,
        case_no="1220-1/2026",
        centre="Center za socialno delo Gorenjska",
        unit="Enota Kranj",
        child="Žan Majcen",
        carer="Pia Medved",
        proposed_percent=50,
        received=date(2026, 10, 2),
        accepted=date(2026, 10, 9),
        commission_named=date(2026, 10, 11),
        decided=date(2026, 10, 20),
        outcome="increase",
        decided_percent=50,
        period_from=date(2027, 1, 1),
        period_to=date(2027, 12, 31),
        resolution_no="3-269/2026",
    )
    path = write_register([row], "pdf", tmp_path / "evidenca.pdf", subgroup=3, year=2026)
    lines = [
        " ".join(line.split()) for line in PdfReader(path).pages[0].extract_text().splitlines()
    ]
    assert any("31. 12. 2027" in line for line in lines), lines
    assert not any(line.endswith("31.") for line in lines)


def test_each_member_on_a_line_of_their_own(tmp_path):
    from datetime import date

    from pypdf import PdfReader

    from rejnistvo.register.export import write_register
    from rejnistvo.register.rows import RegisterRow

    members = ("Blaž Kovačič", "Mateja Štefanič", "Brina Golob")
    row = RegisterRow(
        seq=1,
        case_id=1,
        case_no="1220-1/2026",
        centre="Center za socialno delo Gorenjska",
        unit="Enota Kranj",
        child="Žan Majcen",
        carer="Pia Medved",
        proposed_percent=50,
        received=date(2026, 10, 2),
        accepted=date(2026, 10, 9),
        commission_named=date(2026, 10, 11),
        members=members,
    )
    path = write_register([row], "pdf", tmp_path / "evidenca.pdf", subgroup=3, year=2026)
    lines = [
        " ".join(line.split()) for line in PdfReader(path).pages[0].extract_text().splitlines()
    ]
    for name in members:
        assert any(line.endswith(name) or line == name for line in lines), (name, lines)
