"""The links and images of a rendered body pointed at site URLs; what leads nowhere reported.

Resolving a body depends only on its rendered HTML, its path and the answers to the lookups it
makes: the URL of a record file (the link map), whether a path is a record file found (`files`)
and whether it is a media file (`media_files`). With a memo (model/memo.py), `resolve_body` keeps
per body, by its path and the digest of its HTML, the lookups made with their answers, the
changes made to the HTML and the media files used. The next build replays them when every lookup
still answers the same, so adding a conference elsewhere resolves no other body again. A body
whose resolution reported a problem is never kept: it is resolved again, and its problems
reported at their file:line:col, on every build.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote

from site_builder import cachejson, urls
from site_builder.catalogue import clause
from site_builder.layout import content_relative, in_content, media_relative
from site_builder.markup.locate import element_loc
from site_builder.model.media import REMOTE, body_media_path, closest_media, media_path, suggest_src
from site_builder.model.memo import LoadMemo
from site_builder.model.records import Markdown
from site_builder.problems import Loc, Problems

# A start tag of serialised, sanitised HTML (attribute values always double-quoted, `"` escaped),
# so `src="..."` written as text (`&lt;img src="x"&gt;` in a code sample) is never taken for one.
_TAG = re.compile(r'<[a-zA-Z][^\s/>]*(?:\s+[^\s"\'=/>]+(?:="[^"]*")?)*\s*/?>')
_ATTR = re.compile(r'\s(?P<attr>href|src)="(?P<url>[^"]*)"')
# One lookup and its answer: ("record", path, its URL or None), ("file", path, found), ("media", path, found).
Asked = tuple[str, str, str | bool | None]
Splice = tuple[int, int, str]  # replace fragment[start:end] by the text


@dataclass
class Lookups:
    """What a body's resolution may ask of the site, each question and answer noted in `asked`."""

    link_map: Mapping[str, str]
    files: frozenset[str]
    media_files: frozenset[str] | None
    asked: list[Asked] = field(default_factory=list)

    def answer(self, kind: str, path: str) -> str | bool | None:
        if kind == "record":
            return self.link_map.get(path)
        if kind == "file":
            return path in self.files
        return self.media_files is None or path in self.media_files  # None: not checked

    def ask(self, kind: str, path: str) -> str | bool | None:
        found = self.answer(kind, path)
        self.asked.append((kind, path, found))
        return found


def resolve_links(
    fragment: str,
    doc: Markdown,
    link_map: Mapping[str, str],
    problems: Problems,
    files: frozenset[str] = frozenset(),
    media_files: frozenset[str] | None = None,
    used: set[str] | None = None,
) -> str:
    """Point .md links at record URLs and media paths at /media/; report what leads nowhere.

    An image that cannot be shown from content/media/ is an error and loses its `src`; a link
    to nothing is a warning and loses its `href` (its text stays). Media files used go to `used`.
    """
    resolver = _Resolver(doc, Lookups(link_map, files, media_files), problems, used if used is not None else set())
    return _apply(fragment, _splices(fragment, resolver))


def resolve_body(
    fragment: str,
    doc: Markdown,
    lookups: Lookups,
    problems: Problems,
    used: set[str],
    memo: LoadMemo | None = None,
    signature: str | None = None,
    changes: dict[str, str] | None = None,
) -> str:
    """`resolve_links` through `memo`: replayed when every lookup kept answers as it did.
    `signature`: of what else than its source the body's HTML is made from (markdown.py), so the
    entry is kept by the body's file (memo.py: LoadMemo.key); without, by the HTML itself.
    `changes` gets (body path -> text) what the HTML was made from besides `fragment`: equal
    fragments and equal texts give equal HTML (output/signatures.py signs pages by it)."""
    path = doc.loc.path
    if 'href="' not in fragment and 'src="' not in fragment:  # nothing to resolve: nothing to keep
        _note(changes, path, "")
        return fragment
    if memo is None:
        splices = _splices(fragment, _Resolver(doc, lookups, problems, used))
        _note(changes, path, "plain:" + json.dumps(splices))  # never a kept entry's text
        return _apply(fragment, splices)
    key = (
        memo.key(f"links:{path}", fragment)
        if signature is None
        else memo.key(f"links:{path}:{signature}", fragment, path)
    )
    kept = memo.get(key)
    if isinstance(kept, str):
        asked, splices, kept_media = cachejson.decode(kept)  # orjson: 10,000 bodies per edit build
        if all(lookups.answer(kind, path) == answer for kind, path, answer in asked):
            memo.put(key, kept)
            used.update(kept_media)
            _note(changes, path, kept)
            return _apply(fragment, splices)
    found = Problems()
    lookups = Lookups(lookups.link_map, lookups.files, lookups.media_files)
    media: set[str] = set()
    splices = _splices(fragment, _Resolver(doc, lookups, found, media))
    problems.extend(found.items)
    used.update(media)
    made = json.dumps([lookups.asked, splices, sorted(media)], ensure_ascii=False)
    if not found.items:
        memo.put(key, made)
    _note(changes, path, made)
    return _apply(fragment, splices)


def _note(changes: dict[str, str] | None, path: str, made: str) -> None:
    if changes is not None:
        changes[path] = made


def _splices(fragment: str, resolver: _Resolver) -> list[Splice]:
    """Each `href`/`src` of a start tag resolved: the changes to make, in order."""
    found: list[Splice] = []
    for tag in _TAG.finditer(fragment):
        for match in _ATTR.finditer(tag.group(0)):
            attr, url = match.group("attr"), html.unescape(match.group("url"))
            resolver.element(attr, url)
            resolved = resolver.image(url) if attr == "src" else resolver.link(url)
            new = "" if resolved is None else f' {attr}="{html.escape(resolved)}"'
            if new != match.group(0):
                found.append((tag.start() + match.start(), tag.start() + match.end(), new))
    return found


def _apply(fragment: str, splices: list[Splice]) -> str:
    if not splices:
        return fragment
    parts: list[str] = []
    at = 0
    for start, end, new in splices:
        parts += (fragment[at:start], new)
        at = end
    parts.append(fragment[at:])
    return "".join(parts)


@dataclass
class _Resolver:
    doc: Markdown
    lookups: Lookups
    problems: Problems
    used: set[str]
    seen: dict[tuple[str, str], int] = field(default_factory=dict)  # (attr, url) -> elements met so far
    current: tuple[str, str, int] = ("", "", 0)

    def element(self, attr: str, url: str) -> None:
        """The element about to be resolved: problems are placed at it (markup/locate.py)."""
        nth = self.seen.get((attr, url), 0)
        self.seen[(attr, url)] = nth + 1
        self.current = (attr, url, nth)

    def _loc(self) -> Loc:
        return element_loc(self.doc, *self.current)

    def image(self, url: str) -> str | None:
        """The /media/ URL of an image, or None (reported) when it is not a file in content/media/."""
        if REMOTE.match(url.strip()):
            self.problems.error("media.remote", self._loc(), src=url)
            return None
        path = body_media_path(url, self.doc.loc.path)
        if path is None:
            self.problems.error("media.outside", self._loc(), src=url)
            return None
        if not self._exists(path) and self._exists(unquoted := posixpath.normpath(unquote(path))):
            path = unquoted  # written already percent-encoded ("Anh%20so.jpg")
        return self._media(path, url)

    def link(self, url: str) -> str | None:
        if not url or url.startswith(("#", "/")) or REMOTE.match(url):
            return url
        path, _, fragment = url.partition("#")
        suffix = f"#{fragment}" if fragment else ""
        base = posixpath.dirname(self.doc.loc.path)
        # Relative to the file (as editors preview it), else relative to content/ ("pages/x.md").
        candidates = [posixpath.normpath(posixpath.join(base, path)), posixpath.normpath(in_content(path))]
        for target in candidates:
            if (rel := media_relative(target)) is not None and (media := media_path(rel)):
                if self._exists(media):
                    published = self._media(media, url)
                    return None if published is None else published + suffix
            elif isinstance(record := self.lookups.ask("record", target), str):
                return record + suffix
            elif target.endswith(".md") and self.lookups.ask("file", content_relative(target)):
                return None  # a record that failed to load: its own error says why
        missing = [media for t in candidates if (rel := media_relative(t)) is not None and (media := media_path(rel))]
        if missing:
            return self._media(missing[0], url)
        self.problems.warning("link.broken", self._loc(), href=url)
        return None

    def _exists(self, path: str) -> bool:
        return bool(self.lookups.ask("media", path))

    def _media(self, path: str, url: str) -> str | None:
        if not self._exists(path):
            found = closest_media(path, self.lookups.media_files or ())
            suggest = clause("clause.did-you-mean", name=suggest_src(url, path, found)) if found else ""
            self.problems.error("media.missing", self._loc(), src=url, suggest=suggest)
            return None
        self.used.add(path)
        return urls.media(path)
