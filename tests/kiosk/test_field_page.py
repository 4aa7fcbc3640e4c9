"""The field page in a real headless browser (Debian's chromium, driven by selenium), on a real broker, with
the wall's book on the other side: open the link, see the order, press 확인 / 착수 / 완료, see the wall change.
Tokens are checked; one person's link never shows another's orders. The page runs as the wall runs it: in a
process of its own, supervised."""

import json
import urllib.error
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from feeds.orders import ACKNOWLEDGED, DELIVERED, DONE, SENT, STARTED
from kiosk.field.launch import field_process
from kiosk.field.spec import FieldSpec
from tests.conftest import free_port
from tests.kiosk.test_orders_transport import USERS, broker, listening, order, wall  # noqa: F401 (fixtures)

PEOPLE = {"gangdong-cmd": "강동 지휘1호차", "mapo-cmd": "마포 지휘1호차"}
TOKENS = {"gangdong-cmd": "g" * 22, "mapo-cmd": "m" * 22}


def credentials_file(path):
    """The credentials file the wall would have made, with the test broker's passwords."""
    field = {cid: {"token": TOKENS[cid], "password": USERS[cid]} for cid in PEOPLE}
    path.write_text(json.dumps({"wall_password": USERS["wall"], "field": field}), encoding="utf-8")
    return str(path)


@pytest.fixture
def field_page(qtbot, broker, tmp_path):  # noqa: F811
    """`start(port, listening_first, **limits)`: the field page's process as the wall supervises it; its port."""
    started = []

    def start(port=None, listening_first=True, **limits):
        spec = FieldSpec("127.0.0.1", port or free_port(), "127.0.0.1", broker[0], False,
                         credentials_file(tmp_path / "credentials.json"), str(tmp_path / "field.sqlite3"), PEOPLE,
                         **limits)
        started.append(field_process(spec, tmp_path))
        started[-1].start()
        if listening_first:  # a loaded machine: Python and aiohttp start
            qtbot.waitUntil(lambda: listening(spec.port), timeout=30000)
        return started[-1], spec.port

    yield start
    for process in started:
        process.stop()


@pytest.fixture
def field(field_page):
    return f"http://127.0.0.1:{field_page()[1]}"


@pytest.fixture
def phone():
    """Chromium at a phone's size."""
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=390,844",
                     "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    yield browser
    browser.quit()


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def press(qtbot, phone, order_id, state):
    def button():
        found = phone.find_elements(By.CSS_SELECTOR, f'section[data-order="{order_id}"] button[data-state="{state}"]')
        return found[0] if found else None
    qtbot.waitUntil(lambda: button() is not None, timeout=10000)
    button().click()


def test_the_officer_opens_the_link_and_takes_the_order_to_done(qtbot, wall, field, phone, tmp_path):  # noqa: F811
    book = wall()
    given = order()
    book.give([given])
    qtbot.waitUntil(lambda: book.state(given.order_id) == SENT, timeout=5000)  # the page is not open yet
    phone.get(f"{field}/f/{TOKENS['gangdong-cmd']}")
    qtbot.waitUntil(lambda: given.text in phone.find_element(By.ID, "orders").text, timeout=15000)
    qtbot.waitUntil(lambda: book.state(given.order_id) == DELIVERED, timeout=10000)  # the page's own receipt
    assert "강동 지휘1호차" in phone.find_element(By.ID, "who").text
    press(qtbot, phone, given.order_id, ACKNOWLEDGED)
    qtbot.waitUntil(lambda: book.state(given.order_id) == ACKNOWLEDGED, timeout=10000)
    press(qtbot, phone, given.order_id, STARTED)
    qtbot.waitUntil(lambda: book.state(given.order_id) == STARTED, timeout=10000)
    qtbot.waitUntil(lambda: bool(phone.find_elements(By.TAG_NAME, "textarea")), timeout=10000)
    phone.find_element(By.TAG_NAME, "textarea").send_keys("진화 완료, 인명 피해 없음")
    phone.save_screenshot(str(tmp_path / "field-page.png"))
    press(qtbot, phone, given.order_id, DONE)
    qtbot.waitUntil(lambda: book.state(given.order_id) == DONE, timeout=10000)
    assert book.steps[given.order_id][-1].report == "진화 완료, 인명 피해 없음"
    assert [s.actor for s in book.steps[given.order_id]][-3:] == ["강동 지휘1호차"] * 3


def test_a_link_shows_only_its_owners_orders_and_a_wrong_token_nothing(qtbot, wall, field):  # noqa: F811
    book = wall()
    given = order()
    book.give([given])
    qtbot.waitUntil(lambda: book.state(given.order_id) == SENT, timeout=5000)
    qtbot.waitUntil(lambda: bool(get(f"{field}/f/{TOKENS['gangdong-cmd']}/orders")[1]["orders"]), timeout=10000)
    status, mapo = get(f"{field}/f/{TOKENS['mapo-cmd']}/orders")
    assert status == 200 and mapo["orders"] == [] and mapo["name"] == "마포 지휘1호차"
    assert get(f"{field}/f/{'x' * 22}/orders")[0] == 404
    assert get(f"{field}/f/{TOKENS['gangdong-cmd'][:-1]}/orders")[0] == 404
    request = urllib.request.Request(f"{field}/f/{TOKENS['mapo-cmd']}/orders/{given.order_id}", method="POST",
                                     data=json.dumps({"state": ACKNOWLEDGED}).encode())
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)  # mapo's link, gangdong's order
    assert refused.value.code == 404 and book.state(given.order_id) == SENT
