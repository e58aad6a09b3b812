"""The change log's time: the real time by default, the caller's clock when given."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from rejnistvo.clock import FixedClock
from rejnistvo.store import open_db
from rejnistvo.store.audit import verify_audit_chain, write_audit


def _last_at(db) -> str:  # type: ignore[no-untyped-def]
    return str(db.execute("SELECT at FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0])


def test_a_row_carries_the_time_it_is_given_in_utc(tmp_path) -> None:  # type: ignore[no-untyped-def]
    clock = FixedClock(date(2031, 12, 31), datetime(2031, 12, 31, 23, 30, tzinfo=UTC))
    with open_db(tmp_path / "a.sqlite3") as db:
        with db.atomic():
            write_audit(db, "settings", None, "update", {"x": "1"}, {"x": "2"}, at=clock.now())
        assert _last_at(db) == "2031-12-31T23:30:00+00:00"
        ljubljana = timezone(timedelta(hours=1))
        with db.atomic():
            write_audit(
                db,
                "settings",
                None,
                "update",
                None,
                None,
                at=datetime(2032, 1, 1, 0, 30, tzinfo=ljubljana),
            )
        assert _last_at(db) == "2031-12-31T23:30:00+00:00"
        assert verify_audit_chain(db) == []


def test_by_default_the_real_time_now(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with open_db(tmp_path / "b.sqlite3") as db:
        before = datetime.now(UTC).replace(microsecond=0)
        with db.atomic():
            write_audit(db, "settings", None, "update", None, None)
        after = datetime.now(UTC)
        assert before <= datetime.fromisoformat(_last_at(db)) <= after
