"""The contacts file: the shipped samples (valid, what the generator writes), each kind of error with its
key path through `kiosk check-config`, and the links from a fire station and a project to their people."""

import pytest

from kiosk import cli
from kiosk.config import SAMPLE_CONTACTS
from feeds.contacts import ContactsError, for_project, for_station, load_contacts
from kiosk.simulator.sample_contacts import contacts_toml

GOOD = """[[contacts]]
id = "gangdong-cmd"
name = "강동 지휘1호차"
role = "현장지휘관"
organisation = "강동소방서"
sip = "sip:gangdong-cmd@10.1.2.3:5060"
phone = "02-470-0119"
groups = ["소방 지휘차"]
stations = ["강동소방서"]
"""


def write(tmp_path, text):
    path = tmp_path / "contacts.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_samples_are_valid_and_what_the_generator_writes():
    assert SAMPLE_CONTACTS.read_text(encoding="utf-8") == contacts_toml()
    contacts = load_contacts(SAMPLE_CONTACTS)
    assert len(contacts) == 25 + 26
    assert [c.name for c in for_station(contacts, "강동소방서")] == ["강동 지휘1호차"]
    assert [c.role for c in for_project(contacts, "seoullo-7017")] == ["서울역일대도시재생과장"]
    assert for_station(contacts, None) == []


@pytest.mark.parametrize("change, expected", [
    (('sip = "sip:gangdong-cmd@10.1.2.3:5060"', 'sip = "gangdong-cmd@10.1.2.3"'),
     "contacts[0].sip: 'gangdong-cmd@10.1.2.3' is not a SIP URI"),
    (('phone = "02-470-0119"', 'phone = "소방서"'), "contacts[0].phone: '소방서' is not a phone number"),
    (('groups =', 'grups ='), "contacts[0].grups: unknown key (typo?)"),
    (('sip = "sip:gangdong-cmd@10.1.2.3:5060"\nphone = "02-470-0119"\n', ''),
     "contacts[0]: give a sip URI, a phone number, or both"),
])
def test_each_kind_of_error_with_its_key_path(tmp_path, change, expected):
    old, new = change
    with pytest.raises(ContactsError) as info:
        load_contacts(write(tmp_path, GOOD.replace(old, new)))
    assert any(expected in p for p in info.value.problems), info.value.problems


def test_a_repeated_id_and_check_config(tmp_path, capsys):
    contacts = write(tmp_path, GOOD + "\n" + GOOD)
    config = tmp_path / "config.toml"
    config.write_text(f'[panels]\nair = ""\n[calls]\ncontacts = "{contacts}"\n', encoding="utf-8")
    assert cli.main(["check-config", str(config)]) == 1
    assert capsys.readouterr().err.strip() == f"error: calls.contacts: {contacts}: contact id 'gangdong-cmd' is used twice"
    contacts.write_text(GOOD, encoding="utf-8")
    assert cli.main(["check-config", str(config)]) == 0
