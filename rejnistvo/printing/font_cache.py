"""What reportlab reads out of a TrueType file, kept in the user's cache folder.

Parsing DejaVu Sans takes reportlab about 30 ms (a loop over ~6,000 glyphs in Python);
loading the same tables from a cache file takes about 5. The cache holds the face's
attributes after `TTFontFace` has parsed the file, except the file's bytes (read from
the bundled font every time: subsets are cut from them, so the PDF is the same).

A cache file is used only when everything it was made from is the same: the font file's
contents (SHA-1), reportlab's version and the Python that wrote it (``marshal``'s
format is per Python version), and its own payload hash matches. Anything else —
missing, stale, truncated, unreadable, garbage — is ignored: the file is parsed and the
cache written again (through ``rejnistvo.atomic_write``, so a reader never sees half a
file). A cache folder that cannot be written only costs the parse.

``marshal`` rather than pickle: it restores plain data only (dicts, lists, numbers,
bytes), never calls code; it is the format Python trusts for its own .pyc files in
folders the same user can write.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

import reportlab
from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFontFace

#: override of the folder (tests, portable mode); default: platformdirs' user cache
CACHE_ENV = "REJNISTVO_CACHE_DIR"
APP_NAME = "Rejnistvo"
FORMAT = 3
MAGIC = b"REJNISTVO-FONT\n"
_DIGEST_SIZE = 20  # SHA-1: detects a changed font or a damaged file; 3× faster than BLAKE2
HEADER_SIZE = len(MAGIC) + _DIGEST_SIZE
# Set by TTFontFace from the file itself or from where it was opened; restored, not stored.
_NOT_STORED = ("_ttf_data", "_pdfScale", "filename", "_path", "_subset_memo")
# What a usable cache entry must have (the rest is checked by the payload hash and key).
_REQUIRED = ("name", "charWidths", "charToGlyph", "unitsPerEm")
_PLAIN = (int, float, str, bytes, bool, type(None))
#: Tables unmarshalled only when first asked for: subsetting needs the glyph positions and
#: metrics once per face, glyphToChar only text shaping (uharfbuzz), which we do not use.
#: Thousands of small objects each: loading them with the widths took most of a load.
DEFERRED = ("glyphToChar", "hmetrics", "glyphPos")
#: key of the face's state holding the deferred tables as marshal bytes
DEFERRED_KEY = "_deferred_tables"


def cache_dir() -> Path:
    """The folder of the font cache (not created here): under ``REJNISTVO_CACHE_DIR``
    when set (portable mode, ``locations.apply``; tests), else the user cache folder."""
    if os.environ.get(CACHE_ENV):
        base = Path(os.environ[CACHE_ENV])
    else:
        from platformdirs import user_cache_dir

        base = Path(user_cache_dir(APP_NAME, appauthor=False))
    return base / "fonts"


def cache_file(font_path: Path) -> Path:
    return cache_dir() / f"{font_path.stem}.{sys.implementation.cache_tag}.fontdata"


def load_face_state(font_path: Path) -> dict[str, Any]:
    """The attributes of `TTFontFace(font_path)`, from the cache or by parsing the file.

    From the cache, the DEFERRED tables are not attributes yet but marshal bytes under
    DEFERRED_KEY, for `load_deferred` when first used (`full_state` makes them all)."""
    data = font_path.read_bytes()
    key = _key(data)
    target = cache_file(font_path)
    stored = _read(target, key)
    if stored is None:
        face = TTFontFace(str(font_path))
        stored = _storable(face.__dict__)
        if stored is not None:
            _write(target, key, stored)
        else:  # an attribute marshal cannot hold (a newer reportlab): use it as parsed
            state = dict(face.__dict__)
            state["filename"] = str(font_path)
            return state
    return _restore(stored, data, str(font_path))


def load_deferred(blob: bytes) -> Any:
    """One deferred table (its bytes were checked with the whole cache file)."""
    return marshal.loads(blob)


def full_state(state: dict[str, Any]) -> dict[str, Any]:
    """`load_face_state`'s answer with every deferred table loaded (tests, tools)."""
    full = {k: v for k, v in state.items() if k != DEFERRED_KEY}
    for attribute, blob in state.get(DEFERRED_KEY, {}).items():
        full[attribute] = load_deferred(blob)
    return full


def digest(data: bytes) -> bytes:
    """Fingerprint of a font file or of a cache file's payload (not a security measure:
    whoever can write the user's cache folder can write the user's programs too)."""
    return hashlib.sha1(data, usedforsecurity=False).digest()


def _key(font_data: bytes) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "font": digest(font_data).hex(),
        "reportlab": reportlab.Version,
        "python": sys.implementation.cache_tag,
    }


def _storable(state: dict[str, Any]) -> dict[str, Any] | None:
    """The face's attributes as plain data, names (TTFNameBytes) listed apart."""
    values: dict[str, Any] = {}
    names: list[str] = []
    later: dict[str, bytes] = {}
    for attribute, value in state.items():
        if attribute in _NOT_STORED:
            continue
        if isinstance(value, TTFNameBytes):
            names.append(attribute)
            value = bytes(value)
        elif not _plain(value):
            return None
        if attribute in DEFERRED:
            later[attribute] = marshal.dumps(value)
        else:
            values[attribute] = value
    return {"values": values, "names": names, "later": later}


def _plain(value: object) -> bool:
    if isinstance(value, _PLAIN):
        return type(value) in _PLAIN  # not a subclass marshal would turn into its base
    if isinstance(value, list | tuple) and type(value) in (list, tuple):
        return all(_plain(item) for item in value)
    if isinstance(value, dict) and type(value) is dict:
        return all(_plain(k) and _plain(v) for k, v in value.items())
    return False


def _restore(stored: dict[str, Any], font_data: bytes, filename: str) -> dict[str, Any]:
    state = dict(stored["values"])
    for attribute in stored["names"]:
        # TTFNameBytes keeps the name as UTF-8 bytes; decoding them again gives the same
        state[attribute] = TTFNameBytes(state[attribute])
    state["_ttf_data"] = font_data
    state["filename"] = filename
    state["_pdfScale"] = _scale(state["unitsPerEm"])
    state[DEFERRED_KEY] = dict(stored["later"])
    return state


def _scale(units_per_em: int) -> Any:
    """reportlab's own font-unit → 1/1000 em conversion (ttfonts.extractInfo), the same
    arithmetic so every width and the bounding box come out to the same float."""
    if units_per_em == 1000:
        return lambda x: x
    mult = 1000 / units_per_em
    return lambda x: x * mult


def _read(path: Path, key: dict[str, Any]) -> dict[str, Any] | None:
    """The cached attributes if the file is whole and made from the same inputs."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    header = HEADER_SIZE
    if len(blob) <= header or not blob.startswith(MAGIC):
        return None
    stored_digest, payload = blob[len(MAGIC) : header], blob[header:]
    if digest(payload) != stored_digest:
        return None  # truncated or damaged
    try:
        entry = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(entry, dict) or entry.get("key") != key:
        return None  # another font file, reportlab or Python
    stored = entry.get("state")
    if (
        not isinstance(stored, dict)
        or not isinstance(stored.get("values"), dict)
        or not isinstance(stored.get("names"), list)
        or not isinstance(stored.get("later"), dict)
        or any(not isinstance(blob, bytes) for blob in stored["later"].values())
        or any(attribute not in stored["later"] for attribute in DEFERRED)
        or any(attribute not in stored["values"] for attribute in _REQUIRED)
        or any(not isinstance(stored["values"].get(n), bytes) for n in stored["names"])
    ):
        return None
    return stored


def _write(path: Path, key: dict[str, Any], stored: dict[str, Any]) -> None:
    """Best effort: a cache that cannot be written is parsed again next time."""
    from rejnistvo.atomic_write import replace_bytes

    try:
        payload = marshal.dumps({"key": key, "state": stored})
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_bytes(path, MAGIC + digest(payload) + payload)
    except (OSError, ValueError):
        pass
