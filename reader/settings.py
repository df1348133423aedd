"""User settings: bidi mode, shaping, keyboard layout, justification, harakat.

Each setting is resolved on its own, first match wins: command-line flag,
environment variable, config file (`$XDG_CONFIG_HOME/reader/config.toml`),
default. A bad value anywhere raises `SettingsError` whose text is one line
for the user.
"""

from __future__ import annotations

import argparse
import os
import reprlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from reader.document.decoding import DocumentError
from reader.document.reading import (
    DEFAULT_MAX_SIZE,
    SMALL_FILE_LIMIT,
    parse_size,
    read_small_file,
)
from reader.keyboard import LAYOUT_NAMES

BIDI_MODES = ("app", "terminal")
"""`app`: we shape and reorder, the terminal must not. `terminal`: we send
logical, unshaped text and the terminal does both (Konsole, mlterm)."""

JUSTIFY_MODES = ("none", "spaces", "kashida")
"""How body paragraphs fill the measure: ragged, widened spaces, or kashida (tatweel) with spaces."""

HARAKAT_MODES = ("all", "shadda", "none")
"""Which Arabic diacritics are drawn: every one, only shadda and superscript alef, or none."""

_TRUE_WORDS = ("1", "yes", "true", "on")
_FALSE_WORDS = ("0", "no", "false", "off")


@dataclass(frozen=True)
class Settings:
    bidi: str = "app"
    shape: bool = True
    keyboard: str = "any"
    justify: str = "none"
    harakat: str = "all"
    found_names: bool = True  # people and organisations found in the text itself join the glossary

    @property
    def app_reorders(self) -> bool:
        """Whether the app sends visual order (and must switch the terminal's own bidi off)."""
        return self.bidi == "app"

    @property
    def app_shapes(self) -> bool:
        """Whether the app sends presentation forms instead of leaving joining to the terminal."""
        return self.bidi == "app" and self.shape


class SettingsError(ValueError):
    """A setting that cannot be used; `str()` is the one line to show the user."""


def config_path() -> Path:
    return platformdirs.user_config_path("reader") / "config.toml"


def add_harakat_arguments(parser: argparse.ArgumentParser) -> None:
    """Add `--harakat` and its older synonym `--drop-harakat` (the two exclude each other)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--harakat",
        choices=HARAKAT_MODES,
        default=None,
        help="diacritics to draw: all (default), shadda (shadda and superscript alef), none",
    )
    group.add_argument("--drop-harakat", action="store_true", default=None, help="the same as --harakat none")


def add_found_names_argument(parser: argparse.ArgumentParser) -> None:
    """Add `--no-found-names` (also READER_FOUND_NAMES=0, `found_names = false` in the config)."""
    parser.add_argument(
        "--no-found-names",
        action="store_true",
        default=None,
        help="glossary from the bundled and your glossaries and place data only: no people or "
        "organisations found in the text itself",
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add `--bidi`, `--no-shape`, `--keyboard` and `--justify` to a (sub)command's parser."""
    parser.add_argument(
        "--bidi",
        choices=BIDI_MODES,
        default=None,
        help="app: reorder and shape here (default); terminal: send logical text "
        "for terminals that do bidi themselves (Konsole, mlterm)",
    )
    parser.add_argument(
        "--no-shape",
        action="store_true",
        default=None,
        help="reorder but leave letter joining to the terminal",
    )
    parser.add_argument(
        "--keyboard",
        choices=LAYOUT_NAMES,
        default=None,
        help="Arabic keyboard layout whose keys act as the Latin keys at the same "
        "place (default: any, the characters all layouts agree on)",
    )
    parser.add_argument(
        "--justify",
        choices=JUSTIFY_MODES,
        default=None,
        help="body paragraphs: none (ragged, default), spaces (widen spaces), kashida (stretch "
        "letters with tatweel, then spaces; spaces under --bidi terminal or --no-shape)",
    )


def from_arguments(args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> Settings:
    """Resolve settings for a parser prepared with `add_arguments` and/or `add_harakat_arguments`
    (options a command does not have are resolved as if not given)."""
    return resolve(
        bidi=getattr(args, "bidi", None),
        shape=False if getattr(args, "no_shape", None) else None,
        keyboard=getattr(args, "keyboard", None),
        justify=getattr(args, "justify", None),
        harakat="none" if getattr(args, "drop_harakat", None) else getattr(args, "harakat", None),
        found_names=False if getattr(args, "no_found_names", None) else None,
        environ=os.environ if environ is None else environ,
    )


def resolve(
    *,
    bidi: str | None = None,
    shape: bool | None = None,
    keyboard: str | None = None,
    justify: str | None = None,
    harakat: str | None = None,
    found_names: bool | None = None,
    environ: Mapping[str, str],
    config_file: Path | None = None,
) -> Settings:
    """Settings from flags (None = not given), then environ, then the config file."""
    config = _read_config(config_path() if config_file is None else config_file)
    return Settings(
        bidi=_first(
            bidi,
            _choice_from_env(environ, "READER_BIDI", BIDI_MODES),
            config.get("bidi"),
            Settings.bidi,
        ),
        shape=_first(
            shape,
            _bool_from_env(environ, "READER_SHAPE"),
            config.get("shape"),
            Settings.shape,
        ),
        keyboard=_first(
            keyboard,
            _choice_from_env(environ, "READER_KEYBOARD", LAYOUT_NAMES),
            config.get("keyboard"),
            Settings.keyboard,
        ),
        justify=_first(
            justify,
            _choice_from_env(environ, "READER_JUSTIFY", JUSTIFY_MODES),
            config.get("justify"),
            Settings.justify,
        ),
        harakat=_first(
            harakat,
            _choice_from_env(environ, "READER_HARAKAT", HARAKAT_MODES),
            config.get("harakat"),
            Settings.harakat,
        ),
        found_names=_first(
            found_names,
            _bool_from_env(environ, "READER_FOUND_NAMES"),
            config.get("found_names"),
            Settings.found_names,
        ),
    )


def max_size(flag: str | None, environ: Mapping[str, str], config_file: Path | None = None) -> int:
    """The size limit of every document read (`--max-size`, READER_MAX_SIZE, `max-size` in the
    config file, else reading.DEFAULT_MAX_SIZE), in bytes."""
    if flag is not None:
        try:
            return parse_size(flag)
        except ValueError as error:
            raise SettingsError(f"--max-size: {error}") from None
    value = environ.get("READER_MAX_SIZE", "").strip()
    if value:
        try:
            return parse_size(value)
        except ValueError as error:
            raise SettingsError(f"READER_MAX_SIZE: {error}") from None
    path = config_path() if config_file is None else config_file
    configured = _read_config(path).get("max-size")
    if configured is None:
        return DEFAULT_MAX_SIZE
    try:
        return parse_size(str(configured))
    except ValueError as error:
        raise SettingsError(f"bad config file {path}: max-size: {error}") from None


def _first(*values):
    return next(value for value in values if value is not None)


def _choice_from_env(environ: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str | None:
    value = environ.get(name, "").strip()
    if not value:
        return None
    if value not in choices:
        raise SettingsError(f"{name}={value!r} is not one of: {', '.join(choices)}")
    return value


def _bool_from_env(environ: Mapping[str, str], name: str) -> bool | None:
    value = environ.get(name, "").strip().lower()
    if not value:
        return None
    if value in _TRUE_WORDS:
        return True
    if value in _FALSE_WORDS:
        return False
    raise SettingsError(f"{name}={value!r} is not one of: {', '.join(_TRUE_WORDS + _FALSE_WORDS)}")


_CONFIG_CHOICES: dict[str, tuple] = {
    "bidi": BIDI_MODES,
    "shape": (True, False),
    "keyboard": LAYOUT_NAMES,
    "justify": JUSTIFY_MODES,
    "harakat": HARAKAT_MODES,
    "found_names": (True, False),
}
_CONFIG_SIZES = ("max-size",)  # a size: a number of bytes, or a string such as "300M"


def _read_config(path: Path) -> dict:
    """The checked contents of the config file; {} when there is none."""
    try:
        data = read_small_file(path, f"cannot read config file {path}", SMALL_FILE_LIMIT)
    except FileNotFoundError:
        return {}
    except DocumentError as error:
        raise SettingsError(str(error)) from None
    from reader.toml_text import TomlError, parse_toml  # only with a config file (tomllib is slow to import)

    try:
        config = parse_toml(data.decode("utf-8"))
    except (UnicodeDecodeError, TomlError) as error:
        raise SettingsError(f"bad config file {path}: {error}") from None
    for key, value in config.items():
        if key in _CONFIG_SIZES and type(value) in (int, str):
            continue
        if key not in _CONFIG_CHOICES:
            raise SettingsError(
                f"bad config file {path}: unknown setting {key!r} "
                f"(known: {', '.join((*_CONFIG_CHOICES, *_CONFIG_SIZES))})"
            )
        choices = _CONFIG_CHOICES[key]
        # `type` check: TOML `1` must not pass for `true` (1 == True in Python).
        if type(value) is not type(choices[0]) or value not in choices:
            shown = ", ".join(_toml_literal(choice) for choice in choices)
            raise SettingsError(
                f"bad config file {path}: {key} = {_toml_literal(value)} is not one of: {shown}"
            )
    return config


def _toml_literal(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    # repr() escapes control and format characters: the file's text never reaches the terminal raw;
    # reprlib's keeps a long or deeply nested value to one short line.
    return _SHORT_REPR.repr(value)


_SHORT_REPR = reprlib.Repr()
_SHORT_REPR.maxlevel, _SHORT_REPR.maxstring, _SHORT_REPR.maxother = 2, 60, 60
