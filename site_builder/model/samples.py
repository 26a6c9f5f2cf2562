"""Records marked `sample: true`: examples that are not yet real content.

`new site` writes every example with `sample: true` and a Vietnamese comment
saying to delete the line once the figures are real. A sample is shown marked
"MẪU" on the web and in the yearbook, is never counted (tallies, award totals,
conference counts, charts, the people index), and is a warning in every
`check` and `build` (an error under `--strict`), reported at its `sample:` line.
"""

from __future__ import annotations

from site_builder.model.values import Ctx
from site_builder.problems import Loc
from site_builder.sources.yamlsafe import YMap


def is_sample(values: dict, ctx: Ctx) -> bool:
    """Whether validated `values` are marked `sample: true`; if so, report it at that line."""
    if values.get("sample") is not True:
        return False
    node = values.get("_node")
    loc = Loc(ctx.path)
    if isinstance(node, YMap):
        loc = Loc(ctx.path, *node.key_locs.get("sample", (node.line, node.col)))
    ctx.problems.warning("sample.unedited", loc)
    return True
