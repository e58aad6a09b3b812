"""fold_all: the whole-list fold the window uses for search texts is fold, text by text."""

from hypothesis import given
from hypothesis import strategies as st

from rejnistvo.rules.text import fold, fold_all

NAMES = st.text(
    alphabet=st.sampled_from(list("abcČčŠšŽžĆćĐđ ßẞéÉİıǄﬁKΣς-0129/\x1f")) | st.characters(),
    max_size=12,
)


@given(st.lists(NAMES, max_size=30))
def test_fold_all_is_fold_of_each(texts):
    assert fold_all(texts) == [fold(t) for t in texts]


def test_fold_all_of_slovenian_names():
    assert fold_all(["Čebašek Žiga", "Đurić Ćiril", "", "Ana"]) == [
        "cebasek ziga",
        "duric ciril",
        "",
        "ana",
    ]


def test_the_slovenian_plural_rule_is_babels_locale_data():
    from babel import Locale

    from rejnistvo.rules.plural import SLOVENIAN_RULE, plural_category

    babel_rule = Locale.parse("sl").plural_form
    assert babel_rule.rules == SLOVENIAN_RULE
    assert [plural_category(n) for n in range(0, 1000)] == [babel_rule(n) for n in range(0, 1000)]
