/* Drawing a network that the server built (nodes, edges and options from pyvis).
 *
 * Diplomap.drawNetwork(container, data) returns {network, nodes, edges}, with the
 * vis DataSets so a page can add to them. When the drawing is ready to use (physics
 * settled, or the first frame for server-side layouts) it sets
 * window.diplomapReady = true and container.dataset.ready = "1"; the browser tests
 * and the benchmark wait for that.
 */
(function () {
  "use strict";
  var D = window.Diplomap;

  function drawNetwork(container, data) {
    var nodes = new vis.DataSet(data.nodes);
    var edges = new vis.DataSet(data.edges);
    var options = data.options || {};
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
    var done = false;

    function ready() {
      if (done) { return; }
      done = true;
      window.diplomapReadyAt = performance.now();  /* ms since navigation start (benchmark) */
      window.diplomapReady = true;
      container.setAttribute("data-ready", "1");
      document.dispatchEvent(new CustomEvent("diplomap:ready", { detail: { nodes: nodes.length } }));
    }

    var physics = options.physics && options.physics.enabled;
    if (!data.nodes.length) { ready(); }
    else if (physics) {
      network.once("stabilizationIterationsDone", function () {
        network.once("afterDrawing", ready);
        network.redraw();
      });
    } else {
      network.once("afterDrawing", ready);
    }
    return { network: network, nodes: nodes, edges: edges };
  }

  /* Place new nodes on a ring around `centre` (used when physics is off). */
  function ringAround(network, centre, newNodes) {
    var origin = network.getPositions([centre])[centre] || { x: 0, y: 0 };
    var radius = 120 + 12 * newNodes.length;
    newNodes.forEach(function (node, i) {
      var angle = (2 * Math.PI * i) / Math.max(newNodes.length, 1);
      node.x = origin.x + radius * Math.cos(angle);
      node.y = origin.y + radius * Math.sin(angle);
    });
  }

  D.drawNetwork = drawNetwork;
  D.ringAround = ringAround;
}());
