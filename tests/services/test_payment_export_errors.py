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
        # the file chosen, or for a missing folder that folder (»Mapa … ne obstaja«)
        assert str(target if target == folder else target.parent) in message
    assert list(folder.iterdir()) == []  # no leftover part file


def test_a_bank_file_the_schema_refuses_is_said_in_slovenian(
    run_with_arrears_and_overpayment,  # noqa: F811
    tmp_path,
    monkeypatch,
    caplog,
):
    """sepaxml's own English (»can't access to resource …xsd«, an XML schema's words) went
    into the clerk's message; it now goes to the log, the clerk reads what happened."""
    from sepaxml import SepaTransfer

    def refuse(self, validate=True, pretty_print=False):
        raise Exception("can't access to resource /x/pain.001.001.03.xsd")  # noqa: TRY002

    monkeypatch.setattr(SepaTransfer, "export", refuse)
    target = tmp_path / "izplacilo.xml"
    with pytest.raises(InputError) as caught:
        exports.write_sepa(
            run_with_arrears_and_overpayment,
            target,
            "SI56020108128219338",
            "CSD Test",
            date(2026, 12, 2),
        )
    assert caught.value.field == "sepa"
    assert "resource" not in caught.value.message and "rejnistvo.log" in caught.value.message
    assert "can't access to resource" in caplog.text
    assert not target.exists()
