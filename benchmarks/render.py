"""Issue 13's `reader render` figures alone (run.py's `render_figures`, a minute instead of
run.py's half hour): the whole process against `fribidi --width 80` on the 2 MB book (median
of 3) and the 20 MB book (one run), and its cost per MB at 20 MB against 2 MB.

    python benchmarks/render.py

The reader run is `python -m reader` in the current directory: run this from another checkout
(`cd ../old && python /path/to/benchmarks/render.py`) to measure that one in the same way.
"""

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: make `benchmarks` and `tests.harness` importable

from benchmarks.run import LARGER_BOOK, SMALL_BOOK, _book, _print_table, render_figures  # noqa: E402


def main() -> int:
    directory = Path(tempfile.gettempdir()) / "reader-benchmark"
    directory.mkdir(exist_ok=True)
    small, larger = (_book(directory / f"book-{size // 1_000_000}mb.txt", size) for size in (SMALL_BOOK, LARGER_BOOK))
    _print_table(render_figures(small, larger))
    return 0


if __name__ == "__main__":
    sys.exit(main())
