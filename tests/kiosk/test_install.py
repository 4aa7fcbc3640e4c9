"""`kiosk install-service`: the unit systemd will run, checked by systemd's own verifier."""

import getpass
import os
import subprocess
import sys
from pathlib import Path

from kiosk.install import render_unit

ROOT = Path(__file__).resolve().parents[2]


def verify(unit: Path, tmp_path: Path) -> str:
    """systemd-analyze's complaints about a user unit (empty when there are none)."""
    runtime = tmp_path / "xdg"
    runtime.mkdir(mode=0o700, exist_ok=True)
    run = subprocess.run(["systemd-analyze", "--user", "verify", str(unit)], capture_output=True, text=True,
                         env=os.environ | {"XDG_RUNTIME_DIR": str(runtime)})
    return (run.stdout + run.stderr).strip() if run.returncode == 0 else f"exit {run.returncode}: {run.stderr}"


def test_install_service_writes_an_enabled_unit_and_an_autostart_entry(tmp_path):
    user = getpass.getuser()
    run = subprocess.run([sys.executable, "-m", "kiosk.cli", "install-service", "--user", user,
                          "--config", "/etc/seoul-wall/config.toml", "--root", str(tmp_path)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    home = tmp_path / Path(os.path.expanduser(f"~{user}")).relative_to("/")
    unit = home / ".config/systemd/user/seoul-wall.service"
    link = home / ".config/systemd/user/graphical-session.target.wants/seoul-wall.service"
    autostart = home / ".config/autostart/seoul-wall.desktop"
    assert link.resolve() == unit.resolve()
    text = unit.read_text()
    assert f"ExecStart={Path(sys.prefix) / 'bin' / 'kiosk'} run" in text
    for line in ("Type=notify", "WatchdogSec=30", "Restart=always", "After=graphical-session.target",
                 "Environment=KIOSK_CONFIG=/etc/seoul-wall/config.toml"):
        assert line in text.splitlines()
    assert "systemctl --user start seoul-wall.service" in autostart.read_text()
    assert str(unit) in run.stdout and str(autostart) in run.stdout  # it says what it did
    assert verify(unit, tmp_path) == ""


def test_the_documented_unit_is_the_one_install_service_writes(tmp_path):
    documented = (ROOT / "docs/seoul-wall.service").read_text()
    assert documented == render_unit(Path("/opt/seoul-wall/.venv/bin/kiosk"), Path("/etc/seoul-wall/config.toml"))


def test_a_typo_in_the_unit_would_be_caught(tmp_path):
    unit = tmp_path / "seoul-wall.service"
    unit.write_text(render_unit(Path(sys.prefix) / "bin" / "kiosk", Path("/x.toml")).replace("WatchdogSec", "WatchdogSek"))
    assert "Unknown key" in verify(unit, tmp_path)


def test_an_unknown_account_is_a_clear_error(tmp_path):
    run = subprocess.run([sys.executable, "-m", "kiosk.cli", "install-service", "--user", "no-such-user-xyz",
                          "--root", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 1 and "no-such-user-xyz" in run.stderr
