"""The change log's texts: Slovenian field names, stored choices by their names, dates and
times as a clerk reads them (no JSON, no stored words). Used by the log tab's details."""

from __future__ import annotations

from typing import Any

from rejnistvo.rules.times import local_moment
from rejnistvo.store.labels import FIELD_LABELS
from rejnistvo.ui.format import format_amount, format_date

# Field names as the screens label them (one list for the program: store/labels.py);
# a field without a Slovenian name is shown as "drugo polje", never by its stored name.
FIELD_NAMES = {
    **FIELD_LABELS,
    "periods": "obdobja",
    "rows": "vrstice",
    "version": "različica",
    "electronic_delivery": "elektronsko vročanje",
    "carer_centre_id": "center rejnika",
    "child_centre_id": "center otroka",
    "placement_id": "namestitev",
    "increase_id": "zvišanje oskrbnine",
    "finding_centre_id": "center ugotovitve",
    "finding_unit_id": "enota ugotovitve",
    "resolution_year": "leto sklepa",
    "prepared_by": "pripravil",
    "resolution_received_on": "sklep prejet",
    "package_created_at": "paket narejen",
    "candidate_id": "kandidat",
    "position": "mesto",
    "reason_key": "razlog",
    "text": "besedilo",
    "description": "opis",
    "document": "dokument",
    "document_no": "številka dokumenta",
    "category": "vrsta",
    "due": "zapadlost",
    "paid_on": "plačano",
    "key": "nastavitev",
    "value": "vrednost",
    # a month's close and reopening, an overpayment's settlement, an accepted restore
    "month": "mesec",
    "total": "skupaj",
    "overpayments": "preplačila",
    "lines": "vrstice izplačila",
    "closed_by": "zaključil",
    "closed_on": "zaključeno",
    "reason": "razlog",
    "reopened_by": "ponovno odprl",
    "line_id": "vrstica izplačila",
    "offset_month": "mesec poračuna",
    "last_id": "zadnja vrstica dnevnika",
    # Nastavitve → Splošno, as the tab labels them (the log read »drugo polje«, QA65)
    "centre_name": "ime centra",
    "centre_iban": "IBAN centra",
    "waiting_days_threshold": "R-4 čaka predolgo po (dneh)",
    "resolution_number_format": "oblika številke sklepa",
}


#: an update that changed no field: the R-5 case saves its increase with each report or
#: refund (its version is the case's), and the row read as if something had been lost
NOTHING_CHANGED = "nobeno (shranjeno skupaj z drugim delom primera)"


def field_name(key: str) -> str:
    return FIELD_NAMES.get(key) or "drugo polje"


def local_time(value: str | None) -> str:
    """The log's UTC ISO time as the user's local time: `2. 3. 2026 ob 14.05.09` (seconds
    kept: several changes often fall within one minute)."""
    return local_moment(value, seconds=True) if value else ""


#: stored choices as the screens name them (the log showed »moderate«, »increase«)
CHOICES: dict[str, dict[str, str]] = {
    "workload": {"moderate": "zmerno povečan", "strong": "močno povečan"},
    "outcome": {"increase": "zviša", "no_increase": "ne zviša"},
    "method": {
        "lump_sum": "v enkratnem znesku",
        "as_received": "kot je prejel",
        "offset": "poračun z izplačilom",
        "refund": "vračilo",
    },
    "refund_method": {"lump_sum": "v enkratnem znesku", "as_received": "kot je prejel"},
    "kind": {
        "contract": "pogodba",
        "annex": "aneks",
        "month": "mesec",
        "arrears": "poračun",
        "overpayment": "preplačilo",
        "one_off": "enkratno izplačilo",
    },
}


def _catalogue_choices(key: str) -> dict[str, str]:
    """The editable catalogues' names (reasons, expense kinds, one-off payments)."""
    from rejnistvo.rules.catalogues import expense_categories, uplift_reasons
    from rejnistvo.rules.one_off import one_off_kinds

    try:
        if key == "reason_key":
            return uplift_reasons()
        if key == "category":
            return expense_categories()
        if key == "kind":
            return {k: kind.name for k, kind in one_off_kinds().items()}
    except (OSError, ValueError, KeyError):
        pass  # a catalogue that cannot be read: the stored word is shown
    return {}


def choice_name(key: str, value: Any) -> Any:
    """A stored choice's Slovenian name; any other value unchanged."""
    if not isinstance(value, str):
        return value
    return CHOICES.get(key, {}).get(value) or _catalogue_choices(key).get(value) or value


#: an id field → {id: the record's name} (``services.audit_details.audit_entry``)
Names = dict[str, dict[int, str]]


def shown_value(key: str, value: Any, names: Names | None = None) -> Any:
    """A stored field's value as the details show it: a record's id by the record's name
    (the log showed »otrok 12«), a stored choice by its Slovenian name."""
    if names and isinstance(value, int) and value in names.get(key, {}):
        return names[key][value]
    return choice_name(key, value)


def pretty_value(value: Any, names: Names | None = None) -> str:
    """A stored value as a clerk reads it: dates "2. 3. 2026", yes/no, lists by item."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "da" if value else "ne"
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        if value[10:11] == "T":  # a stored moment (closed_at …), worded as the log's times
            return local_moment(value, seconds=True)
        try:
            return format_date(value) + value[10:]
        except ValueError:
            return value
    if isinstance(value, list):
        if not value:
            return "—"
        return "\n".join("  • " + pretty_value(v, names).replace("\n", "; ") for v in value)
    if isinstance(value, dict):
        shown = {k: shown_value(k, v, names) for k, v in value.items() if k not in HIDDEN}
        # a row that names its record and also holds the name (a commission member: its
        # candidate and the name written) read »kandidat Ana Novak, ime Ana Novak«
        said = [v for k, v in shown.items() if not k.endswith("_id")]
        return ", ".join(
            f"{field_name(k)} {pretty_value(v, names)}"
            for k, v in shown.items()
            if not (k.endswith("_id") and isinstance(v, str) and v in said)
        )
    if isinstance(value, float):
        return format_amount(str(value))
    return str(value)


#: technical columns a clerk never needs to see in the log
HIDDEN = {"id", "version", "name_key", "surname_key", "case_uuid"}


def pretty_json(value: Any, names: Names | None = None) -> str:
    """A logged record as "field: value" lines with Slovenian field names (no JSON), the
    records it points to by `names` where given."""
    if value is None:
        return "—"
    if not isinstance(value, dict):
        return pretty_value(value, names)
    lines = []
    for key in sorted(value, key=lambda k: field_name(k)):
        if key in HIDDEN:
            continue
        text = pretty_value(shown_value(key, value[key], names), names)
        if "\n" in text:
            lines.append(f"{field_name(key)}:\n{text}")
        else:
            lines.append(f"{field_name(key)}: {text}")
    return "\n".join(lines)
