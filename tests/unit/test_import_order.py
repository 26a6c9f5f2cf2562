"""Stages only look down: every import in site_builder/ follows the layer order.

    sources -> model -> sheets -> (markup, charts) -> pages -> (render, yearbook, images) -> output
    -> build -> editions -> serve -> scaffold -> cli

A module may import its own package and any stage below its own. Members of one group
(markup and charts, render and yearbook) do not import each other. Leaf modules (shared
vocabulary: problems, the text catalogue, formatting, URLs, the site's folder layout, the
rendered-file type, worker pools that die with the build, the cache files' JSON) may be imported from anywhere and
import no stage themselves.
Imports inside functions count too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "site_builder"

LAYERS: list[set[str]] = [
    {"sources"},
    {"model"},
    # sheets: import/export of targets and awards; it needs only the records and their validators, and
    # sits this low so that check and build can say when a sheet beside the YAML was never imported.
    {"sheets"},
    {"markup", "charts"},
    {"pages"},
    {"render", "yearbook", "images"},  # images: the web copies of photos
    {"output"},
    {"build"},
    {"editions"},  # one printed edition on its own (`pdf`) and what moved since the last (`changes`)
    {"serve"},
    {"scaffold"},
    {"cli"},
]
# Modules that are one stage with another: the CLI's entry point and its helpers, and helpers of a stage
# that is a single module.
ALIASES = {
    "__main__": "cli",
    "cli_click": "cli",
    "summary": "build",  # the lines that sum up a build or a check, for the CLI and the preview's panel
    "scaffold_launchers": "scaffold",  # the double-clickable files `new site` writes
    "scaffold_files": "scaffold",  # writing all of a plan or nothing, and ScaffoldError
    "scaffold_terms": "scaffold",  # the terms `new site` and `new term` write
    "scaffold_sheets": "scaffold",  # the empty sheets of `new … --xlsx`
}
LEAVES = {"__init__", "problems", "catalogue", "po_reader", "symbols", "formatting", "urls", "layout", "rendered",
          "yamlquote", "workers", "atomic", "cachejson"}  # fmt: skip


def unit_of(module: str) -> str:
    """The stage or leaf a dotted module name (without the package prefix) belongs to."""
    head = module.split(".", 1)[0]
    return ALIASES.get(head, head)


def layer_of(unit: str) -> int | None:
    return next((i for i, group in enumerate(LAYERS) if unit in group), None)


def imports(path: Path) -> set[str]:
    """site_builder modules imported by the file, as dotted names without the package prefix."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "site_builder" or node.module.startswith("site_builder."):
                base = node.module.removeprefix("site_builder").lstrip(".")
                found.update(resolve(base, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("site_builder.") for a in node.names if a.name.startswith("site_builder."))
    return found


def resolve(base: str, name: str) -> str:
    """`from site_builder.<base> import <name>`: the submodule when <name> is one, else <base>."""
    folder = PACKAGE.joinpath(*base.split(".")) if base else PACKAGE
    if (folder / f"{name}.py").is_file() or (folder / name).is_dir():
        return f"{base}.{name}" if base else name
    return base or "__init__"


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" and len(rel.parts) > 1 else rel.parts
    return ".".join(parts)


def edges() -> list[tuple[str, str]]:
    return [(module_name(path), target) for path in sorted(PACKAGE.rglob("*.py")) for target in sorted(imports(path))]


def breaks(importer: str, imported: str) -> str | None:
    """Why the edge breaks the order, or None when it is allowed."""
    source, target = unit_of(importer), unit_of(imported)
    if source == target:
        return None
    if source in LEAVES:
        return None if target in LEAVES else f"leaf module {importer} imports the stage {target}"
    if target in LEAVES:
        return None
    source_layer, target_layer = layer_of(source), layer_of(target)
    if source_layer is None or target_layer is None:
        unknown = source if source_layer is None else target
        return f"{unknown} is neither a stage nor a leaf: add it to LAYERS or LEAVES"
    if target_layer > source_layer:
        return f"{importer} ({source}) reaches up to {imported} ({target})"
    if target_layer == source_layer:
        return f"{importer} imports its sibling stage {target}"
    return None


def test_every_import_follows_the_layer_order():
    found = [
        f"{importer} -> {imported}: {reason}"
        for importer, imported in edges()
        if (reason := breaks(importer, imported))
    ]
    assert not found, "imports against the layer order:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("importer", "imported", "allowed"),
    [
        ("pages.plan", "model.records", True),
        ("model.load", "pages.plan", False),
        ("render.html_pages", "yearbook.book", False),
        ("problems", "model.records", False),
        ("serve.server", "build", True),
        ("model.derive", "formatting", True),
    ],
)
def test_the_rule_itself(importer, imported, allowed):
    assert (breaks(importer, imported) is None) is allowed


def test_every_named_stage_and_leaf_exists():
    """A stale name in LAYERS, LEAVES or ALIASES would let a future module of that name in unjudged."""
    present = {path.relative_to(PACKAGE).parts[0].removesuffix(".py") for path in PACKAGE.rglob("*.py")}
    named = set().union(*LAYERS) | LEAVES | set(ALIASES)
    assert named - present == set()
