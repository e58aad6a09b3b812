"""What the payment run shares to be quick at 270,000 lines (SPEC 3.6, last bullet) gives
the same results as making everything once a line: the int order keys sort as the
``_order`` strings, grouped basis reads are the per-line texts, shared differences are
today's payment minus what was paid."""

import random
from datetime import date

from _payment_fixtures import D, add_placement

from rejnistvo.rules.months import month_payment
from rejnistvo.rules.payment_run import ARREARS, MONTH, ONE_OFF, OVERPAYMENT, Amounts, amounts_of
from rejnistvo.services import payment_run as service
from rejnistvo.services import rates as rate_service
from rejnistvo.services.payment_run import order as order_of_run
from rejnistvo.services.rates import rate_table
from rejnistvo.store import ledger

SEP, OCT, NOV = D("2026-09-01"), D("2026-10-01"), D("2026-11-01")

# Names where one is the start of another, differ only in case, carry č/š/ž, or are empty:
# the cases where joining parts into one string could sort otherwise than the parts.
NAMES = ["", "A", "a", "A B", "AB", "Ab", "Č", "Ca", "Če", "Z", "ž", "Ana", "Ana-Marija"]


def _line(rng: random.Random) -> service.RunLine:
    return service.RunLine(
        rng.choice([MONTH, ONE_OFF, ARREARS, OVERPAYMENT]),
        date(rng.choice([2025, 2026, 2027]), rng.randint(1, 12), 1),
        rng.randint(1, 5), None,
        rng.choice(NAMES), "otrok", rng.choice(["1", "10", "2", "", "1/2026"]), None,
        None, rng.choice(NAMES), None, rng.choice(NAMES),
        0, "1", Amounts(), "", None,
    )  # fmt: skip


def test_int_order_keys_sort_the_lines_as_their_order_strings_ties_in_made_order():
    rng = random.Random(36)
    for _ in range(200):
        lines = [_line(rng) for _ in range(rng.randint(1, 60))]
        order = order_of_run.Order()
        for line in lines:
            order.add_line(line)
        # sorted() is stable: equal strings keep the order the lines were made in
        assert list(order.sorted(lines)) == sorted(lines, key=order_of_run._order)
        assert [id(x) for x in order.sorted(lines)] == [
            id(x) for x in sorted(lines, key=order_of_run._order)
        ]


def test_a_month_key_is_the_same_for_the_placement_and_its_lines():
    order = order_of_run.Order()
    line = _line(random.Random(1))
    prefix = order.prefix(order_of_run.order_of_line(line))
    assert order.prefix(order_of_run.order_of_line(line)) == prefix  # numbered once
    assert order.key(prefix, line.kind, line.for_month) > prefix


def test_each_lines_basis_is_stored_once_and_read_by_its_id(run_db, clock):
    for month in (SEP, OCT):
        service.close_month(run_db, month, clock)
    rows = run_db.execute(
        "SELECT l.id, l.basis_id, b.text FROM payment_lines l "
        "LEFT JOIN payment_bases b ON b.id = l.basis_id ORDER BY l.id"
    ).fetchall()
    assert all(text for _, _, text in rows)  # every line has its basis, stored once
    ids = [basis_id for _, basis_id, _ in rows]
    read = ledger.basis_texts(run_db, ids + ids[:1])  # an id twice: once
    assert {line: read[basis_id] for line, basis_id, _ in rows} == {
        line: text for line, _, text in rows
    }
    assert len(read) == len(set(ids)) < len(rows)  # the lines share their bases
    assert ledger.basis_texts(run_db, []) == {}


def test_differences_are_today_minus_paid_and_alike_ones_are_one_object(run_db, clock):
    twin = add_placement(run_db, "D", "2026-01-01", None, 0, None)  # as A: the same months
    for month in (SEP, OCT):
        service.close_month(run_db, month, clock)
    rate_service.add_rate(run_db, "2026-03-01", "655.23", "472.42", "test: 2026")
    run = service.payment_run(run_db, NOV, clock)
    paid = ledger.paid_months(run_db, NOV)
    table = rate_table(run_db)
    sources = {s.placement_id: s for s in ledger.placement_sources(run_db, SEP, D("2026-11-30"))}
    arrears = [line for line in run.lines if line.kind in (ARREARS, OVERPAYMENT)]
    assert len(arrears) >= 4
    for line in arrears:
        inputs = sources[line.placement_id].inputs
        today = month_payment(
            line.for_month, inputs.placement, table, inputs.increases, inputs.uplifts
        )
        figures, _, _ = paid[line.placement_id, line.for_month]
        assert line.amounts == amounts_of(today) - ledger.paid_amounts(figures)
    mine = {(x.placement_id, x.for_month): x.amounts for x in arrears}
    a = run_db.ids["A"]
    assert all(mine[twin, month] is mine[a, month] for month in (SEP, OCT))
