"""The background analysis (quotes, speakers, names found in the text, mentions) on the 10 MB
book, and a glossary of many names sharing a word (issue 10, issue 11 item 6).

    python benchmarks/analysis.py [--size BYTES] [--names N]

Prints the median of three runs. The analysis figure is what the app's background worker does
after the first paint; nothing of it is on the first-paint path.

Measured on the shared 2-core machine (figures move with the load; compare within one row):

| when (load average) | code | 8,000 names | 2,000 names | 10 MB analysis |
|---|---|---|---|---|
| 17:15 (low) | main before issue 10 (bdd0e66) | 47 s (issue 11) | 34.5 s | 13.5 s |
| 17:16 (low) | linear matcher only | 1.9 s | 0.3 s | 12.3 s |
| 18:15 (~11) | main before issue 10 (bdd0e66) | | 142.8 s | 32.3 s |
| 18:20 (~11) | issue 10: CLDR places, found names, new quote rules | | 2.4 s | 73.4 s |
| 18:47–18:58 (~11, one run each, alternating) | before / after (with the faster cue lookup) | | | 72.8 / 155.5 s, 44.3 / 104.2 s |

So the background analysis of the 10 MB book costs about twice what it did (two matching passes,
CLDR's ~560 places, the names found in the text); the first paint does none of it.
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

from benchmarks.corpus import write_book  # noqa: E402 (after the path is set)
from reader.document.glossary import Matcher  # noqa: E402 (after the path is set)
from reader.document.loading import open_document  # noqa: E402 (after the path is set)
from reader.document.model import Entity  # noqa: E402 (after the path is set)

RUNS = 3


def _median(action) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def names_sharing_a_word(count: int) -> list[Entity]:
    """`count` people all described as "الرئيس …" (issue 11 item 6: 8,000 took 47 s)."""
    letters = "بتثجحخدذرزسشصضطظعغفقكمنهي"

    def word(number: int) -> str:
        spelled = ""
        while True:
            spelled += letters[number % len(letters)]
            number //= len(letters)
            if not number:
                return spelled + "ان"

    return [Entity(f"p{number}", "person", f"سالم {word(number)}", "X", "d", (), (f"الرئيس {word(number)}",))
            for number in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000_000)
    parser.add_argument("--names", type=int, default=8_000)
    args = parser.parse_args()
    entities = names_sharing_a_word(args.names)
    print(f"glossary of {args.names} names sharing a first word: {_median(lambda: Matcher(entities)):.2f} s to build")
    with tempfile.TemporaryDirectory() as folder:
        book = write_book(Path(folder) / "book.txt", args.size).path
        _, analyse = open_document(str(book))
        document = analyse()
        print(f"{book.name}: {book.stat().st_size / 1e6:.1f} MB, {len(document.quotes)} quotes, "
              f"{len(document.entities)} entities, {len(document.mentions)} mentions")
        print(f"  background analysis: {_median(analyse):.2f} s")


if __name__ == "__main__":
    main()
