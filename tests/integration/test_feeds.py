"""sitemap.xml and the Atom feed, made only when site.yaml gives base_url."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from site_builder.build import BuildOptions, build_site
from tests.conftest import site_with

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE_YAML = 'title: "Kỷ yếu"\norganization: "Đảng bộ Khối"\n'
CONFERENCES = {
    f"content/years/2021/conferences/2021-0{m}-10-hoi-nghi-{m}.md": (
        f'---\ntitle: "Hội nghị {m}"\ndate: 2021-0{m}-10\nkind: so-ket\n---\nBáo cáo số {m}.\n'
    )
    for m in (3, 7)
}


def build(tmp_path, site_yaml: str):
    site = site_with(tmp_path, {"content/site.yaml": site_yaml, **CONFERENCES})
    build_site(BuildOptions(site, pdf=False, jobs=1))
    return site / "output"


def test_sitemap_and_feed_use_absolute_addresses(tmp_path):
    output = build(tmp_path, SITE_YAML + "base_url: https://kyyeu.example.vn\n")
    locs = [e.text for e in ET.parse(output / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert "https://kyyeu.example.vn/" in locs
    assert "https://kyyeu.example.vn/nam/2021/hoi-nghi-7/" in locs
    assert not any(loc.endswith("404.html") for loc in locs)
    feed = ET.parse(output / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Hội nghị 7", "Hội nghị 3"]  # newest first
    assert entries[0].find(f"{ATOM}link").get("href") == "https://kyyeu.example.vn/nam/2021/hoi-nghi-7/"
    assert feed.findtext(f"{ATOM}updated") == "2021-07-10T00:00:00Z"  # from the records, not the clock
    assert 'type="application/atom+xml"' in (output / "index.html").read_text(encoding="utf-8")


def test_no_sitemap_or_feed_without_base_url(tmp_path):
    output = build(tmp_path, SITE_YAML)
    assert not (output / "sitemap.xml").exists() and not (output / "feed.xml").exists()
    assert "atom+xml" not in (output / "index.html").read_text(encoding="utf-8")
