"""Build reader's joining-type table (assets/joining-types.txt) from Unicode's ArabicShaping.txt.

The reader must not need the UCD at run time, so the two fields it uses (Joining_Type and
Joining_Group) are shipped as a compact table, and tests/test_joining_table.py checks that table
against the file from Debian's unicode-data. To rebuild it after a Unicode update:

    python tests/harness/joining_table.py /usr/share/unicode/ArabicShaping.txt > assets/joining-types.txt
"""

from __future__ import annotations

import sys
from pathlib import Path

ARABIC_SHAPING = Path("/usr/share/unicode/ArabicShaping.txt")


def read_arabic_shaping(path: Path = ARABIC_SHAPING) -> tuple[str, dict[int, tuple[str, str]]]:
    """(the file's version line, {code point: (joining type, joining group)})."""
    text = path.read_text(encoding="utf-8")
    version = text.splitlines()[0].lstrip("# ").strip()
    entries = {}
    for line in text.splitlines():
        fields = [field.strip() for field in line.split("#", 1)[0].split(";")]
        if len(fields) == 4:
            entries[int(fields[0], 16)] = (fields[2], fields[3].replace(" ", "_"))
    return version, entries


def table_text(path: Path = ARABIC_SHAPING) -> str:
    """The table: a header, then `START[..END] TYPE GROUP` for runs of code points that
    ArabicShaping.txt lists one after another with the same type and group."""
    version, entries = read_arabic_shaping(path)
    lines = [
        f"# Joining_Type and Joining_Group from {version}, built by tests/harness/joining_table.py.",
        "# Code points not listed: T (transparent) if General_Category is Mn, Me or Cf, else U.",
    ]
    codes = sorted(entries)
    k = 0
    while k < len(codes):
        end = k
        while end + 1 < len(codes) and codes[end + 1] == codes[end] + 1 and entries[codes[end + 1]] == entries[codes[k]]:
            end += 1
        span = f"{codes[k]:04X}" if end == k else f"{codes[k]:04X}..{codes[end]:04X}"
        lines.append(f"{span} {' '.join(entries[codes[k]])}")
        k = end + 1
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(table_text(Path(sys.argv[1]) if len(sys.argv) > 1 else ARABIC_SHAPING))
