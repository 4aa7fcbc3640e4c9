"""시정뉴스 over loopback: the city's RSS with its quirks (edition prefixes, entities in CDATA and twice
escaped, RFC 822 at +0900, dc:creator), one item, none, EUC-KR, hostile titles as plain text, an HTML
error page, an endless reply."""

from datetime import datetime

import pytest
import requests

from feeds.errors import FormatError
from feeds.records import SEOUL_TZ
from feeds.rss import RssOptions, fetch, plain
from tests.conftest import FIXTURES


def news(replay, name, **options):
    replay.reply(200, (FIXTURES / "rss" / name).read_bytes(), {"Content-Type": "application/rss+xml"})
    return fetch(requests.Session(), RssOptions(base_url=replay.url + "/rss/news.do", **options), None)


def test_the_city_feed_with_its_quirks(replay):
    result = news(replay, "seoul_news.xml")
    first, second, third = result.records  # the item without a title is dropped; newest first
    assert (first.title, first.edition, first.department, first.item_id) == (
        '서울시, "다시세운" 보행교 개통…세운상가~남산 잇는다', "석간", "세운재생과", "412345")
    assert first.published_at == datetime(2026, 11, 30, 11, tzinfo=SEOUL_TZ) == result.source_time
    assert (second.title, second.edition, second.department) == ("겨울철 한파 대비 종합대책 · 취약계층 보호", "조간", "안전총괄과")
    assert second.item_id == "https://www.seoul.go.kr/news/news_report.do#view/412300"  # no guid: the link
    assert (third.title, third.edition, third.published_at) == ("서울로 7017 주변 보행길 정비", None,
                                                                datetime(2026, 11, 29, 14, 30, tzinfo=SEOUL_TZ))
    assert len(third.item_id) == 16  # neither guid nor link: a hash of title and date
    assert replay.paths == ["/rss/news.do"]


def test_one_item_none_and_euc_kr(replay):
    assert [i.title for i in news(replay, "single_item.xml").records] == ["따릉이 2억 건"]
    empty = news(replay, "empty.xml")
    assert empty.records == () and empty.source_time is None
    [item] = news(replay, "euc_kr.xml").records
    assert (item.title, item.edition, item.department) == ("서울시, 청년 월세 지원", "조간", "청년정책과")


def test_hostile_titles_become_plain_text(replay):
    script, image, long = news(replay, "hostile.xml").records
    assert script.title == "alert('x') 서울시 긴급 발표"  # tags dropped, never rendered
    assert image.title == "시장 현장 방문"  # escaped twice: decoded, and the tags dropped all the same
    assert "\u202e" not in long.title and "\u200b" not in long.title and long.title.startswith("역방향 제어 문자와")
    assert len(long.title) == 200 and long.published_at is None
    assert plain("<a href='javascript:x'>링크</a> &amp;amp; 끝") == "링크 & 끝"


def test_an_html_error_page_and_too_many_items_are_format_errors(replay):
    with pytest.raises(FormatError, match="malformed XML|not an RSS"):
        news(replay, "error_page.html")
    with pytest.raises(FormatError, match="more than 1 items"):
        news(replay, "seoul_news.xml", max_rows=1)
    replay.reply(200, b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>')
    with pytest.raises(FormatError, match="not an RSS 2.0 feed"):
        fetch(requests.Session(), RssOptions(base_url=replay.url), None)


def test_an_endless_reply_is_cut(replay):
    replay.reply(200, b"<rss>" + b"<item><title>x</title></item>" * 40000)
    with pytest.raises(FormatError, match="larger than"):
        fetch(requests.Session(), RssOptions(base_url=replay.url, max_reply_mb=0.5), None)
