"""The question Namestitve → Enkratna izplačila asks before it saves a one-off payment
that the next payment run would not pay in full: a paid payment of the same placement,
kind and month was deleted and its overpayment is still open, so the new one first
undoes that overpayment and only the rest is paid (SPEC 3.6; the clerk who deleted a
row with a typo and entered it again expects exactly that, one who meant a second
payment learns it before saving). The words and the rule are the service's
(``services.payment_run.reentered_one_off_notice``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("OneOffQuestion", text)


def confirm_reentered(ctx: Any, payment: Any) -> bool:
    """Whether to save one-off payment `payment` (``services.placements.OneOffPayment``):
    True at once when the run pays it as any other, else what the user answers (No
    keeps the form as typed)."""
    from rejnistvo.services.payment_run import reentered_one_off_notice

    notice = reentered_one_off_notice(ctx.db, payment)
    if notice is None:
        return True
    return bool(
        ctx.interaction.confirm(
            _tr("Izplačilo namesto izbrisanega"),
            notice + " " + _tr("Ga shranim?"),
            risky=True,  # perhaps the deleted one typed again by mistake: Enter is »Ne«
        )
    )
