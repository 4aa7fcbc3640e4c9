"""What the wall shows — domain, district, open sheet, camera large — owned in one place, without Qt.

Widgets report touches; the controller turns them (and programmatic moves: an alert, the idle
return) into one `WallState.change`, and every part of the wall follows the one change event.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Callable


class DomainKey(StrEnum):
    """The domains, in the order of the selectors along the lower band (the seed's six, 물가 and 시민의견)."""

    DISASTER = "disaster"
    TRAFFIC = "traffic"
    AIR = "air"
    WATER = "water"
    PRICES = "prices"
    VOICES = "voices"
    PROJECTS = "projects"
    STARTUPS = "startups"


@dataclass(frozen=True)
class View:
    """Where the wall is: its domain, the district touched, the sheet open in it, the camera shown large."""

    domain: DomainKey
    district: str | None = None
    sheet: str | None = None  # the open sheet's key within the domain ("dispatch/F-1")
    camera: str | None = None


Listener = Callable[[View, View], None]  # (before, after)


class WallState:
    """The one owner of the wall's navigation; `subscribe` to hear every change once."""

    def __init__(self, home: DomainKey):
        self.home = home
        self.view = View(home)
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def change(self, **fields) -> None:
        """Move the wall; a new domain starts at all of Seoul with no sheet open unless told otherwise."""
        after = replace(self.view, **fields)
        if after.domain != self.view.domain:
            after = replace(after, district=fields.get("district"), sheet=fields.get("sheet"))
        if after == self.view:
            return
        before, self.view = self.view, after
        for listener in self._listeners:
            listener(before, after)

    def go_home(self) -> None:
        """The overview: the home domain, all of Seoul, no sheet, the map in view."""
        self.change(domain=self.home, district=None, sheet=None, camera=None)
