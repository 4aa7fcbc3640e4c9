"""The simulator's Seoul Open Data side: `/{KEY}/{json|xml}/{SERVICE}/{START}/{END}/...`.

Answers as openapi.seoul.go.kr does, quirks included: INFO-100 as XML even for /json/, a bare
RESULT on errors, paging limits, and citydata's one-object reply with `RESULT.CODE` keys.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Callable
from xml.sax.saxutils import escape

from kiosk.simulator import incidents, prices, scenario, traffic, water

MESSAGES = {
    "INFO-000": "정상 처리되었습니다",
    "INFO-100": "인증키가 유효하지 않습니다. 인증키가 없는 경우, 열린 데이터 광장 홈페이지에서 인증키를 신청하십시오.",
    "INFO-200": "해당하는 데이터가 없습니다.",
    "ERROR-310": "해당하는 서비스를 찾을 수 없습니다. 요청인자 중 SERVICE를 확인하십시오.",
    "ERROR-333": "요청위치 값의 타입이 유효하지 않습니다. 요청위치 값은 정수를 입력하세요.",
    "ERROR-334": "요청종료위치 보다 요청시작위치가 더 큽니다.",
    "ERROR-336": "데이터요청은 한번에 최대 1000건을 넘을 수 없습니다.",
    "ERROR-337": "일별 트래픽 제한을 넘은 호출입니다.",
    "ERROR-500": "서버 오류입니다.",
}
SERVICES: dict[str, Callable[[datetime], list[dict]]] = {"RealtimeCityAir": scenario.air_rows,
                                                         "AccInfo": incidents.accinfo_rows,
                                                         "bikeList": traffic.bike_rows,
                                                         "WoWcbsDayStatic": water.supply_rows,
                                                         "WPOSInformationTime": water.river_rows}
QUERIED: dict[str, Callable[[datetime, list[str]], list[dict]]] = {  # services that read their positional filters
    "ListNecessariesPricesService": prices.price_rows}
WRAPPERS = {"bikeList": "rentBikeStatus"}  # a reply's top key when it is not the service's name
PAGE_TOTALS = {"bikeList"}  # services whose list_total_count counts the page, not all rows



def respond_open_data(path_parts: list[str], api_key: str, fault: str | None, at: datetime) -> tuple[int, str, str]:
    """(status, content type, body) for a Seoul Open Data request path at scenario time `at`."""
    if len(path_parts) < 5:
        return 404, "text/plain", "not found"
    key, fmt, service, start, end = path_parts[:5]
    fmt = fmt.lower() if fmt.lower() in ("json", "xml") else "json"
    if key != api_key or fault == "bad_key":
        return 200, "application/xml", _xml_result("INFO-100")  # XML even for /json/
    if fault in ("quota", "server_error"):
        return _result(fmt, "ERROR-337" if fault == "quota" else "ERROR-500")
    if fault == "malformed":
        return 200, "application/json", '{"RealtimeCityAir": {"list_total_count": 25, "RESULT": {"CO'
    if service == "citydata":
        return _citydata(fmt, path_parts[5] if len(path_parts) > 5 else "", at)
    if service not in SERVICES and service not in QUERIED:
        return _result(fmt, "ERROR-310")
    if not (start.isdigit() and end.isdigit()):
        return _result(fmt, "ERROR-333")
    first, last = int(start), int(end)
    if first > last:
        return _result(fmt, "ERROR-334")
    if last - first >= 1000:
        return _result(fmt, "ERROR-336")
    rows = QUERIED[service](at, path_parts[5:]) if service in QUERIED else SERVICES[service](at)
    page = rows[first - 1:last]
    if not page:
        return _result(fmt, "INFO-200")
    total = len(page) if service in PAGE_TOTALS else len(rows)
    return 200, f"application/{fmt}", _envelope(fmt, WRAPPERS.get(service, service), total, page)


def _result(fmt: str, code: str) -> tuple[int, str, str]:
    if fmt == "xml":
        return 200, "application/xml", _xml_result(code)
    return 200, "application/json", json.dumps({"RESULT": {"CODE": code, "MESSAGE": MESSAGES[code]}},
                                               ensure_ascii=False)


def _xml_result(code: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<RESULT><CODE>{code}</CODE>'
            f'<MESSAGE><![CDATA[{MESSAGES[code]}]]></MESSAGE></RESULT>')


def _envelope(fmt: str, service: str, total: int, rows: list[dict]) -> str:
    result = {"CODE": "INFO-000", "MESSAGE": MESSAGES["INFO-000"]}
    if fmt == "json":
        return json.dumps({service: {"list_total_count": total, "RESULT": result, "row": rows}},
                          ensure_ascii=False)
    items = "".join("<row>" + "".join(f"<{k}>{escape('' if v is None else str(v))}</{k}>"
                                      for k, v in row.items()) + "</row>" for row in rows)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<{service}><list_total_count>{total}</list_total_count>'
            f'<RESULT><CODE>INFO-000</CODE><MESSAGE><![CDATA[{result["MESSAGE"]}]]></MESSAGE></RESULT>'
            f'{items}</{service}>')


def _citydata(fmt: str, area: str, at: datetime) -> tuple[int, str, str]:
    """One place's CITYDATA (JSON only: the wall asks for JSON); an unknown place is INFO-200."""
    city = incidents.citydata(area, at)
    if city is None:
        return 200, "application/json", json.dumps(
            {"RESULT": {"RESULT.CODE": "INFO-200", "RESULT.MESSAGE": MESSAGES["INFO-200"]}}, ensure_ascii=False)
    return 200, "application/json", json.dumps(
        {"RESULT": {"RESULT.CODE": "INFO-000", "RESULT.MESSAGE": MESSAGES["INFO-000"]}, "CITYDATA": city},
        ensure_ascii=False)
