"""Fixtures of the services tests (the payment run's small database: _payment_fixtures)."""

from _payment_fixtures import clock, run_db  # noqa: F401 (fixtures)
