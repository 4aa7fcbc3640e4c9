"""The two optional 교통상황 extras: 따릉이 stations (paged, its own top key) and subway arrivals
(its own error envelope), over loopback."""

import json
from datetime import datetime

import pytest
import requests

from feeds.bikes import BikeOptions
from feeds.bikes import fetch as fetch_bikes
from feeds.errors import AuthError, QuotaError
from feeds.records import SEOUL_TZ
from feeds.subway import SubwayOptions
from feeds.subway import fetch as fetch_subway
from tests.conftest import FIXTURES

NOW = datetime(2026, 11, 24, 19, 55, tzinfo=SEOUL_TZ)


def test_bike_stations_with_strings_numbers_and_bad_rows(replay):
    replay.reply_fixture("traffic/bikes.json")
    result = fetch_bikes(requests.Session(), BikeOptions(base_url=replay.url, api_key="K"), NOW)
    stations = {s.station_id: s for s in result.records}
    assert sorted(stations) == ["ST-4", "ST-5", "ST-6"]  # no position: dropped
    assert stations["ST-4"].empty and not stations["ST-4"].full
    assert stations["ST-5"].full and (stations["ST-5"].bikes, stations["ST-5"].racks) == (14, 10)
    assert stations["ST-6"].racks == 12  # no rack count: worked out from the fill (6 bikes, 50 %)
    assert replay.paths == ["/K/json/bikeList/1/1000"]


def test_bike_stations_are_paged_a_thousand_at_a_time(replay):
    def page(path):
        start = int(path.split("/")[4])
        count = max(0, min(1000, 2700 - start + 1))
        rows = [{"stationId": f"ST-{start + n}", "stationName": f"{start + n}. 대여소", "rackTotCnt": "10",
                 "parkingBikeTotCnt": "3", "stationLatitude": "37.55", "stationLongitude": "126.91"}
                for n in range(count)]
        return json.dumps({"rentBikeStatus": {"list_total_count": count,  # the page's count, not the whole
                                              "RESULT": {"CODE": "INFO-000"},
                                              "row": rows}}).encode()
    replay.body = page
    result = fetch_bikes(requests.Session(), BikeOptions(base_url=replay.url, api_key="K"), NOW)
    assert len(result.records) == 2700
    assert replay.paths == ["/K/json/bikeList/1/1000", "/K/json/bikeList/1001/2000", "/K/json/bikeList/2001/3000"]


def subway(replay, name, stations=("시청역",)):
    replay.reply_fixture(f"traffic/{name}")
    options = SubwayOptions(base_url=replay.url, api_key="K", stations=stations)
    return fetch_subway(requests.Session(), options, NOW)


def test_subway_lines_and_the_disruption_flag(replay):
    result = subway(replay, "subway.json")
    lines = {s.line: s for s in result.records}
    assert sorted(lines) == ["1호선", "2호선"]
    assert lines["2호선"].disrupted and lines["2호선"].trains == 2 and lines["2호선"].next_message == "전역 도착"
    assert not lines["1호선"].disrupted and lines["1호선"].station == "시청"
    assert lines["1호선"].next_message == "3분 후 (서울역)"
    assert result.source_time == datetime(2026, 11, 24, 19, 51, tzinfo=SEOUL_TZ)
    assert replay.paths == ["/api/subway/K/json/realtimeStationArrival/0/20/%EC%8B%9C%EC%B2%AD"]  # "역" dropped


def test_subway_envelopes_no_data_bad_key_and_quota(replay):
    assert subway(replay, "subway_none.json").records == ()  # INFO-200 at the top: no trains listed
    with pytest.raises(AuthError):
        subway(replay, "subway_bad_key.json")
    replay.reply(200, json.dumps({"errorMessage": {"status": 500, "code": "ERROR-337", "message": "초과"}}))
    with pytest.raises(QuotaError):
        fetch_subway(requests.Session(), SubwayOptions(base_url=replay.url, api_key="K", stations=("강남",)), NOW)
    assert (FIXTURES / "traffic" / "subway_none.json").exists()
