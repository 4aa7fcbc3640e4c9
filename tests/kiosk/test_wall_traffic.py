"""교통상황 end to end, offscreen: citydata over loopback -> cache -> panel, map links and hotspots,
the hotspot sheet, the 붐빔 alert, and the last values kept through an outage."""

import json
from datetime import datetime, timedelta, timezone

import pytest

from feeds.records import SEOUL_TZ
from kiosk.app.state import DomainKey
from tests.conftest import FIXTURES, free_port
from tests.kiosk.test_wall import wall  # noqa: F401 (fixture)
from tests.kiosk.wall_config import feeds_config, fetch_now
from tests.map_probe import ask
from widgets import theme


def stamp(minutes_ago=0):
    return (datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)).astimezone(SEOUL_TZ).strftime("%Y-%m-%d %H:%M")


def citydata(crowd="붐빔", minutes_ago=6):
    """The recorded 강남역 reply at this crowd level, measured a few minutes ago."""
    doc = json.loads((FIXTURES / "traffic" / "citydata.json").read_text(encoding="utf-8"))
    city = doc["CITYDATA"]
    city["LIVE_PPLTN_STTS"][0].update(PPLTN_TIME=stamp(minutes_ago), AREA_CONGEST_LVL=crowd)
    city["ROAD_TRAFFIC_STTS"]["AVG_ROAD_DATA"]["ROAD_TRAFFIC_TIME"] = stamp(minutes_ago + 1)
    city["ACDNT_CNTRL_STTS"] = [{"ACDNT_OCCR_DT": stamp(30), "EXP_CLR_DT": "2099-01-01 12:00", "ACDNT_TYPE": "공사",
                                 "ACDNT_DTYPE": "차로통제", "ACDNT_INFO": "강남대로 1개 차로 통제",
                                 "ACDNT_X": "127.0280", "ACDNT_Y": "37.4990"}]
    return json.dumps(doc, ensure_ascii=False)


def write_config(tmp_path, url):
    return feeds_config(tmp_path, [("hotspots", "seoul_citydata", {"base_url": url, "api_key": "K", "areas": ["강남역"]})])


@pytest.fixture
def traffic(qtbot, tmp_path, wall, replay):  # noqa: F811
    replay.reply(200, citydata())
    app = wall(write_config(tmp_path, replay.url))
    qtbot.waitUntil(lambda: app.controller.last_snapshot is not None
                    and bool(app.controller.last_snapshot.domains[DomainKey.TRAFFIC].hotspots), timeout=15000)
    qtbot.waitUntil(lambda: app.window.map.is_ready, timeout=30000)
    return app


def test_roads_hotspots_sheet_and_the_crowd_alert(qtbot, traffic):
    app, window = traffic, traffic.window
    view = app.controller.views[DomainKey.TRAFFIC]
    assert app.controller.state.view.domain == DomainKey.TRAFFIC  # the 붐빔 alert brought the wall here
    assert window.alert_banner.isVisible() and "인파 붐빔" in window.alert_banner.text.text()
    assert "강남역 · 약 36,000~38,000명" in window.alert_banner.text.text() and app.controller.alerts.chime.plays == 1
    qtbot.waitUntil(lambda: len(ask(qtbot, window.map, "roads()")["lines"]) == 3, timeout=5000)
    drawn = ask(qtbot, window.map, "roads()")
    assert sorted(line["colour"] for line in drawn["lines"]) == sorted(theme.ROAD_COLOURS[level]
                                                                       for level in ("정체", "서행", "원활"))
    assert drawn["places"]["강남역"]["level"] == "붐빔" and drawn["places"]["강남역"]["pulse"]
    assert view.panel.speed.text() == "12" and view.panel.rows[0].chip.text() == "붐빔"
    assert "강남대로 1개 차로 통제" in view.panel.closures.text()
    warnings = app.controller.views[DomainKey.DISASTER].panel.warnings.text()  # the same reply's 특보, in 재난안전
    assert warnings.startswith("기상특보 · 한파 경보 (") and "대설" not in warnings  # 대설 was lifted

    window.alert_banner.open_button.click()  # "자세히 보기": the hotspot's sheet
    assert window.domain_stack.currentWidget() is view.sheet and not window.alert_banner.isVisible()
    assert view.sheet.values["도로"].text() == "정체 · 평균 12 km/h"
    assert view.sheet.values["인파"].text() == "붐빔 · 36,000~38,000명"
    assert view.sheet.values["예측"].text() == "20:00 붐빔 · 21:00 약간 붐빔"
    assert "강남대로 1개 차로 통제" in view.sheet.values["주변 통제"].text()
    assert [b.text() for b in view.sheet.actions.buttons] == ["업무 지시"]  # nobody is linked to a place
    view.sheet.actions.buttons[0].click()
    form = window.order_form
    assert window.centre.currentWidget() is form and form.title.fullText() == "업무 지시 · 강남역"
    assert form.toggles and {kind for kind, _name in form.toggles} == {"group"} and form.groups() == []  # whom: picked
    form.closed.emit()
    assert window.centre.currentWidget() is window.map
    view.sheet.close_button.click()
    assert window.domain_stack.currentWidget() is view.panel
    ask(qtbot, window.map, "placeTouch('강남역')")  # a touch on the hotspot on the map
    qtbot.waitUntil(lambda: window.domain_stack.currentWidget() is view.sheet, timeout=5000)
    district = view.hotspots["강남역"].district
    window.map.district_clicked.emit(district)  # its district, touched: this domain's figures for it
    qtbot.waitUntil(lambda: "강남역 · 인파 붐빔 · 정체 12 km/h" in ask(qtbot, window.map, "snapshot()")["info"],
                    timeout=5000)
    assert ask(qtbot, window.map, "snapshot()")["labels"][district] == "통제 1"


def test_a_crowd_that_eases_and_returns_alerts_again(qtbot, traffic, replay):
    app = traffic
    app.controller.alerts.acknowledge()
    replay.reply(200, citydata("보통", minutes_ago=3))
    fetch_now(qtbot, app, "hotspots")
    qtbot.waitUntil(lambda: not app.controller.last_snapshot.domains[DomainKey.TRAFFIC].crowded_since, timeout=5000)
    assert not app.window.alert_banner.isVisible()
    replay.reply(200, citydata("붐빔", minutes_ago=0))
    fetch_now(qtbot, app, "hotspots")
    qtbot.waitUntil(lambda: app.controller.alerts.chime.plays == 2, timeout=5000)


def test_an_outage_keeps_the_last_values(qtbot, traffic, replay):
    app, view = traffic, traffic.controller.views[DomainKey.TRAFFIC]
    replay.reply(500, "down")
    for _ in range(3):
        fetch_now(qtbot, app, "hotspots")
    qtbot.waitUntil(lambda: app.controller.last_snapshot.health["hotspots"].state in ("stale", "down"), timeout=8000)
    qtbot.waitUntil(lambda: view.panel.state_banner.isVisible(), timeout=5000)
    assert "마지막 값 표시" in view.panel.state_banner.text()
    assert view.panel.speed.text() == "12" and view.panel.rows[0].isVisible()
    assert len(ask(qtbot, app.window.map, "roads()")["lines"]) == 3


def test_the_optional_bike_and_subway_feeds_from_the_simulator(qtbot, tmp_path, wall):  # noqa: F811
    port = free_port()
    path = tmp_path / "config.toml"
    path.write_text(f"""
[cache]
path = "{tmp_path / 'cache.sqlite3'}"
[simulator]
port = {port}
scripted_outages = false
cameras = false
""", encoding="utf-8")
    text = path.read_text() + "".join(f"""
[[feeds]]
id = "{feed_id}"
kind = "{kind}"
interval_s = 3600
[feeds.options]
base_url = "http://127.0.0.1:{port}"
api_key = "SIMULATOR"
{extra}""" for feed_id, kind, extra in (("hotspots", "seoul_citydata", 'areas = ["강남역", "잠실종합운동장"]'),
                                         ("bikes", "seoul_bikes", ""), ("subway", "seoul_subway", 'stations = ["시청역"]')))
    path.write_text(text + '\n[panels]\nair = ""\n', encoding="utf-8")
    app = wall(path)
    qtbot.waitUntil(lambda: app.controller.last_snapshot is not None
                    and app.controller.last_snapshot.domains[DomainKey.TRAFFIC].bikes is not None
                    and app.controller.last_snapshot.domains[DomainKey.TRAFFIC].bikes.stations == 1500
                    and bool(app.controller.last_snapshot.domains[DomainKey.TRAFFIC].lines), timeout=20000)
    view = app.controller.views[DomainKey.TRAFFIC]
    assert view.panel.bikes.text().endswith("(전체 1,500곳)") and view.panel.subway.text().startswith("지하철 · 시청 ")
    assert {s.line for s in app.controller.last_snapshot.domains[DomainKey.TRAFFIC].lines} == {"1호선", "2호선"}
    view.open_hotspot("강남역")
    assert view.sheet.values["따릉이"].text().startswith("반경 500 m 대여소 ") and view.sheet.values["따릉이"].isVisible()


def test_its_links_for_all_of_seoul_on_the_map(qtbot, tmp_path, wall, replay):  # noqa: F811
    replay.reply_fixture("traffic/its_traffic.json")
    path = tmp_path / "config.toml"
    path.write_text(f"""
[cache]
path = "{tmp_path / 'cache.sqlite3'}"
[simulator]
enabled = false
[panels]
air = ""
[[feeds]]
id = "its_traffic"
kind = "its_traffic"
interval_s = 3600
[feeds.options]
base_url = "{replay.url}"
api_key = "K"
link_geometry = "{FIXTURES / 'traffic' / 'its_link_geometry.geojson'}"
""", encoding="utf-8")
    app = wall(path)
    assert app.controller.state.view.domain == DomainKey.TRAFFIC  # the only live domain: home
    qtbot.waitUntil(lambda: len(ask(qtbot, app.window.map, "roads()")["lines"]) == 3, timeout=15000)
    colours = sorted(line["colour"] for line in ask(qtbot, app.window.map, "roads()")["lines"])
    assert colours == sorted(theme.ROAD_COLOURS[level] for level in ("정체", "서행", "원활"))
