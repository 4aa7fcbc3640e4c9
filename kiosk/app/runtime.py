"""The wall's moving parts without any window: simulator, cache writer and feed scheduler."""

from __future__ import annotations

import logging
import subprocess
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.cache import CacheWriter
from kiosk.config import Config
from kiosk.clock import Clock, utc_now
from kiosk.scheduler import Scheduler
from kiosk.simulator import SimulatorServer, start_simulator
from kiosk.simulator.cameras import RtspCameraServer
from kiosk.simulator.staff import SimulatedStaff

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
        self.cameras: RtspCameraServer | None = None
        self._cameras_ready: threading.Thread | None = None
        self.staff: SimulatedStaff | None = None
        self._staff_started: threading.Thread | None = None
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
        if self._staff_started is not None:
            self.staff.stop()
            self._staff_started.join()
            self.staff.stop()  # any started while it was stopping
            self.staff = None
            self._staff_started = None
        if self._cameras_ready is not None:
            self._cameras_ready.join()
        if self.cameras is not None:
            self.cameras.stop()
            self.cameras = None

    def _start_staff(self) -> None:
        """The simulated field staff the sample contacts call, started beside the wall on a thread of their
        own (their test picture takes a moment, once; the thread lives as long as they do). Their folder is
        beside the cache, kept from run to run."""
        self.staff = SimulatedStaff(self.cache_path.parent / "simulated-staff")
        self._staff_started = threading.Thread(target=self._report_staff, args=(self.staff,), name="simulated-staff")
        self._staff_started.start()

    @staticmethod
    def _report_staff(staff: SimulatedStaff) -> None:
        try:
            staff.run()
        except (OSError, subprocess.SubprocessError) as exc:
            _LOGGER.warning("simulated field staff not started: %s", exc)

    def _start_cameras(self) -> None:
        """The simulated RTSP cameras, without waiting for them (the tiles retry until they answer)."""
        self.cameras = RtspCameraServer(self.config.simulator.rtsp_port, gop_s=self.config.simulator.camera_gop_s)
        try:
            self.cameras.launch()
        except (OSError, RuntimeError) as exc:
            _LOGGER.warning("simulated cameras not started: %s", exc)
            self.cameras = None
            return
        self._cameras_ready = threading.Thread(target=self._report_cameras, args=(self.cameras,),
                                               name="simulated-cameras")
        self._cameras_ready.start()

    @staticmethod
    def _report_cameras(cameras: RtspCameraServer) -> None:
        try:
            cameras.wait_ready()
            _LOGGER.info("simulated cameras on rtsp://127.0.0.1:%d/", cameras.port)
        except RuntimeError as exc:
            _LOGGER.warning("%s", exc)

