"""What every command shares: the exit codes, the common options, printing problems, and the
one place an API call's failure becomes a message and an exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TypeVar

import click

from site_builder.catalogue import text
from site_builder.cli_click import say
from site_builder.problems import Problems, RenderError, SiteError
from site_builder.summary import failure_line

EXIT_CONTENT, EXIT_USAGE, EXIT_RENDER = 1, 2, 3
T = TypeVar("T")

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


OUTPUT_OPTION = click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    metavar=say("cli.metavar.folder"),
    help=say("cli.opt.output"),
)


# Warnings `--quiet` still prints: the yearbook never goes out with a sample or a missing figure unsaid.
ALWAYS_SHOWN = frozenset({"sample.unedited", "yearbook.foreword-sample", "yearbook.target-no-data"})


def print_problems(problems: Problems, lang: str, quiet: bool = False) -> None:
    for problem in problems.sorted():
        if quiet and problem.severity == "warning" and problem.code not in ALWAYS_SHOWN:
            continue
        click.echo(problem.format(lang), err=True)


def progress_printer(quiet: bool) -> Callable[[str], None] | None:
    """The progress lines of a long command ("… đã đọc 28 bản ghi"), unless `--quiet`."""
    return None if quiet else (lambda line: click.echo(f"… {line}", err=True))


def display_dir(folder: Path, site: Path) -> str:
    """`output/` for the site's own output folder, else the folder's full path."""
    try:
        return folder.relative_to(site).as_posix() + "/"
    except ValueError:
        return str(folder)


def usage_failure(key: str, lang: str, **params: object) -> NoReturn:
    click.echo(f"{text('severity.error', lang)}: {text(key, lang, **params)}", err=True)
    sys.exit(EXIT_USAGE)


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
            import traceback

            traceback.print_exc()
        click.echo(failure_line("internal", lang, kept, detail=f"{type(exc).__name__}: {exc}"), err=True)
        sys.exit(EXIT_RENDER)
