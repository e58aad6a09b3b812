"""Where a command-line user adds a missing amount (SPEC 3.1: the message says where).

The rules and the services end such a message with the window's place (``WHERE_TO_ADD``,
Nastavitve → Zneski rejnine); a command reading a database names its own command beside
it. The CLI rewrites that one sentence it knows, so no command-line words reach rules/ or
services/ and the window's wording stays as it is."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from rejnistvo.rules.errors import MissingRateError
from rejnistvo.rules.rates import WHERE_TO_ADD

#: a database's rate table: its window's settings, or the `rates` command
WHERE_TO_ADD_WITH_DB = f"{WHERE_TO_ADD[:-1]} ali z ukazom »rates --db ZBIRKA --add«."


@contextmanager
def rate_advice(advice: str = WHERE_TO_ADD_WITH_DB) -> Iterator[None]:
    """A missing rate refused with the advice that fits how the rates were given."""
    try:
        yield
    except MissingRateError as error:
        # only the program's own advice is replaced (a birth grant's has its own words)
        if error.advice != WHERE_TO_ADD:
            raise
        raise error.with_advice(advice) from None


def with_command_advice(warnings: Iterable[str]) -> tuple[str, ...]:
    """Warnings (a missing indexation's) whose closing sentence is the window's place to
    add the amounts, with the database's command named beside it (as ``rate_advice``)."""
    cut = len(WHERE_TO_ADD)
    return tuple(
        f"{warning[:-cut]}{WHERE_TO_ADD_WITH_DB}" if warning.endswith(WHERE_TO_ADD) else warning
        for warning in warnings
    )
