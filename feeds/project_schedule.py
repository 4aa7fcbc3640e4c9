"""Plan against actual for a project: the current milestone's slip in days, whether it is behind
plan, and the order in which the projects need the mayor's attention. Pure, on a given day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from feeds.projects import Milestone, Project


@dataclass(frozen=True)
class Standing:
    """Where a project stands on a day."""

    status: str  # 정상 / 지연 / 완료 / 중단: declared, or 지연 when the dates or the progress say so
    slip_days: int  # the current milestone's delay against plan (0: on plan)
    milestone: str | None  # the current milestone's name (None: all done)
    planned_percent: float | None  # where the progress should be on its report day
    reasons: tuple[str, ...]  # why it is 지연, in plain Korean
    late_since: date | None  # when it started to be late (the notice's start)


def current(project: Project) -> Milestone | None:
    """The first milestone, in planned order, that is not finished."""
    return next((m for m in sorted(project.milestones, key=lambda m: m.planned_start) if m.actual_end is None), None)


def slip(milestone: Milestone, today: date) -> int:
    """Days behind plan: a finished milestone by its end; an open one by its late start or by passing its end."""
    if milestone.actual_end is not None:
        return (milestone.actual_end - milestone.planned_end).days
    started = milestone.actual_start or today
    late_start = (started - milestone.planned_start).days if started > milestone.planned_start else 0
    overdue = (today - milestone.planned_end).days if today > milestone.planned_end else 0
    return max(late_start, overdue)


def planned_percent(project: Project) -> float | None:
    """The reported 계획 공정률, else the plan's elapsed share of time on the report day."""
    if project.progress.planned_percent is not None:
        return project.progress.planned_percent
    first = min(m.planned_start for m in project.milestones)
    last = max(m.planned_end for m in project.milestones)
    span = (last - first).days
    return None if span <= 0 else round(min(100.0, max(0.0, (project.progress.as_of - first).days / span * 100)), 1)


def standing(project: Project, today: date, behind_margin_pct: float) -> Standing:
    """The project's state: a milestone past its planned start or end without the actual date, or progress
    behind plan by more than the margin, makes a running project 지연."""
    now = current(project)
    planned = planned_percent(project)
    reasons, since = [], []
    for m in project.milestones:
        if m.actual_start is None and today > m.planned_start:
            reasons.append(f"{m.name} 착수 예정일 {(today - m.planned_start).days}일 경과")
            since.append(m.planned_start)
        elif m.actual_end is None and today > m.planned_end:
            reasons.append(f"{m.name} 예정 종료일 {(today - m.planned_end).days}일 경과")
            since.append(m.planned_end)
    if planned is not None and planned - project.progress.percent > behind_margin_pct:
        reasons.append(f"공정률 {project.progress.percent:.1f}% · 계획 {planned:.1f}%"
                       f" ({planned - project.progress.percent:.1f}%p 늦음)")
        since.append(project.progress.as_of)
    status = project.status
    if status == "정상" and reasons:
        status = "지연"
    if status in ("완료", "중단"):
        reasons, since = [], []
    return Standing(status, slip(now, today) if now is not None else 0, now.name if now else None, planned,
                    tuple(reasons), min(since, default=None))


ATTENTION = {"지연": 0, "중단": 1, "정상": 2, "완료": 3}


def attention_order(entry: tuple[Project, Standing]) -> tuple:
    """Slipping first (the longest slip first), then stopped, running, done."""
    project, state = entry
    return ATTENTION.get(state.status, 2), -state.slip_days, project.name
