"""Where in a Markdown body an image or link is written, for problems found in its rendered HTML.

The rendered HTML has no positions, so a problem with `src="x"` is placed by finding the element
that names `x` in the source: a raw `<img src="x">`/`<a href="x">`, a Markdown `![..](x)` /
`[..](x)`, or a reference definition `[r]: x`. Searching the text for "x" alone would find the
first "x" of any word. The nth element naming a URL is matched with the nth occurrence of that
URL in the rendered HTML (both follow the source order).
"""

from __future__ import annotations

import html
import re

from site_builder.model.records import Markdown
from site_builder.problems import Loc


def element_loc(doc: Markdown, attr: str, url: str, nth: int = 0) -> Loc:
    """The position of the `nth` element naming `url` in its `attr` ("src" or "href")."""
    offsets = sorted(element_offsets(doc.source, attr, url))
    if offsets:
        return loc_at(doc, offsets[min(nth, len(offsets) - 1)])
    return text_loc(doc, url)


def element_offsets(source: str, attr: str, url: str) -> set[int]:
    """Offsets in `source` where an element naming `url` writes it."""
    written = "|".join(re.escape(v) for v in dict.fromkeys([url, html.escape(url), html.escape(url, quote=False)]))
    value = f"(?P<u>{written})"
    patterns = [
        # raw HTML: any tag with the attribute, value quoted or bare
        rf"<[a-zA-Z][^<>]*?\s{attr}\s*=\s*(?P<q>[\"']?){value}(?P=q)(?=[\s/>])",
        # Markdown inline image or link: ](url) or ](<url> "title")
        (r"!\[[^\]\n]*\]" if attr == "src" else r"\]") + rf"\(\s*<?{value}>?(?=[\s)])",
        # Markdown reference definition: [r]: url
        rf"^[ ]{{0,3}}\[[^\]\n]+\]:[ \t]*<?{value}>?(?=\s|$)",
    ]
    return {m.start("u") for p in patterns for m in re.finditer(p, source, re.MULTILINE | re.IGNORECASE)}


def text_loc(doc: Markdown, needle: str) -> Loc:
    """The first place `needle` appears as text, else where the body starts."""
    offset = doc.source.find(needle)
    return doc.loc if offset < 0 else loc_at(doc, offset)


def loc_at(doc: Markdown, offset: int) -> Loc:
    before = doc.source[:offset]
    line = before.count("\n")
    column = offset - (before.rfind("\n") + 1)
    return Loc(doc.loc.path, (doc.loc.line or 1) + line, column + 1)
