import os
import sqlite3

import pytest

# GUI tests run without a screen; set before any Qt module is imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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


@pytest.fixture(autouse=True)
def _config_dir(tmp_path_factory, monkeypatch):
    """The installation folder (audit keys, chain heads) is a temporary one in every test,
    never the real user's."""
    monkeypatch.setenv("REJNISTVO_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
