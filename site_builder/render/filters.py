"""The Jinja filters templates format numbers and dates with, bound to the site's language.

The formatting itself is the leaf site_builder/formatting.py (charts and the CLI use it too);
this module only names it for templates.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from site_builder.catalogue import check_lang
from site_builder.formatting import (
    Number,
    format_date,
    format_date_short,
    format_number,
    format_percent,
    format_points,
    format_term,
    format_weekday,
    format_year,
)


def make_filters(lang: str) -> dict[str, Callable[..., str]]:
    """A fresh set of Jinja filters bound to `lang`.

    Closures rather than functools.partial so templates can pass the
    optional argument positionally: ``{{ rate | percent(2) }}``.
    """
    check_lang(lang)

    def number(value: Number, decimals: int | None = None) -> str:
        return format_number(value, lang, decimals)

    def percent(value: Number, decimals: int | None = 1) -> str:
        return format_percent(value, lang, decimals)

    def rate(value: Number) -> str:
        """A rate as written: 0.54 -> "0,54%" (percent() rounds completion ratios)."""
        return format_percent(value, lang, None)

    def points(value: Number) -> str:
        return format_points(value, lang)

    def nd30(d: datetime.date) -> str:
        return format_date(d, lang)

    def date_short(d: datetime.date) -> str:
        return format_date_short(d, lang)

    def weekday(d: datetime.date) -> str:
        return format_weekday(d, lang)

    return {
        "number": number,
        "percent": percent,
        "rate": rate,
        "points": points,
        "nd30": nd30,
        "date_short": date_short,
        "weekday": weekday,
        "year": format_year,
        "term": format_term,
    }
