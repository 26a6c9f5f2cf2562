"""Where an import writes and how: the one target file under content/, atomically.

The only code of the spreadsheet commands that writes. A file is written to a temporary
name beside it and renamed over the old one, so a crash or a full disk leaves either the
old file or the new one, never half of one; the previous version is kept as `.bak` first.
"""

from __future__ import annotations

import re
from pathlib import Path

from site_builder.atomic import write_atomic
from site_builder.layout import TERM_MD, TERMS, YEARS, SiteLayout

_TERM = re.compile(r"(\d{4})-(\d{4})")
SUFFIXES = (".xlsx", ".xlsm", ".csv")  # the sheet files read (sheets/read.py) and looked for (sheets/pending.py)


class SheetUsageError(Exception):
    """The command was mistyped: an option missing or wrong (exit 2). `key` names the sentence in
    the package catalogue."""

    exit_code = 2

    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.key, self.params = key, params


class SheetRefused(SheetUsageError):
    """The command was typed right but would overwrite a file: refused until --replace (exit 1,
    as for content that stops a command; 2 is only for a mistyped command)."""

    exit_code = 1


def content_file(site_root: Path, kind: str, year: int | None, term: str | None) -> Path:
    """content/years/<year>/<kind>.yaml or content/terms/<term>/<kind>.yaml, in an existing folder."""
    if (year is None) == (term is None):
        raise SheetUsageError("sheets.scope")
    if not SiteLayout(site_root).site_yaml.is_file():
        raise SheetUsageError("scaffold.not-a-site", folder=site_root)
    if term is not None:
        match = _TERM.fullmatch(term.strip())
        if not match:
            raise SheetUsageError("sheets.bad-term", term=term)
        folder = SiteLayout(site_root).path(TERMS) / term.strip()
        if not (folder / TERM_MD).is_file():
            raise SheetUsageError("sheets.no-term", term=term.strip())
    else:
        folder = SiteLayout(site_root).path(YEARS) / str(year)
        if not folder.is_dir():
            raise SheetUsageError("sheets.no-year", year=year)
    content = SiteLayout(site_root).content.resolve()
    if folder.is_symlink() or not folder.resolve().is_relative_to(content):
        raise SheetUsageError("sheets.outside-content", folder=folder)
    return folder / f"{kind}.yaml"


def site_relative(path: Path, site_root: Path) -> str:
    try:
        return path.relative_to(site_root).as_posix()
    except ValueError:
        return str(path)


def replace_with_backup(target: Path, data: bytes) -> Path | None:
    """Keep the current `target` (if any) as `<name>.bak`, then write `data` over it.

    The backup is complete on disk before the file is replaced; if it cannot be made, the
    file is left alone."""
    backup = None
    if target.exists():
        backup = target.with_name(target.name + ".bak")
        write_atomic(backup, target.read_bytes(), durable=True)
    write_atomic(target, data, durable=True)
    return backup
