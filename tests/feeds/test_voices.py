"""시민의견 feeds over loopback: the complaint keywords (gateway envelope, bare returnObject, one item,
none, a refused key, items of other regions) and the city's 120 format (URL or file, bad entries)."""

from datetime import datetime, timedelta

import pytest
import requests

from feeds.calls_120 import CallOptions, CallVolume
from feeds.calls_120 import fetch as fetch_calls
from feeds.complaints import RISING, TOP, ComplaintOptions, quota_warnings
from feeds.complaints import fetch as fetch_keywords
from feeds.errors import AuthError, FormatError, UnavailableError
from feeds.records import SEOUL_TZ
from kiosk.app.domains.voices import compare_calls
from tests.conftest import FIXTURES

NOW = datetime(2026, 11, 30, 10, 20, tzinfo=SEOUL_TZ)


def routed(replay, top, rising):
    """Answer the top-keyword call with one fixture and every rising-keyword call with another."""
    replay.reply(200, b"")
    replay.body = lambda path: (FIXTURES / "voices" / (top if "minTopNKeyword5" in path else rising)).read_bytes()


def keywords(replay, **options):
    return fetch_keywords(requests.Session(), ComplaintOptions(base_url=replay.url, service_key="K/+=", **options), NOW)


def test_top_and_rising_keywords_in_both_envelopes(replay):
    routed(replay, "top_return_object.json", "rising.json")
    result = keywords(replay)
    top = [k for k in result.records if k.kind == TOP]
    rising = [k for k in result.records if k.kind == RISING]
    assert [(k.keyword, k.count) for k in top] == [("난방", 1204), ("<b>불법주정차</b>", 987), ("층간소음", 655)]
    assert top[0].analysed_at == datetime(2026, 11, 30, tzinfo=SEOUL_TZ)
    assert [(k.keyword, k.rank, k.count, k.previous) for k in rising] == [("제설", 1, 412, 160), ("동파", 2, 96, None)]
    assert round(rising[0].change_pct) == 158  # from df and prevDf
    assert rising[1].change_pct == 180.0  # without prevDf: the service's ratio
    assert rising[0].analysed_at == datetime(2026, 11, 30, 9, tzinfo=SEOUL_TZ)  # the last full hour
    assert result.source_time == rising[0].analysed_at
    top_path, rising_path = replay.paths
    assert "serviceKey=K%2F%2B%3D&" in top_path and "dateFrom=20261130&dateTo=20261130&resultCount=10" in top_path
    assert "analysisTime=2026113009&maxResult=10&mainSubCode=6110000&target=pttn%2Cdfpt%2Csaeol" in rising_path


def test_an_hour_not_analysed_yet_looks_further_back(replay):
    replay.reply(200, b"")
    replay.body = lambda path: (FIXTURES / "voices" / ("single_item.json" if "analysisTime=2026113007" in path
                                                       else "empty.json")).read_bytes()
    result = keywords(replay, hours_back=4, agency_code="")
    assert [(k.kind, k.keyword, k.analysed_at.hour) for k in result.records] == [(RISING, "한파", 7)]
    assert len(replay.paths) == 4 and "mainSubCode" not in replay.paths[1]  # top, 09, 08, 07; nationwide


def test_check_config_warns_when_a_day_of_polls_could_outrun_the_quota():
    options = ComplaintOptions(service_key="K")  # 1 + 3 calls a poll, 100 a day
    assert quota_warnings(options, 3600) == []  # 96
    assert "up to 192 requests a day" in quota_warnings(options, 1800)[0]
    assert quota_warnings(options.model_copy(update={"daily_quota": None}), 60) == []


def test_a_refused_key_is_an_auth_error(replay):
    replay.reply_fixture("voices/bad_key.xml")
    with pytest.raises(AuthError, match="SERVICE_KEY_IS_NOT_REGISTERED_ERROR"):
        keywords(replay)


def test_calls_from_a_url_with_bad_entries_dropped(replay):
    replay.reply_fixture("voices/calls.json")
    result = fetch_calls(requests.Session(), CallOptions(base_url=replay.url, token="T"), NOW)
    assert sorted((v.day.day, v.hour, v.category, v.calls) for v in result.records) == [
        (23, 9, "교통", 100), (23, 9, "수도", 20), (23, 10, "교통", 300), (30, 9, "교통", 130), (30, 9, "수도", 60)]
    assert result.source_time == datetime(2026, 11, 30, 10, 5, tzinfo=SEOUL_TZ)
    assert replay.paths == ["/calls120/days.json"] and replay.request_headers[0]["Authorization"] == "Bearer T"


def test_calls_from_a_file_and_its_faults(tmp_path):
    path = tmp_path / "calls120.json"
    path.write_bytes((FIXTURES / "voices" / "calls.json").read_bytes())
    result = fetch_calls(requests.Session(), CallOptions(file=str(path)), NOW)
    assert len(result.records) == 5
    with pytest.raises(UnavailableError, match="cannot read"):
        fetch_calls(requests.Session(), CallOptions(file=str(tmp_path / "missing.json")), NOW)
    path.write_text('{"incidents": []}')
    with pytest.raises(FormatError, match="not a 120 call feed"):
        fetch_calls(requests.Session(), CallOptions(file=str(path)), NOW)
    path.write_bytes(b" " * (2 * 2**20))
    with pytest.raises(FormatError, match="larger than"):
        fetch_calls(requests.Session(), CallOptions(file=str(path), max_reply_mb=1), NOW)


def test_today_against_the_usual_day_up_to_the_same_hour():
    today = datetime(2026, 11, 30, tzinfo=SEOUL_TZ)  # a Monday
    volumes = [(today, 9, "교통", 130), (today, 9, "수도", 60)]
    for back, traffic in ((7, 100), (1, 90), (2, 500)):  # Monday and Sunday and Saturday before
        day = today - timedelta(days=back)
        volumes += [(day, 9, "교통", traffic), (day, 10, "교통", 1000), (day, 9, "수도", 20)]
    categories, hourly, usual_days = compare_calls(volumes, today)
    assert usual_days == 1  # weekdays only: the Monday before (the weekend is another kind of day)
    assert [(c.category, c.today, c.usual) for c in categories] == [("교통", 130, 100.0), ("수도", 60, 20.0)]
    assert round(categories[1].change_pct) == 200
    assert hourly[9][1:] == (190.0, 120.0) and hourly[10] == (today + timedelta(hours=10), None, 1000.0)
    assert compare_calls([(today, 9, "교통", 5)], today)[0][0].usual is None  # no history yet


def test_records_are_counts_only():
    assert {f for f in CallVolume.__dataclass_fields__} == {"day", "hour", "category", "calls"}
