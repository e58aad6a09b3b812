"""interaction.error_message: a caught error in Slovenian, never Python's or the OS's text."""

from __future__ import annotations

import errno

from rejnistvo.rules.errors import InputError
from rejnistvo.store import StoreError
from rejnistvo.ui.interaction import error_message


def test_a_rule_or_store_error_keeps_its_own_message() -> None:
    assert error_message(InputError("amount", "znesek ne sme biti negativen.")) == (
        "znesek ne sme biti negativen."
    )
    assert error_message(StoreError("Zbirka je zaklenjena.")) == "Zbirka je zaklenjena."


def test_an_os_error_names_the_file_in_slovenian() -> None:
    error = PermissionError(errno.EACCES, "Permission denied", "/mnt/usb/kandidati.csv")
    text = error_message(error)
    assert text == "Napaka pri delu z datoteko »/mnt/usb/kandidati.csv«: ni dovoljenja."
    assert "Permission" not in text and "Errno" not in text
    assert error_message(OSError(errno.ENOSPC, "No space left on device")) == (
        "Napaka pri delu z datoteko: na disku ni prostora."
    )


def test_anything_else_is_an_internal_error_by_name_only() -> None:
    text = error_message(KeyError("centre_iban"))
    assert text == "Notranja napaka programa (KeyError)."
