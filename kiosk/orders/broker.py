"""The wall's own MQTT broker (Debian's Mosquitto) for the built-in default: on loopback, supervised, never
outliving the wall. Every client has its own name and password; a field device may read only its own
orders and write only its own status and presence (ACL patterns on the user name). What the broker holds
(the queued orders of offline devices, the retained statuses) is saved after every change, so a broker
killed mid-flow loses none of it."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import QObject

from kiosk.supervised import SupervisedProcess

ACL = """# the wall: everything under seoul/
user {wall}
topic readwrite seoul/#

# each field device (its user name is its contact id): its own topics only
pattern read seoul/staff/%u/orders
pattern write seoul/staff/%u/status
pattern write seoul/staff/%u/presence
"""


def available() -> str | None:
    """Why the own broker cannot run here, or None."""
    missing = [tool for tool in ("mosquitto", "mosquitto_passwd") if shutil.which(tool) is None]
    return f"{', '.join(missing)} not installed (Debian: mosquitto)" if missing else None


def write_broker(folder: Path, port: int, users: dict[str, str], wall_user: str, extra_acl: str = "") -> Path:
    """The broker's config, its password file (hashed by mosquitto_passwd) and its ACL (`extra_acl`: the
    simulator's staff); returns the config."""
    folder.mkdir(parents=True, exist_ok=True)
    passwords = folder / "passwords"
    passwords.write_text("".join(f"{user}:{password}\n" for user, password in users.items()), encoding="utf-8")
    passwords.chmod(0o600)
    subprocess.run(["mosquitto_passwd", "-U", str(passwords)], check=True, capture_output=True, timeout=30)
    (folder / "acl").write_text(extra_acl + ACL.format(wall=wall_user), encoding="utf-8")
    config = folder / "mosquitto.conf"
    config.write_text("\n".join([
        f"listener {port} 127.0.0.1", "allow_anonymous false",
        f"user {pwd.getpwuid(os.getuid()).pw_name}",  # run as root it would switch to "mosquitto": stay the wall's user
        f"password_file {passwords}", f"acl_file {folder / 'acl'}",
        "persistence true", f"persistence_location {folder}/",
        "autosave_on_changes true", "autosave_interval 1",  # saved after each change: a kill loses nothing
        "max_queued_messages 10000",  # what an offline device has not yet received waits (default 1000)
        "log_dest stdout", "log_type error", "log_type warning", "log_type notice", "log_timestamp_format %Y-%m-%dT%H:%M:%S",
        ""]), encoding="utf-8")
    return config


def broker_process(config: Path, log_path: Path, parent: QObject | None = None,
                   port: int | None = None) -> SupervisedProcess:
    """Mosquitto with that config, supervised: serving once it listens on `port` (the config's listener)."""
    return SupervisedProcess("mosquitto", ["mosquitto", "-c", str(config)], log_path, parent=parent,
                             listens=(("tcp", port),) if port else (), title="업무 지시 서버 (mosquitto)")
