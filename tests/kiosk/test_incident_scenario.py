"""The simulated 재난안전 scenario, read through the real feeds from the simulator over loopback."""

from datetime import datetime, timedelta, timezone

import pytest
import requests

from feeds.city_incidents import CityIncidentOptions
from feeds.city_incidents import fetch as fetch_city
from feeds.errors import AuthError
from feeds.fire_stats import FireStatsOptions
from feeds.fire_stats import fetch as fetch_stats
from feeds.incidents import DisasterMessage, Incident, chain
from feeds.seoul_accidents import AccidentOptions
from feeds.seoul_accidents import fetch as fetch_acc
from feeds.seoul_citydata import CitydataOptions
from feeds.seoul_citydata import fetch as fetch_citydata
from kiosk.simulator import incidents as scenario
from kiosk.simulator.scenario import ScenarioClock
from kiosk.simulator.server import SimulatorServer

T = datetime(2026, 11, 24, 5, 10, tzinfo=timezone.utc)


@pytest.fixture
def sim_at():
    """A simulator frozen at a chosen scenario time."""
    servers = []

    def start(at):
        server = SimulatorServer(port=0, api_key="K", clock=ScenarioClock(speed=1e-9, start=at),
                                 scripted_outages=False).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def first_fire_after(at):
    return next(c for c in scenario.calls_between("fire", at, at + timedelta(hours=12)) if c.outcome == "ended")


def test_a_fire_moves_through_its_stages(sim_at):
    fire = first_fire_after(T)
    seen = []
    for minutes in (1, 7, 20, 45, 55):
        sim = sim_at(fire.start + timedelta(minutes=minutes))
        records = fetch_city(requests.Session(), CityIncidentOptions(base_url=sim.url), T).records
        (mine,) = [i for i in records if i.source_id == fire.id]
        seen.append((mine.stage, mine.closed))
        assert (mine.kind, mine.district, mine.dong, mine.agency) == (
            "fire", fire.spot.district, fire.spot.dong, scenario.fire_station(fire.spot.district))
    assert seen == [("출동지령", False), ("활동개시", False), ("초진", False), ("완진", False), ("상황종결", True)]
    assert [s.label for s in mine.stages] == list(chain("fire"))


def test_every_kind_appears_over_an_hour():
    kinds = {i["type"] for m in range(0, 60, 5)
             for i in scenario.dispatch_document(T + timedelta(minutes=m))["incidents"]}
    assert kinds == {"fire", "rescue", "ems"}


def test_road_incidents_in_accinfo_format_appear_and_clear(sim_at):
    sim = sim_at(T)
    records = fetch_acc(requests.Session(), AccidentOptions(base_url=sim.url, api_key="K"), T).records
    assert len(records) >= 3 and all(r.district and not r.outside_seoul for r in records)
    raw = scenario.accinfo_rows(T)
    assert all(150_000 < row["grs80tm_x"] < 230_000 and 430_000 < row["grs80tm_y"] < 470_000 for row in raw)
    later = {row["acc_id"] for row in scenario.accinfo_rows(T + timedelta(hours=8))}
    assert not later & {row["acc_id"] for row in raw}


def test_hotspots_carry_closures_and_a_disaster_message(sim_at):
    sim = sim_at(T)
    options = CitydataOptions(base_url=sim.url, api_key="K", areas=tuple(scenario.HOTSPOTS))
    records = fetch_citydata(requests.Session(), options, T).records
    assert any(isinstance(r, Incident) for r in records)
    assert any(isinstance(r, DisasterMessage) and r.region == "서울특별시 전체" for r in records)


def test_daily_fire_statistics_add_up_with_what_happened(sim_at):
    at = T + timedelta(hours=6)
    sim = sim_at(at)
    (stats,) = fetch_stats(requests.Session(), FireStatsOptions(base_url=sim.url + "/1661000/FireInformationService",
                                                                service_key="K"), at).records
    day_start = at.astimezone(scenario.SEOUL_TZ).replace(hour=0, minute=0, second=0, microsecond=0)
    fires = scenario.calls_between("fire", day_start, at)
    assert stats.received == len(fires) > 0
    assert stats.in_progress == sum(at < f.closes for f in fires)
    assert stats.received == stats.in_progress + stats.ended + stats.self_extinguished + stats.false_alarm


def test_fire_statistics_refuse_a_wrong_key(sim_at):
    sim = sim_at(T)
    with pytest.raises(AuthError):
        fetch_stats(requests.Session(), FireStatsOptions(base_url=sim.url + "/1661000/FireInformationService",
                                                         service_key="WRONG"), T)
