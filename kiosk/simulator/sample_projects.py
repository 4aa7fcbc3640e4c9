"""The 26 sample projects the built-in configuration ships (samples/projects/), written by this module.

The two the seed names (서울로 7017, 다시세운 프로젝트) and others of the same kind; every figure is
invented and each project.toml says `sample = true`, so the wall marks them 예시. Regenerate with
`python -m kiosk.simulator.sample_projects samples/projects` (the PDFs need Qt; it runs offscreen).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

REPORTED = date(2026, 11, 20)  # the samples' report date
MANAGERS = ("김서연", "이도윤", "박지호", "최하은", "정민준", "강수아", "조은우", "윤지안", "장서준", "임하윤", "한예준",
            "오채원", "서지훈", "신유나", "권도현", "황지유", "안시우", "송다인", "전주원", "홍서아", "고건우", "문나은",
            "양현우", "손지아", "배준서", "백소율")  # invented, one per sample
PHASES = (("기본계획·설계", 0.15, 10), ("인허가·보상", 0.15, 10), ("공사", 0.55, 70), ("준공·개장 준비", 0.15, 10))


@dataclass(frozen=True)
class Sample:
    id: str
    name: str
    category: str
    district: str
    lat: float
    lon: float
    start: date
    days: int  # planned length
    delay: int  # days each phase so far has slipped, cumulated (0: on plan)
    budget_eok: int
    dept: str
    keywords: tuple[str, ...]
    summary: str
    status: str = "정상"  # declared; 중단 stays so, 완료 follows from the dates
    pdf: bool = False
    area: tuple[tuple[float, float], ...] = ()  # an area instead of the point (its corners)


SAMPLES = (
    Sample("seoullo-7017", "서울로 7017", "도시재생", "중구", 37.5563, 126.9723, date(2025, 3, 1), 1100, 0, 597,
           "도시재생본부 서울역일대도시재생과", ("서울로", "7017"),
           "서울역 고가를 사람길로 바꾼 보행 공원과 주변 17개 보행길을 잇는 2단계 사업", pdf=True),
    Sample("dasi-sewoon", "다시세운 프로젝트", "도시재생", "종로구", 37.5693, 126.9957, date(2024, 9, 1), 1400, 150, 1110,
           "도시재생본부 세운재생과", ("다시세운", "세운상가"),
           "세운상가 일대 보행 데크와 제조 창업 거점을 잇는 도심 제조업 재생", pdf=True),
    Sample("donuimun-village", "돈의문 박물관마을", "역사문화", "종로구", 37.5690, 126.9680, date(2024, 1, 15), 1150, 0, 316,
           "도시재생본부 역사도심재생과", ("돈의문", "박물관마을"),
           "옛 새문안 동네를 근현대 100년의 기억을 담은 마을 박물관으로", pdf=True),
    Sample("culture-oil-tank", "문화비축기지", "문화", "마포구", 37.5713, 126.8937, date(2025, 1, 1), 900, 0, 560,
           "문화본부 문화정책과", ("문화비축기지", "석유비축기지"), "옛 석유비축기지를 시민 문화공원으로"),
    Sample("startup-hub", "서울창업허브", "경제", "마포구", 37.5474, 126.9530, date(2025, 6, 1), 800, 0, 320,
           "경제정책실 창업정책과", ("창업허브", "스타트업"), "창업 기업 보육과 투자 연계의 거점", pdf=True),
    Sample("ui-sinseol-line", "우이신설 경전철 연장", "교통", "강북구", 37.6630, 127.0125, date(2024, 5, 1), 1800, 40, 3780,
           "도시교통실 도시철도과", ("우이신설", "경전철"), "우이신설선을 방학역까지 잇는 연장 사업"),
    Sample("botanic-park", "서울식물원", "환경", "강서구", 37.5694, 126.8350, date(2024, 3, 1), 1000, 0, 2200,
           "푸른도시여가국 공원조성과", ("서울식물원", "마곡"), "마곡 도시개발지구의 도시형 식물원과 호수공원"),
    Sample("changsin-sungin", "창신·숭인 도시재생", "도시재생", "종로구", 37.5760, 127.0130, date(2025, 2, 1), 1200, 0, 200,
           "도시재생본부 주거재생과", ("창신", "숭인"), "봉제 골목과 채석장 전망대를 잇는 주거지 재생",
           area=((37.5790, 127.0090), (37.5795, 127.0170), (37.5735, 127.0185), (37.5722, 127.0100))),
    Sample("upcycling-plaza", "서울새활용플라자", "환경", "성동구", 37.5700, 127.0630, date(2025, 4, 1), 700, 0, 290,
           "기후환경본부 자원순환과", ("새활용", "업사이클"), "버려진 자원을 새 제품으로: 새활용 산업 거점 확충"),
    Sample("gyeongchun-forest", "경춘선 숲길", "환경", "노원구", 37.6190, 127.0850, date(2024, 4, 1), 950, 0, 380,
           "푸른도시여가국 조경과", ("경춘선 숲길",), "폐선 부지 6 km를 잇는 선형 공원 마지막 구간"),
    Sample("gwanghwamun-square", "광화문광장 보행 개선", "도시공간", "종로구", 37.5725, 126.9769, date(2025, 1, 15), 650, 0, 815,
           "균형발전본부 광화문광장사업과", ("광화문광장",), "광장 서측 보행 공간 확대와 역사 물길 조성"),
    Sample("nodeul-island", "노들섬 복합문화공간", "문화", "용산구", 37.5175, 126.9585, date(2025, 5, 1), 1100, 20, 690,
           "균형발전본부 공공개발기획과", ("노들섬",), "한강 한가운데 섬을 음악과 자연의 공간으로"),
    Sample("haebangchon", "해방촌 도시재생", "도시재생", "용산구", 37.5430, 126.9870, date(2024, 8, 1), 1000, 0, 100,
           "도시재생본부 주거재생과", ("해방촌", "신흥시장"), "신흥시장 아케이드와 108계단 승강기"),
    Sample("yeongdong-transit", "영동대로 복합환승센터", "교통", "강남구", 37.5105, 127.0600, date(2024, 1, 2), 2200, 260, 17000,
           "도시교통실 교통정책과", ("영동대로", "복합환승센터"), "GTX·도시철도·버스를 잇는 지하 복합환승센터"),
    Sample("dongbuk-line", "동북선 경전철", "교통", "성북구", 37.6020, 127.0400, date(2024, 7, 1), 2000, 0, 9900,
           "도시교통실 도시철도과", ("동북선",), "왕십리에서 상계까지 13.4 km 경전철"),
    Sample("seobu-line", "서부선 경전철", "교통", "서대문구", 37.5650, 126.9330, date(2026, 3, 1), 2400, 0, 16000,
           "도시교통실 도시철도과", ("서부선",), "새절에서 서울대입구까지 16 km 경전철, 기본설계 단계"),
    Sample("seoul-station-north", "서울역 북부역세권 개발", "도시공간", "중구", 37.5590, 126.9700, date(2025, 2, 1), 1600, 0, 16000,
           "균형발전본부 공공개발기획과", ("서울역 북부", "역세권"), "철도 유휴 부지의 국제회의·업무 복합 개발"),
    Sample("changdong-sanggye", "창동·상계 신경제중심지", "경제", "도봉구", 37.6530, 127.0470, date(2024, 10, 1), 1700, 45, 3500,
           "균형발전본부 동북권사업과", ("창동", "상계", "서울아레나"), "창동 차량기지 일대 일자리·문화 거점"),
    Sample("jemulpo-tunnel", "제물포터널", "교통", "양천구", 37.5270, 126.8750, date(2023, 9, 1), 1250, 0, 7200,
           "도시기반시설본부 도로시설부", ("제물포터널",), "여의대로와 신월IC를 잇는 지하 도로", status="정상"),
    Sample("seobu-expressway", "서부간선도로 평면화", "교통", "구로구", 37.4950, 126.8800, date(2025, 3, 1), 900, 0, 1200,
           "도시기반시설본부 도로계획과", ("서부간선도로",), "지하도로 개통 뒤 지상 도로를 도시 공간으로"),
    Sample("sillim-line", "신림선 연장", "교통", "관악구", 37.4840, 126.9290, date(2025, 9, 1), 1500, 0, 2100,
           "도시교통실 도시철도과", ("신림선",), "관악산역에서 서울대 정문까지 연장", status="중단"),
    Sample("jamsil-mice", "잠실 국제교류복합지구", "경제", "송파구", 37.5140, 127.0730, date(2024, 6, 1), 2400, 0, 21000,
           "균형발전본부 국제교류복합지구추진단", ("잠실 마이스", "국제교류복합지구"), "잠실운동장 일대 전시·컨벤션·스포츠 복합 개발"),
    Sample("hangang-nature", "한강 자연성 회복", "환경", "영등포구", 37.5280, 126.9330, date(2025, 4, 1), 1000, 0, 640,
           "미래한강본부 한강사업총괄부", ("한강 자연성",), "콘크리트 호안을 자연형으로, 생태 숲 조성",
           area=((37.5300, 126.9150), (37.5330, 126.9300), (37.5250, 126.9420), (37.5225, 126.9300))),
    Sample("magok-rnd", "마곡 R&D 도시개발", "경제", "강서구", 37.5600, 126.8270, date(2023, 11, 1), 1050, 0, 4300,
           "균형발전본부 마곡사업과", ("마곡",), "연구개발 산업단지 마지막 필지 조성"),
    Sample("sejongdaero-forest", "세종대로 사람숲길", "도시공간", "중구", 37.5640, 126.9770, date(2025, 8, 1), 600, 30, 190,
           "도시교통실 보행정책과", ("세종대로", "사람숲길"), "숭례문에서 서울광장까지 보행로와 가로숲"),
    Sample("innovation-park", "서울혁신파크 재조성", "도시공간", "은평구", 37.6090, 126.9340, date(2025, 10, 1), 1400, 0, 2500,
           "균형발전본부 서북권사업과", ("혁신파크",), "옛 질병관리본부 부지의 복합 거점 재조성"),
)


def phases(sample: Sample) -> list[dict]:
    """The four phases, planned end to end; the delay grows through the phases already begun."""
    milestones, start = [], sample.start
    for index, (name, share, _weight) in enumerate(PHASES):
        end = start + timedelta(days=round(sample.days * share) - 1)
        slip = timedelta(days=round(sample.delay * (index + 1) / len(PHASES)))
        entry = {"name": name, "planned_start": start, "planned_end": end}
        if start + slip <= REPORTED:
            entry["actual_start"] = start + slip
        if end + slip < REPORTED:
            entry["actual_end"] = end + slip
        milestones.append(entry)
        start = end + timedelta(days=1)
    return milestones


def percent_at(sample: Sample, day: date, delay: int) -> float:
    """공정률 on `day` with the work running `delay` days behind plan (phases weighted by PHASES)."""
    done, start = 0.0, sample.start + timedelta(days=delay)
    for _name, share, weight in PHASES:
        length = round(sample.days * share)
        done += weight * min(1.0, max(0.0, (day - start).days / length))
        start += timedelta(days=length)
    return round(done, 1)


def history(sample: Sample) -> list[dict]:
    """Monthly reports before the latest, back to the project's start (at most two years)."""
    months = [date(REPORTED.year, REPORTED.month, 1) - timedelta(days=30 * n) for n in range(24, 0, -1)]
    return [{"as_of": d.replace(day=1), "percent": percent_at(sample, d.replace(day=1), sample.delay)}
            for d in months if d > sample.start]


def toml_value(value) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(toml_value, value)) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    return str(value)


def project_toml(sample: Sample, documents: list[tuple[str, str]]) -> str:
    done = sample.status != "중단" and sample.start + timedelta(days=sample.days + sample.delay) < REPORTED
    planned = percent_at(sample, REPORTED, 0)
    lines = [
        "# 예시 사업: every figure below is invented (sample = true shows it on the wall).",
        f"id = {toml_value(sample.id)}", f"name = {toml_value(sample.name)}",
        f"category = {toml_value(sample.category)}", f"status = {toml_value('완료' if done else sample.status)}",
        "sample = true", f"summary = {toml_value(sample.summary)}",
        f"news_keywords = {toml_value(list(sample.keywords))}",
        f"updated_at = {REPORTED}", 'updated_by = "예시 자료"', "",
        "[location]", *([f"area = {toml_value([list(c) for c in sample.area])}"] if sample.area
                        else [f"lat = {sample.lat}", f"lon = {sample.lon}"]),
        f"district = {toml_value(sample.district)}", "",
        "[budget]", f"total_eok = {sample.budget_eok}",
        f"spent_eok = {round(sample.budget_eok * percent_at(sample, REPORTED, sample.delay) / 100)}", "",
        "[progress]", f"percent = {percent_at(sample, REPORTED, sample.delay)}", f"planned_percent = {planned}",
        f"as_of = {REPORTED}", 'source = "월간 공정 보고 (예시)"',
        "history = [", *(f"  {toml_value(h)}," for h in history(sample)), "]", "",
        "[manager]", f"name = {toml_value(MANAGERS[SAMPLES.index(sample)] + ' (예시)')}",
        f"title = {toml_value(sample.dept.split()[-1] + '장')}", f"dept = {toml_value(sample.dept)}",
        'tel = "02-120"', "",
    ]
    for milestone in phases(sample):
        lines += ["[[milestones]]", *(f"{k} = {toml_value(v)}" for k, v in milestone.items()), ""]
    for title, file in documents:
        lines += ["[[documents]]", f"title = {toml_value(title)}", f"file = {toml_value(file)}", ""]
    return "\n".join(lines)


def detail_md(sample: Sample) -> str:
    return f"""# {sample.name}

> 예시 자료입니다. 사업명 외의 모든 수치와 일정은 시연을 위해 만든 것입니다.

## 사업 목적

{sample.summary}.

## 주요 내용

- 위치: 서울 {sample.district}
- 총사업비: {sample.budget_eok:,}억 원
- 담당: {sample.dept}

## 추진 방향

1. 시민 의견을 설계 단계부터 반영합니다.
2. 공사 중 보행과 교통 불편을 줄입니다.
3. 완공 뒤 운영 계획을 함께 세웁니다.

**진행 상황**은 매월 공정 보고로 갱신됩니다.
"""


def write_pdf(path: Path, sample: Sample) -> None:
    """A short Korean 사업 개요서 (three A4 pages), drawn with Qt's PDF writer."""
    from PySide6.QtCore import QMarginsF, QRectF, Qt
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(20, 20, 20, 20)))
    writer.setResolution(150)
    writer.setTitle(f"{sample.name} 사업 개요서 (예시)")
    writer.setCreator("seoul-wall sample generator")
    painter = QPainter(writer)
    area = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
    pages = [
        (f"{sample.name}\n사업 개요서 (예시)", f"{sample.summary}.\n\n위치: 서울 {sample.district}\n"
         f"총사업비: {sample.budget_eok:,}억 원\n담당: {sample.dept}\n\n이 문서는 시연용 예시입니다."),
        ("추진 일정", "\n".join(f"{m['name']}: {m['planned_start']} ~ {m['planned_end']}" for m in phases(sample))),
        ("기대 효과", "시민의 일상 공간을 넓히고 지역 경제를 살립니다.\n공사 중 불편을 줄이는 방안을 함께 추진합니다."),
    ]
    for number, (title, body) in enumerate(pages):
        if number:
            writer.newPage()
        painter.setFont(_font(QFont, 30, bold=True))
        painter.drawText(area.adjusted(0, 0, 0, -area.height() * 0.7), Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                         title)
        painter.setFont(_font(QFont, 20))
        painter.drawText(area.adjusted(0, area.height() * 0.3, 0, 0),
                         Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, body)
        painter.setFont(_font(QFont, 10))
        painter.drawText(area, Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignRight, f"{number + 1} / {len(pages)}")
    painter.end()


def _font(font_type, points: int, bold: bool = False):
    font = font_type()
    font.setFamilies(["NanumGothic", "NanumBarunGothic", "Noto Sans CJK KR"])
    font.setPointSize(points)
    font.setBold(bold)
    return font


def write_samples(root: Path, pdfs: bool = True) -> None:
    """Every sample's folder under `root` (project.toml, detail.md and, for a few, a PDF)."""
    for sample in SAMPLES:
        folder = root / sample.id
        folder.mkdir(parents=True, exist_ok=True)
        documents = [("사업 개요서 (예시)", "사업개요서.pdf")] if sample.pdf and pdfs else []
        (folder / "project.toml").write_text(project_toml(sample, documents), encoding="utf-8")
        (folder / "detail.md").write_text(detail_md(sample), encoding="utf-8")
        if documents and not (folder / documents[0][1]).exists():  # a PDF carries its creation time: kept
            write_pdf(folder / documents[0][1], sample)


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([])  # the PDF writer draws text with the application's fonts
    write_samples(Path(argv[0]) if argv else Path("samples/projects"))
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
