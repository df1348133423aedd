"""`reader render --justify kashida` beside plain `reader render` (issue 15), on the same document.

    python benchmarks/justify.py [--size BYTES] [--width N] [--runs N]

The document is benchmarks/layout.py's: the bundled article's paragraphs repeated and numbered.
Each run is the installed `reader` command in a fresh process writing to /dev/null, as a user
would run it; the figure is the median of the runs, with the justified lines counted.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: make `benchmarks` importable

from benchmarks.layout import arguments, document, run_seconds

TATWEEL = "\u0640"


def time_render(path: Path, width: int, justify: str) -> float:
    return run_seconds(["reader", "render", "--width", str(width), "--justify", justify, str(path)])


def main() -> int:
    args = arguments(__doc__ or "", 1_000_000, "each")
    if shutil.which("reader") is None:
        print("the reader command is not installed (pip install -e .)", file=sys.stderr)
        return 1
    with document(args.size) as (path, paragraphs):
        size = path.stat().st_size
        output = subprocess.run(["reader", "render", "--width", str(args.width), "--justify", "kashida", str(path)],
                                check=True, capture_output=True, text=True, timeout=600).stdout
        lines = output.count("\n")
        stretched = sum(1 for line in output.splitlines() if TATWEEL in line)
        figures = {mode: statistics.median(time_render(path, args.width, mode) for _ in range(args.runs))
                   for mode in ("none", "kashida")}
    print(f"document: {size / 1e6:.2f} MB, {paragraphs} paragraphs, {lines} lines at width {args.width}, "
          f"{stretched} with kashida")
    print(f"reader render:                  {figures['none']:.2f} s (median of {args.runs})")
    print(f"reader render --justify kashida: {figures['kashida']:.2f} s (median of {args.runs})")
    print(f"ratio: {figures['kashida'] / figures['none']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
