"""Lists sort in the Slovenian alphabet's order (a b c č ć d dž đ e … s š t … z ž):
»Cesar« before »Čebašek«, »Zupan« before »Žnidaršič«; searching stays diacritic-blind
(»sustar« finds »Šuštar«). Found by QA26: the sort key was ``fold`` (č = c)."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from rejnistvo.rules.text import fold, sort_fold, sort_fold_all, surname_sort_keys
from rejnistvo.services.list_order import person_order
from rejnistvo.services.people import by_surname
from rejnistvo.ui.models.cells import sort_key

#: in the order a Slovenian reader expects
SURNAMES = [
    "Bizjak",
    "Cesar",
    "Czerny",
    "Čebašek",
    "Čuk",
    "Ćosić",
    "Dolenc",
    "Dzaja",
    "Džamić",
    "Đurić",
    "Erjavec",
    "Sever",
    "Svetina",
    "Šuštar",
    "Tomc",
    "Zupan",
    "Zver",
    "Žnidaršič",
]


def _shuffled(items: list[str]) -> list[str]:
    out = list(items)
    random.Random(27).shuffle(out)
    return out


def test_surnames_in_slovenian_order():
    assert sorted(_shuffled(SURNAMES), key=sort_fold) == SURNAMES
    assert sorted(_shuffled([s.upper() for s in SURNAMES]), key=sort_fold) == [
        s.upper() for s in SURNAMES
    ]


def test_list_order_by_surname_then_name():
    names = [f"Ana {surname}" for surname in SURNAMES] + ["Bor Cesar", "Ana Čuk Zupan"]
    expected = sorted(names, key=lambda n: (sort_fold(n.split()[-1]), sort_fold(n)))
    keys = surname_sort_keys(_shuffled(names))
    assert sorted(keys) == surname_sort_keys(expected)
    assert [r["name"] for r in by_surname([{"name": n} for n in _shuffled(names)])] == expected
    # a record saved new is put where the list's query puts it
    records = [{"name": n, "id": i} for i, n in enumerate(_shuffled(names))]
    assert [r["name"] for r in sorted(records, key=person_order)] == expected


def test_a_column_sorted_by_the_user_is_in_slovenian_order():
    assert sorted(_shuffled(SURNAMES), key=sort_key) == SURNAMES


def test_searching_stays_blind_to_the_marks():
    assert fold("Šuštar") == "sustar" and fold("Čebašek") == "cebasek"


def test_decomposed_letters_sort_as_composed():
    assert sort_fold("C\u030cuk") == sort_fold("Čuk") == "c{uk"


NAMES = st.text(
    alphabet=st.sampled_from(list("abcČčŠšŽžĆćĐđ ßẞéÉİıǄﬁKΣς-0129/\x1f\u2013")) | st.characters(),
    max_size=12,
)


@given(st.lists(NAMES, max_size=30))
def test_sort_fold_all_is_sort_fold_of_each(texts):
    assert sort_fold_all(texts) == [sort_fold(t) for t in texts]
