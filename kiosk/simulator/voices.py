"""Simulated 시민의견: complaint keywords that follow the season and rise after the scenario's fires, and
120 calls by hour and category with a weekday rhythm (안전 after a fire, 수도 during the daily tap-water
breach). Pure functions of the time."""

from __future__ import annotations

import json
import math
import random
from datetime import datetime, timedelta
from urllib.parse import parse_qs

from feeds.records import SEOUL_TZ
from kiosk.simulator import incidents, water

PATH = "/1140100/minAnalsInfoView5"
CALLS_PATH = "/calls120/days.json"
SEASONS = {(12, 1, 2): ("난방", "동파", "제설", "한파", "빙판길"), (3, 4, 5): ("미세먼지", "황사", "꽃가루", "공사소음"),
           (6, 7, 8): ("폭염", "에어컨", "모기", "장마", "침수"), (9, 10, 11): ("낙엽", "은행 악취", "난방", "미세먼지")}
ALWAYS = ("불법주정차", "층간소음", "쓰레기", "도로 파손", "버스", "택시", "소음", "가로등")
CATEGORIES = {"교통": 1.0, "수도": 0.35, "환경·청소": 0.55, "주택·건축": 0.45, "복지": 0.6, "세금": 0.4,
              "문화·관광": 0.3, "안전": 0.25, "기타": 0.5}
CALL_DAYS = 8  # today so far and the week before
KEY_REFUSED = ("<OpenAPI_ServiceResponse><cmmMsgHeader><errMsg>SERVICE ERROR</errMsg>"
               "<returnAuthMsg>SERVICE_KEY_IS_NOT_REGISTERED_ERROR</returnAuthMsg>"
               "<returnReasonCode>30</returnReasonCode></cmmMsgHeader></OpenAPI_ServiceResponse>")  # the gateway's
AFTER_FIRE = timedelta(hours=3)


def respond_keywords(operation: str, query: str, api_key: str, at: datetime) -> tuple[int, str, str]:
    """minRisingKeyword5 (gateway envelope) and minTopNKeyword5 (a bare returnObject list)."""
    params = {k: v[0] for k, v in parse_qs(query).items()}
    if params.get("serviceKey") != api_key:
        return 200, "application/xml", KEY_REFUSED
    if operation == "minTopNKeyword5":
        items = top_keywords(at, int(params.get("resultCount", 10)))
        return 200, "application/json", json.dumps({"returnObject": items}, ensure_ascii=False)
    if operation == "minRisingKeyword5":
        hour = datetime.strptime(params.get("analysisTime", ""), "%Y%m%d%H").replace(tzinfo=SEOUL_TZ)
        items = rising_keywords(hour, int(params.get("maxResult", 10)))
        return 200, "application/json", json.dumps(
            {"response": {"header": {"resultCode": "00", "resultMsg": "NORMAL SERVICE."},
                          "body": {"items": {"item": items}, "totalCount": len(items)}}}, ensure_ascii=False)
    return 404, "text/plain", "not found"


def _season(at: datetime) -> tuple[str, ...]:
    month = at.astimezone(SEOUL_TZ).month
    return next(words for months, words in SEASONS.items() if month in months)


def _fires_since(at: datetime) -> int:
    return len(incidents.calls_between("fire", at - AFTER_FIRE, at))


def top_keywords(at: datetime, limit: int) -> list[dict]:
    """Today's core keywords so far: the season's first, the perennial ones, 화재 after a fire."""
    local = at.astimezone(SEOUL_TZ)
    day_share = max(0.05, min(1.0, (local.hour + local.minute / 60 - 7) / 12))
    words = list(_season(at)) + list(ALWAYS) + (["화재"] if _fires_since(at) else [])
    counts = {w: int((400 if w in _season(at) else 250) * random.Random(f"{w}{local:%Y%m%d}").uniform(0.5, 1.4)
                     * day_share) + (300 if w == "화재" else 0) for w in words}
    ranked = sorted(counts.items(), key=lambda wc: -wc[1])[:limit]
    return [{"rank": n + 1, "keyword": w, "df": c} for n, (w, c) in enumerate(ranked)]


def rising_keywords(hour: datetime, limit: int) -> list[dict]:
    """The hour's keywords rising against the day before: two of the season's, and 화재 after a fire."""
    rng = random.Random(f"rise{hour:%Y%m%d%H}")
    words = rng.sample(_season(hour), 2) + rng.sample(ALWAYS, 2)
    if _fires_since(hour + timedelta(hours=1)):
        words.insert(0, "화재")
    items = []
    for rank, word in enumerate(words[:limit], start=1):
        before = rng.randint(20, 80)
        now = int(before * (4.0 if word == "화재" else rng.uniform(1.3, 2.5)))
        items.append({"date": f"{hour:%Y%m%d}", "keyword": word, "df": now, "rank": rank, "prevDf": before,
                      "prevRatio": round(now / before * 100, 1)})
    return items


def calls_document(at: datetime) -> dict:
    """The `seoul-120calls/1` document: the week before in full and today up to the last full hour."""
    local = at.astimezone(SEOUL_TZ)
    today = local.replace(hour=0, minute=0, second=0, microsecond=0)
    days = []
    for back in range(CALL_DAYS - 1, -1, -1):
        day = today - timedelta(days=back)
        hours = range(local.hour) if back == 0 else range(24)
        days.append({"day": f"{day:%Y-%m-%d}", "calls": [{"hour": h, "category": c, "count": _calls(day, h, c)}
                                                          for h in hours for c in CATEGORIES]})
    return {"format": "seoul-120calls/1", "generated_at": local.isoformat(timespec="seconds"), "days": days}


def _calls(day: datetime, hour: int, category: str) -> int:
    """Office hours peak; weekends half; 안전 after a fire in the hour, 수도 in the tap-water breach hour."""
    start = day + timedelta(hours=hour)
    profile = math.exp(-((hour - 11) / 3.5) ** 2) * 0.85 + 0.15 * (7 <= hour <= 21) + 0.03
    weekday = 0.5 if day.weekday() >= 5 else 1.0
    extra = 1.0
    if category == "안전" and incidents.calls_between("fire", start, start + timedelta(hours=1)):
        extra = 2.5
    if category == "수도" and water.breaching_point(start + timedelta(minutes=30)):
        extra = 3.0
    noise = random.Random(f"{day:%Y%m%d}{hour}{category}").uniform(0.85, 1.15)
    return round(260 * CATEGORIES[category] * profile * weekday * extra * noise)
