"""The ITS CCTV list: a list, a single object, none, a refused key — fetched over loopback."""

from datetime import datetime, timezone

import pytest
import requests

from feeds.errors import AuthError
from feeds.its_cctv import ItsCctvOptions, fetch

NOW = datetime(2026, 11, 24, 1, 0, tzinfo=timezone.utc)


def cameras(replay, name, key="K"):
    replay.reply_fixture(f"its_cctv/{name}")
    return fetch(requests.Session(), ItsCctvOptions(base_url=replay.url, api_key=key), NOW).records


def test_a_list_of_cameras_with_their_district(replay, caplog):
    found = cameras(replay, "list.json")
    assert [(c.name, c.district, c.source) for c in found] == [
        ("[강남대로] 강남역", "서초구", "its"), ("<img src=x onerror=alert(1)>세종대로", "중구", "its")]
    assert found[0].lat == 37.4979 and found[0].lon == 127.0276 and "wmsAuthSign=abc" in found[0].url
    assert "1 of 3 ITS cameras dropped as unreadable" in caplog.text
    path = replay.paths[0]
    assert path.startswith("/cctvInfo?apiKey=K&type=all&cctvType=4&minX=126.76&maxX=127.18&minY=37.41&maxY=37.7")


def test_a_single_object_and_an_empty_list(replay):
    (one,) = cameras(replay, "single.json")
    assert one.name == "[올림픽대로] 가양대교" and one.district == "강서구"
    assert cameras(replay, "empty.json") == ()


def test_ids_are_stable_while_urls_change(replay):
    first = cameras(replay, "list.json")[0]
    replay.reply(200, replay.body.replace(b"wmsAuthSign=abc", b"wmsAuthSign=new"))
    again = fetch(requests.Session(), ItsCctvOptions(base_url=replay.url, api_key="K"), NOW).records[0]
    assert again.camera_id == first.camera_id and again.url != first.url


def test_a_refused_key(replay):
    with pytest.raises(AuthError, match="4005") as info:
        cameras(replay, "bad_key.json", key="SECRET")
    assert "SECRET" not in str(info.value)
