/* The partner map: country shapes from the vendored world-atlas TopoJSON (no tile
 * server), the focus city, partner cities as circles and the ties as arcs that the
 * server computed. Popups are DOM elements built with textContent.
 */
(function () {
  "use strict";
  var D = window.Diplomap;
  var el = D.el;
  var data = D.readJSON("map-data");
  var box = document.getElementById("map");
  if (!box || !data) { return; }

  var colours = {};
  data.legend.forEach(function (item) { colours[item.tie] = item.colour; });
  var quiet = { dormant: true, expired: true, planned: true, lapsed: true, inactive: true, cancelled: true };

  var map = L.map(box, { worldCopyJump: true, zoomSnap: 0.25, minZoom: 1, maxZoom: 9, attributionControl: false });
  map.setView([30, 20], 2);

  function popup(point) {
    var list = el("ul");
    point.ties.forEach(function (tie) {
      list.appendChild(el("li", {}, [
        el("a", { href: tie.url, text: tie.display }),
        el("span", { class: "muted", text: " · " + [D.term(tie.tie), D.term(tie.status)].filter(Boolean).join(" · ") })
      ]));
    });
    return el("div", { class: "map-popup" }, [
      el("h3", { text: point.display }),
      el("p", { class: "muted", text: [point.kind_label, point.country_name || point.country].filter(Boolean).join(" · ") }),
      list,
      el("p", {}, [el("a", { href: point.url, text: D.t("open_page") })])
    ]);
  }

  function drawPartners() {
    var bounds = [];
    data.arcs.forEach(function (arc) {
      L.polyline(arc.points, {
        color: colours[arc.tie] || "#64748b", weight: 2, opacity: 0.75,
        dashArray: quiet[arc.status] ? "4 6" : null, interactive: false
      }).addTo(map);
    });
    data.points.forEach(function (point) {
      var tie = point.ties[0] || {};
      L.circleMarker([point.lat, point.lon], {
        radius: 6, weight: 1.5, color: "#ffffff", fillColor: colours[tie.tie] || "#64748b", fillOpacity: 0.95
      }).bindPopup(popup(point)).bindTooltip(document.createTextNode(point.display)).addTo(map);
      bounds.push([point.lat, point.lon]);
    });
    if (data.focus && typeof data.focus.lat === "number") {
      L.circleMarker([data.focus.lat, data.focus.lon], {
        radius: 9, weight: 2, color: "#ffffff", fillColor: "#0f2a4a", fillOpacity: 1
      }).bindPopup(popup({ display: data.focus.display, kind_label: data.focus.kind_label,
        country: data.focus.country, country_name: data.focus.country_name, url: data.focus.url, ties: [] }))
        .bindTooltip(document.createTextNode(data.focus.display)).addTo(map);
      bounds.push([data.focus.lat, data.focus.lon]);
    }
    if (bounds.length > 1) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 5 }); }
  }

  function ready() {
    window.diplomapReady = true;
    box.setAttribute("data-ready", "1");
  }

  D.basemap(map, data.shapes).then(function () {
    drawPartners();
    ready();
  }).catch(function () {
    box.parentNode.insertBefore(el("p", { class: "warning", text: D.t("map_failed") }), box);
    drawPartners();
    ready();
  });
}());
