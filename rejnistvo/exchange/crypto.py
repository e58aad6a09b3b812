"""The sealed envelope of a package file: scrypt + AES-256-GCM with a readable header.

Layout (all of it is read before anything is decrypted)::

    MAGIC (16 bytes) | header length (2 bytes, big-endian) | header (UTF-8 JSON) | ciphertext

The header names the format version, the kind of package (proposal/resolution), the
subgroup, the KDF parameters with their random salt, the nonce, a passphrase check
value and the ciphertext length. Everything before the ciphertext is the associated
data of AES-GCM, so a changed kind, subgroup, salt or nonce fails authentication just
like a changed byte of the ciphertext.

Why a passphrase check value: AES-GCM alone cannot tell a wrong passphrase from an
altered file, and the user needs to know which of the two to fix. scrypt yields 64
bytes; the first 32 are the key, a hash of the last 32 is the check. It gives an
attacker nothing the ciphertext does not already give (every guess still costs one
scrypt run).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import struct
import unicodedata
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from rejnistvo.exchange.errors import PASSPHRASE_FIELD, PackageError

MAGIC = b"REJNISTVO-PAKET\n"
FORMAT_VERSION = 1
KINDS = ("proposal", "resolution")
KIND_NAMES = {"proposal": "predlog R-4", "resolution": "sklep komisije R-4"}
MIN_PASSPHRASE_LENGTH = 10

# ~70 ms and 32 MiB on an office PC: slow for guessing, unnoticed by the user.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
# Bounds for parameters read from a file, so a crafted header cannot make us spend
# minutes or gigabytes before refusing it.
_MAX_SCRYPT_N = 2**20
_MIN_SCRYPT_N = 2**14
# scrypt needs 128·n·r bytes and n·r·p units of work: at most 4× what seal() uses
# (128 MiB, ~0.3 s), whatever n, r and p a header names.
_MAX_SCRYPT_MEMORY_UNITS = 4 * SCRYPT_N * SCRYPT_R
_MAX_SCRYPT_WORK = 4 * SCRYPT_N * SCRYPT_R * SCRYPT_P
_MAX_HEADER = 4096
# A package holds one case and its PDF; anything larger is not one of ours.
MAX_PACKAGE_BYTES = 64 * 1024 * 1024
_TAG_LENGTH = 16


@dataclass(frozen=True)
class Envelope:
    """What the header says, readable without the passphrase."""

    version: int
    kind: str
    subgroup: int
    header: dict[str, Any]


def check_passphrase(passphrase: str) -> str:
    """The passphrase as used for the key: NFC-normalised (č typed two ways is one č)."""
    if not isinstance(passphrase, str) or len(passphrase.strip()) < MIN_PASSPHRASE_LENGTH:
        raise PackageError(
            f"Geslo mora imeti vsaj {MIN_PASSPHRASE_LENGTH} znakov. Izberite daljše geslo "
            "in ga prejemniku sporočite po drugi poti (npr. po telefonu), ne v istem e-sporočilu.",
            field=PASSPHRASE_FIELD,
        )
    return unicodedata.normalize("NFC", passphrase)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, what: str) -> bytes:
    try:
        return base64.b64decode(str(text), validate=True)
    except (ValueError, TypeError):
        raise PackageError(f"Glava paketa je poškodovana ({what}).") from None


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    material = Scrypt(salt=salt, length=64, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))
    return material[:32], hashlib.sha256(b"rejnistvo-check" + material[32:]).digest()[:16]


def seal(plaintext: bytes, *, kind: str, subgroup: int, passphrase: str) -> bytes:
    """Encrypt `plaintext` into a package file for `kind` and `subgroup`."""
    if kind not in KINDS:
        raise ValueError(f"unknown package kind {kind!r}")
    if not (isinstance(subgroup, int) and 1 <= subgroup <= 6):
        raise PackageError("Podskupina paketa mora biti številka od 1 do 6.")
    passphrase = check_passphrase(passphrase)
    salt = os.urandom(16)
    nonce = os.urandom(12)
    key, check = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    header = {
        "format": "rejnistvo-paket",
        "version": FORMAT_VERSION,
        "kind": kind,
        "subgroup": subgroup,
        "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt)},
        "cipher": "AES-256-GCM",
        "nonce": _b64(nonce),
        "check": _b64(check),
        "length": len(plaintext) + _TAG_LENGTH,
    }
    header_bytes = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    prefix = MAGIC + struct.pack(">H", len(header_bytes)) + header_bytes
    return prefix + AESGCM(key).encrypt(nonce, plaintext, prefix)


def _split(data: bytes) -> tuple[bytes, dict[str, Any], bytes]:
    if len(data) > MAX_PACKAGE_BYTES:
        raise PackageError(
            f"Datoteka je prevelika za paket (več kot {MAX_PACKAGE_BYTES // 1024 // 1024} MiB); "
            "to ni paket programa Rejništvo."
        )
    if not data.startswith(MAGIC):
        if MAGIC.startswith(data):
            raise PackageError(
                "Paket je nepopoln (prirezan): datoteka je prazna ali skoraj prazna."
            )
        raise PackageError(
            "Datoteka ni paket programa Rejništvo (na začetku ni oznake paketa). "
            "Izberite datoteko s končnico .rejpaket, ki ste jo prejeli."
        )
    if len(data) < len(MAGIC) + 2:
        raise PackageError("Paket je nepopoln (prirezan): manjka glava paketa.")
    (header_length,) = struct.unpack(">H", data[len(MAGIC) : len(MAGIC) + 2])
    start = len(MAGIC) + 2
    if header_length > _MAX_HEADER:
        raise PackageError("Glava paketa je poškodovana (nemogoča dolžina).")
    if len(data) < start + header_length:
        raise PackageError("Paket je nepopoln (prirezan): glava paketa ni cela.")
    header_bytes = data[start : start + header_length]
    try:
        header = json.loads(header_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PackageError(
            "Glava paketa je poškodovana (ni berljiva); paket je bil spremenjen."
        ) from None
    if not isinstance(header, dict):
        raise PackageError("Glava paketa je poškodovana (napačna oblika).")
    return data[: start + header_length], header, data[start + header_length :]


def peek(data: bytes) -> Envelope:
    """Read the header without the passphrase (kind and subgroup for the first checks).

    Nothing here is trusted yet: `open_sealed` authenticates it.
    """
    _, header, _ = _split(data)
    version = header.get("version")
    if header.get("format") != "rejnistvo-paket" or not isinstance(version, int):
        raise PackageError("Glava paketa je poškodovana (neznana oblika).")
    if version > FORMAT_VERSION:
        raise PackageError(
            f"Paket je narejen z novejšo različico programa (oblika {version}, ta program "
            f"pozna obliko do {FORMAT_VERSION}). Posodobite program in paket uvozite znova."
        )
    kind = header.get("kind")
    subgroup = header.get("subgroup")
    if kind not in KINDS or not isinstance(subgroup, int) or not 1 <= subgroup <= 6:
        raise PackageError("Glava paketa je poškodovana (vrsta ali podskupina).")
    return Envelope(version=version, kind=kind, subgroup=subgroup, header=header)


def check_envelope(
    envelope: Envelope, *, expected_kind: str | None, expected_subgroups: frozenset[int] | None
) -> None:
    """Refuse a package of the wrong kind or for another subgroup, before decrypting."""
    if expected_kind is not None and envelope.kind != expected_kind:
        raise PackageError(
            f"Paket vsebuje {KIND_NAMES[envelope.kind]}, tu pa se uvaža "
            f"{KIND_NAMES[expected_kind]}. Izberite pravi paket."
        )
    if expected_subgroups is not None and envelope.subgroup not in expected_subgroups:
        allowed = ", ".join(str(n) for n in sorted(expected_subgroups)) or "nobeno"
        raise PackageError(
            f"Paket je namenjen podskupini {envelope.subgroup}, ta evidenca pa vodi podskupino "
            f"{allowed}. Paketa ni mogoče uvoziti; pošljite ga koordinatorju podskupine "
            f"{envelope.subgroup}."
        )


def open_sealed(
    data: bytes,
    passphrase: str,
    *,
    expected_kind: str | None = None,
    expected_subgroups: frozenset[int] | None = None,
) -> tuple[Envelope, bytes]:
    """Check, authenticate and decrypt a package file; return its header and plaintext."""
    envelope = peek(data)
    check_envelope(envelope, expected_kind=expected_kind, expected_subgroups=expected_subgroups)
    prefix, header, ciphertext = _split(data)
    kdf = header.get("kdf")
    if (
        not isinstance(kdf, dict)
        or kdf.get("name") != "scrypt"
        or header.get("cipher") != "AES-256-GCM"
    ):
        raise PackageError("Glava paketa je poškodovana (neznan način šifriranja).")
    n, r, p = kdf.get("n"), kdf.get("r"), kdf.get("p")
    if not (
        isinstance(n, int)
        and isinstance(r, int)
        and isinstance(p, int)
        and not any(isinstance(v, bool) for v in (n, r, p))
        and _MIN_SCRYPT_N <= n <= _MAX_SCRYPT_N
        and n & (n - 1) == 0
        and 1 <= r <= 16
        and 1 <= p <= 4
        and n * r <= _MAX_SCRYPT_MEMORY_UNITS
        and n * r * p <= _MAX_SCRYPT_WORK
    ):
        raise PackageError("Glava paketa je poškodovana (parametri gesla).")
    length = header.get("length")
    if not isinstance(length, int) or not _TAG_LENGTH <= length <= MAX_PACKAGE_BYTES:
        raise PackageError("Glava paketa je poškodovana (dolžina vsebine).")
    if len(ciphertext) < length:
        raise PackageError(
            f"Paket je nepopoln (prirezan): manjka {length - len(ciphertext)} bajtov. "
            "Prosite pošiljatelja, naj paket pošlje znova."
        )
    if len(ciphertext) > length:
        raise PackageError("Paket je bil spremenjen: za vsebino so dodani tuji podatki.")
    salt = _unb64(kdf.get("salt"), "sol")
    nonce = _unb64(header.get("nonce"), "nonce")
    stored_check = _unb64(header.get("check"), "preverjanje gesla")
    if len(nonce) != 12 or len(salt) < 16:
        raise PackageError("Glava paketa je poškodovana (sol ali nonce).")
    key, check = _derive(check_passphrase(passphrase), salt, n, r, p)
    if not hmac.compare_digest(check, stored_check):
        raise PackageError(
            "Geslo ni pravilno. Vnesite geslo, ki vam ga je pošiljatelj paketa sporočil "
            "(pazite na velike in male črke ter šumnike).",
            field=PASSPHRASE_FIELD,
        )
    try:
        plaintext = AESGCM(key).decrypt(nonce, ciphertext, prefix)
    except InvalidTag:
        raise PackageError(
            "Paket je bil spremenjen ali poškodovan (preverjanje celovitosti ni uspelo). "
            "Ničesar nisem uvozil; prosite pošiljatelja, naj paket pošlje znova."
        ) from None
    return envelope, plaintext
