/* The network explorer: draw the view, show details of a clicked entity, expand
 * its neighbours (double-click or the button), keep the "showing N" line true.
 *
 * The view comes from #graph-data (the same dict as /explore.json); expansion
 * fetches /explore.json?focus=ID&depth=1 with the page's filters and adds what is
 * new to the DataSets.
 */
(function () {
  "use strict";
  var D = window.Diplomap;
  var el = D.el;
  var data = D.readJSON("graph-data");
  var meta = D.readJSON("explore-meta");
  var container = document.getElementById("network");
  var panel = document.getElementById("details");
  var count = document.getElementById("view-count");
  if (!container || !data) { return; }

  var drawn = D.drawNetwork(container, data);
  var network = drawn.network;
  var nodes = drawn.nodes;
  var edges = drawn.edges;
  var expanded = {};
  var total = meta.total;

  function updateCount() {
    total = Math.max(total, nodes.length);
    count.textContent = D.t("showing", { shown: D.formatNumber(nodes.length), total: D.formatNumber(total) });
  }

  function filterQuery() {
    var query = new URLSearchParams();
    (meta.kinds || []).forEach(function (k) { query.append("kind", k); });
    (meta.statuses || []).forEach(function (s) { query.append("status", s); });
    (meta.themes || []).forEach(function (t) { query.append("theme", t); });
    (meta.countries || []).forEach(function (c) { query.append("country", c); });
    if (meta.collapse) { query.set("collapse", "1"); }
    return query;
  }

  function expand(id) {
    var query = filterQuery();
    query.set("focus", id);
    query.set("depth", "1");
    query.set("layout", "physics");
    var status = panel.querySelector(".expand-status");
    if (status) { status.textContent = D.t("loading"); }
    return D.getJSON(meta.explore_url + "?" + query.toString()).then(function (view) {
      var fresh = view.graph.nodes.filter(function (n) { return !nodes.get(n.id); });
      var physics = data.options.physics && data.options.physics.enabled;
      if (!physics) {
        D.ringAround(network, id, fresh);
        fresh.forEach(function (n) { n.physics = false; });
      }
      nodes.add(fresh);
      edges.add(view.graph.edges.filter(function (e) { return !edges.get(e.id); }));
      expanded[id] = true;
      updateCount();
      if (status) {
        status.textContent = fresh.length ? D.t("expanded", { count: fresh.length }) : D.t("nothing_new");
      }
      container.setAttribute("data-expanded", String(Object.keys(expanded).length));
      return fresh.length;
    }).catch(function () {
      if (status) { status.textContent = D.t("fetch_failed"); }
    });
  }

  function tieList(entity) {
    var list = el("ul", { class: "tie-list" });
    entity.ties.slice(0, 12).forEach(function (tie) {
      var facts = [tie.facts.since, D.term(tie.facts.status), D.term(tie.facts.role)].filter(Boolean);
      list.appendChild(el("li", {}, [
        el("span", { class: "verb", text: tie.verb + " " }),
        el("a", { href: tie.other.url, text: tie.other.display }),
        facts.length ? el("span", { class: "facts", text: " · " + facts.join(" · ") }) : null
      ]));
    });
    if (entity.ties_total > 12) {
      list.appendChild(el("li", { class: "more", text: "… " + D.formatNumber(entity.ties_total - 12) }));
    }
    return list;
  }

  function showNode(id) {
    var node = nodes.get(id);
    if (!node) { return; }
    D.clear(panel);
    panel.appendChild(el("h2", { text: node.name || node.label }));
    panel.appendChild(el("p", { class: "muted", text: [D.term(node.kind), node.country].filter(Boolean).join(" · ") }));
    var actions = el("div", { class: "actions vertical" }, [
      el("button", { type: "button", class: "primary", "data-action": "expand", text: D.t("expand"),
        onclick: function () { expand(id); } }),
      el("a", { class: "button", href: D.withId(meta.entity_page, id), text: D.t("open_page") }),
      el("a", { class: "button", href: meta.explore_page + "?focus=" + encodeURIComponent(id), text: D.t("focus_here") }),
      el("a", { class: "button", href: meta.path_url + "?a=" + encodeURIComponent(id), text: D.t("find_path") })
    ]);
    panel.appendChild(actions);
    panel.appendChild(el("p", { class: "expand-status muted", role: "status" }));
    var ties = el("section", { class: "ties" }, [el("h3", { text: D.t("ties") }), el("p", { class: "muted", text: D.t("loading") })]);
    panel.appendChild(ties);
    D.getJSON(D.withId(meta.entity_url, id)).then(function (entity) {
      ties.removeChild(ties.lastChild);
      ties.appendChild(tieList(entity));
    }).catch(function () { ties.lastChild.textContent = D.t("fetch_failed"); });
  }

  function showEdge(id) {
    var edge = edges.get(id);
    if (!edge) { return; }
    D.clear(panel);
    panel.appendChild(el("h2", { text: D.term(edge.type) }));
    String(edge.title || "").split("\n").forEach(function (line) {
      panel.appendChild(el("p", { text: line }));
    });
  }

  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); expand(params.nodes[0]); }
  });

  window.diplomapExplorer = { network: network, nodes: nodes, edges: edges, expand: expand, showNode: showNode };
}());
