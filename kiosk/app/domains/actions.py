"""A sheet's calls and work orders, the same for every domain: what the sheet shows now is the subject
(its key, its name, the people it suggests); 업무 지시 asks about it, and the orders given about it are
listed on the sheet as they move."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from kiosk.app.domains.base import DomainContext
from widgets.sheet_actions import SheetActions


@dataclass(frozen=True)
class Subject:
    """What an order from the sheet is about: "incident:…", "project:…", "hotspot:…"."""

    key: str
    name: str  # "강북구 우이동 · 공장 화재"
    suggested: tuple[str, ...] = ()  # contact ids chosen at first (the station's vehicles, the manager)


class SubjectActions:
    """Wires a sheet's actions to the wall's calls and orders; `refresh` after the sheet shows another subject."""

    def __init__(self, actions: SheetActions, context: DomainContext, subject: Callable[[], Subject | None]):
        self.actions, self._orders, self._subject = actions, context.orders, subject
        actions.call.connect(context.people.dial)
        actions.ordering = context.orders.enabled
        actions.order.connect(self.order)
        actions.orders_opened.connect(context.orders.open_panel)
        context.orders.changed.connect(self.refresh)

    def order(self) -> None:
        subject = self._subject()
        if subject is not None:
            self._orders.offer(subject.key, subject.name, subject.suggested)

    def refresh(self) -> None:
        subject = self._subject()
        if subject is not None:
            self.actions.set_orders(self._orders.about(subject.key))
