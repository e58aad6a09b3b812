"""The holiday cache answers as the `holidays` library, and never trusts a file it did
not make from the same installed library (rejnistvo.holiday_cache)."""

from __future__ import annotations

import json
from datetime import date

import holidays
import pytest

from rejnistvo import holiday_cache
from rejnistvo.rules import workdays


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """A fresh cache folder: never the user's, nor the suite's shared one."""
    monkeypatch.setenv(holiday_cache.CACHE_ENV, str(tmp_path))
    return tmp_path


@pytest.fixture
def library_calls(monkeypatch):
    """The years the library was asked for, call by call."""
    calls: list[list[int]] = []
    real = holiday_cache._from_library

    def counting(years):
        calls.append(list(years))
        return real(years)

    monkeypatch.setattr(holiday_cache, "_from_library", counting)
    return calls


def test_cached_years_equal_the_library_1991_to_2100(cache_dir, library_calls):
    holiday_cache.slovenian_holidays(2026)  # fills the file
    assert holiday_cache.cache_file().parent == cache_dir
    assert len(library_calls) == 1
    for year in range(1991, 2101):
        expected = frozenset(holidays.country_holidays("SI", years=year))
        assert holiday_cache.slovenian_holidays(year) == expected, year
    assert len(library_calls) == 1  # every one of them from the file


def test_a_year_outside_the_span_is_asked_once_and_kept(cache_dir, library_calls):
    holiday_cache.slovenian_holidays(2030)
    far = holiday_cache.slovenian_holidays(2150)
    assert far == frozenset(holidays.country_holidays("SI", years=2150))
    assert holiday_cache.slovenian_holidays(2150) == far
    assert holiday_cache.slovenian_holidays(2030)
    assert len(library_calls) == 2


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\xffgarbage",
        b'{"key": ',  # truncated
        b"[1, 2, 3]",
        b'{"key": null, "years": {}}',
        "FOREIGN",  # another library's file: same shape, other key
        "NOT_A_LIST",
        "WRONG_YEAR",
        "BAD_ORDINAL",
    ],
)
def test_a_broken_or_foreign_file_is_ignored_and_rewritten(cache_dir, library_calls, content):
    key = holiday_cache.library_key()
    if content == "FOREIGN":
        content = json.dumps({"key": {**key, "record": [1]}, "years": {"2026": [1]}})
    elif content == "NOT_A_LIST":
        content = json.dumps({"key": key, "years": {"2026": 739617}})
    elif content == "WRONG_YEAR":  # 1 Jan 2025 filed under 2026: not trusted
        content = json.dumps({"key": key, "years": {"2026": [date(2025, 1, 1).toordinal()]}})
    elif content == "BAD_ORDINAL":
        content = json.dumps({"key": key, "years": {"2026": [0]}})
    path = holiday_cache.cache_file()
    path.write_bytes(content.encode() if isinstance(content, str) else content)

    expected = frozenset(holidays.country_holidays("SI", years=2026))
    assert holiday_cache.slovenian_holidays(2026) == expected
    assert len(library_calls) == 1
    assert json.loads(path.read_bytes())["key"] == key  # written again, whole
    assert holiday_cache.slovenian_holidays(2026) == expected
    assert len(library_calls) == 1


def test_a_changed_library_key_misses(cache_dir, library_calls, monkeypatch):
    holiday_cache.slovenian_holidays(2026)
    key = holiday_cache.library_key()
    newer = {**key, "dist": ["holidays-999.0.dist-info"]}
    monkeypatch.setattr(holiday_cache, "library_key", lambda: newer)
    holiday_cache.slovenian_holidays(2026)
    assert len(library_calls) == 2
    assert json.loads(holiday_cache.cache_file().read_bytes())["key"] == newer


def test_the_key_is_read_without_importing_holidays():
    import subprocess
    import sys

    code = (
        "import sys; from rejnistvo.holiday_cache import library_key;"
        "key = library_key(); assert key and key['dist'], key;"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'holidays']"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_key_names_the_installed_version():
    key = holiday_cache.library_key()
    assert key["dist"] == [f"holidays-{holidays.__version__}.dist-info"]


def test_read_only_mode_writes_nothing(cache_dir, library_calls):
    expected = frozenset(holidays.country_holidays("SI", years=2026))
    assert holiday_cache.slovenian_holidays(2026, write=False) == expected
    assert not holiday_cache.cache_file().exists()
    holiday_cache.slovenian_holidays(2026)  # another command writes it
    assert holiday_cache.slovenian_holidays(2027, write=False)
    assert len(library_calls) == 2


def test_an_unwritable_folder_only_costs_the_library(tmp_path, monkeypatch, library_calls):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(holiday_cache.CACHE_ENV, str(blocker))  # a file, not a folder
    expected = frozenset(holidays.country_holidays("SI", years=2026))
    assert holiday_cache.slovenian_holidays(2026) == expected


def test_workdays_asks_the_installed_source(cache_dir, library_calls):
    try:
        holiday_cache.install()
        assert not workdays.is_working_day(date(2026, 12, 25))  # božič
        assert workdays.next_working_day(date(2026, 12, 25)) == date(2026, 12, 28)
        assert len(library_calls) == 1
        assert holiday_cache.cache_file().exists()
    finally:
        workdays.use_holiday_source(workdays.library_holidays)


def test_the_cache_folder_is_the_one_portable_mode_sets():
    from rejnistvo import locations

    assert holiday_cache.CACHE_ENV == locations.CACHE_ENV
    assert holiday_cache.APP_NAME == locations.APP_NAME
