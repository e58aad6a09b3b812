"""QA55: a payment run with overpayments (a closed month corrected downwards) printed its
two signature lines, »Pripravil/a« and »Odobril/a«, alone on the last page whenever the
overpayments' table ended at a page's foot (7 of every 20 line counts): only a total or
a warning above them was kept with them, never a table. The table's last rows and its
total now go on with the signatures, under the repeated header; a short table goes on
whole with its heading, which never stays behind at a page's foot."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO
from types import SimpleNamespace

import pytest
from pypdf import PdfReader
from rejnistvo.forms.payment_run import render_payment_run

from rejnistvo.rules.payment_run import Amounts

MONTH = Amounts(
    board=Decimal("655.23"), fee=Decimal("472.42"), total=Decimal("1127.65")
)  # fmt: skip
OVER = Amounts(board=Decimal("-10.00"), total=Decimal("-10.00"))


def _line(kind: str, i: int, amounts: Amounts) -> SimpleNamespace:
    return SimpleNamespace(
        carer=f"Marija Novak {i}", child="Luka Kovač", contract=f"RP-{i}/2026", kind=kind,
        for_month=date(2026, 6, 1), days=30, factor="1", amounts=amounts, reason="",
        settlement=None, centre="Center za socialno delo Gorenjska", unit="Enota Kranj",
        total=amounts.total,
    )  # fmt: skip


class Run:
    """What the PDF reads of a run: lines of one unit and the overpayments."""

    month = date(2026, 12, 1)
    closed_on = None
    closed_by = None
    undone = Decimal("0.00")
    warnings: list[str] = []

    def __init__(self, paid: int, over: int) -> None:
        self._paid = [_line("month", i, MONTH) for i in range(paid)]
        self._over = [_line("overpayment", i, OVER) for i in range(over)]
        self.total = sum((line.total for line in self._paid), Decimal("0.00"))
        self.overpayments = Decimal("10.00") * over

    def paid_lines(self) -> list[SimpleNamespace]:
        return self._paid

    def overpayment_lines(self) -> list[SimpleNamespace]:
        return self._over

    def undone_lines(self) -> list[SimpleNamespace]:
        return []


@pytest.mark.parametrize("over", [1, 3, 40])
def test_signatures_go_with_the_end_of_the_overpayments(over: int) -> None:
    for paid in range(3, 15):  # (the signatures were alone for 5-13 lines)
        data = render_payment_run(Run(paid, over), date(2026, 12, 5))  # type: ignore[arg-type]
        pages = [page.extract_text() for page in PdfReader(BytesIO(data)).pages]
        (signed,) = [page for page in pages if "Pripravil/a" in page]
        assert "Odobril/a" in signed and "Skupaj preplačila" in signed, (paid, signed[:200])
        assert "Marija Novak" in signed.split("Skupaj preplačila")[0], (paid, signed[:200])
        heading = "Preplačila (niso odšteta od izplačila"
        (headed,) = [page for page in pages if heading in page]
        assert "RP-0/2026" in headed.split(heading)[1], (paid, "heading alone at the foot")
