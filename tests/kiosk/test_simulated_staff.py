"""The simulator's field staff, as the sample contacts reach them: one answers (with a picture), one is
busy, one declines, one never answers, one is offline — every state a new user should see. They are
supervised: one that cannot bind its port is not said to serve, is started again, and is shown."""

import logging
import random
import shutil
import socket

import pytest

from feeds.contacts import load_contacts
from kiosk.calls.manager import CallManager
from kiosk.calls.presence import OFFLINE, REACHABLE, probe
from kiosk.calls.session import BUSY, DECLINED, FAILED, NO_ANSWER, TALKING
from kiosk.config import SAMPLE_CONTACTS, CallsConfig, ConfigError, parse_config
from kiosk.simulator.sample_contacts import STAFF_SPAN, at_staff_port
from kiosk.simulator import staff as simulated_staff
from kiosk.simulator.staff import SimulatedStaff
from kiosk.supervised import SERVING, children

CHILDREN_S = 60  # children starting on a loaded machine (CI) may take this long


def free_ports(span: int = STAFF_SPAN) -> int:
    """The first of `span` ports free now on loopback for TCP and UDP (a port taken later is retried by the
    staff's supervision)."""
    for _ in range(100):
        first = random.randrange(20000, 60000)
        if all(_free(port, kind) for port in range(first, first + span)
               for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM)):
            return first
    raise AssertionError("no free block of ports")


def _free(port: int, kind: int) -> bool:
    with socket.socket(socket.AF_INET, kind) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@pytest.fixture(scope="module")
def picture(tmp_path_factory):
    """The staff's test picture, made once for the module (ffmpeg takes a while on a loaded machine)."""
    path = tmp_path_factory.mktemp("picture") / "staff.mp4"
    simulated_staff.test_picture(path)
    return path


def started_staff(qtbot, folder, picture, first_port) -> SimulatedStaff:
    folder.mkdir(parents=True)
    shutil.copy(picture, folder / "staff.mp4")
    staff = SimulatedStaff(folder, first_port)
    staff.start()
    qtbot.waitUntil(lambda: len(staff.processes) == 4, timeout=CHILDREN_S * 1000)
    return staff


@pytest.fixture
def staff(qtbot, tmp_path, picture):
    simulated = started_staff(qtbot, tmp_path / "staff", picture, free_ports())
    try:
        qtbot.waitUntil(lambda: simulated.serving, timeout=CHILDREN_S * 1000)
        yield simulated
    finally:
        simulated.stop()


def contacts_of(staff: SimulatedStaff) -> dict:
    return {c.id: c for c in at_staff_port(load_contacts(SAMPLE_CONTACTS), staff.ports["answers"])}


def test_every_state_a_call_can_end_in(qtbot, tmp_path, staff):
    contacts = contacts_of(staff)
    # the declining one hangs up 2 s after the call reaches it: well within no_answer_s on a loaded machine
    manager = CallManager(CallsConfig(no_ringing_s=15, no_answer_s=20, video_display="fakevideo,nil"),
                          tmp_path / "wall", lambda entry: None)
    manager.start()
    try:
        qtbot.waitUntil(lambda: manager.ready, timeout=CHILDREN_S * 1000)
        for contact_id, expected in (("gangdong-cmd", TALKING), ("gangseo-cmd", BUSY), ("mapo-cmd", DECLINED),
                                     ("nowon-cmd", NO_ANSWER), ("dobong-cmd", FAILED)):
            manager.dial(contacts[contact_id])
            qtbot.waitUntil(lambda: manager.call.state == TALKING or manager.call.ended, timeout=CHILDREN_S * 1000)
            reached = TALKING if manager.call.state == TALKING else manager.call.reason
            assert reached == expected, (contact_id, manager.call)
            manager.hang_up()
    finally:
        manager.stop()


def test_presence_before_dialling(staff):
    contacts = contacts_of(staff)
    assert probe(contacts["gangdong-cmd"].sip) == REACHABLE
    assert probe(contacts["dobong-cmd"].sip) == OFFLINE  # nobody listens at its address
    assert probe("sip:x@192.0.2.1:5060", timeout_s=0.3) == OFFLINE  # silence (TEST-NET-1)


def test_one_that_cannot_bind_is_not_said_to_serve_and_is_started_again(qtbot, tmp_path, picture, caplog):
    caplog.set_level(logging.INFO)
    first = free_ports()
    taken = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    taken.bind(("127.0.0.1", first))  # the answering one's SIP port: another program has it
    staff = started_staff(qtbot, tmp_path / "staff", picture, first)
    try:
        answers = staff.processes[0]
        qtbot.waitUntil(lambda: answers.restarts >= 1, timeout=CHILDREN_S * 1000)
        assert answers.state != SERVING and f"{first}/udp taken by another program" in answers.last_failure
        shown = next(c for c in children() if c.name == "simulated staff (answers)")
        assert (shown.title, shown.restarts) == ("시뮬레이션 현장 직원 (응답)", answers.restarts)
        qtbot.waitUntil(lambda: all(p.state == SERVING for p in staff.processes[1:]), timeout=CHILDREN_S * 1000)
        assert not [r for r in caplog.records if "(answers) serving" in r.getMessage()]
        taken.close()
        qtbot.waitUntil(lambda: staff.serving, timeout=CHILDREN_S * 1000)  # started again once the port is free
    finally:
        taken.close()
        staff.stop()


def test_two_walls_with_their_own_simulator_ports_run_their_staff_side_by_side(qtbot, tmp_path, picture):
    first = free_ports(2 * STAFF_SPAN)
    firsts = first, first + STAFF_SPAN
    configs = [parse_config({"simulator": {"port": 1024 + n, "rtsp_port": 1030 + n, "staff_port": first}}, "t", {})
               for n, first in enumerate(firsts)]
    walls = [started_staff(qtbot, tmp_path / f"wall{n}", picture, c.simulator.staff_port) for n, c in enumerate(configs)]
    try:
        qtbot.waitUntil(lambda: all(w.serving for w in walls), timeout=CHILDREN_S * 1000)
        for wall in walls:
            assert probe(contacts_of(wall)["gangdong-cmd"].sip) == REACHABLE
    finally:
        for wall in walls:
            wall.stop()


def test_the_staff_ports_may_not_hold_the_simulators_own():
    with pytest.raises(ConfigError) as caught:
        parse_config({"simulator": {"port": 18600, "rtsp_port": 18590, "staff_port": 18580}}, "t", {})
    assert [str(issue) for issue in caught.value.issues] == [
        "simulator.staff_port: the simulated staff use ports 18580-18596, which include rtsp_port 18590"]
