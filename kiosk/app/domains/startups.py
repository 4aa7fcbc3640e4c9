"""창업생태계: Seoul's ecosystem figures from the city's own file (with their history) and the K-Startup
programmes open to Seoul's startups, the ones closing soon first; a figure's touch opens its history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from feeds.kstartup import SupportProgramme
from feeds.records import SEOUL_TZ
from feeds.startup_indicators import INDICATORS, StartupIndicator
from kiosk.app.domains.base import Domain, DomainContext
from kiosk.app.snapshot import feed_ids
from kiosk.app.state import DomainKey, View
from kiosk.config import Config
from widgets.indicator_sheet import IndicatorSheet
from widgets.startup_panel import Figure, StartupPanel, amount, days_left

HEADLINE = ("investment_eok", "투자")  # the tile's figure, and its short name there
SOON_DAYS = 7


@dataclass(frozen=True)
class StartupData:
    indicator_feed: str | None = None
    programme_feed: str | None = None
    today: date | None = None
    figures: tuple[Figure, ...] = tuple(Figure(k, label, unit) for k, (label, unit) in INDICATORS.items())
    programmes: tuple[SupportProgramme, ...] = ()  # open, the soonest closing first
    samples: bool = False


def change(now: float | None, then: float | None) -> float | None:
    return (now - then) / then * 100 if now is not None and then else None


def figure(key: str, history: list[tuple[datetime, float, str | None]]) -> Figure:
    """The newest month against the month before and the same month a year before (when kept)."""
    label, unit = INDICATORS[key]
    if not history:
        return Figure(key, label, unit)
    history = [(m.astimezone(SEOUL_TZ), v, s) for m, v, s in history]  # months are Seoul's
    by_month = {(m.year, m.month): v for m, v, _s in history}
    month, value, source = history[-1]
    before = (month.year - (month.month == 1), 12 if month.month == 1 else month.month - 1)
    return Figure(key, label, unit, value, month, change(value, by_month.get(before)),
                  change(value, by_month.get((month.year - 1, month.month))), [(m, v) for m, v, _s in history], source)


def read_startups(reader, config: Config, now: datetime, _view: View) -> StartupData:
    indicator_ids, programme_ids = feed_ids(config, StartupIndicator), feed_ids(config, SupportProgramme)
    today = now.astimezone(SEOUL_TZ).date()
    history = reader.indicator_history(indicator_ids) if indicator_ids else {}
    open_now = [p for f in programme_ids for p in reader.latest(f, SupportProgramme)
                if (days_left(p.closes, today) or 0) >= 0]
    open_now.sort(key=lambda p: (p.closes is None, p.closes or now))
    samples = any(config.is_simulated(f) for f in config.feeds if f.id in indicator_ids)
    return StartupData(indicator_ids[0] if indicator_ids else None, programme_ids[0] if programme_ids else None,
                       today, tuple(figure(k, history.get(k, [])) for k in INDICATORS), tuple(open_now), samples)


def summary(data: StartupData) -> tuple[str, str]:
    """"투자 1,812억 원 · 마감 임박 3"."""
    key, short = HEADLINE
    head = next(f for f in data.figures if f.key == key)
    soon = sum((days_left(p.closes, data.today) or 0) <= SOON_DAYS for p in data.programmes) if data.today else 0
    parts = [f"{short} {amount(head.value, head.unit)}"] if head.value is not None else []
    parts += [f"마감 임박 {soon}"] if soon else []
    return (" · ".join(parts) or "—"), "ok"


class StartupsView:
    """The figures and programmes; a figure's history sheet. The map stays plain (no place data)."""

    def __init__(self, context: DomainContext):
        self._context = c = context
        self.panel = StartupPanel(c.metrics, tuple(INDICATORS))
        self.sheet = IndicatorSheet(c.metrics)
        self.pages = (self.panel, self.sheet)
        self.data, self.by_key = StartupData(), {}
        self.panel.figure_selected.connect(lambda key: c.state.change(domain=DomainKey.STARTUPS, sheet=key))
        self.sheet.closed.connect(lambda: c.state.change(sheet=None))

    def apply(self, data: StartupData, snapshot) -> None:
        self.data = data
        self.by_key = {f.key: f for f in data.figures}
        self.panel.set_figures(list(data.figures), data.samples)
        self.panel.set_programmes(data.programmes, data.today or snapshot.now.date())
        if data.programme_feed:
            self.panel.set_health(snapshot.health.get(data.programme_feed), snapshot.now)
        if self.sheet.key in self.by_key:
            self.sheet.show_figure(self.by_key[self.sheet.key])

    def show(self, view: View) -> None:
        self._context.map.set_districts({})
        if view.sheet in self.by_key:
            self.sheet.show_figure(self.by_key[view.sheet])
            self._context.show_page(self.sheet)
        else:
            self.sheet.key = None
            self._context.show_page(self.panel)

    def hide(self) -> None:
        self.sheet.key = None


STARTUPS = Domain(DomainKey.STARTUPS, "창업생태계", "Startups", (StartupIndicator, SupportProgramme), read_startups,
                  StartupsView, summary=summary)
