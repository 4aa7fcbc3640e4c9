"""The watchdog of one tile: plays a camera, notices when no new frame comes, retries.

States (feeds.cameras): connecting -> playing; no new displayed frame for `stall_s`, an ended
relay or a libvlc error -> offline; after a backoff (1, 2, 4 … `retry_max_s` seconds) it
tries again, as often as it takes, also for a camera that was down from the start.
`tick()` is called by the CCTV area's timer on the GUI thread; nothing here blocks on the
network.
"""

from __future__ import annotations

import dataclasses
import time
from datetime import datetime
from typing import Callable, Protocol

from feeds.cameras import CONNECTING, OFFLINE, PLAYING, Camera, CameraHealth


class Session(Protocol):
    """One attempt to play (see kiosk.cctv.backend.PlaySession)."""

    def frames(self) -> int: ...
    def frame_size(self) -> tuple[int, int] | None: ...
    def problem(self) -> str | None: ...
    def close(self) -> None: ...


@dataclasses.dataclass(frozen=True)
class WatchdogSettings:
    """From `[cctv]`: how long without a new picture means offline, and the longest retry wait."""

    stall_s: float = 10.0
    retry_max_s: float = 60.0


def backoff_s(failures: int, retry_max_s: float) -> float:
    """Seconds to wait after the n-th consecutive failure: 1, 2, 4 … up to the maximum."""
    return min(retry_max_s, 2.0 ** max(0, failures - 1))


class Watchdog:
    """Keeps one camera playing through one `open(url) -> Session` function."""

    def __init__(self, open_session: Callable[[str], Session], settings: WatchdogSettings,
                 now: Callable[[], datetime], monotonic: Callable[[], float] = time.monotonic):
        self._open, self.settings, self._now, self._mono = open_session, settings, now, monotonic
        self.camera: Camera | None = None
        self.url = ""
        self.health: CameraHealth | None = None
        self._session: Session | None = None
        self.frames = 0
        self.frame_size: tuple[int, int] | None = None  # the picture's, from this attempt's first frame
        self._progress_at = 0.0
        self._retry_at = 0.0

    def play(self, camera: Camera, url: str, health: CameraHealth | None) -> None:
        """Play `url` of `camera`, carrying on from its known health (retry counts, last frame)."""
        self.stop()
        self.camera, self.url = camera, url
        self.health = dataclasses.replace(health or CameraHealth(camera.camera_id), camera_id=camera.camera_id)
        self._attempt(first=True)

    def stop(self) -> None:
        """Stop decoding (a hidden tile); the health stays as it was."""
        if self._session is not None:
            self._session.close()
            self._session = None
        self.camera = None

    def shown(self) -> bool:
        """This attempt has shown a picture (asked now, not at the last tick)."""
        return self._session is not None and self._session.frames() > 0

    def tick(self) -> bool:
        """Check progress; True when the state changed (not merely the last frame's time)."""
        if self.camera is None or self.health is None:
            return False
        before = self.health
        if self._session is None:
            if self._mono() >= self._retry_at:
                self._attempt(first=False)
        else:
            self._check()
        return _state_of(self.health) != _state_of(before)

    def _attempt(self, first: bool) -> None:
        health = self.health
        self.frames, self._progress_at = 0, self._mono()
        try:
            self._session = self._open(self.url)
        except (OSError, RuntimeError) as exc:
            self._session = None
            self._fail(f"시작 실패 · {exc}")
            return
        self.health = dataclasses.replace(health, state=CONNECTING, reconnects=health.reconnects + (not first),
                                          updated_at=self._now())

    def _check(self) -> None:
        frames = self._session.frames()
        if frames > self.frames:
            if not self.frames:
                self.frame_size = self._session.frame_size()
            self.frames, self._progress_at = frames, self._mono()
            self.health = dataclasses.replace(self.health, state=PLAYING, failures=0, problem=None,
                                              last_frame_at=self._now(), updated_at=self._now())
            return
        problem = self._session.problem()
        if problem is None and self._mono() - self._progress_at > self.settings.stall_s:
            problem = "화면 멈춤 · frozen" if self.health.state == PLAYING else "응답 없음 · no picture"
        if problem is not None:
            self._session.close()
            self._session = None
            self._fail(problem)

    def _fail(self, problem: str) -> None:
        failures = self.health.failures + 1
        self._retry_at = self._mono() + backoff_s(failures, self.settings.retry_max_s)
        self.health = dataclasses.replace(self.health, state=OFFLINE, failures=failures, problem=problem,
                                          updated_at=self._now())


def _state_of(health: CameraHealth) -> tuple:
    return health.state, health.failures, health.reconnects, health.problem
