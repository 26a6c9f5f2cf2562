"""A site read, validated and planned: what `check` validates and the render core renders."""

from __future__ import annotations

from dataclasses import dataclass, field

from site_builder.model.records import SiteModel
from site_builder.pages.plan import PageSpec


@dataclass(frozen=True)
class Loaded:
    model: SiteModel
    media_files: frozenset[str]  # every file under content/media/ ("anh/a.jpg")
    bodies: dict[str, str]  # record path -> safe HTML body, links resolved
    specs: list[PageSpec]
    record_count: int
    body_seeds: dict[str, str] = field(default_factory=dict)  # record path -> what its body is made from
