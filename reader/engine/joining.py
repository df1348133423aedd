"""Unicode's Joining_Type and Joining_Group of a character (ArabicShaping.txt), from the table
shipped in reader/assets (built and checked against the UCD by tests/harness/joining_table.py)."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from functools import cache
from importlib.resources import files


@cache
def _table() -> tuple[list[int], list[int], list[tuple[str, str]]]:
    starts: list[int] = []
    ends: list[int] = []
    values: list[tuple[str, str]] = []
    text = (files("reader.assets") / "joining-types.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        span, kind, group = line.split()
        first, _, last = span.partition("..")
        starts.append(int(first, 16))
        ends.append(int(last or first, 16))
        values.append((kind, group))
    return starts, ends, values


@cache
def joining(char: str) -> tuple[str, str]:
    """(Joining_Type, Joining_Group) of `char`: type D, R, L, C, U or T; group as Unicode names
    it (BEH, SEEN, ALEF…, No_Joining_Group)."""
    starts, ends, values = _table()
    k = bisect_right(starts, ord(char)) - 1
    if k >= 0 and ord(char) <= ends[k]:
        return values[k]
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return "T", "No_Joining_Group"
    return "U", "No_Joining_Group"


def joining_type(char: str) -> str:
    return joining(char)[0]


def joining_group(char: str) -> str:
    return joining(char)[1]
