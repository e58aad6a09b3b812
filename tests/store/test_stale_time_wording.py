"""The stale-save message says when the record was changed as Slovenian readers write a
time of day: "ob 7.20" (it said "ob 07.20"; the package preview said "ob 7:20")."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rejnistvo.store import StaleRecordError, get_record, open_db, save_record
from rejnistvo.store.audit import write_audit

CHANGED_AT = datetime(2026, 3, 2, 6, 20, 5, tzinfo=UTC)  # 7.20 in Ljubljana (CET)


def test_the_message_names_the_time_without_a_leading_zero(tmp_path, in_ljubljana):
    with open_db(tmp_path / "t.sqlite3") as db:
        carer_id = save_record(db, "carers", {"name": "Marija Čuk"})
        save_record(db, "carers", {"id": carer_id, "version": 1, "address": "Kranj"})
        stored = get_record(db, "carers", carer_id)
        # the other screen's change, at a pinned moment (the log's row as a save writes it)
        with db.atomic():
            write_audit(db, "carers", carer_id, "update", {"address": None}, stored, at=CHANGED_AT)
        with pytest.raises(StaleRecordError) as refused:
            save_record(db, "carers", {"id": carer_id, "version": 1, "name": "Marija Novak"})
    assert refused.value.when == "2. 3. 2026 ob 7.20"
    assert "2. 3. 2026 ob 7.20" in refused.value.message
