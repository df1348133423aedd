"""Command line: `reader [OPTIONS] [FILE|-]` opens the app; `reader render|quotes|entities …` print.

argparse cannot mix an optional FILE with subcommands, so the first word is dispatched here:
a file literally named `render` is opened as `./render`.
"""

import argparse
import gc
import io
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NoReturn

from reader.engine.sanitize import sanitize
from reader.settings import (
    SettingsError,
    add_arguments,
    add_found_names_argument,
    add_harakat_arguments,
    from_arguments,
    max_size,
)

SUBCOMMANDS = {
    "render": "print the laid-out document (shaped, in visual order, aligned)",
    "quotes": "list the quoted spans and who said them",
    "entities": "list the people, places and organisations and where they are mentioned",
    "marks": "export your highlights, notes and bookmarks of a document (Markdown, or JSON)",
}
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2  # also: the app has no terminal to run in


def bundled_article() -> str:
    from importlib.resources import files  # not on the path of a command given a file

    return str(files("reader.assets") / "vostochny-summit.txt")


def _say(message: object) -> None:
    """One line on stderr. Everything the command line writes to the terminal comes through the
    sanitiser: a file name, a config path or a value may hold escape sequences."""
    print(sanitize(f"reader: {message}"), file=sys.stderr)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """argparse's own messages quote what was typed (an unknown option, a bad choice)."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, sanitize(f"{self.prog}: error: {message}") + "\n")


def _parser(command: str | None) -> argparse.ArgumentParser:
    if command is None:
        parser = _Parser(
            prog="reader",
            description="Read Arabic (and mixed, and English) text in the terminal, right to left.",
            epilog="subcommands (reader COMMAND --help):\n"
            + "\n".join(f"  {name:<9} {text}" for name, text in SUBCOMMANDS.items())
            + "\n\nWith no FILE the bundled article opens. A file named like a subcommand: use ./NAME.",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
    else:
        parser = _Parser(prog=f"reader {command}", description=SUBCOMMANDS[command])
    parser.add_argument("file", nargs="?", metavar="FILE",
                        help="a text, Markdown, HTML or EPUB file, an http(s) URL, or - for stdin")
    parser.add_argument("--version", action=_Version)
    if command in ("render", "quotes", "entities"):
        parser.add_argument("--width", type=_width, help="line width in cells (default: the terminal's, else 80)")
    if command in ("quotes", "entities"):
        parser.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    if command == "marks":
        output = parser.add_mutually_exclusive_group()
        output.add_argument("--markdown", action="store_true", help="print Markdown (the default)")
        output.add_argument("--json", action="store_true", help="print JSON (its schema is in the README)")
    else:  # the marks are the document's own text: no layout
        parser.add_argument("--base-dir", choices=("auto", "rtl", "ltr"), default="auto",
                            help="paragraph direction (default: auto, from the first strong letter)")
        add_harakat_arguments(parser)
    parser.add_argument("--encoding", help="decode the file with this encoding instead of detecting it")
    parser.add_argument("--timeout", type=_seconds, default=10.0, metavar="SECONDS",
                        help="for a URL: give up when the server has not answered for this long (default: 10)")
    parser.add_argument("--full-page", action="store_true",
                        help="an HTML page whole, as it is, instead of the article found in it")
    parser.add_argument("--max-size", metavar="SIZE",
                        help="read at most this much of any document, e.g. 300M, 1G (default: 256M; "
                        "also READER_MAX_SIZE, or max-size in the config file)")
    parser.add_argument("--format", dest="fmt", choices=("text", "markdown", "html"),
                        help="input format (default: from the file name, else sniffed)")
    parser.add_argument("--glossary", action="append", type=Path, default=[], metavar="FILE",
                        help="a TOML glossary of your own, on top of the bundled ones (repeatable)")
    if command != "render":
        add_found_names_argument(parser)
    if command in (None, "render"):
        add_arguments(parser)
    return parser


class _Version(argparse.Action):
    """--version, with the version looked up only when asked for."""

    def __init__(self, option_strings: list[str], dest: str, **_) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        import reader

        print(f"reader {reader.__version__}")
        parser.exit()


def _width(value: str) -> int:
    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if not 1 <= width <= 10_000:
        raise argparse.ArgumentTypeError(f"must be between 1 and 10000, not {width}")
    return width


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not 0 < seconds <= 3600:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most 3600, not {value}")
    return seconds


def _output_width(args: argparse.Namespace) -> int:
    if args.width:
        return args.width
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else 80


def _document_blocks(document) -> Iterator[tuple[str, bool, str | None]]:
    """What render prints of a document: the masthead (site, byline, date: pages and books only)
    as an ordinary first block, then each block's text, whether it is a body paragraph (the kind
    justified) and its own base direction (a book's dir or lang)."""
    from reader.document.model import BlockKind

    if document.masthead:
        yield document.masthead, False, None
    for block in document.blocks:
        yield block.text, block.kind is BlockKind.BODY, block.direction


def _render(blocks: Iterable[tuple[str, bool, str | None]], args: argparse.Namespace, settings) -> None:
    """Print each block (its text, whether it is a body paragraph, the kind justified, and its
    direction) as it is laid out: a book streams, nothing but one block's layout is kept."""
    from reader.engine.layout import render_paragraph
    from reader.terminal import explicit_bidi

    width = _output_width(args)
    options = {"harakat": settings.harakat, "shape": settings.app_shapes, "reorder": settings.app_reorders}
    write = sys.stdout.write
    with explicit_bidi(sys.stdout, settings):
        for index, (text, body, direction) in enumerate(blocks):
            if index:
                write("\n")
            # A book's own direction (dir, lang) unless --base-dir says rtl or ltr.
            base_dir = direction if args.base_dir == "auto" and direction else args.base_dir
            if body and settings.justify != "none":
                from reader.engine.justify import layout_justified

                layout = layout_justified(text, width, base_dir=base_dir, justify=settings.justify, **options)
                lines = [line.render() for line in layout.lines]
            else:
                lines = render_paragraph(text, width, base_dir=base_dir, **options)
            write("\n".join(lines) + "\n")


def _report(document, args: argparse.Namespace, command: str, settings) -> None:
    from reader.document import report

    if args.json:
        rows = report.quotes_json(document) if command == "quotes" else report.entities_json(document)
        sys.stdout.write(report.json_text(rows) + "\n")
        return
    width = _output_width(args)
    table = (report.quotes_table if command == "quotes" else report.entities_table)(document, width, settings.harakat)
    sys.stdout.writelines(line + "\n" for line in table)


def _export_marks(document, args: argparse.Namespace) -> int:
    from reader.document import report
    from reader.document.marks import place_all
    from reader.document.marks_export import marks_json, marks_markdown
    from reader.saved_marks import load_marks
    from reader.state import DocumentKey, StateStore, default_state_dir

    texts = [block.text for block in document.blocks]
    store = StateStore(default_state_dir())
    placed = place_all(load_marks(store, DocumentKey.of(document.source, texts)).marks, texts)
    if store.notice:
        _say(store.notice)
    if args.json:
        sys.stdout.write(report.json_text(marks_json(document, placed)) + "\n")
    else:
        sys.stdout.write(marks_markdown(document, placed))
    return 0


def _attach_terminal_to_stdin() -> None:
    """After a document came from a pipe, read keys from the terminal instead."""
    tty = os.open("/dev/tty", os.O_RDWR)
    os.dup2(tty, 0)
    os.close(tty)
    sys.stdin = open(0, encoding="utf-8", closefd=False)


def run(argv: list[str]) -> int:
    command = argv[0] if argv and argv[0] in SUBCOMMANDS else None
    if command is not None:  # not the app: collect as usual (see main)
        gc.enable()
    args = _parser(command).parse_args(argv[1:] if command else argv)
    try:
        settings = from_arguments(args)
        size_limit = max_size(args.max_size, os.environ)
    except SettingsError as error:
        _say(error)
        return EXIT_USAGE
    from reader.document.loading import DocumentError, block_texts, open_document

    source = args.file or bundled_article()
    try:
        options = {"max_size": size_limit, "full_page": args.full_page, "timeout": args.timeout}
        if command == "render" and settings.justify == "none":
            # The text alone: no structure, glossaries or names to find (a plain text streams).
            if args.glossary:
                from reader.document.glossary import check_user_glossaries

                check_user_glossaries(args.glossary)
            notices: list[str] = []
            blocks: Iterable[tuple[str, bool, str | None]] = ((text, False, direction) for text, direction in block_texts(
                source, encoding=args.encoding, fmt=args.fmt, notices=notices, **options))
        else:
            # Quotes, entities and mentions (`analyse`) are found only where they are used.
            document, analyse = open_document(
                source, encoding=args.encoding, fmt=args.fmt, glossaries=args.glossary,
                preview=command is None,  # the app shows a book's start while the rest is structured
                found_names=settings.found_names, **options,
            )
            notices = list(document.notices)
            blocks = _document_blocks(document)
    except DocumentError as error:
        _say(error)
        return EXIT_BAD_INPUT
    if command is not None:
        for notice in notices:  # stderr: stdout holds only the document
            _say(notice)
    if command == "render":
        _render(blocks, args, settings)
        return 0
    if command == "marks":
        return _export_marks(document, args)
    if command is not None:
        _report(analyse(), args, command, settings)
        return 0
    if args.file == "-":
        try:
            _attach_terminal_to_stdin()
        except OSError:
            _say("a document read from stdin needs a terminal to read keys from; "
                 "to print it instead: reader render -")
            return EXIT_USAGE
    from reader.terminal import is_terminal

    if not (is_terminal(sys.stdin) and is_terminal(sys.__stderr__)):
        # Textual reads keys from stdin and draws on stderr: without both it would draw into a file.
        _say("the app needs a terminal (stdin and stderr); to print the document instead: reader render FILE")
        return EXIT_USAGE
    from reader.ui.app import run_app

    return run_app(document, analyse=analyse, base_dir=args.base_dir, settings=settings)


def main(argv: list[str] | None = None) -> int:
    # Starting the app makes objects by the hundred thousand (modules, classes, styles, the
    # document) and frees few: the cyclic collector would walk them a hundred times before the
    # first frame (~30 ms). It is off until then: the app turns it on once its first frame is
    # drawn (reader.ui.app), the other commands as soon as they know they are not the app.
    gc.disable()
    try:
        return _main(argv)
    finally:
        gc.enable()


def _main(argv: list[str] | None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8", errors="replace")
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `reader render | head`: the reader of our output left
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
