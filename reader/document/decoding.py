"""Bytes to text: byte-order marks, UTF-8, the legacy Arabic code pages, or a forced encoding."""

from __future__ import annotations

import codecs


class DocumentError(Exception):
    """A document that cannot be read; str(error) is one line to show the user."""


_BOMS = (  # UTF-32 first: its little-endian mark starts like UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ARABIC_CODE_PAGES = ["cp1256", "iso8859_6"]
# The letters (and the article ال) that dominate Arabic text: a correct decoding is full of them,
# a decoding with the other Arabic code page turns them into rarer letters and Latin ones.
_FREQUENT_LETTERS = frozenset("اليمون")


def decode(data: bytes, label: str, encoding: str | None = None) -> str:
    if encoding is not None:
        return _decode_as(data, label, encoding)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, label, codec)
    nul = data.find(b"\0")
    if nul >= 0:
        raise DocumentError(f"{label}: binary file, not text (NUL byte at offset {nul}{_utf16_hint(data)})")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        detected = _detect(data)
        if detected is None:
            raise _undecodable(label, utf8_error, "UTF-8") from None
        return detected


def _utf16_hint(data: bytes) -> str:
    """UTF-16 without a byte-order mark has a NUL in every other byte of Latin or Arabic text
    (the high byte 0x00 or 0x06): say which --encoding would read it."""
    head = data[:256]
    for parity, name in ((1, "utf-16-le"), (0, "utf-16-be")):
        high = head[parity::2]
        if len(high) >= 2 and all(byte in (0x00, 0x06) for byte in high):
            return f"; if it is UTF-16 without a byte-order mark, try --encoding {name}"
    return ""


def _decode_as(data: bytes, label: str, encoding: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise DocumentError(f"{label}: unknown encoding {encoding!r}") from None
    try:
        text = data.decode(name)
    except UnicodeDecodeError as error:
        raise _undecodable(label, error, name) from None
    return text.removeprefix("\ufeff")


def _undecodable(label: str, error: UnicodeDecodeError, encoding: str) -> DocumentError:
    byte = error.object[error.start]
    return DocumentError(
        f"{label}: not valid text (invalid byte 0x{byte:02x} at offset {error.start} for {encoding})"
    )


def _detect(data: bytes) -> str | None:
    """Ask charset-normalizer, first among the Arabic code pages, then among all it knows.

    On short texts it often cannot tell Windows-1256 from ISO-8859-6 (both decode without
    "chaos"); only then do the frequencies of Arabic letters break the tie.
    """
    import charset_normalizer  # here: only a file that is not UTF-8 needs it, and it is slow to import
    arabic = charset_normalizer.from_bytes(data, cp_isolation=_ARABIC_CODE_PAGES)
    if arabic:
        least_chaos = min(match.chaos for match in arabic)
        tied = [match for match in arabic if match.chaos == least_chaos]
        return str(max(tied, key=lambda match: _arabic_score(str(match))))
    match = charset_normalizer.from_bytes(data).best()
    return None if match is None else str(match)


def _arabic_score(text: str) -> int:
    frequent = sum(char in _FREQUENT_LETTERS for char in text)
    latin_letters = sum(char.isalpha() and char.isascii() is False and char < "\u0600" for char in text)
    return frequent + 3 * text.count("ال") - 3 * latin_letters
