// The wall's side of the map: Python sends JSON through runJavaScript, touches go back
// over QWebChannel. Feed text is only ever inserted with textContent, never as markup.
(function () {
  "use strict";
  var state = { map: null, layer: null, polygons: {}, values: {}, data: {}, selected: null, bridge: null };

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = String(text); }
    return node;
  }

  function init(map, layer, bounds) {
    state.map = map;
    state.layer = layer;
    map.fitBounds(bounds, { padding: [8, 8] });
    map.setMinZoom(map.getZoom() - 1);
    layer.eachLayer(function (polygon) {
      var props = polygon.feature.properties;
      state.polygons[props.name] = polygon;
      polygon.on("click", function () { touched(props.name); });
      var label = element("div", "district-label");
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
      new QWebChannel(window.qt.webChannelTransport, function (channel) { state.bridge = channel.objects.bridge; });
    }
  }

  function setScale(labelPx, valuePx, infoPx) {
    var root = document.documentElement.style;
    root.setProperty("--label-px", labelPx + "px");
    root.setProperty("--value-px", valuePx + "px");
    root.setProperty("--info-px", infoPx + "px");
  }

  // data: {district: {fill: "#rrggbb", label: "48", title: "중구", lines: ["PM10 48 ㎍/㎥", ...]}}
  function setDistricts(data) {
    state.data = data || {};
    Object.keys(state.polygons).forEach(function (name) {
      var item = state.data[name] || {};
      state.polygons[name].setStyle({ fillColor: item.fill || "#5c6370" });
      state.values[name].textContent = item.label === undefined ? "" : String(item.label);
    });
    if (state.selected) { showInfo(state.selected); }
  }

  function touched(name) {
    select(name);
    if (state.bridge) { state.bridge.districtClicked(name); }
  }

  function select(name) {
    if (state.selected && state.polygons[state.selected]) {
      state.polygons[state.selected].setStyle({ weight: 2, color: "#0d1117" });
    }
    state.selected = name && state.polygons[name] ? name : null;
    var info = document.getElementById("info");
    if (!state.selected) { info.style.display = "none"; return; }
    state.polygons[name].setStyle({ weight: 6, color: "#ffffff" });
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

  // For tests and diagnostics: what the page currently shows, as JSON.
  function snapshot() {
    var fills = {}, labels = {};
    Object.keys(state.polygons).forEach(function (name) {
      fills[name] = state.polygons[name].options.fillColor;
      labels[name] = state.values[name].textContent;
    });
    var info = document.getElementById("info");
    return JSON.stringify({ fills: fills, labels: labels, selected: state.selected,
      info: info ? info.textContent : "", infoHtml: info ? info.innerHTML : "",
      bridge: !!state.bridge, images: document.images.length });
  }

  function pointOf(name) {
    var p = state.map.latLngToContainerPoint(state.polygons[name].getBounds().getCenter());
    var props = state.polygons[name].feature.properties;
    var q = state.map.latLngToContainerPoint([props.label_lat, props.label_lon]);
    return JSON.stringify({ x: q.x, y: q.y, bx: p.x, by: p.y });
  }

  window.wall = { init: init, setScale: setScale, setDistricts: setDistricts, select: select,
    snapshot: snapshot, pointOf: pointOf, state: state };
})();
