"""import-case --package (and the window's import) read a package only as far as a
package can be: a device (/dev/zero) or a large file chosen by mistake was read whole,
until memory ran out."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from rejnistvo.bounded_read import TooLarge, read_bounded
from rejnistvo.cli import main as cli_main


def test_a_package_from_an_endless_device_is_refused_naming_the_option(
    coordinator_db, tmp_path, capsys, monkeypatch
):
    if not os.path.exists("/dev/zero"):
        pytest.skip("a POSIX device")
    # read whole, the test would wait for memory to run out: fail at once instead
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} read whole"))
    secret = tmp_path / "geslo.txt"
    secret.write_text("modra hiša ob reki\n", encoding="utf-8")
    path = coordinator_db.path
    coordinator_db.close()
    args = ["import-case", "--db", str(path), "--package", "/dev/zero"]
    args += ["--passphrase-file", str(secret), "--kind", "proposal", "--subgroup", "3"]
    assert cli_main([*args, "--preview"]) == 2
    err = capsys.readouterr().err
    assert err == "--package: Datoteka »/dev/zero« je prevelika za paket programa Rejništvo.\n"


def test_read_bounded_reads_up_to_the_limit_and_refuses_past_it(tmp_path):
    exact = tmp_path / "f"
    exact.write_bytes(b"x" * 10)
    assert read_bounded(exact, 10) == b"x" * 10
    assert read_bounded(io.BytesIO(b"abc"), 10) == b"abc"
    with pytest.raises(TooLarge) as refused:
        read_bounded(exact, 9)
    assert refused.value.limit == 9
    with pytest.raises(TooLarge):
        read_bounded(io.BytesIO(b"x" * 11), 10)
