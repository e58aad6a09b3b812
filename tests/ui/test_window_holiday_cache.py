"""The window reads a working day's holidays through the cache (rejnistvo.holiday_cache),
as the CLI does: the first refund plan in the window would otherwise import the
holidays library's 250 country modules (~160 ms)."""

from __future__ import annotations

import functools

from rejnistvo import holiday_cache
from rejnistvo.rules import workdays
from tests.ui.test_open_database import _run_main, where  # noqa: F401 - the fixture


def test_the_window_start_installs_the_holiday_cache(qapp, monkeypatch, where):  # noqa: F811
    for name in ("REJNISTVO_CONFIG_DIR", "REJNISTVO_CACHE_DIR"):
        monkeypatch.setenv(name, str(where.config))
    workdays.use_holiday_source(workdays.library_holidays)
    try:
        _run_main(monkeypatch, where)
        source = workdays._source
        assert isinstance(source, functools.partial)
        assert source.func is holiday_cache.slovenian_holidays
        assert source.keywords == {"write": True}
    finally:
        workdays.use_holiday_source(workdays.library_holidays)
