"""The installed `reader` command, as the tests run it."""

import shutil
import sys
from pathlib import Path

SCRIPTS = Path(sys.executable).parent  # the console scripts installed with the Python running the tests


def reader_script() -> str | None:
    """The `reader` script next to the running Python (this tree's, installed editable as the
    README says), else the one on PATH, else None (the tests needing it skip or fail clearly)."""
    here = SCRIPTS / "reader"
    return str(here) if here.exists() else shutil.which("reader")
