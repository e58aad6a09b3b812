"""Slovenia's public holidays per year, kept in the user's cache folder.

The `holidays` library answers from its Slovenia module, but importing any country
module runs ``holidays.countries``' ``__init__``, which imports all ~250 of them: about
160 ms (450 M machine instructions) on the first working-day question of a process
(`print r5`, the first refund plan or instalment table in the window). It offers no way
to load one country alone. A year's holidays never change for one installed copy of the
library, so they are computed once — 1991 to 2100 in one go — and read back from a
small JSON file (dates as ordinals, per year) by every later process: ~10 ms instead of ~200.

Layers: ``rules.workdays`` stays pure; it asks a function for a year's holidays (the
library itself unless told otherwise). `install` points it at `slovenian_holidays`
here; the CLI calls it at start-up (read-only for the commands that promise to write
no file), and so should the window. Anything that does not call it (a test, a script)
gets the library's answers directly: the same dates, only slower.

The key: the installed distribution's ``holidays-<version>.dist-info`` folder name and a
CRC of its RECORD (the list of the library's files with their hashes), found next to
the package through ``importlib.util.find_spec`` without importing it (``importlib
.metadata`` costs more than reading the file; ``holidays/version.py`` only asks
importlib.metadata, so its bytes say nothing). A file with another key, or unreadable,
truncated or not the expected shape, is ignored: the library answers and the file is
written again (``rejnistvo.atomic_write``: a reader never sees half a file). No
dist-info found (an unusual install) or a folder that cannot be written: no cache, the
library answers every time — slower, never different.
"""

from __future__ import annotations

import os
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

#: read by rejnistvo.locations.apply's portable mode and the tests (locations' own name is
#: not imported: its NamedTuple costs `calc`, which never asks for a working day, 2 ms)
CACHE_ENV = "REJNISTVO_CACHE_DIR"
APP_NAME = "Rejnistvo"

FORMAT = 1
COUNTRY = "SI"
#: years computed together on a miss: Slovenia's whole history up to far past any deadline
FIRST_YEAR = 1991
LAST_YEAR = 2100
FILE_NAME = f"holidays-{COUNTRY}.json"


def install(*, write: bool = True) -> None:
    """Make `rules.workdays` read the holidays through this cache. `write=False`: a
    command that promises to write no file only reads it (a miss asks the library)."""
    from functools import partial

    from rejnistvo.rules.workdays import use_holiday_source

    use_holiday_source(partial(slovenian_holidays, write=write))


def cache_file() -> Path:
    """The cache file (its folder not created here): under ``REJNISTVO_CACHE_DIR`` when
    set (portable mode, ``locations.apply``; tests), else the user cache folder — the
    same folder rules as ``printing.font_cache``, whose module imports reportlab."""
    if os.environ.get(CACHE_ENV):
        base = Path(os.environ[CACHE_ENV])
    else:
        from platformdirs import user_cache_dir

        base = Path(user_cache_dir(APP_NAME, appauthor=False))
    return base / FILE_NAME


def slovenian_holidays(year: int, *, write: bool = True) -> frozenset[date]:
    """The public holidays of `year` in Slovenia, as `holidays.country_holidays("SI")`."""
    key = library_key()
    if key is None:
        return _from_library([year])[year]
    target = cache_file()
    stored = _read(target, key)
    days = _year(stored, year) if stored is not None else None
    if days is not None:
        return days
    if not write:
        return _from_library([year])[year]
    years = set(range(FIRST_YEAR, LAST_YEAR + 1)) | {year}
    if stored is not None:  # a year asked before outside the span stays
        years |= {int(y) for y in stored if y.isdigit() and _year(stored, int(y)) is not None}
    computed = _from_library(sorted(years))
    _write(target, key, computed)
    return computed[year]


@lru_cache(maxsize=1)
def library_key() -> dict[str, Any] | None:
    """What identifies the installed library, read without importing it (None: unknown)."""
    import importlib.util
    import zlib

    try:
        spec = importlib.util.find_spec("holidays")
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin is None:
        return None
    site = os.path.dirname(os.path.dirname(spec.origin))
    try:
        names = sorted(
            n for n in os.listdir(site) if n.startswith("holidays-") and n.endswith(".dist-info")
        )
        records = [zlib.crc32(Path(site, n, "RECORD").read_bytes()) for n in names]
    except OSError:
        return None
    if not names:
        return None
    return {"format": FORMAT, "country": COUNTRY, "dist": names, "record": records}


def _from_library(years: list[int]) -> dict[int, frozenset[date]]:
    import holidays

    found: dict[int, set[date]] = {year: set() for year in years}
    for day in holidays.country_holidays(COUNTRY, years=years):
        found[day.year].add(day)
    return {year: frozenset(days) for year, days in found.items()}


#: the file's years as read, per file and key: a process asks for several years, and
#: turning only the asked ones into dates (1 ms for all 110) is most of a read
_memo: dict[tuple[Path, str], dict[str, Any]] = {}


def _read(path: Path, key: dict[str, Any]) -> dict[str, Any] | None:
    """The stored years (ordinals, unchecked) if the file is whole and made by the same
    library; each year is checked when asked for (`_year`)."""
    import json

    memo_key = (path, json.dumps(key, sort_keys=True))
    if memo_key in _memo:
        return _memo[memo_key]
    try:
        entry = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("key") != key:
        return None
    years = entry.get("years")
    if not isinstance(years, dict):
        return None
    _memo[memo_key] = years
    return years


def _year(stored: dict[str, Any], year: int) -> frozenset[date] | None:
    """One year's holidays out of a read file (None: missing or not what was written)."""
    ordinals = stored.get(str(year))
    if not isinstance(ordinals, list) or any(type(o) is not int for o in ordinals):
        return None
    try:
        days = frozenset(date.fromordinal(o) for o in ordinals)
    except (ValueError, OverflowError):
        return None
    if len(days) != len(ordinals) or any(day.year != year for day in days):
        return None
    return days


def _write(path: Path, key: dict[str, Any], years: dict[int, frozenset[date]]) -> None:
    """Best effort: a cache that cannot be written asks the library again next time."""
    import json

    from rejnistvo.atomic_write import replace_bytes

    stored = {str(y): sorted(d.toordinal() for d in days) for y, days in years.items()}
    _memo[(path, json.dumps(key, sort_keys=True))] = stored
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_bytes(path, json.dumps({"key": key, "years": stored}).encode("ascii"))
    except (OSError, ValueError):
        pass
