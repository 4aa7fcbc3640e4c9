"""The camera catalogue's pure parts: nearest usable cameras on the ground, URLs safe to show."""

from feeds.cameras import OFFLINE, PLAYING, Camera, CameraHealth, nearest_usable, redact_url
from widgets.nearby_cameras import skipped_text

CITY_HALL = (37.5663, 126.9779)
CAMERAS = [Camera("gangnam", "강남역", "rtsp://g", lat=37.4979, lon=127.0276),
           Camera("plaza", "서울광장", "rtsp://p", lat=37.5658, lon=126.9780),
           Camera("nowhere", "위치 없음", "rtsp://n"),
           Camera("gwanghwamun", "광화문", "rtsp://k", lat=37.5720, lon=126.9769),
           Camera("yeouido", "여의도", "rtsp://y", lat=37.5271, lon=126.9246)]


def test_the_nearest_cameras_come_first_by_distance_on_the_ground():
    found = nearest_usable(CAMERAS, {}, *CITY_HALL, count=3)
    assert [c.camera_id for c, _m in found.cameras] == ["plaza", "gwanghwamun", "yeouido"]
    assert 40 < found.cameras[0][1] < 80 and found.offline_skipped == 0


def test_offline_cameras_are_skipped_and_counted():
    health = {"plaza": CameraHealth("plaza", OFFLINE), "gwanghwamun": CameraHealth("gwanghwamun", PLAYING),
              "gangnam": CameraHealth("gangnam", OFFLINE)}
    found = nearest_usable(CAMERAS, health, *CITY_HALL, count=2)
    assert [c.camera_id for c, _m in found.cameras] == ["gwanghwamun", "yeouido"]
    assert found.offline_skipped == 1  # 강남 is farther than the last one chosen: not counted
    assert nearest_usable(CAMERAS, health, *CITY_HALL, count=0).cameras == ()
    assert nearest_usable([], {}, *CITY_HALL, count=3).cameras == ()


def test_cameras_beyond_the_radius_are_not_nearby():
    found = nearest_usable(CAMERAS, {}, *CITY_HALL, count=3, radius_m=2000)
    assert [c.camera_id for c, _m in found.cameras] == ["plaza", "gwanghwamun"]  # 여의도 is ~5 km away
    far = nearest_usable(CAMERAS, {}, 37.65, 127.07, count=3, radius_m=2000)  # 노원, kilometres from any
    assert far.cameras == () and skipped_text(far) == "반경 2 km 안에 카메라 없음 · no camera within 2 km"


def test_credentials_and_tokens_never_show():
    assert redact_url("rtsp://admin:s3cret@10.0.0.5:554/stream1") == "rtsp://***@10.0.0.5:554/stream1"
    assert (redact_url("https://cctvsec.ktict.co.kr/1001/playlist.m3u8?wmsAuthSign=abc&x=1")
            == "https://cctvsec.ktict.co.kr/1001/playlist.m3u8?wmsAuthSign=***&x=1")
    assert redact_url("rtsp://10.0.0.5/live?token=zz") == "rtsp://10.0.0.5/live?token=***"
