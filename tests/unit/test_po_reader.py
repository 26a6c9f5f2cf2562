"""The quick `.po` reader (po_reader.py) gives every catalogue exactly what Babel's reader gives,
and leaves to Babel every file that uses more of the format than it knows."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.catalogue import LANGS, Catalogue, _parse_with_babel, load_catalogue
from site_builder.po_reader import read_po_text

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(p for folder in ("site_builder", "themes") for p in (ROOT / folder).rglob("*.po"))
HEADER = (
    'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)


def same(quick: Catalogue, babel: Catalogue) -> bool:
    return (
        quick.lang == babel.lang
        and dict(quick.messages) == dict(babel.messages)
        and [quick.plural(n) for n in range(30)] == [babel.plural(n) for n in range(30)]
    )


def read_both(path: Path) -> tuple[Catalogue, Catalogue]:
    quick = load_catalogue(path)
    return quick, _parse_with_babel(path, path.read_bytes())


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_shipped_catalogue_is_read_quickly_and_as_babel_reads_it(path):
    assert read_po_text(path.read_bytes(), LANGS) is not None
    assert same(*read_both(path))


def test_escapes_continued_strings_comments_and_plurals_read_as_babel_reads_them(tmp_path):
    path = tmp_path / "x.po"
    path.write_text(
        HEADER + "# a comment\n#. an extracted comment\n#: somewhere.py:3\n"
        'msgid "a.quote"\nmsgstr ""\n"Say \\"hi\\"\\n"\n"\\tthen a tab, a backslash \\\\ and 100%%"\n\n'
        'msgid "a.count"\nmsgid_plural "a.count"\nmsgstr[0] "%(num)s page"\nmsgstr[1] "%(num)s pages"\n',
        encoding="utf-8",
    )
    assert read_po_text(path.read_bytes(), LANGS) is not None
    quick, babel = read_both(path)
    assert same(quick, babel)
    assert quick.nget("a.count", 2) == "%(num)s pages"
    assert quick.get("a.quote") == 'Say "hi"\n\tthen a tab, a backslash \\ and 100%%'


@pytest.mark.parametrize(
    "entries",
    [
        '#, fuzzy\nmsgid "a"\nmsgstr "x"\n',
        'msgctxt "menu"\nmsgid "a"\nmsgstr "x"\n',
        'msgid "a"\nmsgstr "x"\n#~ msgid "old"\n#~ msgstr "gone"\n',
        'msgid "a"\nmsgstr "x \\q"\n',
        'msgid "a"\n# a comment inside the entry\nmsgstr "x"\n',
        'msgid "a"\nmsgid_plural "a"\nmsgstr[0] "one"\n',
        'msgid "a"\nmsgstr  "two spaces"\n',
        'msgid "a"\nmsgstr "first"\nmsgid "a"\nmsgstr "second"\n',
    ],
    ids=["fuzzy", "context", "obsolete", "unknown-escape", "split-entry", "plural-form-missing", "spacing", "twice"],
)
def test_a_file_using_more_of_the_format_is_read_by_babel(tmp_path, entries):
    path = tmp_path / "x.po"
    path.write_text(HEADER + entries, encoding="utf-8")
    assert read_po_text(path.read_bytes(), LANGS) is None
    try:
        babel = _parse_with_babel(path, path.read_bytes())
    except Exception as exc:  # Babel's verdict, whatever it is, is the catalogue's
        with pytest.raises(type(exc)):
            load_catalogue(path)
    else:
        assert same(load_catalogue(path), babel)


@pytest.mark.parametrize(
    "header",
    [
        HEADER.replace('"Language: en\\n"\n', ""),
        HEADER.replace("Language: en", "Language: fr"),
        HEADER.replace("UTF-8", "latin-1"),
    ],
    ids=["no-language", "other-language", "other-charset"],
)
def test_a_header_it_does_not_know_is_left_to_babel(header):
    assert read_po_text((header + 'msgid "a"\nmsgstr "x"\n').encode(), LANGS) is None
