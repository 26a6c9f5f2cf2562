"""The symbols numbers are written with in each catalogue language: `3.281` and `101,3%` (vi),
`3,281` and `101.3%` (en).

They are CLDR's (Latin digits), as Babel gives them; they are kept here because loading Babel's
locale data for four characters costs every run about 10 ms (with `babel.dates`, which that data
imports). tests/unit/test_formatting.py checks that they are still Babel's; a language without a
catalogue asks Babel.

A leaf: it imports no stage.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NumberSymbols:
    group: str
    decimal: str
    minus: str
    percent: str


KNOWN = {"vi": NumberSymbols(".", ",", "-", "%"), "en": NumberSymbols(",", ".", "-", "%")}


def number_symbols(lang: str) -> NumberSymbols:
    known = KNOWN.get(lang)
    return known if known is not None else babel_symbols(lang)


def babel_symbols(lang: str) -> NumberSymbols:
    """The symbols from Babel's locale data (the reference for KNOWN)."""
    from babel import Locale
    from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

    percent = str(Locale.parse(lang).number_symbols["latn"]["percentSign"])
    return NumberSymbols(get_group_symbol(lang), get_decimal_symbol(lang), get_minus_sign_symbol(lang), percent)
