"""One case, one state, one word: the R-4 list said »pripravljen / pri koordinatorju /
sprejet / vrnjen« where Paketi said »pripravljeno / poslano / sprejeto / vrnjeno«."""

from __future__ import annotations

from rejnistvo.register.rows import STATUSES, register_status
from rejnistvo.register.states import STATE_WORDS, state_word
from rejnistvo.services.cases import R4_STATUSES
from rejnistvo.ui.views.coordinator_view import CoordinatorView
from rejnistvo.ui.views.r4_view import STATUS_NAMES


def test_the_r4_list_paketi_and_the_register_use_one_word_per_state(qtbot, ctx):
    view = CoordinatorView(ctx)
    qtbot.addWidget(view)
    packages = view._state_names()
    for key in R4_STATUSES:
        assert STATUS_NAMES[key] == packages[key] == STATE_WORDS[key], key
    assert STATUS_NAMES["sent"] == "poslano"
    assert STATUS_NAMES["returned"] == "vrnjeno"
    # the register's states are the same words (its filter offers them)
    assert set(STATUSES) <= set(STATE_WORDS.values())
    assert register_status(None, None, None, "2026-03-02") == "vrnjeno"
    assert register_status("2026-03-02", None, None, None) == "sprejeto"
    assert state_word("neznano") == "neznano"
