"""`reader --justify kashida` in a real terminal (tmux): the article reads the same, flush on both edges."""

import re
import unicodedata

import pytest

from harness.tmux import SCRIPTS, SHELL_PROMPT, TMUX, interactive_shell

pytestmark = pytest.mark.skipif(
    not (TMUX and (SCRIPTS / "reader").exists()), reason="needs tmux and the installed reader"
)
TATWEEL = "\u0640"


def article_screen(tmp_path, *args: str) -> list[str]:
    """The rows of the article (without the status line and footer) once the app has settled."""
    with interactive_shell(tmp_path, 100, 30) as shell:
        shell.type_text(" ".join(["reader", *args]))
        shell.send_keys("Enter")
        shell.wait_for_screen(lambda screen: "palette" in screen, "the app")
        screen = shell.settled_screen(quiet=0.5, timeout=20).split("\n")
        shell.send_keys("q")
        shell.wait_for_screen(lambda screen: SHELL_PROMPT.rstrip() in screen.split("\n")[-1] or
                              screen.rstrip().endswith(SHELL_PROMPT.rstrip()), "the shell again")
    return screen[1:-1]


def squeezed(row: str) -> str:
    return re.sub(" +", " ", row.replace(TATWEEL, "").strip(" │"))


def test_the_justified_article_is_the_plain_one_stretched_to_the_measure(tmp_path):
    plain = article_screen(tmp_path / "plain")
    justified = article_screen(tmp_path / "justified", "--justify", "kashida")
    assert len(plain) == len(justified)
    edges = set()
    stretched = 0
    for before, after in zip(plain, justified):
        assert squeezed(after) == squeezed(before)  # the same words in the same order on each row
        if after != before:
            text = "".join(c for c in after.rstrip(" │█▇▆▅▄▃▂▁") if unicodedata.category(c) != "Mn")  # cells
            edges.add((len(text) - len(text.lstrip(" ")), len(text.rstrip(" "))))
            stretched += after.count(TATWEEL) - before.count(TATWEEL)
    assert stretched > 5
    assert len(edges) == 1, f"justified rows start and end in different columns: {edges}"
