"""The command line around the app, attacked: hostile names, paths and files reach the terminal
only as text, bad config and glossary files are one line, and the app refuses to run without a
terminal (issue 11, items 1, 2, 9, 13, 16)."""

import os
import shutil
import signal
import subprocess

import pytest

from harness.escapes import control_sequences, foreign_sequences
from harness.tmux import TmuxSession, environment_for_app, reader_command
from reader.document.loading import load_document
from reader.state import DocumentKey, StateStore

needs_tmux = pytest.mark.skipif(not os.path.exists("/usr/bin/tmux"), reason="needs tmux")
TITLE = "\x1b]2;PWNED\x07"  # OSC 2: sets the terminal's (and tmux pane's) title
C1 = "\u009d2;PWNED\u009c\u009b2J"  # C1 OSC … ST and C1 CSI, as UTF-8 characters


def run(*args: str, home, stdin=subprocess.DEVNULL, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(reader_command(*args), capture_output=True, text=True, stdin=stdin, timeout=60,
                          env={**os.environ, **environment_for_app(home), **env})


def article(tmp_path):
    path = tmp_path / "مقال.txt"
    path.write_text("عنوان التقرير\n\nفقرة أولى من التقرير.\n\nفقرة ثانية.\n", encoding="utf-8")
    return path


def hostile_config_home(tmp_path, payload: str):
    config = tmp_path / f"config{payload}"
    (config / "reader").mkdir(parents=True)
    (config / "reader" / "config.toml").write_text('bidi = "sideways"\n', encoding="utf-8")
    return str(config)


CASES = {
    "file name, OSC": lambda tmp: ([f"{TITLE}.txt"], {}),
    "file name, C1": lambda tmp: ([f"{C1}.txt"], {}),
    "unknown option (argparse)": lambda tmp: ([f"--{TITLE}"], {}),
    "bad choice (argparse)": lambda tmp: (["render", "--base-dir", TITLE], {}),
    "subcommand's unknown option": lambda tmp: (["quotes", f"--x{C1}"], {}),
    "glossary path": lambda tmp: (["entities", "--glossary", f"{TITLE}.toml", str(article(tmp))], {}),
    "config path": lambda tmp: ([str(article(tmp))], {"XDG_CONFIG_HOME": hostile_config_home(tmp, TITLE)}),
    "config path, C1": lambda tmp: ([str(article(tmp))], {"XDG_CONFIG_HOME": hostile_config_home(tmp, C1)}),
}


@needs_tmux
@pytest.mark.parametrize("case", sorted(CASES))
def test_an_error_naming_a_hostile_string_writes_it_as_text(tmp_path, case):
    args, env = CASES[case](tmp_path)
    with TmuxSession(reader_command(*args), width=120, env=environment_for_app(tmp_path, **env)) as session:
        status = session.wait_for_exit(timeout=20)
        raw = session.raw_output()
        assert session.title() == session.initial_title
    assert status in (1, 2)
    assert control_sequences(raw) == []  # not an ESC, not a C1 character: the line is plain text
    assert "PWNED" in raw.decode("utf-8")  # the name is still shown: ESC as ␛ (or argparse's \x1b), C1 as �


@needs_tmux
def test_the_state_notice_and_the_save_error_show_a_hostile_state_path_as_text(tmp_path):
    """Item 2: a state path with markup in it ([/] crashed Textual, [b] changed the text) and an
    escape (set the pane title); the save error at exit names the same path (item 1)."""
    document = article(tmp_path)
    state_home = tmp_path / f"st[/]a[b]te{TITLE}"
    directory = state_home / "reader" / "documents"
    directory.mkdir(parents=True)
    loaded = load_document(str(document))
    key = DocumentKey.of(str(document), [block.text for block in loaded.blocks])
    bad = StateStore(directory).path(key)
    bad.write_text("{not json", encoding="utf-8")
    with TmuxSession(reader_command(str(document)), width=160, height=30,
                     env=environment_for_app(tmp_path, XDG_STATE_HOME=str(state_home))) as session:
        notice = session.wait_for_text("reset", timeout=20)
        assert "[b]" in notice and "[/]" in notice and "␛" in notice  # the path as it is, as text
        shutil.rmtree(directory)
        directory.write_text("", encoding="utf-8")  # a file where the state directory was: saving fails
        session.type_text("j")
        session.type_text("q")
        assert session.wait_for_exit(timeout=20) == 0, session.screen()
        raw = session.raw_output()
        assert session.title() == session.initial_title
    assert foreign_sequences(raw) == []
    said = raw.decode("utf-8").rpartition("reader: could not save the reading position")[2]
    assert "[b]" in said and "PWNED" in said


def test_a_hostile_name_is_sanitised_in_the_captured_error_too(tmp_path):
    result = run(f"{TITLE}{C1}.txt", home=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "reader: ␛]2;PWNED␇\ufffd2;PWNED\ufffd\ufffd2J.txt: no such file\n"


BAD_GLOSSARIES = {
    "a list of numbers": "entity = [1, 2]\n",
    "a list of lists": "entity = [[1], [2]]\n",
    "nested arrays": "entity = " + "[" * 5000 + "]" * 5000 + "\n",
    "nested inline tables": "x = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n",
    "a long dotted key": "a" + ".a" * 20_000 + " = 1\n",
}


@pytest.mark.parametrize("name", BAD_GLOSSARIES)
def test_a_bad_glossary_is_one_line_and_exit_1(tmp_path, name):
    glossary = tmp_path / "mine.toml"
    glossary.write_text(BAD_GLOSSARIES[name], encoding="utf-8")
    result = run("entities", "--glossary", str(glossary), str(article(tmp_path)), home=tmp_path)
    assert result.returncode == 1, name
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"reader: {glossary}: "), result.stderr


BAD_CONFIGS = {
    "nested arrays": "bidi = " + "[" * 5000 + "]" * 5000 + "\n",
    "nested a little": "bidi = " + "[" * 200 + "]" * 200 + "\n",  # parsed, then shown shortened
    "nested inline tables": "bidi = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n",
    "a long dotted key": "a" + ".a" * 20_000 + " = 1\n",
}


@pytest.mark.parametrize("name", BAD_CONFIGS)
def test_a_deeply_nested_config_file_is_one_line(tmp_path, name):
    config = tmp_path / "config" / "reader"
    config.mkdir(parents=True)
    (config / "config.toml").write_text(BAD_CONFIGS[name], encoding="utf-8")
    result = run("render", str(article(tmp_path)), home=tmp_path)
    assert result.returncode == 2, name  # a setting that cannot be used: the usage error
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "bad config file" in result.stderr, result.stderr
    assert len(result.stderr) < 300


@pytest.mark.parametrize("stdin_is", ["/dev/null", "a pipe"])
def test_without_a_terminal_the_app_says_it_needs_one_and_exits_2(tmp_path, stdin_is):
    """Item 16: `reader FILE </dev/null` drew into the log forever."""
    document = article(tmp_path)
    with open(os.devnull) as devnull:
        stdin = devnull if stdin_is == "/dev/null" else subprocess.PIPE
        result = subprocess.run(reader_command(str(document)), stdin=stdin, capture_output=True, text=True,
                                timeout=30, env={**os.environ, **environment_for_app(tmp_path)})
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "needs a terminal" in result.stderr and "reader render" in result.stderr


def test_a_document_from_stdin_without_a_terminal_for_keys_exits_2(tmp_path):
    result = subprocess.run(reader_command("-"), input="نص من الأنبوب\n", capture_output=True, text=True,
                            timeout=30, env={**os.environ, **environment_for_app(tmp_path)},
                            start_new_session=True)  # no controlling terminal: /dev/tty cannot open
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "needs a terminal" in result.stderr and "reader render -" in result.stderr


@needs_tmux
def test_two_readers_at_once_keep_each_others_positions(tmp_path):
    """Item 13: each reader rewrote the one positions.json from what it read at start, so
    quitting the second dropped the first's document."""
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    for path, word in ((first, "الأول"), (second, "الثاني")):
        path.write_text("\n\n".join([f"عنوان {word}"] + [f"فقرة {n} من المقال {word}." for n in range(60)]),
                        encoding="utf-8")
    env = environment_for_app(tmp_path)
    with TmuxSession(reader_command(str(first)), env=env) as one, \
         TmuxSession(reader_command(str(second)), env=env) as two:
        one.wait_for_text("%")
        two.wait_for_text("%")
        for session in (one, two):
            session.type_text("G")
            session.wait_for_text("100%")
        one.type_text("q")
        assert one.wait_for_exit() == 0
        two.type_text("q")
        assert two.wait_for_exit() == 0
    store = StateStore(tmp_path / "state" / "reader" / "documents")
    for path in (first, second):
        texts = [block.text for block in load_document(str(path)).blocks]
        resume = store.recall(DocumentKey.of(str(path), texts), texts)
        assert resume is not None and resume[0] > 40, path.name


@needs_tmux
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_ends_a_reader_among_many_remembered_documents_and_keeps_its_position(tmp_path, signum):
    """Item 7: with one positions.json of 700k records, quitting took over a minute and the exit
    signals waited for the save. Now a save writes the document's own small file only."""
    document = tmp_path / "long.txt"
    document.write_text("\n\n".join(f"فقرة رقم {n} من نص طويل." for n in range(200)), encoding="utf-8")
    directory = tmp_path / "state" / "reader" / "documents"
    directory.mkdir(parents=True)
    for number in range(5_000):  # other documents' files, unreadable: reading one would set it aside
        (directory / f"{number:040x}.json").write_text("{broken", encoding="utf-8")
    (directory / ".pruned").touch()  # pruned today: the exit does not prune
    with TmuxSession(reader_command(str(document)), env=environment_for_app(tmp_path)) as session:
        session.wait_for_text("0%", timeout=20)
        session.type_text("G")
        session.wait_for_text("100%")
        os.kill(session.program_pid(), signum)
        assert session.wait_for_exit() == 128 + signum
    texts = [block.text for block in load_document(str(document)).blocks]
    resume = StateStore(directory).recall(DocumentKey.of(str(document), texts), texts)
    assert resume is not None and resume[0] > 150
    assert len(list(directory.glob("*.json"))) == 5_001 and not list(directory.glob("*.bad-*"))
