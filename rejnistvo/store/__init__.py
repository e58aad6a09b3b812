"""The case store: one SQLite file per installation, kept with sqlite-utils 4. No Qt.

Opening and checking (``rejnistvo.store.connection``)::

    from rejnistvo.store import open_db, default_db_path, StoreError
    db = open_db(path)            # StoreDatabase, a sqlite_utils.Database subclass
    db = open_db(path, daily_backup=True)   # the window does this once at start
    ...
    db.close()                    # or: with open_db(path) as db: ...

``StoreError`` is a ``RuleError`` with an empty field, so every headless command turns
it into exit status 2 and one line. ``open_db(path=None)`` (None = ``default_db_path()``,
the user data folder "Rejnistvo" from platformdirs, file ``rejnistvo.sqlite3``) refuses with ``StoreError`` (Slovenian
``.message``), touching nothing, a file that is not a database, one locked by another
program, a read-only file, a full disk, a schema newer than this program, and a file
already open in another copy of the program (an OS lock on ``<file>.lock``, held while
open; released by the OS even if the program crashes; on POSIX also a lock named after
the file's device and inode in the temporary folder, so that a hard link meets it). It
turns on WAL and foreign keys, runs ``PRAGMA quick_check`` (the full integrity check after
an unclean shutdown and in ``check_db``), copies the file to ``backups/`` and then runs
pending migrations (``rejnistvo.store.schema``, steps m001–m020, each a function named
after what it adds: m004 record versions, m005/m010/m013/m014 the payment ledger, m006
the audit anchor, m015/m016/m017 indexes and texts of the first screens, m018 the R-4
packages' times, m019 the lists' Slovenian order, m020 a refund's excess given back, …). ``check_db(path) -> list[str]``
lists problems (integrity, migrations, audit chain and triggers); empty = healthy.

Backups (``rejnistvo.store.backup``): ``backup_to(source_path_or_db, out_path)``
(SQLite online backup API), ``daily_backup(db_path) -> Path | None`` (at most one a day,
the last ten kept in ``backups/`` beside the file), ``backups_dir(db_path)``.

Records (``rejnistvo.store.repository``, also re-exported here)::

    list_records(db, entity, name=None, **equal_filters) -> list[dict]
    get_record(db, entity, record_id) -> dict            # StoreError if missing
    save_record(db, entity, record: dict) -> int         # insert without "id", else update
    delete_record(db, entity, record_id, version=None) -> None

Each save/delete is one ``db.atomic()`` transaction together with its audit row; a
failure rolls everything back and raises ``StoreError`` (a bad value: ``InputError``
naming the field, e.g. EMŠO check digit). Every editable record has a ``version``
(step m004): a save or delete that carries the version its editor read is refused with
``StaleRecordError`` when someone changed the record since (its ``.message`` says who,
when and which fields). An update (record with "id") may carry only
the fields that change; a nested list present replaces the stored one, an absent one is
kept. Records come back typed: dates
as ``date``, amounts as ``Decimal``, flags as ``bool``; save accepts the same (or ISO /
decimal strings). ``name`` is a case-insensitive fragment (č/š/ž too). Entities, with
their nested lists (saved and replaced together with the parent) in brackets:

* ``centres`` [units: name]; ``subgroups`` (ids 1-6) [centres: centre_id] — which
  centres form a subgroup is a setting, moved with ``set_subgroup_centres(db,
  {centre_id: subgroup_id})``; ``coordinators`` (subgroup_id, name, centre_id,
  term_from, term_to — one year by default); ``candidates`` (subgroup_id, name,
  centre_id, unit_id — may be None when unknown, added_on, removed_on) —
  ``candidate_changes(db, subgroup_id, since)``.
* ``carers`` (name, emso, address, licence_date, centre_id, unit_id, email,
  electronic_delivery) [trainings: date, description]; ``children`` (name, emso,
  birth_date, centre_id = the child's centre, unit_id).
* ``placements`` (contract_no, carer_id, child_id, carer_centre_id, child_centre_id,
  part_time, fee_share, note) [periods: kind "contract"|"annex", document_no,
  from_date, to_date]; list rows add carer_name and child_name; name matches either
  name or the contract number.
* ``r4_cases`` (placement_id, case_no, centre_id, unit_id, proposal_date, workload,
  proposed_percent, period_from, period_to, rationale, prepared_on, sent_on,
  accepted_on, commission_named_on, decided_on, returned_on, subgroup_id,
  resolution_no, resolution_year, outcome, decision_percent, decision_from,
  decision_to, decision_rationale, case_uuid, prepared_by, received_on,
  resolution_received_on) [reasons: reason_key | text] [members: position 1-3, name,
  candidate_id]; the resolution number is unique per subgroup and year. ``case_uuid``
  is the case's identity in the centre's and the coordinator's files (unique; None until
  the case first travels in a package). ``prepared_by`` is who wrote the proposal: an
  insert without the key takes ``audit.acting_user`` (the name the window gave the
  open file, else the ``user_name`` setting); an explicit value (None =
  unknown) is kept, as the import of a package does. ``received_on``: the day the
  coordinator received it (set by the import, settable in the workflow; the register
  falls back to ``sent_on``); ``resolution_received_on``: the day the centre imported
  the resolution.
* ``board_increases`` (placement_id, percent, from_date, to_date, decision_no,
  decision_date, report_requested_on) [categories: category];
  ``r5_reports`` (increase_id, report_date, finding_date, justified, unjustified,
  finding_centre_id, finding_unit_id, asked_again_on) [expenses: category, description,
  amount, document]; ``r5_earlier_reports`` (a report received before the centre asked
  for a new one: increase_id, report_requested_on, report_date, the finding's columns,
  refund_deadline, refund_method, asked_again_on) [expenses: as above]; ``refunds`` (increase_id, call_date, deadline, method, amount)
  [instalments: due, amount, paid_on].
* ``one_off_payments`` (carer_id, placement_id, kind, amount, date, note);
  ``rates`` (valid_from, board, fee, source) — ``rate_rows(db)`` gives them in order.
* Centres and units, edited without changing ids (``rejnistvo.store.centres``):
  ``save_centre(db, {id?, code, name, seat, subgroup_id?}) -> int`` (never touches the
  units; with ``subgroup_id`` 1-6 the centre's subgroup in the same transaction),
  ``save_unit(db, centre_id, name, unit_id=None) -> int`` (add, or rename keeping the
  id), ``delete_unit(db, unit_id)`` (StoreError naming who still refers to it),
  ``units_of(db, centre_id)``, ``unit_references(db, unit_id)``. Don't save a centre
  with a nested ``units`` list: that replaces the rows and gives them new ids.
* Settings: ``get_setting(db, key)``, ``set_setting(db, key, value)`` (audited),
  ``all_settings(db)``; keys ``user_name``, ``waiting_days_threshold`` ("30"),
  ``resolution_number_format`` ("{subgroup}-{number:03d}/{year}").

Audit (``rejnistvo.store.audit``): ``audit_rows(db, table=None, record_id=None)``;
``write_audit(db, table, record_id, action, before, after)`` for a write made outside
the repository (call it inside the same ``db.atomic()``);
``verify_audit_chain(db) -> list[str]``. Rows are never updated or deleted (triggers
raise); each row's ``hash`` = sha256(previous hash + the row's content).

Cases and printing (``rejnistvo.store.case_documents``): ``case_facts(db, name=None)``
reads what each case's status depends on (r4 id = ``r4_cases.id``; r5 id =
``board_increases.id``); the status itself is judged only by ``rejnistvo.services.cases``.
``r4_form_data(db, case_id)`` and ``r5_form_data(db, case_id)`` return the JSON of
SPEC 6.1.

The payment ledger (closed months, their lines, reopenings, settlements of
overpayments) is ``rejnistvo.store.ledger``; the change log's browsing for
*Nastavitve → Dnevnik sprememb* is ``audit_browse``, its Slovenian names of tables and
fields ``labels``.

Demo data (``rejnistvo.store.demo``): ``fill_demo(db, scale=None, today=None)``.
"""

from __future__ import annotations

from rejnistvo.store import _lean_sqlite_utils  # noqa: F401  # first: see there

# isort: split
# The other layers name the database type from here, never from sqlite-utils: the first
# import of sqlite-utils must be the lean one above (a plain one loads numpy and click).
from sqlite_utils import Database

from rejnistvo.store.centres import delete_unit, save_centre, save_unit, units_of
from rejnistvo.store.connection import StoreDatabase, check_db, default_db_path, open_db
from rejnistvo.store.errors import StaleRecordError, StoreError
from rejnistvo.store.repository import (
    all_settings,
    candidate_changes,
    delete_record,
    get_record,
    get_setting,
    list_records,
    rate_rows,
    save_record,
    set_setting,
    set_subgroup_centres,
)

__all__ = [
    "Database",
    "StoreDatabase",
    "StaleRecordError",
    "StoreError",
    "all_settings",
    "candidate_changes",
    "check_db",
    "default_db_path",
    "delete_record",
    "delete_unit",
    "get_record",
    "get_setting",
    "list_records",
    "open_db",
    "rate_rows",
    "save_centre",
    "save_record",
    "save_unit",
    "set_setting",
    "set_subgroup_centres",
    "units_of",
]
