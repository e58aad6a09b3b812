"""Export and import of R-4 cases between a centre's file and the coordinator's file.

centre:       export_proposal  ──package──▶  coordinator: preview_import → apply_import
coordinator:  export_resolution ──package──▶  centre:      preview_import → apply_import

Import is always two steps: `preview_import` opens and checks the package and says
what would happen (nothing is written); `apply_import` writes it in one transaction.
The case is identified by its UUID (``r4_cases.case_uuid``, exchange/links.py), so
importing the same package twice creates nothing new.

"Today" (the day a proposal is sent, received or its resolution imported) is always
the caller's: the window passes its clock's day, the CLI the system clock's, tests a
fixed one. Nothing here reads the machine's date.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rejnistvo.exchange import links, resolutions
from rejnistvo.exchange.crypto import check_passphrase
from rejnistvo.exchange.errors import PackageError
from rejnistvo.exchange.package import (
    PackageContents,
    build_package,
    read_package,
    read_package_file,
    write_package,
)
from rejnistvo.exchange.package_times import is_newer, older_note, package_time
from rejnistvo.store import Database, get_record, save_record
from rejnistvo.store.audit import acting_user, write_audit
from rejnistvo.store.case_documents import r4_form_data

#: prints the R-4 of a package: its form as SPEC 6.1's JSON, or already parsed
PdfRenderer = Callable[[Any], bytes]


def default_render_pdf(case: Any) -> bytes:
    """The printed R-4 of forms/r4.py (the same the `print r4` command makes)."""
    # forms/ installs as rejnistvo.forms (package-dir), which mypy cannot follow.
    from rejnistvo.forms import render_form  # type: ignore[import-not-found,unused-ignore]

    return bytes(render_form("r4", case))


def _printed_form(db: Database, case_id: int, *, with_decision: bool) -> Any:
    """The R-4 the package's PDF shows: as the window prints the stored case, its
    attachment with the ZIRD 53 reasons and the workload, which SPEC 6.1's JSON (the
    package's data) has no field for; the commission reads this PDF."""
    from rejnistvo.services.case_forms import stored_form

    form = stored_form(db, "r4", case_id)
    return form if with_decision else form._replace(decision=None)


def _form_data(db: Database, case_id: int) -> dict[str, Any]:
    return r4_form_data(db, case_id)


def _iso(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def case_subgroup(db: Database, case: dict[str, Any]) -> int:
    """The case's subgroup: its own, else the one its centre belongs to (a setting)."""
    if case.get("subgroup_id"):
        return int(case["subgroup_id"])
    row = db.execute(
        "SELECT subgroup_id FROM subgroup_centres WHERE centre_id = ?", [case.get("centre_id")]
    ).fetchone()
    if not row:
        raise PackageError(
            "Center tega primera ni uvrščen v nobeno podskupino. V nastavitvah določite, "
            "v katero podskupino spada, in primer izvozite znova."
        )
    return int(row[0])


def _workflow(case: dict[str, Any]) -> dict[str, object]:
    return {
        "prepared": case.get("prepared_on"),
        "sent": case.get("sent_on"),
        "accepted": case.get("accepted_on"),
        "commission_named": case.get("commission_named_on"),
        "decided": case.get("decided_on"),
        "returned": case.get("returned_on"),
    }


def _sender(db: Database, case: dict[str, Any]) -> dict[str, Any]:
    centre = db.execute("SELECT name FROM centres WHERE id = ?", [case.get("centre_id")]).fetchone()
    unit = db.execute("SELECT name FROM units WHERE id = ?", [case.get("unit_id")]).fetchone()
    return {
        "centre": centre[0] if centre else "",
        "unit": unit[0] if unit else "",
        "user": acting_user(db),
    }


# ------------------------------------------------------------------------------- export


def export_proposal(
    db: Database,
    case_id: int,
    passphrase: str,
    out: str | Path,
    *,
    today: date,
    render_pdf: PdfRenderer | None = None,
    now: datetime | None = None,
) -> Path:
    """Centre: write the proposal package and mark the case sent (today, unless already).

    ``now``: the package's "Poslano" time, from the caller's clock (by default the real
    time: when the file was made).

    One transaction: the case's UUID, its sent date and the file either all happen or
    none does (a failed write rolls the database back).
    """
    check_passphrase(passphrase)  # before any work: a too-short passphrase is refused at once
    case = get_record(db, "r4_cases", case_id)
    if case.get("decided_on"):
        raise PackageError("Primer je že odločen; predloga ni mogoče poslati znova.")
    from rejnistvo.register.workflow import check_sendable_now

    # whole every time: a sent proposal edited afterwards is sent again as it now stands
    check_sendable_now(db, case)
    subgroup = case_subgroup(db, case)
    form = _form_data(db, case_id)
    if form.get("decision"):
        form = {key: value for key, value in form.items() if key != "decision"}
    pdf = (render_pdf or default_render_pdf)(_printed_form(db, case_id, with_decision=False))
    with db.atomic():
        had_uuid = bool(case.get("case_uuid"))
        case_uuid = links.ensure_uuid(case)
        changes: dict[str, object] = {}
        if not case.get("subgroup_id"):
            changes["subgroup_id"] = subgroup
        if not case.get("sent_on"):
            changes["sent_on"] = today
        if changes or not had_uuid:
            case.update(changes)
            save_record(db, "r4_cases", case)
        data = build_package(
            kind="proposal",
            subgroup=subgroup,
            case_uuid=case_uuid,
            case=form,
            pdf=pdf,
            passphrase=passphrase,
            sender=_sender(db, case),
            workflow=_workflow(case),
            created_at=now,
            details={
                # Who wrote it (the coordinator's "member wrote the proposal" warning);
                # the sender's user is who exported it, maybe someone else.
                "prepared_by": case.get("prepared_by"),
                "workload": case.get("workload"),
                "reasons": [
                    {"reason_key": r.get("reason_key"), "text": r.get("text")}
                    for r in case.get("reasons") or []
                ],
            },
        )
        return write_package(out, data)


def export_resolution(
    db: Database,
    case_id: int,
    passphrase: str,
    out: str | Path,
    *,
    render_pdf: PdfRenderer | None = None,
    now: datetime | None = None,
) -> Path:
    """Coordinator: write the decided case (with the signed resolution's data) back;
    ``now`` as for `export_proposal`."""
    check_passphrase(passphrase)
    case = get_record(db, "r4_cases", case_id)
    if not case.get("decided_on") or not case.get("resolution_no"):
        raise PackageError(
            "Primer še ni odločen; sklep lahko izvozite, ko je vpisana odločitev komisije."
        )
    form = _form_data(db, case_id)
    pdf = (render_pdf or default_render_pdf)(_printed_form(db, case_id, with_decision=True))
    with db.atomic():
        if not case.get("case_uuid"):
            # A case entered at the coordinator by hand travels for the first time now.
            save_record(db, "r4_cases", {"id": case_id, "case_uuid": links.ensure_uuid(case)})
        case_uuid = str(case["case_uuid"])
        data = build_package(
            kind="resolution",
            subgroup=case_subgroup(db, case),
            case_uuid=case_uuid,
            case=form,
            pdf=pdf,
            passphrase=passphrase,
            sender=_sender(db, case),
            workflow=_workflow(case),
            created_at=now,
        )
        return write_package(out, data)


# ------------------------------------------------------------------------------- import


@dataclass(frozen=True)
class ImportPreview:
    """What the package holds and what importing it would do; nothing is written yet."""

    contents: PackageContents
    package_sha256: str
    existing_case_id: int | None
    action: str  # "create" | "update" (a correction sent again) | "decide" | "nothing"
    notes: list[str] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        return self.action != "nothing"


@dataclass(frozen=True)
class ImportResult:
    case_id: int
    created: bool
    changed: bool
    message: str


def preview_import(
    db: Database,
    source: bytes | str | Path,
    passphrase: str,
    *,
    kind: str,
    subgroups: set[int] | frozenset[int] | None = None,
) -> ImportPreview:
    """Open a package for `kind` ("proposal" at the coordinator, "resolution" at the
    centre) and say what importing it would do. `subgroups`: the subgroups this file
    serves; a package for another one is refused."""
    data = source if isinstance(source, bytes) else read_package_file(source)
    contents = read_package(data, passphrase, expected_kind=kind, expected_subgroups=subgroups)
    digest = hashlib.sha256(data).hexdigest()
    existing = links.case_for_uuid(db, contents.case_uuid)
    if kind == "proposal":
        if existing is not None:
            return _preview_resent(db, contents, digest, existing)[0]
        return ImportPreview(
            contents, digest, None, "create", ["Uvoz bo dodal nov primer R-4 v evidenco."]
        )
    return _preview_resolution(db, contents, digest, existing)[0]


#: the proposal's own fields a correction sent again may change (SPEC 6.1 name → column);
#: the centre, unit, child and carer name the case and are never taken over
_CORRECTABLE = {
    "case_no": "case_no",
    "date": "proposal_date",
    "proposed_percent": "proposed_percent",
    "rationale": "rationale",
}


#: the package's fields (SPEC 6.1 names, the attachment's reasons and workload) as the
#: notes name them to the coordinator
_FIELD_WORDS = {
    "centre": "center",
    "unit": "enota",
    "case_no": "številka zadeve",
    "date": "datum predloga",
    "child": "otrok",
    "carer": "rejnik",
    "proposed_percent": "predlagano zvišanje",
    "period": "obdobje",
    "rationale": "obrazložitev",
    "workload": "obseg dela",
    "reasons": "razlogi",
}


def _field_words(changed: list[str]) -> str:
    """»obrazložitev, obdobje«: the notes said the program's own words (»rationale«)."""
    return ", ".join(_FIELD_WORDS.get(key, key) for key in changed)


def _reasons(reasons: object) -> list[tuple[object, object]]:
    rows = reasons if isinstance(reasons, list) else []
    return [(r.get("reason_key"), r.get("text")) for r in rows if isinstance(r, dict)]


def _changed_keys(
    db: Database, case_id: int, case: dict[str, Any], contents: PackageContents
) -> list[str]:
    """The form's fields (SPEC 6.1 names) and the attachment's reasons and workload in
    which a package differs from the imported case (`case`, its record)."""
    stored = {k: v for k, v in _form_data(db, case_id).items() if k != "decision"}
    changed = {k for k in set(stored) | set(contents.case) if stored.get(k) != contents.case.get(k)}
    details = contents.details
    if details.get("workload") and details.get("workload") != case.get("workload"):
        changed.add("workload")
    if "reasons" in details and _reasons(details.get("reasons")) != _reasons(case.get("reasons")):
        changed.add("reasons")
    return sorted(changed)


def _preview_resent(
    db: Database, contents: PackageContents, digest: str, existing: int
) -> tuple[ImportPreview, dict[str, Any]]:
    """A proposal imported before, sent again: its correction is taken over while the
    commission has not decided (the centre corrected it after sending) and the package
    is not older than the one the case holds; else nothing. With the case as read."""
    case = get_record(db, "r4_cases", existing)
    changed = _changed_keys(db, existing, case, contents)
    older = older_note(contents, case, "predlog") if changed else None
    if older is not None:
        return ImportPreview(contents, digest, existing, "nothing", [older]), case
    decided = bool(case.get("decided_on"))
    correctable = set(_CORRECTABLE) | {"period", "workload", "reasons"}
    if changed and set(changed) <= correctable and not decided and not case.get("returned_on"):
        return ImportPreview(
            contents,
            digest,
            existing,
            "update",
            [
                f"Paket je popravljen predlog že uvoženega primera {existing} "
                f"(spremenjeno: {_field_words(changed)}); uvoz bo popravke prevzel."
            ],
        ), case
    return ImportPreview(
        contents,
        digest,
        existing,
        "nothing",
        [f"Ta predlog je že uvožen (primer {existing}); ničesar ne bom dodal."]
        + _differences_note(changed, decided),
    ), case


def _take_over_correction(case: dict[str, Any], contents: PackageContents) -> dict[str, Any]:
    """The imported case (`case`, as the preview read it in this transaction) with a
    re-sent proposal's corrected fields and the package's time, for save_record (which
    audits it); the steps the coordinator recorded stay."""
    case = dict(case, package_created_at=package_time(contents) or case.get("package_created_at"))
    for key, column in _CORRECTABLE.items():
        case[column] = contents.case.get(key)
    period = contents.case.get("period") or {}
    case["period_from"], case["period_to"] = period.get("from"), period.get("to")
    details = contents.details
    if details.get("workload"):
        case["workload"] = details.get("workload")
    if "reasons" in details:
        case["reasons"] = [
            {"reason_key": r.get("reason_key"), "text": r.get("text")}
            for r in details.get("reasons") or []
            if isinstance(r, dict) and (r.get("reason_key") or r.get("text"))
        ]
    return case


def _differences_note(changed: list[str], decided: bool) -> list[str]:
    """A re-sent proposal that differs from the one imported (`changed`, its fields) and
    cannot be taken over (decided, returned, or naming another centre, child or carer)
    is not taken silently."""
    if not changed:
        return []
    if decided:
        return [
            "Paket se razlikuje od že uvoženega predloga (" + _field_words(changed) + "), "
            "primer pa je že odločen, zato popravkov ne prevzamem. Dogovorite se s centrom, "
            "ki je predlog poslal."
        ]
    return [
        "Paket se razlikuje od že uvoženega predloga (" + _field_words(changed) + "); sprememb "
        "ne prevzamem samodejno. Dogovorite se s centrom, ki je predlog poslal."
    ]


def _preview_resolution(
    db: Database, contents: PackageContents, digest: str, existing: int | None
) -> tuple[ImportPreview, dict[str, Any]]:
    """What a resolution package would do, with the case as read."""
    if existing is None:
        raise PackageError(
            "Primera, na katerega se sklep nanaša, v tej evidenci ni (paket je namenjen drugemu "
            "centru ali pa predlog ni bil poslan iz te evidence)."
        )
    case = get_record(db, "r4_cases", existing)
    decision = contents.case["decision"]
    if case.get("subgroup_id") and int(case["subgroup_id"]) != contents.subgroup:
        raise PackageError(
            f"Sklep je izdala podskupina {contents.subgroup}, primer pa je bil poslan podskupini "
            f"{case['subgroup_id']}. Paketa ni mogoče uvoziti."
        )
    if case.get("resolution_no"):
        if case["resolution_no"] == decision["resolution_no"]:
            return _preview_same_resolution(contents, digest, case), case
        raise PackageError(
            f"Primer že ima sklep {case['resolution_no']}; drugega sklepa "
            f"({decision['resolution_no']}) ni mogoče uvoziti čezenj."
        )
    return ImportPreview(
        contents,
        digest,
        existing,
        "decide",
        [f"Primer {existing} bo dobil sklep {decision['resolution_no']} in bo odločen."],
    ), case


def _preview_same_resolution(
    contents: PackageContents, digest: str, case: dict[str, Any]
) -> ImportPreview:
    """The resolution the case already has, sent again: a correction the coordinator
    made since is taken over when the package is newer than the one the case was decided
    from; an older or the same package changes nothing, and a difference the program
    cannot order (a case decided before the times were kept, or corrected here since)
    is said, not taken."""
    number, existing = case["resolution_no"], int(case["id"])
    already = f"Sklep {number} je že uvožen; ničesar ne bom spremenil."
    changes = resolutions.changed_fields(case, contents)
    if not changes:
        return ImportPreview(contents, digest, existing, "nothing", [already])
    older = older_note(contents, case, "sklep")
    if older is not None:
        return ImportPreview(contents, digest, existing, "nothing", [older])
    words = resolutions.field_words(changes)
    if is_newer(contents, case):
        return ImportPreview(
            contents,
            digest,
            existing,
            "update",
            [
                f"Paket je popravljen sklep {number} (spremenjeno: {words}); uvoz bo popravke "
                "prevzel in jih zapisal v dnevnik sprememb kot popravek sklepa."
            ],
        )
    return ImportPreview(
        contents,
        digest,
        existing,
        "nothing",
        [
            already,
            f"Paket se razlikuje od že uvoženega sklepa ({words}), ni pa novejši od njega, "
            "zato sprememb ne prevzamem samodejno. Dogovorite se s koordinatorjem "
            f"podskupine {contents.subgroup}.",
        ],
    )


def apply_import(db: Database, preview: ImportPreview, *, today: date) -> ImportResult:
    """Write what the preview promised, in one transaction; a second import is a no-op.
    `today` is the day of receipt (a proposal) or of the resolution's import."""
    contents = preview.contents
    with db.atomic():
        # Read again inside the transaction: another import may have run since the preview.
        existing = links.case_for_uuid(db, contents.case_uuid)
        if contents.kind == "proposal":
            if existing is not None:
                fresh, case = _preview_resent(db, contents, preview.package_sha256, existing)
                if fresh.action == "update":
                    save_record(db, "r4_cases", _take_over_correction(case, contents))
                    return ImportResult(
                        existing, False, True, f"Popravljen predlog je prevzet (primer {existing})."
                    )
                if not _changed_keys(db, existing, case, contents):
                    _keep_newer_time(db, case, contents)
                return ImportResult(
                    existing, False, False, f"Predlog je že v evidenci (primer {existing})."
                )
            case_id = _create_proposal(db, contents, today)
            return ImportResult(case_id, True, True, f"Predlog je uvožen kot primer {case_id}.")
        fresh, case = _preview_resolution(db, contents, preview.package_sha256, existing)
        if existing is None:  # _preview_resolution refuses a package without its case
            raise PackageError("Primera, na katerega se sklep nanaša, v tej evidenci ni.")
        if fresh.action == "nothing":
            if case.get("resolution_no") and not resolutions.changed_fields(case, contents):
                _keep_newer_time(db, case, contents)
            return ImportResult(existing, False, False, fresh.notes[0])
        if fresh.action == "update":
            resolutions.take_over_correction(db, case, contents, today)
            return ImportResult(
                existing,
                False,
                True,
                f"Popravljen sklep {case['resolution_no']} je prevzet (primer {existing}).",
            )
        _apply_resolution(db, case, contents, today)
        return ImportResult(
            existing,
            False,
            True,
            f"Sklep {contents.case['decision']['resolution_no']} je uvožen; primer je odločen.",
        )


def _keep_newer_time(db: Database, case: dict[str, Any], contents: PackageContents) -> None:
    """A package newer than the one the case was taken from, with nothing new in it: the
    case keeps its time, or a package made between the two (a correction the sender has
    since taken back) would later count as newer than what the case holds."""
    if is_newer(contents, case):
        save_record(db, "r4_cases", dict(case, package_created_at=package_time(contents)))


# --- proposal at the coordinator ---------------------------------------------------------


def _find_or_create_centre(db: Database, name: str) -> int:
    row = db.execute("SELECT id FROM centres WHERE name = ?", [name]).fetchone()
    if row:
        return int(row[0])
    code = "X-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return save_record(db, "centres", {"code": code, "name": name})


def _find_or_create_unit(db: Database, centre_id: int, name: str) -> int | None:
    if not name:
        return None
    row = db.execute(
        "SELECT id FROM units WHERE centre_id = ? AND name = ?", [centre_id, name]
    ).fetchone()
    if row:
        return int(row[0])
    db.table("units").insert({"centre_id": centre_id, "name": name})
    unit_id = int(
        db.execute(
            "SELECT id FROM units WHERE centre_id = ? AND name = ?", [centre_id, name]
        ).fetchone()[0]
    )
    write_audit(db, "units", unit_id, "insert", None, {"centre_id": centre_id, "name": name})
    return unit_id


def _find_or_create_person(
    db: Database, entity: str, person: dict[str, Any], centre_id: int
) -> int:
    emso = (person.get("emso") or "").strip()
    if emso:
        row = db.execute(f"SELECT id FROM {entity} WHERE emso = ?", [emso]).fetchone()
        if row:
            return int(row[0])
    record = {"name": person["name"], "emso": emso or None, "centre_id": centre_id}
    return save_record(db, entity, record)


def _create_proposal(db: Database, contents: PackageContents, today: date) -> int:
    case = contents.case
    centre_id = _find_or_create_centre(db, case["centre"])
    unit_id = _find_or_create_unit(db, centre_id, case.get("unit") or "")
    carer_id = _find_or_create_person(db, "carers", case["carer"], centre_id)
    child_id = _find_or_create_person(db, "children", case["child"], centre_id)
    row = db.execute(
        "SELECT id FROM placements WHERE carer_id = ? AND child_id = ? ORDER BY id LIMIT 1",
        [carer_id, child_id],
    ).fetchone()
    placement_id = (
        int(row[0])
        if row
        else save_record(
            db,
            "placements",
            {
                # The coordinator does not keep the contract; the case needs a placement to hang on.
                "contract_no": f"(iz predloga {case['case_no']})",
                "carer_id": carer_id,
                "child_id": child_id,
                "carer_centre_id": centre_id,
                "note": "Ustvarjeno ob uvozu predloga R-4; pogodba je v centru rejnika.",
            },
        )
    )
    details = contents.details
    workflow = contents.workflow
    period = case.get("period") or {}
    # Packages of older versions name only the sender's user, who usually wrote it.
    author = details.get("prepared_by") or contents.sender.get("user") or None
    case_id = save_record(
        db,
        "r4_cases",
        {
            "case_uuid": contents.case_uuid,
            "package_created_at": package_time(contents),
            "prepared_by": author,
            "received_on": today,
            "placement_id": placement_id,
            "case_no": case["case_no"],
            "centre_id": centre_id,
            "unit_id": unit_id,
            "proposal_date": case.get("date"),
            "workload": details.get("workload"),
            "proposed_percent": case.get("proposed_percent"),
            "period_from": period.get("from"),
            "period_to": period.get("to"),
            "rationale": case.get("rationale"),
            "prepared_on": workflow.get("prepared"),
            "sent_on": workflow.get("sent") or today,
            "subgroup_id": contents.subgroup,
            "reasons": [
                {"reason_key": r.get("reason_key"), "text": r.get("text")}
                for r in details.get("reasons") or []
                if isinstance(r, dict) and (r.get("reason_key") or r.get("text"))
            ],
        },
    )
    return case_id


# --- resolution at the centre ---------------------------------------------------------------


def _apply_resolution(
    db: Database, case: dict[str, Any], contents: PackageContents, today: date
) -> None:
    """The case (as the preview read it in this transaction) decided by the package."""
    decision = contents.case["decision"]
    workflow = contents.workflow
    fields = resolutions.decision_fields(contents, today)
    case = dict(
        case,
        **fields,
        subgroup_id=contents.subgroup,
        accepted_on=case.get("accepted_on") or resolutions.as_date(workflow.get("accepted")),
        commission_named_on=case.get("commission_named_on")
        or resolutions.as_date(workflow.get("commission_named")),
        resolution_no=decision["resolution_no"],
        resolution_year=(resolutions.as_date(decision["date"]) or fields["decided_on"]).year,
        resolution_received_on=case.get("resolution_received_on") or today,
        # a corrected resolution sent later is taken over only when newer than this one
        package_created_at=package_time(contents),
    )
    save_record(db, "r4_cases", case)
