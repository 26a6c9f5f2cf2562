"""Printed rounds over several builds, on a site made by `new site` (the Word file alone is
printed, which is quick): a final edition stays the one compared with build after build; a
trial build records no round; `--draft` is refused while site.yaml says `final: true`; an
editions/ folder that cannot be written is a warning, and the next build records the round."""

from __future__ import annotations

from pathlib import Path

import pytest

AFTER_FINAL = "thay đổi sau bản chính thức"
BOOK = "ky-yeu-2025-2030"


@pytest.fixture
def site(tmp_path, run_cli) -> Path:
    code, _, err = run_cli("new", "site", "thu", cwd=tmp_path)
    assert code == 0, err
    root = tmp_path / "thu"
    set_actual(root, "", "700")
    return root


def targets(site: Path) -> Path:
    return site / "content" / "terms" / "2025-2030" / "targets.yaml"


def set_actual(site: Path, old: str, new: str) -> None:
    """The first target's `actual:` (empty in a new site: `actual:  # …`)."""
    path = targets(site)
    text = path.read_text(encoding="utf-8")
    before = f"actual: {old} " if old else "actual:  "
    assert before in text, before
    path.write_text(text.replace(before, f"actual: {new} ", 1), encoding="utf-8")


def add_yearbook(site: Path, *lines: str) -> None:
    path = site / "content" / "site.yaml"
    path.write_text(path.read_text("utf-8") + "yearbook:\n" + "".join(f"  {line}\n" for line in lines), "utf-8")


def kept(site: Path) -> list[str]:
    folder = site / "editions" / BOOK
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def build(run_cli, site: Path, *args: str) -> tuple[int, str]:
    code, _, err = run_cli("build", "--no-pdf", "--docx", *args, cwd=site)
    return code, err


def test_a_figure_changed_after_the_final_edition_is_flagged_build_after_build(site, run_cli):
    add_yearbook(site, "final: true")
    assert build(run_cli, site)[0] == 0
    assert kept(site) == ["001-ban-in.json"]
    set_actual(site, "700", "720")
    for _ in range(3):  # the release promise holds for every later build, not only the next one
        code, err = build(run_cli, site)
        assert code == 0
        assert "thực hiện 700 → 720" in err and AFTER_FINAL in err and "001-ban-in.json" in err
        with (site / "content" / "pages" / "gioi-thieu.md").open("a", encoding="utf-8") as page:
            page.write("\nThêm.\n")  # an edit elsewhere: a real build, not a replay
    assert kept(site) == ["001-ban-in.json", "002-ban-in-lai.json"]
    code, _, err = run_cli("check", cwd=site)
    assert code == 0 and "thực hiện 700 → 720" in err and AFTER_FINAL in err
    code, out, _ = run_cli("changes", cwd=site)
    assert code == 0
    assert "(!) Kết nạp đảng viên mới nhiệm kỳ 2025-2030: thực hiện 700 → 720" in out
    assert f"editions/{BOOK}/001-ban-in.json" in out


def test_a_trial_build_keeps_no_round_and_changes_compares_with_the_last_build(site, run_cli):
    assert build(run_cli, site)[0] == 0
    assert not (site / "editions").exists()
    set_actual(site, "700", "720")
    code, out, _ = run_cli("changes", cwd=site)
    assert code == 0
    assert f"so với lần dựng trước (output/{BOOK}.manifest.json)" in out
    assert "thực hiện 700 → 720" in out
    add_yearbook(site, 'draft: "Dự thảo lần 1"')
    assert build(run_cli, site)[0] == 0
    assert kept(site) == ["001-du-thao-lan-1.json"]


def test_draft_is_refused_while_site_yaml_says_final(site, run_cli):
    add_yearbook(site, "final: true")
    assert build(run_cli, site)[0] == 0
    for command in (["build", "--no-pdf", "--docx"], ["pdf", "--term", "2025-2030"]):
        code, _, err = run_cli(*command, "--draft", "Dự thảo lần 3", cwd=site)
        assert code == 1 and "Traceback" not in err
        assert "content/site.yaml:" in err and "--draft “Dự thảo lần 3”" in err and "final: true" in err
    assert kept(site) == ["001-ban-in.json"]  # the final edition is still the only round


def test_an_editions_path_that_is_a_file_is_a_warning_and_the_round_is_recorded_later(site, run_cli):
    add_yearbook(site, 'draft: "Dự thảo lần 1"')
    (site / "editions").write_text("x", encoding="utf-8")
    code, err = build(run_cli, site)
    assert code == 0 and "Lỗi nội bộ" not in err
    assert f"editions/{BOOK}: warning: không ghi được bản ghi lần in này vào thư mục editions/" in err
    assert (site / "output" / f"{BOOK}.docx").is_file()  # the build itself went through
    (site / "editions").unlink()
    code, err = build(run_cli, site)  # nothing changed: the build replays, and records the round
    assert code == 0 and "không có gì thay đổi" in err and "editions.write-failed" not in err
    assert kept(site) == ["001-du-thao-lan-1.json"]
