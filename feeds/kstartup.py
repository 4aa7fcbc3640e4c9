"""창업생태계: K-Startup's open support programmes (창업진흥원, data.go.kr 15125364), those relevant to Seoul.

`…/kisedKstartupService01/getAnnouncementInformation01?serviceKey=…&page=N&perPage=100&returnType=json
&cond[rcrt_prgs_yn::EQ]=Y` answers the odcloud shape `{currentCount, data: [...], matchCount, page, perPage,
totalCount}` with rows {pbanc_sn, biz_pbanc_nm, pbanc_ntrp_nm, sprv_inst, supt_biz_clsfc, supt_regin,
pbanc_rcpt_bgng_dt, pbanc_rcpt_end_dt (YYYYMMDD), detl_pg_url, rcrt_prgs_yn …}. Without `returnType` it
answers XML, `<results><data><item><col name="biz_pbanc_nm">…</col>…`. The server is reported to ignore a
region filter, so the region is filtered here: 서울 and nationwide (전국) programmes are kept. Errors come
as odcloud JSON `{"code": -4, "msg": "등록되지 않은 인증키 입니다."}` or the gateway's XML.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

import pydantic
import requests

from feeds.base import Feed, FeedOptions, FeedResult, register
from feeds.data_go_kr import gateway_error
from feeds.errors import AuthError, FormatError, QuotaError, UnavailableError
from feeds.http import http_get
from feeds.rss import plain
from feeds.seoul_open_data import decode, json_object
from feeds.values import count, parse_time, read_all, text

SEOUL_REGIONS = ("서울", "전국")  # a programme for all regions is open to Seoul's startups too
AUTH_CODES = {-4, -401}  # odcloud: key not registered for this dataset, key invalid


@dataclass(frozen=True)
class SupportProgramme:
    """An open K-Startup support programme a Seoul startup may apply to."""

    programme_id: str  # pbanc_sn
    name: str
    organisation: str | None  # 공고기관 / 주관기관
    kind: str | None  # 지원사업 분류 (사업화, 멘토링 …)
    region: str | None  # as the notice says (서울, 전국 …)
    opens: datetime | None
    closes: datetime | None  # the last day of applications, 00:00 Seoul time
    url: str | None


class KStartupOptions(FeedOptions):
    """Options of the `kstartup` feed. `service_key` is data.go.kr's "Decoding" key."""

    base_url: str = "https://apis.data.go.kr/B552735/kisedKstartupService01"
    service_key: str
    operation: str = "getAnnouncementInformation01"
    per_page: int = pydantic.Field(default=100, ge=1, le=1000)
    max_pages: int = pydantic.Field(default=10, ge=1, le=100)  # the open programmes fit in a few pages


def fetch(session: requests.Session, options: KStartupOptions, now: datetime) -> FeedResult:
    """Every open programme, page by page; the Seoul and nationwide ones are kept."""
    rows: list[dict[str, Any]] = []
    for page in range(1, options.max_pages + 1):
        found, total = parse(_get(session, options, page))
        rows += found
        if not found or total is None or page * options.per_page >= total:
            break
    programmes = [p for p in read_all(rows, programme, "K-Startup programmes") if relevant(p)]
    return FeedResult(tuple(programmes), None)


def relevant(item: SupportProgramme) -> bool:
    """Seoul's or nationwide; a notice that names no region is taken as nationwide."""
    return item.region is None or any(r in item.region for r in SEOUL_REGIONS)


def parse(body: bytes) -> tuple[list[dict[str, Any]], int | None]:
    """(rows, totalCount) of a JSON or XML reply; the error envelopes become typed errors."""
    text_ = decode(body).strip()
    if not text_:
        raise FormatError("empty reply")
    if text_.startswith("<"):
        return _xml_rows(text_)
    doc = json_object(text_)
    if "data" not in doc and "code" in doc:
        raise _odcloud_error(doc)
    data = doc.get("data")
    if not isinstance(data, list):
        raise FormatError('not a K-Startup reply (expected an object with a "data" list)')
    return [row for row in data if isinstance(row, dict)], count(doc.get("totalCount", doc.get("matchCount")))


def _odcloud_error(doc: dict[str, Any]) -> Exception:
    message = text(doc.get("msg")) or ""
    try:
        code = int(doc.get("code"))
    except (TypeError, ValueError):
        code = None
    detail = f"odcloud {doc.get('code')}: {message}"
    if code in AUTH_CODES:
        return AuthError(f"service key refused ({detail})", code=str(doc.get("code")))
    if "트래픽" in message:
        return QuotaError(f"request quota exceeded ({detail})", code=str(doc.get("code")))
    if code == -1:
        return UnavailableError(f"server error ({detail})", code="-1")
    return FormatError(f"request rejected ({detail})", code=str(doc.get("code")))


def _xml_rows(body: str) -> tuple[list[dict[str, Any]], int | None]:
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise FormatError(f"malformed XML ({exc})") from exc
    if root.tag == "OpenAPI_ServiceResponse":
        raise gateway_error((root.findtext(".//returnReasonCode") or "99").strip(),
                            (root.findtext(".//returnAuthMsg") or root.findtext(".//errMsg") or "").strip())
    if root.tag != "results":
        raise FormatError(f"unexpected XML root <{root.tag}>")
    rows = [{col.get("name"): (col.text or "").strip() for col in item.iter("col") if col.get("name")}
            for item in root.iter("item")]
    return rows, count(root.findtext("totalCount"))


def programme(row: dict[str, Any]) -> SupportProgramme | None:
    name = plain(text(row.get("biz_pbanc_nm")), 120)
    key = text(row.get("pbanc_sn"))
    if not name or not key:
        return None
    if (text(row.get("rcrt_prgs_yn")) or "Y").upper() != "Y":
        return None
    return SupportProgramme(
        key, name, plain(text(row.get("pbanc_ntrp_nm")) or text(row.get("sprv_inst")), 40) or None,
        plain(text(row.get("supt_biz_clsfc")), 30) or None, plain(text(row.get("supt_regin")), 60) or None,
        parse_time(f"{text(row.get('pbanc_rcpt_bgng_dt')) or ''}0000"),
        parse_time(f"{text(row.get('pbanc_rcpt_end_dt')) or ''}0000"),
        text(row.get("detl_pg_url")))


def _get(session: requests.Session, options: KStartupOptions, page: int) -> bytes:
    key = quote(options.service_key, safe="")
    url = (f"{options.base_url.rstrip('/')}/{options.operation}?serviceKey={key}&page={page}"
           f"&perPage={options.per_page}&returnType=json&{quote('cond[rcrt_prgs_yn::EQ]')}=Y")
    return http_get(session, url, options.timeout_s, secret=key, max_bytes=options.max_reply_bytes)


FEED = register(Feed(kind="kstartup", title="창업생태계 · K-Startup 지원사업 (창업진흥원)", options=KStartupOptions,
                     fetch=fetch, record_type=SupportProgramme))
