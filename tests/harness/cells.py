"""The styled cells of a `tmux capture-pane -e` screen: each character with its SGR attributes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

_SGR = re.compile(r"\x1b\[([0-9;:]*)m")
_ATTRIBUTES = {1: "bold", 2: "dim", 3: "italic", 4: "underline", 5: "blink", 7: "reverse", 8: "hidden", 9: "strike"}
_ATTRIBUTE_OFF = {22: ("bold", "dim"), 23: ("italic",), 24: ("underline",), 25: ("blink",), 27: ("reverse",),
                  28: ("hidden",), 29: ("strike",)}


@dataclass(frozen=True)
class Style:
    attributes: frozenset[str] = field(default_factory=frozenset)
    fg: str = "default"
    bg: str = "default"


def _apply(style: Style, params: str) -> Style:
    codes = [part for part in params.split(";")] if params else ["0"]
    index = 0
    while index < len(codes):
        code = codes[index]
        if ":" in code:  # 4:3 curly underline and the like
            main = int(code.split(":")[0] or 0)
            if main == 4:
                on = code.split(":")[1] != "0"
                attributes = style.attributes | {"underline"} if on else style.attributes - {"underline"}
                style = replace(style, attributes=frozenset(attributes))
            index += 1
            continue
        number = int(code or 0)
        if number == 0:
            style = Style()
        elif number in _ATTRIBUTES:
            style = replace(style, attributes=style.attributes | {_ATTRIBUTES[number]})
        elif number in _ATTRIBUTE_OFF:
            style = replace(style, attributes=style.attributes - set(_ATTRIBUTE_OFF[number]))
        elif number in (38, 48):
            kind = codes[index + 1] if index + 1 < len(codes) else ""
            width = 3 if kind == "5" else 5 if kind == "2" else 2
            colour = ";".join(codes[index + 1:index + width])
            style = replace(style, **{"fg" if number == 38 else "bg": colour})
            index += width
            continue
        elif number == 39:
            style = replace(style, fg="default")
        elif number == 49:
            style = replace(style, bg="default")
        elif 30 <= number <= 37 or 90 <= number <= 97:
            style = replace(style, fg=str(number))
        elif 40 <= number <= 47 or 100 <= number <= 107:
            style = replace(style, bg=str(number))
        index += 1
    return style


def styled_rows(captured: str) -> list[list[tuple[str, Style]]]:
    """Per screen row, (character, style) for each character (a zero-width mark is its own entry)."""
    rows = []
    style = Style()
    for line in captured.split("\n"):
        row = []
        position = 0
        for match in _SGR.finditer(line):
            row += [(character, style) for character in line[position:match.start()]]
            style = _apply(style, match.group(1))
            position = match.end()
        row += [(character, style) for character in line[position:]]
        rows.append(row)
    return rows


def style_of(rows: list[list[tuple[str, Style]]], text: str) -> Style:
    """The style of the first occurrence of `text` on screen; every one of its cells must share it."""
    for row in rows:
        line = "".join(character for character, _ in row)
        at = line.find(text)
        if at >= 0:
            styles = {style for _, style in row[at:at + len(text)]}
            assert len(styles) == 1, f"{text!r} drawn in several styles: {styles}"
            return styles.pop()
    raise AssertionError(f"{text!r} is not on screen")


def styles_of(rows: list[list[tuple[str, Style]]], text: str) -> list[Style]:
    """The style of every occurrence of `text`, top to bottom."""
    found = []
    for row in rows:
        line = "".join(character for character, _ in row)
        at = line.find(text)
        while at >= 0:
            found.append(row[at][1])
            at = line.find(text, at + len(text))
    return found
