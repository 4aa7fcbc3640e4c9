"""config.toml: strict, typed, every problem with its key path; secrets from the environment."""

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from feeds.base import feed_kinds
from feeds.projects import SAMPLES
from kiosk import cli
from kiosk.config import Config, ConfigError, find_config, load_config

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path, text):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def issues_of(path, environ=None):
    with pytest.raises(ConfigError) as info:
        load_config(path, environ or {})
    return [str(i) for i in info.value.issues]


def test_the_shipped_config_is_the_built_in_simulator_configuration():
    assert load_config(ROOT / "config.toml", {}) == Config()


def test_the_production_example_takes_its_key_from_the_environment():
    environ = {"SEOUL_OPEN_DATA_KEY": "abc123", "DATA_GO_KR_KEY": "d+k", "DISPATCH_URL": "https://119.example",
               "DISPATCH_TOKEN": "t0k", "ITS_CCTV_KEY": "its", "CCTV_USER": "viewer", "CCTV_PASSWORD": "p@ss",
               "TAP_WATER_URL": "https://water.example", "TAP_WATER_TOKEN": "w", "CALLS_120_TOKEN": "c",
               "SIP_PASSWORD": "s1p", "ORDERS_PASSWORD": "0rd"}
    config = load_config(ROOT / "config.example-production.toml", environ)
    assert config.cameras[0].url == "rtsp://viewer:p@ss@10.20.0.11:554/stream1" and config.cctv.grid_tiles == 9
    assert config.feeds[0].options.api_key == "abc123" and config.feed("fire_stats").options.service_key == "d+k"
    assert config.feed("dispatch").options.token == "t0k" and not config.feed("nfds").enabled
    assert not config.simulator.enabled and not any(config.is_simulated(f) for f in config.feeds)
    assert config.calls.account_line == ('<sip:mayor-wall@pbx.seoul.go.kr>;auth_user=mayor-wall;auth_pass=s1p;'
                                         'outbound="sip:pbx.seoul.go.kr";regint=600')
    assert config.orders.address == ("mqtt.seoul.go.kr", 8883) and config.orders.password == "0rd"
    assert issues_of(ROOT / "config.example-production.toml") == [
        "feeds[air].options.api_key: environment variable SEOUL_OPEN_DATA_KEY is not set",
        "feeds[dispatch].options.base_url: environment variable DISPATCH_URL is not set",
        "feeds[dispatch].options.token: environment variable DISPATCH_TOKEN is not set",
        "feeds[roads].options.api_key: environment variable SEOUL_OPEN_DATA_KEY is not set",
        "feeds[hotspots].options.api_key: environment variable SEOUL_OPEN_DATA_KEY is not set",
        "feeds[fire_stats].options.service_key: environment variable DATA_GO_KR_KEY is not set",
        "feeds[cctv_its].options.api_key: environment variable ITS_CCTV_KEY is not set",
        "feeds[water_supply].options.api_key: environment variable SEOUL_OPEN_DATA_KEY is not set",
        "feeds[river].options.api_key: environment variable SEOUL_OPEN_DATA_KEY is not set",
        "feeds[tap_water].options.base_url: environment variable TAP_WATER_URL is not set",
        "feeds[tap_water].options.token: environment variable TAP_WATER_TOKEN is not set",
        "feeds[prices].options.api_key: environment variable SEOUL_OPEN_DATA_KEY is not set",
        "feeds[complaints].options.service_key: environment variable DATA_GO_KR_KEY is not set",
        "feeds[calls_120].options.token: environment variable CALLS_120_TOKEN is not set",
        "feeds[kstartup].options.service_key: environment variable DATA_GO_KR_KEY is not set",
        "calls.password: environment variable SIP_PASSWORD is not set",
        "orders.password: environment variable ORDERS_PASSWORD is not set",
        "cameras[sejong-ro].url: environment variable CCTV_USER is not set",
        "cameras[sejong-ro].url: environment variable CCTV_PASSWORD is not set",
        "cameras[sejong-ro].sub_url: environment variable CCTV_USER is not set",
        "cameras[sejong-ro].sub_url: environment variable CCTV_PASSWORD is not set"]


def test_a_typo_is_named_by_its_key_path(tmp_path):
    path = write(tmp_path, "[display]\nwidht_mm = 3630\n")
    assert issues_of(path) == ["display.widht_mm: unknown key (typo?)"]


def test_every_problem_is_reported_at_once(tmp_path):
    path = write(tmp_path, """
[cache]
retention_days = 0
[[feeds]]
id = "air"
kind = "seoul_air"
interval_s = 5
[feeds.options]
base_url = "http://x"
api_kee = "k"
[[feeds]]
id = "other"
kind = "seoul_weather"
""")
    assert issues_of(path) == [
        "feeds[air].options.api_key: required key is missing",
        "feeds[air].options.api_kee: unknown key (typo?)",
        f"feeds[other].kind: unknown feed kind 'seoul_weather' (known: {', '.join(feed_kinds())})",
        "cache.retention_days: Input should be greater than or equal to 1",
        "feeds[air].interval_s: Input should be greater than or equal to 10",
    ]


def test_cross_references_are_checked(tmp_path):
    feed = '[[feeds]]\nid = "{id}"\nkind = "seoul_air"\n[feeds.options]\nbase_url = "http://x"\napi_key = "k"\n'
    path = write(tmp_path, feed.format(id="a") + feed.format(id="a") + '[panels]\nair = "b"\n')
    assert issues_of(path) == ["feeds[1].id: duplicate feed id 'a'", "panels.air: no feed has id 'b'"]


def test_broken_toml_and_missing_files_are_reported(tmp_path):
    assert "not valid TOML" in issues_of(write(tmp_path, "[display\n"))[0]
    assert "cannot read the file" in issues_of(tmp_path / "nope.toml")[0]


def test_no_file_anywhere_means_the_built_in_configuration(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    assert find_config(None) in (None, Path("/etc/seoul-wall/config.toml"))
    write(tmp_path, "")
    assert find_config(None) == Path("config.toml")


def test_check_config_command(tmp_path, capsys):
    assert cli.main(["check-config", str(ROOT / "config.toml")]) == 0
    assert "OK" in capsys.readouterr().out
    path = write(tmp_path, "[simulator]\nport = 99999\nspede = 2\n")
    assert cli.main(["check-config", str(path)]) == 1
    err = capsys.readouterr().err
    assert "simulator.spede: unknown key (typo?)" in err and "simulator.port:" in err
    quota = write(tmp_path, '[panels]\nair = ""\n[[feeds]]\nid = "hotspots"\nkind = "seoul_citydata"\ninterval_s = 60\n[feeds.options]\n'
                            'base_url = "http://x"\napi_key = "K"\nareas = ["a", "b"]\ndaily_quota = 1000\n')
    assert cli.main(["check-config", str(quota)]) == 0  # valid, but it will hurt: said, not refused
    assert "warning: feeds[hotspots]: 2 places every 60 s make 2880 requests a day" in capsys.readouterr().out


def test_check_config_checks_every_project_file(tmp_path, capsys):
    folder = tmp_path / "projects"
    shutil.copytree(SAMPLES / "seoullo-7017", folder / "seoullo-7017")
    shutil.copytree(SAMPLES / "dasi-sewoon", folder / "dasi-sewoon")
    path = write(tmp_path, f'[panels]\nair = ""\n[[feeds]]\nid = "projects"\nkind = "projects"\ninterval_s = 600\n'
                           f'[feeds.options]\nfolder = "{folder}"\n')
    assert cli.main(["check-config", str(path)]) == 0
    toml = folder / "dasi-sewoon" / "project.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("actual_end = 2025-05-06", "actual_end = 2024-05-06"),
                    encoding="utf-8")
    assert cli.main(["check-config", str(path)]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        f"error: feeds[projects]: {folder}/dasi-sewoon/project.toml: milestones[0]: "
        "actual_end 2024-05-06 is before actual_start 2024-10-09"]


def test_cameras_are_checked_and_the_simulated_ones_go_with_the_simulator(tmp_path):
    path = write(tmp_path, """[cctv]\ngrid_tiles = 6\n[[cameras]]\nid = "a"\nname = "A"\nurl = "ftp://x/y"\n
[[cameras]]\nid = "a"\nname = "B"\nurl = "rtsp://10.0.0.1/s"\nlat = 91\n
[[cameras]]\nid = "c"\nname = "C"\nurl = ""\n[[cameras]]\nid = "d"\nname = "D"\nurl = "rtsp://x/y"\nlat = 37.5\n""")
    assert issues_of(path) == ["cctv.grid_tiles: Input should be 1, 4, 9 or 16",
                               "cameras[0].url: must be an rtsp:// or http(s):// stream URL",
                               "cameras[1].lat: Input should be less than or equal to 39",
                               "cameras[c].url: must be an rtsp:// or http(s):// stream URL",
                               "cameras[d]: lat and lon go together (or leave both out: the camera "
                               "gets no pin)"]
    path = write(tmp_path, """[[cameras]]\nid = "a"\nname = "A"\nurl = "rtsp://10.0.0.1/s"\n
[[cameras]]\nid = "a"\nname = "B"\nurl = "https://10.0.0.2/live.m3u8"\n""")
    assert issues_of(path) == ["cameras[1].id: duplicate camera id 'a'"]
    assert [c.id for c in Config().cameras] == ["gwanghwamun", "cityhall", "gangnam", "yeouido"]
    assert load_config(write(tmp_path, "[simulator]\nenabled = false\n"), {}).cameras == ()
    moved = load_config(write(tmp_path, "[simulator]\nrtsp_port = 19554\n"), {})
    assert moved.cameras[0].url == "rtsp://127.0.0.1:19554/gwanghwamun"


@pytest.mark.parametrize("base_url", ["openapi.seoul.go.kr:8088", "htp//openapi.seoul.go.kr", "ftp://x", "http://"])
def test_a_feed_url_must_be_an_http_url_named_by_the_feed_id(tmp_path, base_url):
    path = write(tmp_path, f'[[feeds]]\nid = "air"\nkind = "seoul_air"\n[feeds.options]\n'
                           f'base_url = "{base_url}"\napi_key = "k"\n')
    [issue] = issues_of(path)
    assert issue.startswith("feeds[air].options.base_url: must be an http(s) URL")


def test_the_player_budget_must_hold_the_grid(tmp_path):
    assert issues_of(write(tmp_path, "[cctv]\ngrid_tiles = 9\nmax_players = 6\n")) == [
        "cctv: max_players (6) must be at least grid_tiles (9)"]
    assert Config().cctv.player_budget == 6  # the grid's 4 and 2 more, unless set


def test_the_default_feeds_follow_the_simulator_port(tmp_path):
    config = load_config(write(tmp_path, "[simulator]\nport = 18388\n"))
    files = ("projects", "startup_indicators")  # read from files, not served
    assert {urlsplit(f.options.base_url).port for f in config.feeds if f.enabled and f.kind not in files} == {18388}
    assert all(config.is_simulated(config.feed(f)) for f in files)  # the built-in samples


def test_the_orders_section_says_what_is_wrong_with_its_key_path(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[orders]\nbroker = "mqtt.seoul.go.kr"\nport = 0\n'
                    '[[orders.templates]]\nid = "a"\ntext = "보고"\n[[orders.templates]]\nid = "a"\ntext = "대피"\n'
                    'ack_minutes = 0\n', encoding="utf-8")
    found = issues_of(path)
    assert found[0] == """orders.broker: expected "host:port" (e.g. "mqtt.seoul.go.kr:8883"), got 'mqtt.seoul.go.kr'"""
    assert found[1].startswith("orders.port:") and found[2].startswith("orders.templates[1].ack_minutes:")


def test_a_field_page_address_that_is_not_host_and_port_is_a_config_error(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[orders]\nfield_listen = "0.0.0.0:87a0"\n', encoding="utf-8")
    assert issues_of(path) == ["""orders.field_listen: expected "host:port" (e.g. "mqtt.seoul.go.kr:8883"), got '0.0.0.0:87a0'"""]
