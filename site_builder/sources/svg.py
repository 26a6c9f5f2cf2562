"""Refuse SVG files that could run code, fetch files or take unbounded time to draw.

An SVG is a document, not a picture: it can hold scripts and event handlers
(run on the site's origin when a reader opens it), load other files, and grow
about 10x per level of nested `<use>` (a 1.4 KB file kept the PDF renderer busy
for minutes). Content SVGs are therefore *refused*, never rewritten: each
problem names the file and line, so the author can export the drawing again
(a rewritten file would silently look different from what they drew).

The file is parsed with defusedxml (no entity declarations, no external
references; a plain DOCTYPE is allowed, as drawing programs write one) and
streamed through an allow-list (sources/svg_policy.py). Every `<use>` is then
expanded by counting, memoised per id, so cycles and "use bombs" are found in
well under a millisecond without building anything.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from xml.parsers import expat
from xml.sax import SAXException, handler
from xml.sax.xmlreader import AttributesNSImpl, InputSource, Locator

from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

from site_builder.sources import svg_policy as policy
from site_builder.sources.svg_use import ExpansionError, UseExpansion

MAX_ISSUES = 20  # per file: the first ones say enough


@dataclass(frozen=True)
class SvgLimits:
    max_nodes: int = 10_000  # elements drawn once every <use> is expanded (~1 s of PDF layout)
    max_depth: int = 100  # elements inside elements
    max_use_depth: int = 8  # <use> of something that itself holds a <use> ...


@dataclass(frozen=True)
class SvgIssue:
    code: str
    line: int | None
    col: int | None
    params: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class SvgReport:
    is_svg: bool  # the root element is <svg> (a file of any name may be one)
    issues: tuple[SvgIssue, ...]


class _Parser(DefusedExpatParser):
    """defusedxml's SAX parser that also never reads an external DTD: a drawing program's
    `<!DOCTYPE svg PUBLIC … "http://…/svg11.dtd">` is allowed and left unread."""

    _parser: expat.XMLParserType  # made by ExpatParser.reset(); typeshed leaves it out

    def reset(self) -> None:
        super().reset()
        self._parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)


def check_svg(data: bytes, limits: SvgLimits | None = None) -> SvgReport:
    checker = _Checker(limits or SvgLimits())
    parser = _Parser(forbid_dtd=False, forbid_entities=True, forbid_external=True)
    parser.setFeature(handler.feature_namespaces, True)
    parser.setContentHandler(checker)
    source = InputSource()
    source.setByteStream(io.BytesIO(data))
    try:
        parser.parse(source)
    except DefusedXmlException:
        checker.add("svg.entities")
    except SAXException:
        checker.add("svg.invalid")
    else:
        checker.check_expansion()
    return SvgReport(checker.root == "svg", tuple(checker.issues))


@dataclass
class _Frame:
    element: str
    nodes: int = 1
    refs: Counter[str] = field(default_factory=Counter)  # ids named by <use> inside, and how often
    ident: str | None = None
    style: list[str] | None = None  # text of a <style> element


_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_CSS_CODE = re.compile(r"expression\s*\(|javascript\s*:|behavior\s*:|-moz-binding", re.IGNORECASE)
_CSS_FETCH = re.compile(r"@import|@font-face|(?:image-set|image|src|element|cross-fade)\s*\(", re.IGNORECASE)
_JAVASCRIPT = re.compile(r"^\s*(?:j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|vbscript|data)\s*:", re.IGNORECASE)
_TEXT_ATTRIBUTES = frozenset({"id", "class", "title", "lang"})


class _Checker(handler.ContentHandler):
    """Streams the elements: allow-list checks as they come, <use> counts for check_expansion()."""

    _locator: Locator | None  # set by setDocumentLocator(); typeshed leaves it out

    def __init__(self, limits: SvgLimits):
        super().__init__()
        self.limits = limits
        self.issues: list[SvgIssue] = []
        self.root: str | None = None
        self.stack: list[_Frame] = []
        self.defined: dict[str, tuple[int, Counter[str]]] = {}
        self.use_at: dict[str, tuple[int | None, int | None]] = {}  # first <use> naming each id
        self.whole: _Frame | None = None
        self._said: set[tuple[str, object]] = set()

    def add(self, code: str, at: tuple[int | None, int | None] | None = None, **params: object) -> None:
        key = (code, tuple(sorted(params.items())))
        if key in self._said or len(self.issues) >= MAX_ISSUES:
            return
        self._said.add(key)
        line, col = at or self._position()
        self.issues.append(SvgIssue(code, line, col, tuple(params.items())))

    def _position(self) -> tuple[int | None, int | None]:
        locator = self._locator
        if locator is None:
            return None, None
        column = locator.getColumnNumber()
        return locator.getLineNumber(), (column + 1 if column is not None else None)

    # --- elements -------------------------------------------------------------

    def startElementNS(self, name: tuple[str | None, str], qname: str | None, attrs: AttributesNSImpl) -> None:  # noqa: N802
        uri, local = name
        self.root = self.root or local
        if len(self.stack) == self.limits.max_depth:
            self.add("svg.too-deep", limit=self.limits.max_depth)
        editor = uri in policy.EDITOR_NAMESPACES  # an editor's own data: not drawn, its attributes inert
        if not editor:
            self._check_element(uri, local, qname)
        frame = _Frame(local, ident=attrs.get((None, "id")))
        for (attr_uri, attr), value in attrs.items():
            if attr_uri is None and attr.lower().startswith("on"):
                self.add("svg.script", what=f"{attr}=…")
            elif not editor and attr_uri not in policy.EDITOR_NAMESPACES:
                self._check_attribute(attr_uri, attr, attrs.getQNameByName((attr_uri, attr)), value, local)
        if local == "use" and uri in (policy.SVG_NS, None):
            self._count_use(frame, attrs)
        if local == "style":
            frame.style = []
        self.stack.append(frame)

    def _check_element(self, uri: str | None, local: str, qname: str | None) -> None:
        if uri == policy.XHTML_NS:  # HTML inside SVG runs like any page
            self.add("svg.script", what=f"<{local}> (HTML)")
        elif uri not in (policy.SVG_NS, None):
            self.add("svg.element", name=qname or local)
        elif local in policy.SCRIPT_ELEMENTS:
            self.add("svg.script", what=f"<{local}>")
        elif local not in policy.ELEMENTS:
            self.add("svg.element", name=local)

    def _count_use(self, frame: _Frame, attrs: AttributesNSImpl) -> None:
        ref = attrs.get((None, "href")) or attrs.get((policy.XLINK_NS, "href")) or ""
        if ref.startswith("#"):
            frame.refs[ref[1:]] += 1
            self.use_at.setdefault(ref[1:], self._position())

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:  # noqa: N802 - SAX's name
        frame = self.stack.pop()
        if frame.style is not None:
            self._check_css("".join(frame.style))
        if frame.ident:
            self.defined.setdefault(frame.ident, (frame.nodes, frame.refs))
        if self.stack:
            parent = self.stack[-1]
            parent.nodes += frame.nodes
            parent.refs.update(frame.refs)
        else:
            self.whole = frame

    def characters(self, content: str) -> None:
        if self.stack and self.stack[-1].style is not None:
            self.stack[-1].style.append(content)

    def processingInstruction(self, target: str, data: str) -> None:  # noqa: N802 - SAX's name
        self.add("svg.instruction", target=target)  # <?xml-stylesheet href=...?> loads a file

    # --- attributes -------------------------------------------------------------

    def _check_attribute(self, uri: str | None, attr: str, qname: str, value: str, element: str) -> None:
        allowed = (
            (uri is None and (attr in policy.ATTRIBUTES or attr.startswith(policy.FREE_PREFIXES)))
            or (uri == policy.XLINK_NS and attr in policy.XLINK_ATTRIBUTES)
            or (uri == policy.XML_NS and attr in policy.XML_ATTRIBUTES)
        )
        if not allowed:
            self.add("svg.attribute", name=qname or attr, element=element)
        elif attr in policy.REFERENCE_ATTRIBUTES and uri in (None, policy.XLINK_NS):
            self._check_reference(value.strip())
        elif uri is None and attr not in _TEXT_ATTRIBUTES:
            self._check_css(value)

    def _check_reference(self, target: str) -> None:
        if _JAVASCRIPT.match(target):
            self.add("svg.script", what=target[:40])
        elif not target.startswith("#"):
            self.add("svg.reference", ref=target[:80])

    def _check_css(self, text: str) -> None:
        if "\\" in text:  # CSS escapes can spell url( or @import past any pattern
            self.add("svg.css", what="\\")
        if match := _CSS_CODE.search(text):
            self.add("svg.script", what=match.group(0))
        if match := _CSS_FETCH.search(text):
            self.add("svg.reference", ref=match.group(0))
        for url in _URL.finditer(text):
            self._check_reference(url.group(2).strip())

    # --- <use> expansion --------------------------------------------------------

    def check_expansion(self) -> None:
        """Elements drawn once every <use> is expanded, counted per id (memoised): cycles,
        chains deeper than max_use_depth and totals over max_nodes are issues."""
        whole = self.whole
        if whole is None:
            return
        counter = UseExpansion(self.defined, self.limits.max_use_depth)
        try:
            total = whole.nodes + sum(n * counter.size(ref, 1) for ref, n in whole.refs.items())
        except ExpansionError as exc:
            self.add(exc.code, self.use_at.get(exc.ref), ref=exc.ref, limit=self.limits.max_use_depth)
            return
        if total > self.limits.max_nodes:
            heaviest = max(whole.refs, key=lambda ref: whole.refs[ref] * counter.size(ref, 1), default=None)
            self.add("svg.too-many-nodes", self.use_at.get(heaviest) if heaviest else None, limit=self.limits.max_nodes)
