"""물가: the basket of everyday items from Seoul's price survey: Seoul's mean, 전통시장 vs 대형마트, the
change against last month and last year from the cache's history, the districts by a basket index,
and the items that rose most."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from feeds.records import SEOUL_TZ
from feeds.seoul_prices import PriceQuote, recent_months
from kiosk.app.domains.base import Domain, DomainContext
from kiosk.app.snapshot import feed_ids
from kiosk.app.state import DomainKey, View
from kiosk.config import Config
from widgets.map.layers import price_cards
from widgets.price_panel import BasketItem, PricePanel

HISTORY_MONTHS = 13  # this month and the same month a year ago
WATCH_RISE_PCT = 3.0  # the basket's monthly rise that draws the eye
TRADITIONAL, SUPERMARKET = "전통시장", "대형마트"
Means = dict[str, dict[tuple[str | None, str | None], list[float]]]  # item -> (market type, 구) -> mean prices


@dataclass(frozen=True)
class PriceData:
    feed_id: str | None = None
    month: str | None = None  # the newest surveyed month
    months_kept: int = 0  # surveyed months in the cache
    items: tuple[BasketItem, ...] = ()
    district_index: dict[str, float] = field(default_factory=dict)  # 구 -> basket index (Seoul = 100)
    district_items: dict[str, tuple[tuple[str, float, float], ...]] = field(default_factory=dict)  # 구 -> (item, 구, 서울)
    monthly: list[tuple[datetime, float]] = field(default_factory=list)  # (month, the basket's cost at Seoul's means)


def in_basket(name: str, item: str) -> bool:
    """"쌀" names "쌀(이천쌀) 20kg" but "배" does not name "배추": a match ends at a non-Hangul character."""
    item = item.strip()
    return item.startswith(name) and (len(item) == len(name) or not "가" <= item[len(name)] <= "힣")


def mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def change(now: float | None, then: float | None) -> float | None:
    """Percent change, None without both."""
    return (now - then) / then * 100 if now is not None and then else None


def group(rows, basket: tuple[str, ...]) -> dict[str, Means]:
    """month -> basket item -> (market type, 구) -> the mean prices of its survey items there."""
    months: dict[str, Means] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for month, item, market_type, district, price in rows:
        name = next((n for n in basket if in_basket(n, item)), None)
        if name is not None:
            months[month][name][(market_type, district)].append(price)
    return months


def seoul_mean(means: Means, name: str, market_type: str | None = None) -> float | None:
    return mean([p for (kind, _d), prices in means.get(name, {}).items()
                 if market_type in (None, kind) for p in prices])


def month_before(month: str, months: int) -> str:
    year, number = map(int, month.split("-"))
    index = year * 12 + number - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def read_prices(reader, config: Config, now: datetime, _view: View) -> PriceData:
    ids = feed_ids(config, PriceQuote)
    basket = config.prices.basket
    rows = reader.price_means(ids, recent_months(now, HISTORY_MONTHS)[-1])
    months = group(rows, basket)
    if not months:
        return PriceData(ids[0] if ids else None)
    month = max(months)
    current, last, year_ago = months[month], months.get(month_before(month, 1), {}), months.get(month_before(month, 12), {})
    items = tuple(BasketItem(name, seoul_mean(current, name), seoul_mean(current, name, TRADITIONAL),
                             seoul_mean(current, name, SUPERMARKET),
                             change(seoul_mean(current, name), seoul_mean(last, name)) if last else None,
                             change(seoul_mean(current, name), seoul_mean(year_ago, name)) if year_ago else None)
                  for name in basket if name in current)
    index, lines = district_basket(current)
    return PriceData(ids[0], month, len(months), items, index, lines, basket_costs(months, [i.name for i in items]))


def basket_costs(months: dict[str, Means], names: list[str]) -> list[tuple[datetime, float]]:
    """The basket's cost (the sum of its items' Seoul means) for every month that has all of them."""
    costs = []
    for month in sorted(months):
        prices = [seoul_mean(months[month], name) for name in names]
        if names and None not in prices:
            costs.append((datetime.strptime(month, "%Y-%m").replace(day=15, tzinfo=SEOUL_TZ), sum(prices)))
    return costs


def district_basket(current: Means) -> tuple[dict[str, float], dict[str, tuple]]:
    """Each 구's basket index (its items' prices against Seoul's, averaged; 100 = Seoul) and its items."""
    per_district: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for name, places in current.items():
        seoul = seoul_mean(current, name)
        for district in {d for (_k, d) in places if d}:
            here = mean([p for (_k, d), prices in places.items() if d == district for p in prices])
            if here is not None and seoul:
                per_district[district].append((name, here, seoul))
    index = {d: sum(here / seoul for _n, here, seoul in items) / len(items) * 100 for d, items in per_district.items()}
    return index, {d: tuple(items) for d, items in per_district.items()}


def basket_change(data: PriceData) -> float | None:
    """The basket's change against last month: the mean of its items' changes."""
    return mean([i.vs_month for i in data.items if i.vs_month is not None])


def summary(data: PriceData) -> tuple[str, str]:
    """"장바구니 +2.1 %" against last month; watch from +3 %."""
    moved = basket_change(data)
    if moved is None:
        return "장바구니 · 비교 전", "ok"
    return f"장바구니 {moved:+.1f} %", "watch" if moved >= WATCH_RISE_PCT else "ok"


class PriceView:
    """The panel; the districts by basket index on the map while on show."""

    def __init__(self, context: DomainContext):
        self._context = context
        self.panel = PricePanel(context.metrics)
        self.pages = (self.panel,)
        self.data = PriceData()
        self._shown = False

    def apply(self, data: PriceData, snapshot) -> None:
        self.data = data
        self.panel.set_basket(data.items, data.month, data.months_kept, basket_change(data))
        self.panel.set_costs(data.monthly)
        if data.feed_id:
            self.panel.set_health(snapshot.health[data.feed_id], snapshot.now)
        if self._shown:
            self._context.map.set_districts(price_cards(data.district_index, data.district_items))

    def show(self, view: View) -> None:
        if not self._shown:
            self._shown = True
            self._context.map.set_districts(price_cards(self.data.district_index, self.data.district_items))
        self._context.show_page(self.panel)

    def hide(self) -> None:
        self._shown = False


PRICES = Domain(DomainKey.PRICES, "물가", "Prices", (PriceQuote,), read_prices, PriceView, summary=summary)
