"""The Python end of the page's QWebChannel: touches on the map arrive here."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from feeds.districts import DISTRICTS


class MapBridge(QObject):
    """Registered as `bridge` on the page's web channel."""

    district_clicked = Signal(str)
    incident_clicked = Signal(str)
    camera_clicked = Signal(str)
    place_clicked = Signal(str)
    beat = Signal()  # the page is alive (every few seconds)

    @Slot()
    def heartbeat(self) -> None:
        """The page's heartbeat: its renderer runs and its script is not stuck."""
        self.beat.emit()

    @Slot(str)
    def districtClicked(self, name: str) -> None:  # noqa: N802 (called from JavaScript)
        """A district was touched; names not on the map are ignored."""
        if name in DISTRICTS:
            self.district_clicked.emit(name)

    @Slot(str)
    def incidentClicked(self, key: str) -> None:  # noqa: N802 (called from JavaScript)
        """An incident pin was touched; the controller ignores keys it does not know."""
        if 0 < len(key) <= 300:
            self.incident_clicked.emit(key)

    @Slot(str)
    def cameraClicked(self, camera_id: str) -> None:  # noqa: N802 (called from JavaScript)
        """A camera on the map was touched; unknown ids are ignored by the controller."""
        if 0 < len(camera_id) <= 100:
            self.camera_clicked.emit(camera_id)

    @Slot(str)
    def placeClicked(self, place_id: str) -> None:  # noqa: N802 (called from JavaScript)
        """A place (a hotspot, a water station …) was touched; the domain on show ignores ids it does not know."""
        if 0 < len(place_id) <= 100:
            self.place_clicked.emit(place_id)
