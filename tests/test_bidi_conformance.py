"""Unicode's own bidi conformance files, run through the raw bidi layer (`reader.engine.bidi`).

The files define levels and the L1–L2 visual order of one line (no L3/L4, no sanitising), which is
exactly what `base_level`, `resolve_levels` and `visual_order` promise. Each test loops over every
case and lists all failures with their reason, so one run shows the whole picture.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.unicode_bidi import apply_l1, read_l1_classes
from reader.engine.bidi import base_level, resolve_levels, visual_order

UNICODE_DATA = Path("/usr/share/unicode")
CHARACTER_TEST = UNICODE_DATA / "BidiCharacterTest.txt"
CLASS_TEST = UNICODE_DATA / "BidiTest.txt"

needs_unicode_data = pytest.mark.skipif(
    not CHARACTER_TEST.exists(), reason="Debian package unicode-data is not installed")

BASE_DIRS = {"0": "ltr", "1": "rtl", "2": "auto"}

def check_case(text: str, base_dir: str, expected_paragraph_level: int, expected_levels: list[str],
               expected_order: list[int], classes: dict[int, str]) -> str | None:
    """None when the engine agrees with the file, otherwise why not."""
    paragraph_level = base_level(text, base_dir)
    if paragraph_level != expected_paragraph_level:
        return f"paragraph level: expected {expected_paragraph_level}, got {paragraph_level}"
    levels = resolve_levels(text, paragraph_level)
    line_levels = apply_l1(text, list(levels), paragraph_level, classes)
    got_levels = ["x" if want == "x" else str(got) for want, got in zip(expected_levels, line_levels)]
    if len(levels) != len(text) or got_levels != expected_levels:
        return f"levels (after L1): expected {' '.join(expected_levels)}, got {' '.join(got_levels)}"
    order = visual_order(text, levels, paragraph_level, 0, len(text))
    got_order = [i for i in order if expected_levels[i] != "x"]
    if got_order != expected_order:
        return f"visual order: expected {expected_order}, got {got_order}"
    return None


def describe(text: str) -> str:
    return " ".join(f"{ord(ch):04X}" for ch in text)


@needs_unicode_data
def test_every_case_of_bidi_character_test():
    classes = read_l1_classes()
    failures = []
    count = 0
    for line_number, line in enumerate(CHARACTER_TEST.read_text().splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        code_points, direction, paragraph_level, levels, order = line.split(";")
        text = "".join(chr(int(cp, 16)) for cp in code_points.split())
        count += 1
        reason = check_case(text, BASE_DIRS[direction], int(paragraph_level), levels.split(),
                            [int(i) for i in order.split()], classes)
        if reason:
            failures.append(f"line {line_number}: [{describe(text)}] dir={BASE_DIRS[direction]}: {reason}")
    print(f"BidiCharacterTest.txt: {count - len(failures)} of {count} cases pass")
    assert count > 90_000, "BidiCharacterTest.txt looks truncated"
    assert not failures, f"{len(failures)} of {count} cases fail:\n" + "\n".join(failures[:200])


# One representative character per bidi class, for BidiTest.txt (which lists classes, not
# characters). None of them is a paired bracket, as that file requires.
REPRESENTATIVES = {
    "L": "a", "R": "\u05d0", "AL": "\u0627", "EN": "1", "ES": "+", "ET": "%", "AN": "\u0660",
    "CS": ",", "NSM": "\u0300", "BN": "\u00ad", "B": "\u2029", "S": "\t", "WS": " ", "ON": "!",
    "LRE": "\u202a", "RLE": "\u202b", "PDF": "\u202c", "LRO": "\u202d", "RLO": "\u202e",
    "LRI": "\u2066", "RLI": "\u2067", "FSI": "\u2068", "PDI": "\u2069",
}
CLASS_TEST_DIRECTIONS = ((1, "auto"), (2, "ltr"), (4, "rtl"))


def first_strong_level(class_names: list[str]) -> int:
    """Rules P2–P3 on bidi class names: the first L, R or AL outside isolates decides; LTR if none."""
    depth = 0
    for name in class_names:
        if name in ("LRI", "RLI", "FSI"):
            depth += 1
        elif name == "PDI" and depth:
            depth -= 1
        elif depth == 0 and name in ("L", "R", "AL"):
            return 0 if name == "L" else 1
    return 0


@needs_unicode_data
def test_every_case_of_bidi_test():
    classes = read_l1_classes()
    failures = []
    count = 0
    levels: list[str] = []
    order: list[int] = []
    for line_number, line in enumerate(CLASS_TEST.read_text().splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if line.startswith("@Levels:"):
            levels = line.removeprefix("@Levels:").split()
        elif line.startswith("@Reorder:"):
            order = [int(i) for i in line.removeprefix("@Reorder:").split()]
        elif ";" in line:
            class_names, bitset = line.split(";")
            names = class_names.split()
            text = "".join(REPRESENTATIVES[name] for name in names)
            expected_levels = {"auto": first_strong_level(names), "ltr": 0, "rtl": 1}
            checked_levels = set()
            for bit, base_dir in CLASS_TEST_DIRECTIONS:
                if not int(bitset, 16) & bit:
                    continue
                count += 1
                paragraph_level = base_level(text, base_dir)
                if paragraph_level != expected_levels[base_dir]:
                    reason = f"paragraph level: expected {expected_levels[base_dir]}, got {paragraph_level}"
                elif paragraph_level in checked_levels:
                    continue  # same text, same paragraph level: the same computation as a case already run
                else:
                    checked_levels.add(paragraph_level)
                    reason = check_case(text, base_dir, paragraph_level, levels, order, classes)
                if reason:
                    failures.append(f"line {line_number}: [{class_names.strip()}] dir={base_dir}: {reason}")
    print(f"BidiTest.txt: {count - len(failures)} of {count} cases pass")
    assert count > 700_000, "BidiTest.txt looks truncated"
    assert not failures, f"{len(failures)} of {count} cases fail:\n" + "\n".join(failures[:200])
