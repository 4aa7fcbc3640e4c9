"""물가 panel: the basket's change against last month, each item's Seoul mean, 전통시장 vs 대형마트 and
its changes, and the items that rose most."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from PySide6.QtWidgets import QWidget

from feeds.health import FeedHealth
from widgets import theme
from widgets.common import PanelFrame, Table, health_banner, show_health, text_label
from widgets.format import data_age_text
from widgets.trend_chart import TrendChart

COLUMNS = ("품목", "서울 평균", "전통시장", "대형마트", "전월 대비", "전년 대비")
MAX_ITEMS = 12
RISERS_SHOWN = 3


@dataclass(frozen=True)
class BasketItem:
    """One basket item this month: prices in won, changes in percent (None: no value, or no history)."""

    name: str
    seoul: float | None
    traditional: float | None
    supermarket: float | None
    vs_month: float | None
    vs_year: float | None


def won(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}원"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:+.1f} %"


def change_colour(value: float | None) -> str:
    """Dearer in amber/red, cheaper in green, as price boards show it."""
    if value is None or abs(value) < 0.5:
        return theme.TEXT
    return theme.PRICE_UP if value > 0 else theme.PRICE_DOWN


def history_note(months_kept: int, items: tuple[BasketItem, ...]) -> str:
    """Why a comparison is missing: the cache holds too few months yet."""
    notes = []
    if not any(i.vs_month is not None for i in items):
        notes.append("전월 대비: 지난달 기록이 아직 없습니다")
    if not any(i.vs_year is not None for i in items):
        notes.append(f"전년 대비: 기록 {months_kept}개월 (13개월부터 비교)")
    return " · ".join(notes)


class PricePanel(PanelFrame):
    """Shows the latest survey month's basket and how it moved."""

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(metrics, "pricePanel", parent)
        self._m = metrics
        self.state_banner = health_banner(metrics)
        self.state_banner.hide()
        self.headline = text_label("—", metrics.font(theme.TITLE_MM, bold=True))
        self.month = text_label("", metrics.font(theme.BODY_MM), theme.TEXT_DIM)
        self.age = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM)
        self.note = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM, wrap=True)
        self.risers = text_label("", metrics.font(theme.BODY_MM, bold=True), wrap=True)
        self.table = Table(metrics, COLUMNS, MAX_ITEMS)
        self.empty = text_label("아직 받은 자료가 없습니다.\nNo data received yet.", metrics.font(theme.BODY_MM),
                                theme.TEXT_DIM, wrap=True)
        self.costs_title = text_label("", metrics.font(theme.BODY_MM, bold=True))
        self.costs = TrendChart(metrics, ("장바구니 합계 (천원)",), y_floor=100)
        self._build(metrics)

    def _build(self, m: theme.Metrics) -> None:
        column = self.column
        column.setSpacing(m.px(8))
        column.addWidget(text_label("물가 · 생필품 장바구니", m.font(theme.HEADING_MM, bold=True)))
        column.addWidget(self.state_banner)
        column.addWidget(self.headline)
        column.addWidget(self.month)
        column.addWidget(self.age)
        column.addWidget(self.risers)
        column.addWidget(self.table)
        column.addWidget(self.empty)
        column.addWidget(self.note)
        column.addWidget(self.costs_title)
        column.addWidget(self.costs, 1)

    def set_basket(self, items: tuple[BasketItem, ...], month: str | None, months_kept: int,
                   basket_change: float | None) -> None:
        """The basket of the newest surveyed month; the headline is its change against last month."""
        self.empty.setVisible(not items)
        self.headline.setText(f"장바구니 전월 대비 {percent(basket_change)}" if basket_change is not None
                              else "장바구니 · 전월 비교 전")
        self.headline.setStyleSheet(f"color:{change_colour(basket_change)};")
        self.month.setText(f"{month[:4]}년 {int(month[5:])}월 조사 · 서울 {len(items)}개 품목 평균" if month else "")
        self.table.set_rows([((i.name, theme.TEXT), (won(i.seoul), theme.TEXT), (won(i.traditional), theme.TEXT),
                              (won(i.supermarket), theme.TEXT), (percent(i.vs_month), change_colour(i.vs_month)),
                              (percent(i.vs_year), change_colour(i.vs_year))) for i in items[:MAX_ITEMS]])
        rising = sorted((i for i in items if i.vs_month is not None and i.vs_month > 0), key=lambda i: -i.vs_month)
        self.risers.setText("많이 오른 품목 · " + " · ".join(f"{i.name} {percent(i.vs_month)}"
                                                        for i in rising[:RISERS_SHOWN]) if rising else "")
        self.risers.setStyleSheet(f"color:{theme.PRICE_UP};")
        self.risers.setVisible(bool(rising))
        self.note.setText(history_note(months_kept, items) if items else "")

    def set_costs(self, costs: list[tuple[datetime, float]]) -> None:
        """The basket's cost month by month, as far as the cache's history goes."""
        self.costs.set_points([(month, cost / 1000) for month, cost in costs])
        self.costs_title.setText(f"장바구니 합계 · 월별 ({len(costs)}개월 기록)" if costs else "장바구니 합계 · 아직 자료 없음")

    def set_health(self, health: FeedHealth, now: datetime) -> None:
        """The survey's age (weekly), and a banner unless the feed is fresh (the last values stay)."""
        self.age.setText(data_age_text(health.source_time, health.last_success, now, date_only=True)
                         + " · 주 1회 조사")
        show_health(self.state_banner, health, self._m)


def preview() -> QWidget:
    """A basket with changes."""
    panel = PricePanel(theme.Metrics(1.0))
    panel.set_basket((BasketItem("배추", 4200, 3900, 4600, 18.5, 32.0), BasketItem("쌀", 52000, 50500, 54000, -0.4, 3.1)),
                     "2026-11", 14, 9.0)
    now = datetime.now(timezone.utc)
    panel.set_health(FeedHealth("fresh", None, None, now, now), now)
    return panel
