"""Render planned pages to HTML bytes; template mistakes become problems.

Every page gets `page_url` (its own URL), `link(url)` (a relative link from this
page that works on a server and from disk) and `canonical_url` (when the site
has a base_url). Template errors are reported with the template's file:line and
rendering carries on with the next page; nothing here raises for them.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass
from typing import Any

import jinja2

from site_builder.pages.plan import PageSpec
from site_builder.problems import Problem, Problems
from site_builder.render.page import render_page
from site_builder.rendered import RenderedFile
from site_builder.workers import worker_pool

PARALLEL_PAGES = 400  # below this, starting worker processes costs more than it saves
_CHUNKS_PER_WORKER = 8  # several chunks each, so one slow page (people, a big year) does not idle a core
_SHARED_OUT = 4  # smaller chunks when this process renders too: a worker waits for it less
_SERIAL_CHUNK = 64  # pages handed on at a time without workers


def render_pages(
    env: jinja2.Environment,
    specs: Sequence[PageSpec],
    common: Mapping[str, Any],
    problems: Problems,
    jobs: int = 1,
) -> list[RenderedFile]:
    """One RenderedFile per spec that rendered; problems for the others.

    With `jobs` > 1 and many pages, pages are rendered by forked worker processes
    in chunks; the result (files and problems, in spec order) is the same.
    """
    return [file for files, _ in iter_pages(env, specs, common, problems, jobs) for file in files]


# Runs where a chunk was rendered, with its files: returns the files to hand back (those it
# wrote itself need not travel back from a worker) and anything else to pass on.
# Out paths a chunk's extra step wrote itself (None: it wrote nothing, the caller writes the files).
Written = list[str] | None
Extra = Callable[[Sequence[PageSpec], list[RenderedFile]], tuple[list[RenderedFile], Written]]


@dataclass(frozen=True)
class TailTask:
    """Work that is not a page, done after every page is taken (the search index's parts): `run`
    where a process is free (inherited by forked workers, never pickled), its result given to
    `done` in this process. A task that fails is left to the caller, which does it again itself
    (and reports a failure as usual)."""

    run: Callable[[], object]
    done: Callable[[object], None]


Tail = Sequence[TailTask]


def iter_pages(
    env: jinja2.Environment,
    specs: Sequence[PageSpec],
    common: Mapping[str, Any],
    problems: Problems,
    jobs: int = 1,
    extra: Extra | None = None,
    tail: Tail = (),
) -> Iterator[tuple[list[RenderedFile], Written]]:
    """Render `specs` chunk by chunk, in order: (files, more) per chunk.

    A caller writes each chunk as it comes, so pages are never all held at once. `extra`
    runs where the chunk is rendered (a worker process, when there are many) and may write
    the files there; it returns (files, more). Problems are added once every chunk is out.
    With workers, the `tail` tasks are taken by whichever process runs out of pages first, so
    every core stays busy to the end; what they return goes to their `done`. Without workers
    they are not run: a task that did not hand its result over is done by the caller.
    """
    found = Problems()
    if jobs > 1 and len(specs) >= PARALLEL_PAGES and "fork" in multiprocessing.get_all_start_methods():
        chunks = _render_parallel(env, specs, common, found, jobs, extra, tail)
    else:
        chunks = _render_chunks(env, specs, common, found, extra)
    try:
        yield from chunks
    finally:
        problems.extend(merge_template_problems(found.items))


def _render_chunks(
    env: jinja2.Environment,
    specs: Sequence[PageSpec],
    common: Mapping[str, Any],
    problems: Problems,
    extra: Extra | None,
) -> Iterator[tuple[list[RenderedFile], Written]]:
    for start in range(0, len(specs), _SERIAL_CHUNK):
        chunk = specs[start : start + _SERIAL_CHUNK]
        files = _render_serial(env, chunk, common, problems)
        yield extra(chunk, files) if extra else (files, None)


def _render_serial(
    env: jinja2.Environment, specs: Sequence[PageSpec], common: Mapping[str, Any], problems: Problems
) -> list[RenderedFile]:
    rendered: list[RenderedFile] = []
    for spec in specs:
        html = render_page(env, spec, common, problems)
        if html is not None:
            rendered.append(RenderedFile(spec.out_path, html.encode("utf-8")))
    return rendered


def merge_template_problems(items: Sequence[Problem]) -> list[Problem]:
    """One problem per (template file, line, message), not one per page it broke.

    A mistake in base.html or a partial breaks every page; `render_page` tags each
    report with the page's address (`url`) and the bare message (`page_detail`), and
    here the reports of one mistake become one line naming the first page and how
    many others it broke. Other problems pass through, exact repeats dropped.
    """
    groups: dict[tuple[object, ...], list[Problem]] = {}
    for item in items:
        params = dict(item.params)
        if "url" in params and "page_detail" in params:
            key: tuple[object, ...] = ("page", item.severity, item.code, item.loc, params["page_detail"])
        else:
            key = ("same", item)
        groups.setdefault(key, []).append(item)
    merged: list[Problem] = []
    for key, group in groups.items():
        first = group[0]
        if key[0] == "same":
            merged.append(first)
            continue
        params = dict(first.params)
        detail, url = params["page_detail"], params["url"]
        if len(group) == 1:
            merged.append(Problem(first.severity, first.code, first.loc, (("detail", f"{detail} ({url})"),)))
        else:
            merged.append(
                Problem(
                    first.severity,
                    "template.error-pages",
                    first.loc,
                    (("detail", detail), ("url", url), ("others", len(group) - 1)),
                )
            )
    return merged


# Inputs of a parallel render, inherited by forked workers so that neither the
# model nor the templates are pickled; tasks carry only index ranges.
_SHARED: tuple[jinja2.Environment, Sequence[PageSpec], Mapping[str, Any], Extra | None, Tail] | None = None


def _render_parallel(
    env: jinja2.Environment,
    specs: Sequence[PageSpec],
    common: Mapping[str, Any],
    problems: Problems,
    jobs: int,
    extra: Extra | None,
    tail: Tail,
) -> Iterator[tuple[list[RenderedFile], Written]]:
    global _SHARED
    size = max(1, -(-len(specs) // (jobs * _CHUNKS_PER_WORKER * _SHARED_OUT)))
    # Counted from the end, so the last range is a whole one and holds all the pages made from the
    # whole site (planned last: see _heavy_first); the short one, if any, comes first.
    ranges = [(max(0, end - size), end) for end in range(len(specs), 0, -size)][::-1]
    _SHARED = (env, specs, common, extra, tail)
    # Frozen objects are never scanned by the collector, so the workers' collections do not
    # write into (and so copy) every page of the model they share with this process.
    gc.freeze()
    try:
        # This process renders chunks too, beside jobs - 1 workers: a page of the shared memory
        # that every process touches (reference counts) is then copied once less.
        with worker_pool(jobs - 1) as pool:  # forked: the workers inherit _SHARED, and die with the build
            for files, found, more in _share_out(pool, ranges, jobs - 1, tail):
                problems.extend(found)
                yield files, more
    finally:
        _SHARED = None
        gc.unfreeze()


Chunk = tuple[list[RenderedFile], list[Problem], Written]
Task = tuple[int, int]  # a range of pages (start, stop); a tail task is (its index, -1)


def _share_out(pool: Executor, ranges: list[Task], workers: int, tail: Tail) -> Iterator[Chunk]:
    """Each range rendered by a worker or here, whichever is free; handed on in spec order. The
    tail's tasks come after every range, taken the same way."""
    waiting = deque([*_heavy_first(ranges), *((i, -1) for i in range(len(tail)))])
    heavy = waiting[0] if ranges else None
    running: dict[Task, Future[Any]] = {}
    done: dict[Task, Chunk] = {}
    handed = 0
    while handed < len(ranges) or waiting or running:
        # Each worker has a range queued behind the one it renders, so it goes on while this process
        # finishes a range of its own (else it idles a third of the time). Never behind the heavy
        # range (the people index): every range rendered here meanwhile would wait, held here.
        queued = workers if heavy in running and not running[heavy].done() else 2 * workers
        while waiting and sum(1 for f in running.values() if not f.done()) < queued:
            task = waiting.popleft()
            running[task] = pool.submit(_run_task, task)
        if waiting:
            task = waiting.popleft()
            _finish(task, _run_task(task), done, tail)
        elif running and (handed == len(ranges) or ranges[handed] not in done):
            wait(running.values(), return_when=FIRST_COMPLETED)
        for task in [t for t, f in running.items() if f.done()]:
            _finish(task, running.pop(task).result(), done, tail)
        while handed < len(ranges) and ranges[handed] in done:
            yield done.pop(ranges[handed])
            handed += 1


def _finish(task: Task, result: Any, done: dict[Task, Chunk], tail: Tail) -> None:
    if task[1] >= 0:
        done[task] = result
    elif result[0]:
        tail[task[0]].done(result[1])


def _run_task(task: Task) -> Any:
    if task[1] >= 0:
        return _render_range(task)
    assert _SHARED is not None, "worker started without the shared inputs"
    try:
        return True, _SHARED[4][task[0]].run()
    except Exception:  # noqa: BLE001 - the caller does the task again, where a failure is reported
        return False, None


def _heavy_first(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The last chunk first: the pages made from the whole site (targets, awards, the people index:
    10 MB of HTML at 10,000 conferences) are planned last, and rendered while the workers are
    still small they do not add their working memory to what the workers have copied of this
    process's memory by the end (the peak of a large build), and they never keep a core busy
    alone at the end."""
    return [*ranges[-1:], *ranges[:-1]]


def _render_range(bounds: tuple[int, int]) -> Chunk:
    assert _SHARED is not None, "worker started without the shared inputs"
    env, specs, common, extra, _tail = _SHARED
    problems = Problems()
    chunk = specs[bounds[0] : bounds[1]]
    files, more = _render_serial(env, chunk, common, problems), None
    if extra:
        files, more = extra(chunk, files)
    return files, problems.items, more
