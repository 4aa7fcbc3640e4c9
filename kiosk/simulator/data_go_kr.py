"""The simulator's data.go.kr side: 소방청 FireInformationService daily statistics.

`/1661000/FireInformationService/getOcBysidoFireSmrzPcnd?serviceKey=…&ocrn_ymd=YYYYMMDD`,
answered in the wrapped `response.header/body.items.item` shape; a wrong key gets the
gateway's XML error, as the real one sends it even when JSON was asked for.
"""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import parse_qs

from feeds.records import SEOUL_TZ
from kiosk.simulator import incidents

PATH = "/1661000/FireInformationService/getOcBysidoFireSmrzPcnd"
_GATEWAY_ERROR = """<OpenAPI_ServiceResponse><cmmMsgHeader><errMsg>SERVICE ERROR</errMsg>
<returnAuthMsg>{message}</returnAuthMsg><returnReasonCode>{code}</returnReasonCode></cmmMsgHeader>
</OpenAPI_ServiceResponse>"""


def respond_fire_stats(query: str, api_key: str, fault: str | None, at: datetime) -> tuple[int, str, str]:
    """(status, content type, body) for a statistics request at scenario time `at`."""
    args = {k: v[0] for k, v in parse_qs(query).items()}
    if args.get("serviceKey") != api_key or fault == "bad_key":
        return 200, "text/xml", _GATEWAY_ERROR.format(message="SERVICE_KEY_IS_NOT_REGISTERED_ERROR", code=30)
    if fault == "quota":
        return 200, "text/xml", _GATEWAY_ERROR.format(message="LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR",
                                                      code=22)
    try:
        day = datetime.strptime(args.get("ocrn_ymd", ""), "%Y%m%d").replace(tzinfo=SEOUL_TZ)
    except ValueError:
        return 200, "text/xml", _GATEWAY_ERROR.format(message="INVALID_REQUEST_PARAMETER_ERROR", code=10)
    items = [incidents.fire_stats_item(day, at)] if day <= at else []
    body = {"response": {"header": {"resultCode": "00", "resultMsg": "NORMAL SERVICE."},
                         "body": {"items": {"item": items} if items else "", "numOfRows": 30, "pageNo": 1,
                                  "totalCount": len(items)}}}
    return 200, "application/json", json.dumps(body, ensure_ascii=False)
