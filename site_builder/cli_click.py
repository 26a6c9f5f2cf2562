"""Click through its public API, with every word from our catalogue.

Help pages use our headings through `Command`/`Group` subclasses that override
`format_usage`, `format_options` and `format_commands`, and option lines we
write ourselves from the options' public attributes (click's own help lines add
English "[default: …]" and "[required]"). Usage errors are click's public
exception classes, caught in `cli.main` (the group runs with
`standalone_mode=False`) and told in our words by `usage_error_text`, from the
exceptions' attributes, never from click's English message.

Help and usage errors are in Vietnamese: they come before any site is read.
"""

from __future__ import annotations

import difflib
from typing import Any

import click

from site_builder.catalogue import text

LANG = "vi"


def say(message_id: str, **params: object) -> str:
    return text(message_id, LANG, **params)


def command_help(name: str) -> str:
    """A command's help: its summary, then its examples kept as written (click's \\b)."""
    return f"{say('cli.cmd.' + name)}\n\n\b\n{say('cli.examples')}\n{say('cli.examples.' + name)}"


def option_record(param: click.Option) -> tuple[str, str]:
    """The (names, help) line of one option in our words."""
    names = ", ".join(param.opts)
    if not param.is_flag:
        names += " " + metavar(param)
    extras = []
    if param.required:
        extras.append(say("cli.required"))
    if param.show_default and param.default is not None:
        extras.append(say("cli.default", default=param.default))
    help_text = param.help or ""
    return names, f"{help_text}  [{'; '.join(extras)}]" if extras else help_text


def metavar(param: click.Parameter) -> str:
    if param.metavar:
        return param.metavar
    if isinstance(param.type, click.Choice):
        return "[" + "|".join(str(c) for c in param.type.choices) + "]"
    return (param.name or "").upper()


class UnknownCommand(click.UsageError):
    """No subcommand of that name (click 8.1 has no public class with the name)."""

    def __init__(self, name: str, possibilities: list[str], ctx: click.Context):
        super().__init__(name, ctx)
        self.command_name, self.possibilities = name, possibilities


class Command(click.Command):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", say("cli.options-metavar"))
        super().__init__(*args, **kwargs)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=say("cli.usage") + " ")

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = say("cli.help-option")
        return option

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [option_record(p) for p in self.get_params(ctx) if isinstance(p, click.Option) and not p.hidden]
        if rows:
            with formatter.section(say("cli.options")):
                formatter.write_dl(rows)


def summary(command: click.Command) -> str:
    """A command's one-sentence summary, whole: click's short help cuts it at a width with "..."
    (mid-phrase in Vietnamese); the help list wraps it instead."""
    if command.short_help:
        return command.short_help
    return " ".join((command.help or "").split("\n\n", 1)[0].split())


class Group(Command, click.Group):
    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", say("cli.command-metavar"))
        super().__init__(*args, **kwargs)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, summary(command)))
        if rows:
            with formatter.section(say("cli.commands")):
                formatter.write_dl(rows)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if args and self.get_command(ctx, name) is None and not name.startswith("-"):
            raise UnknownCommand(name, difflib.get_close_matches(name, self.list_commands(ctx)), ctx)
        return super().resolve_command(ctx, args)


Group.group_class = Group


def usage_error_text(exc: click.ClickException) -> str:
    """The whole report of a usage error: usage line, where to find help, the error."""
    lines = []
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        lines.append(ctx.get_usage())
        lines.append(say("cli.try-help", command=ctx.command_path) + "\n")
    lines.append(say("cli.error", message=_error_message(exc)))
    return "\n".join(lines)


def _error_message(exc: click.ClickException) -> str:
    if isinstance(exc, UnknownCommand):
        return say("cli.error.no-such-command", name=exc.command_name, suggest=_did_you_mean(exc.possibilities))
    if isinstance(exc, click.NoSuchOption):
        return say("cli.error.no-such-option", name=exc.option_name, suggest=_did_you_mean(exc.possibilities or []))
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        if isinstance(exc.param, click.Option):
            return say("cli.error.missing-option", name=exc.param.opts[0])
        return say("cli.error.missing-argument", name=metavar(exc.param))
    if isinstance(exc, click.BadParameter) and exc.param is not None:
        name = exc.param.opts[0] if isinstance(exc.param, click.Option) else metavar(exc.param)
        return say("cli.error.bad-value", name=name, reason=_bad_value_reason(exc.param.type))
    if isinstance(exc, click.BadOptionUsage):
        return say("cli.error.option-usage", name=exc.option_name)
    if isinstance(exc, click.BadArgumentUsage):
        return say("cli.error.argument-usage")
    return say("cli.error.usage")


def _did_you_mean(possibilities: list[str]) -> str:
    if not possibilities:
        return ""
    return " " + say("cli.did-you-mean", names=", ".join(f"'{p}'" for p in sorted(possibilities)))


def _bad_value_reason(kind: click.ParamType[Any, Any]) -> str:
    if isinstance(kind, click.IntRange):
        return say("cli.reason.int-range", min=kind.min, max=kind.max)
    if isinstance(kind, click.DateTime):
        return say("cli.reason.date")
    if isinstance(kind, click.Choice):
        return say("cli.reason.choice", choices=", ".join(str(c) for c in kind.choices))
    if isinstance(kind, click.Path):
        return say("cli.reason.folder")
    return say("cli.reason.other")
