"""The wall's moving parts without any window: simulator, cache writer and feed scheduler."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.cache import CacheWriter
from kiosk.config import Config
from kiosk.clock import Clock, utc_now
from kiosk.scheduler import Scheduler
from kiosk.simulator import SimulatorServer, start_simulator
from kiosk.simulator.cameras import RtspCameraServer
from kiosk.simulator.staff import SimulatedStaff
from kiosk.supervised import SupervisedProcess

_LOGGER = logging.getLogger(__name__)


class Runtime(QObject):
    """Starts and stops everything in order; relays the writer's news as Qt signals."""

    cache_updated = Signal(str)  # feed id; emitted from the writer thread, delivered queued
    cache_error = Signal(object)  # text, or None when writing works again

    def __init__(self, config: Config, clock: Clock = utc_now, parent: QObject | None = None):
        super().__init__(parent)
        self.config = config
        self.cache_path: Path = config.cache.resolved_path()
        self.simulator: SimulatorServer | None = None
        self.cameras: SupervisedProcess | None = None
        self.staff: SimulatedStaff | None = None
        self.writer = CacheWriter(self.cache_path, config.cache.retention_days,
                                  notify=self.cache_updated.emit, on_error=self.cache_error.emit)
        self.scheduler = Scheduler(config.feeds, self.writer, clock, parent=self)

    def start(self) -> None:
        """Simulator (if enabled), then the cache (raises if unusable), then the feeds."""
        if self.config.simulator.enabled:
            self.simulator = start_simulator(self.config)
            if self.config.simulator.cameras:
                self._start_cameras()
        self.writer.start()
        if self.config.simulator.enabled and self.config.calls.enabled and not self.config.calls.contacts:
            self._start_staff()  # the sample contacts' field staff (not when the wall cannot start)
        self.scheduler.start()

    def stop(self) -> None:
        """Feeds first (drain fetches), then the writer (flush), then the simulator."""
        self.scheduler.stop()
        self.writer.stop()
        if self.simulator is not None:
            self.simulator.stop()
            self.simulator = None
        if self.staff is not None:
            self.staff.stop()
            self.staff = None
        if self.cameras is not None:
            self.cameras.stop()
            self.cameras = None

    def _start_staff(self) -> None:
        """The simulated field staff the sample contacts call, on the configured ports; their folder is beside
        the cache, kept from run to run (their test picture is made once)."""
        self.staff = SimulatedStaff(self.cache_path.parent / "simulated-staff", self.config.simulator.staff_port, self)
        self.staff.start()

    def _start_cameras(self) -> None:
        """The simulated RTSP cameras, supervised (the tiles retry until they answer)."""
        sim = self.config.simulator
        try:
            command = RtspCameraServer(sim.rtsp_port, gop_s=sim.camera_gop_s).command()
        except RuntimeError as exc:
            _LOGGER.warning("simulated cameras not started: %s", exc)
            return
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        self.cameras = SupervisedProcess("simulated cameras", command, self.cache_path.parent / "simulated-cameras.log",
                                         RtspCameraServer.environment(), self, listens=(("tcp", sim.rtsp_port),),
                                         title="시뮬레이션 CCTV")
        self.cameras.start()
