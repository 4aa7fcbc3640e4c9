"""The sample contacts the built-in configuration ships (samples/contacts.toml): a command vehicle for each
of Seoul's fire stations and the manager of each sample project, invented people at the simulator's
field-staff addresses. Regenerate with `python -m kiosk.simulator.sample_contacts samples/contacts.toml`."""

from __future__ import annotations

import sys
from pathlib import Path

from feeds.contacts import Contact
from feeds.districts import DISTRICTS
from feeds.projects import SAMPLES, read_folder

STAFF_PORT = 18560  # the simulated staff's first port ([simulator] staff_port); the file is written with it
# where each kind of simulated staff listens above the first port (kiosk/simulator/staff.py); baresip also takes
# the next port (SIP over TLS), so they are two apart. Nobody listens at the offline one's. Each one's control
# socket is CONTROL_OFFSET above its SIP port: the staff use the first port … first + STAFF_SPAN - 1.
OFFSETS = {"answers": 0, "busy": 2, "declines": 4, "never answers": 6, "offline": 9}
CONTROL_OFFSET = 10
STAFF_SPAN = 17
ROMAN = {"강남구": "gangnam", "강동구": "gangdong", "강북구": "gangbuk", "강서구": "gangseo", "관악구": "gwanak",
         "광진구": "gwangjin", "구로구": "guro", "금천구": "geumcheon", "노원구": "nowon", "도봉구": "dobong",
         "동대문구": "dongdaemun", "동작구": "dongjak", "마포구": "mapo", "서대문구": "seodaemun", "서초구": "seocho",
         "성동구": "seongdong", "성북구": "seongbuk", "송파구": "songpa", "양천구": "yangcheon", "영등포구": "yeongdeungpo",
         "용산구": "yongsan", "은평구": "eunpyeong", "종로구": "jongno", "중구": "jung", "중랑구": "jungnang"}
BEHAVIOUR = {"gangseo-cmd": "busy", "mapo-cmd": "declines", "nowon-cmd": "never answers", "dobong-cmd": "offline"}


def staff_ports(first: int = STAFF_PORT) -> dict[str, int]:
    """Each kind of simulated staff's SIP port when the first is `first`."""
    return {behaviour: first + offset for behaviour, offset in OFFSETS.items()}


def at_staff_port(contacts: tuple[Contact, ...], first: int) -> tuple[Contact, ...]:
    """The sample contacts with their addresses moved to the simulated staff on `first` (the file has STAFF_PORT)."""
    def moved(sip: str) -> str:
        address, _, port = sip.rpartition(":")
        if not (address.endswith("@127.0.0.1") and port.isdigit() and 0 <= int(port) - STAFF_PORT < STAFF_SPAN):
            return sip
        return f"{address}:{int(port) - STAFF_PORT + first}"
    return tuple(c.model_copy(update={"sip": moved(c.sip)}) for c in contacts)


def contact_ids(behaviour: str) -> list[str]:
    """The sample contacts that behave so (every other one answers)."""
    ids = [f"{ROMAN[d]}-cmd" for d in DISTRICTS] + [f"{p.id}-mgr" for p, _r in read_folder(SAMPLES)[0]]
    return [i for i in ids if BEHAVIOUR.get(i, "answers") == behaviour]


def station(district: str) -> str:
    """The fire station as the dispatch feed names it (중구: 중부소방서)."""
    return "중부소방서" if district == "중구" else f"{district.removesuffix('구')}소방서"


def contacts_toml() -> str:
    lines = ["# 예시 연락처: invented people at the simulator's field-staff addresses (samples, not real staff).",
             "# One [[contacts]] per person; see docs/contacts.md.", ""]
    for district in DISTRICTS:
        cid = f"{ROMAN[district]}-cmd"
        port = staff_ports()[BEHAVIOUR.get(cid, "answers")]
        lines += ["[[contacts]]", f'id = "{cid}"', f'name = "{station(district).removesuffix("소방서")} 지휘1호차"',
                  'role = "현장지휘관"', f'organisation = "{station(district)}"',
                  f'sip = "sip:{cid}@127.0.0.1:{port}"', 'phone = "119"', 'groups = ["소방 지휘차"]',
                  f'stations = ["{station(district)}"]', ""]
    for project, _report in read_folder(SAMPLES)[0]:
        m = project.manager
        lines += ["[[contacts]]", f'id = "{project.id}-mgr"', f'name = "{m.name}"', f'role = "{m.title}"',
                  f'organisation = "{m.dept}"', f'sip = "sip:{project.id}-mgr@127.0.0.1:{STAFF_PORT}"',
                  f'phone = "{m.tel}"', 'groups = ["주요사업 담당"]', f'projects = ["{project.id}"]', ""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    Path(argv[0] if argv else "samples/contacts.toml").write_text(contacts_toml(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
