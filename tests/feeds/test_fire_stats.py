"""소방청 daily fire statistics via data.go.kr: both shapes, no data yet, gateway errors."""

from datetime import datetime

import pytest
import requests

from feeds.errors import AuthError, FormatError, QuotaError
from feeds.fire_stats import FireStatsOptions, fetch
from feeds.incidents import FireStats
from feeds.records import SEOUL_TZ
from tests.conftest import FIXTURES

NOW = datetime(2026, 11, 24, 10, 16, tzinfo=SEOUL_TZ)
SEOUL_TODAY = FireStats(day="2026-11-24", sido="서울특별시", received=9, in_progress=1, ended=3,
                        self_extinguished=4, false_alarm=1, false_report=0)


def fetch_stats(replay, key="K+/=="):
    return fetch(requests.Session(), FireStatsOptions(base_url=replay.url, service_key=key), NOW)


@pytest.mark.parametrize("name", ["fire_stats_wrapped.json", "fire_stats_flat.json"])
def test_both_response_shapes_give_seouls_figures(replay, name):
    replay.reply_fixture(f"incidents/{name}")
    result = fetch_stats(replay)
    assert result.records == (SEOUL_TODAY,)
    assert result.source_time == datetime(2026, 11, 24, tzinfo=SEOUL_TZ)
    path = replay.paths[0]
    assert path.startswith("/getOcBysidoFireSmrzPcnd?serviceKey=K%2B%2F%3D%3D&") and "ocrn_ymd=20261124" in path


def test_yesterday_while_today_is_not_published(replay):
    wrapped = (FIXTURES / "incidents" / "fire_stats_wrapped.json").read_bytes().replace(b"20261124", b"20261123")
    empty = (FIXTURES / "incidents" / "fire_stats_empty.json").read_bytes()
    replay.body = lambda path: empty if "ocrn_ymd=20261124" in path else wrapped
    result = fetch_stats(replay)
    assert result.records[0].day == "2026-11-23" and len(replay.paths) == 2


def test_nothing_published_is_empty_not_an_error(replay):
    replay.reply_fixture("incidents/fire_stats_empty.json")
    assert fetch_stats(replay).records == ()


def test_gateway_errors_arrive_as_xml(replay):
    replay.reply_fixture("incidents/data_go_kr_bad_key.xml")
    with pytest.raises(AuthError, match="SERVICE_KEY_IS_NOT_REGISTERED_ERROR") as info:
        fetch_stats(replay, key="SECRETKEY")
    assert "SECRETKEY" not in str(info.value)
    replay.reply_fixture("incidents/data_go_kr_quota.xml")
    with pytest.raises(QuotaError):
        fetch_stats(replay)


def test_camel_case_items_are_read_too(replay):
    """Several clients of FireInformationService read its items as camelCase (sidoNm, fireRcptMnb …)."""
    replay.reply(200, '{"response":{"header":{"resultCode":"00","resultMsg":"NORMAL SERVICE"},"body":{"items":'
                      '{"item":[{"ocrnYmd":"20261124","sidoNm":"서울특별시","fireRcptMnb":9,"fireProgMnb":1,'
                      '"stnEndMnb":3,"slfExtshMnb":4,"flsrpPrcsMnb":1,"falsDclrMnb":0}]},"totalCount":1}}}')
    assert fetch_stats(replay).records == (SEOUL_TODAY,)


def test_a_reply_in_which_no_item_can_be_read_is_a_format_error_not_zero_records(replay):
    replay.reply(200, '{"response":{"header":{"resultCode":"00"},"body":{"items":{"item":['
                      '{"date":"20261124","region":"서울특별시","count":9}]},"totalCount":1}}}')
    with pytest.raises(FormatError, match="none of the 1 fire statistics items could be read.*count, date, region"):
        fetch_stats(replay)
