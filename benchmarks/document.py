"""Opening a book-sized document with the document model: read and structure, then quotes and
entity mentions (issue 3's analysis on issue 6's sizes).

    python benchmarks/document.py [--size BYTES]

Two documents of the same size from benchmarks/corpus.py: a book of numbered chapters and
paragraphs, and one enormous paragraph with no line break. Prints the median of three runs for
each phase; a phase that grows faster than the text (a quadratic step) shows here first.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import write_book, write_single_paragraph  # noqa: E402
from reader.document.decoding import decode  # noqa: E402
from reader.document.formats import format_of, parse  # noqa: E402
from reader.document.loading import load_document  # noqa: E402
from reader.document.structure import build_blocks  # noqa: E402

RUNS = 3


def _median(action) -> tuple[float, object]:
    times, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def measure(path: Path) -> None:
    def structure():
        text = decode(path.read_bytes(), path.name)
        fmt = format_of(path.name, text)
        return build_blocks(parse(text, fmt)[0], fmt)

    structure_time, blocks = _median(structure)
    total_time, document = _median(lambda: load_document(str(path)))
    size = path.stat().st_size
    print(f"{path.name}: {size / 1e6:.1f} MB, {len(blocks)} blocks, {len(document.quotes)} quotes, "
          f"{len(document.mentions)} mentions")
    print(f"  read + decode + parse + structure: {structure_time:.2f} s")
    print(f"  load_document (all of it):         {total_time:.2f} s "
          f"(quotes and mentions {total_time - structure_time:.2f} s, {size / 1e6 / total_time:.1f} MB/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        book = write_book(Path(folder) / "book.txt", args.size).path
        single = write_single_paragraph(Path(folder) / "one-paragraph.txt", args.size)
        for path in (book, single):
            measure(path)


if __name__ == "__main__":
    main()
