"""Bytes to text: byte-order marks, UTF-8, the legacy Arabic code pages, or a forced encoding."""

from __future__ import annotations

import codecs
import re


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


BAD_UTF8_SHARE = 0.01  # below this share of invalid bytes, a UTF-8 file is read with U+FFFD for them


def decode(data: bytes, label: str, encoding: str | None = None, declared: str | None = None) -> tuple[str, str]:
    """The text, and a notice for the reader ("" when none). In order: a forced encoding
    (strict, `--encoding utf-8` too), a byte-order mark, UTF-8, the charset a server (`declared`,
    from its Content-Type) or a web page (<meta charset>) declares, UTF-8 but for a few invalid bytes (under BAD_UTF8_SHARE: read as UTF-8 with
    U+FFFD for each and a notice, never as mojibake of another code page), then detection."""
    if encoding is not None:
        return _decode_as(data, label, text_encoding(encoding, label)), ""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, label, codec), ""
    nul = data.find(b"\0")
    if nul >= 0:
        raise binary_file(label, data, nul)
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError as utf8_error:
        declared = _known(declared) or declared_charset(data)
        if declared is not None:
            try:
                return data.decode(declared), ""
            except UnicodeDecodeError:
                pass  # the page lies about itself: read it as if it said nothing
        text, bad, first = _utf8_with_replacements(data)
        if bad <= BAD_UTF8_SHARE * len(data):
            noun = "byte" if bad == 1 else "bytes"
            return text, (f"{label}: {bad} invalid UTF-8 {noun} shown as \ufffd "
                          f"(the first at offset {first})")
        detected = _detect(data)
        if detected is None:
            raise _undecodable(label, utf8_error, "UTF-8") from None
        return detected, ""


_META_CHARSET = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{1,40})""", re.IGNORECASE)


def _known(encoding: str | None) -> str | None:
    try:
        return text_encoding(encoding) if encoding else None
    except DocumentError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The text encoding a saved web page declares in its first 4 KB (<meta charset>, or the
    http-equiv Content-Type), if Python knows it as a text encoding."""
    found = _META_CHARSET.search(data[:4096])
    return None if found is None else _known(found.group(1).decode("ascii"))


def _utf8_with_replacements(data: bytes) -> tuple[str, int, int]:
    """The text with U+FFFD for each invalid byte, how many there were, and the first's offset."""
    bad: list[int] = []

    def replace(error: UnicodeError) -> tuple[str, int]:
        assert isinstance(error, UnicodeDecodeError)
        bad.extend(range(error.start, error.end))
        return "\ufffd" * (error.end - error.start), error.end

    codecs.register_error("reader-count-bad-bytes", replace)
    text = data.decode("utf-8", errors="reader-count-bad-bytes")
    return text, len(bad), bad[0] if bad else 0


def text_encoding(encoding: str, label: str = "--encoding") -> str:
    """The codec's canonical name, if it decodes bytes to text (not rot13, base64, zlib…)."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise DocumentError(f"{label}: unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise DocumentError(f"{label}: {encoding!r} is not a text encoding")
    try:
        codecs.decode(b"", info.name)
    except (UnicodeError, ValueError, TypeError):  # "undefined" refuses everything
        raise DocumentError(f"{label}: {encoding!r} is not an encoding text can be read with") from None
    return info.name


def nul_expected(head: bytes, encoding: str | None) -> bool:
    """Whether NUL bytes are part of the text: UTF-16/32 by its byte-order mark or forced."""
    if encoding is not None:
        return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    return head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE))  # UTF-32 LE too


def binary_file(label: str, data: bytes, offset: int) -> DocumentError:
    return DocumentError(f"{label}: binary file, not text (NUL byte at offset {offset}{_utf16_hint(data)})")


def _utf16_hint(data: bytes) -> str:
    """UTF-16 without a byte-order mark has a NUL in every other byte of Latin or Arabic text
    (the high byte 0x00 or 0x06): say which --encoding would read it."""
    head = data[:256]
    for parity, name in ((1, "utf-16-le"), (0, "utf-16-be")):
        high = head[parity::2]
        if len(high) >= 2 and all(byte in (0x00, 0x06) for byte in high) and any(head[1 - parity::2]):
            return f"; if it is UTF-16 without a byte-order mark, try --encoding {name}"
    return ""


def _decode_as(data: bytes, label: str, name: str) -> str:
    try:
        text = data.decode(name)
    except UnicodeDecodeError as error:
        raise _undecodable(label, error, name) from None
    except UnicodeError as error:  # a codec such as idna that fails without a position
        raise DocumentError(f"{label}: not valid text for {name} ({error})") from None
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
