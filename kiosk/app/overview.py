"""실시간 도시현황: each domain's tile from its own summary of its read and the health of its feeds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from feeds.base import get_feed
from feeds.health import FeedHealth
from kiosk.app.domains.notice import NOT_CONFIGURED
from kiosk.config import Config, FeedConfig
from widgets.format import data_age_text
from widgets.summary_panel import DomainTile

if TYPE_CHECKING:
    from kiosk.app.domains import Domain
    from kiosk.app.snapshot import WallSnapshot


def domain_tiles(domains: Iterable[Domain], config: Config, snapshot: WallSnapshot) -> list[DomainTile]:
    """One tile per domain, in the selectors' order."""
    return [domain_tile(d, config, snapshot) for d in domains]


def domain_tile(domain: Domain, config: Config, snapshot: WallSnapshot) -> DomainTile:
    if not domain.is_live(config):
        status = NOT_CONFIGURED[0].split(" · ")[0]
        return DomainTile(domain.key, domain.title, status, "none")
    feeds = domain.feeds(config)
    health = [snapshot.health[f.id] for f in feeds]
    problem = feed_problem(health)
    if domain.key not in snapshot.domains or not any(h.has_data for h in health):
        return DomainTile(domain.key, domain.title, "자료 없음", "none", problem=problem)
    headline, level = domain.summary(snapshot.domains[domain.key]) if domain.summary else ("", "ok")
    return DomainTile(domain.key, domain.title, headline, level, newest_age(feeds, snapshot), problem)


def newest_age(feeds: list[FeedConfig], snapshot: WallSnapshot) -> str:
    """The age of the most recently updated feed's data ("14:00 기준 · 3분 전", "11/25 자료 · 2일 전")."""
    feed = max((f for f in feeds if snapshot.health[f.id].has_data), key=lambda f: snapshot.health[f.id].last_success)
    health = snapshot.health[feed.id]
    return data_age_text(health.source_time, health.last_success, snapshot.now, get_feed(feed.kind).source_time_is_date)


def feed_problem(health: list[FeedHealth]) -> str:
    """What is wrong with a domain's feeds, in plain Korean ("" when all are fresh)."""
    states = [h.state for h in health]
    if all(s == "waiting" for s in states):
        return "수신 대기 중"
    down, stale = states.count("down"), states.count("stale")
    some = "일부 " if down + stale < len(states) else ""
    kept = " · 마지막 값 표시" if any(h.has_data for h in health) else ""
    if down:
        return f"{some}자료 연결 끊김{kept}"
    return f"{some}자료 지연{kept}" if stale else ""
