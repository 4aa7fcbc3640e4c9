"""The sample startup-ecosystem figures the built-in configuration ships (samples/startups/indicators.csv):
three years of the four indicators, invented (the file says so), growing with a season. Regenerate with
`python -m kiosk.simulator.sample_startups samples/startups/indicators.csv`."""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

LAST = (2026, 10)  # the newest month reported
MONTHS = 36
START = {"hub_startups": 300.0, "investment_eok": 900.0, "jobs": 3600.0, "new_certified": 180.0}
GROWTH = {"hub_startups": 0.008, "investment_eok": 0.02, "jobs": 0.012, "new_certified": 0.01}  # a month
SOURCES = {"hub_startups": "서울창업허브 입주 현황 (예시)", "investment_eok": "투자 연계 실적 (예시)",
           "jobs": "창업기업 고용 조사 (예시)", "new_certified": "창업기업 확인 발급 (예시)"}


def months() -> list[tuple[int, int]]:
    year, month = LAST
    index = year * 12 + month - 1
    return [((index - n) // 12, (index - n) % 12 + 1) for n in range(MONTHS - 1, -1, -1)]


def indicators_csv() -> str:
    rng = random.Random(2017)
    lines = ["month,indicator,value,source"]
    for step, (year, month) in enumerate(months()):
        for key, start in START.items():
            season = 1 + 0.05 * math.sin((month - 3) / 12 * 2 * math.pi)
            value = start * (1 + GROWTH[key]) ** step * season * rng.uniform(0.96, 1.04)
            lines.append(f"{year}-{month:02d},{key},{round(value)},{SOURCES[key]}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else Path("samples/startups/indicators.csv")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(indicators_csv(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
