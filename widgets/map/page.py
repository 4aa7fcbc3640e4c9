"""Builds the map page once, into a folder of local files the web view may load."""

from __future__ import annotations

import shutil
from pathlib import Path

import folium
import xstatic.pkg.leaflet
from PySide6.QtCore import QFile, QIODevice

from widgets import theme
from widgets.map.geometry import bounds, han_river, seoul_districts

ASSETS = Path(__file__).resolve().parents[2] / "assets" / "map"
QWEBCHANNEL_RESOURCE = ":/qtwebchannel/qwebchannel.js"
SEOUL_CENTER = (37.5665, 126.978)
BASE_STYLE = {"color": theme.BACKGROUND, "weight": 2, "fillColor": theme.NO_VALUE_COLOUR, "fillOpacity": 0.85}
RIVER_STYLE = {"color": theme.WATER_EDGE, "weight": 1, "fillColor": theme.WATER, "fillOpacity": 1.0}
RIVER_PANE_Z = 450  # above the districts' fills, below their labels and the pins


def build_page(out_dir: Path, tile_url: str = "", tile_attribution: str = "") -> Path:
    """Write index.html and its scripts to `out_dir`; return the page's path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    _copy_libraries(out_dir)
    districts = seoul_districts()
    fmap = folium.Map(location=SEOUL_CENTER, zoom_start=11, tiles=None, zoom_control=False,
                      attribution_control=bool(tile_url), zoom_snap=0.1, max_bounds=True,
                      zoom_animation=False)  # instant zooms: a wall jumps to an incident
    fmap.default_js = [("leaflet", "lib/leaflet.js")]  # per instance: the class lists are shared
    fmap.default_css = [("leaflet_css", "lib/leaflet.css")]
    if tile_url:
        folium.TileLayer(tiles=tile_url, attr=tile_attribution or " ", name="tiles").add_to(fmap)
    layer = folium.GeoJson(districts, name="districts", style_function=lambda _f: BASE_STYLE)
    layer.add_to(fmap)
    folium.map.CustomPane("river", z_index=RIVER_PANE_Z, pointer_events=False).add_to(fmap)
    folium.GeoJson(han_river(), name="river", style_function=lambda _f: RIVER_STYLE, pane="river",
                   interactive=False).add_to(fmap)  # a touch on the river reaches the district under it
    root = fmap.get_root()
    for script in ("qwebchannel.js", "wall.js"):
        root.header.add_child(folium.Element(f'<script src="{script}"></script>'))
    root.header.add_child(folium.Element('<link rel="stylesheet" href="wall.css"/>'))
    # folium renders its own scripts after ours: initialise once the whole page has run
    root.script.add_child(folium.Element(
        'document.addEventListener("DOMContentLoaded", function () { '
        f"wall.init({fmap.get_name()}, {layer.get_name()}, {bounds(districts)}); }});"))
    page = out_dir / "index.html"
    page.write_text(root.render(), encoding="utf-8")
    return page


def _copy_libraries(out_dir: Path) -> None:
    lib = out_dir / "lib"
    lib.mkdir(exist_ok=True)
    leaflet = Path(xstatic.pkg.leaflet.BASE_DIR)
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copyfile(leaflet / name, lib / name)
    shutil.copytree(leaflet / "images", lib / "images", dirs_exist_ok=True)
    for name in ("wall.js", "wall.css"):
        shutil.copyfile(ASSETS / name, out_dir / name)
    (out_dir / "qwebchannel.js").write_bytes(_qwebchannel_js())


def _qwebchannel_js() -> bytes:
    resource = QFile(QWEBCHANNEL_RESOURCE)
    if not resource.open(QIODevice.OpenModeFlag.ReadOnly):
        raise RuntimeError(f"Qt resource {QWEBCHANNEL_RESOURCE} is missing (QtWebChannel not installed?)")
    try:
        return bytes(resource.readAll())
    finally:
        resource.close()
