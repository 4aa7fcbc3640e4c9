"""The simulator's 시민생활 side, through the real feeds over loopback: a tap-water breach that comes and
clears, volumes and river quality with their rhythms, a survey asked month by month, keywords that
follow the season and a fire, 120 calls up to the last full hour."""

import re
from datetime import datetime, timedelta

import pytest
import requests

from feeds.calls_120 import CallOptions
from feeds.calls_120 import fetch as fetch_calls
from feeds.complaints import RISING, ComplaintOptions
from feeds.complaints import fetch as fetch_keywords
from feeds.errors import AuthError
from feeds.kstartup import KStartupOptions
from feeds.kstartup import fetch as fetch_programmes
from feeds.records import SEOUL_TZ
from feeds.rss import RssOptions
from feeds.rss import fetch as fetch_news
from feeds.seoul_prices import PriceOptions
from feeds.seoul_prices import fetch as fetch_prices
from feeds.seoul_water import RiverOptions, SupplyOptions, fetch_river, fetch_supply
from feeds.tap_water import TapWaterOptions
from feeds.tap_water import fetch as fetch_tap
from feeds.water import tap_breaches
from kiosk.simulator import incidents, startups, voices
from kiosk.simulator.sample_projects import SAMPLES
from kiosk.simulator.scenario import ScenarioClock
from kiosk.simulator.server import SimulatorServer

DAY = datetime(2026, 11, 30, tzinfo=SEOUL_TZ)  # a Monday


@pytest.fixture
def at_time():
    """A simulator whose scenario starts at a given Seoul time."""
    servers = []

    def start(when):
        server = SimulatorServer(port=0, api_key="K", clock=ScenarioClock(start=when), scripted_outages=False).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def breaching(at_time, when):
    readings = fetch_tap(requests.Session(), TapWaterOptions(base_url=at_time(when).url), when).records
    assert len(readings) == 60 and all(r.district for r in readings)
    return [r.point_id for r in readings if tap_breaches(r)]


def test_one_tap_sensor_breaches_for_an_hour_a_day_and_clears(at_time):
    today = breaching(at_time, DAY + timedelta(hours=11))
    assert len(today) == 1 and breaching(at_time, DAY + timedelta(hours=11.9)) == today
    assert breaching(at_time, DAY + timedelta(hours=10)) == [] == breaching(at_time, DAY + timedelta(hours=12))
    tomorrow = breaching(at_time, DAY + timedelta(days=1, hours=11))
    assert len(tomorrow) == 1 and tomorrow != today  # another sensor each day


def test_supply_has_a_weekly_rhythm_and_the_river_a_shower(at_time):
    server = at_time(DAY + timedelta(hours=15))
    options = SupplyOptions(base_url=server.url, api_key="K", rows=5000)
    supplied = {}
    for record in fetch_supply(requests.Session(), options, DAY).records:
        if record.measure == "공급량":
            supplied[record.day] = supplied.get(record.day, 0) + record.volume_m3
    weekdays = [v for d, v in supplied.items() if d.weekday() < 5]
    weekends = [v for d, v in supplied.items() if d.weekday() >= 5]
    assert max(supplied) == DAY - timedelta(days=1) and sum(weekends) / len(weekends) < sum(weekdays) / len(weekdays)
    river = fetch_river(requests.Session(), RiverOptions(base_url=server.url, api_key="K", rows=500), DAY).records
    seonyu = {r.measured_at.hour: r for r in river if r.station == "선유"}
    assert seonyu[17].toc_mg_l > seonyu[12].toc_mg_l and seonyu[17].do_mg_l < seonyu[12].do_mg_l  # the shower


def test_the_survey_is_asked_month_by_month(at_time):
    when = DAY + timedelta(hours=10)
    server = at_time(when)
    quotes = fetch_prices(requests.Session(), PriceOptions(base_url=server.url, api_key="K", months=3), when).records
    assert {q.month for q in quotes} == {"2026-11", "2026-10", "2026-09"}
    assert {q.market_type for q in quotes} == {"전통시장", "대형마트"} and len({q.district for q in quotes}) == 25
    cabbage = {q.month: q.price_won for q in quotes if q.item == "배추" and q.market == "종로구 중앙시장" and q.day.day == 11}
    assert cabbage["2026-09"] > cabbage["2026-11"] * 1.2  # the autumn spike has passed


def test_keywords_follow_the_season_and_a_fire(at_time):
    fire = incidents.calls_between("fire", DAY, DAY + timedelta(days=1))[0]
    when = fire.start + timedelta(minutes=70)
    server = at_time(when)
    options = ComplaintOptions(base_url=f"{server.url}{voices.PATH}", service_key="K")
    keywords = fetch_keywords(requests.Session(), options, when).records
    assert "화재" in {k.keyword for k in keywords if k.kind == RISING}
    assert {k.keyword for k in keywords} & {"난방", "동파", "제설", "한파", "빙판길"}  # winter
    with pytest.raises(AuthError):
        fetch_keywords(requests.Session(), ComplaintOptions(base_url=f"{server.url}{voices.PATH}", service_key="X"), when)


def test_calls_cover_the_week_and_today_up_to_the_last_full_hour(at_time):
    when = DAY + timedelta(hours=10, minutes=20)
    server = at_time(when)
    volumes = fetch_calls(requests.Session(), CallOptions(base_url=server.url), when).records
    today = [v for v in volumes if v.day == DAY]
    assert {v.hour for v in today} == set(range(10)) and len({v.day for v in volumes}) == voices.CALL_DAYS
    by_day = {}
    for v in volumes:
        by_day[v.day] = by_day.get(v.day, 0) + v.calls
    assert by_day[DAY - timedelta(days=2)] < by_day[DAY - timedelta(days=3)]  # Saturday quieter than Friday


def test_press_releases_by_day_that_name_the_sample_projects(at_time):
    server = at_time(DAY.replace(hour=14, minute=20))
    result = fetch_news(requests.Session(), RssOptions(base_url=f"{server.url}/rss/news.xml"), None)
    items = result.records
    assert items[0].published_at == DAY.replace(hour=12) and items[0].edition == "석간"
    assert all(i.published_at.hour >= 6 for i in items) and len({i.item_id for i in items}) == len(items)
    names = {s.name for s in SAMPLES} | {s.keywords[0] for s in SAMPLES}  # as the generator wrote them
    about = [i for i in items if any(n in i.title for n in names)]
    assert len(about) >= len(items) // 2
    assert not re.search(r"&\w+;", "".join(i.title for i in items))  # the entities decoded ("R&D" stays)


def test_kstartup_programmes_open_and_close_by_day_in_json_and_xml(at_time):
    server = at_time(DAY.replace(hour=9))
    options = KStartupOptions(base_url=f"{server.url}/B552735/kisedKstartupService01", service_key="K", per_page=7)
    found = fetch_programmes(requests.Session(), options, None).records
    assert found and all(p.region in ("서울", "전국") and p.closes >= DAY for p in found)
    assert len({p.programme_id for p in found}) == len(found)
    status, kind, xml = startups.respond_kstartup("serviceKey=K&page=1&perPage=5", "K", DAY)
    assert (status, kind) == (200, "application/xml") and xml.count("<item>") == 5 and '<col name="supt_regin">' in xml
    with pytest.raises(AuthError):
        fetch_programmes(requests.Session(), KStartupOptions(base_url=options.base_url, service_key="X"), None)
    later = fetch_programmes(requests.Session(), options, None).records  # the same day: the same programmes
    assert later == found
