"""Arabic keyboard layouts: the same physical key gives the same action."""

import re
import string
from pathlib import Path

import pytest

from reader.keyboard import LAYOUT_NAMES, LAYOUT_ROWS, US_ROWS, latin_key

XKB_SYMBOLS = Path("/usr/share/X11/xkb/symbols")
KEYSYMDEF = Path("/usr/include/X11/keysymdef.h")

# xkb key names in the order of US_ROWS.
XKB_ROWS = (
    ["TLDE"] + [f"AE{n:02}" for n in range(1, 13)],
    [f"AD{n:02}" for n in range(1, 13)] + ["BKSL"],
    [f"AC{n:02}" for n in range(1, 12)],
    [f"AB{n:02}" for n in range(1, 11)],
)


def keysym_characters() -> dict[str, str]:
    """xkb keysym name → the character it types, from X11's keysymdef.h."""
    pattern = re.compile(r"#define XK_(\w+)\s+0x[0-9a-fA-F]+\s*/\*\(?\s*U\+([0-9A-Fa-f]{4,6})")
    return {
        match.group(1): chr(int(match.group(2), 16))
        for match in pattern.finditer(KEYSYMDEF.read_text(encoding="latin-1"))
    }


def xkb_levels(layout: str, variant: str = "basic") -> dict[str, list[str]]:
    """Key name → keysym names per level, for one xkb_symbols block (no includes followed)."""
    text = (XKB_SYMBOLS / layout).read_text(encoding="utf-8")
    block = re.search(rf'xkb_symbols "{variant}" \{{(.*?)\n\}};', text, re.S).group(1)
    return {
        match.group(1): [name.strip() for name in match.group(2).split(",")]
        for match in re.finditer(r"key <(\w+)>\s*\{\s*\[([^\]]*)\]", block)
    }


def keysym_to_text(name: str, keysyms: dict[str, str]) -> str:
    if re.fullmatch(r"U[0-9A-Fa-f]{4,6}", name):
        return chr(int(name[1:], 16))
    if re.fullmatch(r"0x100[0-9A-Fa-f]{4}", name):
        return chr(int(name, 16) - 0x1000000)
    return keysyms[name]


@pytest.mark.skipif(not (XKB_SYMBOLS / "ara").exists() or not KEYSYMDEF.exists(),
                    reason="needs xkb-data and x11proto-dev")
def test_linux_rows_are_the_xkb_ara_layout():
    keysyms = keysym_characters()
    arabic = xkb_levels("ara")
    us = xkb_levels("us")
    for row_keys, (ours_unshifted, ours_shifted), (us_unshifted, us_shifted) in zip(
        XKB_ROWS, LAYOUT_ROWS["linux"], US_ROWS, strict=True
    ):
        derived_unshifted = [keysym_to_text(arabic[key][0], keysyms) for key in row_keys]
        derived_shifted = [keysym_to_text(arabic[key][1], keysyms) for key in row_keys]
        assert ours_unshifted.split() == derived_unshifted
        assert ours_shifted.split() == derived_shifted
        # The Latin side is the real US layout too.
        assert [keysym_to_text(us[key][0], keysyms) for key in row_keys] == list(us_unshifted)
        assert [keysym_to_text(us[key][1], keysyms) for key in row_keys] == list(us_shifted)


@pytest.mark.parametrize("layout", LAYOUT_NAMES)
@pytest.mark.parametrize(
    ("arabic", "latin"),
    [("ض", "q"), ("س", "s"), ("ث", "e"), ("ت", "j"), ("ن", "k"), ("؟", "?"), ("ج", "["), ("\u064e", "Q")],
)
def test_keys_every_layout_agrees_on(layout, arabic, latin):
    assert latin_key(arabic, layout) == latin


def test_the_b_key_differs_between_layouts():
    assert latin_key("\ufefb", "linux") == "b"  # xkb sends the lam-alef ligature itself
    assert latin_key("ز", "macos") == "b"
    assert latin_key("ز", "linux") == "."
    # Windows sends two characters, ل then ا: they stay the g and h keys.
    assert latin_key("ل", "windows") == "g"
    assert latin_key("ا", "windows") == "h"
    # The layouts disagree on ز, so without knowing the layout it is no key.
    assert latin_key("ز", "any") is None
    assert latin_key("\ufefb", "any") == "b"


def test_layout_specific_characters():
    assert latin_key("\u2019", "windows") == "M"
    assert latin_key("\u2019", "linux") is None
    assert latin_key("ة", "linux") == "m"
    assert latin_key("ة", "macos") == "]"
    assert latin_key("٣", "macos") == "3"


def test_a_character_sent_by_two_keys_is_not_translated():
    # macOS sends the tatweel from ` and from shift+-.
    assert latin_key("ـ", "macos") is None
    # ...so it is no key under `any` either, though Linux and Windows agree on J.
    assert latin_key("ـ", "linux") == "J"
    assert latin_key("ـ", "windows") == "J"
    assert latin_key("ـ", "any") is None


@pytest.mark.parametrize("layout", LAYOUT_NAMES)
def test_ascii_keeps_its_meaning(layout):
    for character in string.printable:
        assert latin_key(character, layout) is None


@pytest.mark.parametrize("layout", LAYOUT_NAMES)
def test_no_character_and_unknown_characters(layout):
    assert latin_key(None, layout) is None
    assert latin_key("é", layout) is None
    assert latin_key("ڭ", layout) is None
