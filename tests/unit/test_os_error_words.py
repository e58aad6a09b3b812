"""One table of Slovenian words for OS errors: the window, the CLI and the store agree."""

from __future__ import annotations

import errno

from rejnistvo.atomic_write import os_error_reason


def test_a_write_says_what_the_user_can_change() -> None:
    denied = PermissionError(errno.EACCES, "Permission denied")
    assert os_error_reason(denied) == "ni dovoljenja"
    assert os_error_reason(denied, writing=True).startswith("ni dovoljenja za pisanje")
    missing = FileNotFoundError(errno.ENOENT, "No such file or directory")
    assert os_error_reason(missing) == "mapa ali datoteka ne obstaja"
    assert os_error_reason(missing, writing=True) == "mapa ne obstaja"


def test_an_unknown_error_names_its_number_never_the_english_text() -> None:
    text = os_error_reason(OSError(9999, "Operation failed"))
    assert "9999" in text and "Operation" not in text
    assert os_error_reason(OSError("no number")) == "napaka pri delu z datoteko"
    # a PermissionError without a number is still a permission problem
    assert os_error_reason(PermissionError()) == "ni dovoljenja"


def test_the_window_words_a_write_error_as_the_cli_does() -> None:
    from rejnistvo.ui.interaction import os_error_text

    for code in (errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EROFS, errno.EDQUOT, 9999):
        error = OSError(code, "English text")
        assert os_error_text(error) == os_error_reason(error, writing=True)
