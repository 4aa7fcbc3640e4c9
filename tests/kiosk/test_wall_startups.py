"""창업생태계 end to end, offscreen: K-Startup over loopback and the city's CSV -> cache -> the figures with
their change, the programmes closing soonest first, a figure's history; an edited CSV arrives by itself."""

import json
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt

from feeds.records import SEOUL_TZ
from kiosk.app.state import DomainKey
from tests.conftest import FIXTURES
from tests.kiosk.test_wall import wall  # noqa: F401 (fixture)
from tests.kiosk.wall_config import feeds_config

CSV = ("month,indicator,value,source\n2025-10,investment_eok,1000,투자 실적\n2026-09,investment_eok,1500,투자 실적\n"
       "2026-10,investment_eok,1800,투자 실적\n2026-10,jobs,5000,고용 조사\n")


def programmes_today():
    """The recorded programmes, closing in 3, 9 and 20 days (one of them in 부산)."""
    doc = json.loads((FIXTURES / "kstartup" / "open_programmes.json").read_text(encoding="utf-8"))
    today = datetime.now(timezone.utc).astimezone(SEOUL_TZ)
    for row, days in zip(doc["data"], (9, 3, 1, 20)):
        row["pbanc_rcpt_end_dt"] = f"{today + timedelta(days=days):%Y%m%d}"
    return json.dumps(doc, ensure_ascii=False).encode()


@pytest.fixture
def startups(qtbot, tmp_path, wall, replay):  # noqa: F811
    replay.reply(200, programmes_today())
    figures = tmp_path / "indicators.csv"
    figures.write_text(CSV, encoding="utf-8")
    app = wall(feeds_config(tmp_path, [("kstartup", "kstartup", {"base_url": replay.url, "service_key": "K"}),
                                       ("startup_indicators", "startup_indicators", {"file": str(figures)})]))
    app.figures = figures
    qtbot.waitUntil(lambda: app.controller.last_snapshot is not None
                    and bool(app.controller.last_snapshot.domains[DomainKey.STARTUPS].programmes)
                    and app.controller.last_snapshot.domains[DomainKey.STARTUPS].figures[1].value is not None,
                    timeout=15000)
    app.controller.state.change(domain=DomainKey.STARTUPS)
    return app


def test_figures_programmes_and_a_figures_history(qtbot, startups):
    app, window = startups, startups.window
    view = app.controller.views[DomainKey.STARTUPS]
    card = view.panel.cards["investment_eok"]
    qtbot.waitUntil(lambda: card.value.text() == "1,800억 원", timeout=5000)
    assert card.change.text() == "전월 +20.0 % · 전년 +80.0 %" and card.month.text() == "2026년 10월 기준 · 최근 3개월"
    assert card.trend.values == [1000.0, 1500.0, 1800.0]  # the trend beside the figure
    assert view.panel.cards["hub_startups"].value.text() == "—"  # not in the file: said, not invented
    assert view.panel.programmes_title.text().startswith("지원사업 모집 중 3건")
    shown = [(chip.text(), name.text()) for chip, name, _d in view.panel.rows if not chip.isHidden()]
    assert shown == [("D-3", "2026년 초기창업패키지 추가 모집 & 딥테크 특화"), ("D-9", "2026 하반기 서울 AI 허브 입주기업 모집"),
                     ("D-20", "수도권 글로벌 진출 지원 (서울·경기)")]  # 부산's left out, the soonest first
    assert window.summary_panel.tiles[DomainKey.STARTUPS].headline.text() == "투자 1,800억 원 · 마감 임박 1"
    assert not view.panel.note.isVisible()  # the operator's own figures: no sample note

    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)  # a touch on the figure
    qtbot.waitUntil(lambda: window.domain_stack.currentWidget() is view.sheet, timeout=5000)
    assert view.sheet.title.fullText() == "투자 유치 · 월별 추이"
    assert [view.sheet.table.cells[i][0].text() for i in range(3)] == ["2026-10", "2026-09", "2025-10"]
    assert view.sheet.table.cells[0][2].text() == "+20.0 %" and view.sheet.source.text() == "출처 · 투자 실적"
    assert len(view.sheet.chart.curves[0].xData) == 3

    app.figures.write_text(CSV + "2026-11,investment_eok,2000,투자 실적\n", encoding="utf-8")
    qtbot.waitUntil(lambda: view.sheet.value.text().startswith("2,000억 원 (2026년 11월)"), timeout=5000)  # the watch
