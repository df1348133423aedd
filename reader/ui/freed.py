"""Giving back to the system the memory a finished background task freed."""


def release_freed_memory() -> None:
    """Return the C heap's free pages to the system, where the C library can (glibc's
    `malloc_trim`). A book's layout and analysis free tens of MB of short-lived objects, which
    glibc otherwise keeps (in one heap per thread) for the process's whole life; elsewhere this
    does nothing."""
    try:
        import ctypes

        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # no C library to load, or not glibc
        return
    trim(0)
