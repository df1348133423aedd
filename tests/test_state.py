"""The per-document state store: positions and marks, one small file per document."""

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import replace

import pytest

from reader import state
from reader.document.loading import load_document
from reader.document.marks import MarkSet
from reader.document.model import STDIN_SOURCE
from reader.state import DocumentKey, DocumentState, StateStore

TEXTS = ["العنوان", "الفقرة الأولى", "الفقرة الثانية", "الفقرة الثالثة"]


def a_file(tmp_path, name="a.txt"):
    source = tmp_path / name
    source.write_text("نص", encoding="utf-8")
    return source


def test_a_position_is_recalled_for_the_same_file_from_its_own_small_file(tmp_path):
    store = StateStore(tmp_path / "state")
    first, second = DocumentKey.of(str(a_file(tmp_path)), TEXTS), DocumentKey.of(str(a_file(tmp_path, "b.txt")), TEXTS)
    assert first.key == f"file:{tmp_path / 'a.txt'}"
    store.remember(first, TEXTS, 2, 5)
    store.remember(second, TEXTS, 1, 0)
    assert StateStore(tmp_path / "state").recall(first, TEXTS) == (2, 5)
    assert StateStore(tmp_path / "state").recall(second, TEXTS) == (1, 0)
    files = sorted(p.name for p in (tmp_path / "state").iterdir() if not p.name.startswith("."))
    assert files == sorted([first.file_stem + ".json", second.file_stem + ".json"])  # one each, no temporary left


def test_a_changed_file_resumes_at_the_paragraph_with_the_same_text(tmp_path):
    source = str(a_file(tmp_path))
    store = StateStore(tmp_path / "state")
    store.remember(DocumentKey.of(source, TEXTS), TEXTS, 2, 5)
    edited = ["العنوان", "فقرة جديدة", "فقرة أخرى", "الفقرة الأولى", "الفقرة الثانية"]
    assert store.recall(DocumentKey.of(source, edited), edited) == (4, 5)
    rewritten = ["شيء آخر تماما"]
    assert store.recall(DocumentKey.of(source, rewritten), rewritten) is None


def test_stdin_is_keyed_by_content_even_beside_a_file_named_stdin(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a_file(tmp_path, STDIN_SOURCE)  # `stdin` in the current directory is not the piped document
    key = DocumentKey.of(STDIN_SOURCE, TEXTS)
    assert key.key.startswith("content:")
    store = StateStore(tmp_path / "state")
    store.remember(key, TEXTS, 1, 0)
    assert store.recall(DocumentKey.of(STDIN_SOURCE, TEXTS), TEXTS) == (1, 0)
    other = TEXTS + ["زيادة"]
    assert store.recall(DocumentKey.of(STDIN_SOURCE, other), other) is None


def test_the_loader_labels_stdin_with_the_constant_the_store_keys_on(monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("نص من الأنبوب".encode())))
    assert load_document("-").source == STDIN_SOURCE


def test_a_url_is_keyed_by_the_url():
    assert DocumentKey.of("https://example.com/ar/article-1", TEXTS).key == "url:https://example.com/ar/article-1"


def valid_record(key: DocumentKey, **position) -> dict:
    return {"version": 1, "key": key.key, "fingerprint": key.fingerprint,
            "position": {"block": 1, "offset": 2, "text": state.digest(TEXTS[1]), **position},
            "marks": {"marks": [{"id": "m1", "created": [1.5]}], "deleted": {"m0": 1.25}}}


def hostile_contents(key: DocumentKey) -> dict[str, str]:
    record = json.dumps(valid_record(key))
    return {
        "nested": "[" * 100_000 + "]" * 100_000,
        "nested in a field": record.replace('[{"id"', "[" * 50_000 + '{"id"').replace("}]", "}" + "]" * 50_000),
        "nested a little too deep": record.replace('"created": [1.5]', '"created": [[1.5]]'),
        "Infinity": record.replace('"offset": 2', '"offset": Infinity'),
        "NaN": record.replace('"offset": 2', '"offset": NaN'),
        "1e400": record.replace('"offset": 2', '"offset": 1e400'),
        "a float": record.replace('"offset": 2', '"offset": 2.5'),
        "a string": record.replace('"offset": 2', '"offset": "2"'),
        "a boolean": record.replace('"offset": 2', '"offset": true'),
        "negative": record.replace('"offset": 2', '"offset": -1'),
        "too big": record.replace('"offset": 2', '"offset": 99999999999999999999'),
        "5000 digits": record.replace('"offset": 2', '"offset": ' + "9" * 5000),
        "no table": "[1, 2]",
        "not JSON": "{broken",
        "not UTF-8": '{"version": 1, "key": "\xff"}',
        "another document": record.replace(key.key, "file:/elsewhere"),
        "unknown version": record.replace('"version": 1', '"version": 7'),
        "marks not a table": record.replace('"marks": {"marks"', '"marks": [{"marks"').replace("}}}", "}}]}"),
        "a time out of range": record.replace("1.25", "1e999"),
        "bad digest": record.replace(state.digest(TEXTS[1]), "x" * 64),
        "too large": record + " " * state.MAX_FILE_BYTES,
    }


def test_every_field_is_checked_and_a_bad_file_is_set_aside_with_a_notice(tmp_path):
    key = DocumentKey.of(STDIN_SOURCE, TEXTS)
    directory = tmp_path / "state"
    directory.mkdir()
    path = StateStore(directory).path(key)
    path.write_text(json.dumps(valid_record(key)), encoding="utf-8")
    assert StateStore(directory).recall(key, TEXTS) == (1, 2)  # the record the hostile ones alter
    for what, content in hostile_contents(key).items():
        path.write_bytes(content.encode("utf-8", "surrogateescape") if what != "not UTF-8" else b'{"k": "\xff"}')
        store = StateStore(directory)
        assert store.recall(key, TEXTS) is None, what
        assert store.notice and "reset" in store.notice, what
        assert not path.exists(), what
        for old in directory.glob(path.name + ".bad-*"):
            old.unlink()
    store.remember(key, TEXTS, 3, 1)
    assert StateStore(directory).recall(key, TEXTS) == (3, 1)


def test_a_fifo_or_a_directory_in_place_of_the_file_neither_hangs_nor_raises(tmp_path):
    key = DocumentKey.of(STDIN_SOURCE, TEXTS)
    directory = tmp_path / "state"
    directory.mkdir()
    path = StateStore(directory).path(key)
    os.mkfifo(path)
    store = StateStore(directory)
    assert store.recall(key, TEXTS) is None and store.notice
    path.mkdir()
    store = StateStore(directory)
    assert store.recall(key, TEXTS) is None and store.notice


def test_saving_the_position_keeps_the_marks_saved_meanwhile(tmp_path):
    key = DocumentKey.of(STDIN_SOURCE, TEXTS)
    directory = tmp_path / "state"
    mine, theirs = StateStore(directory), StateStore(directory)
    mine.recall(key, TEXTS)  # both opened the document
    theirs.update(key, lambda saved: replace(saved, marks={"marks": [{"id": "m1", "note": "ملاحظة"}]}))
    mine.remember(key, TEXTS, 2, 0)
    saved = mine.load(key)
    assert saved.marks == {"marks": [{"id": "m1", "note": "ملاحظة"}]}
    assert saved.position is not None and (saved.position.block, saved.position.offset) == (2, 0)


def test_a_read_or_write_touches_only_the_documents_own_file(tmp_path, monkeypatch):
    directory = tmp_path / "state"
    directory.mkdir()
    for number in range(300):  # other documents' files, all unreadable: reading one would set it aside
        (directory / f"{number:040x}.json").write_text("{broken", encoding="utf-8")
    opened = []
    real_open = os.open
    monkeypatch.setattr(state.os, "open", lambda path, *args: opened.append(os.path.basename(path))
                        or real_open(path, *args))
    key = DocumentKey.of(STDIN_SOURCE, TEXTS)
    store = StateStore(directory)
    store.recall(key, TEXTS)
    store.remember(key, TEXTS, 1, 1)
    assert store.recall(key, TEXTS) == (1, 1) and store.notice is None
    own = {key.file_stem + ".json", key.file_stem + state.MARKED_SUFFIX, ".lock"}
    assert {name for name in opened if not name.startswith(".state-")} == own
    assert not list(directory.glob("*.bad-*"))


def test_pruning_forgets_the_oldest_documents_without_marks_once_a_day(tmp_path, monkeypatch):
    monkeypatch.setattr(state, "MAX_DOCUMENTS", 10)
    directory = tmp_path / "state"
    store = StateStore(directory)
    keys = [DocumentKey.of(STDIN_SOURCE, [f"نص رقم {number}"]) for number in range(25)]
    now = 1_000_000_000.0
    for age, key in enumerate(keys):  # keys[0] read last, keys[24] first
        marks = {"marks": [], "deleted": {"x": 1.0}} if age % 6 else {"marks": [{"id": "m"}]}
        store.update(key, lambda saved, marks=marks: replace(saved, marks=marks))
        saved = store.path(key, marked=not age % 6)
        os.utime(saved, (now - age * 60, now - age * 60))
    aside = directory / (keys[0].file_stem + ".json.bad-old")
    aside.write_text("x", encoding="utf-8")
    os.utime(aside, (now - state.SET_ASIDE_KEPT_SECONDS - 1,) * 2)
    store.prune(now)
    kept = {key for key in keys if store.path(key).exists() or store.path(key, marked=True).exists()}
    marked = {key for age, key in enumerate(keys) if age % 6 == 0}
    assert kept == set([key for key in keys if key not in marked][:10]) | marked  # the 10 newest of the others
    assert not aside.exists()
    store.update(keys[23], lambda saved: saved)  # one more, old again
    os.utime(store.path(keys[23]), (now - 10_000, now - 10_000))
    store.prune(now + 60)  # not a day later: nothing happens
    assert store.path(keys[23]).exists()
    store.prune(now + state.PRUNE_EVERY_SECONDS + 1)
    assert not store.path(keys[23]).exists()


WRITER = textwrap.dedent("""
    import sys
    from dataclasses import replace
    from reader.document.marks import MarkSet, bookmark
    from reader.state import DocumentKey, StateStore
    directory, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    texts = ["نص مشترك بين قارئين"]
    key = DocumentKey.of("stdin", texts)
    store = StateStore(directory)
    print("ready", flush=True)
    sys.stdin.readline()  # both start together
    for number in range(count):
        mark = replace(bookmark(texts, 0, number % 5), id=f"{name}-{number}")
        store.update(key, lambda saved: replace(saved, marks=MarkSet.from_record(saved.marks).added(mark).to_record()))
        if number == count // 2:
            store.remember(key, texts, 0, number)
""")


@pytest.mark.parametrize("count", [60])
def test_two_processes_saving_the_same_document_at_once_lose_nothing(tmp_path, count):
    directory = tmp_path / "state"
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(directory), name, str(count)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for name in ("a", "b")]
    for writer in writers:
        assert writer.stdout.readline() == "ready\n"
    for writer in writers:
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        writer.stdin.close()
        assert writer.wait(timeout=60) == 0
    saved = StateStore(directory).load(DocumentKey.of(STDIN_SOURCE, ["نص مشترك بين قارئين"]))
    assert {mark.id for mark in MarkSet.from_record(saved.marks).marks} == {f"{name}-{n}" for name in "ab" for n in range(count)}
    assert saved.position is not None and saved.position.offset == count // 2


def test_an_empty_state_is_what_a_new_document_has(tmp_path):
    assert StateStore(tmp_path / "none").load(DocumentKey.of(STDIN_SOURCE, TEXTS)) == DocumentState()


def test_the_file_name_says_whether_the_document_has_marks(tmp_path):
    key = DocumentKey.of(STDIN_SOURCE, TEXTS)
    store = StateStore(tmp_path / "state")
    store.remember(key, TEXTS, 1, 0)
    assert store.path(key).exists() and not store.path(key, marked=True).exists()
    store.update(key, lambda saved: replace(saved, marks={"marks": [{"id": "m1"}], "deleted": {}}))
    assert store.path(key, marked=True).exists() and not store.path(key).exists()
    assert store.recall(key, TEXTS) == (1, 0)  # the position went along
    store.update(key, lambda saved: replace(saved, marks={"marks": [], "deleted": {"m1": 5}}))
    assert store.path(key).exists() and not store.path(key, marked=True).exists()
    assert store.load(key).marks == {"marks": [], "deleted": {"m1": 5}}
