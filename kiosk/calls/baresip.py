"""baresip as the wall's one supervised child: its config written from config.toml's [calls], started
with the wall, restarted if it dies (with a growing pause), never outliving the wall (PDEATHSIG)."""

from __future__ import annotations

import os
import shutil
import socket
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject

from kiosk.supervised import SupervisedProcess

MODULES = Path("/usr/lib/baresip/modules")
SMOOTH_SCALING = {"SDL_RENDER_SCALE_QUALITY": "linear"}  # the sdl display scales a small picture smoothly


@dataclass(frozen=True)
class Endpoint:
    """What one baresip instance is: its account, where it listens, its media."""

    account: str  # the accounts line, e.g. "<sip:wall@127.0.0.1>;regint=0"
    sip_listen: str  # "127.0.0.1:5060"
    ctrl_port: int
    net_interface: str = "127.0.0.1"
    audio_source: str = "ausine,440"
    audio_player: str = "aufile,/dev/null"  # keeps time; ALSA's null device spins a core (46 % measured)
    video_source: str = "fakevideo,nil"
    video_display: str = "sdl,nil"  # sdl: its own window, scaled, wrapped into the wall; fakevideo: none
    video: bool = True
    audio_codecs: tuple[str, ...] = ("opus", "g711")
    video_codecs: tuple[str, ...] = ("vp8",)
    call_local_timeout_s: int = 120  # how long an incoming call may ring (the callee's side)
    max_calls: int = 4  # calls at once per account; one more is refused "486 Max Calls"


def config_text(endpoint: Endpoint) -> str:
    """baresip's `config` file for the endpoint (the pitfalls of calls-and-orders.md §1 included)."""
    source_module, player_module = endpoint.audio_source.split(",")[0], endpoint.audio_player.split(",")[0]
    video_modules = ([endpoint.video_source.split(",")[0], endpoint.video_display.split(",")[0],
                      *endpoint.video_codecs] if endpoint.video else [])
    modules = dict.fromkeys([*endpoint.audio_codecs, player_module, source_module, *video_modules])
    lines = [
        "poll_method epoll", f"sip_listen {endpoint.sip_listen}", f"net_interface {endpoint.net_interface}",
        f"call_local_timeout {endpoint.call_local_timeout_s}", f"call_max_calls {endpoint.max_calls}",
        f"audio_player {endpoint.audio_player}", f"audio_source {endpoint.audio_source}",
        f"audio_alert {endpoint.audio_player}", "audio_path /usr/share/baresip",
        "video_size 352x288", "video_fps 15", "rtp_stats yes", "rtp_timeout 10",
        f"module_path {MODULES}", *(f"module {name}.so" for name in modules),
        "module_tmp account.so", "module_app menu.so", "module_app ctrl_tcp.so",
        f"ctrl_tcp_listen 127.0.0.1:{endpoint.ctrl_port}",
    ]
    if endpoint.video:
        lines += [f"video_source {endpoint.video_source}", f"video_display {endpoint.video_display}"]
    return "\n".join(lines) + "\n"


def write_endpoint(directory: Path, endpoint: Endpoint) -> Path:
    """The config folder baresip is started with (`baresip -f DIR`)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "config").write_text(config_text(endpoint), encoding="utf-8")
    accounts = directory / "accounts"
    accounts.touch(mode=0o600)  # it may hold the SIP password: readable by the wall's account only
    accounts.chmod(0o600)
    accounts.write_text(endpoint.account + "\n", encoding="utf-8")
    (directory / "contacts").write_text("", encoding="utf-8")
    return directory


def free_port() -> int:
    """A loopback port free now (for a port configured as 0)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def available() -> str | None:
    """Why calls cannot work here, or None: the baresip binary and its modules must be installed."""
    if shutil.which("baresip") is None:
        return "baresip is not installed (Debian: baresip-core baresip-x11 baresip-ffmpeg)"
    if not (MODULES / "ctrl_tcp.so").exists():
        return f"baresip's modules are missing from {MODULES}"
    return None


def baresip_process(directory: Path, log_path: Path, parent: QObject | None = None,
                    ctrl_port: int | None = None) -> SupervisedProcess:
    """baresip with its config folder, supervised: serving once its control socket listens."""
    return SupervisedProcess("baresip", ["baresip", "-f", str(directory)], log_path, os.environ | SMOOTH_SCALING,
                             parent, listens=(("tcp", ctrl_port),) if ctrl_port else (), title="통화 (baresip)")
