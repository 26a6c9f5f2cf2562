"""Heading ids from Python-Markdown's `toc` extension, without the table of contents nobody shows.

The extension gives every heading its id (`heading_id`), then builds the table of contents
(`md.toc`, which we never read) and walks the whole tree looking for the `[TOC]` marker to put
it in: about 7 % of rendering a body. Here both are done only for a body that has the marker
somewhere in its text: the marker is replaced only in an element whose text is exactly it, so
without it anywhere nothing is replaced, and the HTML is the extension's own, byte for byte.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown.extensions.toc import TocExtension, TocTreeprocessor

from site_builder.model.slugs import heading_id


class _HeadingIds(TocTreeprocessor):
    marked = False  # whether the body being rendered holds the marker

    def run(self, doc: etree.Element) -> None:
        self.marked = bool(self.marker) and any(self.marker in (element.text or "") for element in doc.iter())
        super().run(doc)

    def build_toc_div(self, toc_list: list[Any]) -> etree.Element:
        return super().build_toc_div(toc_list) if self.marked else etree.Element("div")

    def replace_marker(self, root: etree.Element, elem: etree.Element) -> None:
        if self.marked:
            super().replace_marker(root, elem)


class _HeadingIdsExtension(TocExtension):
    TreeProcessorClass = _HeadingIds


def heading_ids() -> TocExtension:
    """The `toc` extension as we configure it: ids by `heading_id`, no permalinks."""
    return _HeadingIdsExtension(slugify=heading_id, permalink=False)
