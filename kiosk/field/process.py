"""The field page as a process of its own (`python -m kiosk.field SPEC`, as the wall starts it; `kiosk field`
on a central host runs the same in the foreground): whatever the network does to it, the wall's descriptors,
threads and memory are not touched. Its descriptor limit is what its connections need, so a fault shows here
as refused connections, never as a wall out of descriptors. Until SIGTERM or Ctrl-C."""

from __future__ import annotations

import asyncio
import logging
import resource
import signal
from pathlib import Path

from kiosk import secrets
from kiosk.field.service import FieldService
from kiosk.field.spec import FieldSpec
from kiosk.field.web import BACKLOG, serve
from kiosk.orders.credentials import load_or_make
from kiosk.orders.link import LinkSettings

_LOGGER = logging.getLogger(__name__)
RESERVED_FDS = 64  # Python, the store's SQLite files, the event loop, the log, the broker registration
PERSON_FDS = 4  # a person's broker session: its socket and paho's wake-up pair
# asyncio accepts up to BACKLOG connections a turn of its loop, and one over the limit is closed three turns
# later (its task makes the protocol, which aborts it, whose socket is then closed): four turns' worth at once
ACCEPTING_FDS = 4 * BACKLOG
REGISTERED_WITHIN_S = 5  # the page listens once its people's sessions are at the broker, or after this


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    secrets.install()
    return run(FieldSpec.load(Path(argv[0])))


def run(spec: FieldSpec) -> int:
    """Serves the page until told to stop; 1 when it cannot listen (the port taken)."""
    connections = bound_descriptors(spec)
    credentials = load_or_make(Path(spec.credentials), list(spec.names))
    broker = LinkSettings(spec.broker_host, spec.broker_port, "", "", tls=spec.tls)
    service = FieldService(broker, credentials, spec.names, Path(spec.store))
    service.start()
    service.registered.wait(REGISTERED_WITHIN_S)  # an order given once the page is up waits for its person
    try:
        asyncio.run(_until_stopped(service, spec, connections))
    except OSError as exc:
        _LOGGER.error("field page cannot listen on %s:%d: %s", spec.host, spec.port, exc)
        return 1
    finally:
        service.stop()
    return 0


def bound_descriptors(spec: FieldSpec) -> int:
    """Sets this process's descriptor limit to what `spec.connections` need (within the hard limit); returns
    the connections it can take."""
    reserve = RESERVED_FDS + ACCEPTING_FDS + PERSON_FDS * len(spec.names)
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = spec.connections + reserve
    limit = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (limit, hard))
    if limit < wanted:
        _LOGGER.warning("field page: %d descriptors at most (hard limit): %d connections instead of %d", limit,
                        max(1, limit - reserve), spec.connections)
    return max(1, min(spec.connections, limit - reserve))


async def _until_stopped(service: FieldService, spec: FieldSpec, connections: int) -> None:
    stopped = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, stopped.set)
    await serve(service, spec, connections, stopped)

