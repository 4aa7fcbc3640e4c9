"""상수도 feeds over loopback: supply volumes, the river stations in both namings, the city's tap-water
format; and the standards they are judged against."""

from datetime import datetime

import pytest
import requests

from feeds.errors import FormatError
from feeds.records import SEOUL_TZ
from feeds.seoul_water import RiverOptions, SupplyOptions, fetch_river, fetch_supply
from feeds.tap_water import TapWaterOptions
from feeds.tap_water import fetch as fetch_tap
from feeds.water import (RIVER_GRADES, TAP_LIMITS, RiverQuality, TapReading, measure_grade, river_grade,
                         tap_breaches)

NOW = datetime(2026, 11, 30, 11, 15, tzinfo=SEOUL_TZ)


def test_supply_rows_with_strings_commas_and_missing_values(replay):
    replay.reply_fixture("water/supply.json")
    result = fetch_supply(requests.Session(), SupplyOptions(base_url=replay.url, api_key="K", rows=300), NOW)
    by_key = {(s.site, s.measure, s.day.day): s.volume_m3 for s in result.records}
    assert len(result.records) == 7  # a row without a day or a site is dropped
    assert by_key[("암사", "취수", 20)] == 1074500.0 and by_key[("서부", "공급량", 20)] == 402117.0
    assert by_key[("남부", "공급량", 20)] is None  # "-": no value, never 0
    assert result.source_time == datetime(2026, 8, 20, tzinfo=SEOUL_TZ)
    assert replay.paths == ["/K/json/WoWcbsDayStatic/1/300"]  # only the newest rows, not the whole history


def test_river_legacy_naming_and_marker_values(replay):
    replay.reply_fixture("water/river_legacy.json")
    result = fetch_river(requests.Session(), RiverOptions(base_url=replay.url, api_key="K"), NOW)
    stations = {r.station: r for r in result.records}
    assert sorted(stations) == ["구의", "노량진", "선유"]  # the row without a station is dropped
    seonyu = stations["선유"]
    assert (seonyu.measured_at, seonyu.temp_c, seonyu.ph, seonyu.do_mg_l, seonyu.toc_mg_l, seonyu.tp_mg_l) == \
        (datetime(2026, 8, 20, 14, tzinfo=SEOUL_TZ), 27.1, 7.6, 4.1, 5.6, 0.121)
    assert (seonyu.lat, seonyu.lon) != (None, None)  # a known station has its place
    assert stations["노량진"] == RiverQuality("노량진", seonyu.measured_at, lat=stations["노량진"].lat,
                                              lon=stations["노량진"].lon)  # 점검중, "-", "" and null: no values
    assert replay.paths == ["/K/json/WPOSInformationTime/1/200"]


def test_river_current_naming_in_either_case(replay):
    replay.reply_fixture("water/river_current.json")
    result = fetch_river(requests.Session(), RiverOptions(base_url=replay.url, api_key="K"), NOW)
    tancheon, new = result.records
    assert (tancheon.station, tancheon.measured_at, tancheon.temp_c) == \
        ("탄천", datetime(2026, 11, 30, 13, tzinfo=SEOUL_TZ), 9.4)
    assert (new.station, new.temp_c, new.lat) == ("신설측정소", 8.9, None)  # an unknown station: no place, kept
    assert river_grade(tancheon) is None  # temperature alone is not graded


def test_river_renamed_fields_and_no_data(replay):
    replay.reply_fixture("water/river_renamed.json")
    with pytest.raises(FormatError, match="unknown field names"):
        fetch_river(requests.Session(), RiverOptions(base_url=replay.url, api_key="K"), NOW)
    replay.reply_fixture("water/empty.json")  # INFO-200: nothing, not an error
    assert fetch_river(requests.Session(), RiverOptions(base_url=replay.url, api_key="K"), NOW).records == ()


def test_tap_feed_reads_strings_markers_and_drops_what_it_cannot(replay):
    replay.reply_fixture("water/tap.json")
    result = fetch_tap(requests.Session(), TapWaterOptions(base_url=replay.url), NOW)
    readings = {r.point_id: r for r in result.records}
    assert sorted(readings) == ["TAP-001", "TAP-002", "TAP-003", "TAP-004"]
    assert result.source_time == datetime(2026, 11, 30, 11, 10, tzinfo=SEOUL_TZ)
    assert readings["TAP-002"].district == "중구"  # from its point, offline
    assert readings["TAP-002"].measured_at.tzinfo is not None  # no offset: Seoul time
    assert (readings["TAP-003"].chlorine_mg_l, readings["TAP-003"].turbidity_ntu, readings["TAP-003"].ph) == \
        (None, None, None)
    assert [limit.label for limit in tap_breaches(readings["TAP-001"])] == ["탁도"]
    assert [limit.label for limit in tap_breaches(readings["TAP-004"])] == ["잔류염소", "pH"]
    assert tap_breaches(readings["TAP-002"]) == () and tap_breaches(readings["TAP-003"]) == ()
    assert replay.paths == ["/water/tap.json"]


def test_tap_feed_that_is_not_one_is_a_format_error(replay):
    replay.reply(200, '{"incidents": []}')
    with pytest.raises(FormatError, match="not a tap-water feed"):
        fetch_tap(requests.Session(), TapWaterOptions(base_url=replay.url), NOW)


@pytest.mark.parametrize("field, value, breached", [
    ("turbidity_ntu", 0.5, False), ("turbidity_ntu", 0.51, True),  # 수돗물 0.5 NTU 이하
    ("chlorine_mg_l", 0.1, False), ("chlorine_mg_l", 0.09, True),  # 급수전 0.1 mg/L 이상
    ("chlorine_mg_l", 4.0, False), ("chlorine_mg_l", 4.1, True),  # 4.0 mg/L 이하
    ("ph", 5.8, False), ("ph", 5.7, True), ("ph", 8.5, False), ("ph", 8.6, True),
])
def test_drinking_water_limits_at_their_bounds(field, value, breached):
    reading = TapReading("T", NOW, **{field: value})
    assert bool(tap_breaches(reading)) is breached
    assert {limit.field for limit in TAP_LIMITS} == {"turbidity_ntu", "chlorine_mg_l", "ph"}


def test_river_grade_is_the_worst_measure():
    assert RIVER_GRADES[measure_grade("do_mg_l", 7.5)] == "Ia 매우 좋음"
    assert RIVER_GRADES[measure_grade("do_mg_l", 4.9)] == "IV 약간 나쁨"
    assert RIVER_GRADES[measure_grade("toc_mg_l", 5.0)] == "III 보통"
    assert RIVER_GRADES[measure_grade("tp_mg_l", 0.6)] == "VI 매우 나쁨"
    assert RIVER_GRADES[measure_grade("ph", 6.2)] == "IV 약간 나쁨"
    reading = RiverQuality("선유", NOW, do_mg_l=8.0, toc_mg_l=6.5, tp_mg_l=0.03, ph=7.5)
    assert RIVER_GRADES[river_grade(reading)] == "V 나쁨"  # TOC 6.5 (over 6, at most 8) decides
