"""The page shown instead of every HTML page while the content has errors.

It names each file and line, gives the message, and quotes the offending lines
of the file, all escaped. It contains `</head>`, so livereload injects its
script and the page reloads by itself once the file is fixed.
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Sequence
from html import escape
from pathlib import Path

from site_builder.catalogue import ntext, text
from site_builder.problems import Problem

MAX_SHOWN = 20
CONTEXT_LINES = 2
MAX_FILE_BYTES = 2_000_000

# Source lines are set in a bundled monospace font with every Vietnamese letter: some system
# monospace fonts place tone marks wrongly ("ệ" with the dot beside the letter). Embedded as
# a data: URL, so the page needs nothing else from the preview folder (empty while broken).
MONO_FONT = Path(__file__).resolve().parent / "fonts" / "LiberationMono-Regular.woff2"
MONO = '"SB Liberation Mono",ui-monospace,monospace'

STYLE = """
body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#fdf2f2;color:#1f2328}
main{max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{color:#a40e26;font-size:1.5rem}
section{background:#fff;border-left:6px solid #cf222e;margin:1rem 0;padding:.75rem 1rem}
h2{font:600 1rem/1.4 MONO;margin:0 0 .25rem}
pre{background:#f6f8fa;overflow:auto;padding:.5rem;margin:.5rem 0 0;font:.875rem/1.5 MONO}
mark{background:#ffd7d5;display:inline-block;width:100%}
.sb-lineno{color:#6e7781;user-select:none}
""".replace("MONO", MONO)


@functools.cache
def font_face() -> str:
    """The @font-face of the bundled monospace font (read once per process; empty if missing)."""
    try:
        data = base64.b64encode(MONO_FONT.read_bytes()).decode("ascii")
    except OSError:
        return ""
    return f'@font-face{{font-family:"SB Liberation Mono";src:url(data:font/woff2;base64,{data}) format("woff2")}}'


def error_page(problems: Sequence[Problem], site_root: Path, lang: str = "vi", title: str = "") -> bytes:
    """A whole HTML document listing `problems` (errors first, at most MAX_SHOWN), in `lang`."""
    shown = list(problems)[:MAX_SHOWN]
    sections = "\n".join(_section(p, site_root, lang) for p in shown)
    more = len(problems) - len(shown)
    tail = f"<p>{escape(ntext('serve.error-more', more, lang))}</p>" if more > 0 else ""
    heading = escape(title or text("serve.error-heading", lang))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(text('serve.error-title', lang))}</title>\n<style>{font_face()}{STYLE}</style>\n</head>\n"
        f'<body>\n<main class="sb-error" role="alert">\n<h1>{heading}</h1>\n'
        f"<p>{escape(text('serve.error-advice', lang))}</p>\n"
        f"{sections}\n{tail}\n</main>\n</body>\n</html>\n"
    ).encode()


def _section(problem: Problem, site_root: Path, lang: str) -> str:
    excerpt = _excerpt(site_root, problem.loc.path, problem.loc.line)
    return (
        f'<section class="sb-problem">\n<h2><code>{escape(str(problem.loc))}</code></h2>\n'
        f"<p>{escape(problem.message(lang))}</p>\n{excerpt}</section>"
    )


def _excerpt(site_root: Path, rel: str, line: int | None) -> str:
    """The lines around `line` of the site file `rel`, numbered, the line itself marked."""
    rows = []
    for number, source, marked in excerpt_rows(site_root, rel, line):
        text = f'<span class="sb-lineno">{number:>4} │ </span>{escape(source)}'
        rows.append(f"<mark>{text}</mark>" if marked else text)
    return "<pre>" + "\n".join(rows) + "</pre>\n" if rows else ""


def excerpt_rows(site_root: Path, rel: str, line: int | None) -> list[tuple[int, str, bool]]:
    """(number, text, is the line itself) for the lines around `line` of the site file `rel`;
    the error page and the control panel show them."""
    lines = read_lines(site_root, rel)
    if not lines or line is None or not 1 <= line <= len(lines) + 1:
        return []
    first = max(1, line - CONTEXT_LINES)
    last = min(len(lines), line + CONTEXT_LINES)
    return [(number, lines[number - 1], number == line) for number in range(first, last + 1)]


def read_lines(site_root: Path, rel: str) -> list[str]:
    """A site file's lines, or nothing when it is outside the site, missing or huge."""
    root = site_root.resolve()
    path = (root / rel).resolve()
    try:
        if not path.is_relative_to(root) or not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return []
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
