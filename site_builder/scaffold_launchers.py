"""The double-clickable files that start the preview of a site: no terminal needed after installing.

`new site` (and `new launchers`, for a site made before) writes them into the site folder:

- `Xem-truoc.bat` (Windows: CRLF line ends, UTF-8 with `chcp 65001`, `call` so the
  `site-builder.cmd` shim of the Windows install returns);
- `Xem-truoc.command` (macOS: Terminal opens it) and `xem-truoc.sh` (Linux: opens a
  terminal window itself when a file manager runs it without one), both executable;
- `xem-truoc.desktop` (Linux desktops): runs xem-truoc.sh in a terminal (`Terminal=true`).

Each runs `site-builder serve --open --port 0 --site <its own folder>`: the folder is
the launcher's own, found when it runs, so a moved site folder still works (the
.desktop file names the .sh by its absolute path: re-make it with `new launchers`
after a move). Port 0 takes any free port, so two sites, or a second double-click,
never fail on a busy port 8000; `--open` opens the browser at the right address.
The command is the absolute path of the `site-builder` that made the files, when
it is on this kind of system, with `site-builder` on the PATH as the fallback.
The window stays open: it shows the address, how to stop (Ctrl+C or close the
window), and on failure the reason, until a key is pressed.

The files' layout lives in scaffold_templates/launchers/ (`@@name` placeholders:
`$` and `%` belong to the scripts); every sentence they print comes from the package
catalogue (`launcher.*`), quoted for the script that prints it.
"""

from __future__ import annotations

import re
import shutil
import string
import sys
import unicodedata
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path

from site_builder.catalogue import DEFAULT_LANG, text
from site_builder.scaffold_files import ScaffoldError

BAT, COMMAND, SH, DESKTOP = "Xem-truoc.bat", "Xem-truoc.command", "xem-truoc.sh", "xem-truoc.desktop"
LAUNCHERS = (BAT, COMMAND, SH, DESKTOP)
EXECUTABLE = frozenset({COMMAND, SH, DESKTOP})
PROGRAM = "site-builder"


class LauncherTemplate(string.Template):
    delimiter = "@@"


class LauncherPathError(ValueError):
    """The site folder's path cannot be written into a .desktop file (it holds a control character)."""


def find_program(argv0: str, executable: str, which: Callable[[str], str | None] = shutil.which) -> str | None:
    """The absolute path of the `site-builder` command running now, else the one on the PATH.

    `argv0` is the running script (a console script's path), `executable` the Python running
    it (the command sits beside it in its environment). Symbolic links are kept: the link in
    ~/.local/bin outlives a reinstall of the environment it points into."""
    scripts = Path(executable).parent
    candidates = [Path(argv0)] if Path(argv0).stem == PROGRAM else []
    candidates += [scripts / PROGRAM, scripts / f"{PROGRAM}.exe"]
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate.absolute())
    found = which(PROGRAM)
    return str(Path(found).absolute()) if found else None


def launcher_plan(site_dir: Path, program: str | None, platform: str, lang: str = "vi") -> list[tuple[str, bytes]]:
    """(file name, bytes) of every launcher for the site folder `site_dir` (absolute)."""
    words = {
        "starting": text("launcher.starting", lang),
        "stop": text("launcher.stop", lang),
        "missing": text("launcher.missing", lang),
        "failed": text("launcher.failed", lang),
        "press_enter": text("launcher.press-enter", lang),
        "press_key": text("launcher.press-key", lang),
    }
    unix = platform not in ("win32", "cygwin")
    return [
        (BAT, _bat(program if platform == "win32" else None, words)),
        (COMMAND, _sh(COMMAND, program if platform == "darwin" else None, words)),
        (SH, _sh(SH, program if unix else None, words)),
        (DESKTOP, _desktop(site_dir / SH, lang)),
    ]


def site_launchers(
    site_root: Path, program: str | None, platform: str | None, lang: str = DEFAULT_LANG
) -> list[tuple[str, bytes]]:
    """The launchers of the site at `site_root`, speaking its language (a new site is Vietnamese
    until changed); a folder path no .desktop file can hold is a ScaffoldError."""
    try:
        return launcher_plan(site_root.resolve(), program, platform or sys.platform, lang)
    except LauncherPathError:
        raise ScaffoldError("scaffold.launcher-path", folder=site_root.resolve()) from None


def make_executable(paths: Iterable[Path]) -> None:
    """Add execute permission wherever there is read permission (the umask is kept)."""
    for path in paths:
        if path.name in EXECUTABLE:
            mode = path.stat().st_mode
            path.chmod(mode | ((mode & 0o444) >> 2))


def _fill(template: str, **values: str) -> str:
    source = resources.files("site_builder") / "scaffold_templates" / "launchers" / f"{template}.tmpl"
    filled = LauncherTemplate(source.read_text(encoding="utf-8")).substitute(values)
    return unicodedata.normalize("NFC", filled.replace("\r\n", "\n"))


def _sh(name: str, program: str | None, words: dict[str, str]) -> bytes:
    quoted = {key: sh_quote(value) for key, value in words.items()}
    return _fill("xem-truoc.sh", name=name, program=sh_quote(program or ""), **quoted).encode("utf-8")


def _bat(program: str | None, words: dict[str, str]) -> bytes:
    quoted = {key: bat_echo(value) for key, value in words.items()}
    script = _fill("Xem-truoc.bat", program=(program or "").replace("%", "%%"), **quoted)
    return script.replace("\n", "\r\n").encode("utf-8")


def _desktop(script: Path, lang: str) -> bytes:
    title, comment = text("launcher.desktop-name", lang), text("launcher.desktop-comment", lang)
    entry = _fill("xem-truoc.desktop", title=desktop_string(title), comment=desktop_string(comment),
                  exec=desktop_exec(str(script)))  # fmt: skip
    return entry.encode("utf-8")


def sh_quote(value: str) -> str:
    """One POSIX shell word: single quotes, a single quote written '\\''."""
    return "'" + value.replace("'", "'\\''") + "'"


def bat_echo(value: str) -> str:
    """Text after `echo` in a batch file: cmd's special characters escaped."""
    escaped = re.sub(r"([\^&|<>])", r"^\1", value)
    return escaped.replace("%", "%%")


def desktop_string(value: str) -> str:
    """A value of type string in a .desktop file (Desktop Entry Specification, "Possible value types")."""
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def desktop_exec(path: str) -> str:
    """`Exec=` naming one program path: quoted for the Exec rules, then escaped as a string value,
    and `%` doubled (field codes)."""
    if any(unicodedata.category(ch) == "Cc" for ch in path):
        raise LauncherPathError(path)
    quoted = '"' + re.sub(r'(["`$\\])', r"\\\1", path) + '"'
    return quoted.replace("\\", "\\\\").replace("%", "%%")
