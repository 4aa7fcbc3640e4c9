"""물가: the basket of everyday items from Seoul's price survey: Seoul's mean, 전통시장 vs 대형마트, the
change against last month and last year from the cache's history, the districts by a basket index,
and the items that rose most."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from feeds.records import SEOUL_TZ
from feeds.seoul_prices import PriceQuote
from kiosk.app.domains.base import Domain, DomainContext
from kiosk.app.snapshot import feed_ids
from kiosk.app.state import DomainKey, View
from kiosk.config import Config
from widgets.map.layers import price_cards
from widgets.price_panel import BasketItem, PricePanel

HISTORY_MONTHS = 13  # this month back to the same month a year ago
WATCH_RISE_PCT = 3.0  # the basket's monthly rise that draws the eye
TRADITIONAL, SUPERMARKET = "전통시장", "대형마트"
Quoted = list[tuple[float, int]]  # (mean price, quotes) of survey items
Means = dict[str, dict[tuple[str | None, str | None], Quoted]]  # basket item -> (market type, 구) -> means


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


@functools.lru_cache(maxsize=4096)  # a hot path: the survey repeats a few dozen item names
def basket_name(basket: tuple[str, ...], item: str) -> str | None:
    return next((n for n in basket if in_basket(n, item)), None)


def weighted(quoted: Quoted) -> float | None:
    """The mean over every quote behind these means."""
    total = sum(n for _m, n in quoted)
    return sum(m * n for m, n in quoted) / total if total else None


def change(now: float | None, then: float | None) -> float | None:
    """Percent change, None without both."""
    return (now - then) / then * 100 if now is not None and then else None


def group(rows, basket: tuple[str, ...]) -> dict[str, Means]:
    """month -> basket item -> (market type, 구) -> the means of its survey items there."""
    months: dict[str, Means] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for month, item, market_type, district, price, quotes in rows:
        name = basket_name(basket, item)
        if name is not None:
            months[month][name][(market_type, district)].append((price, quotes))
    return months


def seoul_mean(means: Means, name: str, market_type: str | None = None) -> float | None:
    return weighted([q for (kind, _d), quoted in means.get(name, {}).items() if market_type in (None, kind)
                     for q in quoted])


def month_before(month: str, months: int) -> str:
    year, number = map(int, month.split("-"))
    index = year * 12 + number - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def read_prices(reader, config: Config, now: datetime, _view: View) -> PriceData:
    ids = feed_ids(config, PriceQuote)
    month = reader.newest_price_month(ids[0]) if ids else None
    if month is None:
        return PriceData(ids[0] if ids else None)
    basket = config.prices.basket
    compared = (month, month_before(month, 1), month_before(month, 12))
    months = group(reader.price_means(ids[0], list(compared)), basket)
    current, last, year_ago = (months.get(m, {}) for m in compared)
    items = tuple(BasketItem(name, seoul_mean(current, name), seoul_mean(current, name, TRADITIONAL),
                             seoul_mean(current, name, SUPERMARKET),
                             change(seoul_mean(current, name), seoul_mean(last, name)),
                             change(seoul_mean(current, name), seoul_mean(year_ago, name)))
                  for name in basket if name in current)
    history = reader.price_history(ids[0], month_before(month, HISTORY_MONTHS - 1))
    index, lines = district_basket(current)
    return PriceData(ids[0], month, len({row[0] for row in history}), items, index, lines,
                     basket_costs(history, basket, [i.name for i in items]))


def basket_costs(history, basket: tuple[str, ...], names: list[str]) -> list[tuple[datetime, float]]:
    """The basket's cost (the sum of its items' Seoul means) for every month that has all of them."""
    by_month: dict[str, dict[str, Quoted]] = defaultdict(lambda: defaultdict(list))
    for month, item, price, quotes in history:
        name = basket_name(basket, item)
        if name is not None:
            by_month[month][name].append((price, quotes))
    costs = []
    for month in sorted(by_month):
        prices = [weighted(by_month[month].get(name, [])) for name in names]
        if names and None not in prices:
            costs.append((datetime.strptime(month, "%Y-%m").replace(day=15, tzinfo=SEOUL_TZ), sum(prices)))
    return costs


def district_basket(current: Means) -> tuple[dict[str, float], dict[str, tuple]]:
    """Each 구's basket index (its items' prices against Seoul's, averaged; 100 = Seoul) and its items."""
    per_district: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for name, places in current.items():
        seoul = seoul_mean(current, name)
        for district in {d for (_k, d) in places if d}:
            here = weighted([q for (_k, d), quoted in places.items() if d == district for q in quoted])
            if here is not None and seoul:
                per_district[district].append((name, here, seoul))
    index = {d: sum(here / seoul for _n, here, seoul in items) / len(items) * 100 for d, items in per_district.items()}
    return index, {d: tuple(items) for d, items in per_district.items()}


def basket_change(data: PriceData) -> float | None:
    """The basket's change against last month: the mean of its items' changes."""
    changes = [i.vs_month for i in data.items if i.vs_month is not None]
    return sum(changes) / len(changes) if changes else None


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
