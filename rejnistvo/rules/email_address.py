"""An e-mail address as typed by a clerk: the carer's on Rejniki and the applicant's on
R-1 checked by one rule (the screen let »ana novak@primer.si« through and the R-1 of the
same carer then refused it)."""

from __future__ import annotations

from rejnistvo.rules.errors import InputError

EXAMPLE = "ime.priimek@primer.si"


def email_problem(text: str) -> str | None:
    """Why ``text`` is no e-mail address (one »@«, a name before it, a domain with a dot
    between non-empty parts after it, no spaces), or None."""
    local, at, domain = text.partition("@")
    labels = domain.split(".")
    if (
        not at
        or not local
        or "@" in domain
        or any(c.isspace() for c in text)
        or len(labels) < 2
        or not all(labels)
    ):
        return f"»{text}« ni elektronski naslov; pričakovan je npr. {EXAMPLE}."
    return None


def check_email(value: str | None, field: str) -> str | None:
    """The address without surrounding spaces (None when blank); InputError naming
    ``field`` when it is none."""
    text = (value or "").strip()
    if not text:
        return None
    problem = email_problem(text)
    if problem is not None:
        raise InputError(field, problem)
    return text
