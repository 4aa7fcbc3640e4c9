"""The wall's domains, in the order of their selectors; the ones not built yet are titles only."""

from kiosk.app.domains.air import AIR
from kiosk.app.domains.base import Domain, DomainContext, DomainView
from kiosk.app.domains.disaster import DISASTER
from kiosk.app.domains.prices import PRICES
from kiosk.app.domains.projects import PROJECTS
from kiosk.app.domains.traffic import TRAFFIC
from kiosk.app.domains.voices import VOICES
from kiosk.app.domains.water import WATER
from kiosk.app.state import DomainKey

DOMAINS: tuple[Domain, ...] = (
    DISASTER,
    TRAFFIC,
    AIR,
    WATER,
    PRICES,
    VOICES,
    PROJECTS,
    Domain(DomainKey.STARTUPS, "창업생태계", "Startups"),
)

__all__ = ["DOMAINS", "Domain", "DomainContext", "DomainView"]
