"""The alert banner: a new fire or major incident, waiting for a touch to acknowledge it."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from widgets import theme
from widgets.common import flat_button, text_label
from widgets.disaster_panel import sample_items
from widgets.format import when_text
from widgets.incident_item import IncidentItem, headline

BUTTON_MM = 55.0


class AlertBanner(QFrame):
    """Red band across the wall. `opened(key)`: show me the first one; `acknowledged()`: all seen."""

    opened = Signal(str)
    acknowledged = Signal()

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("alertBanner")
        self.key: str | None = None  # the incident "자세히 보기" opens
        self.keys: tuple[str, ...] = ()  # everything one touch of "확인" acknowledges
        self.text = text_label("", metrics.font(theme.HEADING_MM, bold=True), theme.ALERT_TEXT)
        self.first = text_label("", metrics.font(theme.BODY_MM), theme.ALERT_DETAIL)
        self.open_button = flat_button(metrics, "자세히 보기", (200, BUTTON_MM), background=theme.ALERT_TEXT,
                                       colour=theme.ALERT)
        self.ack_button = flat_button(metrics, "확인", (200, BUTTON_MM), background=theme.ALERT, colour=theme.ALERT_TEXT)
        self.open_button.clicked.connect(lambda: self.key and self.opened.emit(self.key))
        self.ack_button.clicked.connect(lambda: self.keys and self.acknowledged.emit())
        row = QHBoxLayout(self)
        row.setContentsMargins(metrics.px(30), metrics.px(8), metrics.px(30), metrics.px(8))
        row.setSpacing(metrics.px(20))
        row.addWidget(self.text, 1)
        row.addWidget(self.first)
        row.addWidget(self.open_button)
        row.addWidget(self.ack_button)
        self.setStyleSheet(f"#alertBanner {{ background:{theme.KIND_COLOURS['fire']}; }}")
        self.hide()

    def show_alerts(self, top: IncidentItem, keys: tuple[str, ...], by_kind: tuple[tuple[str, int], ...],
                    now: datetime) -> None:
        """Announce one incident, or a burst as one line ("새 사고 5건 · 화재 1 · 구조 3 · 구급 1")."""
        self.key, self.keys = top.key, keys
        incident = top.incident
        detail = f"{headline(incident)} · {when_text(incident.occurred_at, now)} {incident.stage or ''}".strip()
        if len(keys) == 1:
            self.text.setText(f"긴급 · 새 {incident.type_label} 발생 — {detail}")
            self.first.setText("")
        else:
            self.text.setText(f"긴급 · 새 사고 {len(keys)}건 · " + " · ".join(f"{k} {n}" for k, n in by_kind))
            self.first.setText(f"먼저: {incident.type_label} — {detail}")
        self.ack_button.setText("확인" if len(keys) == 1 else "모두 확인")
        self.show()

    def clear(self) -> None:
        """Nothing left to announce."""
        self.key, self.keys = None, ()
        self.hide()


def preview() -> QWidget:
    """AlertBanner announcing a sample fire."""
    now = datetime.now(timezone.utc)
    banner = AlertBanner(theme.Metrics(1.0))
    items = sample_items(now)
    banner.show_alerts(items[0], tuple(i.key for i in items[:3]), (("화재", 1), ("구조", 2)), now)
    return banner
