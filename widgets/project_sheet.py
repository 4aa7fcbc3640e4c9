"""A project's sheet: 개요, 상세 (the detail.md rendered), 추진일정 (plan against actual), 공정률 over
time, 관련문서 (read in the wall's PDF viewer), 관련뉴스, and the 담당과장 with a one-touch call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (QHBoxLayout, QPushButton, QScroller, QStackedWidget, QTextBrowser, QVBoxLayout,
                               QWidget)

from feeds.project_schedule import Standing
from feeds.projects import Project
from feeds.rss import NewsItem
from widgets import theme
from widgets.common import PanelFrame, close_button, flat_button, text_label, title_row
from widgets.gantt_chart import GanttChart, dates_text
from widgets.news_ticker import headline, meta
from widgets.pdf_viewer import PdfViewer
from widgets.progress_bar import ProgressBar
from widgets.project_panel import chip_style, status_colour
from widgets.sheet_actions import SheetActions
from widgets.trend_chart import TrendChart

TABS = ("개요", "상세", "추진일정", "공정률", "관련문서", "관련뉴스")
TAB_MM = 42.0
NEWS_SHOWN = 8


@dataclass(frozen=True)
class ProjectPage:
    """What the sheet shows of one project."""

    project: Project
    standing: Standing
    detail: str  # markdown
    folder: Path
    history: list[tuple[datetime, float]]  # reported 공정률 over time
    news: list[NewsItem]  # the related press releases, newest first
    problem: str | None = None  # the files are broken now: the sheet shows the last good report


def money(eok: float | None) -> str:
    """억 원 as the city writes it: "1조 1,000억 원", "597억 원"."""
    if eok is None:
        return "—"
    trillions, rest = divmod(round(eok), 10000)
    return f"{trillions}조 {rest:,}억 원" if trillions and rest else (f"{trillions}조 원" if trillions else f"{rest:,}억 원")


def overview_lines(page: ProjectPage) -> list[tuple[str, str]]:
    """(label, text) rows of the 개요 tab."""
    p, s = page.project, page.standing
    budget = p.budget
    spent = f" · 집행 {money(budget.spent_eok)}" if budget and budget.spent_eok is not None else ""
    planned = f" · 계획 {s.planned_percent:.1f}%" if s.planned_percent is not None else ""
    return [
        ("분야", p.category or "—"), ("위치", p.location.district or "—"),
        ("총사업비", (money(budget.total_eok) + spent) if budget else "—"),
        ("공정률", f"{p.progress.percent:.1f}%{planned} ({p.progress.as_of:%Y-%m-%d} {p.progress.source})".strip()),
        ("현재 단계", f"{s.milestone} · {'+' + str(s.slip_days) + '일 늦음' if s.slip_days > 0 else '계획대로'}"
         if s.milestone else "모든 단계 완료"),
        ("갱신", f"{p.updated_at:%Y-%m-%d} {p.updated_by}".strip()),
    ]


def manager_text(project: Project) -> str:
    m = project.manager
    return " · ".join(part for part in (f"담당 {m.name} {m.title}".strip(), m.dept, f"☎ {m.tel}" if m.tel else "") if part)


class ProjectSheet(PanelFrame):
    """Closable with one touch (`closed`); the tabs are large buttons."""

    closed = Signal()

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(metrics, "projectSheet", parent)
        self._m = metrics
        self.project_id: str | None = None
        self.page: ProjectPage | None = None
        self.title = text_label("", metrics.font(theme.TITLE_MM, bold=True), elide=True)
        self.chip = text_label("", metrics.font(theme.HEADING_MM, bold=True))
        self.sample = text_label("예시", metrics.font(theme.BODY_MM, bold=True))
        self.sample.setStyleSheet(chip_style(metrics, theme.SIMULATION))
        self.problem = text_label("", metrics.font(theme.SMALL_MM), theme.STATE_COLOURS["stale"], wrap=True)
        self.close_button = close_button(metrics, self.closed.emit)
        self.tabs = {name: self._tab_button(name) for name in TABS}
        self.stack = QStackedWidget()
        self.summary = text_label("", metrics.font(theme.HEADING_MM), wrap=True)
        self.percent = text_label("", metrics.font(theme.TITLE_MM, bold=True))
        self.bar = ProgressBar(metrics, 16)
        self.facts = text_label("", metrics.font(theme.HEADING_MM), wrap=True)
        self.reasons = text_label("", metrics.font(theme.HEADING_MM, bold=True), status_colour("지연"), wrap=True)
        self.detail = _browser(metrics)
        self.gantt = GanttChart(metrics)
        self.schedule = text_label("", metrics.font(theme.BODY_MM), wrap=True)
        self.history = TrendChart(metrics, ("공정률 %",), y_floor=100)
        self.history_note = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM, wrap=True)
        self.documents: list[QPushButton] = []
        self.documents_box = QVBoxLayout()
        self.viewer = PdfViewer(metrics)
        self.news = text_label("", metrics.font(theme.HEADING_MM), wrap=True)
        self.manager = text_label("", metrics.font(theme.BODY_MM, bold=True), wrap=True)
        self.actions = SheetActions(metrics)  # the manager's one-touch call, 업무 지시 and the orders given
        self.viewer.closed.connect(lambda: self.show_tab("관련문서"))
        self._build(metrics)

    def _tab_button(self, name: str) -> QPushButton:
        button = QPushButton(name)
        button.setFont(self._m.font(theme.BODY_MM, bold=True))
        button.setMinimumHeight(self._m.px(TAB_MM))
        button.setCheckable(True)
        button.setStyleSheet(f"QPushButton {{ background:{theme.SURFACE_RAISED}; color:{theme.TEXT}; border:none;"
                             f"border-radius:{self._m.px(6)}px; }} QPushButton:checked {{ background:{theme.ACCENT};"
                             f"color:{theme.PIN_TEXT}; }}")
        button.clicked.connect(lambda: self.show_tab(name))
        return button

    def _build(self, m: theme.Metrics) -> None:
        heading = QHBoxLayout()
        heading.setSpacing(m.px(12))
        heading.addWidget(self.chip)
        heading.addWidget(self.sample)
        heading.addWidget(self.title, 1)
        tabs = QHBoxLayout()
        tabs.setSpacing(m.px(6))
        for button in self.tabs.values():
            tabs.addWidget(button)
        overview = _page(m, self.summary, self.percent, self.bar, self.facts, self.reasons)
        documents = _page(m)
        documents.layout().insertLayout(0, self.documents_box)
        for widget in (overview, self.detail, _page(m, self.gantt, self.schedule),
                       _page(m, self.history_note, (self.history, 1)),
                       documents, _page(m, self.news), self.viewer):
            self.stack.addWidget(widget)
        column = self.column
        column.setSpacing(m.px(10))
        column.addLayout(title_row(_holder(heading), self.close_button))
        column.addWidget(self.problem)
        column.addLayout(tabs)
        column.addWidget(self.stack, 1)
        column.addWidget(self.manager)
        column.addWidget(self.actions)

    def show_tab(self, name: str) -> None:
        for tab, button in self.tabs.items():
            button.setChecked(tab == name)
        self.stack.setCurrentIndex(TABS.index(name))

    def show_project(self, page: ProjectPage, today: date) -> None:
        """Fill every tab (again on each update while open); a new project opens on 개요."""
        if page.project.id != self.project_id:
            self.show_tab("개요")
        self.project_id, self.page = page.project.id, page
        p, s = page.project, page.standing
        self.title.setText(p.name)
        self.chip.setText(s.status)
        self.chip.setStyleSheet(chip_style(self._m, status_colour(s.status)))
        self.sample.setVisible(p.sample)
        self.problem.setText("⚠ 이 사업의 파일에 오류가 있어 마지막으로 읽은 내용을 보여 줍니다 (운영자 확인 필요)"
                             if page.problem else "")
        self.problem.setVisible(bool(page.problem))
        self.summary.setText(p.summary)
        self.percent.setText(f"공정률 {p.progress.percent:.1f}%")
        self.percent.setStyleSheet(f"color:{status_colour(s.status)};")
        self.bar.set_progress(p.progress.percent, s.planned_percent, status_colour(s.status))
        self.facts.setText("\n".join(f"{label}  {text}" for label, text in overview_lines(page)))
        self.reasons.setText("\n".join(f"지연 · {r}" for r in s.reasons))
        self.reasons.setVisible(bool(s.reasons))
        detail = page.detail or "_상세 내용이 아직 없습니다._"
        if detail != self.detail.shown:  # an unchanged text keeps where the mayor has scrolled to
            self.detail.setMarkdown(detail)
        self.gantt.set_schedule(p.milestones, today)
        self.schedule.setText("\n".join(dates_text(m, today) for m in self.gantt.milestones))
        self.history.set_points([(at, percent) for at, percent in page.history])
        self.history_note.setText(f"보고 {len(page.history)}회 · 최근 {p.progress.as_of:%Y-%m-%d}"
                                  f" {p.progress.percent:.1f}% · 출처 {p.progress.source or '—'}")
        self._set_documents(page)
        self.news.setText("\n\n".join(f"· {headline(item)}\n   {meta(item)}" for item in page.news[:NEWS_SHOWN])
                          or "이 사업을 다룬 시정뉴스가 아직 없습니다.")
        self.tabs["관련뉴스"].setText(f"관련뉴스 {len(page.news)}" if page.news else "관련뉴스")
        self.manager.setText(manager_text(p))

    def _set_documents(self, page: ProjectPage) -> None:
        while len(self.documents) < len(page.project.documents):
            button = flat_button(self._m, "", (0, 55), extra_css="text-align:left;")
            index = len(self.documents)
            button.clicked.connect(lambda _=False, i=index: self.open_document(i))
            self.documents_box.addWidget(button)
            self.documents.append(button)
        for index, button in enumerate(self.documents):
            shown = index < len(page.project.documents)
            button.setVisible(shown)
            if shown:
                button.setText(f"📄 {page.project.documents[index].title}")
        self.tabs["관련문서"].setText(f"관련문서 {len(page.project.documents)}")

    def open_document(self, index: int) -> None:
        """The document in the PDF viewer, in the tabs' place."""
        document = self.page.project.documents[index]
        self.viewer.open_document(self.page.folder / document.file, document.title)
        for tab, button in self.tabs.items():
            button.setChecked(tab == "관련문서")
        self.stack.setCurrentWidget(self.viewer)


def _browser(metrics: theme.Metrics) -> QTextBrowser:
    """Markdown as text: no link leaves the wall, no image or HTML is loaded."""
    browser = _TextOnly()
    browser.setOpenLinks(False)
    browser.setFont(metrics.font(theme.BODY_MM))
    browser.setStyleSheet(f"background:{theme.SURFACE}; color:{theme.TEXT}; border:none;")
    browser.document().setDefaultStyleSheet(f"h1, h2 {{ color:{theme.TEXT}; }}")
    QScroller.grabGesture(browser.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    return browser


class _TextOnly(QTextBrowser):
    """Loads nothing: an operator's markdown may name images or pages, the wall shows text only."""

    shown = ""

    def setMarkdown(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self.shown = text
        self.document().setMarkdown(text, QTextDocument.MarkdownFeature.MarkdownDialectGitHub
                                    | QTextDocument.MarkdownFeature.MarkdownNoHTML)

    def loadResource(self, _kind: int, _url):  # noqa: N802 (Qt's name)
        return None


def _page(metrics: theme.Metrics, *widgets) -> QWidget:
    page = QWidget()
    column = QVBoxLayout(page)
    column.setContentsMargins(0, metrics.px(8), 0, 0)
    column.setSpacing(metrics.px(10))
    for item in widgets:
        widget, stretch = item if isinstance(item, tuple) else (item, 0)
        column.addWidget(widget, stretch)
    column.addStretch(0 if any(isinstance(i, tuple) for i in widgets) else 1)
    return page


def _holder(layout) -> QWidget:
    holder = QWidget()
    holder.setLayout(layout)
    layout.setContentsMargins(0, 0, 0, 0)
    return holder
