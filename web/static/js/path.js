/* The path finder's drawing: the union of the paths, from #graph-data. */
(function () {
  "use strict";
  var D = window.Diplomap;
  var data = D.readJSON("graph-data");
  var container = document.getElementById("network");
  if (!data || !container) { return; }
  var drawn = D.drawNetwork(container, data);
  drawn.network.on("doubleClick", function (params) {
    if (params.nodes.length) {
      window.location.assign("/entity/" + encodeURIComponent(params.nodes[0]));
    }
  });
}());
