"""Arabic keyboard layouts: which Latin key a typed Arabic character stands for.

Terminals send characters, not key positions: with an Arabic layout active,
the key the app binds to `q` sends `ض`. `latin_key` maps such a character back
to the character the US layout sends from the same key and level, so a reader
gets the same actions from the same physical keys.

Each layout below is written as four rows of keys, unshifted then shifted,
in the order of `US_ROWS`. A token is what the key sends; `--` means the
shifted key sends nothing of its own (the unshifted character again).

Rules, and why:
- Only non-ASCII characters are translated: an ASCII character is exactly what
  a Latin-layout user sends, so it must keep its meaning.
- A key that sends two characters (Windows `لا`) is left out: the terminal
  delivers `ل` then `ا`, indistinguishable from two key presses.
- A character sent from two different positions of one layout is left out.
- `any` holds the characters every layout that has them agrees on
  (ض→q, س→s, ث→e, ت→j, ن→k, ؟→? …); the layouts differ elsewhere
  (the b key sends ﻻ on Linux, لا on Windows, ز on macOS).
"""

from __future__ import annotations

US_ROWS: tuple[tuple[str, str], ...] = (
    ("`1234567890-=", "~!@#$%^&*()_+"),
    ("qwertyuiop[]\\", "QWERTYUIOP{}|"),
    ("asdfghjkl;'", 'ASDFGHJKL:"'),
    ("zxcvbnm,./", "ZXCVBNM<>?"),
)
"""The keys the app binds, by position: the US layout, rows from the top."""

_NO_OWN_CHARACTER = "--"

# Linux: xkb-data 2.35.1 /usr/share/X11/xkb/symbols/ara, xkb_symbols "basic",
# levels 1 and 2. tests/test_keyboard.py derives this table again from that file.
_LINUX_ROWS = (
    (
        "ذ 1 2 3 4 5 6 7 8 9 0 - =",
        "\u0651 ! @ # $ % ^ & * ) ( _ +",
    ),
    (
        "ض ص ث ق ف غ ع ه خ ح ج د \\",
        "\u064e \u064b \u064f \u064c \ufef9 إ ` ÷ × ؛ < > …",
    ),
    (
        "ش س ي ب ل ا ت ن م ك ط",
        '\u0650 \u064d ] [ \ufef7 أ ـ ، / : "',
    ),
    (
        "ئ ء ؤ ر \ufefb ى ة و ز ظ",
        "~ \u0652 } { \ufef5 آ ' , . ؟",
    ),
)

# Windows "Arabic (101)" (KBDA1): Unicode CLDR keyboards/windows/ar-t-k0-windows.xml
# (unicode-org/cldr, commit 12a1d54ae7ea00459b6901c1a5bf73938c53d472), maps
# without modifier and with shift.
_WINDOWS_ROWS = (
    (
        "ذ 1 2 3 4 5 6 7 8 9 0 - =",
        "\u0651 ! @ # $ % ^ & * ) ( _ +",
    ),
    (
        "ض ص ث ق ف غ ع ه خ ح ج د \\",
        "\u064e \u064b \u064f \u064c لإ إ \u2018 ÷ × ؛ < > |",
    ),
    (
        "ش س ي ب ل ا ت ن م ك ط",
        '\u0650 \u064d ] [ لأ أ ـ ، / : "',
    ),
    (
        "ئ ء ؤ ر لا ى ة و ز ظ",
        "~ \u0652 } { لآ آ \u2019 , . ؟",
    ),
)

# macOS "Arabic": Unicode CLDR keyboards/osx/ar-t-k0-osx.xml (same commit),
# maps without modifier and `shift+caps?`; keys absent from the shift map are `--`.
_MACOS_ROWS = (
    (
        "ـ ١ ٢ ٣ ٤ ٥ ٦ ٧ ٨ ٩ ٠ - =",
        "-- ! ❊ # $ ٪ ^ & * ) ( ـ +",
    ),
    (
        "ض ص ث ق ف غ ع ه خ ح ج ة \\",
        "\u064e \u064b \u0650 \u064d \u064f \u064c \u0652 \u0651 ] [ } { |",
    ),
    (
        "ش س ي ب ل ا ت ن م ك ؛",
        '« » ى -- -- آ -- -- -- : "',
    ),
    (
        "ظ ط ذ د ز ر و ، . /",
        "' -- ئ ء أ إ ؤ > < ؟",
    ),
)

LAYOUT_ROWS: dict[str, tuple[tuple[str, str], ...]] = {
    "linux": _LINUX_ROWS,
    "windows": _WINDOWS_ROWS,
    "macos": _MACOS_ROWS,
}

LAYOUT_NAMES: tuple[str, ...] = ("any", *LAYOUT_ROWS)


def _positions(rows: tuple[tuple[str, str], ...]) -> dict[str, set[str]]:
    """Each translatable character a layout sends → the Latin keys at the positions sending it."""
    positions: dict[str, set[str]] = {}
    for (unshifted, shifted), (latin_unshifted, latin_shifted) in zip(rows, US_ROWS, strict=True):
        for tokens, latin in ((unshifted.split(), latin_unshifted), (shifted.split(), latin_shifted)):
            if len(tokens) != len(latin):
                raise ValueError(f"row of {len(tokens)} keys where the US row has {len(latin)}")
            for token, latin_character in zip(tokens, latin):
                if token != _NO_OWN_CHARACTER and len(token) == 1 and not token.isascii():
                    positions.setdefault(token, set()).add(latin_character)
    return positions


def _unambiguous(positions: dict[str, set[str]]) -> dict[str, str]:
    return {character: next(iter(latins)) for character, latins in positions.items() if len(latins) == 1}


def _merged(layouts: list[dict[str, set[str]]]) -> dict[str, set[str]]:
    merged: dict[str, set[str]] = {}
    for positions in layouts:
        for character, latins in positions.items():
            merged.setdefault(character, set()).update(latins)
    return merged


_POSITIONS = {name: _positions(rows) for name, rows in LAYOUT_ROWS.items()}
_TABLES: dict[str, dict[str, str]] = {name: _unambiguous(positions) for name, positions in _POSITIONS.items()}
_TABLES["any"] = _unambiguous(_merged(list(_POSITIONS.values())))


def latin_key(character: str | None, layout: str = "any") -> str | None:
    """The Latin character of the key that sends `character` in `layout`, or None.

    None for ASCII, for characters the layout does not send and for ambiguous ones.
    """
    if character is None:
        return None
    return _TABLES[layout].get(character)
