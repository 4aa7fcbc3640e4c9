"""The process environment Qt reads once, when the QApplication is made: set before that (by the wall and by
the tests alike), each only where the operator has not set it already."""

from __future__ import annotations

import os


def prepare_environment() -> None:
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
