"""What a new file still lacks before its first payment run: *Roki* tells a new clerk
where to start instead of »Vse je urejeno« over an empty list (found by QA26).

The payment run's SEPA file needs the centre's name and IBAN (*Nastavitve → Splošno*),
and nothing is paid without a carer. Three look-ups by key, read at every *Roki*
refresh: nothing the first paint would notice."""

from __future__ import annotations

from dataclasses import dataclass

from rejnistvo.store import Database, get_setting


@dataclass(frozen=True)
class FirstSteps:
    centre_name: bool  # the centre's name is still to be entered
    centre_iban: bool  # the centre's IBAN is still to be entered
    first_carer: bool  # no carer yet

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
