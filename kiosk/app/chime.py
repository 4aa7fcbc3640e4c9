"""The alert chime: a sound file the project writes itself, played at the configured volume."""

from __future__ import annotations

import contextlib
import logging
import math
import os
import struct
import wave
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

_LOGGER = logging.getLogger(__name__)
RATE = 44_100
NOTES = ((1318.5, 0.0), (1046.5, 0.45), (1318.5, 0.9))  # E6, C6, E6: (Hz, start s)
NOTE_S = 0.6


LENGTH = int(RATE * (NOTES[-1][1] + NOTE_S))
WAV_BYTES = 44 + 2 * LENGTH  # header + 16-bit mono samples


def write_chime(path: Path) -> Path | None:
    """The three-note bell (16-bit mono WAV, about 1.5 s) at `path`, written unless a whole one is there.

    Written to a temporary file and renamed, so a full disk never leaves a truncated chime behind
    to be reused; None (logged) when it cannot be written.
    """
    if path.is_file() and path.stat().st_size == WAV_BYTES:
        return path
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # the file opened first: a Wave_write whose own open fails raises again when it is collected
        with partial.open("wb") as raw, wave.open(raw, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(_samples())
        os.replace(partial, path)
    except OSError as exc:
        _LOGGER.warning("cannot write the alert chime to %s (%s): alerts will be silent", path, exc)
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        return None
    return path


def _samples() -> bytes:
    samples = [0.0] * LENGTH
    for frequency, start in NOTES:
        first = int(start * RATE)
        for n in range(int(NOTE_S * RATE)):
            t = n / RATE
            envelope = math.exp(-5.0 * t) * min(1.0, t * 200)  # quick attack, bell-like decay
            tone = math.sin(2 * math.pi * frequency * t) + 0.3 * math.sin(4 * math.pi * frequency * t)
            samples[first + n] += 0.45 * envelope * tone
    return b"".join(struct.pack("<h", int(max(-1.0, min(1.0, s)) * 32767)) for s in samples)


class Chime(QObject):
    """Plays the chime; without an audio output it only logs once (the banner still shows)."""

    def __init__(self, path: Path, volume: float, parent: QObject | None = None):
        super().__init__(parent)
        self.volume = volume
        self.plays = 0
        self._effect = QSoundEffect(self)
        written = write_chime(path)
        self.problem = None if written else "경보음 파일을 쓸 수 없음 (디스크) · chime file not written"
        if written:
            self._effect.setSource(QUrl.fromLocalFile(str(written)))
        self._effect.setVolume(volume)
        self._warned = False

    def play(self) -> None:
        """Ring once (nothing at volume 0)."""
        if self.volume <= 0:
            return
        self.plays += 1
        if self.problem:
            return
        if not QMediaDevices.audioOutputs():
            if not self._warned:
                _LOGGER.warning("no audio output: the alert chime is silent")
                self._warned = True
            return
        self._effect.play()
