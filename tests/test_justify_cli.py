"""`reader render --justify …` on the bundled article, as a user runs it."""

import os
import re
import subprocess

import pytest

from harness.commands import reader_script
from harness.layout_invariants import glyph_cells, is_mark
from reader.cli import bundled_article
from reader.document.loading import open_document
from reader.document.model import BlockKind

READER = reader_script()
TATWEEL = "\u0640"
WIDTH = 60


def render(*args: str, env: dict | None = None) -> list[list[str]]:
    """The printed blocks (separated by one blank line), each a list of lines."""
    result = subprocess.run([READER, "render", "--width", str(WIDTH), *args], check=False, capture_output=True,
                            text=True, timeout=60, env={**os.environ, **(env or {})})
    assert result.returncode == 0, result.stderr
    return [block.split("\n") for block in result.stdout.rstrip("\n").split("\n\n")]


def cells(line: str) -> int:
    return sum(0 if is_mark(c) else glyph_cells(c) for c in line)


def squeezed(line: str) -> str:
    return re.sub(" +", " ", line.replace(TATWEEL, "").strip())


@pytest.fixture(scope="module")
def kinds() -> list[BlockKind]:
    document, _ = open_document(bundled_article())
    return [block.kind for block in document.blocks]


@pytest.fixture(scope="module")
def plain() -> list[list[str]]:
    return render("--justify", "none")


def test_kashida_fills_body_lines_and_leaves_everything_else(kinds, plain):
    justified = render("--justify", "kashida")
    assert len(justified) == len(plain) == len(kinds)
    stretched = 0
    for kind, ours, theirs in zip(kinds, justified, plain):
        assert len(ours) == len(theirs)
        for number, (line, before) in enumerate(zip(ours, theirs)):
            full = kind is BlockKind.BODY and number < len(ours) - 1 and len(before.split()) >= 4
            if not full:
                assert line == before, f"{kind} line {number} changed"
                continue
            assert cells(line) == WIDTH, line
            assert squeezed(line) == squeezed(before)  # the same line but for tatweel and spaces
            stretched += line.count(TATWEEL) - before.count(TATWEEL)
    assert stretched > 20  # the article's lines are stretched by kashida, not only by spaces


@pytest.mark.parametrize("fallback", [("--bidi", "terminal"), ("--no-shape",)])
def test_kashida_falls_back_to_spaces_when_the_terminal_shapes(fallback):
    plain = render("--justify", "none", *fallback)
    justified = render("--justify", "kashida", *fallback)
    for ours, theirs in zip(justified, plain):
        for line, before in zip(ours, theirs):
            assert line.count(TATWEEL) == before.count(TATWEEL)
    assert any(cells(line) == WIDTH and line != before
               for ours, theirs in zip(justified, plain) for line, before in zip(ours, theirs))


def test_the_environment_and_the_config_file_choose_it(tmp_path, plain):
    by_env = render(env={"READER_JUSTIFY": "spaces"})
    assert by_env != plain and TATWEEL not in "".join(map("".join, by_env))
    (tmp_path / "reader").mkdir()
    (tmp_path / "reader" / "config.toml").write_text('justify = "kashida"\n', encoding="utf-8")
    by_config = render(env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert by_config == render("--justify", "kashida")
    assert render("--justify", "none", env={"XDG_CONFIG_HOME": str(tmp_path)}) == plain
