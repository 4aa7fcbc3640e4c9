"""A Korean on-screen keyboard in a widget: Qt Virtual Keyboard (it comes with the PySide6 wheels, with its
Hangul engine) in a Qt Quick view. It types into whichever text field has the focus, because the wall's
input method is Qt's virtual keyboard (kiosk/app/environment.py), and never takes the focus itself."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtQuick import QQuickItem
from PySide6.QtGui import QColor
from PySide6.QtQuickWidgets import QQuickWidget
from PySide6.QtWidgets import QWidget

from widgets import theme

_LOGGER = logging.getLogger(__name__)
QML = Path(__file__).with_name("korean_keyboard.qml")
WIDTH_MM = 800.0  # keys about 70 mm wide on the glass: typed standing, and their letters readable


class KoreanKeyboard(QQuickWidget):
    """`ok` once it loaded (a missing plugin is logged, and the form offers no text field instead)."""

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setResizeMode(QQuickWidget.ResizeMode.SizeRootObjectToView)
        self.setClearColor(QColor(theme.BACKGROUND))
        self.setSource(QUrl.fromLocalFile(str(QML)))
        self.ok = self.status() == QQuickWidget.Status.Ready
        if not self.ok:
            _LOGGER.error("the on-screen keyboard did not load: %s", "; ".join(e.toString() for e in self.errors()))
            return
        root = self.rootObject()
        root.setWidth(metrics.px(WIDTH_MM))
        panel = root.findChild(QQuickItem, "panel")  # its height follows from its width: the keys' proportions
        self.setFixedSize(round(root.width()), round(panel.height()))
