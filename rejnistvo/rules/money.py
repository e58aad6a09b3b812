"""Money: `Decimal` only, rounded to cents half-up (SPEC 3)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from rejnistvo.rules.errors import InputError

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# Far above any payment; keeps Decimal arithmetic well inside its 28-digit context.
MAX_AMOUNT = Decimal("1000000000")


def round2(value: Decimal | Fraction | int) -> Decimal:
    """Round to cents, half-up (SPEC 3: every printed or stored amount)."""
    if isinstance(value, Fraction):
        return cents_to_decimal(round_half_up(value * 100))
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"round2 takes Decimal, Fraction or int, not {type(value).__name__}")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def round_half_up(value: Fraction) -> int:
    """Nearest integer, halves away from zero (ROUND_HALF_UP), computed exactly."""
    n, d = value.numerator, value.denominator  # d > 0 always
    if n >= 0:
        return (2 * n + d) // (2 * d)
    return -((-2 * n + d) // (2 * d))


def cents_to_decimal(cents: int) -> Decimal:
    """Integer cents → Decimal with exactly two decimals."""
    return Decimal(cents).scaleb(-2)


def to_cents(amount: Decimal) -> int:
    """A Decimal with at most two decimals → integer cents (exact)."""
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"{amount} has more than two decimals")
    return int(cents)


def parse_amount(value: object, field: str) -> Decimal:
    """An amount typed or read from JSON: str, int or Decimal; never float, never
    negative, at most two decimals. Returns a Decimal with exactly two decimals."""
    allowed = "Dovoljen je nenegativen znesek v evrih z največ dvema decimalkama, npr. »120.00«."
    if isinstance(value, bool) or value is None:
        raise InputError(field, f"manjka znesek. {allowed}")
    if isinstance(value, float):
        # A float has already lost cents on the way in; refuse rather than guess.
        raise InputError(
            field, f"znesek ne sme biti decimalno število s plavajočo vejico. {allowed}"
        )
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, Decimal):
        amount = value
    elif isinstance(value, str):
        text = value.strip()
        if not text or any(c not in "0123456789.-+" for c in text):
            raise InputError(field, f"»{value}« ni znesek. {allowed}")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise InputError(field, f"»{value}« ni znesek. {allowed}") from None
    else:
        raise InputError(field, f"pričakovan je znesek. {allowed}")
    if not amount.is_finite():
        raise InputError(field, f"»{value}« ni znesek. {allowed}")
    if amount < 0:
        raise InputError(field, f"znesek ne sme biti negativen. {allowed}")
    if amount > MAX_AMOUNT:
        raise InputError(field, f"znesek je nesmiselno velik. {allowed}")
    if amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise InputError(field, f"znesek ima več kot dve decimalki. {allowed}")
    # "-0" is no debt: without this the answer said "-0.00" (a refund of »-0,00 EUR«)
    return amount.quantize(CENT) if amount else ZERO


def parse_json_amount(value: object, field: str) -> Decimal:
    """An amount in a JSON request: a string, as SPEC 6 writes every amount (`"805.20"`).
    A JSON number (157, 1e2) is refused with the string to write instead: the contract is
    strings, and a number is what a float-minded tool writes, its cents not guaranteed."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        amount = Decimal(value)
        # the same amount as a string, where it is one the program takes
        fits = 0 <= amount <= MAX_AMOUNT and amount == amount.quantize(CENT)
        shown = f"{amount:.2f}" if fits else "120.00"
        raise InputError(
            field,
            f"znesek {value} je zapisan kot število JSON; zneski so besedilo v narekovajih "
            f'z največ dvema decimalkama, npr. »"{shown}"«.',
        )
    return parse_amount(value, field)


def format_amount(amount: Decimal) -> str:
    """Slovenian amount for messages and print: `1.234,56`."""
    text = f"{amount:,.2f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")
