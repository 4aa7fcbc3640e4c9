"""The process environment Qt reads once, when the QApplication is made: set before that (by the wall and by
the tests alike), each only where the operator has not set it already; and the C allocator's arenas."""

from __future__ import annotations

import ctypes
import os

M_ARENA_MAX = -8  # glibc's mallopt() parameter
# glibc gives each thread that allocates an arena of its own, up to 8 per core, and keeps what was freed in each.
# libvlc runs several threads per stream: every camera opened large and closed again left about 1.3 MB behind
# (54 MB over 40 cycles); with two arenas the wall started 85 MB smaller and levelled off (bench/focus_soak.py).
ARENAS = 2


def prepare_environment() -> None:
    limit_malloc_arenas()
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")  # Chromium refuses root otherwise
    # The map's web view is drawn through Qt Quick; without a GPU its OpenGL is Mesa's llvmpipe, which
    # cost the whole wall 77 % of a core against 32 % with Qt Quick's software renderer (docs/platform.md).
    # A machine with a real GPU may set QT_QUICK_BACKEND=opengl in the service's environment.
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    # Text is typed on the glass: Qt Virtual Keyboard (in the PySide6 wheels, with its Hangul engine) is the
    # input method, shown only where the wall embeds it (widgets/korean_keyboard.py), never as its own window.
    os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
    os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")


def limit_malloc_arenas() -> None:
    """At most ARENAS malloc arenas (before the threads that would make more), unless MALLOC_ARENA_MAX is set."""
    if "MALLOC_ARENA_MAX" not in os.environ:
        try:
            ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, ARENAS)
        except OSError:  # not glibc: its own allocator
            pass
