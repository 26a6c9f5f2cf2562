"""`site-builder import` and `export`: targets and awards from and to spreadsheets."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from site_builder.catalogue import text
from site_builder.cli.common import EXIT_CONTENT, SITE_OPTION, T, print_problems, run
from site_builder.cli_click import Command, command_help, say
from site_builder.problems import SiteError
from site_builder.sources.language import site_language
from site_builder.summary import summary_counts

SHEET_KIND = click.argument("kind", type=click.Choice(["targets", "awards"]), metavar="targets|awards")
SHEET_YEAR = click.option(
    "--year", type=click.IntRange(1900, 2200), metavar=say("cli.metavar.year"), help=say("cli.opt.sheet-year")
)
SHEET_TERM = click.option("--term", metavar=say("cli.metavar.term"), help=say("cli.opt.sheet-term"))


def run_sheets(ctx: click.Context, action: Callable[[], T], failed: str, lang: str) -> T:
    """Call an import/export API: a mistyped option exits 2, a refusal to overwrite 1; problems of the
    sheet or of the YAML file are all listed, then the outcome, exit 1; anything else as `run` handles it."""
    from site_builder.sheets.files import SheetUsageError

    def guarded() -> T:
        try:
            return action()
        except SheetUsageError as exc:
            click.echo(f"{text('severity.error', lang)}: {text(exc.key, lang, **exc.params)}", err=True)
            sys.exit(exc.exit_code)  # 2 for a mistyped option, 1 for a file --replace would overwrite
        except SiteError as exc:
            print_problems(exc.problems, lang)
            click.echo(text(failed, lang, counts=summary_counts(exc.problems, lang)), err=True)
            sys.exit(EXIT_CONTENT)

    return run(ctx, guarded, lang, False)


@click.command("import", cls=Command, help=command_help("import"))
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
        sys.exit(EXIT_CONTENT)  # typed right, but the file exists: not a usage error (2)


@click.command("export", cls=Command, help=command_help("export"))
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
