"""TOML from files the user points at (config, glossaries): parsed within bounds, or one line why not.

tomllib recurses once per level of nested arrays and inline tables (a deep file raises
RecursionError) and spends time quadratic in the parts of a dotted key (`a.a.a…`: 8,000 parts
take 9 s). Neither the config nor a glossary nests more than a few levels, so both are refused
before or while parsing, with a message instead of a traceback.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

MAX_KEY_PARTS = 32
_KEY_PART = r"(?:[A-Za-z0-9_-]+|\"[^\"\n]*\"|'[^'\n]*')"
# Starts only where a part starts (not inside a bare word), so the search stays linear.
_LONG_DOTTED_KEY = re.compile(rf"(?<![A-Za-z0-9_\-\"'])(?:{_KEY_PART}[ \t]*\.[ \t]*){{{MAX_KEY_PARTS},}}")


class TomlError(ValueError):
    """`str()` is the one line saying what is wrong (no file name: the caller adds it)."""


def parse_toml(text: str) -> dict[str, Any]:
    if _LONG_DOTTED_KEY.search(text):
        raise TomlError(f"a dotted key of more than {MAX_KEY_PARTS} parts")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TomlError(str(error)) from None
    except RecursionError:
        raise TomlError("arrays or tables nested too deeply") from None
