"""The `kiosk` command: run the wall, check the config, poll feeds, inspect the cache, screenshot, simulate."""

from __future__ import annotations

import argparse
import faulthandler
import io
import json
import logging
import os
import signal
import sqlite3
import sys
import time
from pathlib import Path

from kiosk import secrets
from kiosk.app.state import DomainKey
from kiosk.config import Config, ConfigError, config_warnings, feed_file_problems, find_config, load_config

SCREENSHOT_SIZE = "3840x1767"  # a 4K-wide panel at the wall's 3630 x 1670 mm proportions
PIPE_CLOSED = 128 + signal.SIGPIPE  # the reader went away (`kiosk cache show | head`): what a shell reports
_LOGGER = logging.getLogger("kiosk.cli")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    try:
        faulthandler.enable()  # a native crash leaves a Python traceback in the log
    except io.UnsupportedOperation:
        pass  # stderr is not a file (captured by a caller): nothing to write a traceback to
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    secrets.install()  # keys never reach the log, whatever logs them
    try:
        return args.handler(args)
    except BrokenPipeError:
        return _pipe_closed()
    except (sqlite3.Error, OSError) as exc:  # what a command did not foresee: one sentence, the trace with -v
        _LOGGER.debug("kiosk %s", " ".join(argv if argv is not None else sys.argv[1:]), exc_info=True)
        print(f"kiosk: {exc}", file=sys.stderr)
        return 1


def _pipe_closed() -> int:
    """End quietly: what is still buffered for the closed pipe goes nowhere (Python's own flush at exit would
    complain)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return PIPE_CLOSED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="디지털 시민시장실 — the Digital Citizen Mayor's Office wall")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    parser.set_defaults(handler=cmd_run, config=None, windowed=False, screen=None)
    sub = parser.add_subparsers(title="commands")
    run = sub.add_parser("run", help="the wall (the default)")
    _config_option(run)
    run.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    run.add_argument("--screen", type=int, help="which screen (default: display.screen in the config)")
    run.set_defaults(handler=cmd_run)
    check = sub.add_parser("check-config", help="validate a config file; list every problem")
    check.add_argument("path", nargs="?", help="the file (default: the usual places)")
    check.set_defaults(handler=cmd_check_config)
    poll = sub.add_parser("poll", help="fetch feeds into the cache through the normal path")
    poll.add_argument("--once", action="store_true", required=True, help="fetch each feed once, then exit")
    poll.add_argument("--feed", help="only this feed id")
    _config_option(poll)
    poll.set_defaults(handler=cmd_poll)
    cache = sub.add_parser("cache", help="inspect the cache").add_subparsers(title="cache commands")
    show = cache.add_parser("show", help="latest records and feed status")
    show.add_argument("--feed", help="only this feed id")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    _config_option(show)
    show.set_defaults(handler=cmd_cache_show)
    audit = sub.add_parser("audit", help="the wall's audit trail: calls, alerts acknowledged, cameras opened")
    audit.add_argument("--since", help="from this day (YYYY-MM-DD, Seoul time)")
    audit.add_argument("--csv", action="store_true", help="CSV for a spreadsheet")
    _config_option(audit)
    audit.set_defaults(handler=cmd_audit)
    shot = sub.add_parser("screenshot", help="render the wall to a PNG (on a virtual screen if none)")
    shot.add_argument("out", help="the PNG to write")
    shot.add_argument("--size", default=SCREENSHOT_SIZE, help=f"WxH pixels (default {SCREENSHOT_SIZE})")
    shot.add_argument("--wait", type=float, default=8.0, help="seconds to let feeds and the map load")
    shot.add_argument("--domain", help="show this domain (disaster, traffic, air …) instead of the home one")
    shot.add_argument("--sheet", help="with --domain: open this sheet (an incident key, a hotspot's name)")
    _config_option(shot)
    shot.set_defaults(handler=cmd_screenshot)
    install = sub.add_parser("install-service", help="install the systemd user unit and X autostart for the wall's account")
    install.add_argument("--user", default=_current_user(), help="the account whose graphical session shows the wall")
    install.add_argument("--config", default="/etc/seoul-wall/config.toml", help="the config the unit runs with")
    install.add_argument("--root", default="/", help="write under this directory instead (staging)")
    install.set_defaults(handler=cmd_install_service)
    links = sub.add_parser("field-links", help="each field contact's link to their work-order page")
    _config_option(links)
    links.set_defaults(handler=cmd_field_links)
    field = sub.add_parser("field", help="the work-order field page alone (a central host), in the foreground")
    _config_option(field)
    field.add_argument("--listen", default="0.0.0.0:8780", help="address:port to serve on (default 0.0.0.0:8780)")
    field.set_defaults(handler=cmd_field)
    simulate = sub.add_parser("simulate", help="run only the simulator servers, in the foreground")
    _config_option(simulate)
    simulate.add_argument("--port", type=int, help="override simulator.port")
    simulate.set_defaults(handler=cmd_simulate)
    return parser


def cmd_field_links(args: argparse.Namespace) -> int:
    """Print each person's field-page link (tab-separated: name, role, link)."""
    from kiosk.field.commands import links

    config = _load(args)
    if config is None:
        return 1
    found = links(config)
    for contact, link in found:
        print(f"{contact.name}\t{contact.role}\t{link}")
    if not found:
        print("no field contacts (see calls.contacts and the log)", file=sys.stderr)
    return 0 if found else 1


def cmd_field(args: argparse.Namespace) -> int:
    from kiosk.field.commands import serve

    config = _load(args)
    return 1 if config is None else serve(config, args.listen)


def _config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", help="config.toml to use (default: the usual places, else the built-in simulator)")


def _load(args: argparse.Namespace) -> Config | None:
    path = find_config(args.config)
    try:
        return load_config(path)
    except ConfigError as exc:
        _print_issues(exc)
        return None


def _print_issues(exc: ConfigError) -> None:
    print(f"{exc.source}: {len(exc.issues)} problem(s)", file=sys.stderr)
    for issue in exc.issues:
        print(f"  {issue}", file=sys.stderr)


def cmd_check_config(args: argparse.Namespace) -> int:
    """Exit 0 when valid; otherwise print every problem with its key path and exit 1."""
    path = find_config(args.path)
    try:
        config = load_config(path)
    except ConfigError as exc:
        _print_issues(exc)
        return 1
    where = path or "built-in simulator configuration"
    broken = feed_file_problems(config)
    for problem in broken:
        print(f"error: {problem}", file=sys.stderr)
    if broken:
        return 1
    print(f"{where}: OK — {len(config.feeds)} feed(s), {len(config.cameras)} camera(s), "
          f"simulator {'on' if config.simulator.enabled else 'off'}")
    for warning in config_warnings(config):
        print(f"warning: {warning}")
    return 0


def cmd_poll(args: argparse.Namespace) -> int:
    """Fetch each feed once into the cache; one line per feed; exit 1 if any failed."""
    config = _load(args)
    if config is None:
        return 2
    feeds = [f for f in config.feeds if f.enabled and (args.feed is None or f.id == args.feed)]
    if not feeds:
        print(f"no enabled feed {args.feed or ''}".strip(), file=sys.stderr)
        return 2
    from kiosk.polling import poll_once  # keeps `check-config` free of the heavier imports

    failed = 0
    try:
        for line, ok in poll_once(config, feeds):
            print(line)
            failed += not ok
    except BrokenPipeError:
        raise  # our reader went away, not the cache
    except (sqlite3.Error, OSError, RuntimeError) as exc:
        print(f"cannot use the cache {config.cache.resolved_path()}: {exc}", file=sys.stderr)
        return 1
    return 1 if failed else 0


def cmd_audit(args: argparse.Namespace) -> int:
    """Print (or export as CSV) every action recorded, oldest first."""
    config = _load(args)
    if config is None:
        return 2
    from datetime import datetime

    from feeds.records import SEOUL_TZ
    from kiosk.audit_report import csv_text, text_lines
    from kiosk.cache import CacheReader
    from kiosk.cache_report import cache_problem

    try:
        since = datetime.strptime(args.since, "%Y-%m-%d").replace(tzinfo=SEOUL_TZ) if args.since else None
    except ValueError:
        print(f"--since {args.since!r}: give a day as YYYY-MM-DD", file=sys.stderr)
        return 2
    path = config.cache.resolved_path()
    if not path.exists():
        print(f"no cache at {path} yet: nothing recorded", file=sys.stderr)
        return 1
    try:
        with CacheReader(path) as reader:
            entries = reader.audit(since)
    except sqlite3.Error as exc:
        print(cache_problem(path, exc), file=sys.stderr)
        return 1
    print(csv_text(entries) if args.csv else text_lines(entries), end="" if args.csv else "\n")
    return 0


def cmd_cache_show(args: argparse.Namespace) -> int:
    """Print feed statuses and each feed's latest records."""
    config = _load(args)
    if config is None:
        return 2
    from kiosk.cache_report import cache_problem, read_report, text_report

    path = config.cache.resolved_path()
    if not path.exists():
        print(f"no cache at {path} yet (run `kiosk poll --once`)", file=sys.stderr)
        return 1
    try:
        report = read_report(path, config, args.feed)
    except sqlite3.Error as exc:
        print(cache_problem(path, exc), file=sys.stderr)
        return 1
    print(json.dumps(report, ensure_ascii=False, indent=2, allow_nan=False) if args.json else text_report(path, report))
    return 0


NO_DISPLAY = """kiosk run: there is no display to show the wall on (DISPLAY is not set).
  - On the wall's machine, start it from its graphical session (`kiosk install-service` does that).
  - On a desktop, from a terminal of that desktop: kiosk run --windowed
  - Without any screen, to see what the wall shows: kiosk screenshot wall.png
  - On a virtual screen: xvfb-run -a -s "-screen 0 1920x884x24" kiosk run"""


def has_display(environ: dict[str, str]) -> bool:
    """True when Qt has somewhere to draw: an X or Wayland display, or a platform chosen explicitly."""
    platform = environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return True  # offscreen, vnc, eglfs …: the operator chose
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def cmd_run(args: argparse.Namespace) -> int:
    """The wall."""
    if not has_display(dict(os.environ)):
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    from kiosk.app.main import WallApp, create_application
    from kiosk.crash_loop import StartRecord, state_dir

    from PySide6.QtCore import QTimer

    record = StartRecord(state_dir())
    crash_loop = record.begin()
    if crash_loop.report:
        logging.getLogger("kiosk").error("the previous run crashed:\n%s", crash_loop.report)
    if record.crash_handle is not None:  # the traceback of a native crash goes where the next start finds it
        faulthandler.enable(file=record.crash_handle)
    app = create_application()
    wall = WallApp(args.config, windowed=args.windowed, screen=args.screen, crash_loop=crash_loop)
    app.aboutToQuit.connect(wall.stop)
    for signum in (signal.SIGTERM, signal.SIGINT):  # systemd stops us with SIGTERM: stop in order
        # queued: a quit() before exec() (a signal during start-up) would be lost and the wall stay up
        signal.signal(signum, lambda *_: QTimer.singleShot(0, app.quit))
    wake = QTimer(interval=500, timeout=lambda: None)  # lets Python run signal handlers in Qt's loop
    wake.start()
    wall.start()
    code = app.exec()
    wall.dispose()
    record.end_cleanly()
    return code


def _current_user() -> str:
    import getpass

    return os.environ.get("SUDO_USER") or getpass.getuser()


def cmd_install_service(args: argparse.Namespace) -> int:
    """Install the unit and the autostart entry; print what was done."""
    from kiosk.install import install_service

    kiosk = Path(sys.argv[0]).resolve() if Path(sys.argv[0]).name == "kiosk" else Path(sys.prefix) / "bin" / "kiosk"
    try:
        done = install_service(args.user, kiosk, Path(args.config), Path(args.root))
    except KeyError:
        print(f"install-service: no account named {args.user!r} on this machine", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"install-service: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 1
    print("\n".join(done))
    if not Path(args.config).exists():
        print(f"note: {args.config} does not exist yet: without it the wall runs the built-in simulator")
    return 0


def cmd_screenshot(args: argparse.Namespace) -> int:
    """Render the wall at --size, wait, save a PNG."""
    from kiosk.app.screenshot import take_screenshot

    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        print(f"--size must be WxH, e.g. {SCREENSHOT_SIZE}", file=sys.stderr)
        return 2
    if args.domain and args.domain not in set(DomainKey):
        print(f"--domain must be one of {', '.join(DomainKey)}", file=sys.stderr)
        return 2
    return take_screenshot(Path(args.out), width, height, args.wait, args.config, args.domain, args.sheet)


def cmd_simulate(args: argparse.Namespace) -> int:
    """Serve the simulator until interrupted."""
    config = _load(args)
    if config is None:
        return 2
    from kiosk.simulator import SimulatorServer
    from kiosk.simulator.cameras import CONFIG_CAMERAS, ITS_CAMERAS, RtspCameraServer
    from kiosk.simulator.scenario import ScenarioClock

    sim = config.simulator
    server = SimulatorServer(port=args.port or sim.port, api_key=sim.api_key, clock=ScenarioClock(sim.speed),
                             scripted_outages=sim.scripted_outages, rtsp_port=sim.rtsp_port).start()
    cameras = None
    if sim.cameras:
        try:
            cameras = RtspCameraServer(sim.rtsp_port, gop_s=sim.camera_gop_s).start()
        except RuntimeError as exc:
            print(f"no simulated cameras: {exc}", file=sys.stderr)
    print(f"simulator on {server.url} (key {sim.api_key})\n"
          f"  Seoul Open Data  {server.url}/{sim.api_key}/json/<RealtimeCityAir|AccInfo|citydata>/1/1000\n"
          f"  fire statistics  {server.url}/1661000/FireInformationService/getOcBysidoFireSmrzPcnd"
          f"?serviceKey={sim.api_key}&ocrn_ymd=YYYYMMDD\n"
          f"  dispatch feed    {server.url}/dispatch/incidents.json\n"
          f"  ITS CCTV list    {server.url}/cctvInfo?apiKey={sim.api_key}&getType=json\n"
          + (f"  cameras (RTSP)   rtsp://127.0.0.1:{sim.rtsp_port}/<"
             f"{'|'.join(c.id for c in CONFIG_CAMERAS + ITS_CAMERAS)}>[/sub]\n" if cameras else "") +
          f"inject faults with "
          f"`curl -X POST {server.url}/_sim/fault/<unavailable|hang|quota|bad_key|malformed|server_error|none>`")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        if cameras is not None:
            cameras.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
