"""The Word yearbook prints a target without data and a sample as the PDF does."""

from __future__ import annotations

from decimal import Decimal

from site_builder.model.derive import derive_target, tally
from site_builder.model.schemas import TargetFields
from site_builder.problems import Loc, Problems
from site_builder.render.environment import make_environment
from site_builder.render.filters import make_filters
from site_builder.sources.themes import resolve_theme
from site_builder.yearbook.book import theme_words
from site_builder.yearbook.word.chapters import award_line, tally_text, target_row
from tests.factories import make_award


def _target(actual, sample=False):
    name = "Tỷ lệ TCCSĐ trong sạch"
    raw = TargetFields(id="a", name=name, unit="%", target=Decimal(85), actual=actual, sample=sample)
    return derive_target(raw, Loc("content/years/2022/targets.yaml", 1))


def _ui(tmp_path):
    theme = resolve_theme(tmp_path, "default", Problems())
    return theme_words(make_environment(theme, "vi"))


def test_a_row_without_data_is_not_rated_and_a_sample_is_marked(tmp_path):
    ui, f = _ui(tmp_path), make_filters("vi")
    row = target_row(_target(None, sample=True), 1, ui, f)
    assert row == ("1", "Tỷ lệ TCCSĐ trong sạch (MẪU)", "%", "85%", "—", "", "Chưa có số liệu")


def test_the_tally_line_counts_only_targets_with_data(tmp_path):
    ui = _ui(tmp_path)
    targets = [_target(Decimal("91.4")), _target(None)]
    assert tally_text(tally(targets), ui) == "Đạt và vượt 1/1 chỉ tiêu có số liệu; 1 chỉ tiêu chưa có số liệu"
    assert tally_text(tally([_target(None)]), ui) == "1 chỉ tiêu chưa có số liệu"


def test_a_sample_award_line_is_marked(tmp_path):
    line = award_line(make_award(sample=True), _ui(tmp_path), make_filters("vi"))
    assert line.endswith("3 tập thể (MẪU)")
