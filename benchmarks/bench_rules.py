"""Benchmark (not a test): a year of monthly payments for 20,000 placements with mixed
board increases and fee uplifts, in-process. Target on the reference machine: ≤ 2 s.

    python benchmarks/bench_rules.py [PLACEMENTS]
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rejnistvo.rules.months import Adjustment, month_payments, month_range  # noqa: E402
from rejnistvo.rules.periods import Period  # noqa: E402
from rejnistvo.rules.rates import Rate, RateTable  # noqa: E402

YEAR = month_range(date(2026, 1, 1), date(2026, 12, 1))
# The shipped row plus an indexed row from 1 March (rate changes at a month boundary)
# and one invented mid-month change, so every code path is exercised.
RATES = RateTable(
    [
        Rate(date(2025, 11, 1), Decimal("638.00"), Decimal("460.00"), "ZIRD"),
        Rate(date(2026, 3, 1), Decimal("655.23"), Decimal("472.42"), "indeks 2026"),
        Rate(date(2026, 9, 16), Decimal("660.00"), Decimal("480.00"), "izmišljeno"),
    ]
)


def make_cases(count: int, seed: int = 2026) -> list[dict]:
    rng = random.Random(seed)
    start = date(2025, 11, 1)
    cases = []
    for _ in range(count):
        begin = start + timedelta(days=rng.randrange(0, 400))
        end = None if rng.random() < 0.6 else begin + timedelta(days=rng.randrange(20, 500))
        placement = [Period(begin, end)]
        if end is not None and rng.random() < 0.3:  # an annex after a gap
            placement.append(Period(end + timedelta(days=rng.randrange(1, 40))))
        increases, uplifts = [], []
        if rng.random() < 0.4:
            s = begin + timedelta(days=rng.randrange(0, 200))
            increases.append(
                Adjustment(
                    rng.choice((25, 50)), Period(s, s + timedelta(days=rng.randrange(30, 240)))
                )
            )
        if rng.random() < 0.3:
            s = begin + timedelta(days=rng.randrange(0, 200))
            uplifts.append(
                Adjustment(
                    rng.choice((25, 50)),
                    Period(s, None if rng.random() < 0.5 else s + timedelta(days=365)),
                )
            )
        cases.append({"placement": placement, "board_increases": increases, "fee_uplifts": uplifts})
    return cases


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    cases = make_cases(count)
    started = time.perf_counter()
    months = 0
    total = Decimal("0.00")
    for case in cases:
        payments = month_payments(
            YEAR, case["placement"], RATES, case["board_increases"], case["fee_uplifts"]
        )
        months += len(payments)
        for payment in payments:
            total += payment.total
    elapsed = time.perf_counter() - started
    print(
        f"{count} placements × 12 months = {months} month payments in {elapsed:.3f} s "
        f"({elapsed / months * 1e6:.1f} µs per month); sum of totals {total} EUR"
    )


if __name__ == "__main__":
    main()
