"""A package's "Poslano" is the caller's clock (never a hidden system clock) and is worded
as every other time the program shows: "ob 7.20", not "ob 7:20"."""

from __future__ import annotations

from datetime import UTC, date, datetime

from rejnistvo.exchange.cases import export_proposal
from rejnistvo.exchange.package import read_package

PASS = "modra hiša ob reki"
SENT_AT = datetime(2026, 11, 21, 6, 20, 5, tzinfo=UTC)  # 7.20 in Ljubljana (CET)


def test_sent_time_is_the_callers_and_reads_the_slovenian_way(centre_db, tmp_path, in_ljubljana):
    case_id = centre_db.execute(
        "SELECT id FROM r4_cases WHERE sent_on IS NULL ORDER BY id LIMIT 1"
    ).fetchone()[0]
    path = export_proposal(
        centre_db, case_id, PASS, tmp_path / "p.rejpaket", today=date(2026, 11, 21), now=SENT_AT
    )
    contents = read_package(path, PASS)
    assert contents.created_at == "2026-11-21T06:20:05+00:00"
    assert dict(contents.summary())["Poslano"] == "21. 11. 2026 ob 7.20"
