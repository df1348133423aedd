"""URLs, against real servers on 127.0.0.1 started by the test: a page, a slow one, a huge one, a
redirect loop, 404, a binary type, windows-1256, gzip, a book, and https with a self-signed
certificate (verification must fail). Each failure is one line and exit 1."""

import gzip
import http.server
import shutil
import ssl
import subprocess
import threading
import time
from pathlib import Path

import pytest

from harness.books import make_epub
from reader.document.loading import DocumentError, load_document

READER = shutil.which("reader")
PAGE = (Path(__file__).parent / "pages" / "div-soup.html").read_bytes()
WINDOWS_1256 = (Path(__file__).parent / "pages" / "br-paragraphs.html").read_bytes()
TEXT = "مقال قصير.\nوسطر ثان منه.\n".encode()


class Handler(http.server.BaseHTTPRequestHandler):
    book = b""

    def log_message(self, *args) -> None:  # quiet
        pass

    def send(self, body: bytes, content_type: str, status: int = 200, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the reader gave up first (a timeout)
            pass

    def do_GET(self) -> None:  # the name http.server calls
        path = self.path
        if path == "/article":
            self.send(PAGE, "text/html; charset=utf-8")
        elif path == "/text":
            self.send(TEXT, "text/plain; charset=utf-8")
        elif path == "/legacy":  # the header says windows-1256; the body too
            self.send(WINDOWS_1256, "text/html; charset=windows-1256")
        elif path == "/gzip":
            self.send(gzip.compress(PAGE), "text/html; charset=utf-8", headers={"Content-Encoding": "gzip"})
        elif path == "/gzip-bomb":
            self.send(gzip.compress(b"<p>" + b"x" * (20 << 20)), "text/html", headers={"Content-Encoding": "gzip"})
        elif path == "/slow":
            time.sleep(3)
            self.send(PAGE, "text/html")
        elif path == "/huge":  # no length: endless
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(64):
                    self.wfile.write(b"a" * (1 << 20))
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/loop":
            self.send(b"", "text/html", 302, {"Location": "/loop"})
        elif path == "/moved":
            self.send(b"", "text/html", 301, {"Location": "/article"})
        elif path == "/elsewhere":
            self.send(b"", "text/html", 302, {"Location": "file:///etc/passwd"})
        elif path == "/image":
            self.send(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")
        elif path == "/book":
            self.send(self.book, "application/epub+zip")
        else:
            self.send(b"<h1>Not Found</h1>", "text/html", 404)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    Handler.book = make_epub(tmp_path_factory.mktemp("book") / "b.epub").read_bytes()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def https_server(tmp_path_factory):
    directory = tmp_path_factory.mktemp("tls")
    key, certificate = directory / "key.pem", directory / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(certificate), "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True, timeout=60)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"https://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def failure(*args: str) -> str:
    result = subprocess.run([READER, "render", *args], capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: ") and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def test_a_page_is_read_for_its_article(server):
    document = load_document(f"{server}/article")
    assert document.source == f"{server}/article"  # the reading position is keyed by the URL
    assert document.title == "ارتفاع منسوب نهر العاصي يغمر أراضي زراعية في ريف حماة"
    assert "الأكثر قراءة" not in "\n".join(block.text for block in document.blocks)
    assert document.site == "صحيفة الوادي"


def test_a_redirect_is_followed(server):
    assert load_document(f"{server}/moved").title == "ارتفاع منسوب نهر العاصي يغمر أراضي زراعية في ريف حماة"


def test_gzip_and_plain_text(server):
    assert load_document(f"{server}/gzip").title == "ارتفاع منسوب نهر العاصي يغمر أراضي زراعية في ريف حماة"
    assert [block.text for block in load_document(f"{server}/text").blocks] == ["مقال قصير.", "وسطر ثان منه."]


def test_the_charset_from_the_server(server):
    document = load_document(f"{server}/legacy")
    assert document.title == "حريق يلتهم سوقا شعبيا وسط المدينة"


def test_a_book_from_a_url(server):
    document = load_document(f"{server}/book")
    assert (document.title, document.byline) == ("رحلة إلى الواحات", "سلمى الراوي")


def test_render_a_url(server):
    result = subprocess.run([READER, "render", "--bidi", "terminal", "--width", "120", f"{server}/article"],
                            capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no progress: stderr is not a terminal
    assert result.stdout.split("\n\n")[1].strip() == "ارتفاع منسوب نهر العاصي يغمر أراضي زراعية في ريف حماة"


def test_each_failure_is_one_line(server):
    assert failure("--timeout", "0.5", f"{server}/slow") == f"reader: {server}/slow: no answer within 0.5 s (--timeout)"
    assert failure("--max-size", "4M", f"{server}/huge") == (
        f"reader: {server}/huge: larger than the size limit of 4 MiB (raise it with --max-size)")
    assert failure("--max-size", "4M", f"{server}/gzip-bomb") == (
        f"reader: {server}/gzip-bomb: larger than the size limit of 4 MiB (raise it with --max-size)")
    assert failure(f"{server}/loop") == f"reader: {server}/loop: more than 5 redirects, or a redirect loop"
    assert failure(f"{server}/missing") == f"reader: {server}/missing: HTTP 404 Not Found"
    assert failure(f"{server}/image") == (
        f"reader: {server}/image: not a page, a text or a book (the server says image/png)")
    assert failure(f"{server}/elsewhere") == (
        f"reader: {server}/elsewhere: redirected to 'file:///etc/passwd', which is not http or https")


def test_connection_failures_are_one_line():
    with __import__("socket").socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    assert failure(f"http://127.0.0.1:{port}/") == f"reader: http://127.0.0.1:{port}/: connection refused"
    assert failure("http://no-such-host.invalid/") == (
        "reader: http://no-such-host.invalid/: cannot find the host no-such-host.invalid")
    assert failure("ftp://example.com/file.txt") == "reader: ftp://example.com/file.txt: only http and https URLs can be read"


def test_a_self_signed_certificate_is_refused(https_server):
    message = failure(f"{https_server}/article")
    assert message.startswith(f"reader: {https_server}/article: TLS certificate not trusted (")
    assert "self" in message  # "self-signed certificate"


def test_the_same_errors_in_process(server):
    with pytest.raises(DocumentError, match="HTTP 404"):
        load_document(f"{server}/nothing")
