"""The wall's domains, in the order of their selectors."""

from kiosk.app.domains.air import AIR
from kiosk.app.domains.base import Domain, DomainContext, DomainView
from kiosk.app.domains.disaster import DISASTER
from kiosk.app.domains.prices import PRICES
from kiosk.app.domains.projects import PROJECTS
from kiosk.app.domains.startups import STARTUPS
from kiosk.app.domains.traffic import TRAFFIC
from kiosk.app.domains.voices import VOICES
from kiosk.app.domains.water import WATER

DOMAINS: tuple[Domain, ...] = (
    DISASTER,
    TRAFFIC,
    AIR,
    WATER,
    PRICES,
    VOICES,
    PROJECTS,
    STARTUPS,
)

__all__ = ["DOMAINS", "Domain", "DomainContext", "DomainView"]
