"""A project's sheet on its own: the operator's markdown shown as text only (raw HTML as its characters,
no image or link loaded), a refresh that keeps where the mayor scrolled, the schedule's dates, 관련뉴스."""

from datetime import date, datetime
from pathlib import Path

from feeds.project_schedule import standing
from feeds.projects import SAMPLES, read_folder
from feeds.records import SEOUL_TZ
from feeds.rss import NewsItem
from widgets import theme
from widgets.project_sheet import ProjectPage, ProjectSheet

TODAY = date(2026, 12, 1)
HOSTILE = ("# 제목\n\n<script>alert('x')</script> <b>굵게</b>\n\n![그림](file:///etc/hostname)\n\n"
           "[바깥 링크](https://example.org)\n\n" + "\n\n".join(f"문단 {n}" for n in range(80)))


def page(detail=HOSTILE, news=()):
    project, report = next((p, r) for p, r in read_folder(SAMPLES)[0] if p.id == "dasi-sewoon")
    return ProjectPage(project, standing(project, TODAY, 10), detail, Path(report.folder), [], list(news))


def sheet(qtbot):
    widget = ProjectSheet(theme.Metrics(0.5))
    qtbot.addWidget(widget)
    widget.resize(900, 800)
    widget.show()
    return widget


def test_markdown_is_text_only_and_a_refresh_keeps_the_scroll(qtbot):
    widget = sheet(qtbot)
    widget.show_project(page(), TODAY)
    widget.show_tab("상세")
    text = widget.detail.toPlainText()
    assert "<script>alert('x')</script>" in text and "<b>굵게</b>" in text  # shown as characters, not markup
    assert "바깥 링크" in text and not widget.detail.openLinks()
    assert widget.detail.loadResource(0, "file:///etc/hostname") is None
    bar = widget.detail.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    widget.show_project(page(), TODAY)  # the 30-second refresh, same text
    assert bar.value() == bar.maximum() // 2
    widget.show_project(page("# 바뀐 내용"), TODAY)
    assert widget.detail.toPlainText() == "바뀐 내용"


def test_the_schedule_dates_and_the_related_news(qtbot):
    widget = sheet(qtbot)
    news = [NewsItem("1", "서울시, 다시세운 보행교 개통", "석간", datetime(2026, 11, 28, 9, tzinfo=SEOUL_TZ), "세운재생과", None)]
    widget.show_project(page(news=news), TODAY)
    assert widget.schedule.text().splitlines()[2] == "공사  계획 2025-10-26 ~ 2027-12-04 · 실제 2026-02-15 ~ 진행 중 (+112일)"
    assert widget.tabs["관련뉴스"].text() == "관련뉴스 1"
    assert widget.news.text() == "· (석간) 서울시, 다시세운 보행교 개통\n   11/28 09:00 · 세운재생과"
    assert widget.reasons.text() == "지연 · 공정률 41.8% · 계획 55.5% (13.7%p 늦음)"
