"""A strict YAML reader for content files.

Every scalar stays text (no YAML 1.1 guessing: `no`, `0123`, `10:30`, `1.035`
and dates are all strings here); the schema layer types them. Values carry
their 1-based line and column so any later check can point at them. Duplicate
keys, anchors, aliases and explicit tags (`!!python/...`, `!!binary`) are
refused; documents are capped in size, number of values and nesting depth, so
a hostile file costs at most a fraction of a second and a few megabytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NoReturn

import yaml

from site_builder.catalogue import Clause, clause
from site_builder.problems import Loc, Problems

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_NODES = 50_000
MAX_DEPTH = 40
_STR_TAGS = (None, "!", "tag:yaml.org,2002:str")


# misc, valid-type: the base is chosen at run time (libyaml's loader when PyYAML was built with it).
class _NoGuessLoader(_Base):  # type: ignore[misc, valid-type]
    """Plain scalars resolve to str: the implicit resolvers are dropped."""

    yaml_implicit_resolvers: dict[str, list[object]] = {}


class YStr(str):
    line: int
    col: int
    plain: bool  # written without quotes (so an empty plain value is "no value")

    def __new__(cls, value: str, line: int, col: int, plain: bool) -> YStr:
        obj = super().__new__(cls, value)
        obj.line, obj.col, obj.plain = line, col, plain
        return obj


class YMap(dict[str, object]):
    """Mapping of str keys to values; `key_locs` holds where each key was written."""

    line: int
    col: int
    key_locs: dict[str, tuple[int, int]]


class YList(list[object]):
    line: int
    col: int


def describe(value: object) -> Clause | str:
    """What was found where something else was expected, for field.expected-* messages."""
    if value is None:
        return clause("clause.found.empty-file")
    if isinstance(value, YMap):
        return clause("clause.found.mapping")
    if isinstance(value, YList):
        return clause("clause.found.list")
    return f"“{value}”"


YamlValue = YStr | YMap | YList  # every scalar is text: no YAML 1.1 guessing


class YamlFailure(Exception):
    """The document cannot be read; the problem has already been reported."""


def load_yaml(
    text: str, path: str, problems: Problems, first_line: int = 1, max_bytes: int = 1_000_000
) -> YamlValue | None:
    """Parse one YAML document into YStr/YMap/YList (or None when empty).

    `first_line` shifts positions for front matter that starts below line 1.
    Raises YamlFailure after reporting the problem.
    """
    if len(text.encode("utf-8")) > max_bytes:
        problems.error("yaml.too-big", Loc(path, first_line), limit=max_bytes // 1000)
        raise YamlFailure
    builder = _Builder(path, first_line, problems)
    loader = _NoGuessLoader(text)
    try:
        return builder.build(loader)
    except RecursionError:  # the pure-Python parser's own limit on nesting
        problems.error("yaml.too-deep", Loc(path, first_line), limit=MAX_DEPTH)
        raise YamlFailure from None
    except yaml.MarkedYAMLError as exc:
        deep = _too_deep_at(text, exc)
        if deep is not None:  # libyaml stops deep nesting itself, before our builder sees it
            problems.error("yaml.too-deep", Loc(path, deep[0] + first_line - 1, deep[1]), limit=MAX_DEPTH)
            raise YamlFailure from None
        mark = _where(exc)
        at_line = mark.line + first_line if mark else first_line
        col = mark.column + 1 if mark else None
        detail = _describe(exc)
        _syntax_error(problems, Loc(path, at_line, col), detail, _source_lines(text, exc))
        raise YamlFailure from None
    except yaml.YAMLError as exc:
        _syntax_error(problems, Loc(path, first_line), str(exc), text)
        raise YamlFailure from None
    finally:
        loader.dispose()


def _syntax_error(problems: Problems, loc: Loc, detail: str, source: str) -> None:
    """A syntax error in plain words. The parser's own (English) words are added only when no
    Vietnamese explanation fits, as a technical note for whoever helps: next to a plain
    explanation they read like a crash."""
    explain = explain_syntax(detail, source)
    note = clause("clause.yaml.technical-note", detail=detail) if explain == "yaml.generic" else ""
    problems.error("yaml.syntax", loc, detail=note, explain=clause(explain))


# PyYAML's wording -> the key of what a staff member should do (clause ids in the package catalogue); first match wins.
_EXPLANATIONS = (
    ("tab character", "yaml.tab"),
    ("quoted scalar", "yaml.quote"),
    ("flow sequence", "yaml.bracket"),
    ("flow mapping", "yaml.brace"),
    ("mapping values are not allowed", "yaml.colon"),
    ("cannot start any token", "yaml.bad-start"),
    ("could not find expected ':'", "yaml.missing-colon"),
    ("expected <block end>", "yaml.indent"),
    ("block sequence entries are not allowed", "yaml.dash"),
    ("did not find expected '-'", "yaml.list-items"),
    ("did not find expected key", "yaml.key"),
)


_CURLY = ("“", "”")
# A value starting with a bare %: `unit: %`, `- %`, `{unit: %}` (a quoted "%" is fine).
_BARE_PERCENT = re.compile(r"(?:^\s*-|[:,\[{])\s*%", re.MULTILINE)


def explain_syntax(detail: str, line: str = "") -> str:
    """The clause key for a syntax error, from PyYAML's `detail` and the source `line`(s) it names.

    The source text wins: Word's curly quotes and a bare % are what staff actually typed,
    whatever PyYAML calls the consequence.
    """
    bare = _unquoted(line)
    if _BARE_PERCENT.search(bare):
        return "yaml.percent"
    if any(quote in bare for quote in _CURLY):
        return "yaml.curly-quotes"
    return next((key for needle, key in _EXPLANATIONS if needle in detail), "yaml.generic")


def _unquoted(line: str) -> str:
    return re.sub(r"\"[^\"]*\"|'[^']*'", "", line)


def _source_lines(text: str, exc: yaml.MarkedYAMLError) -> str:
    """The source lines PyYAML points at (where the trouble opened and where it was found)."""
    lines = text.splitlines()
    numbers = sorted({m.line for m in (exc.context_mark, exc.problem_mark) if m is not None})
    return "\n".join(lines[n] for n in numbers if 0 <= n < len(lines))


def _too_deep_at(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, int] | None:
    """(line, column), 1-based, of the bracket that opened level MAX_DEPTH + 1 before the error.

    Measured on the text, not read from the parser's message: a parser that stops deep
    nesting itself (libyaml since PyYAML 6.0.4) is then reported like our own limit.
    """
    mark = exc.problem_mark
    if mark is None or mark.index is None:
        return None
    index = first_bracket_deeper_than(text[: mark.index + 1], MAX_DEPTH)
    if index is None:
        return None
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


_QUOTED_OR_BRACKET = re.compile(r"\"(?:[^\"\\]|\\.)*\"?|'(?:[^']|'')*'?|[\[\]{}]")


def first_bracket_deeper_than(text: str, limit: int) -> int | None:
    """Index of the [ or { that opens nesting level `limit + 1`, ignoring brackets in quotes."""
    depth = 0
    for match in _QUOTED_OR_BRACKET.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return match.start()
        elif token in "]}":
            depth = max(0, depth - 1)
    return None


def _where(exc: yaml.MarkedYAMLError) -> yaml.Mark | None:
    """The mark to show: an unclosed quote or bracket is reported where it opened, not at
    the end of the file where the parser gave up."""
    unclosed = exc.context and ("quoted scalar" in exc.context or "flow" in exc.context)
    if unclosed and exc.context_mark:
        return exc.context_mark
    return exc.problem_mark or exc.context_mark


def _describe(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    return "; ".join(parts)


def _events(loader: _NoGuessLoader) -> Iterator[yaml.Event]:
    while loader.check_event():
        yield loader.get_event()


class _Builder:
    """Builds values straight from parser events (fast with the C parser).

    Working on events rather than composed nodes lets us refuse anchors and
    aliases before anything is expanded, which defuses "billion laughs".
    """

    def __init__(self, path: str, first_line: int, problems: Problems):
        self.path, self.first_line, self.problems = path, first_line, problems
        self.count = 0

    def loc(self, event: yaml.Event) -> tuple[int, int]:
        mark = event.start_mark  # the parser marks every event
        return (mark.line + self.first_line, mark.column + 1) if mark else (self.first_line, 1)

    def fail(self, code: str, event: yaml.Event, **params: object) -> NoReturn:
        self.problems.error(code, Loc(self.path, *self.loc(event)), **params)
        raise YamlFailure

    def build(self, loader: _NoGuessLoader) -> YamlValue | None:
        events = _events(loader)
        next(events)  # StreamStart
        event = next(events)
        if isinstance(event, yaml.StreamEndEvent):
            return None
        value = self.value(events, next(events))  # after DocumentStart
        next(events)  # DocumentEnd
        event = next(events)
        if not isinstance(event, yaml.StreamEndEvent):
            self.fail("yaml.many-documents", event)
        return value

    def value(self, events: Iterator[yaml.Event], event: yaml.Event, depth: int = 1) -> YamlValue:
        self.count += 1
        if self.count > MAX_NODES:
            self.fail("yaml.too-many-nodes", event, limit=MAX_NODES)
        if depth > MAX_DEPTH:
            self.fail("yaml.too-deep", event, limit=MAX_DEPTH)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            self.fail("yaml.alias", event)
        tag = getattr(event, "tag", None)
        if tag not in _STR_TAGS:
            self.fail("yaml.tag", event, tag=str(tag).replace("tag:yaml.org,2002:", "!!"))
        line, col = self.loc(event)
        if isinstance(event, yaml.ScalarEvent):
            return YStr(event.value, line, col, plain=not event.style)
        if isinstance(event, yaml.SequenceStartEvent):
            items = YList()
            items.line, items.col = line, col
            for child in iter(lambda: next(events), None):
                if isinstance(child, yaml.SequenceEndEvent):
                    return items
                items.append(self.value(events, child, depth + 1))
        return self.mapping(events, line, col, depth)

    def mapping(self, events: Iterator[yaml.Event], line: int, col: int, depth: int) -> YMap:
        result = YMap()
        result.line, result.col, result.key_locs = line, col, {}
        for key_event in iter(lambda: next(events), None):
            if isinstance(key_event, yaml.MappingEndEvent):
                return result
            if not isinstance(key_event, yaml.ScalarEvent) or key_event.anchor or key_event.tag not in _STR_TAGS:
                self.fail("yaml.complex-key", key_event)
            key = key_event.value
            if key in result:
                self.fail("yaml.duplicate-key", key_event, key=key, first_line=result.key_locs[key][0])
            result.key_locs[key] = self.loc(key_event)
            result[key] = self.value(events, next(events), depth + 1)
        return result
