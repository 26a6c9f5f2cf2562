"""Who may talk to the preview server, and what it may serve.

The server listens on 127.0.0.1, but a browser visiting a hostile site still
reaches it: that site can rebind its own name to 127.0.0.1 (DNS rebinding) and
read our pages, or send forms and `fetch` POSTs to us. So, on every request
(pages, livereload.js and livereload's websocket alike):

- **Host** must be a loopback name or address with our port (421 otherwise): a
  rebound page sends its own name as Host. When the user binds to another
  address (`--host 0.0.0.0`), IP-address Hosts are accepted too (a page cannot
  rebind a bare IP address).
- **Paths** with NUL or other control bytes, or escapes that are not UTF-8, are
  answered 400 with one log line (Tornado would pass NUL to the file system).
- **Actions** (`ActionHandler`, for the control panel) are POST only, carry the
  run's token (`secrets.token_urlsafe(32)`, compared in constant time) and a
  same-origin `Origin` header, and come from this machine (a loopback peer, even
  when the preview is open to the network); anything else is 403.
- **Files** are served only from inside the preview folder (theme files are
  copied there), symbolic links included.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes, urlsplit

from tornado import web

from site_builder.catalogue import text

TOKEN_HEADER = "X-Site-Builder-Token"
TOKEN_FIELD = "token"
LOOPBACK_NAMES = frozenset({"localhost", "ip6-localhost"})
MAX_SHOWN = 80


def new_token() -> str:
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Guard:
    """The checks of one server run: its port, token and the address it is bound to."""

    port: int
    token: str = field(default_factory=new_token, repr=False)
    bound_host: str = "127.0.0.1"
    log: Callable[[str], None] = field(default=lambda _line: None, compare=False)
    lang: str = "vi"  # of the log lines

    def host_ok(self, host: str | None) -> bool:
        """A Host header naming this server: loopback name or address (any IP address when bound
        beyond loopback) and this port."""
        parts = _split_host(host)
        if parts is None:
            return False
        name, port = parts
        if port != self.port:
            return False
        if name in LOOPBACK_NAMES or _is_ip(name, loopback_only=True):
            return True
        return not is_loopback(self.bound_host) and (_is_ip(name) or name == self.bound_host.lower())

    def origin_ok(self, origin: str | None, host: str | None) -> bool:
        """`Origin` present and the same as the page's own origin (http://Host)."""
        if not origin or not self.host_ok(host):
            return False
        return origin.strip().lower().rstrip("/") == f"http://{(host or '').strip().lower()}"

    def token_ok(self, token: str | None) -> bool:
        return token is not None and bool(token) and hmac.compare_digest(token.encode(), self.token.encode())


def is_loopback(host: str) -> bool:
    return host.lower() in LOOPBACK_NAMES or _is_ip(host.strip("[]"), loopback_only=True)


def _is_ip(name: str, loopback_only: bool = False) -> bool:
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    return address.is_loopback or not loopback_only


def _split_host(host: str | None) -> tuple[str, int] | None:
    """("localhost", 8000) from "localhost:8000"; port 80 when none is written; None when malformed."""
    if not host or any(ch.isspace() or ch in "/\\@?#" for ch in host):
        return None
    try:
        parts = urlsplit(f"//{host}")
        port = parts.port or 80
    except ValueError:
        return None
    return (parts.hostname or "", port) if parts.hostname else None


def path_problem(raw_path: str) -> str | None:
    """Why a request path cannot name a file (None when it can): NUL or control bytes once decoded,
    or escapes that are not UTF-8."""
    data = unquote_to_bytes(raw_path)
    if any(byte < 0x20 or byte == 0x7F for byte in data):
        return "control"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "encoding"
    return None


def confined(path: str | Path, roots: Iterable[str | Path]) -> bool:
    """Whether `path`, symbolic links resolved, lies inside one of `roots`."""
    resolved = Path(path).resolve()
    return any(resolved.is_relative_to(Path(root).resolve()) for root in roots)


def refuse_unless_allowed(handler: web.RequestHandler) -> bool:
    """The Host and path checks for any handler; True when the request was answered (refused)."""
    guard: Guard = handler.settings["guard"]
    request = handler.request
    if not guard.host_ok(request.host):
        guard.log(text("serve.refused-host", guard.lang, host=_shown(request.host), path=_shown(request.path)))
        _answer(handler, 421, "421: this server answers only to 127.0.0.1 or localhost")
        return True
    reason = path_problem(request.path)
    if reason is not None:
        guard.log(text("serve.refused-path", guard.lang, path=_shown(request.path)))
        _answer(handler, 400, "400: invalid characters in the address")
        return True
    return False


def _answer(handler: web.RequestHandler, status: int, body: str) -> None:
    handler.clear()
    handler.set_status(status)
    handler.set_header("Content-Type", "text/plain; charset=UTF-8")
    handler.finish(body + "\n")


def _shown(value: str | None) -> str:
    shown = (value or "").encode("unicode_escape").decode("ascii")
    return shown if len(shown) <= MAX_SHOWN else shown[: MAX_SHOWN - 1] + "…"


class GuardMixin(web.RequestHandler):
    """Host and path checked before anything else; put it first in a handler's bases."""

    def prepare(self) -> None:
        refuse_unless_allowed(self)

    def decode_argument(self, value: bytes, name: str | None = None) -> str:
        # Tornado answers bytes that are not UTF-8 itself, before prepare(), with its own log line:
        # keep them (as surrogates) so that prepare() refuses them like any other bad address.
        return value.decode("utf-8", "surrogateescape")


class GuardedHandler(GuardMixin, web.RequestHandler):
    """Base of the preview's own handlers."""


class ActionHandler(GuardedHandler):
    """Base of handlers that change something (the control panel's buttons).

    Subclasses define `post()`. Requests without the run's token (header `X-Site-Builder-Token`
    or form field `token`), without a same-origin `Origin` or from another machine are refused
    with 403 before it runs; other methods get 405.
    """

    SUPPORTED_METHODS = ("POST",)

    def prepare(self) -> None:
        if refuse_unless_allowed(self):
            return
        guard: Guard = self.settings["guard"]
        token = self.request.headers.get(TOKEN_HEADER) or self.get_body_argument(TOKEN_FIELD, None)
        origin = self.request.headers.get("Origin")
        local = is_loopback(self.request.remote_ip or "")
        if not local or not guard.token_ok(token) or not guard.origin_ok(origin, self.request.host):
            guard.log(text("serve.refused-action", guard.lang, path=_shown(self.request.path), origin=_shown(origin)))
            _answer(self, 403, "403: this action needs the preview's own page")

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.finish(f"{status_code}\n")
