"""One control-panel action, run in a process of its own.

    python -m site_builder.serve.worker check|build|pdf SITE PARENT_PID [PDF_FOLDER]

A process, not a thread of the preview: a build or a PDF takes seconds to
minutes of CPU and memory, and the preview keeps answering meanwhile; the
build's worker pool is made in this process's main thread (see workers.py);
the process dies with the preview (`die_with_parent`) and the preview ends it
when it stops. It prints JSON lines on stdout, nothing else: `{"progress": "…"}`
while it works (the build's own progress lines), then `{"result": {…}}`.

- `check` is `site-builder check --print`: the problems and the pre-print checklist;
- `build` is `site-builder build`: the same `build_site` call with the same
  defaults, staged and swapped into the site's output/, the same summary line;
- `pdf` makes every book `build` prints from the current content, prepared as
  `build` prepares them (build.prepare_render) and with the render core's PDF maker
  (output/artifacts.py), into the folder PDF_FOLDER (the panel's own, in the
  preview; output/ is only ever changed by a build).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from site_builder.build import BuildOptions, build_site, check_for_print, prepare_render
from site_builder.catalogue import ntext, text
from site_builder.problems import Problem, Problems, RenderError, SiteError
from site_builder.serve.errorpage import excerpt_rows
from site_builder.sources.language import site_language
from site_builder.summary import (
    build_done,
    check_line,
    failure_line,
    for_print,
    has_previous_output,
    print_line,
    print_ready,
)
from site_builder.workers import die_with_parent

Say = Callable[[str], None]
Result = dict[str, Any]

OUTPUT_URL = "/_sb/output/"  # where the preview serves the site's output/ (serve/panel.py)
MAX_PROBLEMS = 200  # listed in the panel; the count of the others is given
TEXT_SUFFIXES = frozenset({".md", ".markdown", ".yaml", ".yml", ".html", ".htm", ".css", ".csv", ".txt", ".po"})
SEVERITY = {"error": "panel.severity-error", "warning": "panel.severity-warning"}


def problem_json(problem: Problem, site_root: Path, lang: str) -> Result:
    """A problem as the panel shows it: where, how bad, the message and the lines around it."""
    loc = problem.loc
    readable = loc.sheet is None and Path(loc.path).suffix.lower() in TEXT_SUFFIXES
    rows = excerpt_rows(site_root, loc.path, loc.line) if readable else []
    return {
        "where": str(loc),
        "severity": problem.severity,
        "label": text(SEVERITY[problem.severity], lang),
        "message": problem.message(lang),
        "excerpt": [[number, line, marked] for number, line, marked in rows],
    }


def problems_json(problems: Sequence[Problem], site_root: Path, lang: str) -> Result:
    shown = list(problems)[:MAX_PROBLEMS]
    more = len(problems) - len(shown)
    return {
        "problems": [problem_json(p, site_root, lang) for p in shown],
        "more": ntext("panel.more", more, lang) if more else "",
    }


def run_check(site_root: Path, lang: str, say: Say, _target: Path | None) -> Result:
    """`check --print`: every problem, then what is left before printing."""
    problems, items = check_for_print(site_root)
    shown = for_print(problems)
    checklist = None if items is None else problems_json(items, site_root, lang)
    return {
        "ok": not problems.has_errors(),
        "summary": check_line(problems, lang),
        **problems_json(shown.sorted(), site_root, lang),
        "checklist": checklist,
        "print_summary": print_line(shown, items, lang),
        "print_ready": print_ready(shown, items),
    }


def run_build(site_root: Path, lang: str, say: Say, _target: Path | None) -> Result:
    """`site-builder build`, as the command line runs it."""
    options = BuildOptions(site_root)
    kept = has_previous_output(options.output_dir)
    try:
        report = build_site(options, say)
    except SiteError as exc:
        return failed(failure_line("content-errors", lang, kept, exc.problems), exc.problems, site_root, lang)
    except RenderError as exc:
        return failed(failure_line("render-failed", lang, kept), exc.problems, site_root, lang)
    pdfs = sorted(p.name for p in options.output_dir.glob("*.pdf") if p.is_file())
    links = [{"href": OUTPUT_URL, "label": text("panel.link-site", lang)}]
    links += [{"href": OUTPUT_URL + name, "label": text("panel.link-pdf", lang, name=name)} for name in pdfs]
    return {
        "ok": True,
        "summary": build_done(report, options.output_dir, lang),
        **problems_json(report.problems.sorted(), site_root, lang),
        "links": links,
    }


def run_pdf(site_root: Path, lang: str, say: Say, target: Path | None) -> Result:
    """Every book `build` prints, from the current content, prepared and made as `build` makes
    them (build.prepare_render, the render core's PDF maker), written into the folder `target`."""
    from site_builder.model.editions import editions_of
    from site_builder.output.artifacts import artifact
    from site_builder.output.theme_setup import theme_setup
    from site_builder.rendered import RenderedFile

    assert target is not None
    problems = Problems()
    names, pages = [], 0
    try:
        loaded, cache, request = prepare_render(BuildOptions(site_root), problems, say)
        setup = theme_setup(site_root, loaded.model.site, problems, None, cache.templates, request.user_cache)
        for edition in editions_of(loaded.model):
            name = "pdf" if edition.main else f"pdf:{edition.stem}"
            file, made = artifact(name, loaded, request, setup, problems, progress=say)
            assert isinstance(file, RenderedFile)  # nothing kept: a new render
            (target / file.out_path).write_bytes(file.data)
            names.append(file.out_path)
            pages += made.count
    except (SiteError, RenderError):
        return failed(text("serve.pdf-failed", lang), problems, site_root, lang)
    return {
        "ok": True,
        "summary": text("progress.pdf-pages", lang, count=pages),
        **problems_json(problems.sorted(), site_root, lang),
        "out_paths": names,
    }


def failed(summary: str, problems: Problems, site_root: Path, lang: str) -> Result:
    return {"ok": False, "summary": summary, **problems_json(problems.sorted(), site_root, lang)}


ACTIONS: dict[str, Callable[[Path, str, Say, Path | None], Result]] = {
    "check": run_check,
    "build": run_build,
    "pdf": run_pdf,
}


def run(kind: str, site_root: Path, target: Path | None, send: Callable[[Result], None]) -> None:
    """Run one action, sending its progress lines and then its result; never raises."""
    lang = site_language(site_root)
    try:
        result = ACTIONS[kind](site_root, lang, lambda line: send({"progress": line}), target)
    except Exception as exc:  # noqa: BLE001 - the panel shows it, never a traceback
        detail = f"{type(exc).__name__}: {exc}"
        kept = has_previous_output(site_root / "output")
        result = {"ok": False, "summary": failure_line("internal", lang, kept, detail=detail), "problems": []}
    send({"result": result})


def claim_stdout() -> IO[str]:
    """Our own handle on stdout for the JSON lines; whatever else writes to stdout goes to stderr."""
    handle = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    return handle


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    kind, site_root, parent = args[0], Path(args[1]).resolve(), int(args[2])
    target = Path(args[3]) if len(args) > 3 else None
    die_with_parent(parent)
    out = claim_stdout()

    def send(message: Result) -> None:
        out.write(json.dumps(message, ensure_ascii=False) + "\n")
        out.flush()

    run(kind, site_root, target, send)
    return 0


if __name__ == "__main__":
    sys.exit(main())
