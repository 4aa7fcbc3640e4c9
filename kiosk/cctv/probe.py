"""Can the local libvlc open `rtsp://`? Asked of libvlc itself, not assumed.

Debian's libvlc is built without live555 and cannot (see docs/platform.md); other builds can.
A throwaway player opens `rtsp://` on a loopback port where we listen: a libvlc with RTSP
sends OPTIONS and then DESCRIBE. Without live555 nothing connects, or only the RealRTSP
module does, which gives up after OPTIONS.
"""

from __future__ import annotations

import socket
import time

import vlc

REQUEST_END = b"\r\n\r\n"


def libvlc_opens_rtsp(instance: vlc.Instance, timeout_s: float = 3.0) -> bool:
    """True if this libvlc speaks RTSP (it asks our listener for DESCRIBE).

    The listener is closed before the player is stopped: Debian's libvlc tries access modules
    one after another (satip, then realrtsp), and a module left connected to a listener that
    never answers made `player.stop()` wait for ever (about 1 probe in 30). Closing the
    listener resets the connections still queued on it, so every module gives up at once.
    """
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.05)
    player = instance.media_player_new()
    player.set_media(instance.media_new(f"rtsp://127.0.0.1:{server.getsockname()[1]}/probe"))
    player.play()
    try:
        conn = _accept(server, player, time.monotonic() + timeout_s)
        if conn is None:
            return False
        with conn:
            conn.settimeout(timeout_s)
            return _asks_describe(conn)
    finally:
        server.close()
        player.stop()
        player.release()


def _accept(server: socket.socket, player: vlc.MediaPlayer, deadline: float) -> socket.socket | None:
    while time.monotonic() < deadline:
        try:
            return server.accept()[0]
        except socket.timeout:
            if player.get_state() in (vlc.State.Error, vlc.State.Ended):
                return None
    return None


def _asks_describe(conn: socket.socket) -> bool:
    """Answer an OPTIONS; report whether a DESCRIBE comes (first or next)."""
    for _ in range(2):
        request = _read_request(conn)
        if request.startswith(b"DESCRIBE"):
            return True
        if not request.startswith(b"OPTIONS"):
            return False
        cseq = next((line.split(b":", 1)[1].strip() for line in request.split(b"\r\n")
                     if line.lower().startswith(b"cseq:")), b"1")
        conn.sendall(b"RTSP/1.0 200 OK\r\nCSeq: " + cseq + b"\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n")
    return False


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    try:
        while REQUEST_END not in data:
            chunk = conn.recv(4096)
            if not chunk:
                break
            data += chunk
    except OSError:
        pass
    return data
