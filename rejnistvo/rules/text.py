"""Text keys for searching and sorting names, the same in every list and service."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

#: the combining diacritical mark blocks (what NFKD splits off č, š, ž, é, ü …)
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Case- and diacritic-insensitive key: "Čebašek" → "cebasek", "Đurić" → "duric"."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # one regex pass, not a Python call per character: 20,000 rows are folded at a time
    return _COMBINING.sub("", decomposed).replace("đ", "d")


#: the words before a centre's own name that a clerk writes or leaves out (folded)
CENTRE_WORDS = ("center za socialno delo ", "csd ")
#: the same before a unit's name (»Enota Kranj«, »CSD Kranj« of an older list)
UNIT_WORDS = (*CENTRE_WORDS, "enota ")


def centre_key(name: str, words: tuple[str, ...] = CENTRE_WORDS) -> str:
    """What tells one centre's (or with ``UNIT_WORDS`` one unit's) name from another's:
    folded, spaces and dashes evened, without the `words` before it (»CSD Koroška« →
    »koroska«)."""
    text = " ".join(fold(name).replace("–", "-").split())
    for word in words:
        text = text.removeprefix(word)
    return text


#: between the texts of ``fold_all``: a control character no name or number contains
_UNIT = "\x1f"
#: the letters of Slovenian names, folded by a plain replace over the whole joined text
_COMMON = (("č", "c"), ("š", "s"), ("ž", "z"), ("ć", "c"), ("đ", "d"))
#: the same letters in capitals and small, replaced *before* lowering: ``lower`` of a
#: text that is ASCII by then takes CPython's fast path (15,000 carers: 5 -> 0.5 ms)
_BOTH_CASES = tuple((letter.upper(), plain) for letter, plain in _COMMON) + _COMMON


def fold_all(texts: list[str]) -> list[str]:
    """``fold`` of every text: 20,000 search texts of a list in a few milliseconds.

    The texts are joined, Č/č, Š/š, Ž/ž, Ć/ć, Đ/đ replaced in one pass each and the
    result lowered in one pass; only a text still not ASCII after that (ß, é, a
    ligature …) goes through ``fold`` itself. Where ``lower`` already gives ASCII,
    ``casefold`` and NFKD give the same, so the result is ``fold``'s (a property test
    checks it)."""
    # Č and č both become c here, as lower-then-replace would make them; no other
    # character lowers to one of these letters
    return _folded_together(texts, _BOTH_CASES, fold)


def _folded_together(
    texts: list[str], letters: tuple[tuple[str, str], ...], one: Callable[[str], str]
) -> list[str]:
    """`one` of every text, made by joining them, replacing `letters` in one pass each
    and lowering once; only a text still not ASCII after that goes through `one`."""
    if not texts:
        return []
    joined = _UNIT.join(texts)
    for letter, plain in letters:
        joined = joined.replace(letter, plain)
    joined = joined.lower()
    folded = joined.split(_UNIT)
    if len(folded) != len(texts):  # a text held the separator itself
        return [one(text) for text in texts]
    if not joined.isascii():
        for i, text in enumerate(folded):
            # an en dash (centre names, periods) folds to itself: no need for `one`
            if not text.isascii() and not text.replace("\u2013", "").isascii():
                folded[i] = one(texts[i])
    return folded


#: letters a Slovenian name may carry with or without their mark ("Čuk" found by "cuk")
MARKED = frozenset("csdzčšžćđ")


def like_pattern(word: str, marked: bool = True) -> str:
    """A LIKE pattern (``ESCAPE '\\'``) finding ``word`` anywhere in a casefolded text;
    ``marked``: c, s, z, d, č, š, ž, ć, đ as any one letter. With marks this is a
    superset of the matches (SQLite cannot fold č), which ``fold`` then decides."""
    out = []
    for ch in word.casefold():
        if marked and ch in MARKED:
            out.append("_")
        elif ch in "%_\\":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "%" + "".join(out) + "%"


#: the letters the Slovenian alphabet puts after their plain one (a b c č ć d dž đ e …
#: s š t … z ž), each as the plain letter and a character after "z" ("{", "|"), so a
#: plain comparison by code point puts »Cesar« before »Čebašek« and »Zupan« before
#: »Žnidaršič«; dž is d + ž and so comes after every other d
_ALPHABET = (("č", "c{"), ("ć", "c|"), ("đ", "d|"), ("š", "s{"), ("ž", "z{"))
_ALPHABET_BOTH_CASES = tuple((letter.upper(), key) for letter, key in _ALPHABET) + _ALPHABET


def sort_fold(text: str) -> str:
    """Case-insensitive key in Slovenian alphabetical order: "Čebašek" → "c{ebas{ek"
    (after every "c…"), other marks dropped as ``fold`` drops them ("Müller" → "muller").
    For ordering only; searching stays ``fold`` (č = c)."""
    if text.isascii():
        return text.casefold()
    composed = unicodedata.normalize("NFC", text).casefold()
    for letter, key in _ALPHABET:
        composed = composed.replace(letter, key)
    return fold(composed)


def sort_fold_all(texts: list[str]) -> list[str]:
    """``sort_fold`` of every text, as ``fold_all`` folds them: one pass per letter over
    the joined texts, one ``lower``, ``sort_fold`` only for a text still not ASCII."""
    return _folded_together(texts, _ALPHABET_BOTH_CASES, sort_fold)


#: between the parts of a sort key: lower than any character of a name
SORT_PART = "\x00"


def surname_sort_keys(names: list[str]) -> list[str]:
    """Each name's place in a list by surname as one string — the surname (the last
    word) and the name as ``sort_fold`` keys, NUL between: "Ana Čuk" →
    "c{uk\\x00ana c{uk" sorts after »Bor Cesar« and before »Bor Novak« (Slovenian
    order: c, č, d). Compared as plain strings (by code point, as SQLite compares UTF-8
    text), the order is that of the pair (surname, name); folded in one pass."""
    keys = []
    for text in sort_fold_all(names):
        words = text.split()
        keys.append((words[-1] if words else "") + SORT_PART + text)
    return keys
