// Test-side probe of the map page: what is drawn, read from Leaflet's objects and the DOM only
// (the production page keeps no hooks for tests). Injected by tests/map_probe.py before each query.
window.probe = window.probe || (function () {
  "use strict";
  function find(type) {
    for (var key in window) {
      try { if (window[key] instanceof type) { return window[key]; } } catch (e) { /* cross-origin getters */ }
    }
    return null;
  }
  function map() { return find(L.Map); }
  function districts() {
    var byName = {};
    find(L.GeoJSON).eachLayer(function (p) { byName[p.feature.properties.name] = p; });
    return byName;
  }
  function centre(node) {
    var box = node.getBoundingClientRect(), frame = map().getContainer().getBoundingClientRect();
    return { x: box.left + box.width / 2 - frame.left, y: box.top + box.height / 2 - frame.top };
  }
  function snapshot() {
    var fills = {}, labels = {}, hidden = [], selected = null, polygons = districts();
    Object.keys(polygons).forEach(function (name) {
      fills[name] = polygons[name].options.fillColor;
      if (polygons[name].getElement().classList.contains("selected")) { selected = name; }
    });
    document.querySelectorAll(".district-label").forEach(function (label) {
      var name = label.querySelector(".name").textContent;
      labels[name] = label.querySelector(".value").textContent;
      if (label.style.visibility === "hidden") { hidden.push(name); }
    });
    var info = document.getElementById("info");
    return { fills: fills, labels: labels, hidden: hidden, selected: selected,
      info: info && info.style.display !== "none" ? info.textContent : "", infoHtml: info ? info.innerHTML : "",
      bridge: document.body.dataset.bridge === "ready", images: document.images.length };
  }
  function pins() {
    var out = { pins: [], clusters: [], focused: null, zoom: map().getZoom(),
      html: document.querySelector(".leaflet-marker-pane").innerHTML };
    document.querySelectorAll(".leaflet-marker-pane .pin").forEach(function (pin) {
      var p = centre(pin), entry = { cls: pin.className, text: pin.textContent, x: p.x, y: p.y };
      if (pin.dataset.ids) { entry.ids = pin.dataset.ids.split(","); out.clusters.push(entry); return; }
      entry.id = pin.dataset.id;
      out.pins.push(entry);
      if (pin.classList.contains("focused")) { out.focused = entry.id; }
    });
    return out;
  }
  function cameras() {
    var states = {}, room = {}, nodes = document.querySelectorAll(".camera-pin");
    nodes.forEach(function (pin) {
      states[pin.dataset.id] = pin.className.replace(/.*state-/, "").split(" ")[0];
      room[pin.dataset.id] = pin.style.visibility === "hidden" ? "hidden" : pin.classList.contains("bare") ? "bare" : "named";
    });
    return { shown: nodes.length > 0, cameras: states, room: room, elements: nodes.length };
  }
  function pointOf(name) {
    var polygon = districts()[name], props = polygon.feature.properties;
    var p = map().latLngToContainerPoint(polygon.getBounds().getCenter());
    var q = map().latLngToContainerPoint([props.label_lat, props.label_lon]);
    return { x: q.x, y: q.y, bx: p.x, by: p.y };
  }
  function roads() {
    var lines = [];
    map().eachLayer(function (layer) {
      if (layer instanceof L.Polyline && !(layer instanceof L.Polygon)) {  // one layer may draw many links
        var latlngs = layer.getLatLngs(), parts = Array.isArray(latlngs[0]) ? latlngs : [latlngs];
        parts.forEach(function (part) { lines.push({ colour: layer.options.color, points: part.length }); });
      }
    });
    var spots = {};
    document.querySelectorAll(".place-mark").forEach(function (spot) {
      spots[spot.dataset.id] = { level: spot.querySelector(".place-level").textContent,
        pulse: spot.classList.contains("pulse"), bare: spot.classList.contains("bare") };
    });
    var areas = [];
    map().eachLayer(function (layer) {
      if (layer instanceof L.Polygon && layer.options.className === "place-area") {
        areas.push({ colour: layer.options.color, corners: layer.getLatLngs()[0].length });
      }
    });
    return { lines: lines, places: spots, areas: areas, zoom: map().getZoom() };
  }
  function inView() {
    var view = map().getBounds(), names = [];
    Object.keys(districts()).forEach(function (name) {
      var props = districts()[name].feature.properties;
      if (view.contains([props.label_lat, props.label_lon])) { names.push(name); }
    });
    return { districts: names.sort(), zoom: map().getZoom() };
  }
  function placeTouch(id) { document.querySelector('.place-mark[data-id="' + id + '"]').click(); return true; }
  function cameraTouch(id) { document.querySelector('.camera-pin[data-id="' + id + '"]').click(); return true; }
  return { snapshot: snapshot, pins: pins, cameras: cameras, pointOf: pointOf, cameraTouch: cameraTouch, roads: roads,
    placeTouch: placeTouch, inView: inView };
})();
