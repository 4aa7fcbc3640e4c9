"""citydata's roads, crowds and weather warnings: JSON and XML, numbers as strings or numbers, null sections."""

from datetime import datetime

import requests

from feeds.incidents import Stage
from feeds.records import SEOUL_TZ
from feeds.seoul_citydata import CitydataOptions, fetch
from feeds.traffic import HotspotStatus, RoadLink, WeatherWarning

NOW = datetime(2026, 11, 24, 19, 55, tzinfo=SEOUL_TZ)


def seoul(h, m):
    return datetime(2026, 11, 24, h, m, tzinfo=SEOUL_TZ)


def records(replay, name, area="강남역"):
    replay.reply_fixture(f"traffic/{name}")
    result = fetch(requests.Session(), CitydataOptions(base_url=replay.url, api_key="K", areas=(area,)), NOW)
    by_type = {}
    for record in result.records:
        by_type.setdefault(type(record), []).append(record)
    return result, by_type


def test_roads_crowd_forecast_and_warnings_from_json(replay):
    result, found = records(replay, "citydata.json")
    [spot] = found[HotspotStatus]
    assert (spot.area, spot.area_code, spot.measured_at) == ("강남역", "POI014", seoul(19, 50))
    assert (spot.road_level, spot.road_speed, spot.crowd_level) == ("정체", 12.0, "붐빔") and spot.crowded
    assert (spot.people_min, spot.people_max) == (36000, 38000)  # "36000" and 38000 alike
    assert spot.forecast == (Stage("붐빔", seoul(20, 0)), Stage("약간 붐빔", seoul(21, 0)))
    assert 37.49 < spot.lat < 37.51 and 127.02 < spot.lon < 127.04  # the centre of its links
    links = {link.link_id: link for link in found[RoadLink]}
    assert sorted(links) == ["1220003800", "1220003900", "1220004000"]  # no XYLIST, bad XYLIST: dropped
    assert links["1220003800"].coordinates()[0] == (37.4979, 127.0276) and len(links["1220003800"].coordinates()) == 3
    assert (links["1220003900"].speed, links["1220003900"].level) == (17.5, "서행")
    assert links["1220004000"].road_name == "<img src=x onerror=alert(1)>"  # kept as text; the page shows text
    warnings = {w.kind: w for w in found[WeatherWarning]}
    assert warnings["한파"].title == "한파 경보" and not warnings["한파"].cancelled
    assert warnings["한파"].announced_at == seoul(18, 0) and warnings["대설"].cancelled
    assert result.source_time == seoul(19, 50)


def test_xml_doubly_nested_lists(replay):
    _result, found = records(replay, "citydata.xml")
    [spot] = found[HotspotStatus]
    assert (spot.road_level, spot.road_speed, spot.crowd_level) == ("서행", 21.0, "약간 붐빔")
    assert spot.forecast == (Stage("붐빔", seoul(20, 0)),)
    assert sorted(link.road_name for link in found[RoadLink]) == ["강남대로", "테헤란로"]
    assert [w.title for w in found[WeatherWarning]] == ["한파 주의보"]


def test_null_sections_and_no_area_average(replay):
    _result, found = records(replay, "citydata_nulls.json", area="서울숲공원")
    [spot] = found[HotspotStatus]
    assert spot.road_level is None and spot.road_speed == 28.0  # the links' mean
    assert spot.crowd_level is None and spot.measured_at == NOW and spot.forecast == ()
    assert WeatherWarning not in found and len(found[RoadLink]) == 1
