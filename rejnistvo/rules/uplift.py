"""The R-4 rule the program suggests and checks a decision against (SPEC 3.3; Pravilnik
čl. 30 as amended by Uradni list RS 78/2025; reasons of ZIRD 53)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from rejnistvo.rules.errors import InputError


class Workload(StrEnum):
    """Obseg dela z otrokom."""

    MODERATE = "moderate"  # zmerno povečan
    STRONG = "strong"  # močno povečan


def reason_key(reason: str) -> str:
    """How two reasons are compared: letter case and spacing do not make a new reason."""
    return " ".join(reason.split()).casefold()


def distinct_reasons(reasons: Iterable[str]) -> list[str]:
    """The reasons with repeats dropped (first spelling kept, order kept), comparing
    case- and space-insensitively: "Bolezen" and " bolezen " are one reason, so they
    cannot turn a 25 % uplift into 50 %. Blank entries are no reason at all."""
    seen: set[str] = set()
    result: list[str] = []
    for reason in reasons:
        key = reason_key(reason)
        if key and key not in seen:
            seen.add(key)
            result.append(" ".join(reason.split()))
    return result


@dataclass(frozen=True, slots=True)
class UpliftSuggestion:
    eligible: bool
    percent: int | None  # 25, 50, or None (not eligible, or the workload is still unknown)
    explanation: str


def suggest_uplift(reason_count: int, workload: Workload | None) -> UpliftSuggestion:
    """Pravilnik čl. 30: one ZIRD 53 reason with moderately increased workload → 25 %;
    one reason with strongly increased workload, or two or more reasons → 50 %."""
    if isinstance(reason_count, bool) or not isinstance(reason_count, int) or reason_count < 0:
        raise InputError("reasons", "število razlogov mora biti celo število 0 ali več.")
    if workload is not None and not isinstance(workload, Workload):
        raise InputError("workload", "obseg dela je »moderate« (zmerno) ali »strong« (močno).")
    if reason_count == 0:
        return UpliftSuggestion(
            False,
            None,
            "Ni razloga iz 53. člena ZIRD, zato plačila dela ni mogoče zvišati (30. člen pravilnika).",
        )
    if reason_count >= 2:
        return UpliftSuggestion(
            True,
            50,
            f"Število razlogov iz 53. člena ZIRD: {reason_count}. Ob dveh ali več razlogih se "
            "plačilo dela zviša za 50 % ne glede na obseg dela (30. člen, drugi odstavek "
            "pravilnika).",
        )
    if workload is Workload.STRONG:
        return UpliftSuggestion(
            True,
            50,
            "En razlog iz 53. člena ZIRD ob močno povečanem obsegu dela z otrokom: "
            "zvišanje za 50 % (30. člen, drugi odstavek pravilnika).",
        )
    if workload is Workload.MODERATE:
        return UpliftSuggestion(
            True,
            25,
            "En razlog iz 53. člena ZIRD ob zmerno povečanem obsegu dela z otrokom: "
            "zvišanje za 25 % (30. člen, prvi odstavek pravilnika).",
        )
    return UpliftSuggestion(
        True,
        None,
        "En razlog iz 53. člena ZIRD: pri zmerno povečanem obsegu dela zvišanje za 25 %, "
        "pri močno povečanem za 50 % (30. člen pravilnika). Navedite obseg dela.",
    )
