"""The schema, as sqlite-utils 4 migration steps (`Migrations("rejnistvo")`).

New and old files go through the same steps, in order. A step is never edited once
released: a change is a new step. Amounts are TEXT decimal strings with two decimals
("638.00"), dates ISO TEXT ("2026-03-02"), booleans INTEGER 0/1.
"""

from __future__ import annotations

import functools
import json

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "rejnistvo"
migrations = Migrations(MIGRATION_SET)

# Default settings written by the first step (SPEC 3.5; resolution number as in SPEC 6.1).
DEFAULT_SETTINGS = {
    "user_name": "",
    "waiting_days_threshold": "30",
    "resolution_number_format": "{subgroup}-{number:03d}/{year}",
}

_SCHEMA_1 = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE centres (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    seat TEXT
);
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    centre_id INTEGER NOT NULL REFERENCES centres(id),
    name TEXT NOT NULL,
    UNIQUE (centre_id, name)
);
CREATE TABLE subgroups (
    id INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 6),
    name TEXT NOT NULL
);
-- Which centres form each subgroup: a setting (the minister decides), one subgroup per centre.
CREATE TABLE subgroup_centres (
    centre_id INTEGER PRIMARY KEY REFERENCES centres(id),
    subgroup_id INTEGER NOT NULL REFERENCES subgroups(id)
);
CREATE TABLE coordinators (
    id INTEGER PRIMARY KEY,
    subgroup_id INTEGER NOT NULL REFERENCES subgroups(id),
    name TEXT NOT NULL,
    centre_id INTEGER REFERENCES centres(id),
    term_from TEXT NOT NULL,
    term_to TEXT NOT NULL,  -- one-year term (čl. 7/3)
    CHECK (term_to >= term_from)
);
CREATE TABLE candidates (
    id INTEGER PRIMARY KEY,
    subgroup_id INTEGER NOT NULL REFERENCES subgroups(id),
    name TEXT NOT NULL,
    centre_id INTEGER REFERENCES centres(id),
    added_on TEXT NOT NULL,
    removed_on TEXT
);
CREATE TABLE carers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,  -- casefolded name: LIKE is ASCII-only case-insensitive
    emso TEXT,
    address TEXT,
    licence_date TEXT,
    centre_id INTEGER REFERENCES centres(id),
    unit_id INTEGER REFERENCES units(id)
);
CREATE TABLE carer_trainings (
    id INTEGER PRIMARY KEY,
    carer_id INTEGER NOT NULL REFERENCES carers(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    description TEXT
);
CREATE TABLE children (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    emso TEXT,
    birth_date TEXT,
    centre_id INTEGER REFERENCES centres(id),  -- the child's centre
    unit_id INTEGER REFERENCES units(id)
);
CREATE TABLE placements (
    id INTEGER PRIMARY KEY,
    contract_no TEXT NOT NULL,
    carer_id INTEGER NOT NULL REFERENCES carers(id),
    child_id INTEGER NOT NULL REFERENCES children(id),
    carer_centre_id INTEGER REFERENCES centres(id),
    child_centre_id INTEGER REFERENCES centres(id),
    part_time INTEGER NOT NULL DEFAULT 0,  -- weekends, holidays and school holidays only
    fee_share TEXT,  -- the contract's proportional part of the fee, as a decimal ("0.40")
    note TEXT
);
-- The contract's period and each annex's period, one row each (čl. 26).
CREATE TABLE placement_periods (
    id INTEGER PRIMARY KEY,
    placement_id INTEGER NOT NULL REFERENCES placements(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('contract', 'annex')),
    document_no TEXT,
    from_date TEXT NOT NULL,
    to_date TEXT,
    CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE TABLE r4_cases (
    id INTEGER PRIMARY KEY,
    placement_id INTEGER NOT NULL REFERENCES placements(id),
    case_no TEXT,
    centre_id INTEGER REFERENCES centres(id),
    unit_id INTEGER REFERENCES units(id),
    proposal_date TEXT,
    workload TEXT CHECK (workload IN ('moderate', 'strong')),
    proposed_percent INTEGER CHECK (proposed_percent IN (25, 50)),
    period_from TEXT,
    period_to TEXT,
    rationale TEXT,
    prepared_on TEXT,
    sent_on TEXT,
    accepted_on TEXT,
    commission_named_on TEXT,
    decided_on TEXT,
    returned_on TEXT,
    subgroup_id INTEGER REFERENCES subgroups(id),
    resolution_no TEXT,
    resolution_year INTEGER,
    outcome TEXT CHECK (outcome IN ('increase', 'no_increase')),
    decision_percent INTEGER CHECK (decision_percent IN (25, 50)),
    decision_from TEXT,
    decision_to TEXT,
    decision_rationale TEXT,
    UNIQUE (subgroup_id, resolution_year, resolution_no)
);
-- Reasons of ZIRD 53: a catalogue key or free text.
CREATE TABLE r4_reasons (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES r4_cases(id) ON DELETE CASCADE,
    reason_key TEXT,
    text TEXT,
    CHECK (reason_key IS NOT NULL OR text IS NOT NULL)
);
CREATE TABLE r4_members (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES r4_cases(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 3),
    name TEXT NOT NULL,
    candidate_id INTEGER REFERENCES candidates(id),
    UNIQUE (case_id, position)
);
CREATE TABLE board_increases (
    id INTEGER PRIMARY KEY,
    placement_id INTEGER NOT NULL REFERENCES placements(id),
    percent INTEGER NOT NULL CHECK (percent IN (25, 50)),
    from_date TEXT NOT NULL,
    to_date TEXT NOT NULL,
    decision_no TEXT,
    decision_date TEXT,
    report_requested_on TEXT,
    CHECK (to_date >= from_date)
);
CREATE TABLE board_increase_categories (
    id INTEGER PRIMARY KEY,
    increase_id INTEGER NOT NULL REFERENCES board_increases(id) ON DELETE CASCADE,
    category TEXT NOT NULL CHECK (category IN ('education', 'interest', 'health', 'other')),
    UNIQUE (increase_id, category)
);
-- The carer's R-5 report and the child's centre's finding on it (one per increase).
CREATE TABLE r5_reports (
    id INTEGER PRIMARY KEY,
    increase_id INTEGER NOT NULL UNIQUE REFERENCES board_increases(id),
    report_date TEXT,
    finding_date TEXT,
    justified TEXT,
    unjustified TEXT,
    finding_centre_id INTEGER REFERENCES centres(id),
    finding_unit_id INTEGER REFERENCES units(id)
);
CREATE TABLE r5_expenses (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES r5_reports(id) ON DELETE CASCADE,
    category TEXT NOT NULL CHECK (category IN ('education', 'interest', 'health', 'other')),
    description TEXT,
    amount TEXT NOT NULL,
    document TEXT
);
CREATE TABLE refunds (
    id INTEGER PRIMARY KEY,
    increase_id INTEGER NOT NULL UNIQUE REFERENCES board_increases(id),
    call_date TEXT NOT NULL,
    deadline TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('lump_sum', 'as_received')),
    amount TEXT NOT NULL
);
CREATE TABLE refund_instalments (
    id INTEGER PRIMARY KEY,
    refund_id INTEGER NOT NULL REFERENCES refunds(id) ON DELETE CASCADE,
    due TEXT NOT NULL,
    amount TEXT NOT NULL,
    paid_on TEXT
);
CREATE TABLE one_off_payments (
    id INTEGER PRIMARY KEY,
    carer_id INTEGER NOT NULL REFERENCES carers(id),
    placement_id INTEGER REFERENCES placements(id),
    kind TEXT NOT NULL,
    amount TEXT NOT NULL,
    date TEXT NOT NULL,
    note TEXT
);
CREATE TABLE rates (
    id INTEGER PRIMARY KEY,
    valid_from TEXT NOT NULL UNIQUE,
    board TEXT NOT NULL,
    fee TEXT NOT NULL,
    source TEXT NOT NULL
);
-- Processing log (ZVOP-2): append-only, each row chained to the previous by its hash.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_name TEXT NOT NULL,
    os_user TEXT NOT NULL,
    table_name TEXT NOT NULL,
    record_id INTEGER,
    action TEXT NOT NULL,
    before TEXT,
    after TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'Dnevnik sprememb se ne sme spreminjati.'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'Iz dnevnika sprememb se ne sme brisati.'); END;
"""

AUDIT_TRIGGERS = ("audit_log_no_update", "audit_log_no_delete")


@migrations()
def m001_initial(db: Database) -> None:
    """The first released schema: every table of SPEC 1-3, settings, rates, audit log."""
    db.executescript(_SCHEMA_1)
    db.table("settings").insert_all(
        [{"key": key, "value": value} for key, value in DEFAULT_SETTINGS.items()]
    )
    db.table("subgroups").insert_all(
        [{"id": number, "name": f"{number}. podskupina"} for number in range(1, 7)]
    )
    _seed_rates(db)
    _seed_centres(db)


def _seed_centres(db: Database) -> None:
    """The 16 regional CSDs, their units and the default subgroup assignment (a setting)."""
    from rejnistvo.resources import resource_path

    path = resource_path("catalogues", "centres.json")
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    for number, centre in enumerate(data["centres"], start=1):
        db.table("centres").insert(
            {
                "id": number,
                "code": centre["code"],
                "name": centre["name"],
                "seat": centre.get("seat"),
            }
        )
        db.table("units").insert_all(
            [{"centre_id": number, "name": unit} for unit in centre["units"]]
        )
        if centre.get("subgroup"):
            db.table("subgroup_centres").insert(
                {"centre_id": number, "subgroup_id": centre["subgroup"]}
            )


def _seed_rates(db: Database) -> None:
    from rejnistvo.resources import resource_path

    path = resource_path("rates.json")
    if not path.exists():
        return
    rows = json.loads(path.read_text(encoding="utf-8"))
    db.table("rates").insert_all(
        [
            {
                "valid_from": row["valid_from"],
                "board": str(row["board"]),
                "fee": str(row["fee"]),
                "source": row.get("source", ""),
            }
            for row in rows
        ]
    )


@migrations()
def m002_delivery_and_search(db: Database) -> None:
    """R-1 needs the carer's e-mail and consent to electronic delivery; indexes for
    name search, the register and the deadline lists."""
    db.executescript(
        """
        ALTER TABLE carers ADD COLUMN email TEXT;
        ALTER TABLE carers ADD COLUMN electronic_delivery INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX carers_name_key ON carers(name_key);
        CREATE INDEX children_name_key ON children(name_key);
        CREATE INDEX placements_carer ON placements(carer_id);
        CREATE INDEX placements_child ON placements(child_id);
        CREATE INDEX placement_periods_placement ON placement_periods(placement_id);
        CREATE INDEX r4_cases_placement ON r4_cases(placement_id);
        CREATE INDEX r4_cases_subgroup_year ON r4_cases(subgroup_id, resolution_year);
        CREATE INDEX r4_reasons_case ON r4_reasons(case_id);
        CREATE INDEX r4_members_case ON r4_members(case_id);
        CREATE INDEX board_increases_placement ON board_increases(placement_id);
        CREATE INDEX board_increases_to ON board_increases(to_date);
        CREATE INDEX board_increase_categories_increase ON board_increase_categories(increase_id);
        CREATE INDEX r5_expenses_report ON r5_expenses(report_id);
        CREATE INDEX refund_instalments_refund ON refund_instalments(refund_id);
        CREATE INDEX carer_trainings_carer ON carer_trainings(carer_id);
        CREATE INDEX candidates_subgroup ON candidates(subgroup_id);
        CREATE INDEX audit_log_record ON audit_log(table_name, record_id);
        """
    )


@migrations()
def m003_case_identity(db: Database) -> None:
    """Columns the case exchange and the coordinator need on R-4 cases and candidates.

    * ``r4_cases.case_uuid``: the case's identity in the centre's and the coordinator's
      files (unique; NULL until the case first travels in a package);
    * ``r4_cases.prepared_by``: the user who wrote the proposal (the "member wrote the
      proposal" warning); ``received_on``: when the coordinator received it;
      ``resolution_received_on``: when the centre imported the resolution;
    * ``candidates.unit_id``: the candidate's unit (the "member works in the proposing
      unit" warning).

    Earlier versions of the exchange kept the UUID and the sender in their own table
    ``exchange_cases``; its rows move into these columns and the table goes. Its sender
    centre and unit are the case's own centre_id and unit_id (both were made from the
    same package), so only the user, the dates and the UUID need a place.
    """
    # One statement at a time (not executescript, which commits): the step stays one
    # transaction with its record, so a failure leaves the file at m002.
    for statement in (
        "ALTER TABLE r4_cases ADD COLUMN case_uuid TEXT",
        "ALTER TABLE r4_cases ADD COLUMN prepared_by TEXT",
        "ALTER TABLE r4_cases ADD COLUMN received_on TEXT",
        "ALTER TABLE r4_cases ADD COLUMN resolution_received_on TEXT",
        # ALTER TABLE cannot add a UNIQUE column; a unique index is the same constraint
        # (several NULLs allowed: cases that never travelled).
        "CREATE UNIQUE INDEX r4_cases_case_uuid ON r4_cases(case_uuid)",
        "ALTER TABLE candidates ADD COLUMN unit_id INTEGER REFERENCES units(id)",
    ):
        db.execute(statement)
    if db["exchange_cases"].exists():
        _move_exchange_cases(db)
    # The author of a case made here: the user of its first audit row (what the warning
    # used to read from the log), for cases not already named by a package.
    db.execute(
        """
        UPDATE r4_cases SET prepared_by = (
            SELECT NULLIF(a.user_name, '') FROM audit_log a
            WHERE a.table_name = 'r4_cases' AND a.record_id = r4_cases.id
            ORDER BY a.id LIMIT 1)
        WHERE prepared_by IS NULL
        """
    )


def _move_exchange_cases(db: Database) -> None:
    from rejnistvo.store.audit import write_audit  # audit imports this module

    columns = set(db["exchange_cases"].columns_dict)

    def pick(name: str) -> str:
        return name if name in columns else "NULL"

    rows = db.execute(
        f"SELECT case_id, case_uuid, {pick('sender_user')}, {pick('received_on')}, "
        f"{pick('resolution_received_on')} FROM exchange_cases "
        "WHERE case_id IN (SELECT id FROM r4_cases) ORDER BY case_id"
    ).fetchall()
    for case_id, case_uuid, sender_user, received_on, resolution_received_on in rows:
        after = {
            "case_uuid": case_uuid,
            "prepared_by": sender_user or None,
            "received_on": received_on,
            "resolution_received_on": resolution_received_on,
        }
        db.execute(
            "UPDATE r4_cases SET case_uuid = ?, prepared_by = ?, received_on = ?, "
            "resolution_received_on = ? WHERE id = ?",
            [*after.values(), case_id],
        )
        write_audit(db, "r4_cases", case_id, "migrate", None, after)
    db["exchange_cases"].drop()


# Records two screens can edit at once: each carries a version that every update raises,
# so that a save made from a stale copy is refused instead of overwriting newer work.
VERSIONED_TABLES = (
    "centres",
    "coordinators",
    "candidates",
    "carers",
    "children",
    "placements",
    "r4_cases",
    "board_increases",
    "r5_reports",
    "refunds",
    "one_off_payments",
    "rates",
)


@migrations()
def m004_record_versions(db: Database) -> None:
    """``version`` on every editable record (1 for existing rows): optimistic locking."""
    for table in VERSIONED_TABLES:
        db.execute(f"ALTER TABLE {table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1")


def known_steps() -> list[str]:
    """Names of every step this program knows, in order."""
    return list(_known_steps())


@functools.cache
def _known_steps() -> tuple[str, ...]:
    # The steps are this module's code: listed once a process (each listing opens a
    # database in memory, ~0.4 ms, and opening a file asked twice). pending() on an
    # empty database lists them all without touching any file; no sqlite-utils plugins
    # (their discovery reads every installed package's metadata).
    empty = Database(memory=True, execute_plugins=False)
    try:
        return tuple(migration.name for migration in migrations.pending(empty))
    finally:
        empty.close()


@migrations()
def m005_payment_ledger(db: Database) -> None:
    """The payment ledger of SPEC 3.6: closed months and the lines paid in them, with the
    date and the user; the log of reopened months with the reason; how each overpayment
    was settled; the carer's bank account (``carers.iban``).

    A line keeps the names, contract number and IBAN as they were when the month was
    closed, its five amounts and what it was computed from (``basis``, JSON), so that a
    closed month shows exactly what was paid whatever changed since."""
    for statement in (
        """
        CREATE TABLE payment_runs (
            id INTEGER PRIMARY KEY,
            month TEXT NOT NULL UNIQUE,  -- first day of the month
            closed_on TEXT NOT NULL,
            closed_at TEXT NOT NULL,
            closed_by TEXT NOT NULL,
            total TEXT NOT NULL,
            overpayments TEXT NOT NULL,
            line_count INTEGER NOT NULL,
            warnings TEXT NOT NULL DEFAULT '[]'
        )
        """,
        """
        CREATE TABLE payment_lines (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES payment_runs(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('month', 'arrears', 'overpayment', 'one_off')),
            for_month TEXT NOT NULL,
            placement_id INTEGER REFERENCES placements(id),
            one_off_id INTEGER,
            carer_id INTEGER,
            carer_name TEXT NOT NULL,
            child_name TEXT NOT NULL,
            contract_no TEXT NOT NULL,
            iban TEXT,
            centre_id INTEGER,
            centre_name TEXT NOT NULL,
            unit_id INTEGER,
            unit_name TEXT NOT NULL,
            days INTEGER NOT NULL,
            factor TEXT NOT NULL,
            board TEXT NOT NULL,
            board_increase TEXT NOT NULL,
            fee TEXT NOT NULL,
            fee_uplift TEXT NOT NULL,
            total TEXT NOT NULL,
            reason TEXT NOT NULL,
            basis TEXT
        )
        """,
        "CREATE INDEX payment_lines_run ON payment_lines(run_id)",
        "CREATE INDEX payment_lines_placement ON payment_lines(placement_id, for_month)",
        """
        CREATE TABLE payment_reopenings (
            id INTEGER PRIMARY KEY,
            month TEXT NOT NULL,
            reopened_on TEXT NOT NULL,
            reopened_at TEXT NOT NULL,
            reopened_by TEXT NOT NULL,
            reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
            closed_on TEXT NOT NULL,
            closed_by TEXT NOT NULL,
            total TEXT NOT NULL,
            line_count INTEGER NOT NULL
        )
        """,
        """
        CREATE TABLE overpayment_settlements (
            id INTEGER PRIMARY KEY,
            line_id INTEGER NOT NULL UNIQUE REFERENCES payment_lines(id),
            method TEXT NOT NULL CHECK (method IN ('offset', 'refund')),
            offset_month TEXT,
            settled_on TEXT NOT NULL,
            note TEXT,
            recorded_by TEXT NOT NULL,
            CHECK (method = 'refund' OR offset_month IS NOT NULL)
        )
        """,
        "ALTER TABLE carers ADD COLUMN iban TEXT",
    ):
        db.execute(statement)


@migrations()
def m006_audit_anchor(db: Database) -> None:
    """A tamper-evident audit log (issue 15): ``audit_log.key_id`` names the installation
    key whose HMAC chains each row from here on (``store.audit``); a trigger refuses every
    INSERT that is not the next row, so ``REPLACE INTO`` / ``INSERT OR REPLACE`` cannot
    overwrite one; ``database_id`` (setting) names the file for the chain heads kept
    outside it."""
    import uuid

    for statement in (
        "ALTER TABLE audit_log ADD COLUMN key_id TEXT",
        """
        CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
        WHEN NEW.id IS NULL OR NEW.id <= (SELECT coalesce(max(id), 0) FROM audit_log)
        BEGIN SELECT RAISE(ABORT, 'V dnevnik sprememb se sme le dodajati.'); END
        """,
    ):
        db.execute(statement)
    db.execute(
        "INSERT OR IGNORE INTO settings (key, value) VALUES ('database_id', ?)",
        [str(uuid.uuid4())],
    )


# The 2026 indexation (SPEC 3.1), written into the step itself: a released step must add
# the same rows whatever later versions ship in resources/.
RATE_2026 = {
    "valid_from": "2026-03-01",
    "board": "655.23",
    "fee": "472.42",
    "source": (
        "Uskladitev transferjev s 1. 3. 2026 za 2,7 % (ZUTPG): znesek iz leta 2025 × 1,027, "
        "zaokrožen na cent, izračunan s programom iz objavljenega odstotka; preverite ga z "
        "zneski, ki jih je objavilo ministrstvo."
    ),
}
BIRTH_GRANTS_2025_2026 = (
    {
        "valid_from": "2025-11-01",
        "amount": "430.00",
        "source": (
            "Pomoč ob rojstvu otroka (ZSDP-1), znesek za leto 2025; rejnik ga kot enkratni "
            "prejemek ob prvi namestitvi prejme po ZIRD, kot ga spreminja Uradni list RS, "
            "št. 41/2025, v uporabi od 1. 11. 2025"
        ),
    },
    {
        "valid_from": "2026-03-01",
        "amount": "441.60",
        "source": (
            "Pomoč ob rojstvu otroka po uskladitvi transferjev s 1. 3. 2026 za 2,7 % (ZUTPG); "
            "preverite znesek z objavo ministrstva."
        ),
    },
)


@migrations()
def m007_rates_2026(db: Database) -> None:
    """The 2026 indexation: the rate row of 1. 3. 2026, and the birth grants, kept in the
    file like the rates (``birth_grants``: valid_from, amount, source, version) so that
    the indexation in Nastavitve can add them. A row is added only where the user has
    not entered one for that date; what the user entered is never overwritten."""
    # One statement at a time: the step stays one transaction with its record.
    db.execute(
        """
        CREATE TABLE birth_grants (
            id INTEGER PRIMARY KEY,
            valid_from TEXT NOT NULL UNIQUE,
            amount TEXT NOT NULL,
            source TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1
        )
        """
    )
    for table, row in (
        ("rates", RATE_2026),
        *(("birth_grants", g) for g in BIRTH_GRANTS_2025_2026),
    ):
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        db.execute(
            f"INSERT INTO {table} ({columns}) SELECT {marks} "
            f"WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE valid_from = ?)",
            [*row.values(), row["valid_from"]],
        )


@migrations()
def m008_lookup_indexes(db: Database) -> None:
    """Indexes for look-ups that read whole tables at 80,000 placements (issue 13): the
    ledger's overpayment lines (*Roki* looks for unsettled ones at every start: ~50 ms
    without) and the EMŠO of carers and children (a save checks that no other person has
    it: a scan of every person without)."""
    db.execute(
        "CREATE INDEX payment_lines_overpayment ON payment_lines(id) WHERE kind = 'overpayment'"
    )
    db.execute("CREATE INDEX carers_emso ON carers(emso) WHERE emso IS NOT NULL")
    db.execute("CREATE INDEX children_emso ON children(emso) WHERE emso IS NOT NULL")


@migrations()
def m009_surname_keys(db: Database) -> None:
    """``surname_key`` of carers and children (``rules.text.surname_sort_keys``: surname
    first, č = c), kept by the store with the name: the lists of Rejniki, Otroci and
    Namestitve are ordered by SQLite instead of by Python after reading every name
    (issue 13: first opening at 80,000 placements). No index: the whole list is read
    in id order and sorted by SQLite, quicker than row look-ups through an index."""
    from rejnistvo.rules.text import surname_sort_keys

    for table in ("carers", "children"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN surname_key TEXT")
        rows = db.execute(f"SELECT id, name FROM {table}").fetchall()
        keys = surname_sort_keys([name or "" for _id, name in rows])
        db.conn.executemany(
            f"UPDATE {table} SET surname_key = ? WHERE id = ?",
            [(key, row_id) for (row_id, _name), key in zip(rows, keys, strict=True)],
        )


@migrations()
def m010_payment_bases(db: Database) -> None:
    """Each distinct basis of a ledger line (SPEC 3.6: what the line was computed from,
    JSON) stored once in ``payment_bases``; a line names it by ``basis_id``. A closing
    after a backdated rate wrote 270,000 basis texts of ~210 bytes each, a few tens of
    thousands of them distinct (a placement's months share one); the ledger was 40 % of
    the file. Bases are never changed or deleted (a reopened month's lines go, their
    bases stay), so a basis id read once names the same text for good.

    Existing lines move their text to the new table and keep ``basis`` NULL (the column
    stays: dropping it would rewrite the table); readers take the text through
    ``basis_id``."""
    db.execute("CREATE TABLE payment_bases (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)")
    db.execute("ALTER TABLE payment_lines ADD COLUMN basis_id INTEGER REFERENCES payment_bases(id)")
    # Ids in the order the texts were first written (a file migrates the same way twice).
    db.execute(
        "INSERT INTO payment_bases (text) SELECT basis FROM payment_lines "
        "WHERE basis IS NOT NULL AND basis != '' GROUP BY basis ORDER BY min(id)"
    )
    db.execute(
        "UPDATE payment_lines SET basis_id = "
        "(SELECT b.id FROM payment_bases b WHERE b.text = payment_lines.basis), basis = NULL "
        "WHERE basis IS NOT NULL"
    )


@migrations()
def m011_list_indexes(db: Database) -> None:
    """The lists Rejniki and Otroci as indexes (issue 13: first opening): each holds a
    person's place in the list (``surname_key`` of m009, ``name_key``, id) and the
    columns the screen searches (name, EMŠO, and a carer's address), so the list's ids
    and search texts are read from the index alone, in order — no table row, no sort.
    m009 left the keys without an index: one on the keys alone gave the order but then
    looked up every row out of order for its texts (1.5× slower than SQLite's sort).

    Measured at 20,000 placements (15,000 carers, 20,000 children; CPU, interleaved,
    2-core machine under load): carers 42-52 → 22-37 ms, children 40-58 → 24-38 ms;
    each index ~1.3 MB (the tables 1.9 and 1.7 MB). A save changes one entry."""
    db.execute(
        "CREATE INDEX carers_list_order ON carers(surname_key, name_key, id, name, emso, address)"
    )
    db.execute(
        "CREATE INDEX children_list_order ON children(surname_key, name_key, id, name, emso)"
    )


@migrations()
def m012_reminder_indexes(db: Database) -> None:
    """The trainings of each carer by date, (carer_id, date), in place of the index of
    carer_id alone (its prefix serves every look-up that one did). *Roki* asks at every
    start which carers are due for training (``services.lists.carers_for_training``):
    each carer's latest training and the two sets of carers trained since a day, all
    three now read from this index alone, without the table (a covering index; SQLite
    picks it on its own). Measured (CPU, interleaved, SQLite's cache emptied before each
    run as at the start): ``list_deadlines`` 100 -> 81 ms at 20,000 placements and
    421 -> 390 ms at 80,000 (fastest of 15; medians 128 -> 118 and 544 -> 513), the same
    reminders. Other indexes tried on copies of the demo files gave nothing or less: a
    covering index of R-4 cases or a partial one of the undecided (SQLite then reads the
    cases out of id order and sorts), of R-5 reports (SQLite keeps to the unique index
    of increase_id), of licence dates with names (two ranges instead of one scan).
    Derived due dates are not stored: a writer that forgot one would show a wrong
    reminder."""
    db.execute("CREATE INDEX carer_trainings_latest ON carer_trainings(carer_id, date)")
    db.execute("DROP INDEX carer_trainings_carer")


#: What a line of the ledger is, as readers see it (the table ``payment_lines`` of m005
#: and m010): the view ``payment_lines`` of m013 gives these columns from the lines'
#: parts (its LEFT JOINs on primary keys are left out by SQLite where a query uses no
#: column of theirs, e.g. the paid months a run compares).
_LEDGER_VIEW = """
CREATE VIEW payment_lines AS
SELECT e.id AS id, e.run_id AS run_id, e.kind AS kind, e.for_month AS for_month,
       e.placement_id AS placement_id, e.one_off_id AS one_off_id, p.carer_id AS carer_id,
       p.carer_name AS carer_name, p.child_name AS child_name, p.contract_no AS contract_no,
       p.iban AS iban, p.centre_id AS centre_id, p.centre_name AS centre_name,
       p.unit_id AS unit_id, p.unit_name AS unit_name, f.days AS days, f.factor AS factor,
       f.board AS board, f.board_increase AS board_increase, f.fee AS fee,
       f.fee_uplift AS fee_uplift, f.total AS total, f.reason AS reason, NULL AS basis,
       e.basis_id AS basis_id
FROM payment_entries e
LEFT JOIN payment_payees p ON p.id = e.payee_id
LEFT JOIN payment_figures f ON f.id = e.figures_id
"""

_PAYEE_COLUMNS = (
    "carer_id, carer_name, child_name, contract_no, iban, centre_id, centre_name, unit_id, "
    "unit_name"
)
_FIGURE_COLUMNS = "days, factor, board, board_increase, fee, fee_uplift, total, reason"


@migrations()
def m013_ledger_parts(db: Database) -> None:
    """The ledger's lines in parts (SPEC 3.6: a month closes in ≤ 3 s): who was paid
    (names, contract, IBAN, centre, unit) once in ``payment_payees`` and what (days,
    factor, the five amounts, the reason) once in ``payment_figures``; a line
    (``payment_entries``) names both, its month, placement and basis. Each part is
    written once in the file, as a basis is (m010), and never changed or deleted, so a
    line reads for good what was paid. ``payment_lines`` is now a view giving every
    line with the columns it had, so each reader reads what it read before.

    Measured at 20,000 placements closing June 2027 after a backdated rate (270,291
    lines, 252,291 of them arrears; CPU on a 2-core machine under load): writing the
    lines with their 23 values (~290 bytes each, into three indexes) took 3.9-6.5 s of
    SQLite, now 2.0-2.6 s for eight small values; the whole close 14.2-16.1 s before,
    12.2-12.5 s after (benchmarks/bench_close.py, interleaved). The ledger of the
    benchmark's file (252,293 lines) has 18,129 payees and 107 figures, 202 after that
    close; the file after it is 85 MB instead of 188 MB (both after VACUUM; a migrated
    file keeps the old table's pages free until a VACUUM). Reading is as quick as
    before (the run after the correction, opening the closed month: within the
    machine's noise).

    Indexes: ``payment_entries_run`` (a closed month's lines; appended in order),
    ``payment_entries_overpayment`` (as m008), ``payment_entries_placement`` (a run
    reads the paid months of the few placements changed since the last close through
    it). The parts have no foreign key to them: only ``ledger.LineWriter`` writes a line
    and it writes its parts first, in the same transaction; the lines keep those to
    ``payment_runs`` and ``placements`` (a placement paid is never deleted).

    Existing lines keep their ids (``overpayment_settlements`` names them; it is made
    again to refer to ``payment_entries``); their parts are numbered in the order the
    lines were written. A basis still kept in a line's own column (none after m010) is
    stored in ``payment_bases`` first."""
    db.execute(
        "INSERT OR IGNORE INTO payment_bases (text) SELECT basis FROM payment_lines "
        "WHERE basis IS NOT NULL AND basis != '' GROUP BY basis ORDER BY min(id)"
    )
    db.execute(
        "UPDATE payment_lines SET basis_id = "
        "(SELECT b.id FROM payment_bases b WHERE b.text = payment_lines.basis), basis = NULL "
        "WHERE basis IS NOT NULL AND basis != ''"
    )
    for statement in (
        """
        CREATE TABLE payment_payees (
            id INTEGER PRIMARY KEY,
            carer_id INTEGER,
            carer_name TEXT NOT NULL,
            child_name TEXT NOT NULL,
            contract_no TEXT NOT NULL,
            iban TEXT,
            centre_id INTEGER,
            centre_name TEXT NOT NULL,
            unit_id INTEGER,
            unit_name TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE payment_figures (
            id INTEGER PRIMARY KEY,
            days INTEGER NOT NULL,
            factor TEXT NOT NULL,
            board TEXT NOT NULL,
            board_increase TEXT NOT NULL,
            fee TEXT NOT NULL,
            fee_uplift TEXT NOT NULL,
            total TEXT NOT NULL,
            reason TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE payment_entries (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES payment_runs(id) ON DELETE CASCADE,
            -- not kind IN (…): SQLite builds that list anew for each row written (1.4 s
            -- of 270,000 lines)
            kind TEXT NOT NULL CHECK (kind = 'month' OR kind = 'arrears'
                                      OR kind = 'overpayment' OR kind = 'one_off'),
            for_month TEXT NOT NULL,
            placement_id INTEGER REFERENCES placements(id),
            one_off_id INTEGER,
            payee_id INTEGER NOT NULL,
            figures_id INTEGER NOT NULL,
            basis_id INTEGER
        )
        """,
        f"INSERT INTO payment_payees ({_PAYEE_COLUMNS}) SELECT {_PAYEE_COLUMNS} "
        f"FROM payment_lines GROUP BY {_PAYEE_COLUMNS} ORDER BY min(id)",
        f"INSERT INTO payment_figures ({_FIGURE_COLUMNS}) SELECT {_FIGURE_COLUMNS} "
        f"FROM payment_lines GROUP BY {_FIGURE_COLUMNS} ORDER BY min(id)",
        # each line's parts found through a temporary index of each part's columns
        f"CREATE INDEX temp_payees ON payment_payees ({_PAYEE_COLUMNS})",
        f"CREATE INDEX temp_figures ON payment_figures ({_FIGURE_COLUMNS})",
        """
        INSERT INTO payment_entries (id, run_id, kind, for_month, placement_id, one_off_id,
                                     payee_id, figures_id, basis_id)
        SELECT l.id, l.run_id, l.kind, l.for_month, l.placement_id, l.one_off_id,
               (SELECT p.id FROM payment_payees p WHERE p.carer_id IS l.carer_id
                AND p.carer_name = l.carer_name AND p.child_name = l.child_name
                AND p.contract_no = l.contract_no AND p.iban IS l.iban
                AND p.centre_id IS l.centre_id AND p.centre_name = l.centre_name
                AND p.unit_id IS l.unit_id AND p.unit_name = l.unit_name),
               (SELECT f.id FROM payment_figures f WHERE f.days = l.days
                AND f.factor = l.factor AND f.board = l.board
                AND f.board_increase = l.board_increase AND f.fee = l.fee
                AND f.fee_uplift = l.fee_uplift AND f.total = l.total AND f.reason = l.reason),
               l.basis_id
        FROM payment_lines l ORDER BY l.id
        """,
        "DROP INDEX temp_payees",
        "DROP INDEX temp_figures",
        """
        CREATE TABLE overpayment_settlements_m013 (
            id INTEGER PRIMARY KEY,
            line_id INTEGER NOT NULL UNIQUE REFERENCES payment_entries(id),
            method TEXT NOT NULL CHECK (method IN ('offset', 'refund')),
            offset_month TEXT,
            settled_on TEXT NOT NULL,
            note TEXT,
            recorded_by TEXT NOT NULL,
            CHECK (method = 'refund' OR offset_month IS NOT NULL)
        )
        """,
        "INSERT INTO overpayment_settlements_m013 SELECT * FROM overpayment_settlements",
        "DROP TABLE overpayment_settlements",
        "ALTER TABLE overpayment_settlements_m013 RENAME TO overpayment_settlements",
        "DROP TABLE payment_lines",
        "CREATE INDEX payment_entries_run ON payment_entries(run_id)",
        "CREATE INDEX payment_entries_placement ON payment_entries(placement_id, for_month)",
        "CREATE INDEX payment_entries_overpayment ON payment_entries(id) "
        "WHERE kind = 'overpayment'",
        _LEDGER_VIEW,
    ):
        db.execute(statement)


@migrations()
def m014_overpayment_undoings(db: Database) -> None:
    """An overpayment given back by a later change (SPEC 3.6): an end date removed, a
    rate corrected back, an R-4 decision restored. The run that finds the difference no
    longer pays it as arrears while the overpayment waits on *Roki*: it writes a line of
    the new kind ``overpayment_undone`` (not paid; it brings the ledger's sum for the
    month to today's figures as arrears would) and links it here to the overpayment it
    gives back, in the same transaction as the month's close. ``closes``: this line
    gave back what was left of it (the overpayment leaves *Roki*); otherwise what is
    left is the overpayment's amount plus its undoings. A reopened month's lines take
    their links with them (ON DELETE CASCADE; ``ledger.delete_run`` deletes them first).

    ``payment_entries`` is made again for the new kind (SQLite cannot change a CHECK),
    the ids kept, and so is ``overpayment_settlements``, which refers to it."""
    for statement in (
        """
        CREATE TABLE payment_entries_m014 (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES payment_runs(id) ON DELETE CASCADE,
            -- not kind IN (…): SQLite builds that list anew for each row written
            kind TEXT NOT NULL CHECK (kind = 'month' OR kind = 'arrears'
                                      OR kind = 'overpayment' OR kind = 'one_off'
                                      OR kind = 'overpayment_undone'),
            for_month TEXT NOT NULL,
            placement_id INTEGER REFERENCES placements(id),
            one_off_id INTEGER,
            payee_id INTEGER NOT NULL,
            figures_id INTEGER NOT NULL,
            basis_id INTEGER
        )
        """,
        "INSERT INTO payment_entries_m014 (id, run_id, kind, for_month, placement_id, "
        "one_off_id, payee_id, figures_id, basis_id) SELECT id, run_id, kind, for_month, "
        "placement_id, one_off_id, payee_id, figures_id, basis_id FROM payment_entries "
        "ORDER BY id",
        """
        CREATE TABLE overpayment_settlements_m014 (
            id INTEGER PRIMARY KEY,
            line_id INTEGER NOT NULL UNIQUE REFERENCES payment_entries_m014(id),
            method TEXT NOT NULL CHECK (method IN ('offset', 'refund')),
            offset_month TEXT,
            settled_on TEXT NOT NULL,
            note TEXT,
            recorded_by TEXT NOT NULL,
            CHECK (method = 'refund' OR offset_month IS NOT NULL)
        )
        """,
        "INSERT INTO overpayment_settlements_m014 SELECT * FROM overpayment_settlements",
        "DROP VIEW payment_lines",
        "DROP TABLE overpayment_settlements",
        "DROP TABLE payment_entries",
        # renaming updates the settlements' reference to the new name
        "ALTER TABLE payment_entries_m014 RENAME TO payment_entries",
        "ALTER TABLE overpayment_settlements_m014 RENAME TO overpayment_settlements",
        "CREATE INDEX payment_entries_run ON payment_entries(run_id)",
        "CREATE INDEX payment_entries_placement ON payment_entries(placement_id, for_month)",
        "CREATE INDEX payment_entries_overpayment ON payment_entries(id) "
        "WHERE kind = 'overpayment'",
        _LEDGER_VIEW,
        """
        CREATE TABLE overpayment_undoings (
            line_id INTEGER PRIMARY KEY REFERENCES payment_entries(id) ON DELETE CASCADE,
            overpayment_id INTEGER NOT NULL REFERENCES payment_entries(id),
            closes INTEGER NOT NULL CHECK (closes IN (0, 1))
        )
        """,
        "CREATE INDEX overpayment_undoings_overpayment ON overpayment_undoings(overpayment_id)",
    ):
        db.execute(statement)


#: m015's indexes, by name (``services.lists`` names them in its comments, the tests
#: check that *Roki*'s first rows are read through each)
ROKI_HEAD_INDEXES = {
    # the earliest unpaid refund instalments (a few of all instalments ever written)
    "refund_instalments_unpaid": "refund_instalments(due) WHERE paid_on IS NULL",
    # the R-4 proposals waiting at the coordinator, by the day received (else sent)
    "r4_cases_waiting": (
        "r4_cases(coalesce(received_on, sent_on)) WHERE decided_on IS NULL OR decided_on = ''"
    ),
    # the R-4 fee uplifts by their end
    "r4_cases_uplift_to": "r4_cases(decision_to) WHERE outcome = 'increase'",
    # the carers by licence day (training every three years from it)
    "carers_licence": "carers(licence_date)",
}


@migrations()
def m015_roki_head_indexes(db: Database) -> None:
    """Narrow indexes for *Roki*'s first rows (``services.deadlines.first_deadlines``):
    the rows each ordered reminder is listed by, read in the order of their day and cut
    after the first ones, instead of a scan of three tables at every start (issue 13).
    Partial where only a few rows can ever be asked for (unpaid instalments, undecided
    R-4 cases, fee uplifts), so small and cheap to keep; no data changes. A query of
    *Roki*'s whole list (the CLI, the steps completing the window's list) reads most of
    each table and keeps its scan in id order (``+t.licence_date``, ``NOT INDEXED``:
    through these indexes it was slower; ``tests/services/test_deadlines_plans.py``).
    An index of the reports the centre asked for early was tried and left out: with it
    SQLite read the ended increases through two indexes, no faster than its scan.
    At 80,000 placements the step takes ~130-145 ms of CPU once (plus the copy made
    before every upgrade); *Roki*'s first rows then take ~20-30 instead of ~85 ms.
    ``IF NOT EXISTS``: a file that has them already (made by hand to measure) is left
    as it is."""
    for name, target in ROKI_HEAD_INDEXES.items():
        db.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


#: Namestitve's list order as a table of keys kept by SQLite (m016): each placement's
#: carer's and child's ``surname_key`` and the carer's ``name_key``, the columns
#: ``services.placements.placement_pages`` orders by, indexed in that order
PLACEMENT_ORDER_TRIGGERS = {
    # a placement written, moved to another carer or child, or deleted
    "placement_order_insert": """
        AFTER INSERT ON placements BEGIN
            INSERT OR REPLACE INTO placement_order
            SELECT NEW.id, c.surname_key, ch.surname_key, c.name_key
            FROM carers c, children ch WHERE c.id = NEW.carer_id AND ch.id = NEW.child_id;
        END""",
    "placement_order_update": """
        AFTER UPDATE OF id, carer_id, child_id ON placements
        WHEN OLD.id IS NOT NEW.id OR OLD.carer_id IS NOT NEW.carer_id
            OR OLD.child_id IS NOT NEW.child_id BEGIN
            DELETE FROM placement_order WHERE placement_id = OLD.id;
            INSERT OR REPLACE INTO placement_order
            SELECT NEW.id, c.surname_key, ch.surname_key, c.name_key
            FROM carers c, children ch WHERE c.id = NEW.carer_id AND ch.id = NEW.child_id;
        END""",
    "placement_order_delete": """
        AFTER DELETE ON placements BEGIN
            DELETE FROM placement_order WHERE placement_id = OLD.id;
        END""",
    # a carer renamed (its keys), added (a placement waiting for it) or removed
    "placement_order_carer_update": """
        AFTER UPDATE OF id, surname_key, name_key ON carers
        WHEN OLD.id IS NOT NEW.id OR OLD.surname_key IS NOT NEW.surname_key
            OR OLD.name_key IS NOT NEW.name_key BEGIN
            DELETE FROM placement_order
            WHERE placement_id IN (SELECT id FROM placements WHERE carer_id = OLD.id);
            INSERT OR REPLACE INTO placement_order
            SELECT t.id, NEW.surname_key, ch.surname_key, NEW.name_key
            FROM placements t JOIN children ch ON ch.id = t.child_id WHERE t.carer_id = NEW.id;
        END""",
    "placement_order_carer_insert": """
        AFTER INSERT ON carers BEGIN
            INSERT OR REPLACE INTO placement_order
            SELECT t.id, NEW.surname_key, ch.surname_key, NEW.name_key
            FROM placements t JOIN children ch ON ch.id = t.child_id WHERE t.carer_id = NEW.id;
        END""",
    "placement_order_carer_delete": """
        AFTER DELETE ON carers BEGIN
            DELETE FROM placement_order
            WHERE placement_id IN (SELECT id FROM placements WHERE carer_id = OLD.id);
        END""",
    # the same for a child
    "placement_order_child_update": """
        AFTER UPDATE OF id, surname_key ON children
        WHEN OLD.id IS NOT NEW.id OR OLD.surname_key IS NOT NEW.surname_key BEGIN
            DELETE FROM placement_order
            WHERE placement_id IN (SELECT id FROM placements WHERE child_id = OLD.id);
            INSERT OR REPLACE INTO placement_order
            SELECT t.id, c.surname_key, NEW.surname_key, c.name_key
            FROM placements t JOIN carers c ON c.id = t.carer_id WHERE t.child_id = NEW.id;
        END""",
    "placement_order_child_insert": """
        AFTER INSERT ON children BEGIN
            INSERT OR REPLACE INTO placement_order
            SELECT t.id, c.surname_key, NEW.surname_key, c.name_key
            FROM placements t JOIN carers c ON c.id = t.carer_id WHERE t.child_id = NEW.id;
        END""",
    "placement_order_child_delete": """
        AFTER DELETE ON children BEGIN
            DELETE FROM placement_order
            WHERE placement_id IN (SELECT id FROM placements WHERE child_id = OLD.id);
        END""",
}


@migrations()
def m016_placement_order(db: Database) -> None:
    """Namestitve's order as an index (issue 13: the screen's first opening). The list
    is ordered by its carer's ``surname_key``, its child's, the carer's ``name_key`` and
    the id (m009) — columns of three tables, which no index of one table can hold, so
    every opening joined 20,000 placements to their carers and children and sorted them
    (a temp B-tree): ~170 million instructions at 20,000 placements, 35-45 % of the
    opening, ~4× that at 80,000. ``placement_order`` holds those keys for each placement
    whose carer and child exist (as the join does), and its index gives the ids in list
    order, read from the index alone (~64 million at 20,000).

    The table is derived data, like an index: SQLite keeps it in the transaction of
    every change by the triggers ``PLACEMENT_ORDER_TRIGGERS`` (a placement written,
    moved or deleted; a carer or child renamed, added or removed — a rename changes the
    rows of its few placements); the store never writes it and the change log does not
    record it. A step that makes ``placements``, ``carers`` or ``children`` again must
    make these triggers again. Running the step again changes nothing (``IF NOT
    EXISTS``; the rows are made anew from the join)."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS placement_order (placement_id INTEGER PRIMARY KEY, "
        "carer_key TEXT, child_key TEXT, carer_name_key TEXT)"
    )
    db.execute(
        "CREATE INDEX IF NOT EXISTS placement_order_list "
        "ON placement_order(carer_key, child_key, carer_name_key, placement_id)"
    )
    db.execute("DELETE FROM placement_order")  # a second run: made anew, the same
    db.execute(
        "INSERT INTO placement_order SELECT t.id, c.surname_key, ch.surname_key, "
        "c.name_key FROM placements t JOIN carers c ON c.id = t.carer_id "
        "JOIN children ch ON ch.id = t.child_id"
    )
    for name, body in PLACEMENT_ORDER_TRIGGERS.items():
        db.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


#: a placement's search text in Namestitve, joined by SQLite as
#: ``services.placements.placement_texts`` joins it (m017)
_PLACEMENT_TEXT = "{t}.contract_no || ' ' || {c}.name || ' ' || {ch}.name"


def _order_row(t: str, c: str, ch: str) -> str:
    """The columns of one ``placement_order`` row from a placement, carer and child
    (each a table alias or ``NEW``)."""
    text = _PLACEMENT_TEXT.format(t=t, c=c, ch=ch)
    return f"{t}.id, {c}.surname_key, {ch}.surname_key, {c}.name_key, {text}"


#: m016's triggers with the search text (m017): they fire also when a contract number,
#: a carer's or a child's name changes, as the text is made of them
PLACEMENT_TEXT_TRIGGERS = {
    "placement_order_insert": f"""
        AFTER INSERT ON placements BEGIN
            INSERT OR REPLACE INTO placement_order
            SELECT {_order_row("NEW", "c", "ch")}
            FROM carers c, children ch WHERE c.id = NEW.carer_id AND ch.id = NEW.child_id;
        END""",
    "placement_order_update": f"""
        AFTER UPDATE OF id, carer_id, child_id, contract_no ON placements
        WHEN OLD.id IS NOT NEW.id OR OLD.carer_id IS NOT NEW.carer_id
            OR OLD.child_id IS NOT NEW.child_id
            OR OLD.contract_no IS NOT NEW.contract_no BEGIN
            DELETE FROM placement_order WHERE placement_id = OLD.id;
            INSERT OR REPLACE INTO placement_order
            SELECT {_order_row("NEW", "c", "ch")}
            FROM carers c, children ch WHERE c.id = NEW.carer_id AND ch.id = NEW.child_id;
        END""",
    "placement_order_delete": PLACEMENT_ORDER_TRIGGERS["placement_order_delete"],
    "placement_order_carer_update": f"""
        AFTER UPDATE OF id, surname_key, name_key, name ON carers
        WHEN OLD.id IS NOT NEW.id OR OLD.surname_key IS NOT NEW.surname_key
            OR OLD.name_key IS NOT NEW.name_key OR OLD.name IS NOT NEW.name BEGIN
            DELETE FROM placement_order
            WHERE placement_id IN (SELECT id FROM placements WHERE carer_id = OLD.id);
            INSERT OR REPLACE INTO placement_order
            SELECT {_order_row("t", "NEW", "ch")}
            FROM placements t JOIN children ch ON ch.id = t.child_id WHERE t.carer_id = NEW.id;
        END""",
    "placement_order_carer_insert": f"""
        AFTER INSERT ON carers BEGIN
            INSERT OR REPLACE INTO placement_order
            SELECT {_order_row("t", "NEW", "ch")}
            FROM placements t JOIN children ch ON ch.id = t.child_id WHERE t.carer_id = NEW.id;
        END""",
    "placement_order_carer_delete": PLACEMENT_ORDER_TRIGGERS["placement_order_carer_delete"],
    "placement_order_child_update": f"""
        AFTER UPDATE OF id, surname_key, name ON children
        WHEN OLD.id IS NOT NEW.id OR OLD.surname_key IS NOT NEW.surname_key
            OR OLD.name IS NOT NEW.name BEGIN
            DELETE FROM placement_order
            WHERE placement_id IN (SELECT id FROM placements WHERE child_id = OLD.id);
            INSERT OR REPLACE INTO placement_order
            SELECT {_order_row("t", "c", "NEW")}
            FROM placements t JOIN carers c ON c.id = t.carer_id WHERE t.child_id = NEW.id;
        END""",
    "placement_order_child_insert": f"""
        AFTER INSERT ON children BEGIN
            INSERT OR REPLACE INTO placement_order
            SELECT {_order_row("t", "c", "NEW")}
            FROM placements t JOIN carers c ON c.id = t.carer_id WHERE t.child_id = NEW.id;
        END""",
    "placement_order_child_delete": PLACEMENT_ORDER_TRIGGERS["placement_order_child_delete"],
}


@migrations()
def m017_placement_texts(db: Database) -> None:
    """Namestitve's search texts in list order (issue 13: the search at 80,000). After
    m016 the list read its ids at once and the texts later, a slice of 250 at a time in
    idle moments (each a join, 6-13 ms at 80,000), so while the user typed the search
    said »iščem …« for seconds. ``placement_order`` now holds each placement's search text too, and
    its index ends with it: the texts come in list order from the index alone, 4,000 in
    one idle slice of ~2-5 ms (``services.placements.TextsInIndex``), so at 80,000 the
    list has every text ~0.3 s after its first paint instead of ~0.7 s (320 slices).

    Derived data as in m016: the triggers ``PLACEMENT_TEXT_TRIGGERS`` (plain SQL, so
    any SQLite can write the file) replace m016's and fire also on a contract number's
    or a name's change. A step that makes ``placements``, ``carers`` or ``children``
    again must make these triggers again. The table is made anew (80,000: ~0.3 s, in
    the upgrade's transaction, after its backup copy); running the step again changes
    nothing."""
    for name in PLACEMENT_TEXT_TRIGGERS:
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    db.execute("DROP TABLE IF EXISTS placement_order")
    db.execute(
        "CREATE TABLE placement_order (placement_id INTEGER PRIMARY KEY, "
        "carer_key TEXT, child_key TEXT, carer_name_key TEXT, search_text TEXT)"
    )
    db.execute(
        "INSERT INTO placement_order SELECT "
        f"{_order_row('t', 'c', 'ch')} FROM placements t "
        "JOIN carers c ON c.id = t.carer_id JOIN children ch ON ch.id = t.child_id"
    )
    # made after the rows: one sort, not 80,000 inserts into a B-tree
    db.execute(
        "CREATE INDEX placement_order_list ON placement_order"
        "(carer_key, child_key, carer_name_key, placement_id, search_text)"
    )
    for name, body in PLACEMENT_TEXT_TRIGGERS.items():
        db.execute(f"CREATE TRIGGER {name} {body}")


@migrations()
def m018_package_times(db: Database) -> None:
    """``r4_cases.package_created_at``: when the package a case was last taken from was
    made (its manifest's ``created_at``, UTC ISO) — the proposal at the coordinator, the
    resolution at the carer's centre. A proposal corrected and sent again travels as a
    second package; opened in the wrong order, the older one brought the old text back
    over the correction. The import now compares the times (``exchange.package_times``):
    no package older than the one the case holds is taken, and a corrected resolution is
    taken only from a newer one. NULL for cases made here and for cases imported before
    this step: their next proposal is taken as before, and its time kept."""
    db.execute("ALTER TABLE r4_cases ADD COLUMN package_created_at TEXT")


@migrations()
def m019_slovenian_order(db: Database) -> None:
    """``surname_key`` of carers and children in the Slovenian alphabet's order (c, č, ć,
    d … s, š … z, ž: ``rules.text.sort_fold``); m009's keys took č as c, so Rejniki,
    Otroci and Namestitve put »Čebašek« before »Cesar« and »Žnidaršič« before »Zupan«.
    Only the keys of names with č, ć, đ, š or ž are made again (the others are what they
    were); ``placement_order`` is then made anew by m017 (its triggers, row by row,
    took 1.2 s at 20,000 placements; so the step takes 0.6 s). Running it
    again changes nothing."""
    from rejnistvo.rules.text import surname_sort_keys

    for name in PLACEMENT_TEXT_TRIGGERS:
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    marked = tuple("čćđšžČĆĐŠŽ")
    for table in ("carers", "children"):
        rows = [
            (row_id, name)
            for row_id, name in db.execute(f"SELECT id, name FROM {table}")
            if name and any(letter in name for letter in marked)
        ]
        keys = surname_sort_keys([name for _id, name in rows])
        db.conn.executemany(
            f"UPDATE {table} SET surname_key = ? WHERE id = ? AND surname_key IS NOT ?",
            [(key, row_id, key) for (row_id, _name), key in zip(rows, keys, strict=True)],
        )
    m017_placement_texts(db)  # the list's keys anew, and the triggers again


@migrations()
def m020_refund_excess(db: Database) -> None:
    """What a carer paid back beyond the refund (a payment larger than its instalment, or
    a finding corrected down after payments): ``refunds.excess``, the amount the service
    found at the refund's last save (NULL: none), and ``refunds.excess_returned_on``, the
    day the centre gave it back. Before, a payment beyond the refund was refused and the
    money had no place; now it is recorded as paid and *Roki* reminds the centre until the
    day is entered — read through the partial index ``refunds_excess_owed`` (a few rows),
    not by adding up every refund's instalments at each start (+14 ms at 20,000
    placements)."""
    db.execute("ALTER TABLE refunds ADD COLUMN excess TEXT")
    db.execute("ALTER TABLE refunds ADD COLUMN excess_returned_on TEXT")
    db.execute(
        "CREATE INDEX refunds_excess_owed ON refunds(increase_id) "
        "WHERE excess IS NOT NULL AND excess_returned_on IS NULL"
    )


@migrations()
def m021_earlier_reports(db: Database) -> None:
    """The centre may ask for an R-5 report at any time, »ne glede na morebitno predhodno
    poročanje« (čl. 28/3): a report asked for again after one was received. The received
    one (its date, the day it was asked for by, its expenses, and the finding and the
    call's deadline and method as they stood, for printing it again) moves to
    ``r5_earlier_reports``; ``r5_reports.asked_again_on`` is the day the new one was asked
    for, so the case awaits it from then. Nothing is written to existing rows."""
    # one statement at a time (executescript commits): the step stays one transaction
    for statement in _M021.split(";"):
        if statement.strip():
            db.execute(statement)


_M021 = """
        ALTER TABLE r5_reports ADD COLUMN asked_again_on TEXT;
        CREATE TABLE r5_earlier_reports (
            id INTEGER PRIMARY KEY,
            increase_id INTEGER NOT NULL REFERENCES board_increases(id),
            report_requested_on TEXT,
            report_date TEXT NOT NULL,
            finding_date TEXT,
            justified TEXT,
            unjustified TEXT,
            finding_centre_id INTEGER REFERENCES centres(id),
            finding_unit_id INTEGER REFERENCES units(id),
            refund_deadline TEXT,
            refund_method TEXT CHECK (refund_method IN ('lump_sum', 'as_received')),
            asked_again_on TEXT NOT NULL
        );
        CREATE TABLE r5_earlier_expenses (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES r5_earlier_reports(id) ON DELETE CASCADE,
            category TEXT NOT NULL
                CHECK (category IN ('education', 'interest', 'health', 'other')),
            description TEXT,
            amount TEXT NOT NULL,
            document TEXT
        );
        CREATE INDEX r5_earlier_reports_increase ON r5_earlier_reports(increase_id);
        CREATE INDEX r5_earlier_expenses_report ON r5_earlier_expenses(report_id)
"""


@migrations()
def m022_sepa_files(db: Database) -> None:
    """Which carers each bank file (SEPA, pain.001) of a month paid: the export leaves out
    a carer without a valid IBAN instead of refusing the whole file, and once the IBAN is
    entered makes a file of only those not yet in one — nobody paid twice by a second file
    of the same month. ``sepa_files`` is a file made (month, when, by whom, the day asked of
    the bank, count and total, 1 for a supplementary file of only the left out);
    ``sepa_file_transfers`` its transfers (carer, contract, amount). Nothing is written to
    existing rows; a reopened month keeps its files (the bank may have paid them)."""
    for statement in _M022.split(";"):
        if statement.strip():
            db.execute(statement)


_M022 = """
        CREATE TABLE sepa_files (
            id INTEGER PRIMARY KEY,
            month TEXT NOT NULL,
            made_at TEXT NOT NULL,
            made_by TEXT NOT NULL,
            execution_date TEXT NOT NULL,
            transfer_count INTEGER NOT NULL,
            total TEXT NOT NULL,
            only_left_out INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE sepa_file_transfers (
            id INTEGER PRIMARY KEY,
            file_id INTEGER NOT NULL REFERENCES sepa_files(id),
            carer_id INTEGER,
            carer TEXT NOT NULL,
            contract TEXT NOT NULL,
            amount TEXT NOT NULL
        );
        CREATE INDEX sepa_files_month ON sepa_files(month);
        CREATE INDEX sepa_file_transfers_file ON sepa_file_transfers(file_id)
"""
