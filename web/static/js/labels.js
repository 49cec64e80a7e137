/* Labels that never overlap: Diplomap.placeLabels(network, nodes).
 *
 * Nodes carry `rank` (0 = most important, from the server's centrality) and their
 * full text in `fullLabel`. Labels are kept the same size on screen (13 px) whatever
 * the zoom; going down the ranks, a label is drawn only when its box does not
 * overlap a label already placed (nor the shape of one of the 40 most important
 * nodes), so zooming in makes room for more of them. The
 * others are hidden (font size 0) and shown by the tooltip on hover.
 * Returns the number of labels drawn; sets data-labels on the container.
 */
(function () {
  "use strict";
  var D = window.Diplomap;
  var SCREEN_PX = 13;
  var RESERVED = 40;
  var measureCtx = document.createElement("canvas").getContext("2d");
  measureCtx.font = SCREEN_PX + "px sans-serif";
  var widths = {};

  function textWidth(text) {
    if (!(text in widths)) { widths[text] = measureCtx.measureText(text).width; }
    return widths[text];
  }

  function overlaps(a, list) {
    for (var i = 0; i < list.length; i++) {
      var b = list[i];
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) { return true; }
    }
    return false;
  }

  function placeLabels(network, nodes, container) {
    var scale = network.getScale() || 1;
    var fontSize = SCREEN_PX / scale;
    var shown = nodes.get({ filter: function (n) { return !n.hidden; } });
    shown.sort(function (a, b) { return (a.rank || 0) - (b.rank || 0); });
    var positions = network.getPositions(shown.map(function (n) { return n.id; }));
    var placed = [];
    /* the most important nodes keep their shape clear of other labels */
    shown.slice(0, RESERVED).forEach(function (node) {
      var pos = positions[node.id];
      var r = (node.size || 10) + 1;
      if (pos) { placed.push({ x1: pos.x - r, x2: pos.x + r, y1: pos.y - r, y2: pos.y + r }); }
    });
    var updates = [];
    var drawn = 0;
    shown.forEach(function (node) {
      var text = node.fullLabel || node.label || "";
      var pos = positions[node.id];
      if (!pos || !text) { return; }
      var width = (textWidth(text) + 6) / scale;
      var height = (SCREEN_PX + 5) / scale;
      var top = pos.y + (node.shape === "box" ? -height / 2 : (node.size || 10) + 3);
      var box = { x1: pos.x - width / 2, x2: pos.x + width / 2, y1: top, y2: top + height };
      var keep = !overlaps(box, placed);
      var size = keep ? fontSize * (node.bold ? 1.15 : 1) : 0;
      if (keep) { placed.push(box); drawn += 1; }
      var current = node.font && node.font.size;
      if (current === undefined || Math.abs(current - size) > 0.01) {
        updates.push({ id: node.id, label: text, fullLabel: text,
          font: { size: size, strokeWidth: 3 / scale } });
      }
    });
    if (updates.length) { nodes.update(updates); }
    if (container) { container.setAttribute("data-labels", String(drawn)); }
    return drawn;
  }

  /* The drawn label boxes, in DOM pixels (for tests: none may overlap). */
  function labelBoxes(network, nodes) {
    var scale = network.getScale() || 1;
    var shown = nodes.get({ filter: function (n) { return !n.hidden && n.font && n.font.size > 0; } });
    var positions = network.getPositions(shown.map(function (n) { return n.id; }));
    return shown.map(function (node) {
      var pos = positions[node.id];
      var width = (textWidth(node.fullLabel || node.label) + 6) / scale;
      var height = (SCREEN_PX + 5) / scale;
      var top = pos.y + (node.shape === "box" ? -height / 2 : (node.size || 10) + 3);
      var a = network.canvasToDOM({ x: pos.x - width / 2, y: top });
      var b = network.canvasToDOM({ x: pos.x + width / 2, y: top + height });
      return { id: node.id, x1: a.x, y1: a.y, x2: b.x, y2: b.y };
    });
  }

  D.placeLabels = placeLabels;
  D.labelBoxes = labelBoxes;
}());
