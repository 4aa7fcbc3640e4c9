"""Seoul's 25 autonomous districts (자치구) and the 권역 each belongs to."""

REGIONS: dict[str, tuple[str, ...]] = {
    "도심권": ("종로구", "중구", "용산구"),
    "서북권": ("은평구", "서대문구", "마포구"),
    "동북권": ("성동구", "광진구", "동대문구", "중랑구", "성북구", "강북구", "도봉구", "노원구"),
    "서남권": ("양천구", "강서구", "구로구", "금천구", "영등포구", "동작구", "관악구"),
    "동남권": ("서초구", "강남구", "송파구", "강동구"),
}

DISTRICTS: tuple[str, ...] = tuple(d for names in REGIONS.values() for d in names)

REGION_OF: dict[str, str] = {d: region for region, names in REGIONS.items() for d in names}
