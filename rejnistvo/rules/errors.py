"""Typed errors of the rules. Each carries the field it is about and a Slovenian message
that says what is wrong and what is allowed; the CLI and the window show it as it is."""

from __future__ import annotations


class RuleError(Exception):
    """A value the rules refuse. `field` names the input (e.g. "placement[0].to")."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


class InputError(RuleError):
    """A value that is malformed or outside what is allowed."""


class MissingRateError(RuleError):
    """No rate is in force for a month that has placed days (SPEC 3.1): never zero."""
