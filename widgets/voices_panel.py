"""시민의견 panel: what is rising, the day's core complaint keywords with the first one's trend, and 120
다산콜센터's calls by category against the usual day. Keywords and counts only, never a person's words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from PySide6.QtWidgets import QWidget

from feeds.complaints import ComplaintKeyword
from feeds.health import FeedHealth
from feeds.records import SEOUL_TZ
from widgets import theme
from widgets.common import PanelFrame, Table, health_banner, show_health, text_label
from widgets.format import data_age_text
from widgets.price_panel import change_colour, percent
from widgets.trend_chart import TrendChart

KEYWORDS_SHOWN = 8
RISING_SHOWN = 4
CATEGORIES_SHOWN = 9
BUSY_PCT = 10  # a category this much above its usual day is drawn in the rising colour
PRIVACY = "민원 내용은 표시하지 않습니다 · 키워드와 건수만 (국민권익위원회 민원 빅데이터) · 120 다산콜재단 자료는 시 자체 자료"


@dataclass(frozen=True)
class CategoryCalls:
    """One category's 120 calls today, and on the usual day up to the same hour (None: no history yet)."""

    category: str
    today: int
    usual: float | None

    @property
    def change_pct(self) -> float | None:
        return (self.today - self.usual) / self.usual * 100 if self.usual else None


def busy_colour(change_pct: float | None) -> str:
    """A category well above its usual day in the rising colour; the others plain."""
    return change_colour(change_pct if (change_pct or 0) > BUSY_PCT else None)


def rising_headline(rising: tuple[ComplaintKeyword, ...]) -> str:
    """"민원 급증: 폭염" (the first rising keyword), or that nothing is rising."""
    return f"민원 급증: {rising[0].keyword}" if rising else "급증 민원 없음"


def calls_total_text(categories: tuple[CategoryCalls, ...], usual_days: int) -> str:
    """"오늘 120 상담 3,210건 · 평소보다 12 % 많음 (같은 시각까지, 같은 요일 유형 5일 평균)"."""
    today = sum(c.today for c in categories)
    usual = [c.usual for c in categories if c.usual is not None]
    text = f"오늘 120 상담 {today:,}건"
    if not usual_days or not usual:
        return text + " · 평소와 비교할 기록이 아직 없습니다"
    change = (today - sum(usual)) / sum(usual) * 100 if sum(usual) else 0.0
    word = "많음" if change >= 0 else "적음"
    return text + f" · 평소보다 {abs(change):.0f} % {word} (같은 시각까지, 비슷한 요일 {usual_days}일 평균)"


class VoicesPanel(PanelFrame):
    """Shows the latest keywords and calls, and their age."""

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(metrics, "voicesPanel", parent)
        self._m = metrics
        self.state_banner = health_banner(metrics)
        self.state_banner.hide()
        self.headline = text_label("—", metrics.font(theme.TITLE_MM, bold=True))
        self.rising = text_label("", metrics.font(theme.BODY_MM, bold=True), wrap=True)
        self.keywords = text_label("", metrics.font(theme.BODY_MM), wrap=True)
        self.trend_title = text_label("", metrics.font(theme.SMALL_MM, bold=True))
        self.trend = TrendChart(metrics, ("민원 건수",), y_floor=100)
        self.calls_total = text_label("", metrics.font(theme.BODY_MM, bold=True), wrap=True)
        self.table = Table(metrics, ("분야", "오늘", "평소", "차이"), CATEGORIES_SHOWN)
        self.hourly = TrendChart(metrics, ("오늘", "평소"), y_floor=100)
        self.age = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM, wrap=True)
        self._build(metrics)

    def _build(self, m: theme.Metrics) -> None:
        column = self.column
        column.setSpacing(m.px(8))
        column.addWidget(text_label("시민의견 · 민원 키워드와 120 다산콜", m.font(theme.HEADING_MM, bold=True)))
        column.addWidget(self.state_banner)
        column.addWidget(self.headline)
        column.addWidget(self.rising)
        column.addWidget(text_label("오늘의 핵심 민원 키워드", m.font(theme.BODY_MM, bold=True)))
        column.addWidget(self.keywords)
        column.addWidget(self.trend_title)
        column.addWidget(self.trend, 2)
        column.addWidget(self.calls_total)
        column.addWidget(self.table)
        column.addWidget(text_label("시간대별 120 상담 · 오늘과 평소", m.font(theme.SMALL_MM, bold=True)))
        column.addWidget(self.hourly, 2)
        column.addWidget(self.age)
        column.addWidget(text_label(PRIVACY, m.font(theme.SMALL_MM), theme.TEXT_DIM, wrap=True))

    def set_keywords(self, top: tuple[ComplaintKeyword, ...], rising: tuple[ComplaintKeyword, ...],
                     trend: list[tuple[datetime, int]]) -> None:
        self.headline.setText(rising_headline(rising))
        self.headline.setStyleSheet(f"color:{theme.PRICE_UP if rising else theme.TEXT};")
        self.rising.setText("급증 · " + " · ".join(f"{k.keyword} {percent(k.change_pct)}" for k in rising[:RISING_SHOWN])
                            if rising else "")
        self.rising.setVisible(bool(rising))
        self.keywords.setText("  ".join(f"{k.rank or n + 1}. {k.keyword} {k.count or 0:,}건"
                                        for n, k in enumerate(top[:KEYWORDS_SHOWN])) or "아직 받은 자료가 없습니다.")
        self.trend.set_points([(day, float(n)) for day, n in trend])
        self.trend_title.setText(f"'{top[0].keyword}' 민원 추이 · 최근 {len(trend)}일" if top else "")

    def set_calls(self, categories: tuple[CategoryCalls, ...], hourly: list, usual_days: int) -> None:
        self.calls_total.setText(calls_total_text(categories, usual_days) if categories else "120 · 아직 받은 자료가 없습니다.")
        self.table.set_rows([((c.category, theme.TEXT), (f"{c.today:,}", theme.TEXT),
                              ("—" if c.usual is None else f"{c.usual:,.0f}", theme.TEXT),
                              (percent(c.change_pct), busy_colour(c.change_pct))) for c in categories[:CATEGORIES_SHOWN]])
        self.hourly.set_points(hourly)

    def set_health(self, health: dict[str, FeedHealth], now: datetime) -> None:
        """Each feed's age by its label; a banner for the first that is not fresh (the last values stay)."""
        self.age.setText(" · ".join(f"{label} {data_age_text(h.source_time, h.last_success, now)}"
                                    for label, h in health.items()))
        if health:
            worst = next((h for h in health.values() if h.state != "fresh"), next(iter(health.values())))
            show_health(self.state_banner, worst, self._m)


def preview() -> QWidget:
    """Sample keywords and calls."""
    now = datetime.now(timezone.utc)
    day = now.astimezone(SEOUL_TZ).replace(hour=0, minute=0, second=0, microsecond=0)
    panel = VoicesPanel(theme.Metrics(1.0))
    panel.set_keywords((ComplaintKeyword("top", "난방", day, 1, 812),), (ComplaintKeyword("rising", "화재", day, 1, 300,
                                                                                          60, 400.0),),
                       [(day - timedelta(days=d), 500 + 30 * d) for d in range(7, 0, -1)])
    panel.set_calls((CategoryCalls("교통", 420, 380.0), CategoryCalls("안전", 90, 35.0)), [], 5)
    return panel
