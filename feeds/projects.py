"""주요사업: the city's major projects as operator files, one folder per project.

No API carries them (the 2017 wall took them from internal systems), so each project is a folder
under a configured directory: `project.toml` (validated strictly, like config.toml), `detail.md`,
and its documents as local PDFs. The format is documented in docs/projects.md. A broken folder
never hides the others: it becomes a `ProjectProblem` naming the file and key path.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Callable, ClassVar, Literal

import pydantic
import requests

from feeds.base import Feed, FeedResult, FileFeedOptions, register
from feeds.errors import UnavailableError
from feeds.key_paths import issues_from
from feeds.local_files import read_text, read_toml, within
from feeds.records import SEOUL_TZ

_LOGGER = logging.getLogger(__name__)
SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "projects"  # the built-in sample projects
PROJECT_FILE, DETAIL_FILE = "project.toml", "detail.md"
STATUSES = ("정상", "지연", "완료", "중단")
MAX_FILE_BYTES = 1_000_000  # a project.toml or detail.md beyond this is a mistake, not a report
FOLDER_TIMEOUT_S = 30.0  # every project's listing and files together
SEOUL_BOX = (37.40, 126.70, 37.73, 127.22)  # lat, lon, lat, lon: a point outside is a typo


class _Strict(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)


def _in_seoul(lat: float, lon: float) -> None:
    south, west, north, east = SEOUL_BOX
    if not (south <= lat <= north and west <= lon <= east):
        raise ValueError(f"({lat}, {lon}) is not in Seoul (lat {south}-{north}, lon {west}-{east})")


class Location(_Strict):
    """A point (`lat`, `lon`) or an area (`area`: [[lat, lon], …], three corners at least)."""

    lat: float | None = None
    lon: float | None = None
    area: tuple[tuple[float, float], ...] = ()
    district: str = ""  # 구, as the wall names it

    @pydantic.model_validator(mode="after")
    def _point_or_area(self) -> "Location":
        point = (self.lat, self.lon)
        if self.area and point != (None, None):
            raise ValueError("give a point (lat, lon) or an area, not both")
        if not self.area and None in point:
            raise ValueError("give both lat and lon, or an area of [lat, lon] corners")
        if self.area and len(self.area) < 3:
            raise ValueError("an area needs three corners at least")
        for lat, lon in self.area or (point,):
            _in_seoul(lat, lon)
        return self

    @property
    def centre(self) -> tuple[float, float]:
        """The point, or the area's corners averaged (where its mark goes)."""
        if not self.area:
            return self.lat, self.lon
        return (sum(p[0] for p in self.area) / len(self.area), sum(p[1] for p in self.area) / len(self.area))


class Budget(_Strict):
    total_eok: float = pydantic.Field(ge=0)  # 억 원
    spent_eok: float | None = pydantic.Field(default=None, ge=0)


class EarlierReport(_Strict):
    as_of: date
    percent: float = pydantic.Field(ge=0, le=100)


class Progress(_Strict):
    percent: float = pydantic.Field(ge=0, le=100)
    planned_percent: float | None = pydantic.Field(default=None, ge=0, le=100)  # 계획 공정률, if reported
    as_of: date
    source: str = ""  # e.g. "월간 공정 보고"
    history: tuple[EarlierReport, ...] = ()  # earlier reports, once; the cache keeps every later change

    @pydantic.model_validator(mode="after")
    def _history_before(self) -> "Progress":
        late = [str(r.as_of) for r in self.history if r.as_of >= self.as_of]
        if late:
            raise ValueError(f"history reports {', '.join(late)} are not before as_of {self.as_of}")
        return self


class Manager(_Strict):
    name: str = pydantic.Field(min_length=1)
    title: str = ""  # 직위, e.g. 도시재생과장
    dept: str = ""
    tel: str = ""
    sip: str = ""  # for the one-touch call (the calls issue)


class Milestone(_Strict):
    name: str = pydantic.Field(min_length=1)
    planned_start: date
    planned_end: date
    actual_start: date | None = None
    actual_end: date | None = None

    @pydantic.model_validator(mode="after")
    def _dates_in_order(self) -> "Milestone":
        if self.planned_end < self.planned_start:
            raise ValueError(f"planned_end {self.planned_end} is before planned_start {self.planned_start}")
        if self.actual_end is not None and self.actual_start is None:
            raise ValueError("actual_end without actual_start")
        if self.actual_end is not None and self.actual_end < self.actual_start:
            raise ValueError(f"actual_end {self.actual_end} is before actual_start {self.actual_start}")
        return self


class Document(_Strict):
    title: str = pydantic.Field(min_length=1)
    file: str = pydantic.Field(min_length=1)  # a PDF in the project's folder


class Project(_Strict):
    """One project.toml."""

    id: str = pydantic.Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")
    name: str = pydantic.Field(min_length=1, max_length=60)
    category: str = ""
    status: Literal["정상", "지연", "완료", "중단"]
    sample: bool = False  # invented figures: the wall marks the project 예시
    summary: str = ""
    location: Location
    budget: Budget | None = None
    progress: Progress
    manager: Manager
    milestones: tuple[Milestone, ...] = pydantic.Field(min_length=1)
    documents: tuple[Document, ...] = ()
    news_keywords: tuple[str, ...] = ()
    updated_at: date | datetime
    updated_by: str = ""


@dataclass(frozen=True)
class ProjectReport:
    """A project as its files say, validated (the whole project.toml as JSON in `document`)."""

    project_id: str
    folder: str  # absolute: documents are read from here
    name: str
    status: str
    document: str
    detail: str  # detail.md, markdown
    updated_at: datetime | None

    def project(self) -> Project:
        return Project.model_validate_json(self.document)


@dataclass(frozen=True)
class ProjectProblem:
    """A project folder whose files are broken: what the operator must fix, with file and key path."""

    project_id: str  # the folder's name
    folder: str
    problem: str


@dataclass(frozen=True)
class ProjectProgress:
    """A reported 공정률, kept as history: one row per report date."""

    project_id: str
    as_of: datetime  # 00:00 Seoul time of the report's day
    percent: float
    planned_percent: float | None
    source: str


class ProjectsOptions(FileFeedOptions):
    """Options of the `projects` feed: the folder that holds one folder per project."""

    folder: str = ""  # empty: the built-in sample projects (invented figures, marked 예시)
    given: ClassVar[str] = "folder"
    samples: ClassVar[Path] = SAMPLES


def day_start(day: date | datetime) -> datetime:
    """A date as 00:00 Seoul time (a datetime keeps its time, in Seoul time)."""
    if isinstance(day, datetime):
        return day if day.tzinfo else day.replace(tzinfo=SEOUL_TZ)
    return datetime.combine(day, time(), SEOUL_TZ)


def read_folder(folder: Path) -> tuple[list[tuple[Project, ProjectReport]], list[ProjectProblem]]:
    """Every project under `folder`, in name order; a broken one as a problem (a repeated id too). The listing
    is bounded like each file: a share that does not answer in FOLDER_TIMEOUT_S is UnavailableError."""
    try:
        return within(FOLDER_TIMEOUT_S, folder, lambda: _read_projects(folder))
    except OSError as exc:
        raise UnavailableError(f"project folder {folder} cannot be read ({exc.strerror})") from exc


def _read_projects(folder: Path) -> tuple[list[tuple[Project, ProjectReport]], list[ProjectProblem]]:
    if not folder.is_dir():
        raise UnavailableError(f"project folder {folder} does not exist or is not a folder")
    good, problems, seen = [], [], set()
    for path in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        try:
            project, report = read_project(path)
        except ProjectFileError as exc:
            problems.append(ProjectProblem(path.name, str(path), str(exc)))
            continue
        if project.id in seen:
            problems.append(ProjectProblem(path.name, str(path),
                                           f"{PROJECT_FILE}: id: {project.id!r} is used by another folder"))
            continue
        seen.add(project.id)
        good.append((project, report))
    return good, problems


class ProjectFileError(ValueError):
    """Every problem of one project folder, one per line, each as `file: key.path: message`."""

    def __init__(self, *issues: str):
        super().__init__("\n".join(issues))


def read_project(path: Path) -> tuple[Project, ProjectReport]:
    """One folder's project, or ProjectFileError listing what is wrong with its files."""
    raw = _toml(path / PROJECT_FILE)
    try:
        project = Project.model_validate(raw)
    except pydantic.ValidationError as exc:
        raise ProjectFileError(*(f"{PROJECT_FILE}: {p}: {m}" if p else f"{PROJECT_FILE}: {m}"
                                 for p, m in issues_from(exc))) from None
    missing = [f"{PROJECT_FILE}: documents[{i}].file: no file {d.file!r} in the folder"
               for i, d in enumerate(project.documents) if not _inside(path, d.file).is_file()]
    if missing:
        raise ProjectFileError(*missing)
    detail = _read(read_text, path / DETAIL_FILE) if (path / DETAIL_FILE).exists() else ""
    return project, ProjectReport(project.id, str(path), project.name, project.status, project.model_dump_json(),
                                  detail, day_start(project.updated_at))


def _inside(folder: Path, name: str) -> Path:
    """A document's path; one that leaves the folder ("../x.pdf", "/etc/x") is treated as missing."""
    target = (folder / name).resolve()
    return target if target.parent == folder.resolve() else folder / "\0"


def _read(read: Callable[[Path, int], Any], path: Path) -> Any:
    """One of the folder's files through the bounded `read`, or ProjectFileError saying why not."""
    try:
        return read(path, MAX_FILE_BYTES)
    except OSError as exc:
        raise ProjectFileError(f"{path.name}: cannot read ({exc.strerror})") from None
    except ValueError as exc:
        raise ProjectFileError(f"{path.name}: {exc}") from None


def _toml(path: Path) -> dict:
    if not path.exists():
        raise ProjectFileError(f"{PROJECT_FILE}: missing")
    return _read(read_toml, path)


def fetch(_session: requests.Session, options: ProjectsOptions, _now: datetime) -> FeedResult:
    """Every project folder: reports, the reported progress, and the broken folders (logged when they change)."""
    good, problems = read_folder(options.path)
    _log_changes(options.path, problems)
    progress = [ProjectProgress(p.id, day_start(r.as_of), r.percent, None, p.progress.source)
                for p, _r in good for r in p.progress.history]
    progress += [ProjectProgress(p.id, day_start(p.progress.as_of), p.progress.percent, p.progress.planned_percent,
                                 p.progress.source) for p, _r in good]
    reports = [r for _p, r in good]
    return FeedResult((*reports, *progress, *problems), max((r.updated_at for r in reports), default=None))


_SAID: dict[Path, dict[str, str]] = {}  # root folder -> its project folders' problems as last logged


def _log_changes(root: Path, broken: list[ProjectProblem]) -> None:
    """Log a folder's problem when it appears or changes, and once when it is mended."""
    before, now = _SAID.get(root, {}), {p.folder: p.problem for p in broken}
    for folder, problem in now.items():
        if before.get(folder) != problem:
            _LOGGER.warning("project folder %s is broken: %s", folder, problem.replace("\n", "; "))
    for folder in set(before) - set(now):
        _LOGGER.warning("project folder %s reads well again", folder)
    _SAID[root] = now


def problems(options: ProjectsOptions) -> list[str]:
    """What `kiosk check-config` reports: each broken project folder with its file and key path."""
    try:
        _good, broken = read_folder(options.path)
    except UnavailableError as exc:
        return [str(exc)]
    return [f"{p.folder}/{issue}" for p in broken for issue in p.problem.splitlines()]


def documents(options: ProjectsOptions) -> list[str]:
    """Every readable project's documents (a missing one is already a problem)."""
    try:
        good, _broken = read_folder(options.path)
    except UnavailableError:
        return []
    return [str(_inside(Path(report.folder), d.file)) for project, report in good for d in project.documents]


def watched(options: ProjectsOptions) -> list[str]:
    """The folder, each project's folder and its files: a change to any of them is read at once."""
    root = options.path
    if not root.is_dir():
        return []
    folders = [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return [str(root), *map(str, folders), *(str(f) for d in folders for f in d.iterdir() if f.is_file())]


FEED = register(Feed(kind="projects", title="주요사업 · 사업 파일 (시 자체)", options=ProjectsOptions, fetch=fetch,
                     record_type=ProjectReport, also=(ProjectProgress, ProjectProblem),
                     source_time_is_date=True, problems=problems, watched=watched, documents=documents))
