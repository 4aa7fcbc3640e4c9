"""A domain without an enabled feed says so plainly through the same contract, instead of made-up numbers."""

from __future__ import annotations

from kiosk.app.domains.base import Domain, DomainContext
from kiosk.app.state import View
from widgets.map.layers import DistrictCard
from widgets.notice_panel import NoticePanel

NOT_CONFIGURED = ("설정되지 않음 · not configured",
                  "이 분야의 자료를 받는 피드가 config.toml에서 꺼져 있거나 없습니다.\n"
                  "No feed for this domain is enabled in config.toml.")


class NoticeView:
    """The domain's title and why there is nothing; the districts plain on the map."""

    def __init__(self, context: DomainContext, domain: Domain):
        self._context = context
        self.panel = NoticePanel(context.metrics)
        status, detail = NOT_CONFIGURED
        self.panel.show_notice(domain.title, status, detail)
        self.pages = (self.panel,)
        self._card = DistrictCard(lines=(status.split(" · ")[0],))

    def apply(self, data, snapshot) -> None:
        pass  # nothing is read for a domain that is not live

    def show(self, view: View) -> None:
        self._context.map.set_districts({view.district: self._card} if view.district else {})
        self._context.show_page(self.panel)

    def hide(self) -> None:
        pass
