"""Which of two packages of one case is newer: the case keeps when the package it was
last taken from was made (``r4_cases.package_created_at``, store step m018, the
manifest's ``created_at``); an older package is not taken over it (two packages opened in
the wrong order brought the old text back)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from rejnistvo.exchange.package import PackageContents
from rejnistvo.rules.times import local_moment


def moment(value: object) -> datetime | None:
    """A package's stored or manifest time; None when it has none (an older program's
    package, a case made here) or it is unreadable: then no order can be told."""
    try:
        found = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    # a time without a zone is UTC, as the program writes them (``local_moment``)
    return found if found.tzinfo is not None else found.replace(tzinfo=UTC)


def package_time(contents: PackageContents) -> str | None:
    """The package's time as the case keeps it; None when it tells none."""
    return contents.created_at if moment(contents.created_at) is not None else None


def is_newer(contents: PackageContents, case: dict[str, Any]) -> bool:
    """The package was made after the one the case holds (both times known)."""
    held, offered = moment(case.get("package_created_at")), moment(contents.created_at)
    return held is not None and offered is not None and offered > held


def older_note(contents: PackageContents, case: dict[str, Any], what: str) -> str | None:
    """Why a package older than the one the case was taken from is not taken over;
    `what` is what the case holds from it (»predlog«, »sklep«)."""
    held, offered = moment(case.get("package_created_at")), moment(contents.created_at)
    if held is None or offered is None or offered >= held:
        return None
    return (
        f"Ta paket je starejši od že prevzetega: narejen je bil "
        f"{local_moment(contents.created_at, seconds=True)}, primer {case['id']} pa že ima "
        f"{what} iz paketa, narejenega "
        f"{local_moment(case['package_created_at'], seconds=True)}. Novejšega s starejšim "
        "ne prepišem; ničesar ne bom spremenil."
    )
