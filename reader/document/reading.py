"""Bytes in, bounded: one size limit for every source (files, stdin, URL bodies, EPUB contents).

Everything is read in chunks and stops at the limit with one message (`too_large`), so a
`/dev/zero`, an endless pipe or a zip bomb costs at most the limit, never all the memory.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from reader.document.decoding import DocumentError, binary_file

DEFAULT_MAX_SIZE = 256 * 1024 * 1024
SMALL_FILE_LIMIT = 16 * 1024 * 1024  # a config file or a glossary: read before --max-size is known
CHUNK = 1 << 20
_UNITS = {"": 1, "b": 1, "k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10, "m": 1 << 20, "mb": 1 << 20,
          "mib": 1 << 20, "g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30}
_SIZE = re.compile(r"\s*(\d{1,15})\s*([a-z]*)\s*", re.IGNORECASE)


def parse_size(text: str) -> int:
    """`300M`, `1G`, `64k`, `5000` (bytes; K, M and G are powers of 1024). ValueError, whose
    text is one line, for anything else."""
    match = _SIZE.fullmatch(text)
    unit = match.group(2).lower() if match else ""
    if match is None or unit not in _UNITS or int(match.group(1)) == 0:
        raise ValueError(f"not a size: {text!r} (expected a positive number of bytes, or with K, M or G)")
    return int(match.group(1)) * _UNITS[unit]


def human_size(size: int) -> str:
    """Exact, in the largest unit that divides it: the limit as the user wrote it."""
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


def too_large(label: str, limit: int, what: str = "") -> DocumentError:
    """The one message of the size limit; `what` says what grew past it (inflated EPUB contents…)."""
    return DocumentError(f"{label}: {what or 'larger than'} the size limit of {human_size(limit)} "
                         "(raise it with --max-size)")


def read_stream(stream: BinaryIO, label: str, limit: int, *,
                stop_at_nul: Callable[[bytes], bool] = lambda head: False) -> bytes:
    """The whole stream, at most `limit` bytes (DocumentError past it). When `stop_at_nul(first
    chunk)` is true, a NUL byte ends the reading at once with the "binary file" message: a text
    never has one, and `reader - </dev/urandom` should not read 256 MB to say so."""
    chunks: list[bytes] = []
    size = 0
    check_nul = False
    while True:
        chunk = stream.read(min(CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        if not chunks:
            check_nul = stop_at_nul(chunk)
        if check_nul:
            nul = chunk.find(b"\0")
            if nul >= 0:
                raise binary_file(label, b"".join(chunks) + chunk, size + nul)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise too_large(label, limit)


def open_file(path: str, label: str) -> BinaryIO:
    """The file opened for reading, or DocumentError with one line saying why not."""
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise DocumentError(f"{label}: no such file") from None
    except IsADirectoryError:
        raise DocumentError(f"{label}: is a directory, not a file") from None
    except PermissionError:
        raise DocumentError(f"{label}: permission denied") from None
    except OSError as error:
        raise DocumentError(f"{label}: cannot read ({error.strerror or error})") from None


def read_small_file(path: Path, label: str, limit: int) -> bytes:
    """A configuration or glossary file: a regular file of at most `limit` bytes. A FIFO or a
    device (`/dev/zero`) is refused before it is opened, where it could block or never end."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise
    except OSError as error:
        raise DocumentError(f"{label}: cannot read ({error.strerror or error})") from None
    if stat.S_ISDIR(mode):
        raise DocumentError(f"{label}: is a directory, not a file")
    if not stat.S_ISREG(mode):
        raise DocumentError(f"{label}: not a regular file")
    with open_file(str(path), label) as stream:
        try:
            return read_stream(stream, label, limit)
        except OSError as error:
            raise DocumentError(f"{label}: cannot read ({error.strerror or error})") from None
