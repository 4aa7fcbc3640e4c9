"""주요사업 end to end, offscreen: a folder of project files -> the watched feed -> cache -> the list, the
map, a project's sheet with its PDF, the quiet slip notice; edits arrive by themselves within seconds,
a broken file keeps the last good report and says so, a removed folder leaves the wall."""

import shutil
import sqlite3

import pytest
from PySide6.QtCore import Qt

from feeds.projects import SAMPLES
from kiosk.app.state import DomainKey
from tests.conftest import FIXTURES
from tests.kiosk.test_wall import wall  # noqa: F401 (fixture)
from tests.kiosk.wall_config import feeds_config
from tests.map_probe import ask

SHOWN = ("seoullo-7017", "dasi-sewoon", "gwanghwamun-square", "changsin-sungin")  # a PDF, behind, done, an area


@pytest.fixture
def projects(qtbot, tmp_path, wall):  # noqa: F811
    folder = tmp_path / "projects"
    for name in SHOWN:
        shutil.copytree(SAMPLES / name, folder / name)
    app = wall(feeds_config(tmp_path, [("projects", "projects", {"folder": str(folder)})]))
    app.folder = folder
    qtbot.waitUntil(lambda: app.controller.last_snapshot is not None
                    and len(app.controller.last_snapshot.domains[DomainKey.PROJECTS].pages) == 4, timeout=15000)
    qtbot.waitUntil(lambda: app.window.map.is_ready, timeout=30000)
    app.controller.state.change(domain=DomainKey.PROJECTS)
    return app


def rows(view):
    return [(r.name.fullText(), r.chip.text(), r.percent.text()) for r in view.panel.rows if not r.isHidden()]


def edit(folder, name, old, new):
    path = folder / name / "project.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_list_the_map_a_sheet_and_its_document(qtbot, projects):
    app, window = projects, projects.window
    view = app.controller.views[DomainKey.PROJECTS]
    qtbot.waitUntil(lambda: len(rows(view)) == 4, timeout=5000)
    assert [r[:2] for r in rows(view)] == [("다시세운 프로젝트", "지연"), ("서울로 7017", "정상"),
                                           ("창신·숭인 도시재생", "정상"), ("광화문광장 보행 개선", "완료")]  # slipping first
    assert view.panel.counts.text() == "4개 사업 · 정상 2 · 지연 1 · 완료 1"
    assert "예시 자료" in view.panel.note.text()
    tile = window.summary_panel.tiles[DomainKey.PROJECTS]
    assert tile.headline.text() == "지연 1 · 4개 사업"
    assert window.notice_bar.isVisible() and not window.alert_banner.isVisible()
    assert window.notice_bar.text.fullText().startswith("주요사업 지연 · 다시세운 프로젝트 — 공정률 41.8%")

    qtbot.waitUntil(lambda: set(ask(qtbot, window.map, "roads()")["places"]) == set(SHOWN), timeout=5000)
    assert ask(qtbot, window.map, "roads()")["places"]["dasi-sewoon"]["level"] == "지연 42%"
    assert ask(qtbot, window.map, "roads()")["areas"] == [{"colour": "#2f9e44", "corners": 4}]  # 창신·숭인, 정상
    ask(qtbot, window.map, "placeTouch('seoullo-7017')")  # a touch on the mark: the project's sheet
    qtbot.waitUntil(lambda: window.domain_stack.currentWidget() is view.sheet, timeout=5000)
    sheet = view.sheet
    assert sheet.title.fullText() == "서울로 7017" and sheet.sample.isVisible()
    assert sheet.manager.text().startswith("담당 김서연 (예시) 서울역일대도시재생과장 · 도시재생본부 서울역일대도시재생과")
    assert [b.text() for b in sheet.actions.buttons] == ["📞 김서연 (예시) 서울역일대도시재생과장 연결", "업무 지시"]  # the manager
    sheet.tabs["추진일정"].click()
    assert [m.name for m in sheet.gantt.milestones] == ["기본계획·설계", "인허가·보상", "공사", "준공·개장 준비"]
    sheet.tabs["공정률"].click()
    assert len(sheet.history.curves[0].xData) == len(sheet.page.history) > 10  # the reports in the file, kept
    sheet.tabs["관련문서"].click()
    sheet.documents[0].click()
    assert sheet.stack.currentWidget() is sheet.viewer
    assert sheet.viewer.document.pageCount() == 3 and sheet.viewer.page_label.text() == "1 / 3 쪽"
    sheet.viewer.buttons["next"].click()
    assert sheet.viewer.page_label.text() == "2 / 3 쪽"
    sheet.close_button.click()
    assert window.domain_stack.currentWidget() is view.panel

    window.notice_bar.open_button.click()  # the notice opens its project, and is acknowledged
    assert app.controller.state.view.sheet == "dasi-sewoon" and not window.notice_bar.isVisible()
    assert "지연 · 공정률 41.8% · 계획 55.5% (13.7%p 늦음)" in view.sheet.reasons.text()


def test_edits_arrive_by_themselves_and_broken_files_keep_the_last_good_report(qtbot, projects):
    app, folder = projects, projects.folder
    view = app.controller.views[DomainKey.PROJECTS]
    qtbot.waitUntil(lambda: len(rows(view)) == 4, timeout=5000)
    edit(folder, "seoullo-7017", "percent = 54.6\nplanned_percent", "percent = 61.0\nplanned_percent")
    edit(folder, "seoullo-7017", "as_of = 2026-11-20\nsource", "as_of = 2026-11-27\nsource")
    qtbot.waitUntil(lambda: ("서울로 7017", "정상", "61.0%") in rows(view), timeout=5000)  # no poll: the watch
    with sqlite3.connect(app.runtime.cache_path) as db:
        kept = db.execute("SELECT as_of, percent FROM project_progress WHERE project_id = 'seoullo-7017' "
                          "ORDER BY as_of DESC LIMIT 2").fetchall()
    assert [p for _a, p in kept] == [61.0, 54.6]  # the new report beside the old one

    edit(folder, "seoullo-7017", "[manager]", "[managr]")
    qtbot.waitUntil(lambda: ("서울로 7017 ⚠", "정상", "61.0%") in rows(view), timeout=5000)
    assert "사업 파일 1개를 읽지 못했습니다" in view.panel.note.text()
    app.controller.state.change(domain=DomainKey.PROJECTS, sheet="seoullo-7017")
    assert view.sheet.problem.isVisible() and "마지막으로 읽은 내용" in view.sheet.problem.text()
    assert app.controller.last_snapshot.health["projects"].state == "fresh"  # the other projects read well

    shutil.rmtree(folder / "gwanghwamun-square")
    qtbot.waitUntil(lambda: len(rows(view)) == 3, timeout=5000)
    (folder / "new-one").mkdir()  # a folder without its project.toml yet: said, not hidden
    qtbot.waitUntil(lambda: ("new-one ⚠", "파일 오류", "—") in rows(view), timeout=5000)


def test_the_news_ticker_and_each_projects_related_news(qtbot, tmp_path, wall, replay):  # noqa: F811
    folder = tmp_path / "projects"
    shutil.copytree(SAMPLES / "dasi-sewoon", folder / "dasi-sewoon")
    body = (FIXTURES / "rss" / "seoul_news.xml").read_bytes().replace(
        b"</channel>", (FIXTURES / "rss" / "hostile.xml").read_bytes().split(b"<title>t</title>")[1].split(b"</channel>")[0]
        + b"</channel>")
    replay.reply(200, body)
    app = wall(feeds_config(tmp_path, [("projects", "projects", {"folder": str(folder)}),
                                       ("news", "rss", {"base_url": replay.url + "/rss"})]))
    ticker = app.window.news_ticker
    qtbot.waitUntil(lambda: len(ticker.items) == 6, timeout=15000)
    assert ticker.isVisible() and ticker.position.text() == "1/6"
    assert ticker.text.fullText() == '(석간) 서울시, "다시세운" 보행교 개통…세운상가~남산 잇는다'
    assert ticker.meta.text() == "11/30 11:00 · 세운재생과"
    assert ticker.text.textFormat() == Qt.TextFormat.PlainText
    shown = set()
    for _ in ticker.items:
        shown.add(ticker.text.fullText())
        ticker.next()
    assert "alert('x') 서울시 긴급 발표" in shown and not any("<" in t for t in shown)

    qtbot.waitUntil(lambda: bool(app.controller.last_snapshot.domains.get(DomainKey.PROJECTS)
                                 and app.controller.last_snapshot.domains[DomainKey.PROJECTS].pages), timeout=15000)
    app.controller.refresh()  # the projects read again after the news arrived (else the 30 s timer does it)
    app.controller.state.change(domain=DomainKey.PROJECTS, sheet="dasi-sewoon")
    sheet = app.controller.views[DomainKey.PROJECTS].sheet
    qtbot.waitUntil(lambda: sheet.tabs["관련뉴스"].text() == "관련뉴스 1", timeout=8000)
    assert sheet.news.text().startswith('· (석간) 서울시, "다시세운" 보행교 개통')
