"""Records marked `sample: true`: examples that are not yet real content.

`new site` writes every example with `sample: true` and a Vietnamese comment
saying to delete the line once the figures are real. A sample is shown marked
"MẪU" on the web and in the yearbook, is never counted (tallies, award totals,
conference counts, charts, the people index), and is a warning in every
`check` and `build` (an error under `--strict`), reported at its `sample:` line.
"""

from __future__ import annotations

from site_builder.model.schemas import SampleFields
from site_builder.model.values import Ctx
from site_builder.problems import Loc


def is_sample(fields: SampleFields, ctx: Ctx) -> bool:
    """Whether validated `fields` are marked `sample: true`; if so, report it at that line."""
    if not fields.sample:
        return False
    where = fields.node.key_locs.get("sample")  # the `sample:` key, not its value
    ctx.problems.warning("sample.unedited", Loc(ctx.path, *where) if where else fields.loc(ctx))
    return True
