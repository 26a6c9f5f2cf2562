"""“Mở thư mục kết quả”: show the site's output/ folder in the system's file manager.

Only the site's own output folder is ever opened: the action takes no path from
the request, and a folder that is a link to somewhere else is refused. The
opener is a parameter of the panel, so tests pass a recorder instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

Opener = Callable[[Path], None]
# xdg-open and open hand the folder to the file manager and end at once, with a non-zero status
# when nothing could open it (no desktop); one still running after this long is showing it.
OPEN_WAIT = 3.0


def open_folder(folder: Path, wait: float = OPEN_WAIT) -> None:
    """Open `folder` in the file manager (Explorer, Finder, or the desktop's via xdg-open); raises
    OSError when no file manager could open it, so the panel never says it did."""
    if sys.platform == "win32":
        os.startfile(folder)  # noqa: S606 - Windows only
        return
    command = ["open" if sys.platform == "darwin" else "xdg-open", str(folder)]
    devnull = subprocess.DEVNULL
    process = subprocess.Popen(command, stdin=devnull, stdout=devnull, stderr=devnull, start_new_session=True)
    try:
        code = process.wait(timeout=wait)
    except subprocess.TimeoutExpired:  # reaped when it ends, whenever that is
        threading.Thread(target=process.wait, daemon=True).start()
        return
    if code != 0:
        raise OSError(f"{command[0]} → {code}")


def own_output(site_root: Path) -> tuple[Path, str | None]:
    """The site's output folder, and the catalogue id of why it cannot be opened (None: it can)."""
    folder = site_root / "output"
    if folder.is_symlink() or (folder.exists() and not folder.resolve().is_relative_to(site_root.resolve())):
        return folder, "panel.output-not-own"
    if not folder.is_dir():
        return folder, "panel.output-missing"
    return folder, None
