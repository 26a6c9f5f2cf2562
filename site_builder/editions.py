"""One printed edition on its own (`site-builder pdf`), and what moved since the last (`changes`).

`print_edition` makes one book, a term's or a year's, with the very artifacts a
build makes (output/artifacts.py: the PDF, the Word file if asked, the manifest),
then writes them into the output folder beside the rest: each file is written
under a temporary name in that folder and renamed over the old one, so a reader
never sees half a PDF and a failure leaves every file as it was. The build's
saved state learns the new files (output/state.py: record_files), so the next
build stays incremental and keeps the book when it prints it too.

`edition_changes` compares each book's manifest, made from the content as it is
now, with the previous printed edition kept in editions/ (output/archive.py).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from site_builder.build import BuildOptions, load_site, open_output, prepare_render, report_left_behind
from site_builder.catalogue import text
from site_builder.layout import SiteLayout
from site_builder.markup.cache import load_cache
from site_builder.model.editions import Edition, editions_of, term_edition, year_edition
from site_builder.model.records import SiteModel
from site_builder.output import archive, publish
from site_builder.output.artifacts import artifact
from site_builder.output.build_cache import markup_file
from site_builder.output.fingerprint import Counts, marker_text, unstamp
from site_builder.output.guard import MARKER
from site_builder.output.state import Artifact, record_files, state_file
from site_builder.output.theme_setup import theme_setup
from site_builder.problems import Problems, SiteError
from site_builder.render.filters import make_filters
from site_builder.rendered import OutputFile, RenderedFile
from site_builder.yearbook.changes import Change, compare, describe, edition_name, figure_changes
from site_builder.yearbook.manifest import Manifest, decode_manifest, edition_manifest

Progress = Callable[[str], None]


class NoSuchEdition(Exception):
    """--term/--year names no term or year of the site (a usage error: exit 2)."""

    def __init__(self, key: str, **params: str) -> None:
        super().__init__(key)
        self.key, self.params = key, params


@dataclass(frozen=True)
class PdfOptions:
    site_root: Path
    term: str | None = None
    year: str | None = None
    output: Path | None = None
    draft: str | None = None
    docx: bool = False
    strict: bool = False
    pdf_variant: str | None = None

    @property
    def output_dir(self) -> Path:
        return self.output or SiteLayout(self.site_root).output


@dataclass(frozen=True)
class PdfReport:
    problems: Problems
    files: tuple[str, ...]
    pages: int
    seconds: float
    in_build: bool  # `build` prints this book too (it is in yearbook.editions)


def pick_edition(model: SiteModel, term: str | None, year: str | None) -> Edition:
    """The book --term or --year names (exactly one of them)."""
    if (term is None) == (year is None):
        raise NoSuchEdition("pdf.choose-one")
    if term is not None:
        found = term_edition(model, term)
        if found is None:
            raise NoSuchEdition("pdf.no-term", term=term, known=", ".join(t.id for t in model.terms))
        return found
    found = year_edition(model, str(year))
    if found is None:
        raise NoSuchEdition("pdf.no-year", year=str(year), known=", ".join(str(y.year) for y in model.years))
    return found


def print_edition(options: PdfOptions, progress: Progress | None = None) -> PdfReport:
    """Make the book --term/--year names into the output folder, touching no other file."""
    say = progress or (lambda _line: None)
    started = time.perf_counter()
    problems = Problems()
    root, output = options.site_root, options.output_dir
    left = open_output(root, output, problems)
    build = BuildOptions(
        root, options.output, True, options.strict, options.pdf_variant, docx=options.docx, draft=options.draft
    )
    loaded, cache, request = prepare_render(build, problems, say)
    report_left_behind(left, problems)
    edition = pick_edition(loaded.model, options.term, options.year)
    request = replace(request, search=False)  # one book: the pages and their index are left as they are
    setup = theme_setup(root, loaded.model.site, problems, None, cache.templates, request.user_cache)
    suffix = "" if edition.main else f":{edition.stem}"
    names = ["pdf" + suffix, *(["docx" + suffix] if options.docx else []), "manifest" + suffix]
    made = {name: artifact(name, loaded, request, setup, problems, progress=say) for name in names}
    write_beside(output, [file for file, _ in made.values()])
    stamp = unstamp(output)
    if stamp is not None:
        record_files(
            state_file(cache.folder, output), {n: a for n, (_, a) in made.items()}, listing_of(output, made), stamp
        )
    archive.keep_all(root, [edition_manifest(loaded.model, edition)], problems)  # `pdf` always keeps its round
    pages = made["pdf" + suffix][1].count
    in_build = edition in editions_of(loaded.model)
    files = tuple(a.out_path for _, a in made.values())
    return PdfReport(problems, files, pages, time.perf_counter() - started, in_build)


def write_beside(output: Path, files: list[OutputFile]) -> None:
    """Write each file under a temporary name in `output`, then rename it into place; a folder
    that did not exist gets the marker that lets `build` replace it later."""
    with publish.write_errors(output):
        if not output.is_dir():
            output.mkdir(parents=True)
            (output / MARKER).write_text(marker_text("", {}, Problems(), Counts(0, 0, 0)), encoding="utf-8")
        temporaries = []
        try:
            for file in files:
                assert isinstance(file, RenderedFile)  # made just now: nothing was kept
                temporary = output / f".{file.out_path}.{os.getpid()}.tmp"
                temporary.write_bytes(file.data)
                temporaries.append((temporary, output / file.out_path))
            for temporary, target in temporaries:  # every file is whole before any is replaced
                os.replace(temporary, target)
        finally:
            for temporary, _ in temporaries:
                temporary.unlink(missing_ok=True)


def listing_of(output: Path, made: dict[str, tuple[OutputFile, Artifact]]) -> dict[str, tuple[int, int]]:
    found = {}
    for _, item in made.values():
        info = (output / item.out_path).stat()
        found[item.out_path] = (info.st_size, info.st_mtime_ns)
    return found


@dataclass(frozen=True)
class EditionChanges:
    edition: Edition
    current: Manifest
    previous: archive.Archived | None  # compared with (None: nothing printed before; number 0: the last build)
    changes: tuple[Change, ...]
    final: archive.Archived | None  # the final edition in force, if any
    after_final: tuple[Change, ...]  # figures changed since it


def edition_changes(site_root: Path, term: str | None = None, year: str | None = None) -> list[EditionChanges]:
    """What moved in each book `build` prints (or the one --term/--year names) since its previous
    printed edition; writes nothing. Raises SiteError when the content does not load."""
    problems = Problems()
    loaded = load_site(site_root, problems, load_cache(markup_file(site_root)), BuildOptions(site_root).workers)
    if loaded is None or problems.has_errors():
        raise SiteError(problems)
    model = loaded.model
    books = editions_of(model) if term is None and year is None else (pick_edition(model, term, year),)
    found = []
    for edition in books:
        current = edition_manifest(model, edition)
        kept = archive.archived(site_root, edition.stem)
        before = archive.previous(kept, current.label) or last_built(site_root, edition)
        final = archive.latest_final(kept)
        changes = tuple(compare(before.manifest, current)) if before else ()
        moved = tuple(figure_changes(compare(final.manifest, current))) if final else ()
        found.append(EditionChanges(edition, current, before, changes, final, moved))
    return found


def last_built(site_root: Path, edition: Edition) -> archive.Archived | None:
    """No round kept yet: the edition as the last build printed it (its manifest in output/), as
    number 0."""
    path = SiteLayout(site_root).output / edition.manifest
    try:
        manifest = decode_manifest(path.read_bytes())
    except OSError:
        return None
    return archive.Archived(path, 0, manifest) if manifest is not None else None


def changes_lines(result: EditionChanges, site_root: Path, lang: str) -> list[str]:
    """The report of one book, in `lang`: a heading, then one line per change."""
    filters = make_filters(lang)
    file = result.edition.filename
    if result.previous is None:
        lines = [text("changes.no-previous", lang, file=file)]
    else:
        lines = [
            text(
                "changes.heading" if result.previous.number else "changes.heading-build",
                lang,
                file=file,
                current=edition_name(result.current, lang),
                previous=edition_name(result.previous.manifest, lang),
                path=_shown(result.previous.path, site_root),
            )  # fmt: skip
        ]
        lines += [f"  {describe(c, lang, filters)}" for c in result.changes] or [f"  {text('changes.nothing', lang)}"]
    if result.final is not None and result.after_final:
        name = edition_name(result.final.manifest, lang)
        path = _shown(result.final.path, site_root)
        lines.append(text("changes.final-heading", lang, file=file, edition=name, path=path))
        lines += [f"  (!) {describe(c, lang, filters)}" for c in result.after_final]
    return lines


def _shown(path: Path, site_root: Path) -> str:
    try:
        return path.relative_to(site_root).as_posix()
    except ValueError:
        return str(path)
