"""The commands that check and publish: build, pdf, changes, check."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from site_builder.catalogue import text
from site_builder.cli.common import (
    EXIT_CONTENT,
    OUTPUT_OPTION,
    PDF_VARIANT_OPTION,
    SITE_OPTION,
    T,
    display_dir,
    print_problems,
    progress_printer,
    run,
    usage_failure,
)
from site_builder.cli_click import Command, command_help, say
from site_builder.sources.language import site_language
from site_builder.summary import (
    build_done,
    check_line,
    for_print,
    format_seconds,
    has_previous_output,
    print_line,
    print_ready,
    summary_counts,
)


@click.command("build", cls=Command, help=command_help("build"))
@SITE_OPTION
@OUTPUT_OPTION
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
    from site_builder.markup.early import EarlyBodies
    from site_builder.workers import worker_count

    # A cold build's Markdown workers first: the rest of the program is imported beside them.
    with EarlyBodies.before_build(site.resolve(), worker_count(jobs), not force) as early:
        from site_builder.build import BuildOptions, build_site

        options = BuildOptions(
            site.resolve(), output.resolve() if output else None, not no_pdf, strict, pdf_variant, jobs, not force,
            docx, draft,
        )  # fmt: skip
        lang = site_language(options.site_root)
        progress = progress_printer(quiet)
        kept = has_previous_output(options.output_dir)
        report = run(ctx, lambda: build_site(options, progress, early), lang, quiet, kept)
    print_problems(report.problems, lang, quiet)
    click.echo(build_done(report, options.output_dir, lang), err=True)
    if report.dropped_pdf:
        shown = display_dir(options.output_dir, options.site_root)
        click.echo(text("build.dropped-pdf", lang, output=shown), err=True)


EDITION_TERM = click.option("--term", metavar=say("cli.metavar.term"), help=say("cli.opt.edition-term"))
EDITION_YEAR = click.option(
    "--year", type=click.IntRange(1900, 2200), metavar=say("cli.metavar.year"), help=say("cli.opt.edition-year")
)


@click.command("pdf", cls=Command, help=command_help("pdf"))
@EDITION_TERM
@EDITION_YEAR
@SITE_OPTION
@OUTPUT_OPTION
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
    progress = progress_printer(quiet)
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


def edition_usage(action: Callable[[], T], lang: str) -> T:
    """Call an editions API; --term/--year naming no book of the site is a usage error (exit 2)."""
    from site_builder.editions import NoSuchEdition

    try:
        return action()
    except NoSuchEdition as exc:
        usage_failure(exc.key, lang, **exc.params)


@click.command("changes", cls=Command, help=command_help("changes"))
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


@click.command("check", cls=Command, help=command_help("check"))
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
