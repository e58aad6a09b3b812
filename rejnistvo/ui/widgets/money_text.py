"""Amounts in a service's sentence as the screens write them: »638,00 €«.

The services' and the CLI's Slovenian sentences say »638,00 EUR« (SPEC 6 and the
printed documents); every screen of the window writes the euro sign after an amount, so a
sentence shown on a screen (e.g. the stale-rate warning of SPEC 3.1) says it the same way.
"""

from __future__ import annotations

import re

#: an amount as ``format_amount`` writes it (…0,00), then the currency code
_AMOUNT_EUR = re.compile(r"(\d,\d\d) EUR\b")


def on_screen(text: str) -> str:
    """``text`` with »EUR« after each amount written as »€«."""
    return _AMOUNT_EUR.sub("\\1 €", text)
