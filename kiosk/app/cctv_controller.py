"""The CCTV coordinator: the camera catalogue and one watchdog per tile of the CCTV area, of the
incident sheet and of the focus view.

The catalogue is the config's `[[cameras]]` plus the ITS list's cameras (refreshed from the
cache, so their signed URLs stay fresh). The grid shows usable cameras first, in catalogue
order, and re-flows when one goes offline or comes back; a camera that leaves the grid stops
decoding (and is tried again when it is next shown). Health changes are written to the cache
(`camera_health`).

A camera opened large that is playing in the grid shows the grid's picture at once, scaled up (the
tile's native window is lent to the focus view), until the main stream's first picture is shown.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from feeds.cameras import OFFLINE, Camera, CameraHealth, NearbyCameras, nearest_usable, redact_url
from kiosk.app.state import WallState
from kiosk.cctv.watchdog import Watchdog, WatchdogSettings
from kiosk.config import Config
from kiosk.clock import Clock
from widgets.cctv_area import CameraFocus, CctvArea, summary_text
from widgets.cctv_tile import CameraTile
from widgets.map.view import MapView
from widgets.nearby_cameras import NearbyCamerasView, label_for

_LOGGER = logging.getLogger(__name__)
TICK_MS = 500
LOAN_CHECK_MS = 20  # how soon the focus view takes its own picture once the main stream shows one
NO_VIDEO = "영상 출력 없음 · no video output here\n(X11 화면에서 재생됩니다)"
PAUSED = "잠시 멈춤 · paused\n(사고 주변 카메라 재생 중)"


@dataclasses.dataclass(frozen=True)
class CameraViews:
    """The widgets the CCTV controller plays into and listens to, and how to show the large view."""

    area: CctvArea  # the grid
    focus: CameraFocus  # one camera large
    strip: NearbyCamerasView  # a sheet's nearest cameras
    map: MapView  # the camera layer
    show_focus: Callable[[bool], None]  # the camera large in the map's place, or the map again


def stream_url(camera: Camera, main: bool) -> str:
    """The focus view plays the main stream; tiles the sub-stream where there is one."""
    return camera.url if main else (camera.sub_url or camera.url)


def same_camera(one: Camera | None, other: Camera | None) -> bool:
    """Both the same camera (its URLs may have been refreshed since)."""
    return one is not None and other is not None and one.camera_id == other.camera_id


class CctvController(QObject):
    """Keeps the grid and the focus view playing; `changed` when health or the catalogue changes."""

    changed = Signal()

    def __init__(self, config: Config, views: CameraViews, state: WallState, record: Callable[[tuple], None],
                 clock: Clock, parent: QObject | None = None):
        super().__init__(parent)
        self.config, self.views, self.area, self.focus = config, views, views.area, views.focus
        self.state = state
        self.nearby_view = views.strip
        self._record, self._clock = record, clock
        self.config_cameras = [c.camera() for c in config.cameras]
        self.its_cameras: list[Camera] = []
        self.health: dict[str, CameraHealth] = {}
        self.backend = None
        self.problem: str | None = None
        self.grid: list[tuple[CameraTile, Watchdog]] = []  # each tile and the watchdog playing into it
        self.nearby_tiles: list[tuple[CameraTile, Watchdog]] = []  # the incident sheet's tiles
        self._focus: Watchdog | None = None
        self._paused: list[CameraTile] = []  # grid tiles stopped to keep within cctv.max_players
        self._grid_order: list[CameraTile] = list(self.area.tiles)  # as arranged on screen
        self._players: list = []
        self._timer = QTimer(self, interval=TICK_MS, timeout=self._tick)
        self._loan_timer = QTimer(self, interval=LOAN_CHECK_MS, timeout=self._check_loan)
        self.focus.closed.connect(self.close_focus)
        for tile in self.area.tiles:
            tile.touched.connect(self.open_camera)
        views.map.camera_clicked.connect(self.open_camera)
        self.nearby_view.camera_selected.connect(self.open_camera)
        self.area.layer_button.toggled.connect(views.map.show_cameras)
        self.changed.connect(self._show_map_layer)

    @property
    def cameras(self) -> list[Camera]:
        """The whole catalogue: configured cameras, then the ITS list's."""
        return self.config_cameras + self.its_cameras

    def start(self) -> None:
        """Create the players (if this screen can show video), record the catalogue, start playing."""
        self._record(tuple(dataclasses.replace(c, url=redact_url(c.url),
                                               sub_url=c.sub_url and redact_url(c.sub_url)) for c in self.config_cameras))
        self.backend = self._open_backend()
        if self.backend is not None:
            settings = WatchdogSettings(self.config.cctv.stall_timeout_s, self.config.cctv.retry_max_s)
            self.grid = [(tile, self._watchdog(tile, settings)) for tile in self.area.tiles]
            self.nearby_tiles = [(tile, self._watchdog(tile, settings)) for tile in self.nearby_view.tiles]
            self._focus = self._watchdog(self.focus.tile, settings)
            self._timer.start()
        self.area.layer_button.setChecked(self.config.cctv.map_layer)
        self.views.map.show_cameras(self.config.cctv.map_layer)
        self._reflow()
        self._publish()

    def stop(self) -> None:
        """Stop every player and relay, then libvlc."""
        self._timer.stop()
        for _tile, watchdog in self.grid + self.nearby_tiles:
            watchdog.stop()
        if self._focus is not None:
            self._focus.stop()
        for player in self._players:
            player.release()
        self._players.clear()
        if self.backend is not None:
            self.backend.close()
            self.backend = None

    def set_its_cameras(self, cameras: tuple[Camera, ...]) -> None:
        """A new ITS list: fresh URLs for the next attempts; the grid re-flows if cameras came or went."""
        if list(cameras) == self.its_cameras:
            return
        self.its_cameras = list(cameras)
        by_id = {c.camera_id: c for c in self.cameras}
        small = [(w, False) for _t, w in self.grid + self.nearby_tiles]
        for watchdog, main in small + ([(self._focus, True)] if self._focus else []):
            fresh = by_id.get(watchdog.camera.camera_id) if watchdog.camera else None
            if fresh is not None:
                watchdog.url = stream_url(fresh, main)
        self._reflow()
        self._publish()

    def nearby(self, lat: float, lon: float) -> NearbyCameras:
        """The configured number of nearest cameras that are not offline."""
        cctv = self.config.cctv
        return nearest_usable(self.cameras, self.health, lat, lon, cctv.nearest, cctv.nearest_within_m)

    def show_nearby(self, lat: float, lon: float) -> None:
        """Play the nearest usable cameras in the incident sheet (a tile that keeps its camera plays on)."""
        found = self.nearby(lat, lon)
        self.nearby_view.set_note(found)
        for index, tile in enumerate(self.nearby_view.tiles):
            camera, metres = found.cameras[index] if index < len(found.cameras) else (None, 0.0)
            tile.setVisible(camera is not None)
            if camera is None or tile.camera is None or tile.camera.camera_id != camera.camera_id:
                self._show(tile, camera)
            if camera is not None:
                tile.name.setText(label_for(camera, metres))
        self._keep_to_budget()

    def show_strip(self, lat: float | None, lon: float | None) -> None:
        """A sheet at this place: the strip plays its nearest usable cameras; hidden without a place
        (or without cameras), and re-chosen by the sheet whenever `changed`."""
        wanted = bool(lat is not None and lon is not None and self.config.cctv.nearest and self.cameras)
        self.nearby_view.setVisible(wanted)
        if wanted:
            self.show_nearby(lat, lon)
        else:
            self.hide_nearby()

    def hide_nearby(self) -> None:
        """The sheet closed: its tiles stop decoding (and paused grid tiles play again)."""
        for tile in self.nearby_view.tiles:
            if tile.camera is not None:
                self._show(tile, None)
        self._keep_to_budget()

    def open_camera(self, camera_id: str) -> None:
        """A touch on a tile or a camera pin: that camera large (unknown ids are ignored)."""
        if any(c.camera_id == camera_id for c in self.cameras):
            self.state.change(camera=camera_id)

    def close_focus(self) -> None:
        """Back to the map."""
        self.state.change(camera=None)

    def show_focus(self, camera_id: str | None) -> None:
        """Follow the state: a camera large in place of the map (main stream), or the map again."""
        camera = next((c for c in self.cameras if c.camera_id == camera_id), None)
        if camera is None:
            self._close_focus()
            return
        self._end_loan()
        self.focus.tile.set_camera(camera)
        if self._focus is None:
            self.focus.tile.show_message(self.problem or NO_VIDEO)
        else:
            self._focus.play(camera, stream_url(camera, main=True), self.health.get(camera_id))
            self.focus.tile.show_health(self._focus.health, self._clock())
        self.views.show_focus(True)
        self._keep_to_budget()
        self._lend_grid_picture(camera)

    def _lend_grid_picture(self, camera: Camera) -> None:
        """The camera's grid tile, when it shows a picture, lends it to the focus view until the main stream's."""
        donor = next((t for t, w in self.grid if same_camera(w.camera, camera) and w.shown() and t not in self._paused),
                     None)
        if donor is not None:
            self.focus.tile.host(donor)
            self._loan_timer.start()

    def _check_loan(self) -> None:
        """The loan ends when the main stream shows its picture or fails, or the tile or the focus moves on."""
        focused, guest = self._focus, self.focus.tile.guest
        waiting = guest is not None and same_camera(guest.camera, focused.camera)
        if not waiting or focused.shown() or focused.health.state == OFFLINE or guest in self._paused:
            self._end_loan()

    def _end_loan(self) -> None:
        self._loan_timer.stop()
        self.focus.tile.send_back()

    def _close_focus(self) -> None:
        """The focus player stops decoding."""
        self._end_loan()
        if self._focus is not None:
            self._focus.stop()
        self.views.show_focus(False)
        self._keep_to_budget()

    def _keep_to_budget(self) -> None:
        """At most `cctv.player_budget` streams decode: the sheet and the focus view first, then the grid
        in tile order; the grid tiles past the budget pause (saying why) and play again when there is room."""
        if self.backend is None:
            return
        others = sum(w.camera is not None for _t, w in self.nearby_tiles) + bool(self._focus and self._focus.camera)
        room = max(0, self.config.cctv.player_budget - others)
        watchdogs = dict(self.grid)
        for index, tile in enumerate(self._grid_order):  # the last tiles shown pause first
            watchdog = watchdogs[tile]
            if index >= room and tile.camera is not None and tile not in self._paused:
                watchdog.stop()
                tile.show_message(PAUSED)
                self._paused.append(tile)
            elif index < room and tile in self._paused:
                self._paused.remove(tile)
                self._show(tile, tile.camera)

    def _show_map_layer(self) -> None:
        self.views.map.set_cameras(self.cameras, self.health)

    def _open_backend(self):
        if QGuiApplication.platformName() != "xcb":
            self.problem = NO_VIDEO
            return None
        try:
            from kiosk.cctv.backend import VideoBackend  # libvlc is loaded only where it can show video

            return VideoBackend(self.config.cctv.network_caching_ms, self.config.cctv.relay)
        except (RuntimeError, OSError, NameError) as exc:  # python-vlc raises NameError without libvlc
            _LOGGER.error("CCTV: no video player: %s", exc)
            self.problem = f"영상 재생기를 열 수 없음 · no video player\n{exc}"
            return None

    def _watchdog(self, tile: CameraTile, settings: WatchdogSettings) -> Watchdog:
        player = self.backend.new_player(tile.window_id)
        self._players.append(player)
        backend = self.backend
        return Watchdog(lambda url: backend.open(player, url), settings, self._clock)

    def _show(self, tile: CameraTile, camera: Camera | None) -> None:
        """Put a camera (or nothing) in a tile and start (or stop) its player."""
        if tile in self._paused:
            self._paused.remove(tile)
        tile.set_camera(camera)
        watchdog = next((w for t, w in self.grid + self.nearby_tiles if t is tile), None)
        if watchdog is not None:
            watchdog.stop()
        if camera is None:
            return
        if watchdog is None:
            tile.show_message(self.problem or NO_VIDEO)
        else:
            watchdog.play(camera, stream_url(camera, main=False), self.health.get(camera.camera_id))
            tile.show_health(watchdog.health, self._clock())

    def _tick(self) -> None:
        changed = []
        for tile, watchdog in self.grid + self.nearby_tiles:
            if watchdog.tick():
                changed.append(watchdog.health)
            if watchdog.health is not None and tile.camera is not None and tile not in self._paused:
                self._show_state(tile, watchdog)
        focused = self._focus
        if focused is not None and focused.camera is not None:
            if focused.tick() and not any(w.camera == focused.camera for _t, w in self.grid):
                changed.append(focused.health)
            self._show_state(self.focus.tile, focused)
        if changed:
            self._note(changed)

    def _show_state(self, tile: CameraTile, watchdog: Watchdog) -> None:
        """The tile's caption and picture for its watchdog's health; its window fitted to the stream's frame."""
        tile.show_health(watchdog.health, self._clock())
        tile.surface.set_frame(watchdog.frame_size)

    def _note(self, changed: list[CameraHealth]) -> None:
        usable_before = {k: h.usable for k, h in self.health.items()}
        for health in changed:
            self.health[health.camera_id] = health
            _LOGGER.info("CCTV %s: %s%s", health.camera_id, health.state,
                         f" ({health.problem})" if health.problem and not health.usable else "")
        self._record(tuple(changed))
        if any(usable_before.get(h.camera_id, True) != h.usable for h in changed):
            self._reflow()
        self._publish()

    def _publish(self) -> None:
        """Tell the area's summary line and everyone listening (map layer, incident sheet)."""
        self.area.set_summary(summary_text([self.health.get(c.camera_id) for c in self.cameras]))
        self.changed.emit()

    def _reflow(self) -> None:
        """Show the first usable cameras (catalogue order within each group), usable ones first.

        A camera that stays shown keeps its tile and its player: tiles are moved, not restarted.
        """
        order = sorted(self.cameras, key=lambda c: not self.health.get(c.camera_id, CameraHealth("")).usable)
        shown = [c.camera_id for c in order[:len(self.area.tiles)]]
        free = [t for t in self.area.tiles if t.camera is None or t.camera.camera_id not in shown]
        held = {t.camera.camera_id for t in self.area.tiles if t.camera is not None and t not in free}
        for camera in (c for c in order[:len(shown)] if c.camera_id not in held):
            self._show(free.pop(0), camera)
        for tile in free:
            self._show(tile, None)
        rank = {camera_id: index for index, camera_id in enumerate(shown)}
        self._grid_order = sorted(self.area.tiles, key=lambda t: rank.get(t.camera.camera_id if t.camera else "", 99))
        self.area.arrange(self._grid_order)
        self._keep_to_budget()
