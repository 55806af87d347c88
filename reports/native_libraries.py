"""Import WeasyPrint without compiling anything: its system libraries found from the loader's cache alone.

WeasyPrint opens Pango, HarfBuzz and Fontconfig through cffi under several candidate names each. For every name
that is not a file name, cffi asks ``ctypes.util.find_library``, which on Linux runs ``ldconfig`` and then, for
a name the loader's cache does not know, the C compiler and the linker: some twenty child processes, a fifth of
a second of CPU and more of waiting, before a report can be written. :func:`import_weasyprint` imports it with
the cache lookup only; a name the cache does not know then fails at once and the next candidate (a plain file
name such as ``libpango-1.0.so.0``) is tried, which the loader opens itself. The libraries loaded are the same.
Should that fail on some system, the import is retried the usual way.

>>> weasyprint = import_weasyprint()  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import ctypes.util
import importlib
import io
import sys
from collections.abc import Iterator
from types import ModuleType


@contextlib.contextmanager
def _cache_lookup_only() -> Iterator[None]:
    """Let ``ctypes.util.find_library`` consult only the loader's cache (``ldconfig``) while this block runs."""
    lookup = getattr(ctypes.util, "_findSoname_ldconfig", None)
    if not sys.platform.startswith("linux") or lookup is None:
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = lookup
    try:
        yield
    finally:
        ctypes.util.find_library = original


def import_weasyprint() -> ModuleType:
    """Return the ``weasyprint`` module, importing it (once) with the quick library lookup."""
    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    try:
        # WeasyPrint prints installation help before it gives up; that is for the retry below to print, if at all.
        with _cache_lookup_only(), contextlib.redirect_stdout(io.StringIO()):
            return importlib.import_module("weasyprint")
    except OSError:
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]
        return importlib.import_module("weasyprint")
