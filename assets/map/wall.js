// The wall's side of the map: Python sends JSON through runJavaScript, touches go back
// over QWebChannel. Feed text is only ever inserted with textContent, never as markup.
(function () {
  "use strict";
  var state = { map: null, layer: null, polygons: {}, values: {}, data: {}, selected: null, bridge: null,
    bounds: null, pins: null, items: {}, markers: {}, clusters: {}, shown: {}, focused: null, pinPx: 40,
    cameraLayer: null, colours: {}, severity: [], labels: [], cameraPins: [], tidyQueued: false,
    roadLayer: null, roads: {}, placeLayer: null, beatMs: 0, beating: false };

  var FOCUS_CLOSER = 1.25;  // zoom steps in from all of Seoul for a focus: 2.4 times closer

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = String(text); }
    return node;
  }

  function init(map, layer, bounds) {
    state.map = map;
    state.layer = layer;
    state.bounds = bounds;
    map.fitBounds(bounds, { padding: [8, 8] });
    map.setMinZoom(map.getZoom() - 1);
    map.setMaxZoom(17);  // street level; with no tile layer Leaflet has no maximum and cannot zoom
    state.pins = L.layerGroup().addTo(map);
    state.cameraLayer = L.layerGroup();
    map.createPane("roads").style.zIndex = 460;  // over the river (bridges), under labels and pins
    map.getPane("roads").style.pointerEvents = "none";
    state.roadRenderer = L.canvas({ pane: "roads", padding: 0.2 });  // thousands of links: one canvas
    state.roadLayer = L.layerGroup().addTo(map);
    state.placeLayer = L.layerGroup().addTo(map);
    map.on("zoomend", renderPins);
    map.on("zoomend moveend", tidy);
    layer.eachLayer(function (polygon) {
      var props = polygon.feature.properties;
      state.polygons[props.name] = polygon;
      polygon.on("click", function () { touched(props.name); });
      var label = element("div", "district-label");
      state.labels.push(label);
      label.appendChild(element("div", "name", props.name));
      state.values[props.name] = label.appendChild(element("div", "value", ""));
      L.marker([props.label_lat, props.label_lon], {
        icon: L.divIcon({ className: "", html: label, iconSize: null }), interactive: false, keyboard: false
      }).addTo(map);
    });
    var info = element("div", "");
    info.id = "info";
    info.addEventListener("click", function () { select(null); });
    document.body.appendChild(info);
    if (window.qt && window.qt.webChannelTransport) {
      new QWebChannel(window.qt.webChannelTransport, function (channel) {
        state.bridge = channel.objects.bridge;
        document.body.dataset.bridge = "ready";  // touches reach Python from now on
        startBeat();
      });
    }
  }

  // settings: {px: {label, value, info, pin}, colours: {name: "#rrggbb"}, severity: [kind, ...] most severe first,
  // beat_ms} (sizes, colours, the severity order and the heartbeat are the Python side's, handed over once).
  function configure(settings) {
    var root = document.documentElement.style;
    Object.keys(settings.px).forEach(function (name) { root.setProperty("--" + name + "-px", settings.px[name] + "px"); });
    Object.keys(settings.colours).forEach(function (name) { root.setProperty("--c-" + name, settings.colours[name]); });
    state.colours = settings.colours;
    state.severity = settings.severity;
    state.pinPx = settings.px.pin;
    state.beatMs = settings.beat_ms;
    setDistricts(state.data);
    startBeat();
  }

  // The page's heartbeat, once it has both the bridge and its period: Python reloads a page that stops
  // beating (its renderer hung, or its script is stuck).
  function startBeat() {
    if (!state.bridge || !state.beatMs || state.beating) { return; }
    state.beating = true;
    state.bridge.heartbeat();
    window.setInterval(function () { state.bridge.heartbeat(); }, state.beatMs);
  }

  // ---- incidents: pins, clusters, focus --------------------------------------------------
  // items: [{id, kind, label, lat, lon, open, major, title}]; major pins (fires) are never
  // clustered and sit on top. Markers are kept per id and only rebuilt when their look changes.
  function setIncidents(items) {
    var next = {};
    (items || []).forEach(function (item) { next[item.id] = item; });
    Object.keys(state.markers).forEach(function (id) {
      if (!next[id]) { hide(state.markers[id]); delete state.markers[id]; }
    });
    state.items = next;
    Object.keys(next).forEach(function (id) { markerFor(next[id]); });
    if (state.focused && !next[state.focused]) { state.focused = null; }
    renderPins();
  }

  function markerFor(item) {
    var look = [item.kind, item.label, item.open, item.major, item.lat, item.lon, state.focused === item.id].join("|");
    var marker = state.markers[item.id];
    if (marker && marker.look === look) { return marker; }
    var pin = element("div", "pin kind-" + item.kind + (item.open ? "" : " closed") +
      (item.major && item.open ? " pulse" : "") + (state.focused === item.id ? " focused" : ""), item.label);
    pin.dataset.id = item.id;
    var icon = L.divIcon({ className: "", html: pin, iconSize: null });
    if (marker) {
      marker.setLatLng([item.lat, item.lon]);
      marker.setIcon(icon);
    } else {
      marker = L.marker([item.lat, item.lon], { icon: icon, keyboard: false });
      marker.on("click", function () { incidentTouched(item.id); });
    }
    marker.setZIndexOffset(item.major ? 1000 : 0);
    marker.look = look;
    state.markers[item.id] = marker;
    return marker;
  }

  function renderPins() {
    if (!state.map) { return; }
    var wanted = {}, cells = {}, cellPx = state.pinPx * 2.2;
    Object.keys(state.items).forEach(function (id) {
      var item = state.items[id];
      if (item.major || id === state.focused) { wanted["i:" + id] = state.markers[id]; return; }
      var p = state.map.latLngToLayerPoint([item.lat, item.lon]);
      var key = Math.floor(p.x / cellPx) + ":" + Math.floor(p.y / cellPx);
      (cells[key] = cells[key] || []).push(item);
    });
    Object.keys(cells).forEach(function (key) {
      var members = cells[key];
      if (members.length === 1) { wanted["i:" + members[0].id] = state.markers[members[0].id]; return; }
      var cluster = clusterFor(key, members);
      wanted["c:" + key + ":" + cluster.look] = cluster;
    });
    Object.keys(state.shown).forEach(function (key) {
      if (wanted[key] !== state.shown[key]) { hide(state.shown[key]); delete state.shown[key]; }
    });
    Object.keys(wanted).forEach(function (key) {
      if (!state.shown[key]) { state.pins.addLayer(wanted[key]); state.shown[key] = wanted[key]; }
    });
    tidy();
  }

  function clusterFor(key, members) {
    var rank = function (kind) { var i = state.severity.indexOf(kind); return i < 0 ? state.severity.length : i; };
    var worst = members.reduce(function (a, b) { return rank(a.kind) <= rank(b.kind) ? a : b; });
    var look = members.length + "|" + worst.kind + "|" + members.map(function (m) { return m.id; }).join(",");
    var cached = state.clusters[key];
    if (cached && cached.look === look) { return cached; }
    var lat = 0, lon = 0;
    members.forEach(function (m) { lat += m.lat; lon += m.lon; });
    var pin = element("div", "pin cluster kind-" + worst.kind, String(members.length));
    pin.dataset.ids = members.map(function (m) { return m.id; }).join(",");
    var marker = L.marker([lat / members.length, lon / members.length],
      { icon: L.divIcon({ className: "", html: pin, iconSize: null }), keyboard: false });
    var bounds = L.latLngBounds(members.map(function (m) { return [m.lat, m.lon]; }));
    marker.on("click", function () { state.map.fitBounds(bounds.pad(0.5), { maxZoom: 16 }); });
    marker.look = look;
    state.clusters[key] = marker;
    return marker;
  }

  function hide(marker) {
    if (marker && state.pins.hasLayer(marker)) { state.pins.removeLayer(marker); }
    Object.keys(state.shown).forEach(function (key) { if (state.shown[key] === marker) { delete state.shown[key]; } });
  }

  function incidentTouched(id) {
    if (state.bridge) { state.bridge.incidentClicked(id); }
  }

  // Zoom to an incident and mark it (null: back to all of Seoul).
  function focusIncident(id) {
    var previous = state.focused;
    state.focused = id && state.items[id] ? id : null;
    [previous, state.focused].forEach(function (key) { if (key && state.items[key]) { markerFor(state.items[key]); } });
    var item = state.items[state.focused];
    focusPlace(item ? item.lat : null, item ? item.lon : null);
    renderPins();
  }

  // data: {district: {fill: "#rrggbb", label: "48", title: "중구", lines: ["PM10 48 ㎍/㎥", ...]}}
  function setDistricts(data) {
    state.data = data || {};
    Object.keys(state.polygons).forEach(function (name) {
      var item = state.data[name] || {};
      state.polygons[name].setStyle({ fillColor: item.fill || state.colours["no-value"] });
      state.values[name].textContent = item.label === undefined ? "" : String(item.label);
    });
    tidy();
    if (state.selected) { showInfo(state.selected); }
  }

  function touched(name) {
    select(name);
    if (state.bridge) { state.bridge.districtClicked(name); }
  }

  function select(name) {
    var previous = state.polygons[state.selected];
    if (previous) {
      previous.setStyle({ weight: 2, color: state.colours.outline });
      previous.getElement().classList.remove("selected");
    }
    state.selected = name && state.polygons[name] ? name : null;
    var info = document.getElementById("info");
    if (!state.selected) { info.style.display = "none"; return; }
    state.polygons[name].setStyle({ weight: 6, color: state.colours.selected });
    state.polygons[name].getElement().classList.add("selected");
    state.polygons[name].bringToFront();
    showInfo(name);
  }

  function showInfo(name) {
    var info = document.getElementById("info");
    var item = state.data[name] || {};
    info.replaceChildren(element("div", "title", item.title || name));
    (item.lines || ["자료 없음 · no data"]).forEach(function (line) {
      info.appendChild(element("div", "line", line));
    });
    info.appendChild(element("div", "hint", "닫으려면 누르세요 · touch to close"));
    info.style.display = "block";
  }

  // ---- cameras: a layer of their own, shown or hidden by the CCTV area's toggle -----------
  // items: [{id, name, lat, lon, state}]; a touch plays the camera large.
  function setCameras(items) {
    state.cameraLayer.clearLayers();
    state.cameraPins = [];
    (items || []).forEach(function (item) {
      var pin = element("div", "camera-pin state-" + item.state, "CCTV");
      state.cameraPins.push(pin);
      pin.dataset.id = item.id;
      pin.appendChild(element("div", "camera-name", item.name));
      var marker = L.marker([item.lat, item.lon], { icon: L.divIcon({ className: "", html: pin, iconSize: null }),
        keyboard: false, zIndexOffset: -500 });
      marker.on("click", function () { if (state.bridge) { state.bridge.cameraClicked(item.id); } });
      marker.addTo(state.cameraLayer);
    });
    tidy();
  }

  function showCameras(shown) {
    if (shown) { state.cameraLayer.addTo(state.map); } else { state.cameraLayer.remove(); }
    tidy();
  }

  // ---- road links coloured by speed (교통상황); places marked by their level (every domain) ---------------------------
  // links: [{id, colour, points: [[lat, lon], ...]}]. One multi-part line per colour: thousands of
  // links cost three layers, not thousands (adding a layer to the map is what is dear).
  function setRoads(links) {
    var parts = {};
    (links || []).forEach(function (link) { (parts[link.colour] = parts[link.colour] || []).push(link.points); });
    Object.keys(state.roads).forEach(function (colour) {
      if (!parts[colour]) { state.roadLayer.removeLayer(state.roads[colour]); delete state.roads[colour]; }
    });
    Object.keys(parts).forEach(function (colour) {
      if (state.roads[colour]) { state.roads[colour].setLatLngs(parts[colour]); return; }
      state.roads[colour] = L.polyline(parts[colour], { renderer: state.roadRenderer, color: colour,
        weight: state.pinPx * 0.16, opacity: 0.95, lineCap: "round", interactive: false });
      state.roadLayer.addLayer(state.roads[colour]);
    });
  }

  // Places of any domain (hotspots, water stations …): [{id, name, level, colour, rank, alert, lat, lon}];
  // a touch reports the id (the domain on show opens its sheet).
  function setPlaces(spots) {
    state.placeLayer.clearLayers();
    (spots || []).forEach(function (spot) {
      if (spot.area && spot.area.length) {  // a place that is an area: its outline under the mark
        state.placeLayer.addLayer(L.polygon(spot.area, { color: spot.colour, weight: 3, fillColor: spot.colour,
          fillOpacity: 0.18, interactive: false, className: "place-area" }));
      }
      var mark = element("div", "place-mark" + (spot.alert ? " pulse" : ""));
      mark.dataset.id = spot.id;
      mark.dataset.rank = spot.rank;
      mark.style.borderColor = spot.colour;
      mark.appendChild(element("div", "place-name", spot.name));
      var level = mark.appendChild(element("div", "place-level", spot.level));
      level.style.background = spot.colour;
      var marker = L.marker([spot.lat, spot.lon], { icon: L.divIcon({ className: "", html: mark, iconSize: null }),
        keyboard: false, zIndexOffset: 500 });
      marker.on("click", function () { if (state.bridge) { state.bridge.placeClicked(spot.id); } });
      state.placeLayer.addLayer(marker);
    });
    tidy();
  }

  // Centre a place with its district's neighbours in view, the same share of Seoul on any screen
  // (null: back to all of Seoul).
  function focusPlace(lat, lon) {
    var city = state.map.getBoundsZoom(state.bounds, false, L.point(16, 16));  // the fit's 8 px a side
    if (lat === null || lon === null) { state.map.fitBounds(state.bounds, { padding: [8, 8], animate: false }); }
    else { state.map.setView([lat, lon], city + FOCUS_CLOSER, { animate: false }); }
  }

  // ---- labels give way: incident pins > district names > cameras; a label shows only where there is room.
  function tidy() {
    if (state.tidyQueued) { return; }
    state.tidyQueued = true;
    window.requestAnimationFrame(function () { state.tidyQueued = false; declutter(); });
  }

  function declutter() {
    var taken = [];
    var pins = document.querySelectorAll(".leaflet-marker-pane .pin:not(.closed)");
    pins.forEach(function (pin) { taken.push(pin.getBoundingClientRect()); });  // data: never hidden
    var spots = Array.prototype.slice.call(document.querySelectorAll(".leaflet-marker-pane .place-mark"));
    spots.sort(function (a, b) { return b.dataset.rank - a.dataset.rank; });  // the highest rank keeps its name
    spots.forEach(function (spot) {  // data too: never hidden, but without its name where there is no room
      spot.classList.remove("bare");
      if (!place(spot, taken)) { spot.classList.add("bare"); spot.style.visibility = ""; taken.push(spot.getBoundingClientRect()); }
    });
    document.querySelectorAll(".leaflet-marker-pane .pin.closed").forEach(function (pin) { place(pin, taken); });
    state.labels.forEach(function (label) { place(label, taken); });
    state.cameraPins.forEach(function (pin) {
      if (!pin.isConnected) { return; }
      pin.classList.remove("bare");
      if (place(pin, taken)) { return; }
      pin.classList.add("bare");  // no room for the name: the badge alone, if it fits
      place(pin, taken);
    });
  }

  function place(node, taken) {
    node.style.visibility = "";
    var box = node.getBoundingClientRect();
    var free = taken.every(function (other) {
      return box.right <= other.left || box.left >= other.right || box.bottom <= other.top || box.top >= other.bottom;
    });
    if (free) { taken.push(box); } else { node.style.visibility = "hidden"; }
    return free;
  }

  window.wall = { init: init, configure: configure, setDistricts: setDistricts, select: select,
    setIncidents: setIncidents, focusIncident: focusIncident, setCameras: setCameras, showCameras: showCameras,
    setRoads: setRoads, setPlaces: setPlaces, focusPlace: focusPlace };
})();
