"""Each line's place in a run: by centre, unit, carer (surname; Slovenian order),
contract, kind and month (``_order``); ``Order`` sorts a computed run by ints."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TypeVar

from rejnistvo.rules.payment_run import ARREARS, MONTH, ONE_OFF, OVERPAYMENT, UNDONE
from rejnistvo.rules.text import sort_fold, surname_sort_keys
from rejnistvo.services.payment_run.lines import RunLine
from rejnistvo.store.ledger import PlacementSource

KIND_ORDER = {MONTH: 0, ONE_OFF: 1, ARREARS: 2, OVERPAYMENT: 3, UNDONE: 4}


class Order:
    """Each line's place in the run (``_order``) as an int: the line's ``_order`` up to
    the kind is the same string for every line of a placement, so it is made once a
    placement and numbered; at the end the distinct strings are sorted once and each
    line's key is (rank of its string, kind, month) in one int. The ints sort as the
    strings would (the string part ends in NUL, which no name holds, so it decides
    whenever it differs), ties keep the order the lines were made in, as before, and
    270,000 ints sort several times quicker than 270,000 strings."""

    __slots__ = ("prefixes", "keys")

    def __init__(self) -> None:
        self.prefixes: dict[str, int] = {}
        self.keys: list[int] = []

    def prefix(self, text: str) -> int:
        """The key of a line whose ``_order`` up to the kind is `text`, before its kind
        and month are added (``key``)."""
        number = self.prefixes.get(text)
        if number is None:
            number = self.prefixes[text] = len(self.prefixes)
        return number << _PREFIX_SHIFT

    @staticmethod
    def key(prefix: int, kind: str, month: date) -> int:
        return prefix + KIND_ORDER[kind] * MONTHS_KEY + month.year * 12 + month.month

    def add_line(self, line: RunLine) -> None:
        self.keys.append(self.key(self.prefix(order_of_line(line)), line.kind, line.for_month))

    def sorted(self, lines: list[_Sorted]) -> list[_Sorted]:
        ranks = [0] * len(self.prefixes)
        for rank, (_, number) in enumerate(sorted(self.prefixes.items())):
            ranks[number] = rank
        # a key is (number << _PREFIX_SHIFT) | (kind and month): the number becomes its rank
        low = (1 << _PREFIX_SHIFT) - 1
        keys = [ranks[k >> _PREFIX_SHIFT] << _PREFIX_SHIFT | k & low for k in self.keys]
        order = sorted(range(len(lines)), key=keys.__getitem__)  # stable, as lines.sort
        return [lines[i] for i in order]


_Sorted = TypeVar("_Sorted")

MONTHS_KEY = 1 << 17  # above year × 12 + month of any year up to 9999 (120,000)
_PREFIX_SHIFT = 20  # above the kind (0-4) × MONTHS_KEY


def _order(line: RunLine) -> str:
    """The line's place in the run: by centre, unit, carer (surname, Slovenian), contract,
    kind and month. One string (parts joined by NUL, which no name holds) sorts as the
    tuple of its parts would. A run sorts by ``Order``'s ints, in the same order."""
    return f"{order_of_line(line)}{KIND_ORDER[line.kind]}{line.for_month.isoformat()}"


def _order_prefix(centre: str, unit: str, carer: str, contract: str) -> str:
    """``_order`` up to the kind: centres, units and carers (by surname) in Slovenian
    order, as the screens' lists (Čeh under C, before Novak; »Enota Škofja Loka« before
    »Enota Tržič«; by code point č, š, ž came after z)."""
    return f"{_name_key(centre)}\0{_name_key(unit)}\0{_carer_key(carer)}\0{contract}\0"


@cache  # a few dozen centres and units, named on every line
def _name_key(name: str) -> str:
    return sort_fold(name)


@cache  # a few thousand carers, each named on many lines: folded once a name
def _carer_key(carer: str) -> str:
    return surname_sort_keys([carer])[0]


def order_of_line(line: RunLine) -> str:
    return _order_prefix(line.centre, line.unit, line.carer, line.contract)


def order_of(src: PlacementSource) -> str:
    """``_order`` up to the kind, for every line of `src` (a line copies these names):
    made once a placement, not once a line (after a backdated rate: 18,000, not 270,000)."""
    return _order_prefix(src.centre_name, src.unit_name, src.carer_name, src.contract_no)
