"""Slovenian counts: "1 dan", "2 dneva", "3 dnevi", "5 dni".

Slovenian has four number forms (one, two, few, other; 101 behaves like 1, 102 like 2).
Which one a number takes is Babel's CLDR plural rule for `sl`; the word forms of each
noun the program prints are listed here (nominative).

The rule's CLDR text is given to Babel's ``PluralRule`` here instead of asking
``Locale("sl")`` for it: that loads Babel's whole locale data for Slovenian (~70 ms),
and *Roki* counts days on the window's first screen. A test checks the text is the one
Babel's locale data has."""

from __future__ import annotations

from functools import lru_cache

from babel.plural import PluralRule

#: CLDR's plural rule for Slovenian, exactly as ``babel.Locale("sl").plural_form.rules``
SLOVENIAN_RULE = {
    "one": "v in 0 and i mod 100 in 1",
    "two": "v in 0 and i mod 100 in 2",
    "few": "v in 0 and i mod 100 in 3..4 or v not in 0",
}

# noun (as the caller names it: the singular) → forms for one, two, few, other
FORMS: dict[str, tuple[str, str, str, str]] = {
    "dan": ("dan", "dneva", "dnevi", "dni"),
    "teden": ("teden", "tedna", "tedni", "tednov"),
    "mesec": ("mesec", "meseca", "meseci", "mesecev"),
    "leto": ("leto", "leti", "leta", "let"),
    "obrok": ("obrok", "obroka", "obroki", "obrokov"),
    "član": ("član", "člana", "člani", "članov"),
    "razlog": ("razlog", "razloga", "razlogi", "razlogov"),
    "izdatek": ("izdatek", "izdatka", "izdatki", "izdatkov"),
    "račun": ("račun", "računa", "računi", "računov"),
    "dokazilo": ("dokazilo", "dokazili", "dokazila", "dokazil"),
    "otrok": ("otrok", "otroka", "otroci", "otrok"),
    "namestitev": ("namestitev", "namestitvi", "namestitve", "namestitev"),
    "primer": ("primer", "primera", "primeri", "primerov"),
    "vrstica": ("vrstica", "vrstici", "vrstice", "vrstic"),
    "stran": ("stran", "strani", "strani", "strani"),
    "zadeva": ("zadeva", "zadevi", "zadeve", "zadev"),
    "rejnik": ("rejnik", "rejnika", "rejniki", "rejnikov"),
    "zvišanje": ("zvišanje", "zvišanji", "zvišanja", "zvišanj"),
    "preplačilo": ("preplačilo", "preplačili", "preplačila", "preplačil"),
    "opozorilo": ("opozorilo", "opozorili", "opozorila", "opozoril"),
    "zapis": ("zapis", "zapisa", "zapisi", "zapisov"),
    "nakazilo": ("nakazilo", "nakazili", "nakazila", "nakazil"),
}
# The accusative, after "čez", "zamuja", "čaka": "čez 3 dni", not "čez 3 dnevi".
ACCUSATIVE: dict[str, tuple[str, str, str, str]] = {
    "dan": ("dan", "dneva", "dni", "dni"),
    "teden": ("teden", "tedna", "tedne", "tednov"),
    "mesec": ("mesec", "meseca", "mesece", "mesecev"),
}
_INDEX = {"one": 0, "two": 1, "few": 2, "other": 3}


@lru_cache(maxsize=1)
def _rule() -> PluralRule:
    return PluralRule(SLOVENIAN_RULE)


@lru_cache(maxsize=512)
def plural_category(count: int) -> str:
    """CLDR category of `count` in Slovenian: "one", "two", "few" or "other"."""
    return str(_rule()(abs(count)))


def plural(count: int, noun: str) -> str:
    """The form of `noun` that goes with `count` ("dan", 2 → "dneva")."""
    forms = FORMS.get(noun)
    if forms is None:
        raise KeyError(f"no Slovenian plural forms listed for {noun!r}; add them to FORMS")
    return forms[_INDEX.get(plural_category(count), 3)]


def count_phrase(count: int, noun: str) -> str:
    """`count_phrase(2, "dan")` → "2 dneva"; 1 dan, 2 dneva, 3–4 dnevi, 5+ dni."""
    return f"{count} {plural(count, noun)}"


def accusative_phrase(count: int, noun: str) -> str:
    """After "čez", "zamuja", "čaka": 1 dan, 2 dneva, 3 dni, 5 dni."""
    forms = ACCUSATIVE.get(noun)
    if forms is None:
        raise KeyError(f"no Slovenian accusative forms listed for {noun!r}; add them")
    return f"{count} {forms[_INDEX.get(plural_category(count), 3)]}"
