"""How deeply a Markdown body nests, measured before it is rendered.

Python-Markdown recurses per nested list (RecursionError near 249 levels) and
the PDF renderer per nested element (RecursionError near 135 levels of HTML),
so depth is bounded on the source, line by line, before either runs: each
`>` counts one level, each list level two (the list and its item), each open
raw HTML element one, plus one for the paragraph itself — an estimate of the
HTML the line becomes. The first line over `limits.max_depth` is reported.

After rendering, `html_depth` measures the real HTML (tables and footnotes add
a few levels the estimate does not see) against RENDER_DEPTH, a fixed bound
the PDF renderer is known to take.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from site_builder.model.memo import LoadMemo, memo_fact
from site_builder.model.records import Markdown
from site_builder.problems import Loc, Problems

RENDER_DEPTH = 110  # levels of body HTML; the yearbook adds ~10 and fails near 135
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# A tag: a name then a space, "/" or ">" (so <https://…> and <a@b.vn> autolinks are not tags);
# quoted attribute values may hold "<" and ">" (title="<>") without ending the tag.
_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])(?:"[^"]*"|'[^']*'|[^<>"'])*?(/?)>""")
_IMPLIED_END = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option"})
_SCOPES = frozenset({"ul", "ol", "dl", "table", "div", "blockquote", "figure", "section", "article", "details"})
_FENCE = re.compile(r" {0,3}(```|~~~)")
_QUOTE = re.compile(r" {0,3}> ?")
_ITEM = re.compile(r"(?:[*+-]|[0-9]{1,9}[.)])(?:[ \t]|$)")


@dataclass(frozen=True)
class Deepest:
    line: int  # 1-based line of the source
    depth: int


def first_too_deep(source: str, limit: int) -> Deepest | None:
    """The first line whose estimated depth exceeds `limit`, or None."""
    return next((Deepest(line, depth) for line, depth in _depths(source) if depth > limit), None)


def deepest_line(source: str) -> Deepest:
    """The line of greatest estimated depth (where to point when the rendered HTML is too deep)."""
    best = Deepest(1, 0)
    for line, depth in _depths(source):
        if depth > best.depth:
            best = Deepest(line, depth)
    return best


def _depths(source: str) -> Iterator[tuple[int, int]]:
    """(line number, estimated depth) of each line outside fenced code."""
    open_tags: list[str] = []
    fence: str | None = None
    for number, line in enumerate(source.split("\n"), 1):
        if match := _FENCE.match(line):
            fence = None if fence == match.group(1) else (fence or match.group(1))
        elif fence is None:
            yield number, _line_depth(line, open_tags)


def _line_depth(line: str, open_tags: list[str]) -> int:
    quotes, rest = 0, line
    if ">" in line:  # a quote marker needs one: most lines skip the search
        while match := _QUOTE.match(rest):
            quotes += 1
            rest = rest[match.end() :]
    expanded = rest.expandtabs(4) if "\t" in rest else rest
    text = expanded.lstrip(" ")
    indent = len(expanded) - len(text)
    lists = indent // 4 + 1 if _ITEM.match(text) else indent // 4
    outer = len(open_tags)
    tags = _tags_depth(text, open_tags) if "<" in text else outer  # no tag: the stack stays as it is
    return quotes + 2 * lists + max(outer, tags) + 1


def _tags_depth(text: str, open_tags: list[str]) -> int:
    """Update the stack of open raw HTML elements with `text`; the deepest it got."""
    deepest = len(open_tags)
    for closing, written, self_closing in _TAG.findall(text):
        name = written.lower()
        if closing:
            if open_tags and open_tags[-1] == name:  # well-formed HTML: the innermost one
                open_tags.pop()
            elif name in open_tags:  # a stray closing tag closes nothing
                del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name) :]
        elif name not in VOID and not self_closing:
            _close_implied(name, open_tags)
            open_tags.append(name)
            if len(open_tags) > deepest:
                deepest = len(open_tags)
    return deepest


def _close_implied(name: str, open_tags: list[str]) -> None:
    """`<p>a<p>b`, `<li>a<li>b`, `<td>a<td>b`: a new one closes the open one (as HTML parsers do)."""
    if name not in _IMPLIED_END:
        return
    for index in range(len(open_tags) - 1, -1, -1):
        if open_tags[index] == name:
            del open_tags[index:]
            return
        if open_tags[index] in _SCOPES:
            return


def html_depth(fragment: str) -> int:
    """How deeply the elements of well-formed (sanitised) HTML nest."""
    open_tags: list[str] = []
    return _tags_depth(fragment, open_tags)


def deepest(source: str) -> int:
    """The greatest estimated depth of any line (what a build keeps: model/memo.py)."""
    return max((depth for _, depth in _depths(source)), default=0)


def refuse_too_deep(docs: Iterable[Markdown], limit: int, problems: Problems, memo: LoadMemo | None = None) -> set[str]:
    """Paths of the bodies nested deeper than `limit`, each reported where it crosses it."""
    refused = set()
    for doc in docs:
        if int(memo_fact(memo, "depth", doc.source, deepest, doc.loc.path)) <= limit:
            continue
        found = first_too_deep(doc.source, limit)
        if found is not None:
            loc = Loc(doc.loc.path, (doc.loc.line or 1) + found.line - 1)
            problems.error("markup.too-deep", loc, depth=found.depth, limit=limit)
            refused.add(doc.loc.path)
    return refused


def refuse_deep_html(
    docs: Iterable[Markdown],
    rendered: Mapping[str, str],
    problems: Problems,
    memo: LoadMemo | None = None,
    measured: Mapping[str, int] | None = None,
    signature: str | None = None,
) -> set[str]:
    """Paths of rendered bodies deeper than RENDER_DEPTH (the estimate missed some levels).
    `measured`: body path -> html_depth of its HTML, where it was measured as it was rendered.
    `signature`: of what else than its source a body's HTML is made from (markdown.py), so its
    depth is kept by the body's file (memo.py: LoadMemo.key); without, by the HTML itself."""
    refused = set()
    for doc in docs:
        html = rendered[doc.loc.path]
        known = (measured or {}).get(doc.loc.path)
        compute = html_depth if known is None else (lambda _fragment, depth=known: depth)
        if signature is None:
            depth = int(memo_fact(memo, "html-depth", html, compute))
        else:
            depth = int(memo_fact(memo, f"html-depth:{signature}", html, compute, doc.loc.path))
        if depth > RENDER_DEPTH:
            loc = Loc(doc.loc.path, (doc.loc.line or 1) + deepest_line(doc.source).line - 1)
            problems.error("markup.too-deep-render", loc, depth=depth, limit=RENDER_DEPTH)
            refused.add(doc.loc.path)
    return refused
