"""Writing the files of `site-builder new`: all or none, never over an existing file, and the
error that says why not (ScaffoldError, in the catalogue's words).

A multi-file operation checks every target before writing anything, so a refusal leaves
no trace. The text of each new file lives in `scaffold_templates/` (string.Template,
`$name` placeholders) so staff-facing wording can be edited without code.
"""

from __future__ import annotations

import contextlib
import string
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from site_builder.catalogue import DEFAULT_LANG, Clause, text
from site_builder.layout import SiteLayout
from site_builder.sources.location import site_above, way_up


class ScaffoldError(Exception):
    """A file cannot be created. `key` names the sentence in the package catalogue; `str()`
    is Vietnamese, `message(lang)` any language. A parameter that is a `Words` is written in
    the message's language (the conference kinds and what they mean)."""

    def __init__(self, key: str, **params: object):
        self.key, self.params = key, params
        super().__init__(self.message(DEFAULT_LANG))

    def message(self, lang: str = "vi") -> str:
        params = {k: v.say(lang) if isinstance(v, Words) else v for k, v in self.params.items()}
        return text(self.key, lang, **params)


@dataclass(frozen=True)
class Words:
    """Words of a message that depend on its language: `say(lang)` writes them."""

    say: Callable[[str], str]


def clean_line(text: str, what: Clause) -> str:
    """NFC, one line, single spaces: titles and names typed on a command line."""
    if any(unicodedata.category(ch) == "Cs" for ch in text):
        # Lone surrogates come from a terminal that is not UTF-8; they cannot be saved.
        raise ScaffoldError("scaffold.unreadable", what=what)
    line = " ".join(unicodedata.normalize("NFC", text).split())
    if not line:
        raise ScaffoldError("scaffold.empty", what=what)
    return line


def render(template: str, **values: object) -> str:
    """Fill a template from scaffold_templates/; the result is NFC with LF line ends."""
    source = resources.files("site_builder") / "scaffold_templates" / template
    text = string.Template(source.read_text(encoding="utf-8")).substitute(values)
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n"))


Plan = Sequence[tuple[str, str | bytes]]  # (path relative to the root, text or bytes)


def write_plan(root: Path, plan: Plan) -> list[Path]:
    """Create every file of `plan` under `root`, or none of them.

    All targets are checked before the first write; files are opened with
    exclusive creation so even a file appearing meanwhile is never replaced.
    If anything fails midway, the files and folders made so far are removed.
    """
    existing = [rel for rel, _ in plan if _occupied(root / rel)]
    if existing:
        raise ScaffoldError(_exists_key(existing, many=len(plan) > 1), files=", ".join(existing))
    files: list[Path] = []
    folders: list[Path] = []
    try:
        for rel, text in plan:
            folders += _make_parents(root, root / rel)
            files.append(_create(rel, root / rel, text))
    except BaseException:
        _undo(files, folders)
        raise
    return files


def _occupied(path: Path) -> bool:
    # is_symlink catches a dangling link, which exists() reports as absent.
    return path.exists() or path.is_symlink()


def _exists_key(rels: list[str], many: bool) -> str:
    """One or several files exist; `many`: the command would have made others, and made none."""
    return "scaffold.exists" + ("-several" if len(rels) > 1 else "") + ("-none-made" if many else "")


def _make_parents(root: Path, target: Path) -> list[Path]:
    """Create the missing folders above `target`; return them, outermost first."""
    missing = []
    for folder in target.parents:
        if folder.exists():
            break
        missing.append(folder)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        # A file sits where a folder is needed (e.g. "content/years/2025" is a file).
        raise ScaffoldError("scaffold.folder-is-file", folder=target.parent.relative_to(root).as_posix()) from None
    except OSError as exc:
        raise ScaffoldError("scaffold.folder-failed", folder=target.parent, detail=exc.strerror) from None
    return missing[::-1]


def _create(rel: str, target: Path, text: str | bytes) -> Path:
    try:
        handle = target.open("xb")
    except FileExistsError:
        raise ScaffoldError(_exists_key([rel], many=True), files=rel) from None
    except OSError as exc:
        raise ScaffoldError("scaffold.create-failed", file=rel, detail=exc.strerror) from None
    try:
        with handle:
            handle.write(text if isinstance(text, bytes) else text.encode("utf-8"))
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise ScaffoldError("scaffold.write-failed", file=rel, detail=exc.strerror) from None
    return target


def _undo(files: list[Path], folders: list[Path]) -> None:
    for path in files:
        path.unlink(missing_ok=True)
    for folder in reversed(folders):  # deepest first
        # A folder that is not empty got something else meanwhile; keep it.
        with contextlib.suppress(OSError):
            folder.rmdir()


def require_site(site_root: Path) -> None:
    # Refusing outside a site stops "new year" from scattering folders in the
    # wrong place when the command is run from the wrong directory.
    if not SiteLayout(site_root).site_yaml.is_file():
        site = site_above(site_root)
        if site is not None:  # run from inside content/
            raise ScaffoldError("site.inside-content", cd=way_up(site_root, site))
        raise ScaffoldError("scaffold.not-a-site", folder=site_root)


def check_year(year: int) -> None:
    if not 1000 <= year <= 9999:
        raise ScaffoldError("scaffold.bad-year", year=year)
