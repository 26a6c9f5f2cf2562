"""The text catalogue: every sentence a person reads, per language, from gettext `.po` files.

Message ids are stable names (`field.required`, `nav.home`), not English source
text, so the Vietnamese and the English entry are equals and a missing one is
found by a test rather than shown as the other language. Placeholders are
Python's `%(name)s` in every catalogue (Jinja's newstyle gettext applies `%`
too), so a literal percent sign is written `%%`.

The `.po` files are read at run time; there is no compiled `.mo` to build or
commit. Each file is parsed once per process and kept as an immutable `Catalogue`.
The plain files we ship are read by po_reader.py (about 1 ms for the package's 300
entries); a file using more of the format goes to Babel's reader, which costs
about 12 ms of start-up to import and several ms per file.

Two catalogues exist: the package's (`site_builder/locales/<lang>/LC_MESSAGES/
site_builder.po`: problems, clauses, CLI and progress lines, charts' words) and
the theme's (`themes/<name>/locales/<lang>/LC_MESSAGES/theme.po`: what the HTML
and printed templates show), which is looked up along the theme chain.

This module is a leaf: it imports no stage.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Literal, get_args

from site_builder.layout import THEME_LOCALES
from site_builder.po_reader import read_po_text
from site_builder.symbols import number_symbols

Language = Literal["vi", "en"]  # the languages of every catalogue
LANGS: tuple[Language, ...] = get_args(Language)
DEFAULT_LANG: Language = "vi"
PACKAGE_LOCALES = Path(__file__).resolve().parent / "locales"
PACKAGE_DOMAIN = "site_builder"
THEME_DOMAIN = "theme"


class CatalogueError(Exception):
    """A catalogue that cannot be read, or an id it lacks: a defect of the package or theme."""


@dataclass(frozen=True)
class Catalogue:
    """One parsed `.po` file: id -> its forms (one form, or one per plural form)."""

    path: Path
    lang: str
    messages: Mapping[str, tuple[str, ...]]
    plural: Callable[[int], int]

    def get(self, message_id: str) -> str | None:
        forms = self.messages.get(message_id)
        return forms[0] if forms else None

    def nget(self, message_id: str, n: int) -> str | None:
        forms = self.messages.get(message_id)
        if not forms:
            return None
        return forms[min(self.plural(n), len(forms) - 1)]


@dataclass(frozen=True)
class Clause:
    """A sentence passed as a parameter of another: its id and parameters, rendered
    in whatever language the outer message is shown in."""

    id: str
    params: tuple[tuple[str, object], ...] = ()
    n: int | None = None  # a count: the plural-sensitive form of the id is chosen by it


@dataclass(frozen=True)
class Figure:
    """A number inside a message, written the way of the message's language and with the digits
    it has: Figure(Decimal("113.2"), "%") is "113,2%" in Vietnamese, "113.2%" in English."""

    value: Decimal
    suffix: str = ""

    def render(self, lang: str) -> str:
        whole, _, fraction = format(abs(self.value), "f").partition(".")
        groups = [whole[max(0, end - 3) : end] for end in range(len(whole), 0, -3)][::-1]
        symbols = number_symbols(lang)
        digits = symbols.group.join(groups)
        if fraction:
            digits += symbols.decimal + fraction
        return ("-" if self.value < 0 else "") + digits + self.suffix


def clause(message_id: str, **params: object) -> Clause:
    return Clause(message_id, tuple(params.items()))


def nclause(message_id: str, n: int, **params: object) -> Clause:
    return Clause(message_id, tuple(params.items()), n)


def check_lang(lang: str) -> str:
    """`lang` itself, or ValueError when no catalogue (and no formatting) exists for it."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGS}")
    return lang


def load_catalogue(path: Path) -> Catalogue:
    """The catalogue in `path`, parsed once per process and version of the file (a theme's
    catalogue edited during `serve` is read again). A missing or broken file is an error,
    never an empty catalogue that would silently show ids."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise CatalogueError(f"cannot read the text catalogue {path}: {exc}") from exc
    return _parse(path, stat.st_mtime_ns, stat.st_size)


@functools.cache
def _parse(path: Path, mtime_ns: int, size: int) -> Catalogue:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogueError(f"cannot read the text catalogue {path}: {exc}") from exc
    plain = read_po_text(data, LANGS)  # the shipped catalogues: a tenth of Babel's start-up and parse
    if plain is None:
        return _parse_with_babel(path, data)
    return Catalogue(path, plain.language, MappingProxyType(plain.messages), gettext.c2py(plain.plural_expr))


def _parse_with_babel(path: Path, data: bytes) -> Catalogue:
    """Any `.po` file po_reader.py does not read (flags, obsolete entries, ...), and the words of
    every error in one."""
    import io

    from babel.messages.pofile import PoFileError, read_po

    try:
        parsed = read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"cannot read the text catalogue {path}: {exc}") from exc
    messages: dict[str, tuple[str, ...]] = {}
    for message in parsed:
        if not message.id:
            continue  # the header
        key = message.id if isinstance(message.id, str) else message.id[0]  # a plural entry: (singular, plural)
        forms = (message.string,) if isinstance(message.string, str | None) else tuple(message.string)
        texts = tuple(form for form in forms if form)
        if len(texts) != len(forms):
            raise CatalogueError(f"{path}:{message.lineno}: the entry {key!r} has no text")
        messages[key] = texts
    if not messages:
        raise CatalogueError(f"the text catalogue {path} has no entries")
    lang = str(parsed.locale) if parsed.locale else path.parent.parent.name
    return Catalogue(path, lang, MappingProxyType(messages), gettext.c2py(parsed.plural_expr))


def catalogue_path(locales: Path, lang: str, domain: str) -> Path:
    return locales / lang / "LC_MESSAGES" / f"{domain}.po"


@functools.cache
def package_catalogue(lang: str) -> Catalogue:
    """The package's own catalogue: installed with the code, so read once per process."""
    return load_catalogue(catalogue_path(PACKAGE_LOCALES, check_lang(lang), PACKAGE_DOMAIN))


class _Params(dict[str, object]):
    """A parameter a caller left out prints as nothing rather than failing the whole report."""

    def __missing__(self, key: str) -> str:
        return ""


def fill(template: str, params: Mapping[str, object], lang: str) -> str:
    """`template % params`, each `Clause` among the params rendered in `lang` first."""
    resolved = {name: _resolve(value, lang) for name, value in params.items()}
    return template % _Params(resolved)


def _resolve(value: object, lang: str) -> object:
    if isinstance(value, Clause) and value.n is not None:
        return ntext(value.id, value.n, lang, **dict(value.params))
    if isinstance(value, Clause):
        return text(value.id, lang, **dict(value.params))
    if isinstance(value, Figure):
        return value.render(lang)
    return value


def template(message_id: str, lang: str = DEFAULT_LANG) -> str:
    """The unfilled sentence, for a library that fills `%(name)s` itself (click's version line)."""
    found = package_catalogue(lang).get(message_id)
    if found is None:
        raise CatalogueError(f"no text {message_id!r} in the {lang} catalogue")
    return found


def text(message_id: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The package catalogue's sentence `message_id` in `lang`, filled with `params`."""
    return fill(template(message_id, lang), params, lang)


def ntext(message_id: str, n: int, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The plural-sensitive sentence `message_id` for the count `n` (as `%(num)s`)."""
    found = package_catalogue(lang).nget(message_id, n)
    if found is None:
        raise CatalogueError(f"no text {message_id!r} in the {lang} catalogue")
    return fill(found, {"num": n, **params}, lang)


@dataclass(frozen=True)
class ThemeText:
    """A theme's catalogues for one language, highest priority first (the site's theme,
    its parents, the built-in default): the first that has an id answers."""

    catalogues: tuple[Catalogue, ...]

    def gettext(self, message_id: str) -> str:
        for catalogue in self.catalogues:
            found = catalogue.get(message_id)
            if found is not None:
                return found
        raise CatalogueError(text("theme.unknown-text", self.lang, id=message_id))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        for catalogue in self.catalogues:
            found = catalogue.nget(singular, n)
            if found is not None:
                return found
        raise CatalogueError(text("theme.unknown-text", self.lang, id=singular))

    @property
    def lang(self) -> str:
        return self.catalogues[-1].lang if self.catalogues else DEFAULT_LANG


def theme_text(theme_dirs: Sequence[Path], lang: str) -> ThemeText:
    """The catalogues of the theme folders `theme_dirs` (highest priority first) in `lang`.
    A theme without a catalogue for `lang` inherits its parents'; the last folder (the
    built-in theme) must have one."""
    check_lang(lang)
    found = []
    for folder in theme_dirs:
        path = catalogue_path(folder / THEME_LOCALES, lang, THEME_DOMAIN)
        if path.is_file() or folder == theme_dirs[-1]:
            found.append(load_catalogue(path))
    return ThemeText(tuple(found))
