"""EPSG:5181 conversion and offline reverse geocoding."""

import pytest

from feeds.geo import distance_m, district_in, locate, tm_to_wgs84, wgs84_to_tm
from feeds.incidents import Incident


def test_city_hall_converts_both_ways():
    lat, lon = tm_to_wgs84(198047.5, 451862.8)
    assert lat == pytest.approx(37.5663, abs=1e-4) and lon == pytest.approx(126.9779, abs=1e-4)
    x, y = wgs84_to_tm(37.5663, 126.9779)
    assert x == pytest.approx(198047.5, abs=2) and y == pytest.approx(451862.8, abs=2)


def test_distance_on_the_ground():
    # City Hall to Gangnam station is about 8.6 km as the crow flies
    assert distance_m(37.5663, 126.9779, 37.4979, 127.0276) == pytest.approx(8_750, rel=0.03)


def test_locate_fills_district_and_dong_from_coordinates():
    found = locate(Incident("x", "fire", "화재", lat=37.5663, lon=126.9779))
    assert (found.district, found.dong, found.outside_seoul) == ("중구", "태평로1가", False)


def test_locate_keeps_but_flags_points_outside_seoul():
    found = locate(Incident("x", "fire", "화재", lat=35.1796, lon=129.0756))
    assert found.outside_seoul and found.has_pin and found.district is None
    assert locate(Incident("y", "fire", "화재", lat=999.0, lon=0.0)).outside_seoul


def test_district_from_an_address_without_coordinates():
    assert district_in("서울특별시 마포구 상암동") == "마포구"
    assert locate(Incident("x", "fire", "화재", address="서울특별시 마포구 상암동")).district == "마포구"
    assert district_in("경기도 성남시") is None and district_in(None) is None
