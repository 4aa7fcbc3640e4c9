"""Work orders on the real wall: its own Mosquitto and field page, a sheet's 업무 지시 → a template, the
orders panel following the order as the officer's page moves it on, the header, the audit trail."""

import json
import shutil
import urllib.request
from datetime import datetime, timedelta, timezone

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from feeds.projects import SAMPLES
from kiosk import cli
from kiosk.app import orders_desk
from kiosk.app.state import DomainKey
from kiosk.cache import CacheReader
from tests.conftest import free_port
from tests.kiosk.test_orders_transport import listening
from tests.kiosk.test_wall import wall  # noqa: F401 (fixture)
from tests.kiosk.wall_config import feeds_config
from widgets import theme
from widgets.format import clock_text
from widgets.notice_bar import Notice, NoticeBar


def post(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status


def test_an_order_from_a_sheet_to_the_field_page_and_back(qtbot, tmp_path, wall):  # noqa: F811
    contacts = tmp_path / "contacts.toml"
    contacts.write_text('[[contacts]]\nid = "gangdong-cmd"\nname = "강동 지휘1호차"\nrole = "현장지휘관"\n'
                        'sip = "sip:gangdong-cmd@127.0.0.1:9"\nstations = ["강동소방서"]\n', encoding="utf-8")
    field_port = free_port()
    config = feeds_config(tmp_path, [], f'[calls]\nenabled = false\ncontacts = "{contacts}"\n'
                                        f'[orders]\nport = {free_port()}\nfield_listen = "127.0.0.1:{field_port}"\n')
    app = wall(config)
    window, desk = app.window, app.orders
    assert window.header.orders.isVisible()
    qtbot.waitUntil(lambda: desk.link.is_connected, timeout=60000)  # the broker, a child starting on a loaded machine
    qtbot.waitUntil(lambda: listening(field_port), timeout=60000)  # its own process is up, its people registered
    desk.offer("incident:d/F1", "강동구 천호동 · 공장 화재", ("gangdong-cmd",))  # what the sheet's 업무 지시 does
    assert window.centre.currentWidget() is window.order_form
    qtbot.mouseClick(window.order_form.buttons["report-10min"], Qt.MouseButton.LeftButton)
    assert window.centre.currentWidget() is window.orders_panel
    [line] = desk.lines()
    qtbot.waitUntil(lambda: desk.book.state(line.order.order_id) == "발송", timeout=10000)
    qtbot.waitUntil(lambda: window.header.orders.text() == "업무 지시 1", timeout=1000)  # drawn within 0.1 s
    link = f"http://127.0.0.1:{field_port}/f/{desk.credentials.field['gangdong-cmd'].token}"
    qtbot.waitUntil(lambda: bool(json.load(urllib.request.urlopen(link + "/orders", timeout=5))["orders"]),
                    timeout=10000)  # the officer opens the page: the order is there
    for state in ("수신", "확인"):
        assert post(f"{link}/orders/{line.order.order_id}", {"state": state}) == 200
    qtbot.waitUntil(lambda: desk.book.state(line.order.order_id) == "확인", timeout=10000)
    row = window.orders_panel.rows[0]
    qtbot.waitUntil(lambda: row.steps[2].text().startswith("확인 "), timeout=1000)  # drawn in place, within 0.1 s
    labels = [label.text() for label in row.findChildren(QLabel) if label.isVisibleTo(row)]
    assert "강동 지휘1호차 · 강동구 천호동 · 공장 화재" in labels and "현장 상황 10분마다 보고" in labels
    assert [text.split()[0] for text in labels if text.split()[0] in ("발송", "수신", "확인", "착수", "완료")] == [
        "발송", "수신", "확인", "착수", "완료"]
    assert all(len(text.split()) == 2 for text in labels if text.split()[0] in ("발송", "수신", "확인"))  # with times
    app.runtime.writer.flush()
    with CacheReader(app.runtime.cache_path) as reader:
        actions = [entry.action for entry in reader.audit()]
    assert actions == ["업무 지시", "업무 지시 발송", "업무 지시 수신", "업무 지시 확인"]


def test_each_person_has_a_link_that_stays_the_same(tmp_path, capsys):
    contacts = tmp_path / "contacts.toml"
    contacts.write_text('[[contacts]]\nid = "a"\nname = "가"\nsip = "sip:a@127.0.0.1"\n'
                        '[[contacts]]\nid = "b"\nname = "나"\nsip = "sip:b@127.0.0.1"\n', encoding="utf-8")
    config = feeds_config(tmp_path, [], f'[calls]\ncontacts = "{contacts}"\n'
                                        '[orders]\nfield_url = "https://field.example.kr/"\n')
    assert cli.main(["field-links", "--config", str(config)]) == 0
    first = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in first] == ["가", "나"]
    assert all(line.split("\t")[2].startswith("https://field.example.kr/f/") for line in first)
    assert len({line.split("\t")[2] for line in first}) == 2
    assert cli.main(["field-links", "--config", str(config)]) == 0
    assert capsys.readouterr().out.splitlines() == first  # the links sent to phones go on working


def test_an_order_nobody_acknowledges_raises_the_bar_until_seen(qtbot, tmp_path, wall, monkeypatch):  # noqa: F811
    now = [datetime.now(timezone.utc)]
    monkeypatch.setattr(orders_desk, "utc_now", lambda: now[0])
    contacts = tmp_path / "contacts.toml"
    contacts.write_text('[[contacts]]\nid = "nowon-cmd"\nname = "노원 지휘1호차"\nsip = "sip:n@127.0.0.1:9"\n',
                        encoding="utf-8")
    config = feeds_config(tmp_path, [], f'[calls]\nenabled = false\ncontacts = "{contacts}"\n'
                                        f'[orders]\nport = {free_port()}\nfield_listen = ""\n')
    app = wall(config)
    window, desk = app.window, app.orders
    qtbot.waitUntil(lambda: desk.link.is_connected, timeout=60000)  # the broker, a child starting on a loaded machine
    desk.offer("incident:d/F2", "노원구 상계동 · 화재", ("nowon-cmd",))
    qtbot.mouseClick(window.order_form.buttons["evacuate"], Qt.MouseButton.LeftButton)  # 3 min to acknowledge, 30 to do
    [line] = desk.lines()
    qtbot.waitUntil(lambda: desk.book.state(line.order.order_id) == "발송", timeout=10000)
    desk.book.check_escalations()
    qtbot.wait(300)
    assert window.order_bar.isHidden()
    now[0] += timedelta(minutes=3)
    desk.book.check_escalations()
    bar = window.order_bar
    qtbot.waitUntil(bar.isVisible, timeout=1000)
    assert bar.text.text().startswith("업무 지시 미확인 · 노원 지휘1호차 — 주민 대피 안내 실시")
    assert bar.call_button.isHidden()  # calls are off here: no dead button
    assert window.header.orders.text() == "업무 지시 1 · 미확인 1"
    qtbot.mouseClick(bar.ack_button, Qt.MouseButton.LeftButton)
    assert bar.isHidden() and window.header.orders.text() == "업무 지시 1 · 미확인 1"  # seen, still late
    now[0] += timedelta(minutes=27)
    desk.book.check_escalations()
    qtbot.waitUntil(bar.isVisible, timeout=1000)
    assert bar.text.text().startswith("업무 지시 기한 지남 · 노원 지휘1호차")
    qtbot.mouseClick(bar.open_button, Qt.MouseButton.LeftButton)
    assert bar.isHidden() and window.centre.currentWidget() is window.orders_panel
    app.runtime.writer.flush()
    with CacheReader(app.runtime.cache_path) as reader:
        seen = [entry.subject for entry in reader.audit() if entry.action == "경보 확인"]
    assert seen == ["업무 지시 미확인 · 노원 지휘1호차", "업무 지시 기한 지남 · 노원 지휘1호차"]


def test_the_bar_offers_a_call_to_the_late_order_s_person(qtbot):
    bar = NoticeBar(theme.Metrics.for_window(1920, 884, 3630, 1670))
    qtbot.addWidget(bar)
    bar.can_call = True
    asked = []
    bar.call_requested.connect(asked.append)
    bar.show_notices([Notice("o1-미확인", "업무 지시 미확인 · 노원 지휘1호차", "주민 대피 안내 실시", call="nowon-cmd")])
    assert bar.call_button.isVisibleTo(bar)
    qtbot.mouseClick(bar.call_button, Qt.MouseButton.LeftButton)
    assert asked == ["nowon-cmd"]
    bar.show_notices([Notice("p1", "주요사업 지연 · 다시세운 프로젝트", "공정률 12%p 뒤처짐")])
    assert not bar.call_button.isVisibleTo(bar)


CREW = ('[[contacts]]\nid = "seoullo-mgr"\nname = "김서연"\nsip = "sip:k@127.0.0.1:9"\ngroups = ["주요사업 담당"]\n'
        'projects = ["seoullo-7017"]\n\n[[contacts]]\nid = "sewoon-mgr"\nname = "이도윤"\nsip = "sip:l@127.0.0.1:9"\n'
        'groups = ["주요사업 담당"]\n\n[[contacts]]\nid = "jongno-cmd"\nname = "종로 지휘1호차"\n'
        'sip = "sip:j@127.0.0.1:9"\ngroups = ["소방 지휘차"]\n')


def test_one_touch_orders_several_people_and_the_sheet_lists_them(qtbot, tmp_path, wall):  # noqa: F811
    folder = tmp_path / "projects"
    shutil.copytree(SAMPLES / "seoullo-7017", folder / "seoullo-7017")
    contacts = tmp_path / "contacts.toml"
    contacts.write_text(CREW, encoding="utf-8")
    app = wall(feeds_config(tmp_path, [("projects", "projects", {"folder": str(folder)})],
                            f'[calls]\nenabled = false\ncontacts = "{contacts}"\n'
                            f'[orders]\nport = {free_port()}\nfield_listen = ""\n'))
    window, desk = app.window, app.orders
    qtbot.waitUntil(lambda: app.controller.last_snapshot is not None
                    and bool(app.controller.last_snapshot.domains[DomainKey.PROJECTS].pages), timeout=15000)
    app.controller.state.change(domain=DomainKey.PROJECTS, sheet="seoullo-7017")
    sheet = app.controller.views[DomainKey.PROJECTS].sheet
    assert [b.text() for b in sheet.actions.buttons] == ["업무 지시"] and sheet.actions.order_rows == []
    qtbot.mouseClick(sheet.actions.buttons[0], Qt.MouseButton.LeftButton)
    form = window.order_form
    assert window.centre.currentWidget() is form and form.title.fullText() == "업무 지시 · 서울로 7017"
    assert [t.text() for t in form.toggles.values()] == ["✓ 김서연", "주요사업 담당 전체 2명", "소방 지휘차 전체 1명"]
    qtbot.mouseClick(form.toggles[("person", "seoullo-mgr")], Qt.MouseButton.LeftButton)  # nobody chosen now
    qtbot.mouseClick(form.buttons["progress-report"], Qt.MouseButton.LeftButton)
    assert form.problem.text() == "받는 사람을 한 명 이상 고르세요" and desk.book.orders == {}
    qtbot.mouseClick(form.toggles[("group", "주요사업 담당")], Qt.MouseButton.LeftButton)
    form.note.setText("  금요일까지   부탁합니다 ")  # typed on the form's keyboard (tests/widgets/test_order_form.py)
    qtbot.mouseClick(form.dues.button(2), Qt.MouseButton.LeftButton)  # "1시간 안", not the template's day
    assert form.dues.button(2).text() == "✓ 1시간 안" and form.dues.button(0).text() == "지시별 기본"
    qtbot.mouseClick(form.buttons["progress-report"], Qt.MouseButton.LeftButton)
    given = list(desk.book.orders.values())
    assert {o.text for o in given} == {"추진 현황 보고서 제출 · 금요일까지 부탁합니다"}
    assert {o.due - o.given_at for o in given} == {timedelta(hours=1)}
    assert sorted(o.recipient for o in given) == ["seoullo-mgr", "sewoon-mgr"] and len({o.given_with for o in given}) == 1
    assert {o.subject for o in given} == {"project:seoullo-7017"} and window.centre.currentWidget() is window.orders_panel
    qtbot.waitUntil(lambda: all(desk.book.state(o.order_id) == "발송" for o in given), timeout=10000)
    qtbot.waitUntil(lambda: [("발송" in row.text()) for row in sheet.actions.order_rows] == [True, True], timeout=1000)
    assert sorted(row.text() for row in sheet.actions.order_rows) == [
        f"{name} · 추진 현황 보고서 제출 · 금요일까지 부탁합니다 · 발송 {clock_text(desk.book.steps[o.order_id][0].at)}"
        for name, o in sorted((o.recipient_name, o) for o in given)]
    qtbot.mouseClick(sheet.actions.order_rows[0], Qt.MouseButton.LeftButton)
    assert window.centre.currentWidget() is window.orders_panel


def test_the_contacts_panel_orders_a_person_or_a_whole_group(qtbot, tmp_path, wall):  # noqa: F811
    contacts = tmp_path / "contacts.toml"
    contacts.write_text(CREW, encoding="utf-8")
    app = wall(feeds_config(tmp_path, [], f'[calls]\ncontacts = "{contacts}"\nvideo_display = "fakevideo,nil"\n'
                                          f'[orders]\nport = {free_port()}\nfield_listen = ""\n'))
    panel, form = app.window.contacts_panel, app.window.order_form
    assert set(panel.order_buttons) == {("group", "주요사업 담당"), ("group", "소방 지휘차"), ("contact", "seoullo-mgr"),
                                        ("contact", "sewoon-mgr"), ("contact", "jongno-cmd")}
    qtbot.mouseClick(panel.order_buttons[("group", "소방 지휘차")], Qt.MouseButton.LeftButton)
    assert form.title.fullText() == "업무 지시 · 소방 지휘차 전체" and form.groups() == ["소방 지휘차"]
    qtbot.mouseClick(panel.order_buttons[("contact", "sewoon-mgr")], Qt.MouseButton.LeftButton)
    assert form.people() == ["sewoon-mgr"] and form.groups() == []
    qtbot.mouseClick(form.buttons["site-check"], Qt.MouseButton.LeftButton)
    [given] = app.orders.book.orders.values()
    assert (given.recipient, given.subject, given.subject_name) == ("sewoon-mgr", "contact:sewoon-mgr", "시장 직접 지시")
