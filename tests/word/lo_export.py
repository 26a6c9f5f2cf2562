"""Open a .docx in LibreOffice, update its indexes (the table of contents), export a PDF.

`soffice --convert-to pdf` exports the contents field as it was saved (our hint
line), as Word would show it before F9; this script does what a reader's
"update fields" does first. Run it with a Python that has LibreOffice's `uno`
module (Debian: python3-uno, i.e. /usr/bin/python3):

    python3 lo_export.py IN.docx OUT.pdf PROFILE_DIR
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import uno  # noqa: F401 - sets up the com.sun.star imports below
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.lang import DisposedException


def prop(name: str, value: object) -> PropertyValue:
    found = PropertyValue()
    found.Name, found.Value = name, value
    return found


def connect(pipe: str, seconds: float = 60):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + seconds
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.25)


def export(src: Path, dst: Path, profile: Path) -> None:
    pipe = f"site-builder-docx-{os.getpid()}"
    command = [
        "soffice", f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--invisible",
        "--norestore", "--nologo", "--nodefault", f"--accept=pipe,name={pipe};urp;",
    ]  # fmt: skip
    office = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        context = connect(pipe)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        doc = desktop.loadComponentFromURL(src.resolve().as_uri(), "_blank", 0, (prop("Hidden", True),))
        indexes = doc.getDocumentIndexes()
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        doc.storeToURL(dst.resolve().as_uri(), (prop("FilterName", "writer_pdf_Export"),))
        doc.close(True)
        with contextlib.suppress(DisposedException):  # the office may be gone before it answers
            desktop.terminate()
        office.wait(timeout=30)
    finally:
        if office.poll() is None:
            office.kill()
            office.wait()


if __name__ == "__main__":
    export(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
