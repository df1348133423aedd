"""Bidi levels (UAX #9) for a whole paragraph, and the visual order of one line of it.

python-bidi 0.6 exposes no levels: they are read from its debug dump (pinned version; proven
against BidiCharacterTest.txt). The dump costs about 50 bytes per byte of text, so two kinds
of paragraph that make up nearly all real text are resolved here directly, following the
same rules: right-to-left text with no left-to-right letters (levels 1, numbers 2) and
left-to-right text with no right-to-left letters or Arabic digits (all 0).
"""

import re
from itertools import compress
from typing import TypeVar

from bidi import get_base_level, get_display

from reader.engine.characters import BIDI_CLASS

_EXPLICIT = {"LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
_NOT_SIMPLE_RTL = _EXPLICIT | {"L", "B"}
_NOT_SIMPLE_LTR = _EXPLICIT | {"R", "AL", "AN", "B"}
_LEVEL_IN_DUMP = re.compile(r"Level\(\s*(\d+)")
# UTF-8 bytes that start a character map to 1, continuation bytes (10xxxxxx) to 0.
_STARTS_A_CHARACTER = bytes(0 if 0x80 <= byte < 0xC0 else 1 for byte in range(256))


def base_level(text: str, base_dir: str = "auto") -> int:
    """Paragraph level: 1 for right-to-left, from the first strong character (P2–P3) when auto."""
    if base_dir == "rtl":
        return 1
    if base_dir == "ltr":
        return 0
    if base_dir != "auto":
        raise ValueError(f"base_dir must be auto, rtl or ltr, not {base_dir!r}")
    for char in text:  # P2 without isolates: the first strong character decides
        kind = BIDI_CLASS[char]
        if kind == "L":
            return 0
        if kind in ("R", "AL"):
            return 1
        if kind in _EXPLICIT:
            return int(get_base_level(text))  # P2 skips isolated text: python-bidi does it right
    return 0


def paragraph_kind(text: str, level: int) -> str:
    """'rtl' or 'ltr' when the paragraph's levels follow from its characters alone, else 'mixed'."""
    classes = {BIDI_CLASS[c] for c in set(text)}
    if level == 1 and not classes & _NOT_SIMPLE_RTL:
        return "rtl"
    if level == 0 and not classes & _NOT_SIMPLE_LTR:
        return "ltr"
    return "mixed"


def resolve_levels(text: str, level: int, kind: str | None = None) -> bytearray:
    """Embedding levels per code point, before the per-line rule L1. `kind`: the paragraph's
    `paragraph_kind`, when the caller knows it already."""
    if kind is None:
        kind = paragraph_kind(text, level)
    if kind == "ltr":
        return bytearray(len(text))
    if kind == "rtl":
        return simple_rtl_levels(text, "R")
    return _levels_from_python_bidi(text, level)


def _levels_from_python_bidi(text: str, level: int) -> bytearray:
    dump = get_display(text, base_dir="R" if level else "L", debug=True)
    start = dump.index("levels: [")
    end = dump.index("paragraphs: [", start)
    per_byte = bytes(map(int, _LEVEL_IN_DUMP.findall(dump, start, end)))  # one level per UTF-8 byte
    # A character's level is its first byte's: keep the bytes that start a character.
    return bytearray(compress(per_byte, text.encode("utf-8").translate(_STARTS_A_CHARACTER)))


def simple_rtl_levels(text: str, last_strong: str) -> bytearray:
    """Levels of right-to-left text without L letters or explicit controls: 1, numbers 2.

    `last_strong` is the strong type before `text` ("R" for the paragraph start, sos,
    else "R" or "AL"). Applies W1–W7, N1–N2 and I1–I2 for that case: every neutral
    resolves to R, so only European and Arabic numbers (with the separators and
    terminators W4–W5 join to them) rise to level 2.
    """
    levels = bytearray(b"\x01") * len(text)
    types = [BIDI_CLASS[c] for c in text]
    if not {"EN", "AN"} & set(types):
        return levels
    # X9: boundary neutrals are invisible to the weak rules.
    visible = [i for i, t in enumerate(types) if t != "BN"]
    resolved = [types[i] for i in visible]
    previous = last_strong
    for k, t in enumerate(resolved):  # W1 (previous of the first is sos or a space: level 1 either way)
        if t == "NSM":
            resolved[k] = previous if k else "ON"
        previous = resolved[k]
    strong = last_strong
    for k, t in enumerate(resolved):  # W2, W3
        if t in ("R", "AL"):
            strong = t
            resolved[k] = "R"
        elif t == "EN" and strong == "AL":
            resolved[k] = "AN"
    for k in range(1, len(resolved) - 1):  # W4
        before, t, after = resolved[k - 1], resolved[k], resolved[k + 1]
        if t == "ES" and before == after == "EN":
            resolved[k] = "EN"
        elif t == "CS" and before == after and before in ("EN", "AN"):
            resolved[k] = before
    k = 0
    while k < len(resolved):  # W5
        if resolved[k] != "ET":
            k += 1
            continue
        end = k
        while end < len(resolved) and resolved[end] == "ET":
            end += 1
        if (k and resolved[k - 1] == "EN") or (end < len(resolved) and resolved[end] == "EN"):
            resolved[k:end] = ["EN"] * (end - k)
        k = end
    for k, t in zip(visible, resolved):  # I2: numbers at an odd level go up one
        if t in ("EN", "AN"):
            levels[k] = 2
    # A removed boundary neutral takes its neighbour's level so it never splits a run (X9 note).
    for k in range(1, len(types)):
        if types[k] == "BN":
            levels[k] = levels[k - 1]
    return levels


def visual_order(text: str, levels: bytes | bytearray, level: int, start: int, end: int) -> list[int]:
    """Logical indices of text[start:end] in screen order, left to right (rules L1 and L2)."""
    line = list(levels[start:end])
    trailing = True  # L1: whitespace and isolates before a separator or the line end
    for k in range(end - start - 1, -1, -1):
        t = BIDI_CLASS[text[start + k]]
        if t in ("S", "B"):
            line[k] = level
            trailing = True
        elif trailing and t in ("WS", "FSI", "LRI", "RLI", "PDI", "BN", "LRE", "RLE", "LRO", "RLO", "PDF"):
            line[k] = level
        else:
            trailing = False
    return reverse_runs(line, list(range(start, end)))


_Item = TypeVar("_Item")


def reverse_runs(levels: list[int], items: list[_Item]) -> list[_Item]:
    """Rule L2: from the highest level down to the lowest odd one, reverse every run of items
    at that level or higher. `levels` (one per item, after L1) is consumed."""
    if not levels:
        return items
    lowest_odd = min(levels) | 1
    for current in range(max(levels), lowest_odd - 1, -1):
        k = 0
        while k < len(levels):
            if levels[k] < current:
                k += 1
                continue
            run_end = k
            while run_end < len(levels) and levels[run_end] >= current:
                run_end += 1
            items[k:run_end] = items[k:run_end][::-1]
            levels[k:run_end] = levels[k:run_end][::-1]
            k = run_end
    return items
