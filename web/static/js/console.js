/* The Cypher console: the saved-query picker shows the chosen query's parameters,
 * and the result's nodes and relationships (#graph-data) are drawn. No HTML is
 * written from data: vis-network draws labels on a canvas and shows plain-text titles. */
(function () {
  "use strict";
  var D = window.Diplomap;
  var picker = document.getElementById("saved-name");
  if (picker) {
    var show = function () {
      document.querySelectorAll("fieldset.saved-params").forEach(function (set) {
        var chosen = set.getAttribute("data-query") === picker.value;
        set.hidden = !chosen;
        set.disabled = !chosen;
      });
    };
    picker.addEventListener("change", show);
    show();
  }
  var data = D.readJSON("graph-data");
  var container = document.getElementById("network");
  if (data && container && D.drawNetwork) { D.drawNetwork(container, data); }
}());
