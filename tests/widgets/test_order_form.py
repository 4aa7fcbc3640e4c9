"""The order form: the people and groups chosen by touch, and the mayor's own words typed in Korean on the
embedded on-screen keyboard (Qt Virtual Keyboard, its Hangul engine composing the syllables)."""

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtWidgets import QApplication

from widgets import theme
from widgets.order_form import OrderForm

METRICS = theme.Metrics.for_window(1920, 884, 3630, 1670)
TEMPLATES = [("report-10min", "현장 상황 10분마다 보고"), ("evacuate", "주민 대피 안내 실시")]


def keys(item: QQuickItem) -> dict[str, QQuickItem]:
    """The keyboard's keys by the letter they type."""
    found = {}
    for child in item.childItems():
        text = child.property("text")
        if isinstance(text, str) and text and child.property("key") is not None and child.isVisible():
            found.setdefault(text, child)
        found.update({k: v for k, v in keys(child).items() if k not in found})
    return found


def type_on(qtbot, keyboard, letters: str) -> None:
    on_glass = keys(keyboard.rootObject())
    for letter in letters:
        key = on_glass[letter]
        centre = key.mapToScene(QPointF(key.width() / 2, key.height() / 2)).toPoint()
        qtbot.mouseClick(keyboard, Qt.MouseButton.LeftButton, pos=centre)


@pytest.mark.no_qt_log  # Qt Quick logs from its loader thread while setSource waits holding the GIL: a Python
# message handler (pytest-qt's) would deadlock; the wall installs none
def test_the_mayors_own_words_in_korean_on_the_glass(qtbot):
    form = OrderForm(METRICS)
    qtbot.addWidget(form)
    form.resize(1400, 800)
    form.show()
    form.activateWindow()
    form.set_templates(TEMPLATES)
    form.ask("강동구 천호동 · 공장 화재", [("gangdong-cmd", "강동 지휘1호차", True)], [("소방 지휘차", 25, False)])
    assert form.keyboard is None  # made only when wanted
    qtbot.mouseClick(form.note, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.keyboard is not None and form.keyboard.isVisible(), timeout=5000)
    assert form.keyboard.ok and QApplication.focusWidget() is form.note  # the keyboard never takes the focus
    qtbot.waitUntil(lambda: {"ㅎ", "ㅏ", "ㄴ", "ㄱ", "ㅜ", "ㅇ"} <= set(keys(form.keyboard.rootObject())), timeout=5000)
    type_on(qtbot, form.keyboard, "ㅎㅏㄴㄱㅜㄱ")
    assert form.note_text() == "한국"  # the last syllable, still composing, is committed too
    chosen = []
    form.chosen.connect(chosen.append)
    qtbot.mouseClick(form.buttons["evacuate"], Qt.MouseButton.LeftButton)
    assert chosen == ["evacuate"] and form.people() == ["gangdong-cmd"] and form.groups() == []
    form.ask("다시", [], [("소방 지휘차", 25, True)])  # a new order starts blank
    assert form.note_text() == "" and not form.keyboard.isVisible() and form.groups() == ["소방 지휘차"]
