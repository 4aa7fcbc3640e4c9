"""The 재난안전 panel and incident sheet with sample incidents."""

import dataclasses
from datetime import datetime, timedelta, timezone

from PySide6.QtCore import Qt

from feeds.incidents import DisasterMessage, Incident, Stage
from widgets import theme
from widgets.disaster_panel import DisasterPanel, status_line
from widgets.format import when_text
from widgets.incident_item import IncidentItem
from widgets.incident_sheet import IncidentSheet, timeline
from widgets.nearby_cameras import NearbyCamerasView

NOW = datetime(2026, 11, 24, 1, 30, tzinfo=timezone.utc)  # 10:30 in Seoul


def ago(minutes):
    return NOW - timedelta(minutes=minutes)


def test_no_incidents_is_not_the_same_as_no_data(qtbot):
    panel = DisasterPanel(theme.Metrics(1.0))
    qtbot.addWidget(panel)
    panel.set_incidents([], NOW, have_data=False)
    assert panel.empty.text().startswith("아직 받은 자료가 없습니다")
    panel.set_incidents([], NOW, have_data=True)
    assert panel.empty.text().startswith("현재 진행 중인 사고가 없습니다")


def test_the_kind_filter_hides_rows(qtbot):
    panel = DisasterPanel(theme.Metrics(1.0))
    qtbot.addWidget(panel)
    panel.resize(900, 1600)
    panel.show()
    fire = Incident("F", "fire", "화재", ago(5), 37.5, 127.0, district="강동구", stage="출동지령")
    road = Incident("R", "road", "공사", ago(50), 37.5, 127.0, district="중구", stage="통제중")
    panel.set_incidents([IncidentItem(f"d/{i.source_id}", i, "d", "d") for i in (fire, road)], NOW)
    assert [r.key for r in panel.rows if not r.isHidden()] == ["d/F", "d/R"]
    with qtbot.waitSignal(panel.filter.changed):
        panel.filter.buttons["road"].click()
    assert [r.key for r in panel.rows if not r.isHidden()] == ["d/F"]
    assert panel.summary.text() == "진행 중 1건 · 최근 종료 0건"


def test_a_short_panel_shows_the_rows_that_fit_and_counts_the_rest(qtbot):
    """A smaller screen: fewer rows, each whole (none squeezed over another), the rest counted."""
    panel = DisasterPanel(theme.Metrics(1.0))
    qtbot.addWidget(panel)
    panel.resize(900, 2400)
    panel.show()
    fires = [Incident(f"F{n}", "fire", "화재", ago(n), 37.5, 127.0, district="강동구", stage="출동지령")
             for n in range(14)]
    panel.set_incidents([IncidentItem(f"d/{i.source_id}", i, "d", "d") for i in fires], NOW)
    assert panel.listed.shown == 10 and panel.more.text() == "외 4건 — 지도에서 확인하세요"
    panel.resize(900, 1200)
    shown = [r for r in panel.rows if not r.isHidden()]
    assert 2 <= len(shown) < 10 and panel.more.text() == f"외 {14 - len(shown)}건 — 지도에서 확인하세요"
    assert all(r.height() >= r.sizeHint().height() for r in shown)
    assert all(a.geometry().bottom() < b.geometry().top() for a, b in zip(shown, shown[1:]))
    assert [r.key for r in shown] == [f"d/F{n}" for n in range(len(shown))]  # the first ones, in order


def test_status_line_says_what_it_knows():
    fire = Incident("F", "fire", "화재", ago(14), 37.5, 127.0, agency="강동소방서", stage="활동개시",
                    stages=(Stage("출동지령", ago(14)), Stage("활동개시", ago(8))))
    assert status_line(fire, NOW) == "활동개시 10:22 · 14분 경과 · 강동소방서"
    lost = Incident("X", "rescue", "수난", ago(3), stage="수색중")
    assert status_line(lost, NOW) == "수색중 · 3분 경과 · 위치 미표시"


def test_the_ticker_rotates_messages(qtbot):
    panel = DisasterPanel(theme.Metrics(1.0))
    qtbot.addWidget(panel)
    panel.set_incidents([], NOW)
    panel.set_messages([DisasterMessage("a", "첫째", "한파", "서울특별시 전체", ago(60)),
                        DisasterMessage("b", "<b>둘째</b>", "화재", "서울특별시 강동구", ago(5))])
    assert panel.ticker.text().endswith("첫째") and "(1/2)" in panel.ticker.text()
    panel._next_message()  # what the 8 s timer does
    assert panel.ticker.text().endswith("<b>둘째</b>")
    assert panel.ticker.textFormat() == Qt.TextFormat.PlainText


def test_sheet_timeline_lists_the_chain_then_unknown_stages(qtbot):
    odd = Incident("R", "rescue", "수난", ago(20), stage="수색중",
                   stages=(Stage("출동지령", ago(20)), Stage("수색중", ago(10))))
    assert [(label, bool(stage)) for label, stage in timeline(odd)] == [
        ("출동지령", True), ("현장도착", False), ("구조활동", False), ("구조완료", False), ("상황종결", False),
        ("수색중", True)]
    sheet = IncidentSheet(theme.Metrics(1.0), NearbyCamerasView(theme.Metrics(1.0), 3))
    qtbot.addWidget(sheet)
    sheet.show_item(IncidentItem("d/R", odd, "d", "119 출동 현황"), NOW, "10:29 기준 · 방금")
    assert sheet.fact_values["주소"].text() == "주소 정보 없음"
    assert sheet.flags.text().startswith("위치 좌표 없음")
    assert sheet.timeline.itemAtPosition(5, 2).widget().text() == "+10분"
    assert sheet.source.text() == "출처 119 출동 현황 · 10:29 기준 · 방금"


def test_a_closure_says_when_it_is_expected_to_clear():
    closure = Incident("A", "road", "공사", ago(25), stage="통제중", agency="서울시",
                       expected_clear=NOW + timedelta(minutes=95))
    assert f" · {when_text(NOW + timedelta(minutes=95), NOW)} 해제 예정" in status_line(closure, NOW)
    assert "해제 예정" not in status_line(dataclasses.replace(closure, closed=True), NOW)
