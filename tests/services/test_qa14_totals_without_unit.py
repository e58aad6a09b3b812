"""QA14: a carer kept by a centre without a unit (Enota left »—«, as on a new database)
is totalled under »… – (brez enote)«, as the PDF says; the XLSX and the screen showed
»Center za socialno delo Gorenjska – « with nothing after the dash."""

from _payment_fixtures import D

from rejnistvo.services import payment_run as service
from rejnistvo.store import save_record

SEP = D("2026-09-01")


def test_unit_totals_name_a_missing_unit(run_db, clock):
    for table in ("carers", "children"):
        first = run_db.execute(f"SELECT id FROM {table} ORDER BY id LIMIT 1").fetchone()[0]
        save_record(run_db, table, {"id": first, "unit_id": None})
    run = service.payment_run(run_db, SEP, clock)
    names = [name for name, _ in run.totals_by("unit")]
    assert any(name.endswith(" – (brez enote)") for name in names), names
    assert not any(name.endswith(" – ") for name in names)
