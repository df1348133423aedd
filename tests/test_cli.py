"""The command line as a user runs it: the installed `reader` console script, in a subprocess."""

import os
import subprocess
import sys
import tomllib
import unicodedata
from pathlib import Path

import pytest

from harness.commands import reader_script

REPO = Path(__file__).resolve().parent.parent
# The console script installed with the Python running the tests (this tree's, when installed
# editable as the README says), else whichever `reader` is on PATH.
READER = next((str(path) for path in [Path(sys.executable).parent / "reader"] if path.exists()), None) \
    or reader_script()
pytestmark = pytest.mark.skipif(READER is None, reason="the reader script is not installed")


def run(*args, cwd=None, stdin=None, env=None):
    return subprocess.run([READER, *args], capture_output=True, text=True, cwd=cwd, input=stdin,
                          env=env, timeout=60)


def test_version_and_help():
    version = run("--version")
    # The version of the installed distribution (named in pyproject.toml), not a fallback.
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert version.returncode == 0 and version.stdout.strip() == f"reader {project['version']}"
    help_text = run("--help").stdout
    for word in ("render", "quotes", "entities", "--base-dir", "--bidi"):
        assert word in help_text
    assert "--width" in run("render", "--help").stdout


@pytest.mark.parametrize("args, code", [
    (("render", "--width", "0"), 2),
    (("render", "--width", "wide"), 2),
    (("render", "--base-dir", "up"), 2),
    (("--no-such-option",), 2),
    (("render", "/no/such/file.txt"), 1),
    # render draws no names, yet a glossary that cannot be read is still bad input
    (("render", "--glossary", "/no/such/glossary.toml"), 1),
])
def test_bad_usage_and_bad_input_exit_codes(args, code):
    result = run(*args)
    assert result.returncode == code
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_bad_input_is_one_line_naming_the_problem(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n ")
    for path in (binary, empty, tmp_path):
        result = run("render", str(path))
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("reader: "), result.stderr


def test_render_prints_blocks_separated_by_one_blank_line_aligned_by_direction(tmp_path):
    document = tmp_path / "mixed.txt"
    document.write_text("نعم\n\nyes\n\nلا")
    result = run("render", "--width", "10", str(document))
    assert result.returncode == 0
    # نعم: noon initial, ain medial, meem final, drawn right to left and right-aligned in 10 cells;
    # لا is one ligature glyph (U+FEFB).
    assert result.stdout == "       \ufee2\ufecc\ufee7\n\nyes\n\n         \ufefb\n"


def test_render_of_a_pipe_has_no_escape_codes_and_defaults_to_80_cells():
    result = run("render")
    assert result.returncode == 0
    assert "\x1b" not in result.stdout
    lines = result.stdout.splitlines()
    cells = [sum(1 for char in line if not unicodedata.combining(char)) for line in lines]
    assert max(cells) == 80  # the article's long paragraphs fill the width
    assert all(line == line.rstrip(" ") for line in lines)


def test_stdin_and_a_file_named_like_a_subcommand(tmp_path):
    piped = run("render", "--width", "10", "-", stdin="abc\n")
    assert piped.stdout == "abc\n"
    (tmp_path / "render").write_text("hello")
    named = run("render", "--width", "10", "./render", cwd=tmp_path)
    assert named.stdout == "hello\n"
    opened_as_file = run("quotes", "--json", "render", cwd=tmp_path)  # FILE may be named 'render'
    assert opened_as_file.returncode == 0 and opened_as_file.stdout.strip() == "[]"


def test_bundled_article_ships_inside_the_built_package(tmp_path):
    """Built and installed from a wheel, not read from the source tree: the article and the
    glossaries come from the installed package."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "-w", str(tmp_path / "wheel"), str(REPO)], check=True, timeout=300)
    wheel = next((tmp_path / "wheel").glob("arabic_terminal_reader-*.whl"))
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run([sys.executable, "-c", "import reader.cli; print(reader.cli.bundled_article())"],
                           capture_output=True, text=True, cwd=elsewhere, env=env, check=True)
    assert where.stdout.strip().startswith(str(site))
    rendered = subprocess.run([sys.executable, "-m", "reader", "render", "--width", "60"],
                              capture_output=True, text=True, cwd=elsewhere, env=env, check=True)
    # The title انتهاء قمة كيم وبوتين… begins (at the right end of the first line) with انتهاء:
    # alef isolated, noon initial, teh medial, heh medial, alef final, hamza; drawn right to left.
    assert rendered.stdout.splitlines()[0].endswith(" \ufe80\ufe8e\ufeec\ufe98\ufee7\ufe8d")
    entities = subprocess.run([sys.executable, "-m", "reader", "entities", "--json"],
                              capture_output=True, text=True, cwd=elsewhere, env=env, check=True)
    assert '"vladimir-putin"' in entities.stdout
