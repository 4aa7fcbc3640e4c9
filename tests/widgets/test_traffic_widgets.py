"""교통상황's words on the panel: attention order, the citywide line, the subway line."""

from datetime import datetime, timezone

from feeds.subway import LineStatus
from feeds.traffic import HotspotStatus
from widgets.traffic_panel import attention, citywide_text, subway_text

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc)


def spot(area, road=None, speed=None, crowd=None):
    return HotspotStatus(area, NOW, road_level=road, road_speed=speed, crowd_level=crowd)


def test_crowds_first_then_jams():
    spots = [spot("가", "원활", 40, "보통"), spot("나", "정체", 8, "보통"), spot("다", "원활", 35, "붐빔"), spot("라")]
    assert [s.area for s in sorted(spots, key=attention)] == ["다", "나", "가", "라"]
    assert citywide_text(spots) == ("28", "원활 2 · 서행 0 · 정체 1곳")  # the mean of the speeds given


def test_the_subway_line_names_only_what_is_hit():
    lines = (LineStatus("시청", "1호선", 2), LineStatus("시청", "2호선", 2, disrupted=True), LineStatus("강남", "2호선", 2))
    assert subway_text(lines) == "지하철 · 시청 2호선 지연 · 강남 정상"
    assert subway_text(()) == "지하철 · 도착 정보 없음"
