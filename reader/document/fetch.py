"""Fetch a document from an http(s) URL: verified TLS, a timeout, the size limit, few redirects.

Every failure is one line naming it (host not found, refused, timeout, TLS, HTTP status, too
large, not a page/text/book); the body is read in chunks and counted — after gzip is undone —
against the same size limit as files.
"""

from __future__ import annotations

import re
import sys
import time
import zlib
from dataclasses import dataclass
from typing import IO
from urllib.parse import urlsplit

from reader.document.decoding import DocumentError
from reader.document.reading import CHUNK, human_size, too_large

DEFAULT_TIMEOUT = 10.0  # seconds, for connecting and for each read (--timeout)
MAX_REDIRECTS = 5
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
# What a reader reads; anything else (images, PDFs, archives) is refused by its content type.
FORMATS = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text", "text/markdown": "markdown",
           "text/x-markdown": "markdown", "application/epub+zip": "epub"}


def is_url(source: str) -> bool:
    """Whether `source` is meant as a URL (any scheme://, so that ftp:// is refused, not opened
    as a file name)."""
    return bool(_SCHEME.match(source))


@dataclass
class Fetched:
    data: bytes
    fmt: str  # "html", "text", "markdown" or "epub", from the content type
    charset: str | None  # from the Content-Type header
    url: str  # where the body came from, after redirects: the base of relative links


def fetch(url: str, limit: int, timeout: float = DEFAULT_TIMEOUT, progress: IO[str] | None = None) -> Fetched:
    """The body of `url` (progress written to `progress`, a terminal, if given)."""
    import ssl
    import urllib.error
    import urllib.request  # here: socket, ssl and urllib take ~100 ms that a file never needs

    class Redirects(urllib.request.HTTPRedirectHandler):
        max_redirections = MAX_REDIRECTS
        max_repeats = 2  # urllib's loop detection: the same URL twice is a loop

        def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
            if urlsplit(newurl).scheme.lower() not in ("http", "https"):
                raise DocumentError(f"redirected to {newurl!r}, which is not http or https")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise DocumentError(f"{url}: only http and https URLs can be read")
    if not parts.hostname:
        raise DocumentError(f"{url}: no host in this URL")
    opener = urllib.request.build_opener(
        Redirects(), urllib.request.HTTPSHandler(context=ssl.create_default_context()))
    request = urllib.request.Request(url, headers={
        "User-Agent": "reader (an Arabic reader for the terminal)", "Accept-Encoding": "gzip",
        "Accept": "text/html,application/xhtml+xml,text/plain,application/epub+zip;q=0.9,*/*;q=0.1"})
    try:
        with opener.open(request, timeout=timeout) as response:
            headers = response.headers
            content_type = headers.get_content_type()
            fmt = FORMATS.get(content_type)
            if fmt is None:
                raise DocumentError(f"{url}: not a page, a text or a book (the server says {content_type})")
            length = headers.get("Content-Length", "")
            gzipped = headers.get("Content-Encoding", "").strip().lower() in ("gzip", "x-gzip")
            if length.isdigit() and int(length) > limit and not gzipped:
                raise too_large(url, limit)
            data = _body(response, url, limit, timeout, gzipped, progress)
            return Fetched(data, fmt, headers.get_content_charset(), response.geturl())
    except DocumentError as error:
        message = str(error)
        raise DocumentError(message if message.startswith(url) else f"{url}: {message}") from None
    except urllib.error.HTTPError as error:
        if error.code in (301, 302, 303, 307, 308):
            location = (error.headers.get("Location") or "") if error.headers else ""
            if location and urlsplit(location).scheme.lower() not in ("", "http", "https"):
                raise DocumentError(f"{url}: redirected to {location!r}, which is not http or https") from None
            raise DocumentError(f"{url}: more than {MAX_REDIRECTS} redirects, or a redirect loop") from None
        raise DocumentError(f"{url}: HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise DocumentError(f"{url}: {_reason(error.reason, parts.hostname, timeout)}") from None
    except TimeoutError:  # socket.timeout is TimeoutError
        raise DocumentError(f"{url}: no answer within {timeout:g} s (--timeout)") from None
    except (OSError, ValueError) as error:  # a connection reset while reading, a malformed answer
        raise DocumentError(f"{url}: {_reason(error, parts.hostname, timeout)}") from None
    finally:
        if progress is not None:
            progress.write("\r\x1b[K")
            progress.flush()


def _reason(reason: object, host: str, timeout: float) -> str:
    import socket
    import ssl

    if isinstance(reason, socket.gaierror):
        return f"cannot find the host {host}"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"TLS certificate not trusted ({reason.verify_message})"
    if isinstance(reason, ssl.SSLError):
        return f"TLS failed ({reason.reason or reason})"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} s (--timeout)"
    if isinstance(reason, OSError):
        return f"cannot connect ({reason.strerror or reason})"
    return str(reason)


def _body(response: IO[bytes], url: str, limit: int, timeout: float, gzipped: bool,
          progress: IO[str] | None) -> bytes:
    """Read in chunks; the size (inflated, when gzip) is counted as it comes, and the whole
    reading may take at most a few timeouts (a server trickling bytes is a timeout too)."""
    deadline = time.monotonic() + 3 * timeout
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = response.read(CHUNK // 4)
        if not chunk:
            break
        if inflater is not None:
            try:
                chunk = inflater.decompress(chunk, limit + 1 - size)
            except zlib.error:
                raise DocumentError("the server's gzip is broken") from None
        size += len(chunk)
        if size > limit:
            raise too_large(url, limit)
        chunks.append(chunk)
        if progress is not None:
            progress.write(f"\rreader: fetching… {human_size(size)}\x1b[K")
            progress.flush()
        if time.monotonic() > deadline:
            raise DocumentError(f"no answer within {timeout:g} s (--timeout)")
    return b"".join(chunks)


def progress_stream() -> IO[str] | None:
    """stderr when it is a terminal (progress is for a person watching, never for a log)."""
    return sys.stderr if sys.stderr.isatty() else None
