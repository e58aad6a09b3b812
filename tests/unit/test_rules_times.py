"""A time of day is written one way (Pravopis): "ob 6.20", seconds "6.20.05" where kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from rejnistvo.rules.times import format_moment, format_time, local_moment

LJUBLJANA_WINTER = timezone(timedelta(hours=1))


def test_hour_without_leading_zero_minutes_with_two_digits():
    assert format_time(datetime(2026, 3, 2, 6, 5)) == "6.05"
    assert format_time(datetime(2026, 3, 2, 0, 0)) == "0.00"
    assert format_time(datetime(2026, 3, 2, 23, 59)) == "23.59"


def test_seconds_only_when_asked():
    assert format_time(datetime(2026, 3, 2, 6, 20, 5), seconds=True) == "6.20.05"


def test_a_moment_is_a_date_and_a_time_of_day():
    assert format_moment(datetime(2026, 3, 2, 6, 20)) == "2. 3. 2026 ob 6.20"


def test_a_stored_stamp_in_the_users_zone():
    stamp = "2026-03-02T05:20:09+00:00"
    assert local_moment(stamp, zone=LJUBLJANA_WINTER) == "2. 3. 2026 ob 6.20"
    assert local_moment(stamp, zone=LJUBLJANA_WINTER, seconds=True) == "2. 3. 2026 ob 6.20.09"
    # the local day follows the local time
    assert local_moment("2026-03-01T23:30:00+00:00", zone=LJUBLJANA_WINTER) == (
        "2. 3. 2026 ob 0.30"
    )


def test_a_stamp_without_a_zone_is_utc_as_the_program_writes_them():
    assert local_moment("2026-03-02T05:20:00", zone=UTC) == "2. 3. 2026 ob 5.20"


def test_text_that_is_not_a_stamp_is_shown_as_it_is():
    assert local_moment("včeraj", zone=UTC) == "včeraj"
