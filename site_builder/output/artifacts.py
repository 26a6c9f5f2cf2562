"""Files made from the whole site: the printed editions (PDF, Word, manifest); the search index's
files are kept or made by output/search_job.py.

Every edition `build` prints (model/editions.py: the term book, and the terms'
and years' books `yearbook.editions` asks for) is three artifacts: "pdf", "docx"
and "manifest" for the main book, "pdf:<stem>", "docx:<stem>" and
"manifest:<stem>" for the others ("pdf:ky-yeu-nam-2023"). Each is kept or made
on its own, as every other artifact.

Each is made again only when something it is made from changed: its signature
digests the model, the rendered bodies and, for the books, the yearbook
templates, the theme's texts and assets, every media file and the options.
While the signature stays, the previous file is kept and the warnings its
making gave are reported again, as a full build would.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass

from site_builder.catalogue import text
from site_builder.model.editions import Edition, editions_of, find_edition, main_edition
from site_builder.model.records import SiteModel
from site_builder.output.background import ChildFailed, Forked
from site_builder.output.request import RenderRequest
from site_builder.output.signatures import Digester, value_signature
from site_builder.output.state import Artifact
from site_builder.output.theme_setup import ThemeSetup, theme_static_files
from site_builder.pages.loaded import Loaded
from site_builder.problems import Problem, Problems, RenderError
from site_builder.rendered import KeptFile, OutputFile, RenderedFile

BOOK_TEMPLATE = "yearbook.html"
Progress = Callable[[str], None]
Collected = list[tuple[str, OutputFile, Artifact]]  # (artifact name, its file, its state)


@dataclass(frozen=True)
class Made:
    file: RenderedFile | None  # None: it could not be made (the problems say why)
    count: int = 0


def artifact(
    name: str,
    loaded: Loaded,
    request: RenderRequest,
    setup: ThemeSetup,
    problems: Problems,
    kept: Artifact | None = None,
    progress: Progress | None = None,
    digester: Digester | None = None,
) -> tuple[OutputFile, Artifact]:
    """The artifact `name` ("pdf", "docx", "manifest"): kept when nothing it is made from changed."""
    job = ArtifactJob(name, loaded, request, setup, kept, digester or Digester())
    return job.collect(problems, progress)


class ArtifactJob:
    """One artifact on its way: kept, or being made (in a forked child with `background`)."""

    def __init__(
        self, name: str, loaded: Loaded, request: RenderRequest, setup: ThemeSetup, kept: Artifact | None,
        digester: Digester, background: bool = False,
    ) -> None:  # fmt: skip
        self.name, self.loaded, self.request, self.setup = name, loaded, request, setup
        self.kind, self.edition = split_name(name, loaded)
        self.signature = signature_of(name, loaded, request, setup, digester)
        self.out_path = out_path_of(self.kind, self.edition)
        fresh = kept is not None and kept.signature == self.signature and kept.out_path == self.out_path
        self.kept = kept if fresh else None
        self.child = Forked(self._make) if background and self.kept is None else None

    def _make(self, say: Progress | None = None) -> tuple[Made, list[Problem]]:
        found = Problems()
        maker = MAKERS[self.kind]
        made = maker(self.loaded, self.request, self.setup, found, say or (lambda _line: None), self.edition)
        return made, found.items

    def collect(self, problems: Problems, progress: Progress | None = None) -> tuple[OutputFile, Artifact]:
        """The file and its state; its problems (replayed when kept) go to `problems`."""
        if self.kept is not None:
            problems.merge(self.kept.problems)  # once, though two books print the same year
            if problems.has_errors(self.request.strict):
                raise RenderError(problems)
            return KeptFile(self.out_path), self.kept
        made, found = self._result(progress)
        problems.merge(found)
        if made.file is None or problems.has_errors(self.request.strict):
            raise RenderError(problems)
        return made.file, Artifact(self.out_path, self.signature, made.count, tuple(found))

    def collect_all(self, problems: Problems, progress: Progress | None = None) -> Collected:
        """(name, file, state) of the artifact: one, as a SearchJob gives several."""
        return [(self.name, *self.collect(problems, progress))]

    def _result(self, progress: Progress | None) -> tuple[Made, list[Problem]]:
        if self.child is not None:
            try:
                return self.child.result()
            except ChildFailed:
                pass  # made here instead, where a failure is reported as usual
        return self._make(progress)

    def cancel(self) -> None:
        if self.child is not None:
            self.child.cancel()


def artifact_names(request: RenderRequest, model: SiteModel) -> tuple[str, ...]:
    """The artifacts a render makes, in order: the search index (its list and parts: search_job.py),
    then each edition's files."""
    names = ["search"] if request.search else []
    if request.pdf or request.docx:  # a printed edition leaves its manifest
        for edition in editions_of(model):
            suffix = "" if edition.main else f":{edition.stem}"
            wanted = {"pdf": request.pdf, "docx": request.docx, "manifest": True}
            names += [kind + suffix for kind, asked in wanted.items() if asked]
    return tuple(names)


def split_name(name: str, loaded: Loaded) -> tuple[str, Edition | None]:
    """("pdf", the main edition) for "pdf", ("pdf", that edition) for "pdf:<stem>"."""
    kind, _, stem = name.partition(":")
    edition = find_edition(loaded.model, stem) if stem else main_edition(loaded.model)
    if edition is None:
        raise ValueError(f"no edition {stem or 'of the yearbook term'}")
    return kind, edition


def out_path_of(kind: str, edition: Edition | None) -> str:
    assert edition is not None
    return {"pdf": edition.filename, "docx": edition.docx, "manifest": edition.manifest}[kind]


def signature_of(name: str, loaded: Loaded, request: RenderRequest, setup: ThemeSetup, digester: Digester) -> str:
    """What the artifact is made from; a book without media tokens never matches (always made)."""
    language = loaded.model.site.language
    if name.startswith("manifest"):  # made from the model alone
        return value_signature(name, loaded.model, loaded.bodies, language, digester=digester)
    if request.media_tokens is None:
        return os.urandom(16).hex()
    assets = hashlib.blake2b(digest_size=16)
    for file in theme_static_files(setup.theme):
        assets.update(f"{file.out_path}\0".encode() + hashlib.blake2b(file.source.read_bytes()).digest())
    return value_signature(
        name,
        loaded.model,
        loaded.bodies,
        setup.deps.signature(BOOK_TEMPLATE),
        setup.signature,
        assets.hexdigest(),
        dict(request.media_tokens),
        request.pdf_variant if name.startswith("pdf") else None,
        os.environ.get("SOURCE_DATE_EPOCH"),
        digester=digester,
    )


def make_pdf(
    loaded: Loaded, request: RenderRequest, setup: ThemeSetup, found: Problems, say: Progress, edition: Edition | None
) -> Made:
    from site_builder.yearbook.pdf import render_yearbook  # WeasyPrint: only when a PDF is made

    lang = loaded.model.site.language
    main = edition is None or edition.main
    say(text("progress.edition", lang, name=edition.filename) if edition and not main else text("progress.pdf", lang))
    result = render_yearbook(
        loaded.model, loaded.bodies, setup.theme, setup.env, request.site_root, found,
        variant=request.pdf_variant, progress=say, edition=edition,
    )  # fmt: skip
    if result is None or found.has_errors():
        return Made(None)
    say(text("progress.pdf-pages", lang, count=result.page_count))
    return Made(result.file, result.page_count)


def make_docx(
    loaded: Loaded, request: RenderRequest, setup: ThemeSetup, found: Problems, say: Progress, edition: Edition | None
) -> Made:
    from site_builder.yearbook.word.writer import render_docx

    lang = loaded.model.site.language
    say(text("progress.docx", lang))
    result = render_docx(loaded.model, loaded.bodies, setup.env, request.site_root, found, edition=edition)
    if result is None or found.has_errors():
        return Made(None)
    say(text("progress.docx-done", lang, name=result.name, size=max(1, round(len(result.data) / 1024))))
    return Made(RenderedFile(result.name, result.data))


def make_manifest(
    loaded: Loaded, request: RenderRequest, setup: ThemeSetup, found: Problems, say: Progress, edition: Edition | None
) -> Made:
    """<stem>.manifest.json: the edition's figures, titles and names (yearbook/manifest.py)."""
    from site_builder.yearbook.manifest import edition_manifest, encode_manifest

    assert edition is not None
    data = encode_manifest(edition_manifest(loaded.model, edition))
    return Made(RenderedFile(edition.manifest, data))


MAKERS = {"pdf": make_pdf, "docx": make_docx, "manifest": make_manifest}
