"""The Jinja filters (render/filters.py): the formatting functions under template names, bound to a language."""

import datetime
from decimal import Decimal

import pytest
from jinja2 import Environment

from site_builder.render.filters import make_filters


def test_unknown_language_is_rejected_by_make_filters() -> None:
    with pytest.raises(ValueError):
        make_filters("fr")


def test_make_filters_names() -> None:
    assert set(make_filters("vi")) == {
        "number",
        "percent",
        "rate",
        "points",
        "nd30",
        "date_short",
        "weekday",
        "year",
        "term",
    }


def test_make_filters_returns_a_fresh_dict() -> None:
    first = make_filters("vi")
    first["number"] = str
    assert make_filters("vi")["number"](3281) == "3.281"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "vi",
            "3.281 | 91,4 | 101,3% | 101,25% | +6,4 điểm % | ngày 05 tháng 10 năm 2023 | 05/10/2023 | Thứ Năm | 2023",
        ),
        (
            "en",
            "3,281 | 91.4 | 101.3% | 101.25% | +6.4 pts | 5 October 2023 | 2023-10-05 | Thursday | 2023",
        ),
    ],
)
def test_filters_in_a_jinja_template(lang: str, expected: str) -> None:
    env = Environment(autoescape=True)
    env.filters.update(make_filters(lang))
    template = env.from_string(
        "{{ n | number }} | {{ r | number(1) }} | {{ p | percent }} | {{ p | percent(2) }}"
        " | {{ d | points }} | {{ day | nd30 }} | {{ day | date_short }} | {{ day | weekday }}"
        " | {{ y | year }}"
    )
    rendered = template.render(
        n=3281,
        r=Decimal("91.4"),
        p=Decimal("101.25"),
        d=Decimal("6.4"),
        day=datetime.date(2023, 10, 5),
        y=2023,
    )
    assert rendered == expected


@pytest.mark.parametrize(("value", "expected"), [(Decimal("84.96"), "84,96%"), (Decimal("0.54"), "0,54%"), (98, "98%")])
def test_rate_filter_keeps_the_digits_as_written(value, expected) -> None:
    assert make_filters("vi")["rate"](value) == expected


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_year_filter_never_groups(lang: str) -> None:
    assert make_filters(lang)["year"](2023) == "2023"
