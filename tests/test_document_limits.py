"""One size limit for every source, NUL checks as bytes arrive, text encodings only, and UTF-8
with a few broken bytes (issue 11 items 4 and 10; issue 9 "Encodings")."""

import os
import subprocess

import pytest

from harness.commands import reader_script
from reader.document.loading import DocumentError, load_document
from reader.document.reading import parse_size

READER = reader_script()
ARTICLE = "قال المتحدث إن المعرض يفتح أبوابه غدا في العاصمة، وإن الدخول مجاني للجميع.\n"


def run(*args, stdin=None, env=None, timeout=60):
    environment = {**os.environ, **(env or {})}
    if "READER_MAX_SIZE" not in (env or {}):
        environment.pop("READER_MAX_SIZE", None)
    return subprocess.run([READER, *args], check=False, capture_output=True, input=stdin, env=environment, timeout=timeout)


def one_line(stderr: bytes) -> str:
    lines = stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: ") and "Traceback" not in lines[0], stderr
    return lines[0]


def test_dev_zero_stops_at_its_first_byte():
    result = run("render", "/dev/zero")
    assert result.returncode == 1
    assert "binary file, not text (NUL byte at offset 0)" in one_line(result.stderr)


def test_random_bytes_on_stdin_stop_at_the_first_nul():
    with open("/dev/urandom", "rb") as random:
        result = subprocess.run([READER, "render", "-"], stdin=random, check=False, capture_output=True, timeout=60)
    assert result.returncode == 1
    assert "stdin: binary file, not text (NUL byte at offset" in one_line(result.stderr)


def test_an_endless_pipe_of_text_stops_at_the_limit():
    yes = subprocess.Popen(["yes", "نص"], stdout=subprocess.PIPE)
    try:
        result = subprocess.run([READER, "render", "--max-size", "2M", "-"], stdin=yes.stdout,
                                check=False, capture_output=True, timeout=60)
    finally:
        yes.kill()
        yes.wait()
    assert result.returncode == 1
    assert one_line(result.stderr) == "reader: stdin: larger than the size limit of 2 MiB (raise it with --max-size)"
    assert result.stdout == b""


def test_the_limit_from_flag_environment_and_config_file(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE * 20)  # 2.8 KB
    config = tmp_path / "config" / "reader"
    config.mkdir(parents=True)
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    assert run("render", str(path), env=env).returncode == 0
    assert "size limit of 1 KiB" in one_line(run("render", "--max-size", "1k", str(path), env=env).stderr)
    assert "size limit of 2 KiB" in one_line(run("render", str(path), env={**env, "READER_MAX_SIZE": "2K"}).stderr)
    (config / "config.toml").write_text('max-size = "1500"\n')
    assert "size limit of 1500 bytes" in one_line(run("quotes", str(path), env=env).stderr)
    assert run("render", "--max-size", "1M", str(path), env=env).returncode == 0  # the flag wins
    bad = run("render", "--max-size", "lots", str(path), env=env)
    assert bad.returncode == 2 and "not a size: 'lots'" in one_line(bad.stderr)


@pytest.mark.parametrize("text, size", [("5000", 5000), ("64k", 65536), ("300M", 300 << 20), ("1 GiB", 1 << 30)])
def test_sizes(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["0", "-1", "1.5M", "12 parsecs", ""])
def test_not_sizes(text):
    with pytest.raises(ValueError):
        parse_size(text)


def test_nul_bytes_are_text_in_utf16_and_utf32(tmp_path):
    for codec in ("utf-16", "utf-32"):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(ARTICLE.encode(codec))
        assert load_document(str(path)).blocks[0].text == ARTICLE.strip()
    forced = tmp_path / "le.txt"
    forced.write_bytes(ARTICLE.encode("utf-16-le"))
    assert load_document(str(forced), encoding="utf-16-le").blocks[0].text == ARTICLE.strip()


@pytest.mark.parametrize("encoding", ["rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "undefined"])
def test_only_text_encodings_are_accepted(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    result = run("render", "--encoding", encoding, str(path))
    assert result.returncode == 1 and result.stdout == b""
    assert f"--encoding: {encoding!r} is not" in one_line(result.stderr)


def test_a_config_file_that_never_ends_is_refused(tmp_path):
    config = tmp_path / "reader"
    config.mkdir()
    os.mkfifo(config / "config.toml")  # opening it would wait for a writer forever
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    result = run("render", str(path), env={"XDG_CONFIG_HOME": str(tmp_path)}, timeout=30)
    assert result.returncode == 2
    assert "config.toml: not a regular file" in one_line(result.stderr)


def test_a_glossary_that_never_ends_is_refused(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    with pytest.raises(DocumentError, match="/dev/zero: glossary: not a regular file"):
        load_document(str(path), glossaries=[__import__("pathlib").Path("/dev/zero")])


def test_utf8_with_a_few_bad_bytes_is_utf8_with_a_notice(tmp_path):
    first, second = len(ARTICLE[:10].encode()), len((ARTICLE * 2)[:90].encode())  # between letters
    data = ARTICLE.encode() * 3
    broken = data[:first] + b"\xff" + data[first:second] + b"\xc3" + data[second:]  # 2 bad bytes in 440
    path = tmp_path / "broken.txt"
    path.write_bytes(broken)
    document = load_document(str(path))
    assert sum(block.text.count("\ufffd") for block in document.blocks) == 2
    assert document.blocks[0].text.startswith("قال المتحد\ufffdث إن")
    assert document.notices == (f"{path}: 2 invalid UTF-8 bytes shown as \ufffd (the first at offset {first})",)
    result = run("render", "--width", "60", str(path))
    assert result.returncode == 0
    assert "\ufffd" in result.stdout.decode() and "invalid UTF-8" not in result.stdout.decode()
    assert one_line(result.stderr) == f"reader: {path}: 2 invalid UTF-8 bytes shown as \ufffd (the first at offset {first})"
    strict = run("render", "--encoding", "utf-8", str(path))
    assert strict.returncode == 1
    assert f"invalid byte 0xff at offset {first} for utf-8" in one_line(strict.stderr)


@pytest.mark.parametrize("codec", ["cp1256", "iso8859_6"])
def test_legacy_code_pages_are_still_detected(tmp_path, codec):
    path = tmp_path / "legacy.txt"
    path.write_bytes(ARTICLE.encode(codec))
    document = load_document(str(path))
    assert document.blocks[0].text == ARTICLE.strip()
    assert document.notices == ()
