"""The site's folder layout (site_builder/layout.py): one place names every folder and file."""

import ast
from pathlib import Path

import pytest

from site_builder import layout
from site_builder.layout import SiteLayout, content_relative, in_content, media_file, media_relative

PACKAGE = Path(__file__).resolve().parents[2] / "site_builder"


def test_the_contract_names():
    """CONTENT_MODEL.md's folder names, site-relative as problems print them."""
    assert layout.SITE_YAML == "content/site.yaml"
    assert layout.GLOSSARY_YAML == "content/glossary.yaml"
    assert (layout.TERMS, layout.YEARS, layout.PAGES) == ("content/terms", "content/years", "content/pages")
    assert layout.MEDIA == "content/media"
    assert layout.SOURCE_FOLDERS == ("content", "templates", "themes")
    assert layout.CACHE == ".cache/site-builder" and layout.EDITIONS == "editions"


def test_site_layout_paths_sit_under_the_root(tmp_path):
    site = SiteLayout(tmp_path)
    assert site.content == tmp_path / "content"
    assert site.site_yaml == tmp_path / "content" / "site.yaml"
    assert site.media == tmp_path / "content" / "media"
    assert (site.templates, site.themes, site.output) == (
        tmp_path / "templates",
        tmp_path / "themes",
        tmp_path / "output",
    )
    assert site.cache == tmp_path / ".cache" / "site-builder"
    assert site.path(layout.YEARS) / "2024" == tmp_path / "content" / "years" / "2024"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("content/media/anh/a.jpg", "anh/a.jpg"),
        ("content/media-cu/a.jpg", None),
        ("media/a.jpg", None),
        ("content/media", None),
    ],
)
def test_media_relative_only_below_the_media_folder(path, expected):
    assert media_relative(path) == expected


def test_content_paths_round_trip():
    assert in_content("pages/a.md") == "content/pages/a.md"
    assert content_relative("content/pages/a.md") == "pages/a.md"
    assert content_relative("pages/a.md") == "pages/a.md"
    assert media_relative(media_file("anh/Ảnh 1.jpg")) == "anh/Ảnh 1.jpg"


def _literals(tree: ast.AST) -> list[ast.Constant]:
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_no_other_module_spells_the_content_or_cache_folders():
    """`"content/media/"` written in a module would drift from the layout the next time it changes."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "layout.py" and path.parent == PACKAGE:
            continue
        for node in _literals(ast.parse(path.read_text(encoding="utf-8"))):
            if node.value in ("content", ".cache") or node.value.startswith(("content/", ".cache/")):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}")
    assert not found, "use site_builder/layout.py instead:\n" + "\n".join(found)
