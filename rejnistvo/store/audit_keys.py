"""What keeps the audit log honest from outside the file: keys and the chain heads seen.

Someone who has the database file but not the installation can rewrite a plain hash
chain from the first changed row on and delete its tail. Two things they do not have:

* the **key** of the keyed chain (HMAC-SHA256): 32 random bytes in
  ``<config>/audit-keys/<key id>.key``; ``current`` names the key this installation
  signs with. Keys of other installations (a colleague's, a reinstalled PC) can be put
  beside it to verify their rows; ``export_keys`` copies them for a backup.
* the **heads** this installation last saw of each database (``<config>/audit-heads.json``,
  by the file's ``database_id`` setting): row count, last id and hash, and the last row
  verified. A file whose chain no longer reaches a recorded head lost its tail or was
  rewritten; opening verifies only the rows after the last verified one.

``<config>`` is ``config_dir.config_dir()`` (injectable for tests).
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from rejnistvo.config_dir import config_dir
from rejnistvo.store.errors import StoreError
from rejnistvo.store.errors import os_error_reason as reason

KEYS_DIR = "audit-keys"
CURRENT = "current"
HEADS_FILE = "audit-heads.json"
_cache: dict[tuple[str, str], bytes] = {}
_own: dict[str, tuple[str, bytes]] = {}


def _keys_dir() -> Path:
    folder = config_dir() / KEYS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def key_id_of(key: bytes) -> str:
    return hashlib.sha256(b"rejnistvo-audit-key" + key).hexdigest()[:16]


def own_key() -> tuple[str, bytes]:
    """(key id, key) this installation signs audit rows with; made on first use."""
    # Every audit row asks: no file access once the key of this folder is known.
    location = str(config_dir(create=False))
    known = _own.get(location)
    if known is not None:
        return known
    try:
        folder = _keys_dir()
        current = folder / CURRENT
        if current.exists():
            key_id = current.read_text(encoding="ascii").strip()
            key = key_for(key_id)
            if key is not None:
                _own[location] = (key_id, key)
                return key_id, key
        key = secrets.token_bytes(32)
        key_id = key_id_of(key)
        _write_private(folder / f"{key_id}.key", key.hex().encode("ascii"))
        _write_private(current, key_id.encode("ascii"))
        _cache[(str(folder), key_id)] = key
        _own[location] = (key_id, key)
        return key_id, key
    except OSError as error:
        raise StoreError(
            f"Ključa dnevnika sprememb v mapi »{config_dir(create=False)}« ni mogoče "
            f"ustvariti ali prebrati ({reason(error)}). Mapa mora dovoliti pisanje."
        ) from None


def key_for(key_id: str) -> bytes | None:
    """The key with this id, if this installation has it."""
    if not key_id or not all(c in "0123456789abcdef" for c in key_id):
        return None
    folder = config_dir(create=False) / KEYS_DIR
    cached = _cache.get((str(folder), key_id))
    if cached is not None:
        return cached
    try:
        key = bytes.fromhex((folder / f"{key_id}.key").read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None
    if key_id_of(key) != key_id:
        return None
    _cache[(str(folder), key_id)] = key
    return key


def export_keys(destination: Path) -> list[Path]:
    """Copy every audit key of this installation into `destination` (a backup on request)."""
    destination.mkdir(parents=True, exist_ok=True)
    copied = []
    for source in sorted(_keys_dir().glob("*.key")):
        target = destination / source.name
        shutil.copyfile(source, target)
        copied.append(target)
    return copied


def _write_private(path: Path, data: bytes, *, sync: bool = True) -> None:
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


@dataclass
class Head:
    """What this installation last saw of one database's audit chain."""

    count: int = 0
    last_id: int = 0
    last_hash: str = ""
    verified_id: int = 0
    verified_hash: str = ""


def _heads_path() -> Path:
    return config_dir() / HEADS_FILE


def _read_all() -> dict[str, dict[str, object]]:
    try:
        data = json.loads(_heads_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def read_head(database_id: str) -> Head | None:
    return _head_of(_read_all().get(database_id))


def _head_of(entry: object) -> Head | None:
    if not isinstance(entry, dict):
        return None
    try:
        return Head(
            count=int(entry.get("count", 0)),
            last_id=int(entry.get("last_id", 0)),
            last_hash=str(entry.get("last_hash", "")),
            verified_id=int(entry.get("verified_id", 0)),
            verified_hash=str(entry.get("verified_hash", "")),
        )
    except (TypeError, ValueError):
        return None


def record_head(database_id: str, head: Head, *, replace: bool = False) -> None:
    """Remember `head`; never moves a recorded head backwards (that is what it guards)
    unless `replace` (the user accepted a restored older copy)."""
    try:
        data = _read_all()
        old = _head_of(data.get(database_id))
        if old is not None and old.last_id > head.last_id and not replace:
            return
        if old == head:
            return  # every open records its head: most opens change nothing to write
        data[database_id] = asdict(head)
        # No fsync: a head lost in a power cut only weakens the check, it never alarms.
        _write_private(_heads_path(), json.dumps(data, indent=1).encode("utf-8"), sync=False)
    except OSError:
        # The head is a second line of defence: a read-only config folder must not stop
        # the user from working; `check` still verifies the chain itself.
        pass
