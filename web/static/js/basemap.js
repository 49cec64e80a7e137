/* The world's country shapes under a Leaflet map, from the vendored world-atlas TopoJSON
 * (no tile server): Diplomap.basemap(map, url) resolves when they are drawn.
 */
(function () {
  "use strict";
  var D = window.Diplomap;

  /* Rings that cross the antimeridian (Russia, Fiji) would be drawn as a band across
   * the whole map: move their western points one turn east. */
  function unwrap(ring) {
    var lons = ring.map(function (p) { return p[0]; });
    if (Math.max.apply(null, lons) - Math.min.apply(null, lons) <= 180) { return ring; }
    return ring.map(function (p) { return p[0] < 0 ? [p[0] + 360, p[1]] : p; });
  }

  function unwrapGeometry(geometry) {
    if (!geometry) { return geometry; }
    if (geometry.type === "Polygon") { geometry.coordinates = geometry.coordinates.map(unwrap); }
    if (geometry.type === "MultiPolygon") {
      geometry.coordinates = geometry.coordinates.map(function (polygon) { return polygon.map(unwrap); });
    }
    return geometry;
  }

  D.basemap = function (map, url) {
    return D.getJSON(url).then(function (topology) {
      var shapes = topojson.feature(topology, topology.objects.countries);
      shapes.features.forEach(function (f) { unwrapGeometry(f.geometry); });
      L.geoJSON(shapes, {
        interactive: false,
        style: { color: "#9fb3c8", weight: 0.6, fillColor: "#f8fafc", fillOpacity: 1 }
      }).addTo(map);
    });
  };
}());
