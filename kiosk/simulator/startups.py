"""Simulated K-Startup (getAnnouncementInformation01): support programmes across the regions, opening and
closing day by day, in the odcloud JSON or, without `returnType=json`, the odcloud XML. Like the real
server it ignores a region filter; a wrong key gets odcloud's -4. A pure function of the day."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

from feeds.records import SEOUL_TZ

PATH = "/B552735/kisedKstartupService01/getAnnouncementInformation01"
REGIONS = ("서울", "전국", "전국", "경기", "부산", "인천", "대구", "광주", "대전", "제주")
KINDS = ("사업화", "멘토링·컨설팅", "시설·공간·보육", "글로벌", "R&D", "행사·네트워크")
NAMES = ("{year} 예비창업패키지 추가모집", "{year} 서울 AI 스타트업 육성 프로그램", "{year} 초기창업패키지 ({kind})",
         "{region} 창업보육센터 입주기업 모집", "{year} 글로벌 액셀러레이팅 지원", "{year} 청년창업사관학교",
         "{year} 딥테크 팁스 ({kind})", "{region} 창업 오디션 참가 기업 모집")
PROGRAMMES = 60
KEY_REFUSED = json.dumps({"code": -4, "msg": "등록되지 않은 인증키 입니다."}, ensure_ascii=False)


def programmes(at: datetime) -> list[dict[str, str]]:
    """Every programme of the day: each runs three to six weeks, staggered, so some close each week."""
    day = at.astimezone(SEOUL_TZ).replace(hour=0, minute=0, second=0, microsecond=0)
    rows = []
    for number in range(PROGRAMMES):
        rng = random.Random(number)
        length = timedelta(days=rng.randint(21, 42))
        cycle = (day - datetime(2026, 1, 1, tzinfo=SEOUL_TZ) + timedelta(days=number * 3)) % (length + timedelta(days=10))
        opens = day - cycle
        closes = opens + length
        region, kind = rng.choice(REGIONS), rng.choice(KINDS)
        serial = 170000 + number * 100 + (day - datetime(2026, 1, 1, tzinfo=SEOUL_TZ)).days // 50
        rows.append({"pbanc_sn": str(serial), "biz_pbanc_nm": rng.choice(NAMES).format(year=day.year, kind=kind, region=region),
                     "pbanc_ntrp_nm": "창업진흥원" if region == "전국" else f"{region}창조경제혁신센터",
                     "supt_biz_clsfc": kind, "supt_regin": region, "pbanc_rcpt_bgng_dt": f"{opens:%Y%m%d}",
                     "pbanc_rcpt_end_dt": f"{closes:%Y%m%d}", "rcrt_prgs_yn": "Y" if closes >= day else "N",
                     "detl_pg_url": f"https://www.k-startup.go.kr/sim/{serial}"})
    return rows


def respond_kstartup(query: str, api_key: str, at: datetime) -> tuple[int, str, str]:
    params = {k: v[0] for k, v in parse_qs(query).items()}
    if params.get("serviceKey") != api_key:
        return 401, "application/json", KEY_REFUSED
    rows = programmes(at)
    if params.get("cond[rcrt_prgs_yn::EQ]") == "Y":
        rows = [r for r in rows if r["rcrt_prgs_yn"] == "Y"]
    page, per_page = int(params.get("page", 1)), int(params.get("perPage", 10))
    shown = rows[(page - 1) * per_page: page * per_page]
    if params.get("returnType", "").lower() == "json":
        return 200, "application/json", json.dumps(
            {"currentCount": len(shown), "data": shown, "matchCount": len(rows), "page": page, "perPage": per_page,
             "totalCount": len(rows)}, ensure_ascii=False)
    items = "".join("<item>" + "".join(f'<col name="{k}">{escape(v)}</col>' for k, v in row.items()) + "</item>"
                    for row in shown)
    return 200, "application/xml", (f'<?xml version="1.0" encoding="UTF-8"?><results><currentCount>{len(shown)}'
                                    f"</currentCount><data>{items}</data><matchCount>{len(rows)}</matchCount>"
                                    f"<page>{page}</page><perPage>{per_page}</perPage><totalCount>{len(rows)}"
                                    "</totalCount></results>")
