"""Round two: a fuzzed Markdown body. Quotes, lists, headings, tables, code and raw HTML (allowed,
forbidden, unclosed, stray), nested in any order and sometimes a hundred levels deep:

* `check` never fails with an internal error (it returns problems);
* whatever `check` accepts, `build` renders, HTML and PDF.

One small site is rewritten per example (the fuzzed body is the term's, which the yearbook prints);
the build runs in-process.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from site_builder.build import BuildOptions, build_site, check_site
from tests.conftest import BASE_FILES, make_site

TERM = "content/terms/2020-2025/term.md"
FRONT = "---\ntitle: Nhiệm kỳ\nstart: 2020-08-14\nend: 2025-08-20\n---\n"
DEFAULT_RECURSION_LIMIT = 1000  # CPython's, as `site-builder` runs
CHECK_EXAMPLES, BUILD_EXAMPLES = 100, 20
FUZZ = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], database=None)

words = st.sampled_from(
    ["Đảng viên", "BCH", "chi bộ", "x", "*nhấn*", "**đậm**", "`mã`", "[liên kết](../../pages/khong-co.md)", "a < b & c",
     "&amp;", "&#0;", "<", ">", "|", "\\", "1.", "-", "#", "<br>", "</div>", "<p>", "ĐV"]
)  # fmt: skip
text = st.lists(st.one_of(words, st.text(alphabet="aăâbcdđeêxyzĐ <>&*_`|#-", max_size=12)), min_size=1, max_size=6)
leaf = text.map(" ".join)
TAGS = ["div", "span", "p", "blockquote", "ul", "li", "ol", "table", "tr", "td", "strong", "em", "sup", "details",
        "script", "iframe", "style", "font", "svg", "b", "center"]  # fmt: skip
ATTRS = ["", ' class="x"', ' onclick="alert(1)"', ' style="color:red"', ' href="javascript:alert(1)"', ' title="<>"']


def indent(body: str, prefix: str, first: str | None = None) -> str:
    lines = body.split("\n")
    return "\n".join([(first if first is not None else prefix) + lines[0], *(prefix + line for line in lines[1:])])


def html(tag: str, attrs: str, closed: bool) -> Callable[[str], str]:
    return lambda body: f"<{tag}{attrs}>{body}" + (f"</{tag}>" if closed else "")


WRAPPERS = [
    lambda b: indent(b, "> "),  # quote
    lambda b: "- mục\n" + indent(b, "    "),  # list item holding the rest
    lambda b: "1. mục\n" + indent(b, "    "),  # numbered item holding the rest
    lambda b: "## " + b.replace("\n", " "),  # heading
    lambda b: f"| {b.replace(chr(10), ' ')} | x |\n|---|---|\n| a | b |",  # table
    lambda b: f"```\n{b}\n```",  # code
]
wrappers = st.one_of(
    st.sampled_from(WRAPPERS), st.builds(html, st.sampled_from(TAGS), st.sampled_from(ATTRS), st.booleans())
)
times = st.one_of(st.just(1), st.integers(2, 6), st.integers(10, 60))


def apply(body: str, wrapper: Callable[[str], str], count: int) -> str:
    for _ in range(count):
        body = wrapper(body)
    return body


nested = st.recursive(
    leaf,
    lambda inner: st.one_of(
        st.builds(apply, inner, wrappers, times), st.lists(inner, min_size=2, max_size=4).map("\n\n".join)
    ),
    max_leaves=6,
)
# Half the bodies are one construct repeated far beyond any limit around a nested body.
bodies = st.one_of(nested, st.builds(apply, nested, wrappers, st.integers(100, 400)))


@contextmanager
def real_recursion_limit() -> Iterator[None]:
    """Hypothesis runs tests with the recursion limit raised (to ~2000), which would hide exactly the
    RecursionErrors this fuzzes for: run the code under test with the interpreter's default."""
    raised = sys.getrecursionlimit()
    sys.setrecursionlimit(DEFAULT_RECURSION_LIMIT)
    try:
        yield
    finally:
        sys.setrecursionlimit(raised)


@contextmanager
def one_site() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield make_site(Path(folder), dict(BASE_FILES))


def write_body(site: Path, body: str) -> None:
    (site / TERM).write_text(f"{FRONT}{body}\n", encoding="utf-8")


def test_check_never_fails_with_an_internal_error_on_any_body():
    with one_site() as site:

        @settings(max_examples=CHECK_EXAMPLES, **FUZZ)
        @given(bodies)
        @example("".join(" " * 4 * level + "- mục\n" for level in range(300)))  # was: RecursionError, exit 3
        def check(body: str) -> None:
            write_body(site, body)
            with real_recursion_limit():
                problems = check_site(site)  # an exception here is what the CLI reports as an internal error
            assert all(p.loc.path for p in problems)

        check()


def test_whatever_check_accepts_builds_with_its_pdf():
    with one_site() as site:

        @settings(max_examples=BUILD_EXAMPLES, **FUZZ)
        @given(bodies)
        @example("> " * 250 + "x")  # was: accepted by check, RecursionError in the PDF
        @example("<div>" * 3000 + "x")
        @example("Mã `<b>` và\n\n```\nkhối mã\n```")  # was: accepted by check, a system font in the PDF (exit 3)
        @example("## Tiêu đề *nghiêng*\n\n_`<`_")  # was: no bundled sans italic, a system font (exit 3)
        def accepted_builds(body: str) -> None:
            write_body(site, body)
            with real_recursion_limit():
                if check_site(site).has_errors():
                    return
                report = build_site(BuildOptions(site, pdf=True, use_cache=False, jobs=1))
            assert report.pdf_pages > 0 and not report.problems.has_errors()

        accepted_builds()


def test_characters_the_fonts_lack_are_found_by_check_at_their_line(tmp_path):
    """Found by the fuzzer: `&#0;` (printed as U+FFFD), emoji and CJK passed check, then the PDF
    fell back to a system font and the build failed (exit 3)."""
    site = make_site(tmp_path, {**BASE_FILES, TERM: f"{FRONT}Mở đầu.\n\nChào 😀 và &#0; cùng 漢.\n"})
    found = [(p.code, p.loc.line, dict(p.params)["code"]) for p in check_site(site).errors]
    assert found == [("text.unprintable", 8, "U+1F600"), ("text.unprintable", 6, "U+FFFD"),
                     ("text.unprintable", 8, "U+6F22")]  # fmt: skip
