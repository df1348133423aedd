"""Reading a raw pty byte stream: every control sequence in it, and which ones Textual authors.

An allow-list, not a deny-list: a sequence is accepted only if it has one of
the shapes Textual 8.2.8 (and reader.terminal) write. Anything else in the
stream came from somewhere else, i.e. from the document.
"""

from __future__ import annotations

import re

_ST = r"(?:\x07|\x1b\\)"
_TOKEN = re.compile(
    r"\x1b\[(?P<csi>[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e])"  # CSI params intermediates final
    rf"|\x1b\](?P<osc>[^\x07\x1b]*){_ST}"  # OSC … BEL/ST
    rf"|\x1b(?P<string>[P_^X])[^\x1b]*{_ST}?"  # DCS, APC, PM, SOS
    r"|\x1b(?P<esc>.?)"  # any other escape, or a lone ESC at the end
    r"|(?P<control>[\x00-\x09\x0b\x0c\x0e-\x1f\x7f\x80-\x9f])",  # C0 (not \n \r), DEL, C1
    re.S,
)

# What Textual writes: SGR, cursor position, private modes (set/reset/query),
# the kitty keyboard protocol push/pop, and reader.terminal's CSI 8 l/h.
_TEXTUAL_CSI = re.compile(
    r"[0-9;:]*m"
    r"|\d+;\d+H"
    r"|\?[\d;]+[hl]"
    r"|\?\d+\$p"
    r"|8[hl]"
    r"|>\d+u"
    r"|<u"
)
# OSC 22: pointer shape. OSC 8: a hyperlink, only to an http(s) URL with nothing but
# URL-safe characters (the app validated and percent-encoded it), or the closing `8;;`.
_TEXTUAL_OSC = re.compile(
    r"22;[a-z-]+"
    r"|8;[A-Za-z0-9=:;._-]*;(?:https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+)?"
)


def control_sequences(raw: bytes) -> list[str]:
    """Every escape sequence and stray control character in `raw`, in order (repr-able strings)."""
    text = raw.decode("utf-8")
    return [match.group(0) for match in _TOKEN.finditer(text)]


def foreign_sequences(raw: bytes) -> list[str]:
    """The control sequences in `raw` that Textual does not write: any is a leak."""
    text = raw.decode("utf-8")
    foreign = []
    for match in _TOKEN.finditer(text):
        if match.group("csi") is not None and _TEXTUAL_CSI.fullmatch(match.group("csi")):
            continue
        if match.group("osc") is not None and _TEXTUAL_OSC.fullmatch(match.group("osc")):
            continue
        foreign.append(match.group(0))
    return foreign
