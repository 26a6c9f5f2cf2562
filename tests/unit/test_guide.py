"""docs/huong-dan.md, the staff guide, read as its reader would: numbered chapters in order,
cross-references that lead somewhere, and every `site-builder` command in it accepted as written."""

from __future__ import annotations

import contextlib
import re
import shlex
from pathlib import Path

import click
import pytest

from site_builder.cli import cli

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "huong-dan.md"
CHAPTER = re.compile(r"^## (?:(\d+)\. )?(.+)$")
SECTION = re.compile(r"^### (?:(\d+)\.(\d+)\. )?(.+)$")
INLINE_COMMAND = re.compile(r"`(site-builder [^`]+)`")
REFERENCE = re.compile(r"\b(?:[Cc]hương|[Mm]ục) (\d+)(?:\.(\d+))?\b")


def guide_lines() -> list[str]:
    return GUIDE.read_text(encoding="utf-8").splitlines()


def headings() -> tuple[list[int | None], dict[int, list[int]]]:
    """Chapter numbers (None: unnumbered) and section numbers by chapter, outside code blocks."""
    chapters: list[int | None] = []
    sections: dict[int, list[int]] = {}
    fenced = False
    for line in guide_lines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif fenced:
            continue
        elif m := CHAPTER.match(line):
            chapters.append(int(m[1]) if m[1] else None)
        elif (m := SECTION.match(line)) and m[1]:
            sections.setdefault(int(m[1]), []).append(int(m[2]))
    return chapters, sections


def test_chapters_are_numbered_one_after_another() -> None:
    chapters, sections = headings()
    assert chapters == list(range(1, len(chapters) + 1))
    for chapter, numbers in sections.items():
        assert chapter in chapters
        assert numbers == list(range(1, len(numbers) + 1)), chapter


def test_every_reference_names_a_chapter_or_section_that_exists() -> None:
    chapters, sections = headings()
    broken = [
        f"{number}: {m[0]}"
        for number, line in enumerate(guide_lines(), 1)
        for m in REFERENCE.finditer(line)
        if int(m[1]) not in chapters or (m[2] and int(m[2]) not in sections.get(int(m[1]), []))
    ]
    assert broken == []


def guide_commands() -> list[tuple[int, str, bool]]:
    """(line number, command, whole) of every `site-builder ...` line in a fenced block (whole:
    to be typed as it is) or in inline code (prose may name a command without its argument)."""
    found, fenced = [], False
    for number, line in enumerate(guide_lines(), 1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif fenced and line.strip().startswith("site-builder "):
            found.append((number, line.strip().split("  #")[0].split(" # ")[0].strip(), True))
        elif not fenced:
            found += [(number, m, False) for m in INLINE_COMMAND.findall(line)]
    return found


def parse(tokens: list[str]) -> None:
    """Parse `tokens` as the console script would, without running the command."""
    command: click.Command = cli
    while isinstance(command, click.Group) and tokens and not tokens[0].startswith("-"):
        sub = command.get_command(click.Context(command), tokens[0])
        assert sub is not None, f"no command {tokens[0]!r}"
        command, tokens = sub, tokens[1:]
    with contextlib.suppress(click.exceptions.Exit):  # --version, --help
        command.make_context("site-builder", tokens)


COMMANDS = guide_commands()


def test_the_guide_shows_the_everyday_commands() -> None:
    shown = {shlex.split(command)[1] for _, command, _ in COMMANDS}
    assert {"new", "check", "build", "serve", "pdf", "import", "export", "changes"} <= shown


@pytest.mark.parametrize(("line", "command", "whole"), COMMANDS, ids=[f"line{n}" for n, _, _ in COMMANDS])
def test_every_command_in_the_guide_is_accepted_as_written(line: int, command: str, whole: bool) -> None:
    try:
        parse(shlex.split(command)[1:])
    except click.MissingParameter:
        assert not whole, f"docs/huong-dan.md:{line}: {command}: an argument is missing"
    except click.UsageError as exc:
        pytest.fail(f"docs/huong-dan.md:{line}: {command}: {exc.format_message()}")
