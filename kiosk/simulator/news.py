"""Simulated 시정뉴스: the city's press releases as RSS 2.0, with the real feed's quirks ("(석간)"/"(조간)"
prefixes, entities inside CDATA, RFC 822 dates at +0900, the department as author). A release every three
hours, most about the sample projects, so each project's sheet finds its news. A pure function of the time."""

from __future__ import annotations

import functools
import random
from datetime import datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

from feeds.records import SEOUL_TZ
from feeds.projects import SAMPLES, Project, read_folder

PATH = "/rss/news.xml"
EVERY = timedelta(hours=3)
DAYS = 5
ABOUT_PROJECTS = ("서울시, &quot;{name}&quot; 현장 점검&middot;안전 관리 강화", "{keyword} 일대 보행 환경 개선 착수",
                  "{name} 시민 의견 듣는다&hellip;설명회 개최", "서울시, {name} 추진 현황 공개")
GENERAL = ("서울시, 겨울철 한파 대비 종합대책 추진", "따릉이 누적 이용 2억 건 돌파", "서울시, 청년 월세 지원 신청 접수",
           "한강공원 겨울 축제 개막", "서울시, 어르신 무료 건강검진 확대")


@functools.cache
def sample_projects() -> tuple[Project, ...]:
    """The shipped sample projects, whose names and keywords the releases mention."""
    return tuple(project for project, _report in read_folder(SAMPLES)[0])


def releases(now: datetime) -> list[tuple[datetime, str, str, str]]:
    """(published, edition, title, department) for every slot of the last days, newest first."""
    local = now.astimezone(SEOUL_TZ)
    slot = local.replace(minute=0, second=0, microsecond=0, hour=local.hour - local.hour % 3)
    items = []
    while slot > local - timedelta(days=DAYS):
        if slot.hour < 6:  # no releases at night
            slot -= EVERY
            continue
        rng = random.Random(slot.isoformat())
        sample = rng.choice(sample_projects())
        if rng.random() < 0.7:
            title = rng.choice(ABOUT_PROJECTS).format(name=sample.name, keyword=sample.news_keywords[0])
            department = sample.manager.dept.split()[-1]
        else:
            title, department = rng.choice(GENERAL), "대변인"
        items.append((slot, "조간" if slot.hour < 12 else "석간", title, department))
        slot -= EVERY
    return items


def rss_document(now: datetime) -> str:
    entries = "".join(
        f"<item><title><![CDATA[({edition}) {title}]]></title>"
        f"<link>https://news.seoul.go.kr/sim/{int(at.timestamp())}</link>"
        f"<guid>sim-{int(at.timestamp())}</guid><pubDate>{format_datetime(at)}</pubDate>"
        f"<author>{escape(department)}</author></item>"
        for at, edition, title, department in releases(now))
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>서울시 보도자료 (시뮬레이션)</title>'
            f"<link>https://news.seoul.go.kr</link><description>simulated</description>{entries}</channel></rss>")
