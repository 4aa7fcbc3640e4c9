"""창업생태계 feeds: K-Startup over loopback (the odcloud JSON, the XML answered without returnType, one
item, none, page after page, odcloud's and the gateway's errors, renamed fields, the region kept here)
and the city's indicator CSV (good, each kind of broken row, a BOM, check-config)."""

import json
from datetime import datetime

import pytest
import requests

from feeds.errors import AuthError, FormatError, QuotaError, UnavailableError
from feeds.kstartup import KStartupOptions, SupportProgramme, parse
from feeds.kstartup import fetch as fetch_programmes
from feeds.records import SEOUL_TZ
from feeds.startup_indicators import SAMPLE, IndicatorOptions, problems, read_rows
from feeds.startup_indicators import fetch as fetch_indicators
from kiosk.simulator.sample_startups import indicators_csv
from tests.conftest import FIXTURES

HEADER = "month,indicator,value,source\n"


def programmes(replay, name, status=200, **options):
    replay.reply(status, (FIXTURES / "kstartup" / name).read_bytes())
    return fetch_programmes(requests.Session(), KStartupOptions(base_url=replay.url + "/B552735/kisedKstartupService01",
                                                                service_key="K/+=", **options), None)


def test_open_programmes_for_seoul_and_the_whole_country(replay):
    result = programmes(replay, "open_programmes.json")
    assert [p.programme_id for p in result.records] == ["177976", "177990", "178002"]  # 부산's left out
    hub, package, metro = result.records
    assert hub == SupportProgramme("177976", "2026 하반기 서울 AI 허브 입주기업 모집", "서울AI허브", "시설ㆍ공간ㆍ보육", "서울",
                                   datetime(2026, 11, 10, tzinfo=SEOUL_TZ), datetime(2026, 12, 4, tzinfo=SEOUL_TZ),
                                   "https://www.k-startup.go.kr/web/contents/bizpbanc-ongoing.do?schM=view&pbancSn=177976")
    assert package.name == "2026년 초기창업패키지 추가 모집 & 딥테크 특화" and package.region == "전국"
    assert metro.closes is None and metro.organisation is None
    [path] = replay.paths
    assert path.startswith("/B552735/kisedKstartupService01/getAnnouncementInformation01?serviceKey=K%2F%2B%3D&page=1")
    assert "&perPage=100&returnType=json&cond%5Brcrt_prgs_yn%3A%3AEQ%5D=Y" in path


def test_the_xml_one_item_and_none(replay):
    assert [p.name for p in programmes(replay, "default_xml.xml").records] == ["2026 하반기 서울 AI 허브 입주기업 모집"]
    assert [p.programme_id for p in programmes(replay, "single_item.json").records] == ["177976"]
    assert programmes(replay, "empty.json").records == ()


def test_page_after_page_until_the_total(replay):
    rows = [{"pbanc_sn": n, "biz_pbanc_nm": f"공고 {n}", "supt_regin": "서울", "rcrt_prgs_yn": "Y"} for n in range(25)]
    replay.reply(200, b"")
    replay.body = lambda path: json.dumps(
        {"data": rows[(int(path.split("page=")[1].split("&")[0]) - 1) * 10:][:10], "totalCount": 25}).encode()
    result = fetch_programmes(requests.Session(), KStartupOptions(base_url=replay.url, service_key="K", per_page=10), None)
    assert len(result.records) == 25 and len(replay.paths) == 3


@pytest.mark.parametrize("name, status, error, text", [
    ("key_not_registered.json", 200, AuthError, "odcloud -4: 등록되지 않은 인증키 입니다."),
    ("key_not_registered.json", 401, AuthError, "HTTP 401"),
    ("traffic_exceeded.json", 200, QuotaError, "트래픽"),
    ("gateway_key_refused.xml", 200, AuthError, "SERVICE_KEY_IS_NOT_REGISTERED_ERROR"),
    ("renamed_fields.json", 200, FormatError, "none of the 1 K-Startup programmes could be read"),
])
def test_errors_are_typed(replay, name, status, error, text):
    with pytest.raises(error, match=text):
        programmes(replay, name, status)


def test_a_server_error_and_a_strange_reply():
    with pytest.raises(UnavailableError):
        parse('{"code": -1, "msg": "시스템 내부 오류가 발생하였습니다."}'.encode())
    with pytest.raises(FormatError, match='expected an object with a "data" list'):
        parse(b'{"response": {"body": {}}}')
    with pytest.raises(FormatError, match="unexpected XML root"):
        parse("<html><body>점검 중</body></html>".encode())


def test_the_shipped_sample_figures_are_what_the_generator_writes():
    assert SAMPLE.read_text(encoding="utf-8") == indicators_csv()
    result = fetch_indicators(None, IndicatorOptions(), None)
    assert len(result.records) == 36 * 4 and result.source_time == datetime(2026, 10, 1, tzinfo=SEOUL_TZ)
    assert IndicatorOptions().serves_samples and problems(IndicatorOptions()) == []


def test_broken_rows_are_named_and_many_of_them_are_a_format_error(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_bytes(("\ufeff" + HEADER + "2026-10,jobs,5120,고용 조사\n2026-13,jobs,1,\n2026-10,startups,3,\n"
                      "2026-09,jobs,많음,\n2026-10,jobs,5200,\n2026-09,investment_eok,\"1,830\",투자\n").encode())
    options = IndicatorOptions(file=str(path))
    figures = read_rows(path.read_text(encoding="utf-8-sig"))[0]
    assert [(r.indicator, r.month.month, r.value) for r in figures] == [("jobs", 10, 5120.0),
                                                                         ("investment_eok", 9, 1830.0)]
    with pytest.raises(FormatError, match="4 of 6 rows could not be read, the first at line 3: month: '2026-13'"):
        fetch_indicators(None, options, None)  # more than a few rows lost: not shown as if it were the file
    assert problems(options) == [
        f"{path}: line 3: month: '2026-13' is not a month like 2026-10",
        f"{path}: line 4: indicator: 'startups' is not one of hub_startups, investment_eok, jobs, new_certified",
        f"{path}: line 5: value: '많음' is not a number of 0 or more",
        f"{path}: line 6: month: 2026-10 jobs is given twice"]


def sample_with(tmp_path, line: int, old: str, new: str) -> IndicatorOptions:
    """The shipped sample figures with one line (1 = the header) changed."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path = tmp_path / "indicators.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return IndicatorOptions(file=str(path))


def test_a_stray_quote_that_swallows_the_file_is_a_format_error_at_its_line(tmp_path):
    options = sample_with(tmp_path, 3, "850,", '"850,')
    with pytest.raises(FormatError, match="143 of 144 rows could not be read, the first at line 3: a quote opened on "
                                          "this line is not closed, so lines 3-145 were read as one row"):
        fetch_indicators(None, options, None)
    assert problems(options) == [f"{options.path}: line 3: a quote opened on this line is not closed, so lines 3-145 "
                                 "were read as one row"]


def test_a_broken_row_or_two_are_left_out_and_the_rest_read(tmp_path):
    options = sample_with(tmp_path, 3, "850,", "팔백오십,")
    assert len(fetch_indicators(None, options, None).records) == 143
    assert problems(options) == [f"{options.path}: line 3: value: '팔백오십' is not a number of 0 or more"]


def test_a_wrong_header_or_a_missing_file(tmp_path):
    assert read_rows("월,지표,값\n2026-10,jobs,1\n")[1] == ["line 1: the header must be month,indicator,value,source "
                                                         "(not '월,지표,값')"]
    path = tmp_path / "wrong.csv"
    path.write_text("월,지표,값\n", encoding="utf-8")
    with pytest.raises(FormatError, match="no row could be read"):
        fetch_indicators(None, IndicatorOptions(file=str(path)), None)
    with pytest.raises(UnavailableError, match="cannot read"):
        fetch_indicators(None, IndicatorOptions(file=str(tmp_path / "none.csv")), None)
