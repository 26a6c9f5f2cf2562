"""Which page shows each record file: the map Markdown links (`[x](../2019/so-ket.md)`) resolve by."""

from __future__ import annotations

from site_builder import urls
from site_builder.model.records import SiteModel


def url_for_record_path(model: SiteModel) -> dict[str, str]:
    """Record path -> URL of the page that shows it (terms, years, conferences, pages).

    Years are reachable by their folder and by their year.md; a term by its term.md.
    """
    mapping: dict[str, str] = {}
    for t in model.terms:
        mapping[t.path] = urls.term(t)
    for y in model.years:
        mapping[y.path] = urls.year(y)
        if y.body is not None:
            mapping[y.body.loc.path] = urls.year(y)
        for c in y.conferences:
            mapping[c.path] = urls.conference(c)
    for p in model.pages:
        mapping[p.path] = urls.page(p)
    return mapping
