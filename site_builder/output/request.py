"""What a render is asked for: the options both `build` and `serve` pass to the render core."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.render.template_deps import Analysis


@dataclass(frozen=True)
class RenderRequest:
    site_root: Path
    pdf: bool = True  # make the PDF yearbook
    pdf_link: bool | None = None  # pages link to the PDF (default: `pdf`; the preview renders it on request)
    pdf_variant: str | None = None
    strict: bool = False
    jobs: int = 1
    key: str = ""  # the program and options: a previous state with another key is not used
    media_tokens: Mapping[str, str] | None = None  # media path -> content token; None: media always copied
    # site-relative path -> content hash of the record files: conferences and pages are signed by
    # them (signatures.py: seed_records); None: by their values
    record_tokens: Mapping[str, str] | None = field(default=None, compare=False)
    docx: bool = False  # make the Word yearbook
    search: bool = True  # make the search index (the preview makes it when it is asked for)
    # The folder holding the previous render's files (build: the live output), where the search
    # index reads back its previous list (search_job.py); None: every part of it is made.
    output: Path | None = field(default=None, compare=False)
    # Template analyses kept between runs (render/template_deps.py), filled in by the render.
    templates: MutableMapping[str, Analysis] | None = field(default=None, compare=False)
    # The user's own cache folder (layout.user_cache), where compiled templates are kept; None: not kept.
    user_cache: Path | None = field(default=None, compare=False)

    @property
    def links_pdf(self) -> bool:
        return self.pdf if self.pdf_link is None else self.pdf_link
