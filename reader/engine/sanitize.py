"""Make untrusted text safe to draw: nothing in it may reach the terminal as a control.

The mapping is one code point to one code point, so offsets computed on the original text
(quotes, mentions, search hits) stay valid on the sanitised text.
"""

import re

# Bidi embeddings, overrides and isolates are shown, never obeyed (Trojan Source).
BIDI_CONTROL_MARK = "\u2b1a"  # DOTTED SQUARE
C1_MARK = "\ufffd"

_TABLE: dict[int, str] = {}
for _code in range(0x20):
    if chr(_code) not in "\t\n":
        _TABLE[_code] = chr(0x2400 + _code)  # Control Pictures: ␀ … ␟ (ESC shows as ␛)
_TABLE[0x7F] = "\u2421"  # ␡
for _code in range(0x80, 0xA0):
    _TABLE[_code] = C1_MARK
for _code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)):
    _TABLE[_code] = BIDI_CONTROL_MARK
_TABLE[0x2028] = "\u21b5"  # LINE SEPARATOR: ↵ instead of a line break the layout does not expect
_TABLE[0x2029] = "\u00b6"  # PARAGRAPH SEPARATOR: ¶
for _code in range(0xD800, 0xE000):
    _TABLE[_code] = "\ufffd"  # lone surrogates cannot be encoded for the terminal


_UNSAFE = re.compile("[" + "".join(re.escape(chr(code)) for code in _TABLE if code < 0xD800) + "\ud800-\udfff]")


def sanitize(text: str) -> str:
    """Replace every control character except tab and newline by a visible placeholder."""
    return text.translate(_TABLE) if _UNSAFE.search(text) else text


# Copied text is the document's own letters, never the placeholders drawn on screen; only what
# could act on a terminal or a pasted-into program goes: C0 (but tab and newline), DEL, C1, bidi
# embeddings, overrides and isolates, and lone surrogates (no encoding carries them). The
# marks LRM, RLM and ALM stay: they are how Arabic text says which way a neutral goes.
_CLIPBOARD_REMOVED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def clipboard_text(text: str) -> str:
    """The text to put on the clipboard or in an export: controls removed, letters untouched."""
    return _CLIPBOARD_REMOVED.sub("", text)
