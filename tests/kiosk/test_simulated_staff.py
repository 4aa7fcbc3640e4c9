"""The simulator's field staff, as the sample contacts reach them: one answers (with a picture), one is
busy, one declines, one never answers, one is offline — every state a new user should see."""

import pytest

from feeds.contacts import load_contacts
from kiosk.calls.manager import CallManager
from kiosk.calls.presence import OFFLINE, REACHABLE, probe
from kiosk.calls.session import BUSY, DECLINED, FAILED, NO_ANSWER, TALKING
from kiosk.config import SAMPLE_CONTACTS, CallsConfig
from kiosk.simulator.staff import SimulatedStaff


@pytest.fixture
def staff(tmp_path):
    simulated = SimulatedStaff(tmp_path / "staff")  # the folder is made by start
    simulated.start()
    yield simulated
    simulated.stop()


def test_every_state_a_call_can_end_in(qtbot, tmp_path, staff):
    contacts = {c.id: c for c in load_contacts(SAMPLE_CONTACTS)}
    manager = CallManager(CallsConfig(no_ringing_s=3, no_answer_s=6, video_display="fakevideo,nil"),
                          tmp_path / "wall", lambda entry: None)
    manager.start()
    try:
        qtbot.waitUntil(lambda: manager.ready, timeout=10000)
        for contact_id, expected in (("gangdong-cmd", TALKING), ("gangseo-cmd", BUSY), ("mapo-cmd", DECLINED),
                                     ("nowon-cmd", NO_ANSWER), ("dobong-cmd", FAILED)):
            manager.dial(contacts[contact_id])
            qtbot.waitUntil(lambda: manager.call.state == TALKING or manager.call.ended, timeout=15000)
            reached = TALKING if manager.call.state == TALKING else manager.call.reason
            assert reached == expected, (contact_id, manager.call)
            manager.hang_up()
    finally:
        manager.stop()


def test_presence_before_dialling(staff):
    contacts = {c.id: c for c in load_contacts(SAMPLE_CONTACTS)}
    assert probe(contacts["gangdong-cmd"].sip) == REACHABLE
    assert probe(contacts["dobong-cmd"].sip) == OFFLINE  # nobody listens at its address
    assert probe("sip:x@192.0.2.1:5060", timeout_s=0.3) == OFFLINE  # silence (TEST-NET-1)
