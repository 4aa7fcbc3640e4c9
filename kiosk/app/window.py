"""The wall's window: header (and alert banner) on top, domain panel | map | 실시간 도시현황 and CCTV in
the middle, selectors below. The domains bring their own pages (panels, sheets) for the panel's place,
so a sheet leaves the map in view; a camera opened large takes the map's place. The feed list is the
operator's view, in the tiles' place after a touch on the header's health indicator."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from widgets import theme
from widgets.alert_banner import AlertBanner
from widgets.call_view import CallView
from widgets.contacts_panel import ContactsPanel
from widgets.order_form import OrderForm
from widgets.orders_panel import OrdersPanel
from widgets.news_ticker import NewsTicker
from widgets.notice_bar import NoticeBar
from widgets.cctv_area import CameraFocus, CctvArea
from widgets.domain_bar import DomainBar, DomainTitle
from widgets.header import HeaderBar
from widgets.map.view import MapView
from widgets.nearby_cameras import NearbyCamerasView
from widgets.status_panel import StatusPanel
from widgets.summary_panel import SummaryPanel

HEADER_MM = 150.0
SIDE_PANEL_MM = 1050.0
STATUS_PANEL_MM = 780.0
GAP_MM = 15.0


class WallWindow(QWidget):
    """Holds the shared widgets and the domains' pages; the controller fills them."""

    def __init__(self, metrics: theme.Metrics, map_page: Path, domains: list[DomainTitle],
                 map_hosts: tuple[str, ...] = (), cctv_tiles: int = 4, nearby_cameras: int = 3,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.metrics = metrics
        self.setWindowTitle("디지털 시민시장실")
        self.setObjectName("wall")
        self.setStyleSheet(f"#wall {{ background:{theme.BACKGROUND}; }}")
        self.header = HeaderBar(metrics)
        self.header.setFixedHeight(metrics.px(HEADER_MM))
        self.alert_banner = AlertBanner(metrics)
        self.notice_bar = NoticeBar(metrics)
        self.order_bar = NoticeBar(metrics, background=theme.ESCALATION, edge=theme.ALERT)  # 미확인, 기한 지남
        self.domain_stack = QStackedWidget()
        self.domain_stack.setFixedWidth(metrics.px(SIDE_PANEL_MM))
        self.map = MapView(map_page, metrics, map_hosts)
        self.camera_focus = CameraFocus(metrics)
        self.centre = QStackedWidget()
        self.centre.addWidget(self.map)
        self.centre.addWidget(self.camera_focus)
        self.call_view = CallView(metrics)
        self.centre.addWidget(self.call_view)
        self.contacts_panel = ContactsPanel(metrics)  # the people the mayor can call, behind the header's 연락처
        self.centre.addWidget(self.contacts_panel)
        self.orders_panel = OrdersPanel(metrics)  # the open work orders, behind the header's 업무 지시
        self.centre.addWidget(self.orders_panel)
        self.order_form = OrderForm(metrics)  # a sheet's 업무 지시: the templates
        self.centre.addWidget(self.order_form)
        self.summary_panel = SummaryPanel(metrics)
        self.status_panel = StatusPanel(metrics)  # the operator view of the feeds, behind the header's health
        self.overview = QStackedWidget()
        self.overview.addWidget(self.summary_panel)
        self.overview.addWidget(self.status_panel)
        self.header.contacts_touched.connect(
            lambda: self.show_contacts(self.centre.currentWidget() is not self.contacts_panel))
        self.contacts_panel.closed.connect(lambda: self.show_contacts(False))
        self.header.orders_touched.connect(
            lambda: self.show_orders(None if self.centre.currentWidget() is self.orders_panel else "panel"))
        self.header.health_touched.connect(lambda: self.show_feeds(self.overview.currentWidget() is self.summary_panel))
        self.status_panel.closed.connect(lambda: self.show_feeds(False))
        self.cctv_area = CctvArea(metrics, cctv_tiles)
        # a sheet's nearest cameras: one strip that each sheet takes while it is shown. Owned by the window
        # from the start (hidden until a sheet takes it): a parentless widget with native video windows
        # would be freed by Python's collector at any moment, under Qt's feet.
        self.camera_strip = NearbyCamerasView(metrics, nearby_cameras, self)
        self.camera_strip.hide()
        self.domain_bar = DomainBar(metrics, domains)
        self.news_ticker = NewsTicker(metrics)
        self._build_layout()

    def _build_layout(self) -> None:
        m = self.metrics
        right = QVBoxLayout()
        right.setSpacing(m.px(GAP_MM))
        right.addWidget(self.overview, 2)
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
        column.addWidget(self.order_bar)
        column.addWidget(self.notice_bar)
        column.addLayout(middle, 1)
        ticker = QHBoxLayout()
        ticker.setContentsMargins(m.px(GAP_MM * 2), 0, m.px(GAP_MM * 2), 0)
        ticker.addWidget(self.news_ticker)
        column.addLayout(ticker)
        column.addWidget(self.domain_bar)

    def add_pages(self, pages: tuple[QWidget, ...]) -> None:
        """A domain's panel and sheets, for the panel's place."""
        for page in pages:
            self.domain_stack.addWidget(page)

    def show_page(self, page: QWidget) -> None:
        """Put one of the domains' pages in the panel's place."""
        self.domain_stack.setCurrentWidget(page)

    def show_feeds(self, shown: bool) -> None:
        """The feed list (operator view) in the overview's place, or the domain tiles again."""
        self.overview.setCurrentWidget(self.status_panel if shown else self.summary_panel)

    def show_contacts(self, shown: bool) -> None:
        """The contacts in the map's place (the largest: large targets), or the map again."""
        self.centre.setCurrentWidget(self.contacts_panel if shown else self.map)

    def show_orders(self, which: str | None) -> None:
        """The orders panel ("panel") or a sheet's order form ("form") in the map's place, or the map again."""
        self.centre.setCurrentWidget({"panel": self.orders_panel, "form": self.order_form}.get(which, self.map))

    def show_call(self, shown: bool) -> None:
        """A call in the map's place, or the map again."""
        self.centre.setCurrentWidget(self.call_view if shown else self.map)

    def show_camera_focus(self, shown: bool) -> None:
        """A camera large in the map's place, or the map again."""
        self.centre.setCurrentWidget(self.camera_focus if shown else self.map)
