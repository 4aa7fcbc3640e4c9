"""The wall's window: header (and alert banner) on top, domain panel | map | status and CCTV in the
middle, selectors below. The incident sheet takes the domain panel's place so the map stays in
view; a camera opened large takes the map's place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from widgets import theme
from widgets.air_panel import AirPanel
from widgets.alert_banner import AlertBanner
from widgets.cctv_area import CameraFocus, CctvArea
from widgets.disaster_panel import DisasterPanel
from widgets.domain_bar import DomainBar
from widgets.header import HeaderBar
from widgets.incident_sheet import IncidentSheet
from widgets.map.view import MapView
from widgets.notice_panel import NoticePanel
from widgets.status_panel import StatusPanel

HEADER_MM = 150.0
SIDE_PANEL_MM = 1050.0
STATUS_PANEL_MM = 780.0
GAP_MM = 15.0


class WallWindow(QWidget):
    """Holds the widgets; the controller fills them."""

    def __init__(self, metrics: theme.Metrics, map_page: Path, map_hosts: tuple[str, ...] = (),
                 cctv_tiles: int = 4, nearby_cameras: int = 3, parent: QWidget | None = None):
        super().__init__(parent)
        self.metrics = metrics
        self.setWindowTitle("디지털 시민시장실")
        self.setObjectName("wall")
        self.setStyleSheet(f"#wall {{ background:{theme.BACKGROUND}; }}")
        self.header = HeaderBar(metrics)
        self.header.setFixedHeight(metrics.px(HEADER_MM))
        self.air_panel = AirPanel(metrics)
        self.notice_panel = NoticePanel(metrics)
        self.disaster_panel = DisasterPanel(metrics)
        self.incident_sheet = IncidentSheet(metrics, nearby_cameras)
        self.alert_banner = AlertBanner(metrics)
        self.domain_stack = QStackedWidget()
        for page in (self.air_panel, self.notice_panel, self.disaster_panel, self.incident_sheet):
            self.domain_stack.addWidget(page)
        self.domain_stack.setFixedWidth(metrics.px(SIDE_PANEL_MM))
        self.map = MapView(map_page, metrics, map_hosts)
        self.camera_focus = CameraFocus(metrics)
        self.centre = QStackedWidget()
        self.centre.addWidget(self.map)
        self.centre.addWidget(self.camera_focus)
        self.status_panel = StatusPanel(metrics)
        self.cctv_area = CctvArea(metrics, cctv_tiles)
        self.domain_bar = DomainBar(metrics)
        self._build_layout()

    def _build_layout(self) -> None:
        m = self.metrics
        right = QVBoxLayout()
        right.setSpacing(m.px(GAP_MM))
        right.addWidget(self.status_panel, 2)
        right.addWidget(self.cctv_area, 3)  # the lower band: within reach
        right_box = QWidget()
        right_box.setLayout(right)
        right.setContentsMargins(0, 0, 0, 0)
        right_box.setFixedWidth(m.px(STATUS_PANEL_MM))
        middle = QHBoxLayout()
        middle.setContentsMargins(m.px(GAP_MM * 2), 0, m.px(GAP_MM * 2), 0)
        middle.setSpacing(m.px(GAP_MM))
        middle.addWidget(self.domain_stack)
        middle.addWidget(self.centre, 1)
        middle.addWidget(right_box)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(m.px(GAP_MM))
        column.addWidget(self.header)
        column.addWidget(self.alert_banner)
        column.addLayout(middle, 1)
        column.addWidget(self.domain_bar)

    def show_domain_notice(self, title: str) -> None:
        """Show a domain that is not built yet, saying so plainly."""
        self.notice_panel.show_notice(title, "준비 중 · coming soon",
                                      "이 분야의 실시간 자료는 아직 연결되지 않았습니다.\n"
                                      "No live data is connected for this domain yet.")
        self.domain_stack.setCurrentWidget(self.notice_panel)

    def show_air(self) -> None:
        """Show the air panel."""
        self.domain_stack.setCurrentWidget(self.air_panel)

    def show_disaster(self) -> None:
        """Show the 재난안전 panel."""
        self.domain_stack.setCurrentWidget(self.disaster_panel)

    def show_camera_focus(self, shown: bool) -> None:
        """A camera large in the map's place, or the map again."""
        self.centre.setCurrentWidget(self.camera_focus if shown else self.map)

    def show_incident_sheet(self) -> None:
        """Show the incident detail sheet in place of the domain panel (the map stays in view)."""
        self.domain_stack.setCurrentWidget(self.incident_sheet)
