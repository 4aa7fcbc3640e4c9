"""The simulator answers like openapi.seoul.go.kr, including its errors and injected faults."""

from datetime import datetime, timedelta, timezone

import pytest
import requests

from feeds.districts import DISTRICTS
from feeds.errors import AuthError, FormatError, QuotaError, UnavailableError
from feeds.its_cctv import ItsCctvOptions
from feeds.its_cctv import fetch as fetch_cameras
from feeds.seoul_air import AirOptions, fetch
from feeds.seoul_open_data import parse_reply
from kiosk.simulator.scenario import ScenarioClock, air_rows, scripted_fault

NOW = datetime(2026, 11, 24, 5, 10, tzinfo=timezone.utc)


def get(sim, path):
    return requests.get(sim.url + path, timeout=5)


def test_all_25_stations_in_the_current_format(simulator):
    result = fetch(requests.Session(), AirOptions(base_url=simulator.url, api_key="TESTKEY"), NOW)
    assert sorted(r.station for r in result.records) == sorted(DISTRICTS)
    assert all(r.measured_at.minute == 0 for r in result.records)


def test_paging_and_request_errors(simulator):
    assert len(parse_reply(get(simulator, "/TESTKEY/json/RealtimeCityAir/1/5").content, "RealtimeCityAir").rows) == 5
    assert parse_reply(get(simulator, "/TESTKEY/json/RealtimeCityAir/26/30").content, "RealtimeCityAir").rows == ()
    for path, code in (("/TESTKEY/json/RealtimeCityAir/5/1", "ERROR-334"), ("/TESTKEY/json/RealtimeCityAir/1/1001", "ERROR-336"),
                       ("/TESTKEY/json/RealtimeCityAir/a/b", "ERROR-333"), ("/TESTKEY/json/Nope/1/5", "ERROR-310")):
        with pytest.raises(FormatError) as info:
            parse_reply(get(simulator, path).content, "RealtimeCityAir")
        assert info.value.code == code


def test_xml_format(simulator):
    reply = get(simulator, "/TESTKEY/xml/RealtimeCityAir/1/25")
    assert reply.text.startswith("<?xml")
    assert len(parse_reply(reply.content, "RealtimeCityAir").rows) == 25


def test_a_wrong_key_gets_info_100_as_xml_even_for_json(simulator):
    reply = get(simulator, "/WRONG/json/RealtimeCityAir/1/5")
    assert reply.status_code == 200 and "<CODE>INFO-100</CODE>" in reply.text


@pytest.mark.parametrize("fault, error", [
    ("unavailable", UnavailableError), ("quota", QuotaError), ("bad_key", AuthError),
    ("malformed", FormatError), ("server_error", UnavailableError)])
def test_injected_faults(simulator, fault, error):
    assert requests.post(f"{simulator.url}/_sim/fault/{fault}", timeout=5).status_code == 200
    with pytest.raises(error):
        fetch(requests.Session(), AirOptions(base_url=simulator.url, api_key="TESTKEY"), NOW)
    requests.post(f"{simulator.url}/_sim/fault/none", timeout=5)
    assert len(fetch(requests.Session(), AirOptions(base_url=simulator.url, api_key="TESTKEY"), NOW).records) == 25


def test_a_hanging_server_is_released_on_stop(simulator):
    simulator.set_fault("hang")
    with pytest.raises(UnavailableError, match="no complete answer"):
        fetch(requests.Session(), AirOptions(base_url=simulator.url, api_key="TESTKEY", timeout_s=0.3), NOW)


def test_unknown_fault_is_refused(simulator):
    assert requests.post(f"{simulator.url}/_sim/fault/meteor", timeout=5).status_code == 400


def test_scenario_is_deterministic_and_moves_with_the_hour():
    assert air_rows(NOW) == air_rows(NOW.replace(minute=50))
    later = air_rows(NOW.replace(hour=9))
    assert [r.get("PM") for r in later] != [r.get("PM") for r in air_rows(NOW)]
    start = NOW.replace(day=1, hour=0)
    grades = {r["CAI_GRD"] for h in range(0, 72, 3) for r in air_rows(start + timedelta(hours=h))}
    assert {"좋음", "보통", "나쁨"} <= grades  # the map shows more than one colour over days


def test_one_station_is_under_maintenance_some_hours():
    hours = [NOW.replace(hour=h, day=d) for d in (1, 2) for h in range(24)]
    assert any(row["CAI_GRD"] == "점검중" and row["PM"] is None for at in hours for row in air_rows(at))


def test_scripted_outage_and_scenario_clock():
    assert scripted_fault(NOW.replace(minute=41)) == "unavailable"
    assert scripted_fault(NOW.replace(minute=10)) is None
    ticks = iter([100.0, 100.0, 110.0])
    clock = ScenarioClock(speed=60, start=NOW, monotonic=lambda: next(ticks))
    assert clock.now() == NOW
    assert (clock.now() - NOW).total_seconds() == 600


def test_the_its_camera_list_points_at_the_simulated_cameras_with_expiring_tokens(simulator):
    options = ItsCctvOptions(base_url=simulator.url, api_key="TESTKEY")
    cameras = fetch_cameras(requests.Session(), options, NOW).records
    assert [c.name for c in cameras] == ["[올림픽대로] 반포대교", "[강변북로] 한남대교북단", "[동부간선도로] 군자교"]
    assert cameras[0].url.startswith("rtsp://127.0.0.1:18554/its-banpo?wmsAuthSign=sim")
    assert {c.district for c in cameras} == {"서초구", "용산구", "광진구"}
    with pytest.raises(AuthError, match="4005"):
        fetch_cameras(requests.Session(), ItsCctvOptions(base_url=simulator.url, api_key="WRONG"), NOW)
