"""The floor of our stack: a bare single-process loop of PyYAML + Python-Markdown + Jinja2.

What a naive generator does with the same records, and nothing more: read every
YAML file with `yaml.safe_load`, split each Markdown record's front matter,
render its body with Python-Markdown (the extensions site-builder uses, one
renderer reused), fill a small Jinja2 layout and write one page per record,
plus one index page per year. No validation, sanitising, cross-links, people
index, caching or parallelism. bench/run.py times it next to site-builder:

    python bench/floor.py SITE_DIR OUTPUT_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import markdown
import yaml
from markupsafe import Markup

LAYOUT = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ title }} · {{ site.title }}</title>
<link rel="stylesheet" href="/static/site.css"></head>
<body><header><p>{{ site.organization }}</p>
<nav><ul>{% for label, url in nav %}<li><a href="{{ url }}">{{ label }}</a></li>{% endfor %}</ul></nav></header>
<main>{% block main %}{% endblock %}</main><footer>{{ site.title }}</footer></body></html>
"""
RECORD = """{% extends "layout.html" %}{% block main %}
<article><h1>{{ title }}</h1>
{% if meta.date %}<p><time datetime="{{ meta.date }}">{{ meta.date }}</time>
{% if meta.host %} · {{ meta.host }}{% endif %}</p>{% endif %}
{% if meta.attendees %}<ul class="attendees">
{% for p in meta.attendees %}<li>{{ p.name }}, {{ p.role }}</li>{% endfor %}</ul>{% endif %}
<div class="prose">{{ body }}</div>
{% if meta.tags %}<p>{% for t in meta.tags %}<span class="tag">{{ t }}</span> {% endfor %}</p>{% endif %}
</article>{% endblock %}
"""
YEAR = """{% extends "layout.html" %}{% block main %}
<h1>{{ title }}</h1>
<table>{% for t in targets %}
<tr><td>{{ t.name }}</td><td>{{ t.target }}</td><td>{{ t.actual }}</td></tr>{% endfor %}</table>
<ul>{% for a in awards %}<li>{{ a.title }} — {{ a.issuer }}</li>{% endfor %}</ul>
<ol>{% for c in conferences %}<li><a href="{{ c.url }}">{{ c.title }}</a> ({{ c.date }})</li>{% endfor %}</ol>
{% endblock %}
"""


def split(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def build(site: Path, out: Path) -> int:
    content = site / "content"
    info = yaml.safe_load((content / "site.yaml").read_text(encoding="utf-8"))
    glossary = yaml.safe_load((content / "glossary.yaml").read_text(encoding="utf-8")) or {}
    env = jinja2.Environment(
        loader=jinja2.DictLoader({"layout.html": LAYOUT, "record.html": RECORD, "year.html": YEAR}), autoescape=True
    )
    record, year_page = env.get_template("record.html"), env.get_template("year.html")
    md = markdown.Markdown(
        extensions=["tables", "sane_lists", "footnotes", "abbr", "toc", "attr_list"],
        extension_configs={"abbr": {"glossary": glossary}},
    )
    nav = [("Trang chủ", "/"), ("Nhiệm kỳ", "/nhiem-ky/"), ("Năm", "/nam/")]
    pages = 0

    def page(template: jinja2.Template, path: str, **values) -> None:
        nonlocal pages
        target = out / path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(site=info, nav=nav, **values), encoding="utf-8")
        pages += 1

    def markdown_page(file: Path, path: str) -> dict:
        meta, body = split(file.read_text(encoding="utf-8"))
        md.reset()
        html = Markup(md.convert(body))
        page(record, path, title=meta["title"], meta=meta, body=html)
        return meta

    for file in sorted((content / "pages").glob("*.md")):
        markdown_page(file, file.stem)
    for folder in sorted((content / "terms").iterdir()):
        markdown_page(folder / "term.md", f"nhiem-ky/{folder.name}")
        for name in ("targets.yaml", "awards.yaml"):
            if (folder / name).is_file():
                yaml.safe_load((folder / name).read_text(encoding="utf-8"))
    for folder in sorted((content / "years").iterdir()):
        listed = []
        for file in sorted((folder / "conferences").glob("*.md")):
            url = f"nam/{folder.name}/{file.stem}"
            meta = markdown_page(file, url)
            listed.append({"title": meta["title"], "date": meta["date"], "url": f"/{url}/"})
        targets, awards = ([] if not (folder / n).is_file() else yaml.safe_load((folder / n).read_text("utf-8"))
                           for n in ("targets.yaml", "awards.yaml"))  # fmt: skip
        if (folder / "year.md").is_file():
            markdown_page(folder / "year.md", f"nam/{folder.name}/tong-quan")
        page(year_page, f"nam/{folder.name}", title=f"Năm {folder.name}", targets=targets or [],
             awards=awards or [], conferences=listed)  # fmt: skip
    return pages


def main() -> None:
    site, out = Path(sys.argv[1]), Path(sys.argv[2])
    pages = build(site, out)
    print(f"floor: {pages} pages", file=sys.stderr)


if __name__ == "__main__":
    main()
