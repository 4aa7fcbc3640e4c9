"""Calls on the wall, offscreen, with a real baresip peer on loopback: the header's 연락처 opens the
contacts, one touch dials, the call takes the map's place (연결 중 → 통화 중), 종료 ends it, 닫기 brings the
map back, and `kiosk audit --csv` has the call."""

import csv
import io
import os
import shutil
import signal
import time
import urllib.request

import pytest

from PySide6.QtCore import Qt

from feeds.projects import SAMPLES
from kiosk import cli
from kiosk.app.state import DomainKey
from kiosk.cache import CacheReader
from tests.conftest import free_port
from tests.kiosk.test_calls import Peer
from tests.kiosk.test_orders_transport import listening
from tests.kiosk.test_wall import wall  # noqa: F401 (fixture)
from tests.kiosk.test_wall_disaster import Dispatch
from tests.kiosk.wall_config import feeds_config
from widgets.status_panel import StatusRow


def test_a_call_from_the_contacts_panel_to_the_audit_trail(qtbot, tmp_path, wall, capsys):  # noqa: F811
    peer = Peer(tmp_path / "peers", "field", "auto")
    try:
        contacts = tmp_path / "contacts.toml"
        contacts.write_text(f'[[contacts]]\nid = "gangdong-cmd"\nname = "강동 지휘1호차"\nrole = "현장지휘관"\n'
                            f'organisation = "강동소방서"\nsip = "{peer.uri}"\ngroups = ["소방 지휘차"]\n', encoding="utf-8")
        config = feeds_config(tmp_path, [], f'[calls]\ncontacts = "{contacts}"\nvideo_display = "fakevideo,nil"\n')
        app = wall(config)
        window = app.window
        qtbot.waitUntil(lambda: app.calls is not None and app.calls.manager.ready, timeout=60000)
        app.controller.refresh(set())  # the statuses read again: the operator's view lists the wall's children too
        qtbot.waitUntil(lambda: StatusRow("통화 (baresip)", "fresh", "실행 중", "") in window.status_panel.rows,
                        timeout=10000)
        assert window.header.contacts.isVisible()
        qtbot.mouseClick(window.header.contacts, Qt.MouseButton.LeftButton)
        assert window.centre.currentWidget() is window.contacts_panel
        button = window.contacts_panel.buttons["gangdong-cmd"]
        # then the field device's word, if the broker kept one from an earlier test (presence is retained)
        qtbot.waitUntil(lambda: button.text().startswith("강동 지휘1호차\n현장지휘관 · 강동소방서 · 통화 가능"),
                        timeout=5000)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert window.centre.currentWidget() is window.call_view
        qtbot.waitUntil(lambda: window.call_view.state.text().startswith("통화 중"), timeout=5000)
        assert window.call_view.name.fullText() == "강동 지휘1호차" and window.call_view.end_button.text() == "종료"
        time.sleep(1.1)
        qtbot.mouseClick(window.call_view.end_button, Qt.MouseButton.LeftButton)
        assert window.call_view.state.text().startswith("종료 · 통화 1초") and window.call_view.end_button.text() == "닫기"
        qtbot.mouseClick(window.call_view.end_button, Qt.MouseButton.LeftButton)
        assert window.centre.currentWidget() is window.map
        app.runtime.writer.flush()
        with CacheReader(app.runtime.cache_path) as reader:
            [entry] = reader.audit()
        assert (entry.action, entry.subject) == ("통화", "강동 지휘1호차 (현장지휘관, 강동소방서)")
        assert cli.main(["audit", "--csv", "--config", str(config)]) == 0
        header, row = csv.reader(io.StringIO(capsys.readouterr().out))
        assert header == ["at", "action", "subject", "outcome", "duration_s", "detail"]
        assert row[1:5] == ["통화", "강동 지휘1호차 (현장지휘관, 강동소방서)", "종료 · 통화 1초", "1"]
    finally:
        peer.stop()


def test_a_project_sheet_offers_its_manager_and_a_touch_calls(qtbot, tmp_path, wall):  # noqa: F811
    peer = Peer(tmp_path / "peers", "manager", "auto")
    try:
        folder = tmp_path / "projects"
        shutil.copytree(SAMPLES / "seoullo-7017", folder / "seoullo-7017")
        contacts = tmp_path / "contacts.toml"
        contacts.write_text(f'[[contacts]]\nid = "seoullo-mgr"\nname = "김서연"\nrole = "서울역일대도시재생과장"\n'
                            f'sip = "{peer.uri}"\nprojects = ["seoullo-7017"]\n', encoding="utf-8")
        app = wall(feeds_config(tmp_path, [("projects", "projects", {"folder": str(folder)})],
                                f'[calls]\ncontacts = "{contacts}"\nvideo_display = "fakevideo,nil"\n'))
        qtbot.waitUntil(lambda: app.controller.last_snapshot is not None
                        and bool(app.controller.last_snapshot.domains[DomainKey.PROJECTS].pages), timeout=15000)
        qtbot.waitUntil(lambda: app.calls.manager.ready, timeout=60000)
        app.controller.state.change(domain=DomainKey.PROJECTS, sheet="seoullo-7017")
        calls = app.controller.views[DomainKey.PROJECTS].sheet.actions
        assert [b.text() for b in calls.buttons] == ["📞 김서연 서울역일대도시재생과장 연결", "업무 지시"]
        qtbot.mouseClick(calls.buttons[0], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: app.window.call_view.state.text().startswith("통화 중"), timeout=5000)
        app.calls.manager.hang_up()
    finally:
        peer.stop()


@pytest.mark.parametrize("orders, offered", [("true", ["업무 지시"]), ("false", [])])
def test_no_call_button_when_calls_are_off(qtbot, tmp_path, wall, orders, offered):  # noqa: F811
    folder = tmp_path / "projects"
    shutil.copytree(SAMPLES / "seoullo-7017", folder / "seoullo-7017")
    app = wall(feeds_config(tmp_path, [("projects", "projects", {"folder": str(folder)})],
                            f"[calls]\nenabled = false\n[orders]\nenabled = {orders}\nport = {free_port()}\n"
                            'field_listen = ""\n'))
    qtbot.waitUntil(lambda: app.controller.last_snapshot is not None
                    and bool(app.controller.last_snapshot.domains[DomainKey.PROJECTS].pages), timeout=15000)
    app.controller.state.change(domain=DomainKey.PROJECTS, sheet="seoullo-7017")
    sheet = app.controller.views[DomainKey.PROJECTS].sheet
    assert [b.text() for b in sheet.actions.buttons] == offered and app.window.header.contacts.isHidden()
    assert sheet.actions.isHidden() == (not offered)  # orders work without calls; with neither, nothing shows


def test_presence_on_the_contacts_and_an_offline_ones_number_instead_of_a_dead_line(qtbot, tmp_path, wall):  # noqa: F811
    peer = Peer(tmp_path / "peers", "field", "auto")
    try:
        contacts = tmp_path / "contacts.toml"
        contacts.write_text(
            f'[[contacts]]\nid = "up"\nname = "강동 지휘1호차"\nsip = "{peer.uri}"\n\n'
            f'[[contacts]]\nid = "down"\nname = "도봉 지휘1호차"\nsip = "sip:down@127.0.0.1:{free_port()}"\n'
            'phone = "02-3492-0119"\n', encoding="utf-8")
        field_port = free_port()
        app = wall(feeds_config(tmp_path, [], f'[calls]\ncontacts = "{contacts}"\nvideo_display = "fakevideo,nil"\n'
                                              f'[orders]\nport = {free_port()}\nfield_listen = "127.0.0.1:{field_port}"\n'))
        panel = app.window.contacts_panel
        qtbot.waitUntil(lambda: app.calls is not None and app.calls.presence.states.get("down") == "offline",
                        timeout=10000)
        qtbot.waitUntil(lambda: panel.buttons["up"].text().endswith("통화 가능"), timeout=5000)
        assert panel.buttons["down"].text() == "도봉 지휘1호차\n연결 안 됨"
        qtbot.mouseClick(panel.buttons["down"], Qt.MouseButton.LeftButton)
        assert panel.problem.text() == "도봉 지휘1호차: 지금 연결되지 않는 상태입니다 · 대신 전화: 02-3492-0119"
        assert app.window.centre.currentWidget() is panel and app.calls.manager.call is None  # the number, not a call
        token = app.orders.credentials.field["down"].token  # the officer opens their page: their device is on
        qtbot.waitUntil(lambda: listening(field_port), timeout=30000)  # the page's own process has started
        urllib.request.urlopen(f"http://127.0.0.1:{field_port}/f/{token}/orders", timeout=5).close()
        qtbot.waitUntil(lambda: panel.buttons["down"].text() == "도봉 지휘1호차\n연결 안 됨 · 단말 켜짐", timeout=10000)
    finally:
        peer.stop()


def test_a_fires_sheet_offers_its_stations_command_vehicle(qtbot, tmp_path, wall, replay):  # noqa: F811
    dispatch = Dispatch(replay)
    dispatch.fire(("출동지령", 2))
    contacts = tmp_path / "contacts.toml"
    contacts.write_text('[[contacts]]\nid = "gangdong-cmd"\nname = "강동 지휘1호차"\nrole = "현장지휘관"\n'
                        'sip = "sip:gangdong-cmd@127.0.0.1:5999"\nstations = ["강동소방서"]\n\n'
                        '[[contacts]]\nid = "songpa-cmd"\nname = "송파 지휘1호차"\nsip = "sip:songpa@127.0.0.1:5998"\n'
                        'stations = ["송파소방서"]\n', encoding="utf-8")
    app = wall(feeds_config(tmp_path, [("dispatch", "city_incidents", {"base_url": replay.url})],
                            f'[calls]\ncontacts = "{contacts}"\nvideo_display = "fakevideo,nil"\n'))
    qtbot.waitUntil(lambda: app.controller.last_snapshot is not None
                    and bool(app.controller.last_snapshot.domains[DomainKey.DISASTER].incidents), timeout=15000)
    app.window.alert_banner.open_button.click()  # the fire's sheet
    sheet = app.controller.views[DomainKey.DISASTER].sheet
    qtbot.waitUntil(lambda: app.window.domain_stack.currentWidget() is sheet, timeout=5000)
    assert [b.text() for b in sheet.actions.buttons] == ["📞 강동 지휘1호차 현장지휘관 연결", "업무 지시"]  # 강동's, not 송파's
    app.runtime.writer.flush()
    with CacheReader(app.runtime.cache_path) as reader:
        acknowledged = [e for e in reader.audit() if e.action == "경보 확인"]
    assert len(acknowledged) == 1 and "화재" in acknowledged[0].subject  # the alert, acknowledged by opening it


def test_a_camera_opened_large_is_in_the_audit_trail(qtbot, tmp_path, wall):  # noqa: F811
    camera = '[[cameras]]\nid = "cityhall"\nname = "서울시청 앞"\nurl = "rtsp://127.0.0.1:1/none"\n'
    app = wall(feeds_config(tmp_path, [], "[calls]\nenabled = false\n" + camera))
    qtbot.waitUntil(lambda: app.controller is not None and bool(app.controller.cctv.cameras), timeout=10000)
    app.controller.cctv.open_camera("cityhall")  # a touch on its tile
    app.controller.cctv.close_focus()
    app.runtime.writer.flush()
    with CacheReader(app.runtime.cache_path) as reader:
        assert [(e.action, e.subject) for e in reader.audit()] == [("카메라 열람", "서울시청 앞")]


def test_without_baresip_the_wall_says_so_and_offers_no_dead_button(qtbot, tmp_path, wall, monkeypatch):  # noqa: F811
    monkeypatch.setattr("kiosk.calls.manager.available", lambda: "baresip is not installed")  # as on a bare machine
    folder = tmp_path / "projects"
    shutil.copytree(SAMPLES / "seoullo-7017", folder / "seoullo-7017")
    app = wall(feeds_config(tmp_path, [("projects", "projects", {"folder": str(folder)})]))
    qtbot.waitUntil(lambda: app.controller.last_snapshot is not None
                    and bool(app.controller.last_snapshot.domains[DomainKey.PROJECTS].pages), timeout=15000)
    assert app.window.contacts_panel.problem.text() == "통화 기능을 쓸 수 없습니다 · 운영자에게 알려 주세요"
    app.controller.state.change(domain=DomainKey.PROJECTS, sheet="seoullo-7017")
    assert [b.text() for b in app.controller.views[DomainKey.PROJECTS].sheet.actions.buttons] == ["업무 지시"]
    assert app.calls.manager.process.process is None  # nothing started


def test_a_child_killed_is_said_in_the_header_at_once_and_no_more_once_it_serves(qtbot, tmp_path, wall):  # noqa: F811
    contacts = tmp_path / "contacts.toml"
    contacts.write_text('[[contacts]]\nid = "a"\nname = "강동 지휘1호차"\nrole = "현장지휘관"\n'
                        'organisation = "강동소방서"\nsip = "sip:a@127.0.0.1:9"\n', encoding="utf-8")
    app = wall(feeds_config(tmp_path, [], f'[calls]\ncontacts = "{contacts}"\nvideo_display = "fakevideo,nil"\n'
                                          f'[orders]\nport = {free_port()}\nfield_listen = ""\n'))
    health = app.window.header.health
    qtbot.waitUntil(lambda: app.calls is not None and app.calls.manager.ready, timeout=60000)
    qtbot.waitUntil(lambda: bool(health.text()) and "다시 시작 중" not in health.text(), timeout=30000)
    os.kill(app.calls.manager.process.process.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: "통화 다시 시작 중" in health.text(), timeout=5000)  # not at the next read, 30 s on
    qtbot.waitUntil(lambda: "다시 시작 중" not in health.text(), timeout=60000)
