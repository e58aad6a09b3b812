"""The register PDF does not repeat a column's label in its cells (the heading says it)."""

from rejnistvo.register.export import pdf_cell_text


def test_centre_and_unit_cells_drop_the_repeated_label():
    assert pdf_cell_text("centre", "Center za socialno delo Ljubljana") == "Ljubljana"
    assert pdf_cell_text("unit", "Enota Ljubljana Moste-Polje") == "Ljubljana Moste-Polje"
    assert pdf_cell_text("unit", "Enota") == "Enota"
    assert pdf_cell_text("child", "Enota Novak") == "Enota Novak"
    assert pdf_cell_text("centre", "Zavod za rejništvo") == "Zavod za rejništvo"
