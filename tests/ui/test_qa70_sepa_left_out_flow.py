"""Izplačila → Izvozi SEPA: one carer without an IBAN refused the whole bank file (»rejniki
brez veljavnega IBAN: …«), so nobody was paid (QA70). The export now names who is left
out and asks; the file pays the others; once the IBAN is entered the next export offers
a file of only those left out, and a third offers nothing new but the whole file again
(Enter is »Ne«: it would pay twice)."""

from __future__ import annotations

import re
from datetime import date

from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from test_ui_payments import choose, view  # noqa: F401 (fixtures)

from rejnistvo.store import save_record
from rejnistvo.store.audit_browse import recent_audit_rows
from rejnistvo.ui.views.payments_actions import export_run

OCT = date(2026, 10, 1)
MARIJA = "SI56191000000123438"
ZALA = "SI56020100012345641"


def _accounts(path) -> list[str]:
    xml = path.read_text("utf-8")
    return re.findall(r"<CdtrAcct>\s*<Id>\s*<IBAN>([A-Z0-9]+)</IBAN>", xml)


def _add_zala(db) -> int:
    ids = db.b_ids
    unit = db.execute("SELECT id FROM units").fetchone()[0]
    carer = save_record(
        db, "carers", {"name": "Zala Brez", "centre_id": ids["centre"], "unit_id": unit}
    )
    child = save_record(db, "children", {"name": "Tim Otrok", "centre_id": ids["centre"]})
    save_record(
        db,
        "placements",
        {
            "contract_no": "RP-2/2025",
            "carer_id": carer,
            "child_id": child,
            "carer_centre_id": ids["centre"],
            "child_centre_id": ids["centre"],
            "part_time": False,
            "periods": [
                {"kind": "contract", "document_no": "RP-2/2025", "from_date": date(2025, 6, 1)}
            ],
        },
    )
    return carer


def test_left_out_named_then_a_file_of_only_them(qtbot, view, tmp_path):  # noqa: F811
    zala = _add_zala(view.ctx.db)
    choose(qtbot, view, OCT)
    said: list[str] = []
    view.ctx.bus.status_message.connect(said.append)
    asked = view.ctx.interaction.asked

    # 1. the month is open (asked), Zala is left out (asked, by name and amount), saved
    view.ctx.interaction.answers.extend([True, True, str(tmp_path / "1.xml")])
    assert export_run(view, "sepa"), view.ctx.interaction.errors
    question = next(text for kind, title, text in asked if title == "Rejniki brez IBAN")
    assert "Zala Brez, pogodba RP-2/2025: 1.098,00 € (ni IBAN)" in question
    assert "V datoteki ne bo rejnikov brez veljavnega IBAN: 1 rejnik, skupaj 1.098,00 €" in question
    assert question.endswith("Izvozim datoteko brez njih?")
    assert _accounts(tmp_path / "1.xml") == [MARIJA]
    assert "Izpuščeni brez veljavnega IBAN: 1 rejnik, skupaj 1.098,00 €." in said[-1]
    # the change log names the file and whom it left out
    logged = recent_audit_rows(view.ctx.db, limit=1)[0][0]
    assert (logged["table_name"], logged["action"]) == ("sepa_files", "insert")
    assert logged["after"]["left_out"] == ["Zala Brez, RP-2/2025: 1.098,00 EUR (ni IBAN)"]
    assert logged["after"]["sepa_total"] == "1.098,00 EUR"

    # 2. Zala's IBAN entered: the export offers only those left out; nobody else again
    save_record(view.ctx.db, "carers", {"id": zala, "iban": ZALA})
    choose(qtbot, view, OCT)
    asked.clear()
    view.ctx.interaction.answers.extend([True, True, str(tmp_path / "2.xml")])
    assert export_run(view, "sepa"), view.ctx.interaction.errors
    titles = [title for kind, title, _ in asked if kind == "confirm"]
    assert titles == ["Mesec ni zaključen", "Datoteka SEPA že izvožena"]
    offer = [text for kind, title, text in asked if title == "Datoteka SEPA že izvožena"][0]
    assert "Za oktober 2026 je datoteka SEPA že izvožena:\n– datoteka " in offer
    assert "1 nakazilo, 1.098,00 €" in offer
    assert offer.endswith("(samo izpuščeni): 1 nakazilo, skupaj 1.098,00 €?")
    assert _accounts(tmp_path / "2.xml") == [ZALA]
    # the suggested name is not the first file's (it would have been replaced)
    suggested = [text for kind, _title, text in asked if kind == "save_path"][0]
    assert suggested.endswith("izplačilo rejnin 2026-10 SEPA dodatna.xml")

    # 3. nothing new: only the whole file again is offered, Enter (Ne) makes nothing
    asked.clear()
    view.ctx.interaction.risky.clear()
    view.ctx.interaction.answers.extend([True, False])
    assert export_run(view, "sepa") is False
    offer = [text for kind, title, text in asked if title == "Datoteka SEPA že izvožena"]
    assert len(offer) == 1 and "Vsi rejniki z veljavnim IBAN so že v datoteki" in offer[0]
    assert "plačani dvakrat" in offer[0]
    assert "Datoteka SEPA že izvožena" in view.ctx.interaction.risky
    assert not any(kind == "save_path" for kind, *_ in asked)
