"""Issue 13's memory and growth figures alone (run.py's `growth_and_memory`, a few minutes
instead of run.py's half hour): layout + analysis until idle at 20 MB against 10 MB, and
resident memory once idle per MB of text at 10 and 50 MB against `less`, in tmux at 80x24.

    python benchmarks/memory.py

The reader run is `python -m reader` in the current directory: run this from another checkout
(`cd ../old && python /path/to/benchmarks/memory.py`) to measure that one in the same way.
"""

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: make `benchmarks` and `tests.harness` importable

from benchmarks.run import (  # noqa: E402
    HUGE_BOOK,
    LARGE_BOOK,
    LARGER_BOOK,
    _book,
    _opening_words,
    _print_table,
    growth_and_memory,
)


def main() -> int:
    directory = Path(tempfile.gettempdir()) / "reader-benchmark"
    directory.mkdir(exist_ok=True)
    large, larger, huge = (_book(directory / f"book-{size // 1_000_000}mb.txt", size)
                           for size in (LARGE_BOOK, LARGER_BOOK, HUGE_BOOK))
    markers = {book.path: _opening_words(book.path.read_text(encoding="utf-8")[:100_000], 2)
               for book in (large, larger, huge)}
    _print_table(growth_and_memory(large, larger, huge, markers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
