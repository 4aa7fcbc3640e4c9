"""config.toml -> one frozen, typed, validated tree.

Unknown keys are errors, units live in key names, secrets are `${ENV_VAR}` placeholders and
cross-references are checked. Every problem is reported with its key path. With no file at
all the model defaults apply: they are the built-in simulator configuration.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Literal
from urllib.parse import urlsplit

import platformdirs
import pydantic

from feeds.base import FeedOptions, feed_kinds, get_feed
from feeds.cameras import Camera
from feeds.incidents import KINDS
from feeds.key_paths import issues_from
from feeds.local_files import read_toml
from kiosk import secrets
from kiosk.documents import document_problems
from feeds.contacts import ContactsError, load_contacts
from kiosk.simulator import defaults as simulator_defaults
from kiosk.simulator.cameras import RTSP_PORT
from kiosk.simulator.defaults import SIMULATOR_KEY, SIMULATOR_PORT
from kiosk.simulator.sample_contacts import STAFF_PORT, STAFF_SPAN

APP_NAME = "seoul-wall"
MAX_CONFIG_BYTES = 1_000_000  # config.toml beyond this is a mistake
SAMPLE_CONTACTS = Path(__file__).resolve().parent.parent / "samples" / "contacts.toml"  # the simulated field staff
_PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class _Strict(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)


class DisplayConfig(_Strict):
    """The physical wall: sizes on screen are computed from these millimetres."""

    width_mm: float = pydantic.Field(default=3630, gt=100, le=20000)
    height_mm: float = pydantic.Field(default=1670, gt=100, le=20000)
    screen: int = pydantic.Field(default=0, ge=0)
    fullscreen: bool = True


class CacheConfig(_Strict):
    """Where the SQLite cache lives and how much history it keeps."""

    path: str = ""  # empty: the user data directory
    retention_days: int = pydantic.Field(default=30, ge=1, le=3650)

    def resolved_path(self) -> Path:
        """The database file to use."""
        if self.path:
            return Path(self.path).expanduser()
        return Path(platformdirs.user_data_dir(APP_NAME)) / "cache.sqlite3"


class SimulatorConfig(_Strict):
    """The built-in Seoul simulator on loopback."""

    enabled: bool = True
    port: int = pydantic.Field(default=SIMULATOR_PORT, ge=1, le=65535)
    api_key: str = SIMULATOR_KEY  # the only key it accepts
    speed: float = pydantic.Field(default=1.0, gt=0, le=3600)  # scenario seconds per real second
    scripted_outages: bool = True  # a feed goes down for a few minutes twice an hour
    cameras: bool = True  # serve simulated RTSP cameras (needs Debian's GStreamer RTSP server)
    rtsp_port: int = pydantic.Field(default=RTSP_PORT, ge=1, le=65535)
    camera_gop_s: float = pydantic.Field(default=0.0, ge=0, le=10)  # > 0: one encoder per camera, as real CCTV
    staff_port: int = pydantic.Field(default=STAFF_PORT, ge=1024, le=65536 - STAFF_SPAN)  # first of STAFF_SPAN ports

    @pydantic.field_validator("staff_port")
    @classmethod
    def _staff_ports_free(cls, value: int, info: pydantic.ValidationInfo) -> int:
        """The simulated staff's ports are their own (two walls on one machine differ in all three)."""
        for name in ("port", "rtsp_port"):
            if value <= info.data.get(name, 0) < value + STAFF_SPAN:
                raise ValueError(f"the simulated staff use ports {value}-{value + STAFF_SPAN - 1}, "
                                 f"which include {name} {info.data[name]}")
        return value


class MapConfig(_Strict):
    """The map: offline by default; an online tile layer may be configured."""

    tile_url: str = ""  # e.g. "https://tiles.example.org/{z}/{x}/{y}.png"; empty = no tiles
    tile_attribution: str = ""

    @pydantic.field_validator("tile_url")
    @classmethod
    def _tile_url_is_http(cls, value: str) -> str:
        if value and urlsplit(value).scheme not in ("http", "https"):
            raise ValueError("must be an http(s) URL with {z}/{x}/{y}")
        return value


class FeedConfig(_Strict):
    """One source: which kind, how often, and the kind's own options."""

    id: str = pydantic.Field(pattern=r"^[a-z][a-z0-9_]{0,31}$")
    kind: str
    interval_s: int = pydantic.Field(default=300, ge=10, le=86400)
    enabled: bool = True
    options: FeedOptions


class PanelsConfig(_Strict):
    """Which feed drives which panel on the wall."""

    air: str | None = "air"  # "" = no 대기환경 panel

    @pydantic.field_validator("air")
    @classmethod
    def _empty_is_none(cls, value: str | None) -> str | None:
        return value or None


class DisasterConfig(_Strict):
    """재난안전: how long closed incidents stay on the map, what raises an alert, and the chime."""

    closed_visible_s: int = pydantic.Field(default=900, ge=0, le=86400)
    alert_kinds: tuple[str, ...] = ("fire", "crowd", "rescue", "disaster", "water")
    alert_recent_s: int = pydantic.Field(default=600, ge=0, le=86400)  # older incidents never alert
    chime_volume: float = pydantic.Field(default=0.8, ge=0, le=1)  # 0 = silent
    idle_return_s: int = pydantic.Field(default=120, ge=10, le=3600)  # back to the overview after

    @pydantic.field_validator("alert_kinds")
    @classmethod
    def _known_kinds(cls, kinds: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [k for k in kinds if k not in KINDS]
        if unknown:
            raise ValueError(f"unknown incident kind {', '.join(map(repr, unknown))} (known: {', '.join(KINDS)})")
        return kinds


class PricesConfig(_Strict):
    """물가: the basket of everyday items, named as the price survey names them (matched at the start of
    its item names: "쌀" finds "쌀(이천쌀) 20kg", "배" never finds "배추")."""

    basket: tuple[pydantic.constr(strip_whitespace=True, min_length=1, max_length=20), ...] = pydantic.Field(
        default=("쌀", "배추", "무", "양파", "사과", "돼지고기", "쇠고기", "닭고기", "달걀", "고등어"),
        min_length=1, max_length=20)


class ProjectsConfig(_Strict):
    """주요사업: when a running project counts as 지연 besides a milestone past its planned end."""

    behind_plan_pct: float = pydantic.Field(default=10.0, ge=0, le=100)  # 공정률 this many points behind plan


TemplateId = pydantic.constr(pattern=r"^[a-z0-9-]{1,40}$")


class OrderTemplate(_Strict):
    """A work order the mayor gives with one touch: its words, and how soon it must be acknowledged."""

    id: TemplateId
    text: pydantic.constr(strip_whitespace=True, min_length=1, max_length=60)  # "현장 상황 10분마다 보고"
    ack_minutes: float = pydantic.Field(default=10, ge=1, le=1440)  # not acknowledged by then: 미확인
    due_minutes: float | None = pydantic.Field(default=None, ge=1, le=43200)  # done by then (none: no deadline)


def host_port(address: str) -> tuple[str, int]:
    """"host:port" split (the host may be empty: every address)."""
    host, _, port = address.rpartition(":")
    return host, int(port)


def _default_templates() -> tuple[OrderTemplate, ...]:
    return (OrderTemplate(id="report-10min", text="현장 상황 10분마다 보고", ack_minutes=5),
            OrderTemplate(id="evacuate", text="주민 대피 안내 실시", ack_minutes=3, due_minutes=30),
            OrderTemplate(id="site-check", text="현장 확인 후 결과 보고", ack_minutes=10, due_minutes=120),
            OrderTemplate(id="progress-report", text="추진 현황 보고서 제출", ack_minutes=60, due_minutes=1440))


class OrdersConfig(_Strict):
    """Work orders over MQTT: the wall's own Mosquitto on loopback, or the city's broker; the field page."""

    enabled: bool = True
    broker: str = ""  # "host:port" of an existing broker; empty: the wall runs its own on 127.0.0.1:port
    port: int = pydantic.Field(default=18830, ge=1, le=65535)  # the wall's own broker (not 1883: Debian's own)
    tls: bool = False
    username: str = "seoul-wall"  # the wall's user on an existing broker
    password: str = ""  # "${ORDERS_PASSWORD}"; the own broker's is made by the wall and kept in its state folder
    client_id: str = "seoul-wall"
    field_listen: str = "0.0.0.0:8780"  # the field page, in a process the wall runs; empty: a central `kiosk field`
    field_connections: int = pydantic.Field(default=256, ge=8, le=8192)  # open at once; more are closed at once
    field_url: str = ""  # how phones reach the page ("https://field.seoul.go.kr"); empty: this host's address
    templates: tuple[OrderTemplate, ...] = pydantic.Field(default_factory=_default_templates, min_length=1)

    @property
    def address(self) -> tuple[str, int]:
        """Where the broker is: the configured one, or the wall's own on loopback."""
        return host_port(self.broker) if self.broker else ("127.0.0.1", self.port)

    @pydantic.field_validator("broker", "field_listen")
    @classmethod
    def _host_and_port(cls, value: str) -> str:
        if value and not re.fullmatch(r"[^:\s]+:\d{1,5}", value):
            raise ValueError(f'expected "host:port" (e.g. "mqtt.seoul.go.kr:8883"), got {value!r}')
        return value

    @pydantic.model_validator(mode="after")
    def _templates_unique(self) -> "OrdersConfig":
        ids = [t.id for t in self.templates]
        if len(set(ids)) != len(ids):
            raise ValueError(f"templates: an id is repeated ({', '.join(sorted({i for i in ids if ids.count(i) > 1}))})")
        return self


class CallsConfig(_Strict):
    """Calls to field staff: baresip (Debian's baresip-core) as a supervised child, its control port on loopback."""

    enabled: bool = True
    contacts: str = ""  # the contacts file (contacts.toml); empty: the built-in sample field staff
    account: str = "sip:wall@127.0.0.1"  # the wall's own SIP address
    registrar: str = ""  # e.g. "sip:pbx.seoul.go.kr": register there; empty: dial each URI directly
    username: str = ""
    password: str = ""  # "${SIP_PASSWORD}", never written here
    sip_listen: str = "127.0.0.1:0"  # where baresip takes calls; port 0: any free one (the wall only dials)
    ctrl_port: int = pydantic.Field(default=0, ge=0, le=65535)  # baresip's control socket on loopback; 0: any free
    video: bool = True
    audio_codecs: tuple[Literal["opus", "g711", "g722"], ...] = ("opus", "g711")
    audio_source: str = "ausine,440"  # the wall's microphone; a real wall: "alsa,default"
    audio_player: str = "aufile,/dev/null"  # its speakers; a real wall: "alsa,default" (ALSA's null spins a core)
    video_source: str = "fakevideo,nil"  # its camera; a real wall: "v4l2,/dev/video0"
    video_display: str = "sdl,nil"  # the far end's picture: a window the call view takes in (sdl scales it)
    no_ringing_s: float = pydantic.Field(default=10, ge=2, le=120)  # no ringing by then: 연결 실패
    no_answer_s: float = pydantic.Field(default=40, ge=5, le=300)  # no answer by then: 응답 없음, hung up

    @property
    def contacts_path(self) -> Path:
        return Path(self.contacts).expanduser() if self.contacts else SAMPLE_CONTACTS

    @property
    def account_line(self) -> str:
        """baresip's accounts line: direct calls, or registered with the credentials."""
        if not self.registrar:
            return f"<{self.account}>;regint=0"
        auth = f";auth_user={self.username}" if self.username else ""
        auth += f";auth_pass={self.password}" if self.password else ""
        return f'<{self.account}>{auth};outbound="{self.registrar}";regint=600'


STREAM_SCHEMES = ("rtsp", "http", "https")


class CameraConfig(_Strict):
    """One camera of `[[cameras]]`: credentials go in the URL as `${ENV}` placeholders."""

    id: str = pydantic.Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
    name: str = pydantic.Field(min_length=1, max_length=60)
    url: str  # main stream: rtsp:// or http(s) HLS (.m3u8)
    sub_url: str | None = None  # smaller stream for grid tiles; empty = the main stream
    lat: float | None = pydantic.Field(default=None, ge=33, le=39)
    lon: float | None = pydantic.Field(default=None, ge=124, le=132)
    district: str | None = None

    @pydantic.field_validator("url", "sub_url")
    @classmethod
    def _stream_url(cls, value: str | None, info: pydantic.ValidationInfo) -> str | None:
        if not value and info.field_name == "sub_url":
            return None
        if urlsplit(value or "").scheme not in STREAM_SCHEMES:
            raise ValueError("must be an rtsp:// or http(s):// stream URL")
        return value

    @pydantic.model_validator(mode="after")
    def _placed_by_both(self) -> "CameraConfig":
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon go together (or leave both out: the camera gets no pin)")
        return self

    def camera(self) -> Camera:
        """As a catalogue record."""
        return Camera(self.id, self.name, self.url, self.sub_url, self.lat, self.lon, self.district, "config")


class CctvConfig(_Strict):
    """The CCTV area, its players and their watchdog."""

    grid_tiles: Literal[1, 4, 9, 16] = 4
    network_caching_ms: int = pydantic.Field(default=200, ge=50, le=5000)  # lower = less delay; 100 froze
    stall_timeout_s: float = pydantic.Field(default=10, ge=2, le=300)  # no new frame this long = offline
    retry_max_s: float = pydantic.Field(default=60, ge=2, le=3600)  # retries back off up to this
    relay: Literal["auto", "always", "never"] = "auto"  # GStreamer relay for rtsp:// (auto: if libvlc can't)
    nearest: int = pydantic.Field(default=3, ge=0, le=8)  # cameras shown in an incident's sheet
    nearest_within_m: float = pydantic.Field(default=2000, gt=0, le=50_000)  # farther is not "nearby"
    map_layer: bool = True  # camera pins on the map at start (a button toggles them)
    max_players: int | None = pydantic.Field(default=None, ge=1, le=40)  # streams decoded at once (None: grid + 2)

    @pydantic.model_validator(mode="after")
    def _budget_holds_the_grid(self) -> "CctvConfig":
        if self.max_players is not None and self.max_players < self.grid_tiles:
            raise ValueError(f"max_players ({self.max_players}) must be at least grid_tiles ({self.grid_tiles})")
        return self

    @property
    def player_budget(self) -> int:
        """How many streams may decode at once: the grid, the incident sheet's and the focus view's."""
        return self.max_players if self.max_players is not None else self.grid_tiles + 2


def _default_cameras(port: int = RTSP_PORT) -> tuple[CameraConfig, ...]:
    """The simulator's configured cameras (it serves them on `port`)."""
    return tuple(CameraConfig.model_validate(table) for table in simulator_defaults.camera_tables(port))


def _default_feeds(port: int = simulator_defaults.SIMULATOR_PORT) -> tuple[FeedConfig, ...]:
    """The simulator's feeds (it serves them on `port`), validated like any config file's."""
    return tuple(FeedConfig.model_validate({**table, "options": get_feed(table["kind"]).options(**table["options"])})
                 for table in simulator_defaults.feed_tables(port))


class ServiceConfig(_Strict):
    """Running unattended: when restarts have become a crash loop."""

    crash_loop_starts: int = pydantic.Field(default=3, ge=1, le=100)  # this many crashes …
    crash_loop_window_s: int = pydantic.Field(default=600, ge=10, le=86400)  # … within this long: safe mode


class Config(_Strict):
    """The whole configuration."""

    display: DisplayConfig = DisplayConfig()
    cache: CacheConfig = CacheConfig()
    simulator: SimulatorConfig = SimulatorConfig()
    map: MapConfig = MapConfig()
    feeds: tuple[FeedConfig, ...] = pydantic.Field(default_factory=_default_feeds)
    panels: PanelsConfig = PanelsConfig()
    disaster: DisasterConfig = DisasterConfig()
    prices: PricesConfig = PricesConfig()
    projects: ProjectsConfig = ProjectsConfig()
    calls: CallsConfig = CallsConfig()
    orders: OrdersConfig = OrdersConfig()
    cctv: CctvConfig = CctvConfig()
    cameras: tuple[CameraConfig, ...] = pydantic.Field(default_factory=_default_cameras)
    service: ServiceConfig = ServiceConfig()

    @pydantic.model_validator(mode="before")
    @classmethod
    def _defaults_follow_the_simulator(cls, data: Any) -> Any:
        """The default feeds and cameras are the simulator's, on its ports; without the simulator, no cameras."""
        if not isinstance(data, dict):
            return data
        simulator = data.get("simulator") if isinstance(data.get("simulator"), dict) else {}
        port = simulator.get("port", simulator_defaults.SIMULATOR_PORT)
        if "feeds" not in data and isinstance(port, int) and 0 < port < 65536:
            data = {**data, "feeds": _default_feeds(port)}
        if "cameras" in data:
            return data
        if simulator.get("enabled", True) is False:
            return {**data, "cameras": ()}
        rtsp_port = simulator.get("rtsp_port", RTSP_PORT)
        return {**data, "cameras": _default_cameras(rtsp_port)} if isinstance(rtsp_port, int) else data

    def feed(self, feed_id: str) -> FeedConfig | None:
        """The feed with this id, or None."""
        return next((f for f in self.feeds if f.id == feed_id), None)

    def is_simulated(self, feed: FeedConfig) -> bool:
        """True when the feed is served by the built-in simulator or reads the built-in samples."""
        parts = urlsplit(feed.options.base_url)
        on_simulator = parts.hostname in ("127.0.0.1", "localhost") and parts.port == self.simulator.port
        return feed.options.serves_samples or (self.simulator.enabled and on_simulator)


@dataclass(frozen=True)
class ConfigIssue:
    """One problem: the key path (e.g. `feeds[air].interval_s`, by index when there is no unique id) and what is wrong."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ConfigError(Exception):
    """The configuration is invalid; `issues` lists every problem found."""

    def __init__(self, source: str, issues: list[ConfigIssue]):
        self.source = source
        self.issues = issues
        super().__init__(f"{source}: " + "; ".join(map(str, issues)))


def usual_paths() -> list[Path]:
    """Where `kiosk` looks for a config when none is given, in order."""
    paths = [Path(os.environ["KIOSK_CONFIG"])] if os.environ.get("KIOSK_CONFIG") else []
    return paths + [Path("config.toml"), Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml",
                    Path("/etc") / APP_NAME / "config.toml"]


def find_config(explicit: str | Path | None) -> Path | None:
    """The file to load: the one given, else the first usual one that exists, else None."""
    if explicit:
        return Path(explicit)
    return next((p for p in usual_paths() if p.is_file()), None)


def load_config(path: str | Path | None, environ: dict[str, str] | None = None) -> Config:
    """Read and validate a config file (None: the built-in simulator configuration)."""
    if path is None:
        config = Config()
        secrets.remember(config)
        return config
    source = str(path)
    try:
        raw = read_toml(path, MAX_CONFIG_BYTES)
    except OSError as exc:
        raise ConfigError(source, [ConfigIssue("", f"cannot read the file ({exc.strerror})")]) from exc
    except ValueError as exc:
        raise ConfigError(source, [ConfigIssue("", str(exc))]) from exc
    return parse_config(raw, source, os.environ if environ is None else environ)


def parse_config(raw: dict[str, Any], source: str, environ: dict[str, str]) -> Config:
    """Validate a parsed TOML document; raise ConfigError listing every issue."""
    issues: list[ConfigIssue] = []
    raw = _substitute(raw, environ, "", issues)
    bad_options: set[int] = set()  # feeds whose options already have their issues listed
    if isinstance(raw.get("feeds"), list):
        raw = {**raw, "feeds": _validate_feeds(raw["feeds"], issues, bad_options)}
    try:
        config = Config.model_validate(raw)
    except pydantic.ValidationError as exc:
        issues.extend(_issues_from(exc, skip=lambda loc: loc[:1] == ("feeds",) and len(loc) > 2
                                   and loc[1] in bad_options and loc[2] == "options"))
        raise ConfigError(source, _named_by_id(_without_echoes(issues), raw)) from None
    issues.extend(check_references(config))
    if issues:
        raise ConfigError(source, _named_by_id(_without_echoes(issues), raw))
    secrets.remember(config)
    return config


def _without_echoes(issues: list[ConfigIssue]) -> list[ConfigIssue]:
    """Drop what a key's value fails only because its environment variable is unset (already said)."""
    unset = {i.path for i in issues if i.message.startswith("environment variable ")}
    return [i for i in issues if i.path not in unset or i.message.startswith("environment variable ")]


_INDEXED = re.compile(r"^(feeds|cameras)\[(\d+)\]")


def _named_by_id(issues: list[ConfigIssue], raw: dict[str, Any]) -> list[ConfigIssue]:
    """`feeds[2].options.base_url` -> `feeds[air].options.base_url` wherever that table's id is unique."""
    def ident(section: str, index: int) -> str | None:
        items = raw.get(section) if isinstance(raw.get(section), list) else []
        ids = [item.get("id") if isinstance(item, dict) else None for item in items]
        found = ids[index] if index < len(ids) else None
        return found if isinstance(found, str) and found and ids.count(found) == 1 else None

    def named(path: str) -> str:
        match = _INDEXED.match(path)
        name = ident(match[1], int(match[2])) if match else None
        return f"{match[1]}[{name}]{path[match.end():]}" if name else path

    return [ConfigIssue(named(issue.path), issue.message) for issue in issues]


def feed_file_problems(config: Config) -> list[str]:
    """Broken files the wall reads besides config.toml (a project folder's project.toml, a document that does
    not draw, the contacts file), each with its key path."""
    problems = [f"feeds[{f.id}]: {text}" for f in config.feeds if f.enabled
                for text in get_feed(f.kind).problems(f.options)] + document_problems(config)
    if config.calls.enabled:
        try:
            load_contacts(config.calls.contacts_path)
        except ContactsError as exc:
            problems += [f"calls.contacts: {line}" for line in str(exc).splitlines()]
    return problems


def config_warnings(config: Config) -> list[str]:
    """Settings that are valid but will hurt, such as more requests than a key's daily quota."""
    return [f"feeds[{f.id}]: {text}" for f in config.feeds if f.enabled
            for text in get_feed(f.kind).warnings(f.options, f.interval_s)]


def check_references(config: Config) -> list[ConfigIssue]:
    """Cross-reference problems: duplicate feed or camera ids, panels naming missing or wrong feeds."""
    issues = []
    seen: set[str] = set()
    for index, feed in enumerate(config.feeds):
        if feed.id in seen:
            issues.append(ConfigIssue(f"feeds[{index}].id", f"duplicate feed id {feed.id!r}"))
        seen.add(feed.id)
    camera_ids: set[str] = set()
    for index, camera in enumerate(config.cameras):
        if camera.id in camera_ids:
            issues.append(ConfigIssue(f"cameras[{index}].id", f"duplicate camera id {camera.id!r}"))
        camera_ids.add(camera.id)
    if config.panels.air is not None:
        feed = config.feed(config.panels.air)
        if feed is None:
            issues.append(ConfigIssue("panels.air", f"no feed has id {config.panels.air!r}"))
        elif feed.kind != "seoul_air":
            issues.append(ConfigIssue("panels.air", f"feed {feed.id!r} is of kind {feed.kind!r}, "
                                                    "the air panel needs 'seoul_air'"))
    return issues


def _validate_feeds(raw_feeds: list[Any], issues: list[ConfigIssue], bad: set[int]) -> list[Any]:
    """Replace each feed's options table by its kind's validated options model."""
    checked = []
    for index, item in enumerate(raw_feeds):
        if isinstance(item, dict) and isinstance(item.get("options", {}), dict):
            options = _feed_options(item, f"feeds[{index}]", issues)
            if options is None:
                bad.add(index)
            else:
                item = {**item, "options": options}
        checked.append(item)
    return checked


def _feed_options(item: dict[str, Any], path: str, issues: list[ConfigIssue]) -> FeedOptions | None:
    kind = item.get("kind")
    if kind not in feed_kinds():
        issues.append(ConfigIssue(f"{path}.kind", f"unknown feed kind {kind!r} "
                                                  f"(known: {', '.join(feed_kinds())})"))
        return None
    try:
        return get_feed(kind).options.model_validate(item.get("options", {}))
    except pydantic.ValidationError as exc:
        issues.extend(_issues_from(exc, prefix=f"{path}.options"))
        return None


def _issues_from(exc: pydantic.ValidationError, prefix: str = "",
                 skip: Callable[[tuple[Any, ...]], bool] = lambda loc: False) -> list[ConfigIssue]:
    return [ConfigIssue(path, text) for path, text in issues_from(exc, prefix, skip)]


def _substitute(value: Any, environ: dict[str, str], path: str, issues: list[ConfigIssue]) -> Any:
    """Replace `${NAME}` in every string by the environment variable; report unset ones."""
    if isinstance(value, dict):
        return {k: _substitute(v, environ, f"{path}.{k}" if path else k, issues) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, environ, f"{path}[{i}]", issues) for i, v in enumerate(value)]
    if not isinstance(value, str):
        return value

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in environ:
            issues.append(ConfigIssue(path, f"environment variable {name} is not set"))
            return ""
        return environ[name]

    return _PLACEHOLDER.sub(replace, value)
