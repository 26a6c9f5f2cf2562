"""Vietnamese alphabetical order and name matching, without PyICU.

`sort_key` follows ICU's ``vi`` collation (CLDR tailoring)::

    &̀<<̉<<̃<<́<<̣          tones: secondary, ngang < huyền < hỏi < ngã < sắc < nặng
    &a<ă<â  &d<đ  &e<ê  &o<ô<ơ  &u<ư   letters: primary

so base letters are compared across the whole string first, then tones, then
case (lower before upper), as ICU's default strength does.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator

# The Vietnamese alphabet with the other Latin letters (f j w z) slotted in
# Latin order; a letter's index is its primary weight.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}

# Marks that turn a base letter into another letter of the alphabet.
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_LETTER_MARKS = {
    ("a", _BREVE): "ă",
    ("a", _CIRCUMFLEX): "â",
    ("e", _CIRCUMFLEX): "ê",
    ("o", _CIRCUMFLEX): "ô",
    ("o", _HORN): "ơ",
    ("u", _HORN): "ư",
}

# Tone marks in collation order; ngang (no mark) sorts before all of them.
_TONES = "\u0300\u0309\u0303\u0301\u0323"  # huyền, hỏi, ngã, sắc, nặng
_TONE_RANK = {mark: rank for rank, mark in enumerate(_TONES, start=1)}

# Primary groups in ICU's default order: spaces < punctuation and symbols <
# digits < Latin letters < other scripts.
_SPACE, _PUNCT, _DIGIT, _LATIN, _OTHER = range(5)
_GROUP_SHIFT = 1 << 21  # above every code point, so groups never overlap


def _graphemes(nfd: str) -> Iterator[tuple[str, str]]:
    """Yield (base character, its combining marks) pairs from NFD text."""
    base, marks = "", ""
    for ch in nfd:
        if unicodedata.combining(ch):
            marks += ch
            continue
        if base or marks:
            yield base, marks
        base, marks = ch, ""
    if base or marks:
        yield base, marks


def _primary(letter: str) -> int:
    if letter in _LETTER_RANK:
        return _LATIN * _GROUP_SHIFT + _LETTER_RANK[letter]
    if letter.isspace() or not letter:
        return _SPACE * _GROUP_SHIFT + ord(letter or " ")
    if letter.isdigit():
        # Digits of every script share a weight per value, as in ICU.
        return _DIGIT * _GROUP_SHIFT + unicodedata.digit(letter, 0)
    if letter.isalpha():
        return _OTHER * _GROUP_SHIFT + ord(letter)
    return _PUNCT * _GROUP_SHIFT + ord(letter)


# primaries, secondaries (tones, accents), tertiaries (case), then the NFC text itself.
SortKey = tuple[tuple[int, ...], tuple[tuple[int, ...], ...], tuple[int, ...], str]


@functools.lru_cache(maxsize=4096)  # pure, and a name has few distinct letters: sorting the people index
def _collation_element(base: str, marks: str) -> tuple[int, tuple[int, ...], int]:
    """(primary, secondary, tertiary) weights of one base character and its marks."""
    lower = base.lower() if len(base.lower()) == 1 else base
    letter, accents = lower, marks
    for mark in marks:
        composed = _LETTER_MARKS.get((lower, mark))
        if composed:
            # Only the first letter-forming mark joins the letter; "ă̂" is odd input.
            letter, accents = composed, marks.replace(mark, "", 1)
            break
    # Tones first in their Vietnamese order; any other accent (é in a foreign
    # name, say) after them, by code point.
    secondary = tuple(sorted(_TONE_RANK.get(mark, len(_TONES) + 1 + ord(mark)) for mark in accents))
    tertiary = 1 if base != lower else 0
    return _primary(letter), secondary, tertiary


def sort_key(text: str) -> SortKey:
    """Key for ``sorted()`` putting Vietnamese text in dictionary order.

    NFC and NFD spellings of the same text give the same key.
    """
    nfd = unicodedata.normalize("NFD", text)
    elements = [_collation_element(base, marks) for base, marks in _graphemes(nfd)]
    primaries = tuple(element[0] for element in elements)
    secondaries = tuple(element[1] for element in elements)
    tertiaries = tuple(element[2] for element in elements)
    # The NFC text last makes the order total (ICU would call such strings equal).
    return primaries, secondaries, tertiaries, unicodedata.normalize("NFC", text)


def person_sort_key(full_name: str) -> tuple[SortKey, SortKey]:
    """Vietnamese names sort by given name (the last word), then by the full name."""
    words = full_name.split()
    given_name = words[-1] if words else ""
    return sort_key(given_name), sort_key(" ".join(words))


# Vowels that can carry a tone; base letters only, as the text is decomposed.
_VOWELS = frozenset("aeiouy")
# Vowels whose own mark (ă â ê ô ơ ư) makes them the tone's seat in every style.
_MARKED_VOWEL_SIGNS = frozenset({_BREVE, _CIRCUMFLEX, _HORN})


def _canonical_syllable(nfd: str) -> str:
    """Move a syllable's single tone mark to one fixed vowel.

    Old and new styles disagree only for open syllables like hoà/hòa, uỷ/ủy,
    thuý/thúy; any fixed seat makes both spellings equal. The seat is the last
    vowel with a letter mark (ê in "nguyễn", ơ in "người"), else the last vowel.
    The result need not be the orthographically preferred spelling.
    """
    tones = [ch for ch in nfd if ch in _TONE_RANK]
    if len(tones) != 1:
        return nfd  # no tone, or not a Vietnamese syllable: leave it alone
    graphemes = [(base, marks.replace(tones[0], "")) for base, marks in _graphemes(nfd)]
    vowels = [i for i, (base, _) in enumerate(graphemes) if base in _VOWELS]
    if not vowels:
        return nfd
    marked = [i for i in vowels if _MARKED_VOWEL_SIGNS.intersection(graphemes[i][1])]
    seat = (marked or vowels)[-1]
    base, marks = graphemes[seat]
    graphemes[seat] = (base, marks + tones[0])
    return "".join(base + marks for base, marks in graphemes)


def _syllables(nfd: str) -> Iterator[str]:
    """Split NFD text into runs of letters (with their marks) and everything else."""
    run, in_word = "", False
    for ch in nfd:
        is_word = ch.isalpha() or bool(unicodedata.combining(ch))
        if run and is_word != in_word:
            yield run
            run = ""
        run += ch
        in_word = is_word
    if run:
        yield run


@functools.lru_cache(maxsize=65_536)  # a pure function called for every mention of ~1,000 names
def person_match_key(name: str) -> str:
    """Key deciding that two spellings name the same person.

    Ignores Unicode form, spacing, case, and old/new tone placement
    ("Nguyễn Văn Thuý" matches "nguyễn  văn thúy").
    """
    folded = " ".join(unicodedata.normalize("NFC", name).split()).casefold()
    nfd = unicodedata.normalize("NFD", folded)
    canonical = "".join(_canonical_syllable(run) for run in _syllables(nfd))
    return unicodedata.normalize("NFC", canonical)
