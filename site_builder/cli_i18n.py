"""Click's own words (usage, option headings, usage errors) in Vietnamese.

Why this way: click marks its texts for translation, but it does `from gettext
import gettext as _` (and `ngettext`) in each of its modules, so the texts go
through the global "messages" gettext domain. Installing a catalogue there would
need compiled .mo files and would also translate every other library that uses
the global domain. Instead `install()` replaces the module-level `_` and
`ngettext` names in the click modules that define them with lookups in the
small tables below; a text not in the tables passes through unchanged, so a
newer click with new texts still works (in English for those texts).

`install()` must run before the commands are declared: some texts are looked up
when a decorator runs (`--version`'s help, the "directory" in path types).
The msgids are click 8.x's, copied exactly from its sources.
"""

from __future__ import annotations

import importlib

CLICK_MODULES = (
    "click.core",
    "click.exceptions",
    "click.formatting",
    "click.decorators",
    "click.types",
    "click.parser",
    "click.utils",
    "click.termui",
)

TEXTS: dict[str, str] = {
    # help pages
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Đối số",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện số phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "env var: {var}": "biến môi trường: {var}",
    "(dynamic)": "(tùy lúc)",
    "deprecated": "không còn dùng",
    # usage errors
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: {command} {option}",
    "Missing option": "Thiếu tùy chọn",
    "Missing argument": "Thiếu đối số",
    "Missing parameter": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing command.": "Thiếu tên lệnh.",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Argument {name!r} takes {nargs} values.": "Đối số {name!r} cần {nargs} giá trị.",
    "Aborted!": "Đã hủy.",
    "unknown error": "lỗi không rõ",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "{value} is not in the range {range}.": "{value} không nằm trong khoảng {range}.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải một số hợp lệ.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} không phải giá trị đúng/sai hợp lệ; dùng một trong: {states}"
    ),
    # path checks: the type's name is left out ("Directory" would stay English or be title-cased)
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "{name} {filename!r} does not exist.": "Không có {filename!r}.",
    "{name} {filename!r} is a file.": "{filename!r} là một tệp, không phải thư mục.",
    "{name} {filename!r} is a directory.": "{filename!r} là một thư mục, không phải tệp.",
    "{name} {filename!r} is not readable.": "Không đọc được {filename!r}.",
    "{name} {filename!r} is not writable.": "Không ghi được vào {filename!r}.",
    "{name} {filename!r} is not executable.": "Không chạy được {filename!r}.",
}

# ngettext: the singular msgid -> (Vietnamese singular, Vietnamese plural)
PLURALS: dict[str, tuple[str, str]] = {
    "Did you mean {possibility}?": (
        "Có phải ý bạn là {possibility}?",
        "(Có phải ý bạn là một trong: {possibilities}?)",
    ),
    "Got unexpected extra argument ({args})": ("Thừa đối số ({args})", "Thừa các đối số ({args})"),
    "Takes {nargs} values but 1 was given.": (
        "Cần {nargs} giá trị nhưng chỉ có 1.",
        "Cần {nargs} giá trị nhưng có {len}.",
    ),
    "{value!r} is not {choice}.": ("{value!r} không phải {choice}.", "{value!r} không thuộc các giá trị {choices}."),
    "{value!r} does not match the format {format}.": (
        "{value!r} không phải ngày có thật viết dạng NĂM-THÁNG-NGÀY (ví dụ 2025-07-15).",
        "{value!r} không khớp dạng nào trong {formats}.",
    ),
    "Option {name!r} requires an argument.": (
        "Tùy chọn {name!r} cần một giá trị.",
        "Tùy chọn {name!r} cần {nargs} giá trị.",
    ),
    "{len_type} values are required, but {len_value} was given.": (
        "Cần {len_type} giá trị nhưng có {len_value}.",
        "Cần {len_type} giá trị nhưng có {len_value}.",
    ),
}


def gettext(message: str) -> str:
    return TEXTS.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    found = PLURALS.get(singular)
    if found is None:
        return singular if n == 1 else plural
    return found[0] if n == 1 else found[1]


def install() -> None:
    """Point click's `_` and `ngettext` at the tables above (idempotent)."""
    for name in CLICK_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # a click without this module (parser.py went private in 8.2)
            continue
        if callable(getattr(module, "_", None)):
            module._ = gettext  # type: ignore[attr-defined]
        if callable(getattr(module, "ngettext", None)):
            module.ngettext = ngettext  # type: ignore[attr-defined]
