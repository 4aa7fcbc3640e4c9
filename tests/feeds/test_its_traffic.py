"""ITS trafficInfo joined with the operator's link geometry: levels, one-object items, errors."""

import json
from datetime import datetime

import pydantic
import pytest
import requests

from feeds.errors import AuthError
from feeds.its_traffic import ItsTrafficOptions, fetch
from feeds.records import SEOUL_TZ
from tests.conftest import FIXTURES

NOW = datetime(2026, 11, 24, 19, 56, tzinfo=SEOUL_TZ)
GEOMETRY = FIXTURES / "traffic" / "its_link_geometry.geojson"


def options(url, geometry=GEOMETRY):
    return ItsTrafficOptions(base_url=url, api_key="K", link_geometry=geometry)


def test_links_drawn_by_the_geometry_file_at_their_level(replay):
    replay.reply_fixture("traffic/its_traffic.json")
    result = fetch(requests.Session(), options(replay.url), NOW)
    links = {link.link_id: link for link in result.records}
    assert sorted(links) == ["1220003800", "1220003900", "1240000100"]  # not in the geometry file: not drawn
    assert [links[k].level for k in sorted(links)] == ["정체", "서행", "원활"]
    assert links["1220003800"].coordinates() == [(37.571, 126.9769), (37.5702, 126.977), (37.569, 126.9772)]
    assert len(links["1220003900"].coordinates()) == 4  # a MultiLineString's parts, in order
    assert result.source_time == datetime(2026, 11, 24, 19, 55, tzinfo=SEOUL_TZ)
    assert replay.paths[0].startswith("/trafficInfo?apiKey=K&type=all&drcType=all&minX=126.76")


def test_one_object_items_and_a_refused_key(replay):
    replay.reply(200, json.dumps({"header": {"resultCode": 0}, "body": {"items": {
        "linkId": "1240000100", "speed": "5", "createdDate": "20261124195500"}}}))
    assert [link.level for link in fetch(requests.Session(), options(replay.url), NOW).records] == ["정체"]
    replay.reply(200, json.dumps({"header": {"resultCode": 4005, "resultMsg": "존재하지 않는 인증키입니다."}}))
    with pytest.raises(AuthError):
        fetch(requests.Session(), options(replay.url), NOW)


def test_a_missing_geometry_file_is_a_config_error(tmp_path):
    with pytest.raises(pydantic.ValidationError, match="no such file"):
        options("http://x", tmp_path / "links.geojson")
