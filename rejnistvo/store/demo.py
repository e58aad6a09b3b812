"""Realistic, invented demo data (`python -m rejnistvo demo --db DB [--scale N]`).

Everything is invented: names are drawn from common Slovenian first names and
surnames, EMŠO numbers are made up with a correct check digit. A fixed random seed
makes the same file every time for the same day; dates are relative to today so the
deadline lists always show something (an overdue R-5 report, reports due soon, an R-4
proposal waiting at the coordinator, a coordinator's term ending).

Rows are written with `insert_all` in one transaction; the audit log gets one "import"
row per table (not one per record), which keeps 20,000 placements to a few seconds.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database
from stdnum import iban as stdnum_iban
from stdnum.si import emso as stdnum_emso

from rejnistvo.rules.errors import RuleError
from rejnistvo.rules.money import round2
from rejnistvo.rules.text import surname_sort_keys
from rejnistvo.rules.workdays import next_working_day
from rejnistvo.store.audit import write_audit
from rejnistvo.store.demo_places import post_office
from rejnistvo.store.errors import StoreError, sqlite_errors_as_store_errors

if TYPE_CHECKING:
    from rejnistvo.store.connection import StoreDatabase

SEED = 2026
DEFAULT_PLACEMENTS = 40

MALE = """Luka Jan Žan Nik Miha Matej Nejc Žiga Tilen Gašper Jure Rok Blaž Urban Aljaž Tadej
Jaka Vid Domen Matic Bojan Janez Marko Andrej Tomaž Boštjan Franc Jožef Primož Dušan""".split()
FEMALE = """Ana Eva Lara Zala Nika Špela Maša Neža Živa Tjaša Urška Katja Brina Pia Manca Ajda
Mojca Nataša Barbara Tanja Petra Mateja Darja Vesna Irena Majda Jožica Simona Alenka Anja""".split()
SURNAMES = """Novak Horvat Krajnc Zupančič Kovačič Potočnik Mlakar Kos Vidmar Golob Turk Kralj
Božič Korošec Zupan Bizjak Hribar Kotnik Rozman Kavčič Petek Žagar Kolar Košir Koren Oblak
Mrak Jerman Jereb Majcen Pušnik Šinkovec Debeljak Žnidaršič Hočevar Vovk Ravnikar Čuk Šuštar
Kramaršič Škof Medved Zajc Gregorič Lešnik Ferjančič Čeh Pečnik Štefanič Rupnik""".split()
STREETS = """Cankarjeva ulica|Prešernova cesta|Trubarjeva ulica|Ulica talcev|Šolska ulica|Cesta
svobode|Gubčeva ulica|Župančičeva ulica|Kidričeva cesta|Vrtna ulica|Obrtniška ulica|Ulica
heroja Šaranoviča|Jurčičeva ulica|Lipovška cesta|Partizanska cesta""".replace("\n", " ").split("|")
REASON_KEYS = (
    "severe_illness",
    "physical_disability",
    "emotional_behavioural",
    "special_needs",
    "trauma",
)
EXPENSES = {
    "education": ("učbeniki in delovni zvezki", "inštrukcije iz matematike", "šolska ekskurzija"),
    "interest": ("vadnina za nogomet", "glasbena šola – šolnina", "plavalni tečaj"),
    "health": ("očala", "ortodontski aparat – doplačilo", "fizioterapija"),
    "other": ("logopedska obravnava", "psihoterapevtska obravnava"),
}
R4_STATES = ("prepared", "sent", "accepted", "commission_named", "decided", "returned")
#: the subgroup whose coordinator's register the README shows (``python -m rejnistvo
#: register --subgroup 3``), and the places in the list of cases it gets, the most telling
#: first (a small demo has two or three of its placements): a case's state is
#: ``R4_STATES[k % 6]`` — decided (with its resolution number), sent and waiting too
#: long, returned, accepted
REGISTER_SUBGROUP = 3
REGISTER_POSITIONS = (4, 1, 5, 2)
R5_KINDS = (
    "awaiting",
    "due_soon",
    "overdue",
    "reported",
    "found",
    "refund_lump",
    "refund_instalments",
    "refunded",
)
# Caseworkers who write the demo's R-4 proposals (r4_cases.prepared_by).
CASEWORKERS = ("Nataša Kovačič", "Boštjan Žnidaršič", "Mateja Pečnik", "Urška Čebular")
# Each table a demo must find empty, with its Slovenian name for the refusal.
_EMPTY_CHECK = {
    "carers": "rejnike",
    "children": "otroke",
    "placements": "namestitve",
    "r4_cases": "predloge R-4",
    "board_increases": "zvišanja oskrbnine",
}


def make_emso(rng: random.Random, birth: date, sex: str) -> str:
    """An invented EMŠO: DDMMYYY, region 50 (Slovenia), serial by sex, check digit."""
    serial = rng.randrange(0, 500) if sex == "M" else rng.randrange(500, 1000)
    body = f"{birth:%d%m}{birth.year % 1000:03d}50{serial:03d}"
    return body + stdnum_emso.calc_check_digit(body)


def _person(rng: random.Random, birth: date, sex: str | None = None) -> dict[str, Any]:
    sex = sex or rng.choice("MF")
    first = rng.choice(MALE if sex == "M" else FEMALE)
    surname = rng.choice(SURNAMES)
    name = f"{first} {surname}"
    return {
        "name": name,
        "name_key": name.casefold(),
        "surname_key": surname_sort_keys([name])[0],
        "emso": make_emso(rng, birth, sex),
    }


def _birth(rng: random.Random, today: date, min_age: int, max_age: int) -> date:
    return today - timedelta(days=rng.randint(min_age * 365 + 1, max_age * 365 - 1))


def _born_before(child: dict[str, Any], start: date) -> None:
    """A child drawn younger than its placement is born as long before the start as it
    was drawn after it (no further draw: the rest of the file stays what it was), its
    EMŠO with it: the program refuses a placement that starts before the child's birth."""
    birth = date.fromisoformat(child["birth_date"])
    if birth <= start:
        return
    birth = start - (birth - start)
    child["birth_date"] = birth.isoformat()
    emso = child["emso"]
    body = f"{birth:%d%m}{birth.year % 1000:03d}{emso[7:12]}"
    child["emso"] = body + stdnum_emso.calc_check_digit(body)


def _licensed_before(carer: dict[str, Any], start: date) -> None:
    """A carer is licensed before each of their placements starts (mirrored like a
    birth; only ever earlier, so the carer's earlier placements stay after it too)."""
    licence = date.fromisoformat(carer["licence_date"])
    if licence > start:
        carer["licence_date"] = (start - (licence - start)).isoformat()


def _ids(start: int) -> Iterator[int]:
    n = start
    while True:
        yield n
        n += 1


def _max_id(db: Database, table: str) -> int:
    return int(db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0])


def ensure_empty(db: Database) -> None:
    for table, what in _EMPTY_CHECK.items():
        if db[table].exists() and db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
            raise StoreError(
                "Predstavitvene podatke je mogoče vpisati le v novo, prazno podatkovno zbirko; "
                f"ta že vsebuje {what}. Izberite ime nove datoteke."
            )


def fill_demo(
    db: Database, scale: int | None = None, today: date | None = None, seed: int = SEED
) -> dict[str, int]:
    """Fill an empty database; returns how many rows each table got."""
    ensure_empty(db)
    if today is None:
        from rejnistvo.clock import SystemClock

        today = SystemClock().today()
    rng = random.Random(seed)
    n_placements = scale if scale else DEFAULT_PLACEMENTS
    builder = _Builder(db, rng, today)
    # one transaction, the closed months in it: a failure (a full disk) leaves the file
    # as it was, never people without their closed months
    with sqlite_errors_as_store_errors(db=db), db.atomic():
        builder.settings()
        builder.subgroup_people()
        builder.people(n_placements)
        builder.placements(n_placements)
        builder.r4_cases()
        builder.board_increases()
        builder.one_off_payments()
        counts = builder.write()
        counts["closed_months"] = _close_and_backdate(db, today)
    return counts


def fill_demo_file(path: Path, scale: int | None = None) -> dict[str, int]:
    """`demo --db PATH`: open (or make) the file and fill it (``fill_demo``). When the
    filling fails, a file this call made is removed with its journals and lock file —
    nothing half-made is left to be taken for a database (SPEC 6); a file that was there
    stays as it was (the filling is one transaction)."""
    from rejnistvo.store.connection import open_db

    made = not path.exists()
    db = open_db(path)
    try:
        counts = fill_demo(db, scale=scale)
    except BaseException:
        if made:
            _remove_made_file(db, path)
        else:
            db.close()
        raise
    db.close()
    return counts


def _remove_made_file(db: StoreDatabase, path: Path) -> None:
    """Close `db` and remove its file while its lock is still held (no other copy opens
    the file in between), then let the lock go, removing the lock file it made."""
    lock, db._lock = db._lock, None  # closed without the lock's release (and its note)
    try:
        db.close()
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):  # what cannot go is no database either
                path.with_name(path.name + suffix).unlink(missing_ok=True)
    finally:
        if lock is not None:
            lock.refused = True
            lock.release()


DEMO_BANKS = ("01100", "02010", "03100", "04430", "05100", "06000", "10100", "19100")


def make_iban(rng: random.Random) -> str:
    """An invented Slovenian IBAN: bank code, account, national and IBAN check digits."""
    body = rng.choice(DEMO_BANKS) + f"{rng.randrange(10**8):08d}"
    national = 98 - int(body + "00") % 97  # ISO 7064 mod 97-10, as Slovenian accounts
    bban = f"{body}{national:02d}"
    return f"SI{stdnum_iban.calc_check_digits('SI00' + bban)}{bban}"


def _close_and_backdate(db: Database, today: date) -> int:
    """Close the two months before today's month (the payment ledger, SPEC 3.6), then
    move the start of an R-4 uplift decided after them back to the first of them: the
    current month's run shows its arrears. Returns how many months were closed."""
    from rejnistvo.clock import FixedClock
    from rejnistvo.rules.periods import add_months
    from rejnistvo.services.payment_run import close_month
    from rejnistvo.store.repository import save_record

    clock = FixedClock(today)
    this_month = today.replace(day=1)
    months = [add_months(this_month, -2), add_months(this_month, -1)]
    for month in months:
        close_month(db, month, clock)
    # The commission decided after those months closed, with the uplift from the first of
    # them (the usual late R-4 decision): the current month's run pays it as arrears.
    row = db.execute(
        "SELECT id, version FROM r4_cases WHERE outcome = 'increase' AND decided_on >= ? "
        "ORDER BY id LIMIT 1",
        [months[-1].isoformat()],
    ).fetchone()
    if row is not None:
        year_end = add_months(months[0], 12) - timedelta(days=1)
        save_record(
            db,
            "r4_cases",
            {"id": row[0], "version": row[1], "period_from": months[0], "period_to": year_end,
             "decision_from": months[0], "decision_to": year_end},
        )  # fmt: skip
    return len(months)


class _Builder:
    def __init__(self, db: Database, rng: random.Random, today: date) -> None:
        self.db, self.rng, self.today = db, rng, today
        self.rows: dict[str, list[dict[str, Any]]] = {}
        # IBANs from their own generator: the rest of the data stays what it was.
        self.iban_rng = random.Random(rng.getstate()[1][0])
        self.centres = [row["id"] for row in db.query("SELECT id FROM centres ORDER BY id")]
        if not self.centres:
            raise StoreError("V zbirki ni centrov za socialno delo (katalog centres.json manjka).")
        self.units: dict[int, list[int]] = {}
        self.post_of_unit: dict[int, str | None] = {}
        for row in db.query("SELECT id, centre_id, name FROM units ORDER BY id"):
            self.units.setdefault(row["centre_id"], []).append(row["id"])
            self.post_of_unit[row["id"]] = post_office(row["name"])
        self.post_of_centre = {
            row["id"]: post_office(row["seat"]) for row in db.query("SELECT id, seat FROM centres")
        }
        self.subgroup_of = {
            row["centre_id"]: row["subgroup_id"]
            for row in db.query("SELECT centre_id, subgroup_id FROM subgroup_centres")
        }
        self.centre_names = {
            row["id"]: row["name"] for row in db.query("SELECT id, name FROM centres")
        }

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.rows.setdefault(table, []).append(row)

    def day(self, offset: int) -> str:
        return (self.today + timedelta(days=offset)).isoformat()

    # -- settings, subgroups ------------------------------------------------------
    def settings(self) -> None:
        self.db.table("settings").upsert({"key": "user_name", "value": "Demo uporabnik"}, pk="key")
        # The payer of the SEPA file (SPEC 3.6): the first centre, an invented account.
        payer = self.centre_names[self.centres[0]]
        for key, value in (("centre_name", payer), ("centre_iban", make_iban(random.Random(7)))):
            self.db.table("settings").upsert({"key": key, "value": value}, pk="key")

    def subgroup_people(self) -> None:
        rng = self.rng
        coordinator_ids, candidate_ids = (
            _ids(_max_id(self.db, "coordinators") + 1),
            _ids(_max_id(self.db, "candidates") + 1),
        )
        for subgroup in range(1, 7):
            centres = [c for c, s in self.subgroup_of.items() if s == subgroup] or self.centres
            # Subgroup 3's coordinator's term ends in 20 days: the reminder list shows it.
            start = self.today - timedelta(days=345 if subgroup == 3 else rng.randint(30, 300))
            end = (
                start.replace(year=start.year + 1) - timedelta(days=1)
                if not (start.month == 2 and start.day == 29)
                else start + timedelta(days=364)
            )
            person = _person(rng, _birth(rng, self.today, 35, 60))
            self.add(
                "coordinators",
                {
                    "id": next(coordinator_ids),
                    "subgroup_id": subgroup,
                    "name": person["name"],
                    "centre_id": rng.choice(centres),
                    "term_from": start.isoformat(),
                    "term_to": end.isoformat(),
                },
            )
            for k in range(9):
                person = _person(rng, _birth(rng, self.today, 30, 62))
                added = self.today - timedelta(
                    days=rng.randint(400, 1500) if k < 7 else rng.randint(5, 60)
                )
                removed = self.day(-rng.randint(10, 90)) if k == 0 else None
                centre = rng.choice(centres)
                units: list[int | None] = list(self.units.get(centre, [])) or [None]
                self.add(
                    "candidates",
                    {
                        "id": next(candidate_ids),
                        "subgroup_id": subgroup,
                        "name": person["name"],
                        "centre_id": centre,
                        # Picked by position, not by rng: the rest of the data stays the same.
                        "unit_id": units[k % len(units)],
                        "added_on": added.isoformat(),
                        "removed_on": removed,
                    },
                )

    # -- carers, children, placements ---------------------------------------------
    def people(self, n_placements: int) -> None:
        rng = self.rng
        n_carers = (
            max(30, n_placements * 3 // 4) if n_placements >= 40 else max(1, n_placements * 3 // 4)
        )
        carer_ids = _ids(_max_id(self.db, "carers") + 1)
        training_ids = _ids(_max_id(self.db, "carer_trainings") + 1)
        self.carers: list[dict[str, Any]] = []
        for k in range(n_carers):
            person = _person(
                rng, _birth(rng, self.today, 32, 66), "F" if rng.random() < 0.7 else "M"
            )
            centre = rng.choice(self.centres)
            licence = self.today - timedelta(days=rng.randint(400, 5000))
            carer = {
                "id": next(carer_ids),
                **person,
                "address": f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
                "licence_date": licence.isoformat(),
                "centre_id": centre,
                "unit_id": rng.choice(self.units.get(centre, [None])),
                "email": None,
                "electronic_delivery": 0,
                "iban": make_iban(self.iban_rng),
            }
            # the unit's town (no further draw: the rest of the file stays what it was)
            office = self.post_of_unit.get(carer["unit_id"]) or self.post_of_centre.get(centre)
            if office:
                carer["address"] += f", {office}"
            self.carers.append(carer)
            self.add("carers", carer)
            # Training every 3 years (čl. 42); the first carers' next one is due soon or overdue.
            last = self.today - timedelta(
                days=(3 * 365 - 20 + 40 * k) if k < 3 else rng.randint(30, 1000)
            )
            self.add(
                "carer_trainings",
                {
                    "id": next(training_ids),
                    "carer_id": carer["id"],
                    "date": last.isoformat(),
                    "description": "Obvezno usposabljanje za rejnike",
                },
            )
        child_ids = _ids(_max_id(self.db, "children") + 1)
        self.children: list[dict[str, Any]] = []
        for _ in range(n_placements):
            birth = _birth(rng, self.today, 1, 19)
            centre = rng.choice(self.centres)
            child = {
                "id": next(child_ids),
                **_person(rng, birth),
                "birth_date": birth.isoformat(),
                "centre_id": centre,
                "unit_id": rng.choice(self.units.get(centre, [None])),
            }
            self.children.append(child)
            self.add("children", child)

    def placements(self, n: int) -> None:
        rng = self.rng
        placement_ids = _ids(_max_id(self.db, "placements") + 1)
        period_ids = _ids(_max_id(self.db, "placement_periods") + 1)
        self.active: list[dict[str, Any]] = []
        for k in range(n):
            child = self.children[k]
            carer = self.carers[k % len(self.carers)]
            pid = next(placement_ids)
            start = self.today - timedelta(days=rng.randint(420, 2200))
            _born_before(child, start)
            _licensed_before(carer, start)
            part_time = k % 17 == 5
            placement = {
                "id": pid,
                "contract_no": f"1220-{100 + k}/{start.year}",
                "carer_id": carer["id"],
                "child_id": child["id"],
                "carer_centre_id": carer["centre_id"],
                "child_centre_id": child["centre_id"],
                "part_time": int(part_time),
                "fee_share": "0.40" if part_time else None,
                "note": None,
            }
            self.add("placements", placement)
            first_end = start + timedelta(days=rng.randint(300, 400))
            self.add(
                "placement_periods",
                {
                    "id": next(period_ids),
                    "placement_id": pid,
                    "kind": "contract",
                    "document_no": placement["contract_no"],
                    "from_date": start.isoformat(),
                    "to_date": first_end.isoformat(),
                },
            )
            ended = k % 10 == 9
            # An ended placement ends after its contract period and before today.
            end = (
                min(
                    first_end + timedelta(days=rng.randint(30, 200)), self.today - timedelta(days=1)
                )
                if ended
                else None
            )
            self.add(
                "placement_periods",
                {
                    "id": next(period_ids),
                    "placement_id": pid,
                    "kind": "annex",
                    "document_no": f"Aneks 1 k {placement['contract_no']}",
                    "from_date": (first_end + timedelta(days=1)).isoformat(),
                    "to_date": end.isoformat() if end else None,
                },
            )
            if not ended and not part_time:
                self.active.append(
                    {"placement": placement, "child": child, "carer": carer, "start": start}
                )

    # -- R-4 ----------------------------------------------------------------------
    def _with_register_cases(self, chosen: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Every other active placement has an R-4 case, and ``REGISTER_SUBGROUP``'s
        coordinator has some at each later step (the one waiting too long among them):
        the README's register example is of that subgroup, and by chance its centres' carers
        might have none. Placements of its centres take (or swap) the places of others,
        with no draw of the generator: the rest of the data stays what it was."""
        targets = [k for k in REGISTER_POSITIONS if k < len(chosen)]
        ours = [
            item
            for item in self.active
            if self.subgroup_of.get(item["carer"]["centre_id"]) == REGISTER_SUBGROUP
            and not any(item is chosen[k] for k in targets)
        ]
        chosen = list(chosen)
        for k in targets:
            if not ours:
                break
            if self.subgroup_of.get(chosen[k]["carer"]["centre_id"]) == REGISTER_SUBGROUP:
                continue
            item = ours.pop(0)
            # a case of the subgroup at another place swaps with this one: no placement twice
            at = next((j for j, other in enumerate(chosen) if other is item), None)
            if at is not None:
                chosen[at] = chosen[k]
            chosen[k] = item
        return chosen

    def r4_cases(self) -> None:
        rng = self.rng
        case_ids = _ids(_max_id(self.db, "r4_cases") + 1)
        member_ids, reason_ids = (
            _ids(_max_id(self.db, "r4_members") + 1),
            _ids(_max_id(self.db, "r4_reasons") + 1),
        )
        counters: dict[tuple[int, int], int] = {}
        candidates: dict[int, list[dict[str, Any]]] = {}
        for cand in self.rows["candidates"]:
            if not cand["removed_on"]:
                candidates.setdefault(cand["subgroup_id"], []).append(cand)
        chosen = self._with_register_cases(self.active[0::2])
        for k, item in enumerate(chosen):
            state = R4_STATES[k % len(R4_STATES)]
            placement, carer = item["placement"], item["carer"]
            centre = carer["centre_id"]
            subgroup = self.subgroup_of.get(centre, 1)
            prepared = self.today - timedelta(days=rng.randint(5, 25) + 8 * R4_STATES.index(state))
            if k == 1:
                prepared = self.today - timedelta(days=55)  # waits at the coordinator > 30 days
            steps: dict[str, str | None] = {s: None for s in R4_STATES}
            day = prepared
            for s in R4_STATES[: R4_STATES.index(state) + 1]:
                steps[s] = day.isoformat()
                day += timedelta(days=rng.randint(2, 9))
            n_reasons = rng.choice((1, 1, 2, 3))
            workload = rng.choice(("moderate", "strong"))
            suggested = 50 if n_reasons >= 2 or workload == "strong" else 25
            period_from = (self.today.replace(day=1) + timedelta(days=32)).replace(day=1)
            period_to = period_from.replace(year=period_from.year + 1) - timedelta(days=1)
            case = {
                "id": next(case_ids),
                "placement_id": placement["id"],
                "case_no": f"1220-{14 + k}/{prepared.year}",
                "centre_id": centre,
                "unit_id": carer["unit_id"],
                "proposal_date": steps["prepared"],
                "workload": workload,
                "proposed_percent": suggested,
                "period_from": period_from.isoformat(),
                "period_to": period_to.isoformat(),
                "rationale": "Otrok potrebuje stalen nadzor in spremstvo na terapije; rejnica "
                "usklajuje obravnave v šoli in zdravstvu.",
                "prepared_on": steps["prepared"],
                "prepared_by": CASEWORKERS[k % len(CASEWORKERS)],
                "sent_on": steps["sent"],
                # The coordinator notes the day of receipt once the case is accepted; a case
                # only sent counts by its sending day.
                "received_on": steps["sent"] if steps["accepted"] else None,
                "accepted_on": steps["accepted"],
                "commission_named_on": steps["commission_named"],
                "decided_on": steps["decided"],
                "returned_on": steps["returned"],
                "subgroup_id": subgroup,
                "resolution_no": None,
                "resolution_year": None,
                "outcome": None,
                "decision_percent": None,
                "decision_from": None,
                "decision_to": None,
                "decision_rationale": None,
            }
            if steps["decided"]:
                year = date.fromisoformat(steps["decided"]).year
                counters[(subgroup, year)] = counters.get((subgroup, year), 0) + 1
                case["resolution_no"] = f"{subgroup}-{counters[(subgroup, year)]:03d}/{year}"
                case["resolution_year"] = year
                if k % 7 == 4:
                    case.update(
                        outcome="no_increase",
                        decision_rationale=(
                            "Komisija ugotavlja, da okoliščine ne povečujejo obsega dela rejnice."
                        ),
                    )
                else:
                    case.update(
                        outcome="increase",
                        decision_percent=suggested,
                        decision_from=case["period_from"],
                        decision_to=case["period_to"],
                        decision_rationale="Predlog je utemeljen; obseg dela je povečan.",
                    )
            for position, key in enumerate(rng.sample(REASON_KEYS, n_reasons), start=1):
                self.add(
                    "r4_reasons",
                    {"id": next(reason_ids), "case_id": case["id"], "reason_key": key, "text": None}
                    if position < 3
                    else {
                        "id": next(reason_ids),
                        "case_id": case["id"],
                        "reason_key": None,
                        "text": "Otrok obiskuje razvojno ambulanto dvakrat tedensko.",
                    },
                )
            if steps["commission_named"]:
                pool = candidates.get(subgroup) or [c for cs in candidates.values() for c in cs]
                for position, member in enumerate(rng.sample(pool, 3), start=1):
                    self.add(
                        "r4_members",
                        {
                            "id": next(member_ids),
                            "case_id": case["id"],
                            "position": position,
                            "name": member["name"],
                            "candidate_id": member["id"],
                        },
                    )
            self.add("r4_cases", case)

    # -- board increases, R-5, refunds --------------------------------------------
    def board_increases(self) -> None:
        rng = self.rng
        inc_ids = _ids(_max_id(self.db, "board_increases") + 1)
        cat_ids = _ids(_max_id(self.db, "board_increase_categories") + 1)
        report_ids, expense_ids = (
            _ids(_max_id(self.db, "r5_reports") + 1),
            _ids(_max_id(self.db, "r5_expenses") + 1),
        )
        refund_ids, inst_ids = (
            _ids(_max_id(self.db, "refunds") + 1),
            _ids(_max_id(self.db, "refund_instalments") + 1),
        )
        earlier_ids = _ids(_max_id(self.db, "r5_earlier_reports") + 1)
        asked_again = False  # one found case whose centre asked for a new report (čl. 28/3)
        # to_date relative to today for each kind (report due = to − 30 days).
        end_offset = {
            "awaiting": 150,
            "due_soon": 40,
            "overdue": 10,
            "reported": 25,
            "found": -20,
            "refund_lump": -60,
            "refund_instalments": -100,
            "refunded": -200,
        }
        chosen = self.active[1::2]
        for k, item in enumerate(chosen):
            kind = R5_KINDS[k % len(R5_KINDS)]
            percent = 25 if k % 3 else 50
            to_date = self.today + timedelta(days=end_offset[kind] + rng.randint(-3, 3))
            from_date = max(to_date - timedelta(days=181), item["start"])
            # Increases under the amended rules start on 1 November 2025 at the earliest,
            # unless the demo's today is so early that the period would end before it.
            if to_date >= date(2025, 12, 1):
                from_date = max(from_date, date(2025, 11, 1))
            increase = {
                "id": next(inc_ids),
                "placement_id": item["placement"]["id"],
                "percent": percent,
                "from_date": from_date.isoformat(),
                "to_date": to_date.isoformat(),
                "decision_no": f"1221-{300 + k}/{from_date.year}",
                "decision_date": (from_date - timedelta(days=10)).isoformat(),
                "report_requested_on": None,
            }
            self.add("board_increases", increase)
            categories = rng.sample(list(EXPENSES), rng.choice((1, 2)))
            for category in categories:
                self.add(
                    "board_increase_categories",
                    {"id": next(cat_ids), "increase_id": increase["id"], "category": category},
                )
            if kind in ("awaiting", "due_soon", "overdue"):
                continue
            received = _received(percent, from_date, to_date, item["start"])
            report_date = min(to_date - timedelta(days=rng.randint(31, 40)), self.today)
            report = {
                "id": next(report_ids),
                "increase_id": increase["id"],
                "report_date": report_date.isoformat(),
                "finding_date": None,
                "justified": None,
                "unjustified": None,
                "finding_centre_id": None,
                "finding_unit_id": None,
                "asked_again_on": None,
            }
            earlier = None
            if kind == "found" and not asked_again:
                asked_again = True
                earlier = {
                    "id": next(earlier_ids),
                    "increase_id": increase["id"],
                    "report_requested_on": None,
                    "report_date": report_date.isoformat(),
                    "asked_again_on": self.day(-3),
                }
                report.update(report_date=None, asked_again_on=self.day(-3))
                # a day the centre sets is a working day (ZUP 101, as the screen moves it)
                increase["report_requested_on"] = next_working_day(
                    self.today + timedelta(days=25)
                ).isoformat()
                self.add("r5_earlier_reports", earlier)
            spent = received if kind in ("reported", "found") else round2(received * Decimal("0.8"))
            lines = _split_amount(rng, spent, 3)
            for n, amount in enumerate(lines):
                category = categories[n % len(categories)]
                self.add(
                    "r5_expenses" if earlier is None else "r5_earlier_expenses",
                    {
                        "id": next(expense_ids),
                        "report_id": report["id"] if earlier is None else earlier["id"],
                        "category": category,
                        "description": rng.choice(EXPENSES[category]),
                        "amount": str(amount),
                        "document": f"račun {report_date.year}-{rng.randint(1, 9999):04d}",
                    },
                )
            self.add("r5_reports", report)
            if kind == "reported":
                continue
            finding_date = report_date + timedelta(days=rng.randint(7, 15))
            child_centre = item["child"]["centre_id"]
            report.update(
                finding_date=finding_date.isoformat(),
                justified=str(spent),
                unjustified=str(received - spent),
                finding_centre_id=child_centre,
                finding_unit_id=item["child"]["unit_id"],
            )
            if earlier is not None:  # the finding as it stood when the centre asked again
                earlier.update(
                    {key: report[key] for key in ("finding_date", "justified", "unjustified")},
                    finding_centre_id=child_centre,
                    finding_unit_id=item["child"]["unit_id"],
                )
            if kind == "found":
                continue
            method = "lump_sum" if kind == "refund_lump" else "as_received"
            call = finding_date + timedelta(days=5)
            plan = _refund_plan(
                percent, from_date, to_date, item["start"], call, received - spent, method
            )
            refund = {
                "id": next(refund_ids),
                "increase_id": increase["id"],
                "call_date": call.isoformat(),
                "deadline": plan[0].isoformat(),
                "method": method,
                "amount": str(received - spent),
            }
            self.add("refunds", refund)
            for due, amount in plan[1]:
                paid = due <= self.today and (kind == "refunded" or rng.random() < 0.8)
                self.add(
                    "refund_instalments",
                    {
                        "id": next(inst_ids),
                        "refund_id": refund["id"],
                        "due": due.isoformat(),
                        "amount": str(amount),
                        "paid_on": due.isoformat() if paid or kind == "refunded" else None,
                    },
                )

    def one_off_payments(self) -> None:
        ids = _ids(_max_id(self.db, "one_off_payments") + 1)
        for item in self.active[:5]:
            self.add(
                "one_off_payments",
                {
                    "id": next(ids),
                    "carer_id": item["carer"]["id"],
                    "placement_id": item["placement"]["id"],
                    "kind": "first_placement",
                    "amount": "430.00",
                    "date": item["start"].isoformat(),
                    "note": "Enkratni znesek ob prvi namestitvi (enak pomoči ob rojstvu otroka).",
                },
            )

    # -- writing ------------------------------------------------------------------
    def write(self) -> dict[str, int]:
        order = (
            "coordinators",
            "candidates",
            "carers",
            "carer_trainings",
            "children",
            "placements",
            "placement_periods",
            "r4_cases",
            "r4_reasons",
            "r4_members",
            "board_increases",
            "board_increase_categories",
            "r5_reports",
            "r5_expenses",
            "r5_earlier_reports",
            "r5_earlier_expenses",
            "refunds",
            "refund_instalments",
            "one_off_payments",
        )
        counts = {}
        for table in order:
            rows = self.rows.get(table, [])
            if rows:
                self.db.table(table).insert_all(rows, batch_size=2000)
                write_audit(
                    self.db, table, None, "import", None, {"source": "demo", "rows": len(rows)}
                )
            counts[table] = len(rows)
        return counts


def _split_amount(rng: random.Random, total: Decimal, parts: int) -> list[Decimal]:
    cents = int(total * 100)
    if cents <= 0:
        return [Decimal("0.00")]
    cuts = sorted(rng.sample(range(1, cents), min(parts - 1, cents - 1))) if cents > 1 else []
    bounds = [0, *cuts, cents]
    return [
        (Decimal(b - a) / 100).quantize(Decimal("0.01"))
        for a, b in zip(bounds, bounds[1:], strict=False)
        if b > a
    ]


@lru_cache(maxsize=4096)
def _received(percent: int, start: date, end: date, placed_from: date) -> Decimal:
    """What the board increase paid over its period (SPEC 3.4), from the rules."""
    try:
        from rejnistvo.rules.months import Adjustment
        from rejnistvo.rules.periods import Period
        from rejnistvo.rules.refund import RefundMethod, refund_plan

        plan = refund_plan(
            Adjustment(percent, Period(start, end)),
            [Period(placed_from, None)],
            _rates(),
            end + timedelta(days=40),
            None,
            None,
            RefundMethod.LUMP_SUM,
        )
        return plan.received
    except RuleError:  # the demo must not depend on a rate for every month
        months = max(1, (end - start).days // 30)
        return round2(Decimal(638) * percent / 100 * months)


@lru_cache(maxsize=1)
def _rates() -> Any:
    from rejnistvo.rules.rates import load_rate_table

    return load_rate_table()


@lru_cache(maxsize=4096)
def _refund_plan(
    percent: int,
    start: date,
    end: date,
    placed_from: date,
    call: date,
    amount: Decimal,
    method: str,
) -> tuple[date, tuple[tuple[date, Decimal], ...]]:
    """(deadline, instalments) from the rules; a simple plan if the rules refuse."""
    try:
        from rejnistvo.rules.months import Adjustment
        from rejnistvo.rules.periods import Period
        from rejnistvo.rules.refund import RefundMethod, refund_plan

        plan = refund_plan(
            Adjustment(percent, Period(start, end)),
            [Period(placed_from, None)],
            _rates(),
            call,
            amount,
            None,
            RefundMethod(method),
        )
        return plan.deadline, tuple((i.due, i.amount) for i in plan.instalments)
    except RuleError:  # the rules refuse this plan (e.g. no rate): one payment in 90 days
        deadline = call + timedelta(days=90)
        return deadline, ((deadline, amount),)
