"""`kiosk run` as it is, with the soak's eyes inside it: what every camera tile really shows.

    python -m bench.wall_with_eyes run --config CONFIG      # with SOAK_PICTURES=FILE in the environment

X cannot tell a tile's name, so a check of each picture against its label must run in the wall's own process.
This runs the `kiosk` command unchanged, and on SIGUSR1 reads every shown tile's picture off the screen against
its label (tests/kiosk/tile_pictures.py: the simulator's mark in the picture, and whether it moves) and appends
one JSON line to $SOAK_PICTURES: {"tiles": how many were read, "problems": [what is untrue, none when all is well]}.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from kiosk import cli
from kiosk.app import main as wall_main
from kiosk.simulator.cameras import RtspCameraServer
from tests.kiosk.tile_pictures import TilePicture, problems_in, read_tile_pictures


class WallWithEyes(wall_main.WallApp):
    """The wall; SIGUSR1 reads its tiles' pictures."""

    def start(self) -> None:
        super().start()
        mounts = RtspCameraServer().mounts  # mark i is the simulator's camera i
        signal.signal(signal.SIGUSR1, lambda *_: QTimer.singleShot(0, lambda: self._look(mounts)))

    def _look(self, mounts: list[dict]) -> None:
        if self.controller is None:  # safe mode: no tiles to read
            self._said([])
            return
        read_tile_pictures(self.controller.cctv, mounts, self._said)

    @staticmethod
    def _said(pictures: list[TilePicture]) -> None:
        line = {"tiles": len(pictures), "problems": problems_in(pictures)}
        with Path(os.environ["SOAK_PICTURES"]).open("a") as out:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


wall_main.WallApp = WallWithEyes  # `kiosk run` takes the class from kiosk.app.main when it starts the wall

if __name__ == "__main__":
    sys.exit(cli.main(sys.argv[1:]))
