"""Full layout of a ~2 MB Arabic document at width 80, against `fribidi --width 80` (issue 2).

    python benchmarks/layout.py [--size BYTES] [--width N] [--runs N]

The document is the bundled article's paragraphs repeated, every copy's paragraphs numbered so
no line repeats (word caches see realistic reuse, not identical lines). Both sides read the same
file and produce every screen line; ours runs in a fresh interpreter each time, so its word
caches start cold as when a document is opened. Prints both medians and the ratio (goal ≤ 10×).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path

GOAL_RATIO = 10.0

_LAYOUT_CHILD = """
import sys, time
start = time.perf_counter()
from reader.engine.layout import layout_paragraph
width = int(sys.argv[2])
lines = 0
with open(sys.argv[1], encoding="utf-8") as document:
    for paragraph in document.read().split("\\n"):
        for line in layout_paragraph(paragraph, width).lines:
            line.render()
            lines += 1
print(time.perf_counter() - start, lines)
"""


def article_paragraphs() -> list[str]:
    article = files("reader.assets").joinpath("vostochny-summit.txt").read_text(encoding="utf-8")
    return [" ".join(block.split()) for block in article.split("\n\n") if block.strip()]


def write_document(path: Path, size: int) -> int:
    """Write the article again and again, each paragraph prefixed by its copy and number, until
    `size` bytes; paragraphs are separated by blank lines. Returns the number of paragraphs."""
    paragraphs = article_paragraphs()
    written = count = copy = 0
    with path.open("w", encoding="utf-8") as out:
        while written < size:
            copy += 1
            for number, paragraph in enumerate(paragraphs, 1):
                block = f"{copy}.{number} {paragraph}\n\n"
                out.write(block)
                written += len(block.encode("utf-8"))
                count += 1
    return count


def arguments(description: str, default_size: int, runs: str) -> argparse.Namespace:
    """--size, --width and --runs, as this benchmark and benchmarks/justify.py take them."""
    parser = argparse.ArgumentParser(description=description.split("\n")[0])
    parser.add_argument("--size", type=int, default=default_size,
                        help=f"document size in bytes (default {default_size / 1e6:g} MB)")
    parser.add_argument("--width", type=int, default=80)
    parser.add_argument("--runs", type=int, default=3, help=f"runs of {runs}; the median is reported")
    return parser.parse_args()


@contextmanager
def document(size: int) -> Iterator[tuple[Path, int]]:
    """A temporary document of `size` bytes (write_document) and its number of paragraphs."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "document.txt"
        yield path, write_document(path, size)


def run_seconds(command: list[str]) -> float:
    """Wall-clock seconds of one whole process writing to /dev/null."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, timeout=600)
    return time.perf_counter() - start


def time_ours(path: Path, width: int) -> tuple[float, int]:
    result = subprocess.run([sys.executable, "-c", _LAYOUT_CHILD, str(path), str(width)],
                            check=True, capture_output=True, text=True, timeout=600)
    seconds, lines = result.stdout.split()
    return float(seconds), int(lines)


def time_fribidi(path: Path, width: int) -> float:
    return run_seconds(["fribidi", "--width", str(width), str(path)])


def main() -> int:
    args = arguments(__doc__ or "", 2_000_000, "each side")
    if shutil.which("fribidi") is None:
        print("the fribidi command is not installed (Debian: libfribidi-bin)", file=sys.stderr)
        return 1
    with document(args.size) as (path, paragraphs):
        size = path.stat().st_size
        ours_runs = [time_ours(path, args.width) for _ in range(args.runs)]
        theirs = statistics.median(time_fribidi(path, args.width) for _ in range(args.runs))
    ours = statistics.median(seconds for seconds, _ in ours_runs)
    lines = ours_runs[0][1]
    ratio = ours / theirs
    print(f"document: {size / 1e6:.2f} MB, {paragraphs} paragraphs, {lines} screen lines at width {args.width}")
    print(f"reader layout: {ours:.2f} s (median of {args.runs}, cold word caches, import included)")
    print(f"fribidi --width {args.width}: {theirs:.2f} s (median of {args.runs})")
    print(f"ratio: {ratio:.1f}x (goal <= {GOAL_RATIO:.0f}x: {'met' if ratio <= GOAL_RATIO else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
