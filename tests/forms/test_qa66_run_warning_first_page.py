"""QA66: the payment run of March 2027 printed without the 2027 indexation entered said so
only under the total on its last page (24 of 24 at 300 placements); the payment sheet says
it before the figures. The run's PDF now says it on the first page as well, and still by
the signatures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO
from types import SimpleNamespace

from pypdf import PdfReader
from rejnistvo.forms.payment_run import render_payment_run

from rejnistvo.rules.payment_run import Amounts
from rejnistvo.rules.rates import Rate, RateTable, missing_indexations

MONTH = Amounts(board=Decimal("655.23"), fee=Decimal("472.42"), total=Decimal("1127.65"))


def _line(i: int) -> SimpleNamespace:
    return SimpleNamespace(
        carer=f"Marija Novak {i}", child="Luka Kovač", contract=f"RP-{i}/2026", kind="month",
        for_month=date(2027, 3, 1), days=31, factor="1", amounts=MONTH, reason="",
        settlement=None, centre="Center za socialno delo Gorenjska", unit="Enota Kranj",
        total=MONTH.total,
    )  # fmt: skip


class Run:
    month = date(2027, 3, 1)
    closed_on = None
    closed_by = None
    undone = Decimal("0.00")
    overpayments = Decimal("0.00")

    def __init__(self, paid: int, warnings: list[str]) -> None:
        self._paid = [_line(i) for i in range(paid)]
        self.total = MONTH.total * paid
        self.warnings = warnings

    def paid_lines(self) -> list[SimpleNamespace]:
        return self._paid

    def overpayment_lines(self) -> list[SimpleNamespace]:
        return []

    def undone_lines(self) -> list[SimpleNamespace]:
        return []


def test_a_missing_indexation_is_said_on_the_first_page_and_by_the_signatures() -> None:
    rates = RateTable([Rate(date(2026, 3, 1), Decimal("655.23"), Decimal("472.42"), "test 2026")])
    warnings = list(missing_indexations(rates, date(2027, 3, 1)))
    assert warnings and "1. 3. 2027" in warnings[0]
    data = render_payment_run(Run(120, warnings), date(2027, 3, 1))  # type: ignore[arg-type]
    pages = [page.extract_text() for page in PdfReader(BytesIO(data)).pages]
    assert len(pages) > 2
    first = " ".join(pages[0].split())
    assert "Opozorilo: Uskladitev zneskov od 1. 3. 2027 ni vnesena" in first
    assert first.index("Opozorilo") < first.index("Marija Novak 0")
    (signed,) = [page for page in pages if "Pripravil/a" in page]
    assert "Uskladitev zneskov od 1. 3. 2027" in " ".join(signed.split())


def test_a_run_without_warnings_prints_none() -> None:
    data = render_payment_run(Run(3, []), date(2027, 3, 1))  # type: ignore[arg-type]
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)
    assert "Opozorilo" not in text
