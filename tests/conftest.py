import os
import sqlite3
import tempfile
import time

import pytest

# GUI tests run without a screen; set before any Qt module is imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The installation folder (audit keys, chain heads, schema cache): one temporary folder for
# the whole run, set before any fixture (session ones too), never the real user's.
os.environ["REJNISTVO_CONFIG_DIR"] = tempfile.mkdtemp(prefix="rejnistvo-test-config-")
# The parsed-font cache (rejnistvo.printing.font_cache): not the real user's either.
os.environ["REJNISTVO_CACHE_DIR"] = tempfile.mkdtemp(prefix="rejnistvo-test-cache-")


@pytest.fixture
def tamper_audit_row():
    """Alter audit row 1 behind the program's back: drop the append-only trigger, change
    the row, put the trigger back, so only the hash chain can tell."""

    def tamper(path) -> None:
        raw = sqlite3.connect(path)
        raw.execute("DROP TRIGGER audit_log_no_update")
        raw.execute("UPDATE audit_log SET user_name = 'nekdo drug' WHERE id = 1")
        raw.execute(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'Dnevnik sprememb se ne sme spreminjati.'); END"
        )
        raw.commit()
        raw.close()

    return tamper


# The tests' own amounts (SPEC 3.1): no test depends on the rows shipped in resources/,
# so adding next year's row there breaks nothing. The SPEC's worked examples use these.
TEST_RATE_ROWS = (
    {"valid_from": "2025-11-01", "board": "638.00", "fee": "460.00", "source": "test: 2025"},
)
TEST_BIRTH_GRANT_ROWS = ({"valid_from": "2025-11-01", "amount": "430.00", "source": "test: 2025"},)


def set_test_rates(db, rates=TEST_RATE_ROWS, birth_grants=TEST_BIRTH_GRANT_ROWS) -> None:
    """Replace a test database's rate and birth-grant rows with the tests' own."""
    with db.atomic():
        db.execute("DELETE FROM rates")
        db.table("rates").insert_all([dict(row) for row in rates])
        db.execute("DELETE FROM birth_grants")
        db.table("birth_grants").insert_all([dict(row) for row in birth_grants])


@pytest.fixture(scope="session")
def own_rates():
    """`own_rates(db, rates=…, birth_grants=…)`: the database computes with the tests'
    own table (default: the 2025 amounts 638.00 / 460.00 and birth grant 430.00)."""
    return set_test_rates


@pytest.fixture
def in_ljubljana(monkeypatch):
    """The machine's time zone pinned to Ljubljana, so a local time a screen or message
    shows (the change log's, a package's "Poslano") is known whatever the machine's zone."""
    monkeypatch.setenv("TZ", "Europe/Ljubljana")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
