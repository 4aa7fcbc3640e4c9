"""The notice bar: a slipping project waits there quietly, gives way to the alert banner (never above a
fire), opens its sheet, and once acknowledged stays quiet until the project starts slipping anew."""

from datetime import date, datetime, timedelta, timezone

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.app.alert_desk import AlertDesk
from kiosk.app.chime import Chime
from kiosk.app.state import DomainKey, WallState
from kiosk.config import Config
from widgets import theme
from widgets.alert_banner import AlertBanner
from widgets.disaster_panel import sample_items
from widgets.notice_bar import Notice, NoticeBar

NOW = datetime.now(timezone.utc)
SLIP = Notice("dasi-sewoon", "주요사업 지연 · 다시세운 프로젝트", "공정률 41.8% · 계획 55.5% (13.7%p 늦음)", date(2026, 11, 20))


def desk(qtbot, tmp_path):
    metrics = theme.Metrics(1.0)
    holder = QWidget()
    banner, bar = AlertBanner(metrics), NoticeBar(metrics)
    column = QVBoxLayout(holder)
    column.addWidget(banner)
    column.addWidget(bar)
    qtbot.addWidget(holder)
    holder.show()
    state = WallState(DomainKey.DISASTER)
    chime = Chime(tmp_path / "chime.wav", 0.0)
    alerts = AlertDesk(Config(), banner, bar, chime, state, lambda owner, key: None)
    alerts.holder = holder  # the widgets live as long as the desk
    return alerts, state


def test_a_notice_gives_way_to_an_alert_and_comes_back(qtbot, tmp_path):
    alerts, state = desk(qtbot, tmp_path)
    fire = sample_items(NOW + timedelta(minutes=14))[0]  # a fire that began now
    alerts.set_notices({DomainKey.PROJECTS: [SLIP]})
    assert alerts.notice_bar.isVisible() and alerts.chime.plays == 0  # quiet: no chime, the wall stays
    assert state.view.domain == DomainKey.DISASTER
    assert alerts.notice_bar.text.fullText() == "주요사업 지연 · 다시세운 프로젝트 — 공정률 41.8% · 계획 55.5% (13.7%p 늦음)"
    alerts.update({DomainKey.DISASTER: [fire]}, NOW)
    assert alerts.banner.isVisible() and not alerts.notice_bar.isVisible()  # never above a fire
    alerts.banner.ack_button.click()
    assert not alerts.banner.isVisible() and alerts.notice_bar.isVisible()


def test_an_acknowledged_notice_stays_quiet_until_the_slip_starts_again(qtbot, tmp_path):
    alerts, state = desk(qtbot, tmp_path)
    later = Notice("seoullo-7017", "주요사업 지연 · 서울로 7017", "공사 예정 종료일 3일 경과", date(2026, 11, 28))
    alerts.set_notices({DomainKey.PROJECTS: [SLIP, later]})
    assert alerts.notice_bar.text.fullText().endswith("(외 1건)") and alerts.notice_bar.ack_button.text() == "모두 확인"
    alerts.notice_bar.ack_button.click()
    assert not alerts.notice_bar.isVisible()
    alerts.set_notices({DomainKey.PROJECTS: [SLIP, later]})
    assert not alerts.notice_bar.isVisible()
    alerts.set_notices({DomainKey.PROJECTS: [SLIP]})  # back on plan, then slipping again from a new day
    alerts.set_notices({DomainKey.PROJECTS: [SLIP, Notice(later.key, later.title, later.detail, date(2026, 12, 5))]})
    assert alerts.notice_bar.isVisible() and alerts.notice_bar.key == "seoullo-7017"
    alerts.notice_bar.open_button.click()
    assert (state.view.domain, state.view.sheet) == (DomainKey.PROJECTS, "seoullo-7017")
    assert not alerts.notice_bar.isVisible()
