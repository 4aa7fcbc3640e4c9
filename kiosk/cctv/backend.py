"""libvlc for the wall: one instance with the settings that keep CPU low, and play sessions.

A session is one attempt to play one URL in one player: it goes through a relay
when the URL is `rtsp://` and this libvlc cannot open RTSP. libvlc is only ever called from
the GUI thread (polled by the tiles' timer), never from its own callbacks.
"""

from __future__ import annotations

import logging
from typing import Callable

import vlc

from feeds.cameras import redact_url
from kiosk.cctv.probe import libvlc_opens_rtsp
from kiosk.cctv.relay import OTHER_CODEC, PCR_LEAD_MS, Relay, free_udp_port

_LOGGER = logging.getLogger(__name__)
MIN_CACHING_MS = 20

# Software OpenGL (llvmpipe) would cost ~5x the CPU; no audio, no on-screen titles, no VA-API probing; one
# decoding thread per stream (libavcodec's frame threads each copy the decoder: 74 MB more over 17 streams); no
# font database built and no screensaver inhibitor started for each new video output (the wall keeps its screen on).
VLC_ARGS = ("--no-xlib", "--gl=none", "--gles2=none", "--no-audio", "--quiet", "--no-video-title-show",
            "--no-osd", "--no-snapshot-preview", "--avcodec-hw=none", "--no-spu", "--avcodec-threads=1",
            "--text-renderer=tdummy", "--no-disable-screensaver")


class PlaySession:
    """One attempt: the relay (if any) and the media playing in the player; `other_codec` hears of a camera
    whose relay found it sends a codec other than H.264."""

    def __init__(self, player: vlc.MediaPlayer, media: vlc.Media, relay: Relay | None,
                 other_codec: Callable[[], None] = lambda: None):
        self.player, self.media, self.relay = player, media, relay
        self._other_codec = other_codec
        self._stats = vlc.MediaStats()

    def frames(self) -> int:
        """Pictures shown so far (stays still when the stream freezes, unlike decoded ones)."""
        return self._stats.displayed_pictures if self.media.get_stats(self._stats) else 0

    def frame_size(self) -> tuple[int, int] | None:
        """The picture's width and height in pixels, once libvlc knows them."""
        try:
            return self.player.video_get_size(0)
        except vlc.VLCException:
            return None

    def problem(self) -> str | None:
        """Why this attempt has ended, or None while it may still play."""
        if self.relay is not None and (said := self.relay.problem()):
            if said == OTHER_CODEC:
                self._other_codec()
            return said
        state = self.player.get_state()
        if state == vlc.State.Error:
            return "재생 실패 · cannot play"
        if state == vlc.State.Ended:
            return "연결 끊김 · stream ended"
        return None

    def close(self) -> None:
        """Stop decoding and the relay."""
        self.player.stop()
        self.media.release()
        if self.relay is not None:
            self.relay.close()


class VideoBackend:
    """The libvlc instance and how RTSP reaches it (directly, or through relays)."""

    def __init__(self, network_caching_ms: int, relay: str = "auto"):
        self.caching_ms = network_caching_ms
        self.instance = vlc.Instance([*VLC_ARGS, f"--network-caching={network_caching_ms}"])
        if self.instance is None:
            raise RuntimeError("libvlc did not start (install libvlc5 vlc-plugin-base vlc-plugin-video-output)")
        self.relay_rtsp = relay == "always" or (relay == "auto" and not libvlc_opens_rtsp(self.instance))
        self.not_h264: set[str] = set()  # cameras relayed for any codec since they showed they are not H.264
        _LOGGER.info("CCTV: libvlc %s; rtsp:// %s", vlc.libvlc_get_version().decode(),
                     "through GStreamer relays" if self.relay_rtsp else "played directly")

    def new_player(self, window_id: int) -> vlc.MediaPlayer:
        """A player drawing into a native window, ignoring mouse and keys (touches reach Qt)."""
        player = self.instance.media_player_new()
        player.set_xwindow(window_id)
        player.video_set_mouse_input(False)
        player.video_set_key_input(False)
        return player

    def open(self, player: vlc.MediaPlayer, url: str) -> PlaySession:
        """Start playing `url` in `player`."""
        relay = None
        if self.relay_rtsp and url.lower().startswith("rtsp://"):
            relay = Relay(url, free_udp_port(), any_codec=url in self.not_h264)
        media = self.instance.media_new(relay.mrl if relay else url)
        if relay is None:
            media.add_option(f":network-caching={self.caching_ms}")
        else:  # the relay's own lead counts in the caching; its MPEG-TS needs no probing of 55 demuxers (40 ms)
            media.add_option(f":network-caching={max(MIN_CACHING_MS, self.caching_ms - PCR_LEAD_MS)}")
            media.add_option(":demux=ts")
        player.set_media(media)
        player.play()
        _LOGGER.debug("CCTV: playing %s%s", redact_url(url), " via relay" if relay else "")
        return PlaySession(player, media, relay, lambda: self._not_h264(url))

    def _not_h264(self, url: str) -> None:
        self.not_h264.add(url)
        _LOGGER.info("CCTV: %s is not H.264: its next relays take any codec", redact_url(url))

    def close(self) -> None:
        """Release libvlc (after every player is released)."""
        self.instance.release()
