"""citydata's roads, crowds and weather warnings: JSON and XML, numbers as strings or numbers, null sections."""

from datetime import datetime, timedelta, timezone

import pytest
import requests

from feeds.errors import QuotaError
from feeds.incidents import Stage
from feeds.records import SEOUL_TZ
from feeds.seoul_citydata import CitydataOptions, fetch, quota_warnings
from feeds.seoul_open_data import check_result, seconds_to_quota_reset
from feeds.traffic import HotspotStatus, RoadLink, WeatherWarning
from kiosk.retry import retry_delay

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


def test_places_are_spread_over_the_interval_and_the_daily_quota_is_kept(replay):
    replay.reply_fixture("traffic/citydata.json")
    options = CitydataOptions(base_url=replay.url, api_key="K", areas=("강남역", "명동", "홍대"), daily_quota=4)
    session = requests.Session()
    first = fetch(session, options, NOW)
    assert len(replay.paths) == 3  # a cold start asks every place
    later = fetch(session, options, NOW + timedelta(minutes=2))
    assert len(replay.paths) == 4 and replay.paths[-1] == replay.paths[0]  # then the place asked longest ago
    assert len([r for r in later.records if isinstance(r, HotspotStatus)]) == len(
        [r for r in first.records if isinstance(r, HotspotStatus)])  # every place, from its latest reply
    with pytest.raises(QuotaError) as refused:
        fetch(session, options, NOW + timedelta(minutes=4))
    assert len(replay.paths) == 4  # nothing asked past the quota
    assert refused.value.retry_after_s == 4 * 3600 + 60 + 60  # 19:59 -> midnight in Seoul, and a minute
    fetch(session, options, NOW.replace(day=25, hour=0, minute=1))
    assert len(replay.paths) == 5  # a new day, a new quota


def test_check_config_warns_when_the_places_outrun_the_quota():
    options = CitydataOptions(base_url="http://x", api_key="K", areas=tuple(f"p{n}" for n in range(6)), daily_quota=1000)
    assert quota_warnings(options, 300) and "at least 518" in quota_warnings(options, 300)[0]
    assert quota_warnings(options, 600) == []


def test_error_337_pauses_the_feed_until_midnight_in_seoul():
    with pytest.raises(QuotaError) as used_up:
        check_result("ERROR-337", "일별 트래픽 제한을 넘은 호출입니다.")
    assert 60 < used_up.value.retry_after_s <= 86400 + 60  # not the hour it used to be, unless midnight is near
    assert retry_delay(300, "quota", 1, used_up.value.retry_after_s) == used_up.value.retry_after_s
    assert seconds_to_quota_reset(datetime(2026, 11, 24, 23, 0, tzinfo=SEOUL_TZ)) == 3600 + 60
    assert seconds_to_quota_reset(datetime(2026, 11, 24, 15, 0, tzinfo=timezone.utc)) == 86400 + 60  # 00:00 KST
