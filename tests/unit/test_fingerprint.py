"""The build fingerprint: library upgrades change it, so stale output is never reused."""

from __future__ import annotations

from site_builder.output import fingerprint as fp
from tests.conftest import site_with


def test_fingerprint_changes_with_a_library_version(tmp_path, monkeypatch):
    site = site_with(tmp_path, {})
    before = fp.fingerprint(site, ())
    assert fp.fingerprint(site, ()) == before
    for library in ("markdown", "nh3", "jinja2", "babel", "weasyprint", "pyyaml"):
        real = fp.version
        monkeypatch.setattr(
            fp, "version", lambda name, lib=library, real=real: "0.0-new" if name == lib else real(name)
        )
        assert fp.fingerprint(site, ()) != before, library
        monkeypatch.setattr(fp, "version", real)
