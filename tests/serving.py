"""A Tornado application served in a thread of the test process, on sockets already bound."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import Iterator

from tornado import httpserver, web


@contextlib.contextmanager
def served(app: web.Application, sockets: list[socket.socket]) -> Iterator[None]:
    """Serve `app` on `sockets` until the block ends."""
    started, stop = threading.Event(), {}

    async def main() -> None:
        server = httpserver.HTTPServer(app)
        server.add_sockets(sockets)
        stop["event"], stop["loop"] = asyncio.Event(), asyncio.get_running_loop()
        started.set()
        await stop["event"].wait()
        server.stop()

    thread = threading.Thread(target=asyncio.run, args=(main(),), daemon=True)
    thread.start()
    assert started.wait(10)
    try:
        yield
    finally:
        stop["loop"].call_soon_threadsafe(stop["event"].set)
        thread.join(10)
