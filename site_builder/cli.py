"""Command line: options -> one API call -> printed problems and an exit code.

Exit codes: 0 ok, 1 content errors, 2 usage errors, 3 render failure.
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TypeVar

import click

from site_builder import __version__
from site_builder.catalogue import template, text
from site_builder.cli_click import Group, command_help, say, usage_error_text
from site_builder.model.records import CONFERENCE_KINDS
from site_builder.problems import Problems, RenderError, SiteError
from site_builder.sources.language import site_language
from site_builder.summary import (
    build_done,
    check_line,
    failure_line,
    for_print,
    format_seconds,
    has_previous_output,
    print_line,
    print_ready,
    summary_counts,
)

EXIT_CONTENT, EXIT_USAGE, EXIT_RENDER = 1, 2, 3
T = TypeVar("T")
GC_THRESHOLD = 100_000  # allocations between young-generation collections (Python's default: 700)

SITE_OPTION = click.option(
    "--site",
    "site",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    metavar=say("cli.metavar.folder"),
    help=say("cli.opt.site"),
)

PDF_VARIANT_OPTION = click.option(
    "--pdf-variant",
    type=click.Choice(["pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/ua-1"]),
    help=say("cli.opt.pdf-variant"),
)


def main(args: list[str] | None = None) -> None:
    """The console script: usage errors in our words (exit 2), never click's."""
    try:
        code = cli.main(args, prog_name="site-builder", standalone_mode=False)
    except click.Abort:
        click.echo(say("cli.aborted"), err=True)
        sys.exit(130)
    except click.ClickException as exc:
        click.echo(usage_error_text(exc), err=True)
        sys.exit(EXIT_USAGE if isinstance(exc, click.UsageError) else 1)
    sys.exit(code if isinstance(code, int) else 0)


# Warnings `--quiet` still prints: the yearbook never goes out with a sample or a missing figure unsaid.
ALWAYS_SHOWN = frozenset({"sample.unedited", "yearbook.foreword-sample", "yearbook.target-no-data"})


def print_problems(problems: Problems, lang: str, quiet: bool = False) -> None:
    for problem in problems.sorted():
        if quiet and problem.severity == "warning" and problem.code not in ALWAYS_SHOWN:
            continue
        click.echo(problem.format(lang), err=True)


@click.group(
    cls=Group,
    help=command_help("main"),
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(
    __version__, prog_name="site-builder", message=template("cli.version"), help=say("cli.version-option")
)
@click.option("--debug", is_flag=True, help=say("cli.opt.debug"))
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    ctx.obj = {"debug": debug}
    # A build makes millions of small long-lived objects (records, the model, pages): with the
    # default thresholds the collector rescans them over and over (a quarter of a large build).
    gc.set_threshold(GC_THRESHOLD, 50, 100)
    if ctx.invoked_subcommand is None:  # no command: the help page, as `--help` shows it
        click.echo(ctx.get_help())


@cli.command(help=command_help("build"))
@SITE_OPTION
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    metavar=say("cli.metavar.folder"),
    help=say("cli.opt.output"),
)
@click.option("--no-pdf", is_flag=True, help=say("cli.opt.no-pdf"))
@click.option("--docx", is_flag=True, help=say("cli.opt.docx"))
@click.option("--strict", is_flag=True, help=say("cli.opt.strict"))
@click.option("--quiet", "-q", is_flag=True, help=say("cli.opt.quiet"))
@PDF_VARIANT_OPTION
@click.option(
    "--jobs", "-j", type=click.IntRange(0, 64), default=0, metavar=say("cli.metavar.number"), help=say("cli.opt.jobs")
)
@click.option("--force", is_flag=True, help=say("cli.opt.force"))
@click.option("--draft", metavar=say("cli.metavar.name"), help=say("cli.opt.draft"))
@click.pass_context
def build(
    ctx: click.Context,
    site: Path,
    output: Path | None,
    no_pdf: bool,
    docx: bool,
    strict: bool,
    quiet: bool,
    pdf_variant: str | None,
    jobs: int,
    force: bool,
    draft: str | None,
) -> None:
    from site_builder.build import BuildOptions, build_site

    options = BuildOptions(
        site.resolve(), output.resolve() if output else None, not no_pdf, strict, pdf_variant, jobs, not force, docx,
        draft,
    )  # fmt: skip
    lang = site_language(options.site_root)
    progress = None if quiet else (lambda line: click.echo(f"… {line}", err=True))
    kept = has_previous_output(options.output_dir)
    report = run(ctx, lambda: build_site(options, progress), lang, quiet, kept)
    print_problems(report.problems, lang, quiet)
    click.echo(build_done(report, options.output_dir, lang), err=True)
    if report.dropped_pdf:
        shown = display_dir(options.output_dir, options.site_root)
        click.echo(text("build.dropped-pdf", lang, output=shown), err=True)


def display_dir(folder: Path, site: Path) -> str:
    """`output/` for the site's own output folder, else the folder's full path."""
    try:
        return folder.relative_to(site).as_posix() + "/"
    except ValueError:
        return str(folder)


EDITION_TERM = click.option("--term", metavar=say("cli.metavar.term"), help=say("cli.opt.edition-term"))
EDITION_YEAR = click.option(
    "--year", type=click.IntRange(1900, 2200), metavar=say("cli.metavar.year"), help=say("cli.opt.edition-year")
)


@cli.command("pdf", help=command_help("pdf"))
@EDITION_TERM
@EDITION_YEAR
@SITE_OPTION
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    metavar=say("cli.metavar.folder"),
    help=say("cli.opt.output"),
)
@click.option("--draft", metavar=say("cli.metavar.name"), help=say("cli.opt.draft"))
@click.option("--docx", is_flag=True, help=say("cli.opt.docx"))
@click.option("--strict", is_flag=True, help=say("cli.opt.strict"))
@click.option("--quiet", "-q", is_flag=True, help=say("cli.opt.quiet"))
@PDF_VARIANT_OPTION
@click.pass_context
def pdf_cmd(
    ctx: click.Context, term: str | None, year: int | None, site: Path, output: Path | None, draft: str | None,
    docx: bool, strict: bool, quiet: bool, pdf_variant: str | None,
) -> None:  # fmt: skip
    from site_builder.editions import PdfOptions, print_edition

    root = site.resolve()
    lang = site_language(root)
    if (term is None) == (year is None):
        usage_failure("pdf.choose-one", lang)
    options = PdfOptions(root, term, None if year is None else str(year), output.resolve() if output else None,
                         draft, docx, strict, pdf_variant)  # fmt: skip
    progress = None if quiet else (lambda line: click.echo(f"… {line}", err=True))
    report = run(ctx, lambda: edition_usage(lambda: print_edition(options, progress), lang), lang, quiet, True)
    print_problems(report.problems, lang, quiet)
    done = text(
        "pdf.done", lang, files=", ".join(report.files), pages=report.pages,
        seconds=format_seconds(report.seconds, lang), counts=summary_counts(report.problems, lang),
        output=options.output_dir,
    )  # fmt: skip
    click.echo(done, err=True)
    if not report.in_build:
        click.echo(text("pdf.not-in-build", lang, file=report.files[0]), err=True)


def usage_failure(key: str, lang: str, **params: object) -> NoReturn:
    click.echo(f"{text('severity.error', lang)}: {text(key, lang, **params)}", err=True)
    sys.exit(EXIT_USAGE)


def edition_usage(action: Callable[[], T], lang: str) -> T:
    """Call an editions API; --term/--year naming no book of the site is a usage error (exit 2)."""
    from site_builder.editions import NoSuchEdition

    try:
        return action()
    except NoSuchEdition as exc:
        usage_failure(exc.key, lang, **exc.params)


@cli.command("changes", help=command_help("changes"))
@EDITION_TERM
@EDITION_YEAR
@SITE_OPTION
@click.pass_context
def changes_cmd(ctx: click.Context, term: str | None, year: int | None, site: Path) -> None:
    from site_builder.editions import changes_lines, edition_changes

    root = site.resolve()
    lang = site_language(root)
    if term is not None and year is not None:
        usage_failure("pdf.choose-one", lang)
    year_text = None if year is None else str(year)
    results = run(ctx, lambda: edition_usage(lambda: edition_changes(root, term, year_text), lang), lang, False)
    for result in results:
        for line in changes_lines(result, root, lang):
            click.echo(line)


@cli.command(help=command_help("check"))
@SITE_OPTION
@click.option("--strict", is_flag=True, help=say("cli.opt.strict"))
@click.option("--print", "for_print", is_flag=True, help=say("cli.opt.print"))
@click.pass_context
def check(ctx: click.Context, site: Path, strict: bool, for_print: bool) -> None:
    from site_builder.build import check_site

    if for_print:
        check_print(ctx, site, strict)
        return
    lang = site_language(site.resolve())
    problems = run(ctx, lambda: check_site(site.resolve()), lang, False)
    print_problems(problems, lang)
    click.echo(check_line(problems, lang, strict), err=True)
    if problems.has_errors(strict):
        sys.exit(EXIT_CONTENT)


def check_print(ctx: click.Context, site: Path, strict: bool) -> None:
    """`check --print`: the problems, then what stands between the content and a printable
    yearbook; exit 0 with "sẵn sàng in" only when nothing is left."""
    from site_builder.build import check_for_print

    lang = site_language(site.resolve())
    problems, items = run(ctx, lambda: check_for_print(site.resolve()), lang, False)
    shown = for_print(problems)
    print_problems(shown, lang)
    for item in items or ():
        click.echo(item.format(lang), err=True)
    click.echo(print_line(shown, items, lang, strict), err=True)
    if not print_ready(shown, items, strict):
        sys.exit(EXIT_CONTENT)


def run(ctx: click.Context, action: Callable[[], T], lang: str, quiet: bool, kept: bool = False) -> T:
    """Call the API; map failures to messages and exit codes, never a traceback.

    `kept`: an earlier output exists and a failure leaves it as it was, which the
    outcome line then says; without one (first build, check, serve) it says nothing of it."""
    try:
        return action()
    except SiteError as exc:
        print_problems(exc.problems, lang, quiet)
        click.echo(failure_line("content-errors", lang, kept, exc.problems), err=True)
        sys.exit(EXIT_CONTENT)
    except RenderError as exc:
        print_problems(exc.problems, lang, quiet)
        click.echo(failure_line("render-failed", lang, kept), err=True)
        sys.exit(EXIT_RENDER)
    except KeyboardInterrupt:
        click.echo(failure_line("interrupted", lang, kept), err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - last line of defence: no traceback for staff
        if ctx.obj and ctx.obj.get("debug"):
            traceback.print_exc()
        click.echo(failure_line("internal", lang, kept, detail=f"{type(exc).__name__}: {exc}"), err=True)
        sys.exit(EXIT_RENDER)


@cli.group(help=command_help("new"))
def new() -> None:
    pass


def _scaffold(action: Callable[[], Path | list[Path]], lang: str = "vi") -> None:
    from site_builder.scaffold import ScaffoldError

    try:
        created = action()
    except ScaffoldError as exc:
        click.echo(f"{text('severity.error', lang)}: {exc.message(lang)}", err=True)
        sys.exit(EXIT_USAGE)
    for path in created if isinstance(created, list) else [created]:
        click.echo(text("new.created", lang, path=path))


@new.command("site", help=command_help("new-site"))
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), metavar=say("cli.metavar.folder"))
@click.option("--title", metavar=say("cli.metavar.name"), help=say("cli.opt.site-title"))
@click.option("--organization", metavar=say("cli.metavar.name"), help=say("cli.opt.organization"))
@click.option("--term", metavar=say("cli.metavar.term"), help=say("cli.opt.first-term"))
@click.option("--xlsx", is_flag=True, help=say("cli.opt.xlsx"))
def new_site_cmd(directory: Path, title: str | None, organization: str | None, term: str | None, xlsx: bool) -> None:
    from site_builder.scaffold import new_site
    from site_builder.scaffold_launchers import find_program

    program = find_program(sys.argv[0], sys.executable)
    today = dt.date.today()
    _scaffold(lambda: new_site(directory, title=title, organization=organization, today=today, xlsx=xlsx,
                               program=program, term=term))  # fmt: skip


@new.command("launchers", help=command_help("new-launchers"))
@SITE_OPTION
def new_launchers_cmd(site: Path) -> None:
    from site_builder.scaffold import new_launchers
    from site_builder.scaffold_launchers import find_program

    program = find_program(sys.argv[0], sys.executable)
    _scaffold(lambda: new_launchers(site, program=program), site_language(site))


@new.command("year", help=command_help("new-year"))
@click.argument("year", type=click.IntRange(1900, 2200), metavar=say("cli.metavar.year"))
@SITE_OPTION
@click.option("--xlsx", is_flag=True, help=say("cli.opt.xlsx"))
def new_year_cmd(year: int, site: Path, xlsx: bool) -> None:
    from site_builder.scaffold import new_year

    _scaffold(lambda: new_year(site, year, xlsx=xlsx), site_language(site))


DATE_TYPE = click.DateTime(["%Y-%m-%d"])


@new.command("term", help=command_help("new-term"))
@click.argument("term", metavar=say("cli.metavar.term"))
@click.option("--start", type=DATE_TYPE, metavar=say("cli.metavar.date"), help=say("cli.opt.term-start"))
@click.option("--end", type=DATE_TYPE, metavar=say("cli.metavar.date"), help=say("cli.opt.term-end"))
@click.option("--xlsx", is_flag=True, help=say("cli.opt.xlsx"))
@SITE_OPTION
def new_term_cmd(term: str, start: dt.datetime | None, end: dt.datetime | None, xlsx: bool, site: Path) -> None:
    from site_builder.scaffold import new_term

    first, last = (None if day is None else day.date() for day in (start, end))
    _scaffold(lambda: new_term(site, term, start=first, end=last, xlsx=xlsx), site_language(site))


@new.command("conference", help=command_help("new-conference"))
@click.option(
    "--date",
    "date_",
    required=True,
    type=DATE_TYPE,
    metavar=say("cli.metavar.date"),
    help=say("cli.opt.date"),
)
@click.option("--title", required=True, metavar=say("cli.metavar.name"), help=say("cli.opt.conference-title"))
@click.option(
    "--kind",
    type=click.Choice(CONFERENCE_KINDS),
    default=CONFERENCE_KINDS[0],
    show_default=True,
    help=say("cli.opt.kind"),
)
@SITE_OPTION
def new_conference_cmd(date_: dt.datetime, title: str, kind: str, site: Path) -> None:
    from site_builder.scaffold import new_conference

    _scaffold(lambda: new_conference(site, date=date_.date(), title=title, kind=kind), site_language(site))


@new.command("page", help=command_help("new-page"))
@click.option("--title", required=True, metavar=say("cli.metavar.name"), help=say("cli.opt.page-title"))
@click.option("--slug", metavar=say("cli.metavar.file-name"), help=say("cli.opt.slug"))
@SITE_OPTION
def new_page_cmd(title: str, slug: str | None, site: Path) -> None:
    from site_builder.scaffold import new_page

    _scaffold(lambda: new_page(site, title=title, slug=slug), site_language(site))


SHEET_KIND = click.argument("kind", type=click.Choice(["targets", "awards"]), metavar="targets|awards")
SHEET_YEAR = click.option(
    "--year", type=click.IntRange(1900, 2200), metavar=say("cli.metavar.year"), help=say("cli.opt.sheet-year")
)
SHEET_TERM = click.option("--term", metavar=say("cli.metavar.term"), help=say("cli.opt.sheet-term"))


def run_sheets(ctx: click.Context, action: Callable[[], T], failed: str, lang: str) -> T:
    """Call an import/export API: a usage problem exits 2; problems of the sheet or of the YAML file
    are all listed, then the outcome, exit 1; anything else as `run` handles it."""
    from site_builder.sheets.files import SheetUsageError

    def guarded() -> T:
        try:
            return action()
        except SheetUsageError as exc:
            click.echo(f"{text('severity.error', lang)}: {text(exc.key, lang, **exc.params)}", err=True)
            sys.exit(EXIT_USAGE)
        except SiteError as exc:
            print_problems(exc.problems, lang)
            click.echo(text(failed, lang, counts=summary_counts(exc.problems, lang)), err=True)
            sys.exit(EXIT_CONTENT)

    return run(ctx, guarded, lang, False)


@cli.command("import", help=command_help("import"))
@SHEET_KIND
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path), metavar=say("cli.metavar.file"))
@SHEET_YEAR
@SHEET_TERM
@click.option("--sheet", metavar=say("cli.metavar.sheet"), help=say("cli.opt.sheet"))
@click.option("--dry-run", is_flag=True, help=say("cli.opt.dry-run"))
@click.option("--replace", is_flag=True, help=say("cli.opt.replace-yaml"))
@SITE_OPTION
@click.pass_context
def import_cmd(
    ctx: click.Context, kind: str, source: Path, year: int | None, term: str | None, sheet: str | None,
    dry_run: bool, replace: bool, site: Path,
) -> None:  # fmt: skip
    from site_builder.sheets.importer import ImportRequest, import_sheet
    from site_builder.sheets.report import import_lines

    lang = site_language(site.resolve())
    request = ImportRequest(site.resolve(), kind, source, year, term, sheet, dry_run, replace)
    report = run_sheets(ctx, lambda: import_sheet(request), "import.failed", lang)
    print_problems(report.problems, lang)
    for line in import_lines(report, source.name, lang):
        click.echo(line)
    if report.refused:
        click.echo(f"{text('severity.error', lang)}: {text('import.refused', lang, path=report.destination)}", err=True)
        sys.exit(EXIT_USAGE)


@cli.command("export", help=command_help("export"))
@SHEET_KIND
@SHEET_YEAR
@SHEET_TERM
@click.option(
    "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), metavar=say("cli.metavar.xlsx"),
    help=say("cli.opt.export-output"),
)  # fmt: skip
@click.option("--replace", is_flag=True, help=say("cli.opt.export-replace"))
@SITE_OPTION
@click.pass_context
def export_cmd(
    ctx: click.Context, kind: str, year: int | None, term: str | None, output: Path, replace: bool, site: Path
) -> None:
    from site_builder.sheets.exporter import ExportRequest, export_sheet
    from site_builder.sheets.report import export_lines

    lang = site_language(site.resolve())
    request = ExportRequest(site.resolve(), kind, output, year, term, replace)
    report = run_sheets(ctx, lambda: export_sheet(request), "export.failed", lang)
    print_problems(report.problems, lang)
    for line in export_lines(report, lang):
        click.echo(line)


@cli.command(help=command_help("serve"))
@SITE_OPTION
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    metavar=say("cli.metavar.address"),
    help=say("cli.opt.host"),
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    metavar=say("cli.metavar.port"),
    help=say("cli.opt.port"),
)
@click.option("--open", "open_browser", is_flag=True, help=say("cli.opt.open"))
@click.option("--no-pdf", is_flag=True, help=say("cli.opt.serve-no-pdf"))
@click.pass_context
def serve(ctx: click.Context, site: Path, host: str, port: int, open_browser: bool, no_pdf: bool) -> None:
    from site_builder.serve.server import ServeOptions, serve_site

    options = ServeOptions(site.resolve(), host, port, open_browser, not no_pdf)
    lang = site_language(options.site_root)

    def action() -> None:
        try:
            serve_site(options, lambda line: click.echo(line, err=True))
        except OSError as exc:
            detail = exc.strerror or exc
            click.echo(text("serve.port-busy", lang, host=host, port=port, detail=detail), err=True)
            sys.exit(EXIT_USAGE)

    run(ctx, action, lang, False)
