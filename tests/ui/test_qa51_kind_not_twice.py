"""Izplačila → Izplačilo, Vrsta: a one-off payment entered after its month was closed has
a reason that begins with »enkratno izplačilo …«, so the column (and its tooltip) read
»enkratno izplačilo – enkratno izplačilo ob vstopu …« (found by QA51). The kind is said
once."""

from __future__ import annotations

from types import SimpleNamespace

from rejnistvo.rules.payment_run import MONTH, ONE_OFF
from rejnistvo.ui.views.payments_table import _kind


def test_a_reason_that_names_the_kind_is_not_prefixed_again():
    late = SimpleNamespace(
        kind=ONE_OFF,
        reason="enkratno izplačilo ob vstopu otroka v osnovno šolo z dne 15. 3. 2027, "
        "vpisano po zaključku izplačila za marec 2027",
    )
    assert _kind(late) == late.reason
    school = SimpleNamespace(kind=ONE_OFF, reason="ob vstopu otroka v osnovno šolo")
    assert _kind(school) == "enkratno izplačilo – ob vstopu otroka v osnovno šolo"
    assert _kind(SimpleNamespace(kind=MONTH, reason="")) == "mesec"
