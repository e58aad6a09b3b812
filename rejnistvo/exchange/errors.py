"""The one error of the exchange: a package that cannot be used, with a Slovenian message.

It is an `InputError`, so the headless interface turns it into exit status 2 and one
line, and the window shows the message as it is.
"""

from __future__ import annotations

from rejnistvo.rules.errors import InputError

# The field of the two passphrase refusals (too short, wrong): a window asks for the
# passphrase again instead of sending the user back to choose the file.
PASSPHRASE_FIELD = "geslo"


class PackageError(InputError):
    """A package refused (altered, truncated, wrong passphrase, other subgroup, …)."""

    def __init__(self, message: str, field: str = "paket") -> None:
        # The message already says it is about the package: no "paket: " prefix in str().
        super().__init__("", message)
        self.field = field
