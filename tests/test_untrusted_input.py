"""Nothing from a document reaches the terminal as a control sequence.

A corpus of payloads (OSC title / hyperlink / clipboard, CSI clear and cursor
moves, DCS, APC, C1, DEL, raw ESC, bidi overrides) is written into plain text,
Markdown and HTML files. The real app runs on each in tmux: the pane title
never changes and the raw pty byte stream holds no sequence Textual does not
author. `reader render` on the same files, stdout a file, prints no control
character but the newline.
"""

import os
import re
import subprocess

import pytest

from harness.escapes import foreign_sequences
from harness.tmux import TmuxSession, environment_for_app, reader_command

TITLE_MARK = "PWNED-TITLE"
PAYLOADS = {
    "osc-title-bel": f"\x1b]2;{TITLE_MARK}\x07",
    "osc-title-st": f"\x1b]0;{TITLE_MARK}\x1b\\",
    "osc-hyperlink": "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "osc-clipboard": "\x1b]52;c;cHduZWQ=\x07",
    "csi-clear": "\x1b[2J\x1b[3J",
    "csi-cursor": "\x1b[5A\x1b[6n\x1b[?1049l",
    "dcs": "\x1bP+q544e\x1b\\",
    "dcs-tmux-passthrough": f"\x1bPtmux;\x1b\x1b]2;{TITLE_MARK}\x07\x1b\\",
    "apc": "\x1b_Gf=100;AAAA\x1b\\",
    "c1-csi": "\u009b2J",
    "c1-osc": f"\u009d2;{TITLE_MARK}\u009c",
    "del": "a\x7fb",
    "raw-esc": "\x1b",
    "c0": "\x07\x08\x0b\x0c\x0e\x0f\x1a",
    "bidi-override": "\u202eابحرم\u202c \u2067عالم\u2069 \u202bx\u202ay\u202dz\u202c \u2066a\u2068b\u2069",
}
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def plain_text() -> str:
    paragraphs = ["CANARY تقرير عن الرسائل"]
    paragraphs += [f"فقرة {name}: قبل{payload}بعد before{payload}after" for name, payload in PAYLOADS.items()]
    return "\n\n".join(paragraphs) + "\n"


def markdown() -> str:
    lines = ["# CANARY عنوان", "", "[رابط سليم](https://example.com/ok) و[سيئ](javascript:alert(1))", ""]
    for name, payload in PAYLOADS.items():
        lines += [
            f"## قسم {name} {payload}",
            "",
            f"نص *مائل{payload}* و**عريض{payload}** و`رمز{payload}` "
            f"و[رابط{payload}](https://example.com/{name}{payload}) و[سيئ](javascript:alert({name!r}))",
            "",
            f"> «اقتباس{payload}» قال المتحدث",
            "",
            "```",
            f"code {payload}",
            "```",
            "",
        ]
    return "\n".join(lines)


# Prose around the payloads, so that the article extractor finds an article in the page.
PROSE = ("تواصلت أعمال المؤتمر في يومه الثاني بجلسات مطولة ناقش فيها المشاركون أوراقا بحثية عن "
         "مستقبل الصحافة المطبوعة وتحديات النشر الرقمي في المنطقة. ")


def html(prose: str = "") -> str:
    # Payloads raw and as character references (&#27; is ESC once the parser decodes it).
    body = []
    for name, payload in PAYLOADS.items():
        referenced = "".join(f"&#{ord(c)};" if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F else c for c in payload)
        body.append(
            f"<h2>قسم {name} {payload}</h2>"
            f"<p>{prose}نص{payload} مرجع{referenced} "
            f'<a href="https://example.com/{name}{referenced}">رابط{referenced}</a> '
            f'<a href="javascript:alert(1)">سيئ</a> <img alt="{referenced}"></p>'
        )
    return (
        f"<!doctype html><html><head><title>عنوان{PAYLOADS['osc-title-bel']}</title>"
        f"<script>document.write('\x1b]2;{TITLE_MARK}\x07')</script></head>"
        f"<body><h1>CANARY عنوان</h1>{''.join(body)}</body></html>"
    )


# A page is read through the article extractor, and whole with --full-page: both paths.
DOCUMENTS = {"payloads.txt": plain_text, "payloads.md": markdown, "payloads.html": lambda: html(PROSE),
             "payloads-full-page.html": html}
OPTIONS = {"payloads-full-page.html": ("--full-page",)}


@pytest.fixture(params=sorted(DOCUMENTS))
def payload_file(request, tmp_path):
    path = tmp_path / request.param
    path.write_text(DOCUMENTS[request.param](), encoding="utf-8")
    return path


def test_render_to_a_file_prints_no_control_character(payload_file, tmp_path):
    result = subprocess.run(
        [*reader_command("render", "--width", "60", *OPTIONS.get(payload_file.name, ()), str(payload_file))],
        capture_output=True, env={**os.environ, **environment_for_app(tmp_path)}, timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert b"no article found" not in result.stderr  # each path is the one meant
    output = result.stdout.decode("utf-8")
    assert "CANARY" in output
    leaks = sorted({f"U+{ord(c):04X}" for c in output if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F})
    assert leaks == []
    assert not BIDI_CONTROLS & set(output), "bidi controls must be shown as marks, not obeyed"
    assert TITLE_MARK in output  # the payload's text is shown, only its control characters are not


@pytest.mark.skipif(not os.path.exists("/usr/bin/tmux"), reason="needs tmux")
def test_app_in_tmux_sends_no_foreign_sequence(payload_file, tmp_path):
    with TmuxSession(
        reader_command(*OPTIONS.get(payload_file.name, ()), str(payload_file)), width=100, height=30, env=environment_for_app(tmp_path)
    ) as session:
        session.wait_for_text("CANARY", timeout=20)
        # Show every part of the document: the end, the three panels, search hits, help.
        for key in ["G", "s", '"', "e", "g", "/"]:
            session.type_and_wait_for_change(key)
        session.type_and_wait_for_change("قسم")
        session.send_keys("Enter")
        session.type_text("n")
        session.type_text("?")
        session.wait_for_text("Keys (Escape")
        session.send_keys("Escape")
        session.wait_for(lambda: "Keys (Escape" not in session.screen(), what="help to close")
        session.type_text("q")
        assert session.wait_for_exit(timeout=20) == 0, session.screen()
        raw = session.raw_output()
        assert session.title() == session.initial_title
    assert foreign_sequences(raw) == []
    text = raw.decode("utf-8")
    assert not BIDI_CONTROLS & set(text), "bidi controls must be shown as marks, not obeyed"
    hyperlinks = re.findall(r"\x1b\]8;[^;\x07\x1b]*;([^\x07\x1b]*)", text)
    assert not [url for url in hyperlinks if url and not url.startswith(("http://", "https://"))]
    if payload_file.suffix == ".md":
        assert "https://example.com/ok" in hyperlinks  # a clean http(s) link does become one
    # Also whole payloads, in case one looks like a sequence Textual writes (CSI ? 1049 l).
    for name, payload in PAYLOADS.items():
        if len(payload) > 1 and not payload.isprintable():
            assert payload not in text, f"{name} reached the terminal"
