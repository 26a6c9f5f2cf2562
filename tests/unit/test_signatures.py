"""What a page depends on, derived from what it is given (output/signatures.py, render/template_deps.py).

Signatures are computed for two plans of a model, before and after a change; a
page must be rendered again exactly when its signature differs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys

import jinja2
from markupsafe import Markup

from site_builder.build import load_site
from site_builder.output.signatures import Digester, page_signatures, seed_records, value_signature
from site_builder.pages.plan import PageSpec, common_context, plan_pages
from site_builder.problems import Problems
from site_builder.render.environment import make_environment
from site_builder.render.template_deps import TemplateDeps
from site_builder.sources.themes import resolve_theme
from tests.conftest import ROOT
from tests.factories import bodies_for, make_conference, make_model, make_term, make_year

TEMPLATES = {
    "base.html": "<title>{{ site.title }}</title>{% block content %}{% endblock %}",
    "conference.html": '{% extends "base.html" %}{% block content %}{{ conference.title }}{% endblock %}',
    "year.html": '{% extends "base.html" %}{% block content %}{% include "list.html" %}{% endblock %}',
    "list.html": "{% for c in conferences %}{{ c.title }}{% endfor %}",
    "model.html": "{{ model.conferences|length }}",
    "dynamic.html": '{% include "parts/" ~ name %}',
    "parts/a.html": "a",
}


def environment(templates: dict[str, str] = TEMPLATES) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader(templates), autoescape=True)


def model_of(*conferences, term=None):
    years = {}
    for c in conferences:
        years.setdefault(c.year, []).append(c)
    made = [make_year(y, cs) for y, cs in sorted(years.items())]
    return make_model(terms=[term or make_term()], years=made)


def conference(title: str, day: int, year: int = 2019, **fields):
    made = make_conference(title, dt.date(year, 8, day), slug=f"hoi-nghi-{year}-{day}")
    return dataclasses.replace(made, **fields) if fields else made


def builtin_theme() -> jinja2.Environment:
    return make_environment(resolve_theme(ROOT / "tests", "default", Problems()), "vi")


def signatures(model, templates: dict[str, str] | None = None, plan=None) -> dict[str, str]:
    """Signatures of `plan` (default: the model's pages) with `templates` (default: the built-in theme)."""
    specs = plan or plan_pages(model, bodies_for(model), Problems())
    env = environment(templates) if templates is not None else builtin_theme()
    return page_signatures(specs, common_context(model), TemplateDeps(env), "env")


def differ(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


def test_an_unchanged_model_gives_the_same_signatures() -> None:
    a = model_of(conference("A", 1), conference("B", 2), conference("C", 3, 2020))
    b = model_of(conference("A", 1), conference("B", 2), conference("C", 3, 2020))
    assert signatures(a) == signatures(b)


def test_an_edited_conference_changes_the_pages_that_show_it_and_no_other() -> None:
    before = signatures(model_of(conference("A", 1), conference("B", 2), conference("C", 3), conference("D", 1, 2020)))
    after = signatures(model_of(conference("A", 1), conference("B*", 2), conference("C", 3), conference("D", 1, 2020)))
    changed = differ(before, after)
    assert "nam/2019/hoi-nghi-2019-2/index.html" in changed  # its own page
    assert {"nam/2019/hoi-nghi-2019-1/index.html", "nam/2019/hoi-nghi-2019-3/index.html"} <= changed  # neighbours
    assert {"nam/2019/index.html", "nam/index.html", "index.html"} <= changed  # listings
    assert "nam/2020/hoi-nghi-2020-1/index.html" not in changed  # not a neighbour, shows nothing of it
    assert "thuat-ngu/index.html" not in changed and "404.html" not in changed


def test_a_derived_figure_without_a_file_of_its_own_counts() -> None:
    """A term's conference count comes from conference files the term page does not name."""
    term = make_term()
    plain = model_of(conference("A", 1), term=term)
    counted = model_of(conference("A", 1), term=dataclasses.replace(term, conference_count=99))
    assert "nhiem-ky/2015-2020/index.html" in differ(signatures(plain), signatures(counted))


def test_a_new_context_value_counts_without_being_declared() -> None:
    model = model_of(conference("A", 1))
    templates = {**TEMPLATES, "conference.html": "{{ conference.title }}{{ extra }}"}
    spec = next(s for s in plan_pages(model, {}, Problems()) if s.template == "conference.html")
    with_extra = dataclasses.replace(spec, context={**spec.context, "extra": ("một", "giá trị")})
    other = dataclasses.replace(spec, context={**spec.context, "extra": ("giá trị", "khác")})
    assert signatures(model, templates, [with_extra]) != signatures(model, templates, [other])


def test_a_context_value_no_template_reads_does_not_count() -> None:
    """conference.html reads `conference`, never `year`: another conference of its year does not touch it."""
    a, b = conference("A", 1), conference("B", 2)
    before = signatures(model_of(a, b), plan=None)
    after = signatures(model_of(a, dataclasses.replace(b, tags=("mới",))))
    assert "nam/2019/hoi-nghi-2019-1/index.html" in differ(before, after)  # b is its next conference
    far = signatures(model_of(a, b, conference("C", 3), conference("D", 4)))
    far_after = signatures(model_of(a, b, conference("C", 3), conference("D*", 4)))
    assert "nam/2019/hoi-nghi-2019-1/index.html" not in differ(far, far_after)


def test_bodies_count_by_their_rendered_html() -> None:
    model = model_of(conference("A", 1))
    spec = next(s for s in plan_pages(model, {}, Problems()) if s.template == "conference.html")
    templates = {**TEMPLATES, "conference.html": "{{ body }}"}
    one = dataclasses.replace(spec, context={**spec.context, "body": Markup('<a href="/nam/2019/">x</a>')})
    two = dataclasses.replace(spec, context={**spec.context, "body": Markup('<a href="/nam/2020/">x</a>')})
    assert signatures(model, templates, [one]) != signatures(model, templates, [two])


def test_a_template_counts_with_everything_it_extends_and_includes() -> None:
    model = model_of(conference("A", 1))
    before = signatures(model, TEMPLATES)
    after = signatures(model, {**TEMPLATES, "list.html": "{% for c in conferences %}<b>{{ c.title }}</b>{% endfor %}"})
    changed = differ(before, after)
    assert "nam/2019/index.html" in changed  # year.html includes list.html
    assert "nam/2019/hoi-nghi-2019-1/index.html" not in changed
    base = differ(before, signatures(model, {**TEMPLATES, "base.html": "<h1>{{ site.title }}</h1>"}))
    assert {"nam/2019/index.html", "nam/2019/hoi-nghi-2019-1/index.html"} <= base


def test_template_closures_and_the_names_they_read() -> None:
    deps = TemplateDeps(environment())
    assert deps.closure("year.html") == {"year.html", "base.html", "list.html"}
    assert deps.variables("year.html") >= {"site", "conferences"}
    assert "year" not in deps.variables("year.html")
    assert deps.closure("dynamic.html") is None and deps.variables("dynamic.html") is None
    assert deps.signature("dynamic.html") == deps.everything()


def test_a_template_reading_the_model_depends_on_all_of_it() -> None:
    a = model_of(conference("A", 1), conference("B", 1, 2020))
    b = model_of(conference("A", 1), conference("B*", 1, 2020))
    spec = PageSpec("/m/", "m/index.html", "model.html", {})
    assert signatures(a, TEMPLATES, [spec]) != signatures(b, TEMPLATES, [spec])
    plain = PageSpec("/p/", "p/index.html", "conference.html", {"conference": a.conferences[0]})
    assert signatures(a, TEMPLATES, [plain]) == signatures(b, TEMPLATES, [plain])


def test_a_filter_handed_the_context_makes_every_name_count_unless_it_says_what_it_reads() -> None:
    env = environment()
    env.filters["peek"] = jinja2.pass_context(lambda context, value: value)
    assert TemplateDeps(env).variables("conference.html") is None
    env.filters["peek"].reads_context = ("abbreviations",)
    assert "abbreviations" in TemplateDeps(env).variables("conference.html")


def test_values_that_cannot_be_digested_never_match() -> None:
    digester = Digester()
    assert digester.of(lambda: 1) != Digester().of(lambda: 1)
    assert value_signature((1, "a")) == value_signature((1, "a"))


def test_digests_do_not_depend_on_the_process() -> None:
    """Hash randomisation differs between processes; signatures must not."""
    code = (
        "from tests.unit.test_signatures import model_of, conference, signatures\n"
        "from tests.factories import make_person\n"
        "import dataclasses\n"
        "c = dataclasses.replace(conference('A', 1), attendees=(make_person(), make_person('Lê Văn B')))\n"
        "print(sorted(signatures(model_of(c, conference('B', 2, 2020))).items()))"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env={"PYTHONHASHSEED": seed}, capture_output=True, text=True
        )
        for seed in ("1", "2")
    ]
    assert runs[0].returncode == 0, runs[0].stderr
    assert runs[0].stdout == runs[1].stdout


def test_template_analyses_are_kept_by_content_and_reused() -> None:
    known: dict = {}
    first = TemplateDeps(environment(), known)
    assert first.closure("year.html") == {"year.html", "base.html", "list.html"}
    assert known and all(isinstance(v, list) for v in known.values())
    env = environment()

    def no_parsing(*_args, **_kwargs):
        raise AssertionError("parsed although known")

    env.parse = no_parsing  # type: ignore[method-assign]
    again = TemplateDeps(env, known)
    assert again.closure("year.html") == first.closure("year.html")
    assert again.variables("year.html") == first.variables("year.html")
    edited = TemplateDeps(environment({**TEMPLATES, "list.html": "{{ other }}"}), known)
    assert "other" in edited.variables("year.html")  # another source, analysed afresh


def test_equal_values_digest_alike_whoever_shares_what() -> None:
    """A record read from the cache shares fewer strings than one just parsed: same digest."""
    word = "".join(["WE", "BP"])
    shared = (("WEBP", 480), ("WEBP", 800))
    separate = ((word, 480), ("".join(["W", "EBP"]), 800))
    assert shared[0][0] is shared[1][0] and separate[0][0] is not separate[1][0]
    assert Digester().of(shared) == Digester().of(separate)


def test_seeded_records_are_signed_by_their_file_token() -> None:
    """A conference or free page stands for its file's content hash: the same token gives the same
    signature whatever the value's pickle, another token another one."""
    loaded = load_site(ROOT, Problems())
    assert loaded is not None
    model = loaded.model
    tokens = {r.path: "hash" for r in (*model.conferences, *model.pages)}
    first, second, other = Digester(), Digester(), Digester()
    seed_records(first, model, tokens)
    seed_records(second, model, dict(tokens))
    seed_records(other, model, {**tokens, model.conferences[0].path: "another hash"})
    conference, page = model.conferences[0], model.pages[0]
    assert first.of(conference) == second.of(conference) != other.of(conference)
    assert first.of(page) == other.of(page) != Digester().of(page)
    year = next(y for y in model.years if conference in y.conferences)
    assert first.of(year) == second.of(year) != other.of(year)  # a year holding it changes with it


def test_the_people_index_counts_by_its_value_so_an_edit_that_names_nobody_new_keeps_its_page():
    loaded = load_site(ROOT, Problems())
    assert loaded is not None
    model = loaded.model
    assert model.people  # the demo names people
    tokens = {r.path: "hash" for r in (*model.conferences, *model.pages)}
    first, edited = Digester(), Digester()
    seed_records(first, model, tokens)
    seed_records(edited, model, {**tokens, model.conferences[0].path: "another hash"})
    assert first.of(model.people) == edited.of(model.people)
    renamed = dataclasses.replace(model.people[0], name="Người Khác")
    assert Digester().of((renamed, *model.people[1:])) != first.of(model.people)


def test_a_seeded_body_is_digested_by_its_seed_and_page_and_an_unseeded_one_by_its_html() -> None:
    """Loaded.body_seeds name what a body's HTML is made from: the seed, not the HTML, is digested."""
    from site_builder.pages.plan import PageBody

    seeds = {"content/a.md": "seed 1"}
    body = PageBody("<p>a</p>", "/a/", "content/a.md")
    assert Digester(seeds).of(body) == Digester(seeds).of(PageBody("<p>other</p>", "/a/", "content/a.md"))
    assert Digester(seeds).of(body) != Digester({"content/a.md": "seed 2"}).of(body)
    assert Digester(seeds).of(body) != Digester(seeds).of(PageBody("<p>a</p>", "/b/", "content/a.md"))
    assert Digester(seeds).of(body) != Digester().of(body)
    assert Digester().of(body) != Digester().of(PageBody("<p>other</p>", "/a/", "content/a.md"))


def test_a_loaded_site_seeds_its_bodies_alike_each_time() -> None:
    """Loading the demo site twice (read only) gives the same seeds, one per body that has HTML."""
    first = load_site(ROOT, Problems(), {}, 1)
    again = load_site(ROOT, Problems(), {}, 1)
    assert first is not None and again is not None
    assert first.body_seeds and first.body_seeds == again.body_seeds
    assert {path for path, html in first.bodies.items() if html} <= set(first.body_seeds) <= set(first.bodies)


def mentions_of(*rows):
    from site_builder.model.records import Mention

    return tuple(Mention("conference", path, title, role, day) for path, title, role, day in rows)


def test_a_person_is_digested_by_every_field_of_every_mention() -> None:
    """The people index is written column by column (dates as day numbers): any field of any
    mention counts, a date and no date differ, and equal values built apart digest alike."""
    from site_builder.model.records import PersonEntry

    rows = [("a.md", "Hội nghị A", "Bí thư", dt.date(2020, 1, 2)), ("b.md", "Hội nghị B", None, None)]

    def person(*changed_rows, name="Nguyễn Văn A", roles=("Bí thư",)):
        return PersonEntry(name, "nguyen van a", "nguyen-van-a", roles, mentions_of(*(changed_rows or rows)))

    base = Digester().of((person(),))
    built_apart = person(("".join(["a", ".md"]), "Hội nghị A", "Bí thư", dt.date(2020, 1, 2)), rows[1])
    assert Digester().of((built_apart,)) == base
    variants = [
        person(("a.md", "Hội nghị A", "Bí thư", dt.date(2020, 1, 3)), rows[1]),  # another day
        person(rows[0], ("b.md", "Hội nghị B", None, dt.date(2020, 1, 3))),  # a date where none was
        person(rows[0], ("b.md", "Hội nghị B", "Ủy viên", None)),
        person(("a.md", "Hội nghị C", "Bí thư", dt.date(2020, 1, 2)), rows[1]),
        person(rows[1], rows[0]),  # the order counts
        person(rows[0]),
        person(name="Nguyễn Văn B"),
        person(roles=()),
    ]
    digests = {Digester().of((v,)) for v in variants}
    assert base not in digests and len(digests) == len(variants)


def test_a_dataclass_is_digested_by_its_fields_and_its_type() -> None:
    from site_builder.pages.plan import Crumb, PdfLink

    assert Digester().of((Crumb("/a/", "A"),)) == Digester().of((Crumb("/a/", "".join(["", "A"])),))
    assert Digester().of((Crumb("/a/", "A"),)) != Digester().of((Crumb("/a/", "B"),))
    assert Digester().of(Crumb("/a/", "A", "", "")) != Digester().of(PdfLink("/a/", "A", ""))  # not of one type
    # A date column, and a text column holding what a day number would be, are told apart.
    days = mentions_of(("a.md", "A", None, dt.date(2020, 1, 1)))
    assert Digester().of(days) != Digester().of(mentions_of(("a.md", "A", None, None)))


def test_a_search_part_stands_for_its_conferences_bodies_by_their_seeds() -> None:
    """A part is signed by each body's seed (what its HTML is made from), not by its HTML; a body
    without a seed counts by its HTML."""
    from site_builder.output.search_job import index_parts

    loaded = load_site(ROOT, Problems(), {}, 1)
    assert loaded is not None
    path = next(c.path for c in loaded.model.conferences if not c.sample and loaded.bodies.get(c.path))
    other_html = dataclasses.replace(loaded, bodies={**loaded.bodies, path: "<p>other</p>"})
    other_seed = dataclasses.replace(loaded, body_seeds={**loaded.body_seeds, path: "another seed"})
    unseeded = {p: s for p, s in loaded.body_seeds.items() if p != path}

    def signatures(site):
        return [part.signature for part in index_parts(site, Digester(site.body_seeds))]

    assert signatures(other_html) == signatures(loaded) != signatures(other_seed)
    without = dataclasses.replace(loaded, body_seeds=unseeded)
    assert signatures(without) != signatures(dataclasses.replace(without, bodies=other_html.bodies))
