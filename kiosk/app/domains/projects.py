"""주요사업: the city's major projects from the operator's files, ordered by what needs the mayor's
attention (slipping first), on the map by status, each with its sheet; a slipping one raises a quiet notice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from feeds.project_schedule import attention_order, standing
from feeds.projects import Project, ProjectProblem, ProjectReport
from feeds.records import SEOUL_TZ
from feeds.rss import NewsItem
from kiosk.app.domains.actions import Subject, SubjectActions
from kiosk.app.domains.base import Domain, DomainContext
from kiosk.app.snapshot import feed_ids
from kiosk.app.state import DomainKey, View
from kiosk.config import Config
from widgets.map.layers import project_marks
from widgets.notice_bar import Notice
from widgets.project_panel import BROKEN, ProjectLine, ProjectPanel
from widgets.project_sheet import ProjectPage, ProjectSheet

NEWS_SEARCHED = 300  # the newest press releases searched for each project's keywords


@dataclass(frozen=True)
class ProjectData:
    feed_id: str | None = None
    today: date | None = None
    pages: tuple[ProjectPage, ...] = ()  # by attention: slipping first
    broken: tuple[ProjectProblem, ...] = ()  # folders that never read well (no report to show)


def read_projects(reader, config: Config, now: datetime, _view: View) -> ProjectData:
    ids = feed_ids(config, ProjectReport)
    if not ids:
        return ProjectData()
    reports, problems = reader.projects(ids[0])
    history = reader.progress_history(ids[0])
    news = reader.news(feed_ids(config, NewsItem), NEWS_SEARCHED)
    today = now.astimezone(SEOUL_TZ).date()
    broken = {p.project_id: p for p in problems}
    entries = []
    for report in reports:
        project = report.project()
        entries.append((project, standing(project, today, config.projects.behind_plan_pct), report))
    entries.sort(key=lambda e: attention_order(e[:2]))
    pages = tuple(ProjectPage(p, s, r.detail, Path(r.folder), history.get(p.id, []), related(p, news),
                              broken[r.project_id].problem if r.project_id in broken else None)
                  for p, s, r in entries)
    reported = {r.project_id for r in reports}
    return ProjectData(ids[0], today, pages, tuple(p for p in problems if p.project_id not in reported))


def related(project: Project, news: list[NewsItem]) -> list[NewsItem]:
    """The press releases whose title names one of the project's news keywords (or its name), newest first."""
    words = [w for w in (*project.news_keywords, project.name) if w.strip()]
    return [item for item in news if any(w in item.title for w in words)]


def lines(data: ProjectData) -> list[ProjectLine]:
    """The panel's rows: the projects by attention, then the folders that could not be read."""
    return ([ProjectLine(p.project.id, p.project.name, p.standing.status, p.project.progress.percent,
                         p.standing.planned_percent, p.standing.slip_days, p.standing.milestone, p.project.sample,
                         p.problem is not None) for p in data.pages]
            + [ProjectLine(b.project_id, b.project_id, BROKEN, broken=True) for b in data.broken])


def summary(data: ProjectData) -> tuple[str, str]:
    """"지연 2 · 26개 사업" (watch) or "26개 사업 정상 진행"."""
    late = sum(p.standing.status == "지연" for p in data.pages)
    if not data.pages:
        return ("사업 파일 오류" if data.broken else "—"), "watch" if data.broken else "ok"
    if late:
        return f"지연 {late} · {len(data.pages)}개 사업", "watch"
    return f"{len(data.pages)}개 사업 정상 진행", "ok"


def slip_notices(data: ProjectData) -> list[Notice]:
    """A slipping project is a quiet notice (never the alert banner), from the day it began to slip."""
    return [Notice(p.project.id, f"주요사업 지연 · {p.project.name}", " · ".join(p.standing.reasons),
                   p.standing.late_since) for p in data.pages if p.standing.reasons]


class ProjectsView:
    """The list and a project's sheet; the projects on the map by status while on show."""

    def __init__(self, context: DomainContext):
        self._context = c = context
        self.panel = ProjectPanel(c.metrics)
        self.sheet = ProjectSheet(c.metrics)
        self.pages = (self.panel, self.sheet)
        self.data = ProjectData()
        self.by_id: dict[str, ProjectPage] = {}
        self._shown = False
        self.panel.project_selected.connect(self.open_project)
        c.map.place_clicked.connect(self.open_project)
        self.sheet.closed.connect(lambda: c.state.change(sheet=None))
        self.actions = SubjectActions(self.sheet.actions, c, self._subject)

    def apply(self, data: ProjectData, snapshot) -> None:
        self.data = data
        self.by_id = {p.project.id: p for p in data.pages}
        self.panel.set_projects(lines(data), len(data.broken) + sum(p.problem is not None for p in data.pages))
        if data.feed_id:
            self.panel.set_health(snapshot.health[data.feed_id], snapshot.now)
        if self._shown:
            self._context.map.set_places(project_marks((p.project, p.standing) for p in data.pages))
        if self.sheet.project_id in self.by_id:
            self.sheet.show_project(self.by_id[self.sheet.project_id], data.today)

    def show(self, view: View) -> None:
        if not self._shown:
            self._shown = True
            self._context.map.set_districts({})
            self._context.map.set_places(project_marks((p.project, p.standing) for p in self.data.pages))
        page = self.by_id.get(view.sheet or "")
        if page is None:
            if self.sheet.project_id is not None:  # the sheet closed: the whole city again
                self._context.map.focus_place(None, None)
            self.sheet.project_id = None
            self._context.show_page(self.panel)
        else:
            self.sheet.show_project(page, self.data.today)
            self.sheet.actions.set_people(self._context.people.for_project(page.project.id))
            self.actions.refresh()
            self._context.map.focus_place(*page.project.location.centre)
            self._context.show_page(self.sheet)

    def _subject(self) -> Subject | None:
        """The open project, its manager suggested for an order."""
        page = self.by_id.get(self.sheet.project_id or "")
        if page is None:
            return None
        return Subject(f"project:{page.project.id}", page.project.name,
                       self._context.orders.for_project(page.project.id))

    def hide(self) -> None:
        self._shown = False
        self.sheet.project_id = None
        self._context.map.set_places([])

    def open_project(self, project_id: str) -> None:
        """A touch on a project's row or mark (unknown ids are ignored)."""
        if project_id in self.by_id:
            self._context.state.change(domain=DomainKey.PROJECTS, sheet=project_id)


PROJECTS = Domain(DomainKey.PROJECTS, "주요사업", "Major Projects", (ProjectReport,), read_projects, ProjectsView,
                  summary=summary, notices=slip_notices)
