"""The model's records (model/records.py): the lookups templates and the yearbook rely on, and
the one declaration of each choice list."""

from __future__ import annotations

import datetime as dt
import typing

from site_builder.model import records
from site_builder.model.records import AwardTotals, YearbookOptions
from tests.factories import make_conference, make_model, make_site, make_target, make_term, make_year


def test_conferences_come_from_the_years_in_order():
    first = make_conference("Sơ kết", dt.date(2019, 8, 2), slug="so-ket")
    second = make_conference("Tổng kết", dt.date(2019, 12, 20), slug="tong-ket")
    third = make_conference("Đại hội", dt.date(2020, 8, 14), slug="dai-hoi")
    model = make_model(years=[make_year(2019, [first, second]), make_year(2020, [third])])
    assert [c.slug for c in model.conferences] == ["so-ket", "tong-ket", "dai-hoi"]


def test_the_current_term_is_the_latest_and_the_yearbook_term_the_one_site_yaml_names():
    older, newer = make_term("2015-2020"), make_term("2020-2025")
    model = make_model(terms=[older, newer], site=make_site(term="2015-2020"))
    assert model.current_term is newer and model.yearbook_term is older
    assert make_model(terms=[older], site=make_site(term="2010-2015")).yearbook_term is None
    assert make_model(terms=[]).current_term is None


def test_a_terms_years_are_those_it_lists():
    term = make_term("2015-2020", years=(2019, 2020))
    model = make_model(terms=[term], years=[make_year(2018), make_year(2019), make_year(2020), make_year(2021)])
    assert [y.year for y in model.term_years(term)] == [2019, 2020]


def test_a_target_without_a_result_has_no_data():
    assert make_target(actual=152).has_data
    assert not records.Target(**{**vars(make_target()), "actual": None}).has_data


def test_award_totals_add_granted_and_proposed_apart():
    totals = AwardTotals(collective=75, individual=22, proposed_collective=2, proposed_individual=1)
    assert (totals.granted, totals.proposed) == (97, 3)


def test_each_choice_list_is_its_literal_type_once():
    assert typing.get_args(records.ConferenceKind) == records.CONFERENCE_KINDS
    assert records.CONFERENCE_KINDS[0] == "so-ket"  # `new conference` and the scaffold's example default to it
    fields = typing.get_type_hints(YearbookOptions)
    assert typing.get_args(fields["profile"]) == ("ky-yeu", "van-kien")
    assert typing.get_args(fields["paper"]) == ("A4",)
