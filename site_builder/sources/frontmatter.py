"""Split a Markdown record into its YAML front matter and its body."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Split:
    yaml_text: str | None  # None when the file has no front matter block
    yaml_line: int  # 1-based line of the first YAML line
    body: str
    body_line: int  # 1-based line where the body starts
    closed: bool = True  # False when the closing `---` is missing


def split_front_matter(text: str) -> Split:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return Split(None, 1, text, 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:index]) + "\n"
            body = "\n".join(lines[index + 1 :])
            return Split(yaml_text, 2, body, index + 2)
    return Split("\n".join(lines[1:]), 2, "", len(lines) + 1, closed=False)
