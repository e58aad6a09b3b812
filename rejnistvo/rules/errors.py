"""Typed errors of the rules. Each carries the field it is about and a Slovenian message
that says what is wrong and what is allowed; the CLI and the window show it as it is."""

from __future__ import annotations

from datetime import date


class RuleError(Exception):
    """A value the rules refuse. `field` names the input (e.g. "placement[0].to")."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


class InputError(RuleError):
    """A value that is malformed or outside what is allowed."""


class MissingRateError(RuleError):
    """No rate is in force for a month that has placed days (SPEC 3.1): never zero.

    What callers decide by, instead of cutting up the message: ``month`` (first day of
    the month without an amount; None when not about one month), ``day`` (the exact day
    without an amount, for amounts that change on any day), ``lacks`` (what is not
    entered, in the genitive: "zneska oskrbnine in plačila dela"), ``problem`` (the
    message without its advice) and ``advice`` (the closing sentence saying where to add
    the amount; ``with_advice`` gives the same error with another, e.g. the CLI's)."""

    def __init__(
        self,
        field: str,
        problem: str,
        *,
        advice: str = "",
        month: date | None = None,
        day: date | None = None,
        lacks: str = "",
    ) -> None:
        super().__init__(field, f"{problem} {advice}" if advice else problem)
        self.problem = problem
        self.advice = advice
        self.month = month
        self.day = day
        self.lacks = lacks

    def with_advice(self, advice: str) -> MissingRateError:
        """The same missing amount with another sentence on where to add it."""
        return MissingRateError(
            self.field,
            self.problem,
            advice=advice,
            month=self.month,
            day=self.day,
            lacks=self.lacks,
        )
