"""주요사업 files: the shipped samples (valid, and what the generator writes), each kind of error named
with its file and key path, a broken folder beside good ones, and the plan-against-actual rules."""

from datetime import date

import pytest
import requests

from feeds.errors import UnavailableError
from feeds.project_schedule import attention_order, planned_percent, slip, standing
from feeds.projects import (SAMPLES, Milestone, ProjectProblem, ProjectProgress, ProjectReport, ProjectsOptions,
                            fetch, problems, read_folder, watched)
from kiosk.simulator.sample_projects import write_samples

TODAY = date(2026, 12, 1)
GOOD = """id = "test-park"
name = "시험 공원"
status = "정상"
updated_at = 2026-11-20

[location]
lat = 37.57
lon = 126.98
district = "종로구"

[progress]
percent = 40.0
as_of = 2026-11-20
history = [{ as_of = 2026-10-01, percent = 30.0 }]

[manager]
name = "김담당"

[[milestones]]
name = "설계"
planned_start = 2026-01-01
planned_end = 2026-06-30
actual_start = 2026-01-01
actual_end = 2026-06-30

[[milestones]]
name = "공사"
planned_start = 2026-07-01
planned_end = 2027-06-30
actual_start = 2026-07-10

[[documents]]
title = "계획서"
file = "plan.pdf"
"""


def project_folder(root, name="test-park", text=GOOD, files=("plan.pdf",)):
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "project.toml").write_text(text, encoding="utf-8")
    (folder / "detail.md").write_text("# 시험\n\n내용", encoding="utf-8")
    for file in files:
        (folder / file).write_bytes(b"%PDF-1.4\n")
    return folder


def problem_of(tmp_path, text, files=("plan.pdf",)):
    project_folder(tmp_path, text=text, files=files)
    good, broken = read_folder(tmp_path)
    assert good == [] and len(broken) == 1
    return broken[0].problem


def test_the_26_samples_are_valid_and_marked_as_samples():
    good, broken = read_folder(SAMPLES)
    assert broken == [] and len(good) == 26
    names = {p.name for p, _r in good}
    assert {"서울로 7017", "다시세운 프로젝트"} <= names
    assert all(p.sample for p, _r in good)
    assert sum(bool(p.documents) for p, _r in good) >= 3
    assert ProjectsOptions().serves_samples and not ProjectsOptions(folder="/srv/projects").serves_samples


def test_the_generator_writes_the_shipped_samples(qapp, tmp_path):
    write_samples(tmp_path)
    for shipped in SAMPLES.iterdir():
        for name in ("project.toml", "detail.md"):
            assert (tmp_path / shipped.name / name).read_text(encoding="utf-8") == \
                (shipped / name).read_text(encoding="utf-8"), f"{shipped.name}/{name}: run the generator again"
        assert sorted(p.name for p in (tmp_path / shipped.name).iterdir()) == sorted(p.name for p in shipped.iterdir())


def test_a_good_project_gives_its_report_and_every_progress_report(tmp_path):
    project_folder(tmp_path)
    result = fetch(requests.Session(), ProjectsOptions(folder=str(tmp_path)), None)
    reports = [r for r in result.records if isinstance(r, ProjectReport)]
    progress = [r for r in result.records if isinstance(r, ProjectProgress)]
    assert [r.project_id for r in reports] == ["test-park"] and reports[0].detail.startswith("# 시험")
    assert reports[0].project().milestones[1].actual_start == date(2026, 7, 10)
    assert [(p.as_of.date(), p.percent) for p in progress] == [(date(2026, 10, 1), 30.0), (date(2026, 11, 20), 40.0)]
    assert not [r for r in result.records if isinstance(r, ProjectProblem)]


@pytest.mark.parametrize("change, expected", [
    (("status = \"정상\"", "status = \"정상\"\nbudjet = 3"), "project.toml: budjet: unknown key (typo?)"),
    (("status = \"정상\"", "status = \"진행\""), "project.toml: status: Input should be '정상', '지연', '완료' or '중단'"),
    (("planned_end = 2026-06-30\nactual_start", "planned_end = 2026-06-31\nactual_start"), "not valid TOML"),
    (("as_of = 2026-11-20\nhistory", "as_of = \"2026-13-01\"\nhistory"), "project.toml: progress.as_of: Input should be a valid date"),
    (("actual_start = 2026-01-01\nactual_end = 2026-06-30", "actual_start = 2026-03-01\nactual_end = 2026-02-01"),
     "project.toml: milestones[0]: actual_end 2026-02-01 is before actual_start 2026-03-01"),
    (("planned_start = 2026-07-01", "planned_start = 2027-07-01"),
     "project.toml: milestones[1]: planned_end 2027-06-30 is before planned_start 2027-07-01"),
    (("lat = 37.57", "lat = 35.1"), "project.toml: location: (35.1, 126.98) is not in Seoul"),
    (("district = \"종로구\"", "district = \"종로구\"\narea = [[37.5, 127.0], [37.6, 127.0], [37.6, 127.1]]"),
     "project.toml: location: give a point (lat, lon) or an area, not both"),
    (("history = [{ as_of = 2026-10-01", "history = [{ as_of = 2026-12-01"),
     "project.toml: progress: history reports 2026-12-01 are not before as_of 2026-11-20"),
    (("percent = 40.0", "percent = 140.0"), "project.toml: progress.percent: Input should be less than or equal to 100"),
    (("[manager]\nname = \"김담당\"\n", ""), "project.toml: manager: required key is missing"),
    (("file = \"plan.pdf\"", "file = \"없는.pdf\""), "project.toml: documents[0].file: no file '없는.pdf' in the folder"),
    (("file = \"plan.pdf\"", "file = \"../plan.pdf\""), "project.toml: documents[0].file: no file '../plan.pdf'"),
])
def test_each_kind_of_error_is_named_with_its_file_and_key_path(tmp_path, change, expected):
    old, new = change
    assert old in GOOD
    assert expected in problem_of(tmp_path, GOOD.replace(old, new, 1))


def test_unreadable_files_are_problems_too(tmp_path):
    folder = project_folder(tmp_path, "missing")
    (folder / "project.toml").unlink()
    latin1 = project_folder(tmp_path, "latin1")
    (latin1 / "project.toml").write_bytes('name = "café"'.encode("latin-1"))
    _good, broken = read_folder(tmp_path)
    assert {p.project_id: p.problem for p in broken} == {
        "latin1": "project.toml: not UTF-8 text (invalid continuation byte at byte 11)",
        "missing": "project.toml: missing"}


def test_a_broken_folder_never_hides_the_others(tmp_path):
    project_folder(tmp_path)
    project_folder(tmp_path, "z-copy")  # the same id again: the first folder by name keeps it
    project_folder(tmp_path, "broken", GOOD.replace("test-park", "broken").replace("[manager]", "[managr]"))
    good, broken = read_folder(tmp_path)
    assert [p.id for p, _r in good] == ["test-park"]
    assert {b.project_id: set(b.problem.splitlines()) for b in broken} == {
        "broken": {"project.toml: managr: unknown key (typo?)", "project.toml: manager: required key is missing"},
        "z-copy": {"project.toml: id: 'test-park' is used by another folder"}}
    lines = problems(ProjectsOptions(folder=str(tmp_path)))
    assert f"{tmp_path}/broken/project.toml: manager: required key is missing" in lines
    assert len(lines) == 3


def test_a_broken_folder_is_logged_when_it_breaks_changes_and_mends(tmp_path, caplog):
    folder = project_folder(tmp_path, text=GOOD.replace("[manager]", "[managr]"))
    options = ProjectsOptions(folder=str(tmp_path))
    for _ in range(3):
        fetch(requests.Session(), options, None)
    said = [r.getMessage() for r in caplog.records]
    assert said == [f"project folder {folder} is broken: project.toml: manager: required key is missing; "
                    "project.toml: managr: unknown key (typo?)"]  # once, not every poll
    (folder / "project.toml").write_text(GOOD, encoding="utf-8")
    fetch(requests.Session(), options, None)
    assert caplog.records[-1].getMessage() == f"project folder {folder} reads well again"


def test_a_missing_folder_is_a_failure_of_the_feed(tmp_path):
    with pytest.raises(UnavailableError, match="does not exist"):
        fetch(requests.Session(), ProjectsOptions(folder=str(tmp_path / "nowhere")), None)
    assert problems(ProjectsOptions(folder=str(tmp_path / "nowhere")))[0].endswith("does not exist or is not a folder")
    assert watched(ProjectsOptions(folder=str(tmp_path / "nowhere"))) == []


def test_the_watch_covers_the_folder_each_project_and_its_files(tmp_path):
    folder = project_folder(tmp_path)
    paths = watched(ProjectsOptions(folder=str(tmp_path)))
    assert set(paths) == {str(tmp_path), str(folder), *(str(folder / n) for n in ("project.toml", "detail.md", "plan.pdf"))}


def milestone(ps, pe, as_=None, ae=None):
    return Milestone(name="단계", planned_start=ps, planned_end=pe, actual_start=as_, actual_end=ae)


def test_slip_in_days_of_a_milestone():
    d = date
    assert slip(milestone(d(2026, 1, 1), d(2026, 6, 30), d(2026, 1, 1), d(2026, 7, 20)), TODAY) == 20
    assert slip(milestone(d(2026, 1, 1), d(2026, 6, 30), d(2026, 1, 1), d(2026, 6, 1)), TODAY) == -29
    assert slip(milestone(d(2026, 11, 1), d(2027, 6, 30), d(2026, 11, 15)), TODAY) == 14  # started late
    assert slip(milestone(d(2026, 1, 1), d(2026, 11, 21)), TODAY) == 334  # never started, past its end
    assert slip(milestone(d(2027, 1, 1), d(2027, 6, 30)), TODAY) == 0  # not due yet


def project(tmp_path, text=GOOD):
    project_folder(tmp_path, text=text)
    return read_folder(tmp_path)[0][0][0]


def test_a_running_project_turns_late_by_its_dates_or_its_progress(tmp_path):
    on_plan = project(tmp_path / "a")
    assert planned_percent(on_plan) == pytest.approx(59.3, abs=0.1)  # linear over the plan, on the report day
    state = standing(on_plan, TODAY, behind_margin_pct=20)
    assert (state.status, state.milestone, state.slip_days, state.reasons) == ("정상", "공사", 9, ())
    behind = standing(on_plan, TODAY, behind_margin_pct=10)
    assert behind.status == "지연" and behind.reasons == ("공정률 40.0% · 계획 59.3% (19.3%p 늦음)",)
    assert behind.late_since == date(2026, 11, 20)
    overdue = standing(project(tmp_path / "b", GOOD.replace("planned_end = 2027-06-30", "planned_end = 2026-11-25")
                               .replace("percent = 40.0", "percent = 90.0")), TODAY, 10)
    assert overdue.reasons == ("공사 예정 종료일 6일 경과",) and overdue.late_since == date(2026, 11, 25)
    stopped = standing(project(tmp_path / "c", GOOD.replace('"정상"', '"중단"')), TODAY, 10)
    assert (stopped.status, stopped.reasons) == ("중단", ())
    order = sorted([(on_plan, state), (on_plan, stopped), (on_plan, behind)], key=attention_order)
    assert [s.status for _p, s in order] == ["지연", "중단", "정상"]
