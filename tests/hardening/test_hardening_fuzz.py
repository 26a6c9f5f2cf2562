"""Case 9: a fuzzed loader. Arbitrary bytes and arbitrary YAML for every record kind give a
model or problems with a path (and a line where the input has lines), never an exception.

Runs in memory: `record_from_bytes` is the same decode + parse path `read_sources` uses.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.model import schemas
from site_builder.model.checks import check_model
from site_builder.model.fields import field_specs
from site_builder.model.load import load_model
from site_builder.problems import Problems
from site_builder.sources.discover import SourceSet, record_from_bytes

SITE_YAML = 'title: "Kỷ yếu"\norganization: "Đảng bộ Khối"\n'
TERM_MD = "---\ntitle: Nhiệm kỳ\nstart: 2020-08-14\nend: 2025-08-20\n---\nThân bài.\n"
YEAR_MD = "---\ntitle: Năm 2021\n---\nNăm.\n"

PATHS = {
    "site": "content/site.yaml",
    "glossary": "content/glossary.yaml",
    "term": "content/terms/2020-2025/term.md",
    "term-targets": "content/terms/2020-2025/targets.yaml",
    "term-awards": "content/terms/2020-2025/awards.yaml",
    "year": "content/years/2021/year.md",
    "year-targets": "content/years/2021/targets.yaml",
    "year-awards": "content/years/2021/awards.yaml",
    "conference": "content/years/2021/conferences/2021-01-14-hoi-nghi.md",
    "page": "content/pages/gioi-thieu.md",
}
FIELDS = sorted(
    {
        spec.name
        for schema in (
            schemas.SiteFields,
            schemas.YearbookFields,
            schemas.TermFields,
            schemas.StatFields,
            schemas.PersonFields,
            schemas.TargetFields,
            schemas.AwardFields,
            schemas.ConferenceFields,
            schemas.PhotoFields,
            schemas.PageFields,
        )  # fmt: skip
        for spec in field_specs(schema)
    }
    | {"limits", "max_file_kb", "max_records", "max_image_kb", "max_image_pixels"}
)
# Problems that concern a whole file (or the site) and so carry no line.
WHOLE_FILE = {"text.not-nfc", "field.expected-mapping", "file.too-big", "site.no-terms", "limit.records",
              "term.missing-summary", "yearbook.unknown-term", "limit.not-positive", "media.unused"}  # fmt: skip
EXAMPLES = 600
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)

tricky = st.sampled_from(
    ["no", "yes", "~", "null", "", " ", "2019-08-02", "2021-02-30", "1e3", "0o17", "0x1F", "10:30", "0123", "1.035",
     "57,5", "-5", "99999999999999999999", "NaN", ".inf", "Đ", "ĐV", "%", "at_most", "so-ket", "collective",
     "../../etc/passwd", "/etc/passwd", "https://x.vn/a.jpg", "<script>alert(1)</script>", "a\u0301", "\u200b",
     "2020-2025", "A4", "vi"]
)  # fmt: skip
scalars = st.one_of(tricky, st.text(max_size=20), st.integers(), st.floats(allow_nan=False), st.booleans(), st.none())
keys = st.one_of(st.sampled_from(FIELDS), st.text(min_size=1, max_size=12))
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=8)),
    max_leaves=30,
)
kinds = st.sampled_from(sorted(PATHS))


def base_records(kind: str, problems: Problems) -> list:
    base = {"site": SITE_YAML, "term": TERM_MD, "year": YEAR_MD}
    return [record_from_bytes(text.encode(), PATHS[name], problems) for name, text in base.items() if name != kind]


def load_one(kind: str, data: bytes) -> tuple[object, Problems]:
    """Load a site made of valid base records plus `data` as the record of `kind`."""
    problems = Problems()
    records = [*base_records(kind, problems), record_from_bytes(data, PATHS[kind], problems)]
    sources = SourceSet(Path("/nonexistent-site"), tuple(r for r in records if r is not None), frozenset())
    model = load_model(sources, problems)
    if model is not None:
        check_model(model, sources.media, problems)
    return model, problems


def assert_reported_properly(kind: str, data: bytes, model: object, problems: Problems) -> None:
    for problem in problems:
        assert problem.loc.path, problem
        problem.format("vi"), problem.format("en")  # every message renders in both languages
        if problem.loc.path == PATHS[kind] and problem.severity == "error" and b"\n" in data:
            assert problem.loc.line is not None or problem.code in WHOLE_FILE, problem
    if model is None:
        assert problems.errors, "no model and no error"


def as_document(kind: str, value: object) -> bytes:
    text = yaml.safe_dump(value, allow_unicode=True, sort_keys=False)
    if PATHS[kind].endswith(".md"):
        text = f"---\n{text}---\nThân bài có ĐV và ![ảnh](a.jpg).\n"
    return text.encode()


@FUZZ
@given(kind=kinds, data=st.binary(max_size=600))
def test_arbitrary_bytes_never_crash_the_loader(kind, data):
    model, problems = load_one(kind, data)
    assert_reported_properly(kind, data, model, problems)


@FUZZ
@given(kind=kinds, data=st.binary(max_size=400))
def test_arbitrary_bytes_after_front_matter_opening_never_crash(kind, data):
    data = b"---\ntitle: " + data
    model, problems = load_one(kind, data)
    assert_reported_properly(kind, data, model, problems)


@FUZZ
@given(kind=kinds, value=structures)
def test_arbitrary_yaml_structures_never_crash_the_loader(kind, value):
    data = as_document(kind, value)
    model, problems = load_one(kind, data)
    assert_reported_properly(kind, data, model, problems)


@FUZZ
@given(kind=kinds, value=st.lists(st.dictionaries(st.sampled_from(FIELDS), scalars, max_size=10), max_size=4))
def test_lists_of_records_with_known_field_names_never_crash(kind, value):
    data = as_document(kind, value if "targets" in kind or "awards" in kind else (value[0] if value else {}))
    model, problems = load_one(kind, data)
    assert_reported_properly(kind, data, model, problems)


@FUZZ
@given(kind=kinds, text=st.text(max_size=300))
def test_arbitrary_text_never_crashes_the_loader(kind, text):
    data = text.encode("utf-8", errors="surrogatepass")
    model, problems = load_one(kind, data)
    assert_reported_properly(kind, data, model, problems)
