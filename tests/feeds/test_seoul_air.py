"""RealtimeCityAir: both schemas, missing values, bad rows — fetched over loopback."""

from datetime import datetime

import pytest
import requests

from feeds.errors import AuthError, FormatError
from feeds.records import SEOUL_TZ, AirReading, air_summary, pm_grade
from feeds.seoul_air import AirOptions, fetch, grade
from feeds.values import number, parse_time

NOW = datetime(2026, 8, 18, 22, 5, tzinfo=SEOUL_TZ)


def fetch_fixture(replay, name):
    replay.reply_fixture(f"seoul_air/{name}")
    return fetch(requests.Session(), AirOptions(base_url=replay.url, api_key="K"), NOW)


def test_legacy_schema(replay):
    result = fetch_fixture(replay, "legacy.json")
    assert result.records[0] == AirReading(
        station="중구", measured_at=datetime(2021, 5, 11, 15, tzinfo=SEOUL_TZ), region="도심권", pm10=25.0,
        pm25=9.0, o3=0.048, no2=0.022, co=0.4, so2=0.001, cai=66.0, grade="보통", main_pollutant="O3")
    assert result.source_time == datetime(2021, 5, 11, 15, tzinfo=SEOUL_TZ)
    assert replay.paths == ["/K/json/RealtimeCityAir/1/1000"]


def test_current_schema_with_numbers_as_strings(replay):
    result = fetch_fixture(replay, "current.json")
    gangseo = result.records[1]
    assert (gangseo.station, gangseo.region, gangseo.pm10, gangseo.pm25, gangseo.cai, gangseo.grade) == \
        ("강서구", "서남권", 88.0, 41.0, 128.0, "나쁨")
    assert result.records[0].main_pollutant == "PM-2.5"


def test_xml_lowercase_and_single_row(replay):
    assert fetch_fixture(replay, "single_row.json").records[0].station == "송파구"
    replay.reply_fixture("seoul_air/lowercase.xml")
    result = fetch(requests.Session(), AirOptions(base_url=replay.url, api_key="K"), NOW)
    assert (result.records[0].station, result.records[0].pm10) == ("마포구", 44.0)


def test_missing_values_are_none_never_zero(replay):
    records = {r.station: r for r in fetch_fixture(replay, "missing_values.json").records}
    for station in ("중구", "종로구", "용산구"):
        assert (records[station].pm10, records[station].pm25, records[station].grade) == (None, None, None)
    assert records["중구"].cai is None
    assert records["마포구"].pm10 == 0.0  # a real zero stays a zero


def test_non_finite_numbers_are_no_value(replay):
    jung, jongno = fetch_fixture(replay, "non_finite.json").records
    assert (jung.pm10, jung.pm25, jung.o3, jung.no2, jung.co, jung.so2, jung.cai) == (None,) * 7
    assert jung.grade is None and pm_grade(jung.pm10, jung.pm25) is None
    assert jongno.pm10 == 20.0


def test_empty_reply_gives_no_records(replay):
    result = fetch_fixture(replay, "empty_info200.json")
    assert result.records == () and result.source_time is None


def test_bad_key_is_an_auth_error(replay):
    with pytest.raises(AuthError):
        fetch_fixture(replay, "auth_info100.xml")


def test_renamed_fields_are_reported_not_silently_empty(replay):
    with pytest.raises(FormatError, match="unknown field names.*STATION"):
        fetch_fixture(replay, "renamed_fields.json")


@pytest.mark.parametrize("value, expected", [
    (25, 25.0), ("25.5", 25.5), (" 7 ", 7.0), (0, 0.0), (-9, None), ("-9.0", None), ("", None),
    (None, None), ("점검중", None), ("-", None), (True, None), (float("nan"), None),
    ("1e400", None), (float("inf"), None), ("Infinity", None),
])
def test_number(value, expected):
    assert number(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("202608182200", datetime(2026, 8, 18, 22, tzinfo=SEOUL_TZ)),
    ("2026-08-18 22:00", datetime(2026, 8, 18, 22, tzinfo=SEOUL_TZ)),
    ("2026081822", datetime(2026, 8, 18, 22, tzinfo=SEOUL_TZ)),
    ("202608182400", datetime(2026, 8, 19, 0, tzinfo=SEOUL_TZ)),
    ("20260818", None), ("202613012200", None), ("", None), (None, None), ("202608182561", None),
])
def test_parse_time(value, expected):
    assert parse_time(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("좋음", "좋음"), ("매우 나쁨", "매우나쁨"), ("점검중", None), ("", None), (None, None), ("bad", None)])
def test_grade(value, expected):
    assert grade(value) == expected


@pytest.mark.parametrize("pm10, pm25, expected", [
    (30, 15, "좋음"), (31, None, "보통"), (None, 36, "나쁨"), (80, 35, "보통"), (151, 10, "매우나쁨"),
    (10, 76, "매우나쁨"), (None, None, None)])
def test_pm_grade_takes_the_worse(pm10, pm25, expected):
    assert pm_grade(pm10, pm25) == expected


def test_air_summary_ignores_missing_values():
    at = datetime(2026, 8, 18, 22, tzinfo=SEOUL_TZ)
    summary = air_summary((AirReading("중구", at, pm10=40.0, pm25=20.0), AirReading("종로구", at, pm10=None),
                           AirReading("용산구", at, pm10=60.0, pm25=None)))
    assert (summary.pm10, summary.pm25, summary.grade, summary.stations) == (50.0, 20.0, "보통", 2)
    assert air_summary(()).grade is None
