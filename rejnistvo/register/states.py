"""Where an R-4 case stands, in one wording for every list that shows it: the centre's
R-4 list, the coordinator's incoming list and register (čl. 29), and Paketi.

They said it three ways (the R-4 list »pripravljen / pri koordinatorju / sprejet /
vrnjen«, Paketi »pripravljeno / poslano / sprejeto / vrnjeno«): one case, one state,
two words. Now every list takes its word from here: the step done, as a neuter past
participle (the case is »poslano«, »odločeno«), as the register always wrote it;
»komisija imenovana« is the one step named by what was made."""

from __future__ import annotations

#: the state's key (as ``services.cases.r4_status`` and Paketi give it) → its word
STATE_WORDS: dict[str, str] = {
    "prepared": "pripravljeno",
    "sent": "poslano",
    "received": "prejeto",
    "accepted": "sprejeto",
    "commission_named": "komisija imenovana",
    "decided": "odločeno",
    "returned": "vrnjeno",
}


def state_word(state: str) -> str:
    """The word of a state's key; an unknown key as it is (never a traceback)."""
    return STATE_WORDS.get(state, state)
