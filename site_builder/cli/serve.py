"""`site-builder serve`: the preview."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from site_builder.catalogue import text
from site_builder.cli.common import EXIT_USAGE, SITE_OPTION, run
from site_builder.cli_click import Command, command_help, say
from site_builder.sources.language import site_language


@click.command("serve", cls=Command, help=command_help("serve"))
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
