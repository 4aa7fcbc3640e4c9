"""Work orders on the real wall: its own Mosquitto and field page, a sheet's 업무 지시 → a template, the
orders panel following the order as the officer's page moves it on, the header, the audit trail."""

import json
import urllib.request
from datetime import datetime, timedelta, timezone

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk import cli
from kiosk.app import orders_desk
from kiosk.cache import CacheReader
from tests.conftest import free_port
from tests.kiosk.test_wall import wall  # noqa: F401 (fixture)
from tests.kiosk.wall_config import feeds_config
from widgets import theme
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
    qtbot.waitUntil(lambda: desk.link.is_connected, timeout=15000)
    desk.offer("gangdong-cmd", "incident:d/F1", "강동구 천호동 · 공장 화재")  # what the sheet's 업무 지시 does
    assert window.centre.currentWidget() is window.order_form
    qtbot.mouseClick(window.order_form.buttons["report-10min"], Qt.MouseButton.LeftButton)
    assert window.centre.currentWidget() is window.orders_panel
    [line] = desk.lines()
    qtbot.waitUntil(lambda: desk.book.state(line.order.order_id) == "발송", timeout=10000)
    assert window.header.orders.text() == "업무 지시 1"
    link = f"http://127.0.0.1:{field_port}/f/{desk.credentials.field['gangdong-cmd'].token}"
    qtbot.waitUntil(lambda: bool(json.load(urllib.request.urlopen(link + "/orders", timeout=5))["orders"]),
                    timeout=10000)  # the officer opens the page: the order is there
    for state in ("수신", "확인"):
        assert post(f"{link}/orders/{line.order.order_id}", {"state": state}) == 200
    qtbot.waitUntil(lambda: desk.book.state(line.order.order_id) == "확인", timeout=10000)
    labels = [label.text() for label in window.orders_panel.rows[0].findChildren(QLabel)]
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
    qtbot.waitUntil(lambda: desk.link.is_connected, timeout=15000)
    desk.offer("nowon-cmd", "incident:d/F2", "노원구 상계동 · 화재")
    qtbot.mouseClick(window.order_form.buttons["evacuate"], Qt.MouseButton.LeftButton)  # 3 min to acknowledge, 30 to do
    [line] = desk.lines()
    qtbot.waitUntil(lambda: desk.book.state(line.order.order_id) == "발송", timeout=10000)
    desk.book.check_escalations()
    assert window.order_bar.isHidden()
    now[0] += timedelta(minutes=3)
    desk.book.check_escalations()
    bar = window.order_bar
    assert bar.isVisible() and bar.text.text().startswith("업무 지시 미확인 · 노원 지휘1호차 — 주민 대피 안내 실시")
    assert bar.call_button.isHidden()  # calls are off here: no dead button
    assert window.header.orders.text() == "업무 지시 1 · 미확인 1"
    qtbot.mouseClick(bar.ack_button, Qt.MouseButton.LeftButton)
    assert bar.isHidden() and window.header.orders.text() == "업무 지시 1 · 미확인 1"  # seen, still late
    now[0] += timedelta(minutes=27)
    desk.book.check_escalations()
    assert bar.isVisible() and bar.text.text().startswith("업무 지시 기한 지남 · 노원 지휘1호차")
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
