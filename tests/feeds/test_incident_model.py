"""The incident model: stage chains, progress, merging histories, closing, ordering."""

from datetime import datetime, timedelta

from feeds.incidents import (Incident, Stage, chain, close, merge_stages, progress, reconcile, sort_key,
                             stage_index)
from feeds.records import SEOUL_TZ

T0 = datetime(2026, 11, 24, 10, 0, tzinfo=SEOUL_TZ)


def at(minutes):
    return T0 + timedelta(minutes=minutes)


def test_chains_are_seouls():
    assert chain("fire") == ("출동지령", "현장도착", "활동개시", "초진", "완진", "상황종결")
    assert chain("ems") == ("지령하달", "출동중", "활동개시", "현장도착")
    assert chain("no-such-kind") == chain("other")


def test_progress_follows_the_stage_and_unknown_stages_show_none():
    fire = Incident("F", "fire", "화재", stage="초진")
    assert stage_index(fire) == 3
    assert progress(fire) == 4 / 6
    odd = Incident("R", "rescue", "수난", stage="수색중")
    assert stage_index(odd) is None and progress(odd) == 0.0
    assert progress(Incident("E", "ems", "구급", stage="출동중", closed=True)) == 1.0


def test_merge_keeps_each_stage_once_at_its_earliest_time():
    old = (Stage("출동지령", at(0)), Stage("현장도착", at(6)))
    new = (Stage("현장도착", at(7)), Stage("활동개시", at(8)), Stage("출동지령", None))
    assert merge_stages(old, new) == (Stage("출동지령", at(0)), Stage("현장도착", at(6)), Stage("활동개시", at(8)))
    assert merge_stages((), (Stage("화재접수", None),)) == (Stage("화재접수", None),)


def test_close_reaches_the_last_stage_once():
    road = Incident("A", "road", "공사", stage="통제중", stages=(Stage("발생", at(0)),))
    closed = close(road, at(30))
    assert (closed.closed, closed.closed_at, closed.stage) == (True, at(30), "해제")
    assert closed.stages[-1] == Stage("해제", at(30))
    assert close(closed, at(40)) == closed


def test_sort_open_then_severity_then_newest():
    items = [Incident("r", "road", "공사", occurred_at=at(50)), Incident("f1", "fire", "화재", occurred_at=at(1)),
             Incident("f2", "fire", "화재", occurred_at=at(9)), Incident("e", "ems", "구급", occurred_at=at(60)),
             Incident("f0", "fire", "화재", occurred_at=at(99), closed=True)]
    assert [i.source_id for i in sorted(items, key=sort_key)] == ["f2", "f1", "e", "r", "f0"]


def test_place_prefers_the_address():
    assert Incident("x", "ems", "구급", address="서울 중구 세종대로 110", district="중구").place == "서울 중구 세종대로 110"
    assert Incident("x", "ems", "구급", district="중구", dong="태평로1가").place == "중구 태평로1가"
    assert Incident("x", "ems", "구급").place == "위치 미상"


def test_reconcile_keeps_history_and_closes_what_left_the_list():
    seen = {"A": Incident("A", "fire", "화재", stage="현장도착", stages=(Stage("출동지령", at(0)), Stage("현장도착", at(5)))),
            "B": Incident("B", "road", "공사", stage="통제중", stages=(Stage("발생", at(1)),)),
            "C": Incident("C", "ems", "구급", closed=True, closed_at=at(2), stage="현장도착")}
    now = (Incident("A", "fire", "화재", stage="초진", stages=(Stage("초진", at(20)),)),
           Incident("D", "ems", "구급", stage="지령하달", closed=True))
    stored = {i.source_id: i for i in reconcile(seen, now, at(21))}
    assert [s.label for s in stored["A"].stages] == ["출동지령", "현장도착", "초진"] and stored["A"].stage == "초진"
    assert stored["B"].closed and stored["B"].closed_at == at(21) and stored["B"].stage == "해제"
    assert "C" not in stored  # already closed: nothing to write
    assert stored["D"].closed_at == at(21)
