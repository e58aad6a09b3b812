"""The official form of a stored case as it prints: the window's preview and
`print FORM --db DB --case ID` print the same one.

The form is the JSON of SPEC 6.1 (the one a case travels in), parsed and checked. An R-4
adds what its attachment »obrazložitev« needs and that JSON has no field for: the ZIRD 53
reasons ticked in the case, in words, and the workload."""

from __future__ import annotations

from typing import Any

from rejnistvo.rules.catalogues import uplift_reasons
from rejnistvo.store import Database, get_record
from rejnistvo.store.case_documents import r4_form_data, r5_earlier_form_data, r5_form_data


def stored_form(db: Database, kind: str, case_id: int) -> Any:
    """The parsed form ("r4" or "r5") of a stored case, ready for ``render_form``.
    StoreError when there is no such case; InputError when what is stored does not make
    a valid form (the message names the field)."""
    # forms/ installs as rejnistvo.forms (package-dir), which mypy cannot follow.
    from rejnistvo.forms.data import PARSERS  # type: ignore[import-not-found,unused-ignore]

    if kind == "r4":
        form = PARSERS["r4"](r4_form_data(db, case_id))
        case = get_record(db, "r4_cases", case_id)
        return form._replace(reasons=_reason_words(case["reasons"]), workload=case["workload"])
    if kind == "r5":
        return PARSERS["r5"](r5_form_data(db, case_id))
    raise ValueError(f"no stored cases of form {kind!r}")


def earlier_form(db: Database, earlier_id: int) -> Any:
    """The parsed R-5 of an earlier report (one received before the centre asked for a new
    one), with the finding as it stood then."""
    from rejnistvo.forms.data import PARSERS  # type: ignore[import-not-found,unused-ignore]

    return PARSERS["r5"](r5_earlier_form_data(db, earlier_id))


def _reason_words(reasons: list[dict[str, Any]]) -> tuple[str, ...]:
    """Each reason as the R-4 screen lists it: the catalogue's words for a ticked key
    (the key itself if the catalogue no longer has it), a typed reason as typed."""
    names = uplift_reasons()
    words = []
    for reason in reasons:
        key, typed = reason.get("reason_key"), reason.get("text")
        named = names.get(key, key) if key else None
        said = " ".join(part for part in (named, typed) if part)
        if said:
            words.append(said)
    return tuple(words)
