"""reader: an Arabic reader for the terminal."""

DISTRIBUTION = "arabic-terminal-reader"  # the name it is installed under (`reader` on PyPI is another project)


def __getattr__(name: str) -> str:
    # Looked up on demand: importlib.metadata costs ~15 ms of every start, and only --version needs it.
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0+source"
