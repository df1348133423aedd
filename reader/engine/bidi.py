"""Bidi levels (UAX #9) for a whole paragraph, and the visual order of one line of it.

python-bidi 0.6 exposes no levels: they are read from its debug dump (pinned version; proven
against BidiCharacterTest.txt). The dump costs about 50 bytes per byte of text, so two kinds
of paragraph that make up nearly all real text are resolved here directly, following the
same rules: right-to-left text with no left-to-right letters (levels 1, numbers 2) and
left-to-right text with no right-to-left letters or Arabic digits (all 0). A mixed paragraph
without explicit embeddings, isolates, boundary neutrals or paragraph separators is one
isolating run sequence: `_direct_levels` resolves it (W1–W7, N0–N2, I1–I2) over a string of
one letter per character's class, with regular expressions; python-bidi does the rest.
"""

import re
import unicodedata
from functools import cache
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


def _characters_but(excluded: set[str], ranges: tuple[tuple[int, int], ...]) -> re.Pattern[str]:
    """A pattern matching a text made of characters from `ranges` whose class is not `excluded`."""
    allowed = [code for first, last in ranges for code in range(first, last + 1)
               if BIDI_CLASS[chr(code)] not in excluded and not 0xD800 <= code < 0xE000]
    spans: list[list[int]] = []
    for code in allowed:
        if spans and spans[-1][1] == code - 1:
            spans[-1][1] = code
        else:
            spans.append([code, code])
    return re.compile("[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in spans)
                      + "]*")


@cache
def _simple_text() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns for the texts `paragraph_kind` can tell without collecting their classes: the
    scripts and punctuation of nearly every paragraph (Arabic, Latin, general punctuation)."""
    common = ((0x0000, 0x02FF), (0x2000, 0x206F))
    rtl = _characters_but(_NOT_SIMPLE_RTL, ((0x0600, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF), *common))
    ltr = _characters_but(_NOT_SIMPLE_LTR, ((0x0300, 0x058F), *common))
    return rtl, ltr


def paragraph_kind(text: str, level: int) -> str:
    """'rtl' or 'ltr' when the paragraph's levels follow from its characters alone, else 'mixed'."""
    simple_rtl, simple_ltr = _simple_text()
    if level == 1 and simple_rtl.fullmatch(text):
        return "rtl"
    if level == 0 and simple_ltr.fullmatch(text):
        return "ltr"
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
    levels = _direct_levels(text, level)
    return _levels_from_python_bidi(text, level) if levels is None else levels


def _levels_from_python_bidi(text: str, level: int) -> bytearray:
    dump = get_display(text, base_dir="R" if level else "L", debug=True)
    start = dump.index("levels: [")
    end = dump.index("paragraphs: [", start)
    per_byte = bytes(map(int, _LEVEL_IN_DUMP.findall(dump, start, end)))  # one level per UTF-8 byte
    # A character's level is its first byte's: keep the bytes that start a character.
    return bytearray(compress(per_byte, text.encode("utf-8").translate(_STARTS_A_CHARACTER)))


class _Codes(dict[int, str]):
    """One letter per bidi class, for str.translate: L R A(L) E(N) N (AN) s (ES) t (ET) c (CS)
    m (NSM) o (ON) w (WS) S; "x" for what `_direct_levels` leaves to python-bidi (explicit
    formatting characters, BN, B, and code points unassigned in this Python's Unicode, whose
    class python-bidi may know better)."""

    _LETTERS = {"L": "L", "R": "R", "AL": "A", "EN": "E", "AN": "N", "ES": "s", "ET": "t", "CS": "c",
                "NSM": "m", "ON": "o", "WS": "w", "S": "S"}

    def __missing__(self, code: int) -> str:
        char = chr(code)
        letter = "x" if unicodedata.category(char) == "Cn" else self._LETTERS.get(BIDI_CLASS[char], "x")
        self[code] = letter
        return letter


_CODES = _Codes()
# Bidi_Paired_Bracket (BidiBrackets.txt, Unicode 15): opening, closing, as 4-digit hex pairs.
_BRACKET_PAIRS = (
    "00280029 005B005D 007B007D 0F3A0F3B 0F3C0F3D 169B169C 20452046 207D207E 208D208E 23082309 "
    "230A230B 2329232A 27682769 276A276B 276C276D 276E276F 27702771 27722773 27742775 27C527C6 "
    "27E627E7 27E827E9 27EA27EB 27EC27ED 27EE27EF 29832984 29852986 29872988 2989298A 298B298C "
    "298D2990 298F298E 29912992 29932994 29952996 29972998 29D829D9 29DA29DB 29FC29FD 2E222E23 "
    "2E242E25 2E262E27 2E282E29 2E552E56 2E572E58 2E592E5A 2E5B2E5C 30083009 300A300B 300C300D "
    "300E300F 30103011 30143015 30163017 30183019 301A301B FE59FE5A FE5BFE5C FE5DFE5E FF08FF09 "
    "FF3BFF3D FF5BFF5D FF5FFF60 FF62FF63"
)
_CANONICAL = {"\u2329": "\u3008", "\u232a": "\u3009"}  # BD16 matches canonical equivalents
_CLOSING_OF = {chr(int(pair[:4], 16)): _CANONICAL.get(chr(int(pair[4:], 16)), chr(int(pair[4:], 16)))
               for pair in _BRACKET_PAIRS.split()}
_CLOSING = {chr(int(pair[4:], 16)) for pair in _BRACKET_PAIRS.split()}
_BRACKET = re.compile("[" + re.escape("".join(_CLOSING_OF) + "".join(_CLOSING)) + "]")
_BRACKET_DEPTH = 63  # BD16's stack
_NSM_AFTER = {letter: (letter + "m", letter + letter) for letter in "LRAENstcowS"}
_AL_SPAN = re.compile("A[^LR]*")  # from an AL to the next L or R: W2's reach
_EN_BESIDE_EN = re.compile("(?<=E)[sc](?=E)")  # W4
_CS_BESIDE_AN = re.compile("(?<=N)c(?=N)")
_ET_BESIDE_EN = re.compile("t+(?=E)|(?<=E)t+")  # W5
_W6_W3 = str.maketrans("stcA", "oooR")
_L_SPAN = re.compile("L[^R]*")  # W7's reach
_LEADING_NOT_STRONG = re.compile("[^LR]+")
_NEUTRALS_IN = {"R": re.compile("(?<=L)[owS]+(?=L)"), "L": re.compile("(?<=[REN])[owS]+(?=[REN])")}
_NEUTRALS_TO = {"R": str.maketrans("owS", "RRR"), "L": str.maketrans("owS", "LLL")}
_LEVEL_OF = {0: str.maketrans("LREN", "\x00\x01\x02\x02"), 1: str.maketrans("LREN", "\x02\x01\x02\x02")}


def _en_to_an(span: re.Match[str]) -> str:
    text = span[0]
    return text.replace("E", "N") if "E" in text else text


def _en_to_l(span: re.Match[str]) -> str:
    text = span[0]
    return text.replace("E", "L") if "E" in text else text


def _all_en(run: re.Match[str]) -> str:
    return "E" * len(run[0])


def _direct_levels(text: str, level: int) -> bytearray | None:
    """Levels of a paragraph that is one isolating run sequence (UAX #9 W1–W7, N0–N2, I1–I2),
    or None when it holds what only python-bidi resolves (see `_Codes`)."""
    original = text.translate(_CODES)
    if "x" in original:
        return None
    e = "R" if level else "L"  # the embedding direction, also sos and eos
    codes = original
    if "m" in codes:  # W1: a mark takes the type before it
        if codes[0] == "m":
            codes = e + codes[1:]
        while "m" in codes:
            for letter in set(codes) - {"m"}:
                codes = codes.replace(*_NSM_AFTER[letter])
    if "E" in codes and "A" in codes:  # W2
        codes = _AL_SPAN.sub(_en_to_an, codes)
    if "E" in codes or "N" in codes:
        if "s" in codes or "c" in codes:  # W4
            codes = _EN_BESIDE_EN.sub("E", codes)
            codes = _CS_BESIDE_AN.sub("N", codes)
        if "t" in codes:  # W5
            codes = _ET_BESIDE_EN.sub(_all_en, codes)
    codes = codes.translate(_W6_W3)  # W6, and W3 (no rule after W2 tells AL from R)
    if "E" in codes:  # W7
        if e == "L" and (leading := _LEADING_NOT_STRONG.match(codes)):
            codes = leading[0].replace("E", "L") + codes[leading.end():]
        if "L" in codes:
            codes = _L_SPAN.sub(_en_to_l, codes)
    if _BRACKET.search(text):
        resolved = _bracket_pairs(text, original, codes, e)
        if resolved is None:
            return None
        codes = resolved
    codes = _NEUTRALS_IN[e].sub(_same_as_neighbours, codes)  # N1 (the other side's runs)
    codes = codes.translate(_NEUTRALS_TO[e])  # N1 (this side's runs), N2
    return bytearray(codes.translate(_LEVEL_OF[level]).encode("latin-1"))  # I1, I2


def _same_as_neighbours(run: re.Match[str]) -> str:
    neighbour = run.string[run.end()]
    return ("L" if neighbour == "L" else "R") * (run.end() - run.start())


def _bracket_pairs(text: str, original: str, codes: str, e: str) -> str | None:
    """Rule N0 on `codes` (after W7); None when BD16's stack overflows (python-bidi decides)."""
    stack: list[tuple[str, int]] = []
    pairs = []
    for found in _BRACKET.finditer(text):
        at = found.start()
        if codes[at] != "o":
            continue
        char = text[at]
        if char in _CLOSING_OF:
            if len(stack) == _BRACKET_DEPTH:
                return None
            stack.append((_CLOSING_OF[char], at))
            continue
        char = _CANONICAL.get(char, char)
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == char:
                pairs.append((stack[depth][1], at))
                del stack[depth:]
                break
    if not pairs:
        return codes
    pairs.sort()
    resolved = list(codes)
    opposite = "L" if e == "R" else "R"
    strong_e = ("R", "E", "N") if e == "R" else ("L",)
    strong_opposite = ("L",) if e == "R" else ("R", "E", "N")
    for opening, closing in pairs:
        inside = resolved[opening + 1:closing]
        if any(t in inside for t in strong_e):
            direction = e
        elif any(t in inside for t in strong_opposite):
            before = e
            for k in range(opening - 1, -1, -1):
                t = resolved[k]
                if t == "L" or t in "REN":
                    before = "L" if t == "L" else "R"
                    break
            direction = opposite if before == opposite else e
        else:
            continue
        for bracket in (opening, closing):
            resolved[bracket] = direction
            k = bracket + 1
            while k < len(resolved) and original[k] == "m":  # marks after a bracket follow it
                resolved[k] = direction
                k += 1
    return "".join(resolved)


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
