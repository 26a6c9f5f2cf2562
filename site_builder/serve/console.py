"""What the terminal shows while serving: each problem once, one line per rebuild."""

from __future__ import annotations

from collections.abc import Callable

from site_builder.problems import Problems

Say = Callable[[str], None]


class Console:
    """Prints a problem when it appears, not again while it stays; announces recovery."""

    def __init__(self, say: Say):
        self._say = say
        self._shown: frozenset[str] = frozenset()
        self._broken = False

    def problems(self, problems: Problems) -> None:
        lines = [p.format() for p in problems.sorted()]
        for line in lines:
            if line not in self._shown:
                self._say(line)
        self._shown = frozenset(lines)

    def rebuilt(self, problems: Problems, ok: bool, pages: int, seconds: float) -> None:
        self.problems(problems)
        if ok and self._broken:
            self._say("Đã hết lỗi: bản xem trước được dựng lại và trình duyệt tự tải lại.")
        elif not ok and not self._broken:
            self._say("Nội dung có lỗi: trình duyệt đang hiện chi tiết; sửa tệp rồi lưu lại.")
        if ok and pages:
            self._say(f"… đã dựng {pages} trang ({seconds * 1000:.0f} ms)")
        self._broken = not ok

    def say(self, line: str) -> None:
        self._say(line)
