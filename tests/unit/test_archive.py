"""The editions/ folder over several printings (output/archive.py): which round a manifest goes
to, which final edition is in force, and an editions/ that cannot be written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_builder.output.archive import archived, is_round, keep, keep_all, keep_from_output, latest_final
from site_builder.problems import Problems
from site_builder.yearbook.manifest import Manifest, Record, encode_manifest

STEM = "ky-yeu-nam-2023"


def manifest(actual: int, label: str | None = None, final: bool = False) -> Manifest:
    records = {"target:ket-nap": Record("target", {"actual": str(actual)})}
    return Manifest("year", "2023", f"{STEM}.pdf", label, final, records)


def kept(site: Path) -> list[tuple[str, str | None]]:
    """(file name, the actual figure kept in it), oldest first."""
    return [(a.path.name, str(a.manifest.records["target:ket-nap"].fields["actual"])) for a in archived(site, STEM)]


def test_a_final_edition_stays_in_force_over_every_later_build(tmp_path):
    keep(tmp_path, manifest(283, "Dự thảo lần 1"))
    keep(tmp_path, manifest(285, final=True))
    for actual in (290, 291, 292):  # built again and again after the final edition, figures edited
        keep(tmp_path, manifest(actual, final=True))
        final = latest_final(archived(tmp_path, STEM))
        assert final is not None and final.path.name == "002-ban-in.json"
        assert final.manifest.records["target:ket-nap"].fields["actual"] == "285"
    # One reprint entry after the final edition, replaced by each later reprint.
    assert kept(tmp_path) == [("001-du-thao-lan-1.json", "283"), ("002-ban-in.json", "285"),
                              ("003-ban-in-lai.json", "292")]  # fmt: skip


def test_a_new_labelled_round_then_final_makes_a_new_final_edition(tmp_path):
    keep(tmp_path, manifest(285, final=True))
    keep(tmp_path, manifest(290, final=True))
    keep(tmp_path, manifest(290, "Bản sửa sau chính thức"))
    entries = archived(tmp_path, STEM)
    assert latest_final(entries).path.name == "001-ban-in.json"  # drafts after it leave it in force
    keep(tmp_path, manifest(290, final=True))
    entries = archived(tmp_path, STEM)
    assert [e.path.name for e in entries][-1] == "004-ban-in.json"
    assert latest_final(entries).path.name == "004-ban-in.json"


def test_the_same_draft_round_is_replaced_and_an_unchanged_one_not_written(tmp_path):
    assert keep(tmp_path, manifest(283, "Dự thảo lần 1")).name == "001-du-thao-lan-1.json"
    assert keep(tmp_path, manifest(283, "Dự thảo lần 1")) is None
    assert keep(tmp_path, manifest(284, "Dự thảo lần 1")).name == "001-du-thao-lan-1.json"
    assert kept(tmp_path) == [("001-du-thao-lan-1.json", "284")]


def test_only_draft_and_final_editions_are_rounds():
    assert not is_round(manifest(283))
    assert is_round(manifest(283, "Dự thảo lần 1")) and is_round(manifest(283, final=True))


def test_an_editions_path_that_is_a_file_is_a_warning_not_a_failure(tmp_path):
    (tmp_path / "editions").write_text("x", encoding="utf-8")
    problems = Problems()
    assert keep_all(tmp_path, [manifest(283, "Dự thảo lần 1")], problems) == []
    assert [(p.severity, p.code, str(p.loc)) for p in problems] == [
        ("warning", "editions.write-failed", f"editions/{STEM}")
    ]
    assert "editions/" in problems.items[0].message("vi")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_editions_folder_is_a_warning_and_leaves_no_temporary_file(tmp_path):
    folder = tmp_path / "editions" / STEM
    folder.mkdir(parents=True)
    folder.chmod(0o500)
    try:
        problems = Problems()
        keep_all(tmp_path, [manifest(283, final=True)], problems)
        assert [p.code for p in problems] == ["editions.write-failed"]
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o700)


def test_the_rounds_an_output_holds_are_kept_again(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / f"{STEM}.manifest.json").write_bytes(encode_manifest(manifest(283, "Dự thảo lần 2")))
    (output / "ky-yeu-nam-2022.manifest.json").write_bytes(
        encode_manifest(Manifest("year", "2022", "ky-yeu-nam-2022.pdf", None, False, {}))
    )  # a trial build's: not a round
    written = keep_from_output(tmp_path, output, Problems())
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [f"editions/{STEM}/001-du-thao-lan-2.json"]
