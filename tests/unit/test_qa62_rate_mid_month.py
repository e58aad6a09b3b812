"""QA62: `rates --add` (and Nastavitve → Zneski rejnine) took only the first of a month,
while SPEC 3.2 pays each day with the amount in force on it and `calc` already took a row
from any day: a change by law from, say, 16 September could not be entered. A row may now
start on any day; every calculation pays that month day by day — `calc --db`, the payment
run and its arrears (recomputable with `calc`), R-5's received money — and the Izračun
explanation says which amounts held from which day."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from _one_placement import IBAN, add_one_placement

from rejnistvo.cli import main
from rejnistvo.rules.errors import InputError
from rejnistvo.services import rates as service
from rejnistvo.store import open_db

ROW = ["--board", "700,00", "--fee", "500,00", "--source", "Zakon, Ur. l. RS"]


@pytest.fixture
def db_path(tmp_path, own_rates):
    path = tmp_path / "mid.sqlite3"
    with open_db(path) as db:
        own_rates(db)  # 638.00 / 460.00 from 1. 11. 2025
        add_one_placement(db)
        db.table("settings").upsert({"key": "centre_iban", "value": IBAN}, pk="key")
    return path


def _json(capsys, argv):
    assert main(argv) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_a_row_from_the_16th_is_added_and_the_month_is_paid_day_by_day(
    db_path, capsys, monkeypatch
):
    db = str(db_path)
    # September closed with the old amounts, then a change by law from 16 September
    run = _json(capsys, ["run", "--db", db, "--month", "2026-09", "--close"])
    assert run["total"] == "1098.00"
    row = _json(capsys, ["rates", "--db", db, "--add", "--from", "2026-09-16", *ROW])
    assert row["valid_from"] == "2026-09-16"
    # 15 days of 638.00 and 15 of 700.00 (September has 30): board 669.00, fee 480.00
    answer = _json(capsys, ["run", "--db", db, "--month", "2026-10"])
    (arrears,) = [line for line in answer["lines"] if line["kind"] == "arrears"]
    assert arrears["for_month"] == "2026-09" and "dodan znesek od 16. 9. 2026" in arrears["reason"]
    assert (arrears["board"], arrears["fee"], arrears["total"]) == ("31.00", "20.00", "51.00")
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(arrears["inputs"])))
    today = _json(capsys, ["calc"])
    assert (today["board"], today["fee"]) == ("669.00", "480.00")
    (october,) = [line for line in answer["lines"] if line["kind"] == "month"]
    assert (october["board"], october["fee"]) == ("700.00", "500.00")
    assert not any("16. 9. 2026" in w for w in answer["warnings"])  # no stale row said


def test_the_services_take_any_day_and_say_what_it_means(db_path):
    with open_db(db_path) as db:
        row = service.add_rate(db, "2026-09-16", "700.00", "500.00", "zakon")
        assert row.valid_from == date(2026, 9, 16)
        corrected = service.correct_rate(
            db, row.id, row.version, "2026-09-17", "700.00", "500.00", "zakon"
        )
        assert corrected.valid_from == date(2026, 9, 17)
        proposal = service.propose_indexation(db, "2027-03-02", "2,7")
        assert proposal.old_rate.valid_from == date(2026, 9, 17)
        with pytest.raises(InputError) as caught:  # one row a day, as before
            service.add_rate(db, "2026-09-17", "1.00", "1.00", "x")
        assert caught.value.field == "valid_from"
    assert service.mid_month_note(date(2026, 9, 1)) is None
    assert service.mid_month_note(date(2026, 9, 16)) == (
        "Zneski ne veljajo od prvega dne v mesecu: mesec september 2026 se izračuna po "
        "dnevih — do 15. 9. 2026 s prejšnjimi zneski, od 16. 9. 2026 z novimi."
    )


def test_received_board_increase_of_the_month_counts_each_days_amount(db_path, capsys):
    db = str(db_path)
    _json(capsys, ["rates", "--db", db, "--add", "--from", "2026-09-16", *ROW])
    request = {
        "increase": {"percent": 50, "from": "2026-09-01", "to": "2026-09-30"},
        "placement": [{"from": "2026-01-01", "to": None}],
        "call_date": "2026-10-05", "unjustified": "all", "method": "lump_sum",
    }  # fmt: skip
    path = db_path.with_name("refund.json")
    path.write_text(json.dumps(request), encoding="utf-8")
    answer = _json(capsys, ["refund", "--db", db, "--input", str(path)])
    # 50 % of (15 × 638 + 15 × 700) / 30 = 334.50
    assert answer["months"] == [{"month": "2026-09", "increase": "334.50"}]


def test_izracun_explains_the_amounts_from_their_days():
    from rejnistvo.rules.months import month_payments
    from rejnistvo.rules.periods import Period
    from rejnistvo.rules.rates import Rate, RateTable
    from rejnistvo.ui.widgets.payment_table import explain_month

    table = RateTable(
        [
            Rate(date(2025, 11, 1), Decimal("638.00"), Decimal("460.00"), "ZIRD"),
            Rate(date(2026, 9, 16), Decimal("700.00"), Decimal("500.00"), "Zakon"),
        ]
    )
    (september,) = month_payments([date(2026, 9, 1)], [Period(date(2026, 1, 1))], table)
    text = explain_month(september, lambda s: s)
    assert "Od 1. 9. 2026: polna mesečna oskrbnina 638,00 € in plačilo dela 460,00 €" in text
    assert "Od 16. 9. 2026: polna mesečna oskrbnina 700,00 € in plačilo dela 500,00 €" in text
    assert "vsak dan šteje z zneskom, ki velja tisti dan" in text
    assert "= 669,00 €" in text
    (october,) = month_payments([date(2026, 10, 1)], [Period(date(2026, 1, 1))], table)
    assert explain_month(october, lambda s: s).startswith("Polna mesečna oskrbnina 700,00 €")


def test_the_source_column_names_both_rows_of_the_month():
    from rejnistvo.rules.months import month_payments
    from rejnistvo.rules.periods import Period
    from rejnistvo.rules.rates import Rate, RateTable
    from rejnistvo.ui.widgets.payment_table import month_sources, short_sources

    indexed = "Uskladitev s 1. 3. 2026 za 2,7 % (ZUTPG): znesek × 1,027; preverite ga"
    table = RateTable(
        [
            Rate(date(2026, 3, 1), Decimal("655.23"), Decimal("472.42"), indexed),
            Rate(date(2026, 9, 16), Decimal("700.00"), Decimal("500.00"), "Zakon"),
        ]
    )
    (september,) = month_payments([date(2026, 9, 1)], [Period(date(2026, 1, 1))], table)
    assert month_sources(september) == f"{indexed}\nZakon"  # the tooltip, whole
    assert short_sources(month_sources(september)) == "Uskladitev s 1. 3. 2026 za 2,7 %; Zakon"
