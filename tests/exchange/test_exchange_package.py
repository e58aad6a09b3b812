"""The package file format: round trip and every way a package is refused."""

from __future__ import annotations

import json

import pytest

from rejnistvo.exchange import crypto
from rejnistvo.exchange.errors import PackageError
from rejnistvo.exchange.package import build_package, new_case_uuid, read_package

PASS = "zelena žaba skače"
PDF = b"%PDF-1.4\n% fake but enough for the format\n%%EOF\n"
CASE = {
    "centre": "Center za socialno delo Gorenjska",
    "unit": "Enota Kranj",
    "case_no": "1220-14/2026",
    "date": "2026-03-02",
    "child": {"name": "Žan Čebulj", "emso": "0101010500002"},
    "carer": {"name": "Špela Žagar", "emso": "0101970505009"},
    "proposed_percent": 25,
    "period": {"from": "2026-04-01", "to": "2027-03-31"},
    "rationale": "Otrok potrebuje več nege.",
}
DECISION = {
    "resolution_no": "3-017/2026",
    "date": "2026-03-20",
    "subgroup": 3,
    "outcome": "increase",
    "percent": 25,
    "period": {"from": "2026-04-01", "to": "2027-03-31"},
    "rationale": "Utemeljeno.",
    "members": ["Ana Kos", "Bor Lah", "Cvetka Mrak"],
}


def make(kind="proposal", subgroup=3, case=None, passphrase=PASS):
    if case is None:
        case = dict(CASE, decision=DECISION) if kind == "resolution" else CASE
    return build_package(
        kind=kind,
        subgroup=subgroup,
        case_uuid=UUID,
        case=case,
        pdf=PDF,
        passphrase=passphrase,
        sender={"centre": "CSD Gorenjska"},
        workflow={"sent": "2026-03-03"},
    )


UUID = new_case_uuid()


def test_round_trip_keeps_everything():
    data = make()
    contents = read_package(data, PASS, expected_kind="proposal", expected_subgroups={3})
    assert contents.case == CASE
    assert contents.pdf == PDF
    assert contents.case_uuid == UUID
    assert contents.kind == "proposal" and contents.subgroup == 3
    assert contents.workflow["sent"] == "2026-03-03"
    assert ("Otrok", "Žan Čebulj") in contents.summary()
    # Personal data never travels in clear text.
    assert "Čebulj".encode() not in data and b"1220-14" not in data


def test_resolution_round_trip():
    contents = read_package(make("resolution"), PASS, expected_kind="resolution")
    assert contents.case["decision"]["resolution_no"] == "3-017/2026"
    assert ("Sklep št.", "3-017/2026") in contents.summary()


def test_each_package_has_fresh_salt_and_nonce():
    first, second = make(), make()
    assert crypto.peek(first).header["kdf"]["salt"] != crypto.peek(second).header["kdf"]["salt"]
    assert crypto.peek(first).header["nonce"] != crypto.peek(second).header["nonce"]


def test_wrong_passphrase_refused():
    with pytest.raises(PackageError, match="Geslo ni pravilno"):
        read_package(make(), "napačno geslo 123")


def test_passphrase_normalised():
    # "ž" typed as one code point or as z + combining caron is the same passphrase.
    decomposed = PASS.replace("ž", "z\u030c")
    assert read_package(make(), decomposed).case_uuid == UUID


def test_short_passphrase_refused():
    with pytest.raises(PackageError, match="vsaj 10 znakov"):
        make(passphrase="kratko")


@pytest.mark.parametrize("position", ["header", "ciphertext", "tag"])
def test_flipped_byte_refused(position):
    data = bytearray(make())
    header_end = len(crypto.MAGIC) + 2 + int.from_bytes(data[16:18], "big")
    index = {"header": header_end - 3, "ciphertext": header_end + 40, "tag": len(data) - 1}[
        position
    ]
    data[index] ^= 0x01
    with pytest.raises(PackageError):
        read_package(bytes(data), PASS)


def test_every_single_byte_flip_is_refused():
    data = make()
    # Every 97th byte is enough to cross magic, length, header, ciphertext and tag.
    for index in list(range(0, 20)) + list(range(20, len(data), 97)) + [len(data) - 1]:
        altered = bytearray(data)
        altered[index] ^= 0x80
        with pytest.raises(PackageError):
            read_package(bytes(altered), PASS)


def test_altered_ciphertext_message():
    data = bytearray(make())
    data[-30] ^= 0x01
    with pytest.raises(PackageError, match="spremenjen ali poškodovan"):
        read_package(bytes(data), PASS)


@pytest.mark.parametrize("cut", [0, 5, 17, 60, -1, -100])
def test_truncated_refused(cut):
    data = make()
    with pytest.raises(PackageError, match="nepopoln|poškodovan|ni paket"):
        read_package(data[:cut], PASS)


def test_truncated_message_names_missing_bytes():
    with pytest.raises(PackageError, match="manjka 10 bajtov"):
        read_package(make()[:-10], PASS)


def test_appended_bytes_refused():
    with pytest.raises(PackageError, match="spremenjen"):
        read_package(make() + b"x", PASS)


def test_other_subgroup_refused_before_passphrase():
    with pytest.raises(PackageError, match="podskupini 3.*podskupino 4"):
        read_package(make(), "vseeno katero geslo", expected_subgroups={4})


def test_header_subgroup_edited_refused():
    data = make()
    envelope = crypto.peek(data)
    header = dict(envelope.header, subgroup=4)
    header_bytes = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    old_length = int.from_bytes(data[16:18], "big")
    forged = (
        crypto.MAGIC + len(header_bytes).to_bytes(2, "big") + header_bytes + data[18 + old_length :]
    )
    with pytest.raises(PackageError, match="spremenjen"):
        read_package(forged, PASS, expected_subgroups={4})


def test_wrong_kind_refused():
    with pytest.raises(PackageError, match="vsebuje predlog R-4.*sklep"):
        read_package(make(), PASS, expected_kind="resolution")


def test_not_a_package():
    with pytest.raises(PackageError, match="ni paket"):
        read_package(b"%PDF-1.4 something else entirely", PASS)


def test_newer_format_refused():
    data = make()
    envelope = crypto.peek(data)
    header_bytes = json.dumps(dict(envelope.header, version=99), sort_keys=True).encode()
    old_length = int.from_bytes(data[16:18], "big")
    forged = (
        crypto.MAGIC + len(header_bytes).to_bytes(2, "big") + header_bytes + data[18 + old_length :]
    )
    with pytest.raises(PackageError, match="novejšo različico"):
        read_package(forged, PASS)


def test_proposal_with_decision_refused_at_build():
    with pytest.raises(PackageError, match="že vsebuje odločitev"):
        make("proposal", case=dict(CASE, decision=DECISION))


def test_resolution_for_other_subgroup_in_decision_refused():
    with pytest.raises(PackageError, match="Podskupina v sklepu"):
        make("resolution", subgroup=2)


def test_unknown_case_field_refused():
    with pytest.raises(PackageError, match="neznana polja: secret"):
        make(case=dict(CASE, secret=1))


def test_missing_file_reported(tmp_path):
    with pytest.raises(PackageError, match="ni mogoče prebrati"):
        read_package(tmp_path / "ni.rejpaket", PASS)


def test_preview_summary_and_file_name():
    from rejnistvo.exchange.package import suggested_file_name

    summary = dict(read_package(make("resolution"), PASS).summary())
    assert summary["Obdobje"] == "1. 4. 2026 – 31. 3. 2027"
    assert summary["Odločitev"] == "ZVIŠA za 25 % (1. 4. 2026 – 31. 3. 2027)"
    assert summary["Člani komisije"] == "Ana Kos, Bor Lah, Cvetka Mrak"
    assert suggested_file_name("proposal", "1220-14/2026") == "R4-predlog-1220-14-2026.rejpaket"
    assert suggested_file_name("resolution", "") == "R4-sklep-primer.rejpaket"


def test_error_text_has_no_field_prefix():
    with pytest.raises(PackageError) as caught:
        read_package(make(), "napačno geslo 123")
    # the field says it is about the passphrase (a window asks for it again)
    assert str(caught.value).startswith("Geslo ni pravilno") and caught.value.field == "geslo"


# --- issue 15: a crafted header costs nothing before it is refused --------------------------


def _with_header(data: bytes, **changes) -> bytes:
    envelope = crypto.peek(data)
    header = dict(envelope.header, **changes)
    header_bytes = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    old_length = int.from_bytes(data[16:18], "big")
    return (
        crypto.MAGIC + len(header_bytes).to_bytes(2, "big") + header_bytes + data[18 + old_length :]
    )


@pytest.mark.parametrize(
    "kdf_change",
    [
        {"n": 2**20, "r": 16, "p": 1},  # 2 GiB of scrypt memory
        {"n": 2**20, "r": 8, "p": 4},
        {"n": 2**17, "r": 16, "p": 4},
        {"n": 2**15, "r": 8, "p": 10**6},
        {"n": 2**100},
        {"n": True, "r": True, "p": True},
        {"n": "32768"},
    ],
)
def test_crafted_cost_parameters_are_refused_at_once(kdf_change):
    import time

    data = make()
    kdf = dict(crypto.peek(data).header["kdf"], **kdf_change)
    started = time.perf_counter()
    with pytest.raises(PackageError, match="parametri gesla"):
        read_package(_with_header(data, kdf=kdf), PASS)
    assert time.perf_counter() - started < 1  # refused before any scrypt run


@pytest.mark.parametrize("length", [10**12, -1, 2**70, "100", None])
def test_crafted_lengths_are_refused(length):
    with pytest.raises(PackageError, match="dolžina|prirezan"):
        read_package(_with_header(make(), length=length), PASS)


def test_a_deeply_nested_header_is_one_clear_refusal():
    body = b"[" * 4000 + b"]" * 4000
    header_bytes = body[:4096]
    data = crypto.MAGIC + len(header_bytes).to_bytes(2, "big") + header_bytes
    with pytest.raises(PackageError, match="poškodovana"):
        read_package(data, PASS)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "velik.rejpaket"
    with path.open("wb") as handle:
        handle.write(crypto.MAGIC)
        handle.truncate(crypto.MAX_PACKAGE_BYTES + 1)  # sparse: no disk used
    with pytest.raises(PackageError, match="prevelika"):
        read_package(path, PASS)
