"""The R-4 list's »Sklep« says the decision as the form and the register say it
(SPEC 3.3: »ZVIŠA za X %«): it read »ZVIŠA 50 %«, the register »ZVIŠA za 50 % (…)«."""

from __future__ import annotations

from rejnistvo.register.rows import decision_text as register_decision
from rejnistvo.services.r4_cases import decision_text


def test_the_list_says_zvisa_za():
    assert decision_text("increase", 50) == "ZVIŠA za 50 %"
    assert decision_text("increase", 25) == "ZVIŠA za 25 %"
    assert decision_text("no_increase", None) == "NE ZVIŠA"
    assert decision_text(None, None) == ""
    # the register's words, without its period
    assert register_decision("increase", 50, None, None) == decision_text("increase", 50)
