/* The small map in an entity page's summary: the entity, and the partners it has
 * coordinates for, over the world's country shapes (js/basemap.js). Names are shown
 * as text tooltips; a click on a partner opens its page.
 */
(function () {
  "use strict";
  var D = window.Diplomap;
  var data = D.readJSON("entity-map-data");
  var box = document.getElementById("entity-map");
  if (!box || !data) { return; }

  var map = L.map(box, {
    zoomSnap: 0.25, minZoom: 1, maxZoom: 9, attributionControl: false, scrollWheelZoom: false
  });
  map.setView([30, 20], 1);  /* layers need a view before they are added */
  var colours = { agreement: "#b91c1c", other: "#0891b2" };

  function draw() {
    map.invalidateSize();
    var bounds = [];
    data.points.forEach(function (point) {
      L.circleMarker([point.lat, point.lon], {
        radius: 5, weight: 1, color: "#ffffff", fillColor: colours[point.tie] || "#64748b", fillOpacity: 0.95
      }).bindTooltip(document.createTextNode(point.display))
        .on("click", function () { window.location.href = point.url; })
        .addTo(map);
      bounds.push([point.lat, point.lon]);
    });
    if (data.focus) {
      L.circleMarker([data.focus.lat, data.focus.lon], {
        radius: 8, weight: 2, color: "#ffffff", fillColor: "#0f2a4a", fillOpacity: 1
      }).bindTooltip(document.createTextNode(data.focus.display)).addTo(map);
      bounds.push([data.focus.lat, data.focus.lon]);
    }
    if (bounds.length > 1) {
      map.fitBounds(bounds, { paddingTopLeft: [56, 40], paddingBottomRight: [32, 32], maxZoom: 4 });
    } else {
      map.setView(bounds[0] || [30, 20], bounds.length ? 4 : 1);
    }
  }

  function ready() { box.setAttribute("data-ready", "1"); }

  D.basemap(map, data.shapes).then(function () {
    draw();
    ready();
  }).catch(function () {
    box.parentNode.insertBefore(D.el("p", { class: "warning", text: D.t("map_failed") }), box);
    draw();
    ready();
  });
}());
