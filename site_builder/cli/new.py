"""`site-builder new …`: the starting files of a site, a term, a year, a conference, a page."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

import click

from site_builder.catalogue import text
from site_builder.cli.common import EXIT_CONTENT, EXIT_RENDER, EXIT_USAGE, SITE_OPTION
from site_builder.cli_click import Group, command_help, say
from site_builder.model.records import CONFERENCE_KINDS
from site_builder.sources.language import site_language


@click.group("new", cls=Group, help=command_help("new"))
def new() -> None:
    pass


# Exit codes as the guide's exit-code chapter defines them: a value typed wrong is a usage error
# (2), a file that could not be written is 3, and a refusal (the file exists, not a site) is 1.
_TYPED_WRONG = frozenset({"scaffold.bad-kind", "scaffold.bad-year", "scaffold.bad-term", "scaffold.term-order",
                          "scaffold.empty", "scaffold.no-slug"})  # fmt: skip
_NOT_WRITTEN = frozenset({"scaffold.write-failed", "scaffold.create-failed", "scaffold.folder-failed"})


def exit_code_of(key: str) -> int:
    return EXIT_USAGE if key in _TYPED_WRONG else EXIT_RENDER if key in _NOT_WRITTEN else EXIT_CONTENT


def _scaffold(action: Callable[[], Path | list[Path]], lang: str = "vi") -> None:
    from site_builder.scaffold import ScaffoldError

    try:
        created = action()
    except ScaffoldError as exc:
        click.echo(f"{text('severity.error', lang)}: {exc.message(lang)}", err=True)
        sys.exit(exit_code_of(exc.key))
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
    from site_builder.scaffold import new_term, parse_term
    from site_builder.scaffold_terms import book_term_change

    first, last = (None if day is None else day.date() for day in (start, end))
    lang = site_language(site)
    _scaffold(lambda: new_term(site, term, start=first, end=last, xlsx=xlsx), lang)
    new_id = "-".join(map(str, parse_term(term)))
    old_id = book_term_change(site, new_id)
    if old_id is not None:  # the PDF yearbook would switch terms without a word
        click.echo(text("new.term-moves-book", lang, new=new_id, old=old_id), err=True)


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
