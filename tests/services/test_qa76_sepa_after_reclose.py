"""A month reopened and closed again after its bank file was made (QA76): the close
writes the new amounts into the ledger, so the next month's arrears (poračun) see no
difference — but the bank paid the first file's amounts. The supplementary file skipped
every carer the first file had paid, so a carer whose month grew was never paid the
difference, and one whose month shrank kept the overpayment without a word, although
the reopening question promised »uredite s poračunom«.

The supplementary file now pays the difference of a grown transfer (what the month pays
now less what the month's files paid), and names the transfers the files paid more than
the month pays now, so the clerk can settle them."""

import re
from decimal import Decimal

from _payment_fixtures import D

from rejnistvo.services import payment_run as service
from rejnistvo.services import payment_sepa
from rejnistvo.store import get_record, save_record

SEP = D("2026-09-01")


def _set_period(db, placement, start, end):
    period = db.execute(
        "SELECT id FROM placement_periods WHERE placement_id = ?", [placement]
    ).fetchone()[0]
    record = get_record(db, "placements", placement)
    save_record(
        db,
        "placements",
        {"id": placement, "version": record["version"], "periods": [
            {"id": period, "kind": "contract", "document_no": record["contract_no"],
             "from_date": start, "to_date": end}
        ]},
    )  # fmt: skip


def _amounts(xml: str) -> list[str]:
    return re.findall(r"<InstdAmt Ccy=\"EUR\">([0-9.]+)</InstdAmt>", xml)


def test_a_reclosed_month_pays_the_difference_and_names_what_was_paid_more(run_db, clock, tmp_path):
    closed = service.close_month(run_db, SEP, clock)
    first = payment_sepa.sepa_plan(run_db, closed)
    payment_sepa.write_sepa_file(run_db, closed, first, tmp_path / "1.xml", clock.today(), clock)
    paid = {contract: amount for _id, _name, contract, amount in first.paid}

    # reopened: B was placed from 1 September (paid from the 10th), A left on the 15th
    service.reopen_month(run_db, SEP, "Napačen začetek namestitve B", clock)
    _set_period(run_db, run_db.ids["B"], "2026-09-01", None)
    _set_period(run_db, run_db.ids["A"], "2026-01-01", "2026-09-15")
    again = service.close_month(run_db, SEP, clock)
    now = {}
    for line in again.paid_lines():
        now[line.contract] = now.get(line.contract, Decimal("0.00")) + line.total
    assert now["1220-B/2026"] > paid["1220-B/2026"]
    assert now["1220-A/2026"] < paid["1220-A/2026"]

    extra = payment_sepa.sepa_plan(run_db, again, only_left_out=True)
    grown = now["1220-B/2026"] - paid["1220-B/2026"]
    assert [(contract, amount) for _id, _name, contract, amount in extra.paid] == [
        ("1220-B/2026", grown)
    ]
    assert [(x.contract, x.paid, x.now) for x in extra.paid_more] == [
        ("1220-A/2026", paid["1220-A/2026"], now["1220-A/2026"])
    ]
    question = payment_sepa.plan_question(extra)
    assert "razlika" in question and "Rejnica B" in question
    assert "Rejnica A" in question and "preveč" in question
    xml = payment_sepa.write_sepa_file(
        run_db, again, extra, tmp_path / "2.xml", clock.today(), clock
    ).read_text()
    assert _amounts(xml) == [f"{grown:.2f}"]

    # paid once: nothing more for B, A is still named
    last = payment_sepa.sepa_plan(run_db, again, only_left_out=True)
    assert not last.transfers
    assert [x.contract for x in last.paid_more] == ["1220-A/2026"]


def test_an_unchanged_reclosed_month_offers_nothing_new(run_db, clock, tmp_path):
    closed = service.close_month(run_db, SEP, clock)
    first = payment_sepa.sepa_plan(run_db, closed)
    payment_sepa.write_sepa_file(run_db, closed, first, tmp_path / "1.xml", clock.today(), clock)
    service.reopen_month(run_db, SEP, "Preverjanje zneskov", clock)
    again = service.close_month(run_db, SEP, clock)
    extra = payment_sepa.sepa_plan(run_db, again, only_left_out=True)
    assert not extra.transfers and not extra.paid_more
    assert len(extra.in_earlier) == len(first.transfers)


def test_a_late_rate_grows_every_transfer_and_the_question_counts_the_rest(
    run_db, clock, tmp_path, monkeypatch
):
    from rejnistvo.services import rates as rate_service

    closed = service.close_month(run_db, SEP, clock)
    first = payment_sepa.sepa_plan(run_db, closed)
    payment_sepa.write_sepa_file(run_db, closed, first, tmp_path / "1.xml", clock.today(), clock)
    service.reopen_month(run_db, SEP, "Uskladitev vnesena pozno", clock)
    rate_service.add_rate(run_db, "2026-09-01", "700.00", "500.00", "test: višji znesek")
    again = service.close_month(run_db, SEP, clock)
    extra = payment_sepa.sepa_plan(run_db, again, only_left_out=True)
    assert len(extra.transfers) == len(first.transfers) == 3
    monkeypatch.setattr(payment_sepa, "NAMED_LEFT_OUT", 1)
    text = payment_sepa.differences_text(extra)
    assert text.count(": razlika ") == 1 and text.endswith("… in še 2.")
