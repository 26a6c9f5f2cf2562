"""Shared fixtures for the whole suite.

* `make_site(tmp_path, files)` writes a site folder from {relative path: text}
  (text is dedented, so tests can indent it with the code);
* `demo_site` is a private copy of the repository's demo site;
* `built_demo` builds the demo once per session (HTML only) and gives its output;
* `run_cli(*args, cwd=None)` runs `python -m site_builder` in a subprocess;
* `parse_html(path)` parses a page with a real HTML5 parser (tinyhtml5).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: a wall-clock limit would fail on a busy CI machine, and speed is
# measured in bench/. No example database: the suite writes nothing into the checkout.
settings.register_profile("site-builder", deadline=None, database=None)
settings.load_profile("site-builder")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `from tests.factories import ...` works under plain `pytest`
    sys.path.insert(0, str(ROOT))

from site_builder.build import BuildOptions, build_site  # noqa: E402
from site_builder.model.checks import check_model  # noqa: E402
from site_builder.model.load import load_model  # noqa: E402
from site_builder.problems import Problems  # noqa: E402
from site_builder.sources.discover import read_sources  # noqa: E402

DEMO_CONTENT = ROOT / "content"
DEMO_TEMPLATES = ROOT / "templates"

# The smallest complete site: site.yaml and one term. Tests add or replace files.
BASE_FILES: dict[str, str] = {
    "content/site.yaml": """\
        title: "Kỷ yếu thử nghiệm"
        organization: "Đảng bộ Khối thử nghiệm"
        """,
    "content/terms/2020-2025/term.md": """\
        ---
        title: "Nhiệm kỳ thử nghiệm"
        start: 2020-08-14
        end: 2025-08-20
        ---
        Thân bài của nhiệm kỳ.
        """,
}


def make_site(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` under tmp_path/site and return that site folder.

    Text values are dedented and written as UTF-8 with LF; bytes are written as is.
    """
    site = tmp_path / "site"
    for rel, content in files.items():
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(textwrap.dedent(content), encoding="utf-8", newline="\n")
    (site / "content").mkdir(parents=True, exist_ok=True)
    return site


def site_with(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """A site made of BASE_FILES overridden/extended by `files` (a value of None removes a file)."""
    merged = {**BASE_FILES, **files}
    return make_site(tmp_path, {k: v for k, v in merged.items() if v is not None})


def load(site: Path):
    """(model or None, Problems) for a site folder: read, load and cross-check."""
    problems = Problems()
    sources = read_sources(site, problems)
    model = load_model(sources, problems)
    if model is not None:
        check_model(model, sources.media, problems)
    return model, problems


def formatted(problems: Problems) -> list[str]:
    return [p.format() for p in problems.sorted()]


def copy_demo(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(DEMO_CONTENT, dest / "content")
    if DEMO_TEMPLATES.is_dir():
        shutil.copytree(DEMO_TEMPLATES, dest / "templates")
    return dest


def add_conferences(site: Path, count: int, body: Callable[[int], str]) -> Path:
    """`count` conferences "Hội nghị N" of March 2021 in `site`, each with the body `body(N)`:
    enough of them make a build use its worker processes."""
    for n in range(count):
        day = n % 28 + 1
        path = site / f"content/years/2021/conferences/2021-03-{day:02d}-hoi-nghi-{n}.md"
        path.write_text(f'---\ntitle: "Hội nghị {n}"\ndate: 2021-03-{day:02d}\nkind: khac\n---\n{body(n)}', "utf-8")
    return site


def run_cli(*args: str, cwd: Path | str | None = None, timeout: float = 120) -> tuple[int, str, str]:
    """Run `python -m site_builder ARGS`; returns (exit code, stdout, stderr)."""
    env = {**os.environ, "PYTHONUTF8": "1", "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "site_builder", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )
    return done.returncode, done.stdout, done.stderr


def parse_html(path: Path):
    """The page as an ElementTree root (real HTML5 parsing, plain tag names)."""
    import tinyhtml5

    return tinyhtml5.parse(path.read_bytes(), namespace_html_elements=False)


def text_of(element) -> str:
    """All text inside an element, whitespace folded."""
    return " ".join("".join(element.itertext()).split())


def by_class(root, class_name: str, tag: str = "*") -> list:
    return [e for e in root.iter(tag) if class_name in (e.get("class") or "").split()]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, to prove a folder was left untouched."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- fixtures -----------------------------------------------------------------


@pytest.fixture(name="make_site")
def _make_site_fixture():
    return make_site


@pytest.fixture(name="run_cli")
def _run_cli_fixture():
    return run_cli


@pytest.fixture
def demo_site(tmp_path: Path) -> Path:
    """A private copy of the demo site (content/ and templates/)."""
    return copy_demo(tmp_path / "demo")


@pytest.fixture(scope="session")
def built_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo built once with --no-pdf; returns its output folder."""
    site = copy_demo(tmp_path_factory.mktemp("built-demo") / "site")
    report = build_site(BuildOptions(site, pdf=False, use_cache=False, jobs=1))
    assert not report.problems.errors, [p.format() for p in report.problems]
    return site / "output"
