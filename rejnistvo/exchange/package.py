"""What a package holds: the case as SPEC 6.1 JSON, its printed PDF, and a manifest.

The plaintext inside the envelope (crypto.py) is a small ZIP with exactly three members:

* ``manifest.json`` — format, kind, subgroup, the case's stable UUID, who sent it and
  when, the workflow dates, and the SHA-256 and size of the other two members;
* ``case.json`` — the R-4 case exactly as SPEC.md 6.1 (what `print r4` takes);
* ``case.pdf`` — the printed R-4, so the receiver sees what the sender signed.

The case UUID travels in the manifest, not in case.json, because SPEC 6.1 refuses
unknown fields in the form data.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from rejnistvo.clock import SystemClock
from rejnistvo.exchange.crypto import KIND_NAMES, open_sealed, seal
from rejnistvo.exchange.errors import PackageError

# The checkout's forms/ folder imports as rejnistvo.forms (a finder in rejnistvo/__init__).
from rejnistvo.forms.data import (  # type: ignore[import-not-found,unused-ignore]
    R4_DECISION_FIELDS,
    R4_FIELDS,
    parse_r4,
)
from rejnistvo.rules.errors import InputError
from rejnistvo.rules.times import local_moment

PACKAGE_SUFFIX = ".rejpaket"
MANIFEST_FORMAT = "rejnistvo-primer"
MANIFEST_VERSION = 1
MEMBERS = ("manifest.json", "case.json", "case.pdf")
# Workflow steps the package may carry (SPEC 3.3), in order.
WORKFLOW_STEPS = ("prepared", "sent", "accepted", "commission_named", "decided", "returned")
_MAX_MEMBER = 20 * 1024 * 1024
# A fixed timestamp inside the ZIP: the manifest already says when, and equal input
# then gives equal plaintext.
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)

# The R-4 schema of SPEC 6.1 is owned by forms/data.py; the package only adds which fields
# must be present (the form itself allows any to be blank).
_CASE_KEYS = frozenset(R4_FIELDS)
_REQUIRED_CASE_KEYS = _CASE_KEYS - {"rationale", "decision"}
_DECISION_KEYS = frozenset(R4_DECISION_FIELDS)


@dataclass(frozen=True)
class PackageContents:
    """A package opened and checked: what `read_package` hands to the preview."""

    kind: str
    subgroup: int
    case_uuid: str
    case: dict[str, Any]
    pdf: bytes
    created_at: str
    sender: dict[str, Any] = field(default_factory=dict)
    workflow: dict[str, str | None] = field(default_factory=dict)
    # What the form does not hold but the coordinator needs: reasons and workload (the
    # R-4 rule's inputs), so the decision can be checked against the rule.
    details: dict[str, Any] = field(default_factory=dict)
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]

    def summary(self) -> list[tuple[str, str]]:
        """Label/value lines (Slovenian, dates as 2. 3. 2026) for the preview before import."""
        return [(label, _slovenian_dates(value)) for label, value in self._summary()]

    def _summary(self) -> list[tuple[str, str]]:
        case = self.case
        period = case.get("period") or {}
        lines = [
            ("Vrsta paketa", self.kind_name),
            ("Podskupina", str(self.subgroup)),
            ("Center", str(case.get("centre", ""))),
            ("Enota", str(case.get("unit", ""))),
            ("Številka zadeve", str(case.get("case_no", ""))),
            ("Datum predloga", str(case.get("date", ""))),
            ("Otrok", str((case.get("child") or {}).get("name", ""))),
            ("Rejnik", str((case.get("carer") or {}).get("name", ""))),
            ("Predlagano zvišanje", f"{case.get('proposed_percent')} %"),
            ("Obdobje", f"{period.get('from', '')} – {period.get('to', '')}"),
        ]
        decision = case.get("decision")
        if decision:
            outcome = "NE ZVIŠA"
            if decision.get("outcome") == "increase":
                # the decided period, which may differ from the proposal's (worded as the
                # register words a decision, ``register.rows.decision_text``)
                decided = decision.get("period") or {}
                outcome = f"ZVIŠA za {decision.get('percent')} %"
                if decided.get("from"):
                    outcome += f" ({decided.get('from')} – {decided.get('to', '')})"
            lines += [
                ("Sklep št.", str(decision.get("resolution_no", ""))),
                ("Datum sklepa", str(decision.get("date", ""))),
                ("Odločitev", outcome),
                ("Člani komisije", ", ".join(decision.get("members") or [])),
            ]
        lines.append(("Poslano", local_moment(self.created_at)))
        return lines


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _slovenian_dates(text: str) -> str:
    return _ISO_DATE.sub(lambda m: f"{int(m[3])}. {int(m[2])}. {m[1]}", text)


def suggested_file_name(kind: str, case_no: str) -> str:
    """A file name for the save dialog, e.g. "R4-predlog-1220-14-2026.rejpaket"."""
    stem = re.sub(r"[^0-9A-Za-z]+", "-", case_no).strip("-") or "primer"
    return f"R4-{'predlog' if kind == 'proposal' else 'sklep'}-{stem}{PACKAGE_SUFFIX}"


def new_case_uuid() -> str:
    return str(uuid.uuid4())


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _iso(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def build_package(
    *,
    kind: str,
    subgroup: int,
    case_uuid: str,
    case: dict[str, Any],
    pdf: bytes,
    passphrase: str,
    sender: dict[str, Any] | None = None,
    workflow: dict[str, object] | None = None,
    details: dict[str, Any] | None = None,
    created_at: datetime | None = None,
) -> bytes:
    """Make the encrypted package file (bytes) of one R-4 case."""
    _check_case(case, kind, subgroup)
    case_bytes = json.dumps(case, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    manifest = {
        "format": MANIFEST_FORMAT,
        "version": MANIFEST_VERSION,
        "kind": kind,
        "subgroup": subgroup,
        "case_uuid": str(uuid.UUID(case_uuid)),
        # when the file was made: the caller's clock, else the real time (clock.py's)
        "created_at": (created_at or SystemClock().now())
        .astimezone(UTC)
        .isoformat(timespec="seconds"),
        "sender": sender or {},
        "workflow": {step: _iso((workflow or {}).get(step)) for step in WORKFLOW_STEPS},
        "details": details or {},
        "files": {
            "case.json": {"sha256": _sha256(case_bytes), "size": len(case_bytes)},
            "case.pdf": {"sha256": _sha256(pdf), "size": len(pdf)},
        },
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode(
        "utf-8"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in zip(MEMBERS, (manifest_bytes, case_bytes, pdf), strict=True):
            archive.writestr(zipfile.ZipInfo(name, date_time=_ZIP_TIME), data)
    return seal(buffer.getvalue(), kind=kind, subgroup=subgroup, passphrase=passphrase)


def read_package(
    source: bytes | str | Path,
    passphrase: str,
    *,
    expected_kind: str | None = None,
    expected_subgroups: set[int] | frozenset[int] | None = None,
) -> PackageContents:
    """Open, authenticate and check a package; change nothing anywhere.

    `expected_kind` ("proposal" at the coordinator, "resolution" at the centre) and
    `expected_subgroups` (the subgroups this database serves) refuse a package meant for
    someone else before the passphrase is even tried.
    """
    data = _read_source(source)
    envelope, plaintext = open_sealed(
        data,
        passphrase,
        expected_kind=expected_kind,
        expected_subgroups=frozenset(expected_subgroups)
        if expected_subgroups is not None
        else None,
    )
    members = _unzip(plaintext)
    manifest = _json_member(members["manifest.json"], "manifest.json")
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise PackageError("Seznam vsebine paketa (manifest) ni prave oblike.")
    if manifest.get("version") != MANIFEST_VERSION:
        raise PackageError(
            "Seznam vsebine paketa je v obliki, ki je ta program ne pozna; posodobite program."
        )
    if manifest.get("kind") != envelope.kind or manifest.get("subgroup") != envelope.subgroup:
        raise PackageError(
            "Paket je bil spremenjen: vrsta ali podskupina v glavi in v vsebini se ne ujemata."
        )
    files = manifest.get("files")
    if not isinstance(files, dict) or set(files) != {"case.json", "case.pdf"}:
        raise PackageError("Seznam vsebine paketa ne navaja pravih datotek.")
    for name, entry in files.items():
        data_member = members[name]
        if (
            not isinstance(entry, dict)
            or entry.get("sha256") != _sha256(data_member)
            or entry.get("size") != len(data_member)
        ):
            raise PackageError(
                f"Datoteka {name} v paketu se ne ujema s kontrolno vsoto SHA-256; paket je poškodovan."
            )
    try:
        case_uuid = str(uuid.UUID(str(manifest.get("case_uuid"))))
    except ValueError:
        raise PackageError("Paket nima veljavne oznake primera (UUID).") from None
    case = _json_member(members["case.json"], "case.json")
    _check_case(case, envelope.kind, envelope.subgroup)
    if not members["case.pdf"].startswith(b"%PDF-"):
        raise PackageError("Natisnjeni obrazec v paketu ni datoteka PDF.")
    workflow = manifest.get("workflow") or {}
    return PackageContents(
        kind=envelope.kind,
        subgroup=envelope.subgroup,
        case_uuid=case_uuid,
        case=case,
        pdf=members["case.pdf"],
        created_at=str(manifest.get("created_at", "")),
        sender=dict(manifest.get("sender") or {}),
        workflow={step: workflow.get(step) for step in WORKFLOW_STEPS},
        details=dict(manifest.get("details") or {}),
        manifest=manifest,
    )


def write_package(path: str | Path, data: bytes) -> Path:
    """Write package bytes next to a temporary name first, so a failed write leaves no half file."""
    from rejnistvo.atomic_write import os_error_reason, replace_bytes

    target = Path(path)
    try:
        # The program's one writer: temporary file, then rename; no folder is created.
        replace_bytes(target, data)
    except OSError as error:
        raise PackageError(
            f"Paketa ni mogoče zapisati v »{target}«: {os_error_reason(error)}.", field="out"
        ) from None
    return target


def _read_source(source: bytes | str | Path) -> bytes:
    if isinstance(source, bytes | bytearray):
        return bytes(source)
    return read_package_file(source)


def read_package_file(source: str | Path) -> bytes:
    """A package file's bytes; a file larger than any package (a device such as
    /dev/zero, a large file chosen by mistake) is refused without filling memory."""
    from rejnistvo.atomic_write import os_error_reason
    from rejnistvo.bounded_read import TooLarge, read_bounded
    from rejnistvo.exchange.crypto import MAX_PACKAGE_BYTES

    try:
        return read_bounded(source, MAX_PACKAGE_BYTES)
    except TooLarge:
        raise PackageError(
            f"Datoteka »{source}« je prevelika za paket programa Rejništvo."
        ) from None
    except OSError as error:
        raise PackageError(
            f"Paketa »{source}« ni mogoče prebrati: {os_error_reason(error)}."
        ) from None


def _unzip(plaintext: bytes) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(io.BytesIO(plaintext)) as archive:
            infos = archive.infolist()
            names = [info.filename for info in infos]
            if sorted(names) != sorted(MEMBERS):
                raise PackageError("Paket ne vsebuje pravih datotek (manifest, primer, PDF).")
            if any(info.file_size > _MAX_MEMBER for info in infos):
                raise PackageError("Datoteka v paketu je prevelika.")
            return {name: archive.read(name) for name in MEMBERS}
    except (zipfile.BadZipFile, OSError, EOFError):
        raise PackageError("Vsebina paketa je poškodovana (ni mogoče razpakirati).") from None


def _json_member(data: bytes, name: str) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PackageError(f"Datoteka {name} v paketu ni veljaven JSON.") from None


def _check_case(case: object, kind: str, subgroup: int) -> None:
    """The shape of SPEC 6.1 R-4 data; the form's own validator checks the values at print."""
    if not isinstance(case, dict):
        raise PackageError(
            "Podatki primera v paketu niso prave oblike (pričakovan je obrazec R-4)."
        )
    unknown = set(case) - _CASE_KEYS
    if unknown:
        raise PackageError(
            f"Podatki primera vsebujejo neznana polja: {', '.join(sorted(unknown))}."
        )
    missing = _REQUIRED_CASE_KEYS - set(case)
    if missing:
        raise PackageError(f"Podatkom primera manjkajo polja: {', '.join(sorted(missing))}.")
    decision = case.get("decision")
    if kind == "resolution":
        if not isinstance(decision, dict):
            raise PackageError("Paket s sklepom ne vsebuje odločitve komisije.")
        unknown = set(decision) - _DECISION_KEYS
        if unknown:
            raise PackageError(
                f"Odločitev komisije vsebuje neznana polja: {', '.join(sorted(unknown))}."
            )
        if decision.get("subgroup") != subgroup:
            raise PackageError("Podskupina v sklepu se ne ujema s podskupino paketa.")
        if not decision.get("resolution_no"):
            raise PackageError("Sklep v paketu nima številke sklepa.")
    elif decision:
        raise PackageError(
            "Predlog R-4 v paketu že vsebuje odločitev komisije; pričakovan je predlog brez sklepa."
        )
    _check_form_values(case)


def _check_form_values(case: dict[str, Any]) -> None:
    """The printing side's own validator (EMŠO, periods, members …)."""
    try:
        parse_r4(case)
    except InputError as error:
        raise PackageError(f"Podatki obrazca R-4 v paketu niso veljavni: {error}") from None
