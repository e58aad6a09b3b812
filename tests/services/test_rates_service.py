"""services.rates: the database's rate table, indexation, corrections, stale warnings."""

from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.rules.errors import InputError, MissingRateError
from rejnistvo.services import rates as service
from rejnistvo.store import StaleRecordError, open_db
from rejnistvo.store.audit import audit_rows

D = date


@pytest.fixture
def db(tmp_path, own_rates):
    database = open_db(tmp_path / "rates.sqlite3")
    own_rates(database)  # 638.00 / 460.00 and birth grant 430.00 from 1. 11. 2025
    yield database
    database.close()


def test_table_in_force_is_the_databases(db):
    service.add_rate(db, "2027-01-01", "700.00", "500.00", "test")
    table = service.rate_table(db)
    assert table.rate_on(D(2026, 12, 31)).board == Decimal("638.00")
    assert table.rate_on(D(2027, 1, 1)).fee == Decimal("500.00")


def test_database_without_rates_says_so_and_never_falls_back(db):
    for row in service.list_rates(db):
        service.remove_rate(db, row.id, row.version)
    with pytest.raises(MissingRateError) as caught:
        service.rate_table(db)
    assert "ni nobenega zneska" in caught.value.message
    assert "Nastavitve → Zneski rejnine" in caught.value.message
    assert service.rate_warnings(db, [D(2030, 3, 1)]) == []


def test_indexation_proposes_old_times_one_plus_p_half_up_beside_the_old(db):
    proposal = service.propose_indexation(db, "2026-03-01", "2,7")
    assert (proposal.old_rate.board, proposal.old_rate.fee) == (
        Decimal("638.00"),
        Decimal("460.00"),
    )
    assert (proposal.board, proposal.fee) == (Decimal("655.23"), Decimal("472.42"))
    assert proposal.old_grant is not None and proposal.old_grant.amount == Decimal("430.00")
    assert proposal.birth_grant == Decimal("441.61")
    assert service.describe_proposal(proposal)[0] == ("Osnovna oskrbnina", "638,00", "655,23")
    # Nothing is written until the user confirms.
    assert len(service.list_rates(db)) == 1


def test_confirmed_indexation_adds_rate_and_birth_grant_with_sources(db):
    proposal = service.propose_indexation(db, D(2026, 3, 1), Decimal("2.7"))
    added = service.apply_indexation(db, proposal, "Objava MSP, marec 2026")
    assert added.rate.board == Decimal("655.23")
    assert "Objava MSP, marec 2026" in added.rate.source and "2,7 %" in added.rate.source
    assert added.birth_grant is not None and added.birth_grant.amount == Decimal("441.61")
    assert "2,7 %" in added.birth_grant.source
    assert [r.valid_from for r in service.list_birth_grants(db)] == [D(2025, 11, 1), D(2026, 3, 1)]
    assert {a["table_name"] for a in audit_rows(db) if a["action"] == "insert"} >= {
        "rates",
        "birth_grants",
    }


def test_typed_published_amounts_are_added_as_typed(db):
    added = service.add_indexation(db, "2026-03-01", "655.23", "472.42", "441.60", "Ur. l.")
    assert added.birth_grant is not None and added.birth_grant.amount == Decimal("441.60")
    assert added.rate.source == "Ur. l."


def test_indexation_refused_without_source_or_twice_for_a_day(db):
    with pytest.raises(InputError) as caught:
        service.add_indexation(db, "2026-03-01", "655.23", "472.42", None, "  ")
    assert caught.value.field == "source"
    service.add_rate(db, "2026-03-01", "655.23", "472.42", "test")
    with pytest.raises(InputError) as caught:
        service.propose_indexation(db, "2026-03-01", "2.7")
    assert caught.value.field == "valid_from" and "že vnesen" in caught.value.message
    assert len(service.list_rates(db)) == 2


def test_indexation_needs_an_earlier_row(db):
    with pytest.raises(InputError) as caught:
        service.propose_indexation(db, "2025-01-01", "2.7")
    assert "vpišite objavljene zneske" in caught.value.message


@pytest.mark.parametrize("percent", ["0", "-1", "abc", "2.755", "101", "nan"])
def test_bad_percentage_is_refused(db, percent):
    with pytest.raises(InputError) as caught:
        service.propose_indexation(db, "2026-03-01", percent)
    assert caught.value.field == "percent"


def test_wrong_row_is_corrected_audited_and_a_stale_edit_refused(db):
    row = service.add_rate(db, "2026-03-01", "655.32", "472.42", "tipkarska napaka")
    fixed = service.correct_rate(
        db, row.id, row.version, row.valid_from, "655.23", "472.42", "popravljeno"
    )
    assert (fixed.board, fixed.version) == (Decimal("655.23"), row.version + 1)
    with pytest.raises(StaleRecordError):
        service.correct_rate(
            db, row.id, row.version, row.valid_from, "1.00", "1.00", "stara kopija"
        )
    assert service.rate_table(db).rate_on(D(2026, 3, 1)).board == Decimal("655.23")
    updates = [a for a in audit_rows(db, "rates", row.id) if a["action"] == "update"]
    assert len(updates) == 1


def test_wrong_row_is_removed_audited_and_a_stale_remove_refused(db):
    row = service.add_rate(db, "2026-03-01", "655.23", "472.42", "test")
    with pytest.raises(StaleRecordError):
        service.remove_rate(db, row.id, row.version + 5)
    service.remove_rate(db, row.id, row.version)
    assert [r.valid_from for r in service.list_rates(db)] == [D(2025, 11, 1)]
    assert [a["action"] for a in audit_rows(db, "rates", row.id)][-1] == "delete"


def test_correction_cannot_move_a_row_onto_another_date(db):
    row = service.add_rate(db, "2026-03-01", "655.23", "472.42", "test")
    with pytest.raises(InputError) as caught:
        service.correct_rate(db, row.id, row.version, "2025-11-01", "1.00", "1.00", "x")
    assert caught.value.field == "valid_from"


def test_stale_rate_warnings_of_a_database(db):
    assert service.rate_warnings(db, [D(2026, 2, 1)]) == []
    (line,) = service.rate_warnings(db, [D(2026, 2, 1), D(2026, 3, 1)])
    assert "1. 3. 2026" in line
    service.add_rate(db, "2026-03-01", "655.23", "472.42", "test")
    assert service.rate_warnings(db, [D(2026, 12, 1)]) == []


def test_birth_grant_rows_corrected_and_removed(db):
    (grant,) = service.list_birth_grants(db)
    fixed = service.correct_birth_grant(
        db, grant.id, grant.version, grant.valid_from, "431.00", "x"
    )
    assert service.birth_grant_table(db).grant_on(D(2026, 1, 1)).amount == Decimal("431.00")
    service.remove_birth_grant(db, fixed.id, fixed.version)
    assert service.list_birth_grants(db) == []


# --- m007_rates_2026 ----------------------------------------------------------------------


def _file_before_m007(path, rates):
    from sqlite_utils import Database

    from rejnistvo.store.schema import migrations

    raw = Database(path)
    migrations.apply(raw, stop_before="m007_rates_2026")
    raw.execute("DELETE FROM rates")
    raw["rates"].insert_all(rates)
    # A file in use (a record the user entered), not a half-made one the program remakes.
    raw["carers"].insert({"name": "Špela Žagar", "name_key": "špela žagar"})
    raw.conn.commit()
    raw.close()


def test_m007_adds_the_2026_rows_to_an_existing_file(tmp_path):
    path = tmp_path / "old.sqlite3"
    _file_before_m007(
        path, [{"valid_from": "2025-11-01", "board": "638.00", "fee": "460.00", "source": "s"}]
    )
    with open_db(path) as db:
        rates = service.list_rates(db)
        grants = service.list_birth_grants(db)
    assert [(r.valid_from, r.board, r.fee) for r in rates] == [
        (D(2025, 11, 1), Decimal("638.00"), Decimal("460.00")),
        (D(2026, 3, 1), Decimal("655.23"), Decimal("472.42")),
    ]
    assert "2,7 %" in rates[1].source and "ministrstv" in rates[1].source
    assert [(g.valid_from, g.amount) for g in grants] == [
        (D(2025, 11, 1), Decimal("430.00")),
        (D(2026, 3, 1), Decimal("441.60")),
    ]


def test_m007_keeps_a_row_the_user_entered_for_that_date(tmp_path):
    path = tmp_path / "own.sqlite3"
    own = {"valid_from": "2026-03-01", "board": "655.00", "fee": "472.00", "source": "moj vnos"}
    _file_before_m007(path, [own])
    with open_db(path) as db:
        (row,) = service.list_rates(db)
    assert (row.board, row.fee, row.source) == (Decimal("655.00"), Decimal("472.00"), "moj vnos")


def test_rows_may_start_on_any_day(db):
    # SPEC 3.2 pays each day with the amount in force on it; a change by law may start on
    # any day (QA62: only the first of a month was taken)
    assert service.add_rate(db, "2026-03-15", "655.23", "472.42", "test").valid_from.day == 15
    assert service.propose_indexation(db, "2026-04-02", "2.7").valid_from.day == 2
