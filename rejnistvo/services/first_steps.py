"""What a new file still lacks before its first payment run: *Roki* tells a new clerk
where to start instead of »Vse je urejeno« over an empty list (found by QA26).

The payment run's SEPA file needs the centre's name and IBAN (*Nastavitve → Splošno*),
and nothing is paid without a carer. Three look-ups by key, read at every *Roki*
refresh: nothing the first paint would notice."""

from __future__ import annotations

from rejnistvo.store import Database, get_setting


class FirstSteps:
    """What is still to be entered. A plain class: a dataclass costs ~1 M instructions
    to make at import, on the program's start (issue 13), for three flags."""

    __slots__ = ("centre_name", "centre_iban", "first_carer")

    def __init__(self, centre_name: bool, centre_iban: bool, first_carer: bool) -> None:
        self.centre_name = centre_name  # the centre's name is still to be entered
        self.centre_iban = centre_iban  # the centre's IBAN is still to be entered
        self.first_carer = first_carer  # no carer yet

    @property
    def settings(self) -> bool:
        """Something to enter under Nastavitve → Splošno."""
        return self.centre_name or self.centre_iban

    def __bool__(self) -> bool:
        return self.centre_name or self.centre_iban or self.first_carer


def first_steps(db: Database) -> FirstSteps:
    """What is missing of the centre's data and the first carer (all False: nothing)."""
    return FirstSteps(
        centre_name=not (get_setting(db, "centre_name") or "").strip(),
        centre_iban=not (get_setting(db, "centre_iban") or "").strip(),
        first_carer=db.execute("SELECT 1 FROM carers LIMIT 1").fetchone() is None,
    )
