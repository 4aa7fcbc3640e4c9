"""A camera opened large and closed again from outside the wall, with real X11 touches.

The soak watches the wall as systemd would, from another process, so it cannot ask the wall where its cameras
are. X can tell: each picture libvlc draws is a nameless window of its own (`xwininfo -root -tree`). A grid
tile's is small; the focus view's is wider than a third of the screen. `FocusCycles.step()` touches a grid
camera (`xdotool`), waits for a large picture, touches it (a touch anywhere closes the focus view) and waits
for it to go, one cycle every `every_s`. A touch the view did not follow is counted, not failed at once: an
alert may move the wall elsewhere (closing the view) at the moment of a touch, as it should.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field

# "     0x1c00000 (has no name): ()  904x508+0+32  +579+164": a window libvlc made, its size and place on screen
LIBVLC_WINDOW = re.compile(r"^\s+0x[0-9a-f]+ \(has no name\): \(\)\s+(\d+)x(\d+)[+-]\d+[+-]\d+\s+\+(-?\d+)\+(-?\d+)",
                           re.M)
OPEN_TIMEOUT_S = 10.0  # the focus view shows the grid's picture at once, its own stream within a GOP
HOLD_S = 3.0  # long enough for the main stream's own picture to replace the lent one
CLOSE_TIMEOUT_S = 5.0
DID_NOT = {"opening": "open", "closing": "close"}


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    x: int
    y: int

    def touch(self) -> None:
        """A click in the middle, as a finger on the touch wall."""
        centre = (str(self.x + self.width // 2), str(self.y + self.height // 2))
        subprocess.run(["xdotool", "mousemove", *centre, "click", "1"], check=True, timeout=10)


def pictures() -> list[Picture]:
    """Every window libvlc draws into on this DISPLAY."""
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True, timeout=10).stdout
    return [Picture(*(int(v) for v in match)) for match in LIBVLC_WINDOW.findall(tree)]


@dataclass
class FocusCycles:
    """Open-and-close cycles driven by `step(now)`, called often (now: seconds since the wall started)."""

    every_s: float
    screen_width: int
    start_s: float = 20.0
    cycles: int = 0
    failures: list[str] = field(default_factory=list)  # touches the camera view did not follow, with what was seen
    _phase: str = "idle"  # idle → opening → open → closing → idle
    _since: float = 0.0  # when the phase began
    _touched: Picture | None = None  # the picture touched last

    def step(self, now: float) -> None:
        if self._phase == "idle" and now < self.start_s + self.cycles * self.every_s:
            return  # not yet time for the next touch: X is not asked
        shown = pictures()
        large = [p for p in shown if p.width * 3 >= self.screen_width]
        if self._phase == "idle" and len(shown) > len(large):
            small = [p for p in shown if p not in large]
            self._enter("opening", now, touch=small[self.cycles % len(small)])
        elif self._phase == "opening" and large:
            self._enter("open", now)
        elif self._phase == "open" and now - self._since >= HOLD_S:
            self._enter("closing", now, touch=large[0] if large else None)
        elif self._phase == "closing" and not large:
            self.cycles += 1
            self._enter("idle", now)
        elif self._phase in ("opening", "closing") and now - self._since > self._timeout():
            self.failures.append(f"t={now:.0f}s the camera view did not {DID_NOT[self._phase]} within "
                                 f"{self._timeout():.0f} s of a touch on {self._touched}; pictures now: {shown}")
            self.cycles += 1
            self._enter("idle", now)

    def _timeout(self) -> float:
        return OPEN_TIMEOUT_S if self._phase == "opening" else CLOSE_TIMEOUT_S

    def _enter(self, phase: str, now: float, touch: Picture | None = None) -> None:
        if touch is not None:
            touch.touch()
            self._touched = touch
        self._phase, self._since = phase, now
