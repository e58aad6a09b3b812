"""OBRAZEC R-1's data (SPEC 6.1): the JSON parsed into a dataclass and checked.

Apart from `data` (which names everything here, loaded on first use) so that a process
printing an R-4 does not make this dataclass (see `data_r5`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rejnistvo.rules.email_address import check_email
from rejnistvo.rules.errors import InputError

from .data import ParsedForm, _date, _emso, _root, _text


@dataclass(frozen=True)
class R1Form(ParsedForm):
    """OBRAZEC R-1: application for a licence to foster."""

    name: str | None = None
    emso: str | None = None
    address: str | None = None
    electronic_delivery: bool = False
    email: str | None = None
    place: str | None = None
    date: date | None = None


R1_FIELDS = ("name", "emso", "address", "electronic_delivery", "email", "place", "date")


def parse_r1(obj: object) -> R1Form:
    data = _root(obj, R1_FIELDS, "R-1")
    electronic = data.get("electronic_delivery")
    if electronic is None:
        electronic = False
    if not isinstance(electronic, bool):
        raise InputError(
            "electronic_delivery", "soglasje z elektronskim vročanjem je true ali false."
        )
    email = _text(data, "email", "", "elektronski naslov")
    if email is not None:
        if not electronic:
            raise InputError(
                "email",
                "elektronski naslov se navede le ob soglasju z elektronskim "
                "vročanjem (electronic_delivery: true).",
            )
        check_email(email, "email")  # the rule the carer's address is checked by
    return R1Form(
        name=_text(data, "name", "", "priimek in ime"),
        emso=_emso(data, "emso", "", "EMŠO vlagatelja/ice"),
        address=_text(data, "address", "", "stalno prebivališče"),
        electronic_delivery=electronic,
        email=email,
        place=_text(data, "place", "", "kraj"),
        date=_date(data, "date", "", "datum vloge"),
    )
