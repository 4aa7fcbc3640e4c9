"""The Seoul Open Data envelope: every variant of reply, paging, timeouts, HTTP failures."""

import json

import pytest
import requests

from feeds.errors import AuthError, FormatError, QuotaError, UnavailableError
from feeds.seoul_open_data import PAGE_SIZE, OpenDataOptions, fetch_rows, parse_reply, service_url
from tests.conftest import FIXTURES

AIR = FIXTURES / "seoul_air"


@pytest.mark.parametrize("name, error, code", [
    ("auth_info100.xml", AuthError, "INFO-100"),
    ("auth_info100_plain.xml", AuthError, "INFO-100"),
    ("citydata_result.json", AuthError, "INFO-100"),
    ("quota_337.json", QuotaError, "ERROR-337"),
    ("server_error_500.json", UnavailableError, "ERROR-500"),
    ("db_error_600.json", UnavailableError, "ERROR-600"),
    ("request_error_336.json", FormatError, "ERROR-336"),
    ("malformed.json", FormatError, None),
])
def test_error_replies_raise_typed_errors(name, error, code):
    with pytest.raises(error) as info:
        parse_reply((AIR / name).read_bytes(), "RealtimeCityAir")
    assert info.value.code == code


def test_info_200_is_empty_not_an_error():
    page = parse_reply((AIR / "empty_info200.json").read_bytes(), "RealtimeCityAir")
    assert page.rows == () and page.total == 0


def test_rows_as_list_single_object_and_any_case():
    assert len(parse_reply((AIR / "legacy.json").read_bytes(), "RealtimeCityAir").rows) == 2
    single = parse_reply((AIR / "single_row.json").read_bytes(), "RealtimeCityAir")
    assert single.rows[0]["MSRSTN_NM"] == "송파구"
    lower = parse_reply((AIR / "lowercase_keys.json").read_bytes(), "RealtimeCityAir")
    assert lower.rows[0]["MSRSTE_NM"] == "중구" and lower.total == 1


def test_xml_replies_with_lowercase_tags():
    page = parse_reply((AIR / "lowercase.xml").read_bytes(), "RealtimeCityAir")
    assert page.rows[0]["MSRSTN_NM"] == "마포구" and page.rows[0]["PM"] == "44"


@pytest.mark.parametrize("body", [b"", b"<html>oops</html>", b"[1, 2]", b'{"Other": {}}', b"\xff\xfe\x00"])
def test_nonsense_is_a_format_error(body):
    with pytest.raises(FormatError):
        parse_reply(body, "RealtimeCityAir")


def options(url, key, service, timeout_s):
    return OpenDataOptions(base_url=url, api_key=key, service=service, timeout_s=timeout_s)


def test_url_is_positional_and_quoted():
    url = service_url("http://h:8088/", "KEY", "RealtimeCityAir", 1, 5, ["", "중구"])
    assert url == "http://h:8088/KEY/json/RealtimeCityAir/1/5//%EC%A4%91%EA%B5%AC"


def test_paging_fetches_past_1000_rows(replay):
    total = 2345

    def page(path):
        start, end = (int(p) for p in path.split("/")[4:6])
        rows = [{"N": i} for i in range(start, min(end, total) + 1)]
        return json.dumps({"Svc": {"list_total_count": total, "RESULT": {"CODE": "INFO-000"}, "row": rows}}).encode()

    replay.body = page
    rows = fetch_rows(requests.Session(), options(replay.url, "K", "Svc", 5))
    assert [r["N"] for r in rows] == list(range(1, total + 1))
    assert [p.split("/")[4:6] for p in replay.paths] == [["1", "1000"], ["1001", "2000"], ["2001", "3000"]]
    assert PAGE_SIZE == 1000


def test_a_server_that_never_answers_times_out(replay):
    replay.hang.set()
    with pytest.raises(UnavailableError, match="no complete answer within 0.3 s"):
        fetch_rows(requests.Session(), options(replay.url, "SECRETKEY", "Svc", 0.3))


def test_http_failures_are_typed_and_the_key_is_masked(replay):
    session = requests.Session()
    replay.reply(429, "slow down", {"Retry-After": "120"})
    with pytest.raises(QuotaError) as info:
        fetch_rows(session, options(replay.url, "SECRETKEY", "Svc", 5))
    assert info.value.retry_after_s == 120 and "SECRETKEY" not in str(info.value)
    replay.reply(503, "down")
    with pytest.raises(UnavailableError, match="HTTP 503"):
        fetch_rows(session, options(replay.url, "SECRETKEY", "Svc", 5))
    replay.reply(403, "no")
    with pytest.raises(AuthError):
        fetch_rows(session, options(replay.url, "SECRETKEY", "Svc", 5))
    replay.reply(404, "no")
    with pytest.raises(FormatError):
        fetch_rows(session, options(replay.url, "SECRETKEY", "Svc", 5))


def test_connection_refused_is_unavailable():
    from tests.conftest import free_port
    with pytest.raises(UnavailableError, match="cannot connect"):
        fetch_rows(requests.Session(), options(f"http://127.0.0.1:{free_port()}", "K", "Svc", 1))
