"""The feeds panel: names and reasons are cut to fit, never pushed aside, and nothing technical shows."""

from PySide6.QtCore import QSize

from widgets import theme
from widgets.common import ElidedLabel
from widgets.status_panel import StatusPanel, StatusRow


def labels(panel):
    return panel.findChildren(ElidedLabel)


def test_a_20000_character_name_is_cut_and_the_state_keeps_its_place(qtbot):
    panel = StatusPanel(theme.Metrics(1.0))
    qtbot.addWidget(panel)
    panel.resize(QSize(600, 400))
    panel.show()
    panel.set_rows([StatusRow("가" * 20_000, "down", "연결 끊김 — 서비스 응답 없음 · service unavailable", "3분 전",
                              simulated=True),
                    StatusRow("대기환경", "fresh", "정상", "14:00 기준 · 방금")])
    qtbot.wait(50)
    title, state = labels(panel)[0], labels(panel)[1]
    assert title.fullText().endswith("· 시뮬레이션") and title.text().endswith("…")
    assert title.geometry().right() < state.geometry().left()  # side by side, inside the panel
    assert state.geometry().right() <= panel.width() and state.width() > 150
    assert panel.sizeHint().width() < 1000  # the long name does not widen the panel
