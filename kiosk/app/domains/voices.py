"""시민의견: the day's complaint keywords and the rising ones (국민권익위원회), the top keyword's trend, and
120 다산콜센터's calls by category against the usual day up to the same hour. Categories, keywords and
counts only: no complaint text reaches the wall."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from feeds.calls_120 import CallVolume
from feeds.complaints import RISING, TOP, ComplaintKeyword
from feeds.records import SEOUL_TZ
from kiosk.app.domains.base import Domain, DomainContext
from kiosk.app.snapshot import feed_ids
from kiosk.app.state import DomainKey, View
from kiosk.config import Config
from widgets.voices_panel import CategoryCalls, VoicesPanel, rising_headline

TREND_DAYS = 14
USUAL_DAYS = 28  # the usual day: the same kind of day (weekday or weekend) within the last four weeks


@dataclass(frozen=True)
class VoicesData:
    keyword_feed: str | None = None
    calls_feed: str | None = None
    top: tuple[ComplaintKeyword, ...] = ()  # today's core keywords, by rank
    rising: tuple[ComplaintKeyword, ...] = ()  # the newest hour's rising keywords, by rank
    top_trend: list[tuple[datetime, int]] = field(default_factory=list)  # the first keyword's count per day
    categories: tuple[CategoryCalls, ...] = ()  # today's calls by category, most first
    hourly: list[tuple[datetime, float | None, float | None]] = field(default_factory=list)  # (hour, today, usual)
    usual_days: int = 0  # days the usual is the mean of


def read_voices(reader, config: Config, now: datetime, _view: View) -> VoicesData:
    keyword_ids, call_ids = feed_ids(config, ComplaintKeyword), feed_ids(config, CallVolume)
    keywords = [k for f in keyword_ids for k in reader.latest(f, ComplaintKeyword)]
    top = tuple(sorted((k for k in keywords if k.kind == TOP), key=lambda k: (k.rank or 99, k.keyword)))
    rising = tuple(sorted((k for k in keywords if k.kind == RISING), key=lambda k: (k.rank or 99, k.keyword)))
    trend = reader.keyword_counts(keyword_ids, top[0].keyword, now - timedelta(days=TREND_DAYS)) if top else []
    today = now.astimezone(SEOUL_TZ).replace(hour=0, minute=0, second=0, microsecond=0)
    volumes = reader.call_volumes(call_ids, today - timedelta(days=USUAL_DAYS)) if call_ids else []
    categories, hourly, usual_days = compare_calls(volumes, today)
    return VoicesData(keyword_ids[0] if keyword_ids else None, call_ids[0] if call_ids else None,
                      top, rising, trend, categories, hourly, usual_days)


def compare_calls(volumes: list[tuple[datetime, int, str, int]], today: datetime
                  ) -> tuple[tuple[CategoryCalls, ...], list, int]:
    """Today's calls by category and by hour against the mean of the same kind of day, up to the same hour."""
    volumes = [(d.astimezone(SEOUL_TZ), h, c, n) for d, h, c, n in volumes]
    until = max((h for d, h, _c, _n in volumes if d == today), default=-1) + 1  # today's hours so far
    weekend = today.weekday() >= 5
    usual = {d for d, *_rest in volumes if d < today and (d.weekday() >= 5) == weekend}
    now_category, now_hour, usual_category, usual_hour = Counter(), Counter(), Counter(), Counter()
    for day, hour, category, calls in volumes:
        if day == today:
            now_category[category] += calls
            now_hour[hour] += calls
        elif day in usual:
            usual_hour[hour] += calls
            usual_category[category] += calls if hour < until else 0
    days = len(usual)
    categories = sorted({c for _d, _h, c, _n in volumes})
    rows = [CategoryCalls(c, now_category[c], usual_category[c] / days if days else None) for c in categories]
    hourly = [(today + timedelta(hours=h), float(now_hour[h]) if h < until else None,
               usual_hour[h] / days if days else None) for h in range(24)]
    return tuple(sorted(rows, key=lambda r: -r.today)), hourly, days


def summary(data: VoicesData) -> tuple[str, str]:
    """"민원 급증: 폭염" (watch), or the day's first keyword."""
    if data.rising:
        return rising_headline(data.rising), "watch"
    return (f"민원 1위: {data.top[0].keyword}" if data.top else "급증 민원 없음"), "ok"


class VoicesView:
    """The panel; the map stays plain (the keywords are Seoul's, not a district's)."""

    def __init__(self, context: DomainContext):
        self._context = context
        self.panel = VoicesPanel(context.metrics)
        self.pages = (self.panel,)

    def apply(self, data: VoicesData, snapshot) -> None:
        self.panel.set_keywords(data.top, data.rising, data.top_trend)
        self.panel.set_calls(data.categories, data.hourly, data.usual_days)
        feeds = (("민원 키워드", data.keyword_feed), ("120", data.calls_feed))
        self.panel.set_health({label: snapshot.health[i] for label, i in feeds if i}, snapshot.now)

    def show(self, view: View) -> None:
        self._context.map.set_districts({})
        self._context.show_page(self.panel)

    def hide(self) -> None:
        pass


VOICES = Domain(DomainKey.VOICES, "시민의견", "Citizens' Voices", (ComplaintKeyword, CallVolume), read_voices,
                VoicesView, summary=summary)
