"""Commands run from inside content/ (sources/location.py): the site above, and the `cd` to it."""

from __future__ import annotations

from site_builder.sources.location import site_above, way_up


def test_the_site_is_found_from_content_or_any_folder_in_it(tmp_path):
    (tmp_path / "content/years/2024").mkdir(parents=True)
    (tmp_path / "content/site.yaml").write_text("title: x\n", encoding="utf-8")
    assert site_above(tmp_path / "content") == tmp_path.resolve()
    assert site_above(tmp_path / "content/years/2024") == tmp_path.resolve()
    assert way_up(tmp_path / "content/years/2024", tmp_path) == "cd ../../.."


def test_a_content_folder_without_site_yaml_is_no_site(tmp_path):
    (tmp_path / "content/years").mkdir(parents=True)
    assert site_above(tmp_path / "content/years") is None
    assert site_above(tmp_path) is None  # the site folder itself is not inside content/
