"""YAML double-quoted scalars that the strict reader (sources/yamlsafe.py) loads back exactly.

A shared leaf: the scaffold and the spreadsheet import both write YAML staff then edit by hand.
"""

from __future__ import annotations

import re

# Characters PyYAML's reader refuses or treats as line breaks inside a
# double-quoted scalar; they are written as escapes instead.
_YAML_UNSAFE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_YAML_NAMED_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def yaml_quote(text: str) -> str:
    """A YAML double-quoted scalar that loads back as exactly `text`.

    Double quotes rather than plain style because titles carry colons, quotes
    and leading characters (`-`, `#`, `[`) that plain YAML would misread.
    """
    out = []
    for ch in text:
        if ch in _YAML_NAMED_ESCAPES:
            out.append(_YAML_NAMED_ESCAPES[ch])
        elif _YAML_UNSAFE.match(ch):
            code = ord(ch)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
