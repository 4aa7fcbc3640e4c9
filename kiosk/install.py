"""`kiosk install-service`: the systemd user unit and the X autostart entry for the wall's account."""

from __future__ import annotations

import os
import pwd
import shutil
from pathlib import Path
from string import Template

SERVICE_DIR = Path(__file__).parent / "service"
UNIT = "seoul-wall.service"
AUTOSTART = "seoul-wall.desktop"
ENV_FILE = "/etc/seoul-wall/env"


def render_unit(kiosk: Path, config: Path, env_file: str = ENV_FILE) -> str:
    """The unit text for this checkout's `kiosk` and the given config file."""
    return Template((SERVICE_DIR / UNIT).read_text()).substitute(kiosk=kiosk, config=config, env_file=env_file)


def install_service(user: str, kiosk: Path, config: Path, root: Path = Path("/")) -> list[str]:
    """Write the unit, enable it for the graphical session, add the autostart entry; say what was done.

    `root` places everything under another directory (for staging and tests); files are given
    to `user` when run as root on the real system.
    """
    account = pwd.getpwnam(user)
    home = root / account.pw_dir.lstrip("/")
    units = home / ".config/systemd/user"
    wants = units / "graphical-session.target.wants"
    autostart = home / ".config/autostart"
    for directory in (wants, autostart):
        directory.mkdir(parents=True, exist_ok=True)
    (units / UNIT).write_text(render_unit(kiosk, config))
    link = wants / UNIT
    link.unlink(missing_ok=True)
    link.symlink_to(Path("..") / UNIT)  # what `systemctl --user enable` does
    shutil.copyfile(SERVICE_DIR / AUTOSTART, autostart / AUTOSTART)
    if os.geteuid() == 0 and root == Path("/"):
        for path in (home / ".config", units, wants, units / UNIT, autostart, autostart / AUTOSTART):
            os.lchown(path, account.pw_uid, account.pw_gid)
        os.lchown(link, account.pw_uid, account.pw_gid)
    return [f"unit: {units / UNIT} (runs {kiosk} run, config {config})",
            f"enabled for the graphical session: {link}",
            f"X autostart (screen always on, starts the unit): {autostart / AUTOSTART}",
            f"API keys: {ENV_FILE} as VAR=value lines (optional)",
            f"now or at {user}'s next login: systemctl --user daemon-reload && systemctl --user start {UNIT}",
            f"watch it: journalctl --user -u {UNIT} -f   ·   systemctl --user status {UNIT}"]
