"""Command line: options -> one API call -> printed problems and an exit code.

Exit codes: 0 ok, 1 content errors, 2 usage errors, 3 render failure (cli/common.py).
One module per group of commands: publish.py (build, pdf, changes, check), new.py,
sheets.py (import, export), serve.py; common.py holds what they share.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable

import click

from site_builder import __version__
from site_builder.catalogue import template
from site_builder.cli.common import EXIT_USAGE
from site_builder.cli.publish import build, changes_cmd, check, pdf_cmd
from site_builder.cli_click import Group, command_help, say, usage_error_text

GC_THRESHOLD = 100_000  # allocations between young-generation collections (Python's default: 700)


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
    finally:
        # The process ends now: the collection Python makes on the way out would walk every object
        # a build left (0.15-0.3 s of a 2 s edit build at 10,000 conferences) for memory about to go.
        # Exit handlers still run; our files are written and closed by then.
        gc.freeze()
    sys.exit(code if isinstance(code, int) else 0)


def _new() -> click.Command:
    from site_builder.cli.new import new

    return new


def _import() -> click.Command:
    from site_builder.cli.sheets import import_cmd

    return import_cmd


def _export() -> click.Command:
    from site_builder.cli.sheets import export_cmd

    return export_cmd


def _serve() -> click.Command:
    from site_builder.cli.serve import serve

    return serve


# The commands a build never runs, imported only when named (or listed by `--help`): their
# modules and options cost a `build` start-up time for nothing.
LAZY_COMMANDS: dict[str, Callable[[], click.Command]] = {
    "new": _new, "import": _import, "export": _export, "serve": _serve,
}  # fmt: skip


class Cli(Group):
    """The top-level group: the commands of LAZY_COMMANDS are added the first time they are asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in LAZY_COMMANDS:
            self.add_command(LAZY_COMMANDS[cmd_name]())
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=Cli,
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


for command in (build, pdf_cmd, changes_cmd, check):
    cli.add_command(command)
