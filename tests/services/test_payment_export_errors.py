"""A payment-run export that cannot be written says why in Slovenian (the OS's own text
is English): "Is a directory" and "No such file or directory" reached the user."""

from __future__ import annotations

from datetime import date

import pytest
from test_payment_run_exports import run_with_arrears_and_overpayment  # noqa: F401 (fixture)

from rejnistvo.rules.errors import InputError
from rejnistvo.services import payment_exports as exports


def _pdf(run, target):
    return exports.write_pdf(run, target, date(2026, 12, 2))


@pytest.mark.parametrize("write", [exports.write_csv, exports.write_xlsx, _pdf])
def test_unwritable_target_is_said_in_slovenian(
    run_with_arrears_and_overpayment,  # noqa: F811
    tmp_path,
    write,
):
    folder = tmp_path / "izvoz"
    folder.mkdir()
    for target in (folder, folder / "ni-mape" / "izplacilo.csv"):
        with pytest.raises(InputError) as caught:
            write(run_with_arrears_and_overpayment, target)
        message = caught.value.message
        assert caught.value.field == "out"
        assert "directory" not in message.lower() and "such file" not in message
        assert str(target) in message
    assert list(folder.iterdir()) == []  # no leftover part file
