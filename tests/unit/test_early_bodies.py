"""Markdown rendered by workers while the model is loaded (markup/early.py): what they make is the
model's own HTML, used only under the model's cache keys; a wrong guess or a failed worker costs
speed, never a byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_builder.build import load_site
from site_builder.markup import early as early_module
from site_builder.markup.early import EarlyBodies, render_folder, source_key
from site_builder.markup.markdown import PARALLEL_THRESHOLD, cache_key, glossary_map, glossary_signature
from site_builder.markup.nesting import html_depth
from site_builder.model.load import load_model
from site_builder.model.media import bodies
from site_builder.problems import Problems
from site_builder.sources.discover import read_sources
from site_builder.sources.limits import CEILINGS
from tests.conftest import add_conferences, copy_demo, formatted

GLOSSARY = {"ĐV": "đảng viên"}


@pytest.fixture(scope="module")
def many_bodies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site with enough conferences that a build renders their bodies in workers."""
    site = copy_demo(tmp_path_factory.mktemp("early") / "site")
    return add_conferences(site, PARALLEL_THRESHOLD + 10, _body)


def _body(n: int) -> str:
    return f"## Phần {n}\n\nKết nạp {n} ĐV mới, xem [năm](../year.md).\n\n| a | b |\n|---|---|\n| {n} | x |\n"


def model_keys(site: Path) -> tuple[str, dict[str, str]]:
    """The signature and cache key -> source of every body, as the model renders them."""
    model = load_model(read_sources(site, Problems()), Problems())
    assert model is not None
    signature = glossary_signature(glossary_map(model.glossary), model.site.language)
    return signature, {cache_key(doc.source, signature): doc.source for doc in bodies(model)}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_workers_render_every_body_the_model_asks_for(many_bodies: Path, tmp_path: Path, language: str) -> None:
    site = tmp_path / "site"
    shutil.copytree(many_bodies, site)
    site_yaml = site / "content/site.yaml"
    site_yaml.write_text(site_yaml.read_text("utf-8").replace("language: vi", f"language: {language}"), "utf-8")
    signature, keys = model_keys(site)
    with EarlyBodies.start(site, {}, 2) as early:
        made = early.take(signature, keys)
    assert set(made) == set(keys) and len(keys) > PARALLEL_THRESHOLD
    for fragment, depth in made.values():
        assert depth == html_depth(fragment)
    assert any('<abbr title="đảng viên">ĐV</abbr>' in fragment for fragment, _ in made.values())


def test_nothing_is_used_under_another_glossary_or_language(many_bodies: Path) -> None:
    _, keys = model_keys(many_bodies)
    with EarlyBodies.start(many_bodies, {}, 2) as early:
        assert early.take(glossary_signature({}, "vi"), keys) == {}


def test_no_workers_for_a_small_site_one_job_or_a_full_cache(many_bodies: Path, tmp_path: Path) -> None:
    small = copy_demo(tmp_path / "small")
    full = {str(n): "" for n in range(PARALLEL_THRESHOLD)}
    for site, cache, jobs in [(small, {}, 2), (many_bodies, {}, 1), (many_bodies, full, 2)]:
        signature, keys = model_keys(site)
        with EarlyBodies.start(site, cache, jobs) as early:
            assert early.take(signature, keys) == {}


def test_a_worker_reads_regular_files_and_leaves_deep_bodies_to_the_depth_check(tmp_path: Path) -> None:
    """A worker renders the bodies of its folder's Markdown files; a body nested deeper than any
    site may allow, a link, a file without closed front matter or over the size cap is left out."""
    folder = tmp_path / "2021"
    (folder / "conferences").mkdir(parents=True)
    files = {
        "year.md": "---\ntitle: Năm\n---\nKết nạp ĐV.\n",
        "conferences/a.md": "---\ntitle: A\n---\n" + "> " * (CEILINGS["max_depth"] + 1) + "sâu\n",
        "conferences/b.md": "---\ntitle: B\n---\nHai.\n",
        "conferences/c.md": "---\ntitle: C\nKhông đóng.\n",
        "conferences/d.md": "---\ntitle: D\n---\n" + "Dài. " * 100,
    }
    for name, text in files.items():
        (folder / name).write_text(text, "utf-8")
    (folder / "conferences/e.md").symlink_to(folder / "conferences/b.md")
    made = render_folder(str(folder), True, GLOSSARY, "vi", 200)
    assert made == {
        source_key("Kết nạp ĐV.\n"): ('<p>Kết nạp <abbr title="đảng viên">ĐV</abbr>.</p>', 2),
        source_key("Hai.\n"): ("<p>Hai.</p>", 1),
    }
    assert render_folder(str(folder), False, GLOSSARY, "vi", 200) == {
        source_key("Kết nạp ĐV.\n"): ('<p>Kết nạp <abbr title="đảng viên">ĐV</abbr>.</p>', 2)
    }


def loaded_site(site: Path, jobs: int) -> tuple[dict[str, str], list[str]]:
    problems = Problems()
    loaded = load_site(site, problems, {}, jobs)
    assert loaded is not None
    return loaded.bodies, formatted(problems)


def test_a_failed_worker_costs_speed_never_a_body(many_bodies: Path, tmp_path: Path, monkeypatch) -> None:
    expected = loaded_site(many_bodies, 1)

    def fail_some(sources: list[str], glossary, lang):
        if any("Phần 7\n" in source for source in sources):
            raise RuntimeError("worker failed")
        return real(sources, glossary, lang)

    real = early_module.render_measured
    monkeypatch.setattr(early_module, "render_measured", fail_some)  # the forked workers inherit it
    assert loaded_site(many_bodies, 2) == expected


def test_workers_that_cannot_start_cost_speed_never_the_build(many_bodies: Path, monkeypatch) -> None:
    """`build` starts them before anything else, outside the command's error handling: a refused
    fork must leave an idle EarlyBodies (the bodies are then rendered as without workers)."""
    expected = loaded_site(many_bodies, 1)

    def refused(*_args: object, **_kwargs: object) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(early_module, "worker_pool", refused)
    with EarlyBodies.before_build(many_bodies, 2, use_cache=False) as early:
        assert not early.running
    assert loaded_site(many_bodies, 2) == expected


def test_a_model_that_refuses_a_body_gets_the_same_bodies_and_problems(many_bodies: Path, tmp_path: Path) -> None:
    """Bodies rendered early that the model drops (a broken front matter) or refuses (too deep for
    the site's limit) are never used; the rest is what one process makes."""
    site = tmp_path / "site"
    shutil.copytree(many_bodies, site)
    broken = site / "content/years/2021/conferences/2021-03-01-hoi-nghi-0.md"
    broken.write_text(broken.read_text("utf-8").replace("kind: khac", "kind: [khac"), "utf-8")
    deep = site / "content/years/2021/conferences/2021-03-02-hoi-nghi-1.md"
    deep.write_text(deep.read_text("utf-8") + "\n" + "> " * 40 + "sâu\n", "utf-8")
    bodies_one, problems_one = loaded_site(site, 1)
    assert loaded_site(site, 2) == (bodies_one, problems_one)
    assert any("2021-03-02-hoi-nghi-1.md" in line for line in problems_one)


def test_build_starts_the_workers_first_when_no_markdown_is_kept(many_bodies: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(many_bodies, site)
    with EarlyBodies.before_build(site, 2, use_cache=True) as early:
        assert early.running  # nothing kept: a cold build
    assert not early.running  # leaving the block stops them
    kept = site / ".cache/site-builder/markup.json"
    kept.parent.mkdir(parents=True)
    kept.write_text("{}", "utf-8")
    with EarlyBodies.before_build(site, 2, use_cache=True) as early:
        assert not early.running  # load_site decides, with the kept bodies in hand
    with EarlyBodies.before_build(site, 2, use_cache=False) as early:
        assert early.running  # --force: nothing kept is read
    with EarlyBodies.before_build(site, 1, use_cache=False) as early:
        assert not early.running


def test_load_site_uses_the_workers_the_build_started(many_bodies: Path, tmp_path: Path, monkeypatch) -> None:
    site = tmp_path / "site"
    shutil.copytree(many_bodies, site)
    reference = load_site(site, Problems(), {}, 1)
    with EarlyBodies.before_build(site, 2, use_cache=True) as early:
        taken: list[int] = []
        take = EarlyBodies.take

        def counted(self: EarlyBodies, signature: str, keys: dict[str, str]) -> dict[str, object]:
            made = take(self, signature, keys)
            taken.append(len(made))
            return made  # type: ignore[return-value]

        monkeypatch.setattr(EarlyBodies, "take", counted)
        monkeypatch.setattr(EarlyBodies, "start", lambda *_: pytest.fail("started a second time"))
        cache: dict[str, str] = {}
        loaded = load_site(site, Problems(), cache, 2, early=early)
    assert loaded is not None and reference is not None
    assert taken == [len(cache)] and len(cache) > PARALLEL_THRESHOLD  # every body came from those workers
    assert loaded.bodies == reference.bodies
