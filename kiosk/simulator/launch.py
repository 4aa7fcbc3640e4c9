"""Starting the simulator a config describes (shared by the wall and `kiosk poll`; no Qt)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.simulator.scenario import ScenarioClock
from kiosk.simulator.server import SimulatorServer

if TYPE_CHECKING:
    from kiosk.config import Config

_LOGGER = logging.getLogger(__name__)


def start_simulator(config: "Config") -> SimulatorServer | None:
    """Start the simulator on its configured port; None if the port is taken (another one runs)."""
    sim = config.simulator
    server = SimulatorServer(port=sim.port, api_key=sim.api_key, clock=ScenarioClock(sim.speed),
                             scripted_outages=sim.scripted_outages, rtsp_port=sim.rtsp_port)
    try:
        server.start()
    except OSError as exc:
        server.stop()
        _LOGGER.warning("simulator not started: port %d is in use (%s); feeds use whatever answers there",
                        sim.port, exc.strerror)
        return None
    _LOGGER.info("simulator serving on %s", server.url)
    return server
